"""Function list files: YAML/CSV/XLSX round trip and row-level errors."""

from __future__ import annotations

import pytest

from balju.errors import InputError
from balju.functions import Function
from balju.functions.listfile import read_function_list, write_function_list

FUNCTIONS = [
    Function(name="회원 정보", type="ILF", det=12, ret=2, requirement_id="SFR-001", evidence="회원 정보를 관리"),
    Function(name="결제 내역(PG사)", type="EIF", det=8, ret=1, requirement_id="SFR-005"),
    Function(name="회원 등록", type="EI", det=10, ftr=1, requirement_id="SFR-001", confidence=0.9),
    Function(name="이용 통계 보고서", type="EO", det=7, ftr=3, note="월별, 시설별"),
    Function(name="예약 현황 조회", type="EQ"),
]


def _strip_source(functions):
    return [Function(**{**f.__dict__, "source": None}) for f in functions]


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_round_trip(tmp_path, suffix):
    path = write_function_list(FUNCTIONS, tmp_path / f"list{suffix}")
    assert _strip_source(read_function_list(path)) == FUNCTIONS


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path, suffix):
    odd = [Function(name="=합계 조회", type="EQ", evidence='=HYPERLINK("http://x", "보기")', note="-1 건")]
    path = write_function_list(odd, tmp_path / f"odd{suffix}")
    assert _strip_source(read_function_list(path)) == odd
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        cell = load_workbook(path).active["A2"]
        assert (cell.value, cell.data_type) == ("=합계 조회", "s")


def test_control_characters_from_hwp_text_are_dropped_in_xlsx(tmp_path):
    path = write_function_list([Function(name="회원\x02 등록", type="EI", evidence="등록\x0b한다")], tmp_path / "c.xlsx")
    [back] = read_function_list(path)
    assert (back.name, back.evidence) == ("회원 등록", "등록한다")


def test_korean_headers_and_type_names(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("기능명,유형,DET,FTR\n회원 등록,외부입력,5,2\n\n회원 조회,eq,,\n", encoding="utf-8")
    functions = read_function_list(path)
    assert [(f.name, f.type, f.det, f.ftr) for f in functions] == [("회원 등록", "EI", 5, 2), ("회원 조회", "EQ", None, None)]


def test_cp949_csv(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("기능명,유형\n회원 등록,EI\n".encode("cp949"))
    assert read_function_list(path)[0].name == "회원 등록"


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("name,type\n회원 등록,EX\n", "2행, 'type' 열", "EX"),
        ("name,type,det\n회원 등록,EI,-3\n", "2행, 'det' 열", "DET"),
        ("name,type,det\n회원 등록,EI,2.5\n", "2행, 'det' 열", "DET"),
        ("name,type\n,EI\n", "2행, 'name' 열", "기능명"),
        ("name,det\n회원 등록,3\n", "1행", "유형"),
        ("name,type,confidence\n회원 등록,EI,1.5\n", "2행, 'confidence' 열", "0~1"),
        ("name,type,confidence\n회원 등록,EI,nan\n", "2행, 'confidence' 열", "0~1"),
    ],
)
def test_csv_errors_name_row_and_field(tmp_path, text, where, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_function_list(path)
    assert error.value.where == where
    assert message in error.value.message
    assert error.value.file == str(path)


def test_a_row_of_spaces_is_an_empty_row(tmp_path):
    path = tmp_path / "spaces.csv"
    path.write_text("name,type\n회원 등록,EI\n  ,  \n", encoding="utf-8")
    assert [(f.name, f.type) for f in read_function_list(path)] == [("회원 등록", "EI")]


def test_a_nested_yaml_value_is_refused_not_turned_into_text(tmp_path):
    path = tmp_path / "nested.yaml"
    path.write_text("functions:\n  - {name: [회원, 등록], type: EI}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_function_list(path)
    assert error.value.where == "functions[1], 'name' 열" and "값 하나" in error.value.fix


def test_yaml_error_names_item(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("functions:\n  - {name: a, type: EI}\n  - {name: b, type: XX}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_function_list(path)
    assert error.value.where.startswith("functions[2]")


@pytest.mark.parametrize("name, content", [("x.xlsx", b"not a zip"), ("x.yaml", b"functions: [unclosed"),
                                           ("x.txt", b"a"), ("empty.csv", b"name,type\n")])
def test_unreadable_or_empty_files(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_function_list(path)
    assert error.value.fix


LEFT_OUT = [
    Function(name="회원 변경", type="EI", requirement_id="SFR-001", confidence=0.31, note="변경 → EI"),
    Function(name="PG사 연계", type="EQ", requirement_id="SFR-005", confidence=0.27),
]


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_left_out_candidates_are_written_marked_and_read_as_not_counted(tmp_path, suffix):
    path = write_function_list(FUNCTIONS, tmp_path / f"list{suffix}", left_out=LEFT_OUT)
    # reading skips the two marked rows: the list comes back as it was
    assert _strip_source(read_function_list(path)) == FUNCTIONS
    text = path.read_text(encoding="utf-8-sig") if suffix != ".xlsx" else None
    if suffix == ".csv":
        lines = text.splitlines()
        assert lines[0].endswith(",빼기")
        # each candidate right after the last row of its requirement, marked O
        assert [line.split(",")[0] for line in lines[1:]] == [
            "회원 정보", "결제 내역(PG사)", "PG사 연계", "회원 등록", "회원 변경", "이용 통계 보고서", "예약 현황 조회"]
        assert lines[3].endswith(",O") and lines[5].endswith(",O") and lines[1].endswith(",")
    if suffix == ".yaml":
        assert text.count("left_out: true") == 2


def test_clearing_a_mark_counts_the_row(tmp_path):
    from openpyxl import load_workbook

    path = write_function_list(FUNCTIONS, tmp_path / "list.xlsx", left_out=LEFT_OUT)
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[-1] == "빼기"
    marked = [row for row in range(2, sheet.max_row + 1) if sheet.cell(row, len(header)).value == "O"]
    assert [sheet.cell(row, 1).value for row in marked] == ["PG사 연계", "회원 변경"]
    sheet.cell(marked[1], len(header)).value = None  # a person clears 회원 변경's 빼기
    book.save(path)
    back = read_function_list(path)
    assert [f.name for f in back] == ["회원 정보", "결제 내역(PG사)", "회원 등록", "회원 변경", "이용 통계 보고서", "예약 현황 조회"]
    assert back[3].confidence == 0.31 and back[3].note == "변경 → EI"


@pytest.mark.parametrize(("mark", "counted"), [("O", False), ("예", False), ("빼기", False), ("1", False),
                                               ("", True), ("X", True), ("아니오", True), ("0", True)])
def test_left_out_marks_a_person_may_type(tmp_path, mark, counted):
    path = tmp_path / "list.csv"
    path.write_text(f"기능명,유형,빼기\n회원 등록,EI,\n회원 변경,EI,{mark}\n", encoding="utf-8")
    names = [f.name for f in read_function_list(path)]
    assert names == (["회원 등록", "회원 변경"] if counted else ["회원 등록"])


def test_an_unknown_mark_or_every_row_marked_is_refused_with_the_place(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("기능명,유형,빼기\n회원 등록,EI,글쎄\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_function_list(path)
    assert "'글쎄'" in caught.value.message and caught.value.where == "2행, '빼기' 열"
    path.write_text("기능명,유형,빼기\n회원 등록,EI,O\n회원 변경,EI,O\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_function_list(path)
    assert "2행 모두 '빼기' 표시" in caught.value.message and "'빼기' 칸을 비우세요" in caught.value.fix
