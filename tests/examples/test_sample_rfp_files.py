"""예시 제안요청서 (examples/): 원본, 네 형식의 생성물, 손으로 만든 기능 목록.

- Every requirement ID of sample_rfp.md must survive into HWP, HWPX, DOCX and PDF, as text and
  as a table cell beside the 요구사항 고유번호 label, read back by independent parsers
  (hwp_hwpx_parser, unhwp, python-docx, pypdfium2, pdfplumber).
- The committed files must be what scripts/make_examples.py makes today.
- functions.yaml must quote the RFP word for word and give the hand counts written in
  examples/README.md (간이법 247.5 FP, 정통법 206 FP over the 52 measurable functions).
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import importlib.util
import io
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SOURCE = EXAMPLES / "sample_rfp.md"
FORMATS = ("hwp", "hwpx", "docx", "pdf")
ID_RE = re.compile(r"\b(?:SFR|PER|SIR|DAR|TER|SER|QUR|COR|PMR|PSR)-\d{3}\b")
ID_LABEL = "요구사항 고유번호"
AS_OF = dt.date(2026, 11, 1)

# Hand values, written independently in examples/README.md.
EXPECTED_BY_CATEGORY = {"SFR": 12, "PER": 2, "SIR": 2, "DAR": 2, "TER": 1, "SER": 2,
                        "QUR": 1, "COR": 2, "PMR": 2, "PSR": 2}
EXPECTED_TABLES = 36  # 6 overview/list tables + 28 requirement tables + 평가 항목 + 별첨 1
EXPECTED_FUNCTIONS = {"ILF": 8, "EIF": 2, "EI": 25, "EO": 2, "EQ": 17}
EXPECTED_SIMPLE_FP = Decimal("247.5")
EXPECTED_DETAILED_FP = Decimal("206")
UNMEASURABLE = {"감면자격정보", "감면 자격 조회"}


def _load_script():
    spec = importlib.util.spec_from_file_location("make_examples", REPO / "scripts" / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the script defines a dataclass
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source_ids(source_text) -> list[str]:
    return sorted(set(ID_RE.findall(source_text)))


# ── extraction, one function per parser ──────────────────────────────


def _hwp_parser_text_and_rows(path: Path):
    import hwp_hwpx_parser

    reader = hwp_hwpx_parser.read(path)
    try:
        text = reader.text
        rows = [list(map(str, row)) for table in reader.tables for row in table.rows]
        return text, rows, len(reader.tables)
    finally:
        reader.close()


def _unhwp_text_and_rows(path: Path):
    import unhwp

    result = unhwp.parse(str(path))
    try:
        tables = result.get_tables()
        rows = [row for table in tables for row in csv.reader(io.StringIO(table["text"]))]
        return result.plain_text, rows, len(tables)
    finally:
        result.close()


def _docx_text_and_rows(path: Path):
    import docx

    document = docx.Document(str(path))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    text = "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join("\t".join(r) for r in rows)
    return text, rows, len(document.tables)


def _pdf_text(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _pdf_text_and_rows(path: Path):
    import pdfplumber

    rows = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[cell or "" for cell in row] for row in table]
    return _pdf_text(path), rows, None  # pdfplumber splits tables at page breaks


EXTRACTORS = {
    ("hwp", "hwp_hwpx_parser"): _hwp_parser_text_and_rows,
    ("hwp", "unhwp"): _unhwp_text_and_rows,
    ("hwpx", "hwp_hwpx_parser"): _hwp_parser_text_and_rows,
    ("hwpx", "unhwp"): _unhwp_text_and_rows,
    ("docx", "python-docx"): _docx_text_and_rows,
    ("pdf", "pypdfium2+pdfplumber"): _pdf_text_and_rows,
}


def _ids_in_id_cells(rows: list[list[str]]) -> set[str]:
    """IDs found in a table row whose label cell is 요구사항 고유번호 (merged label cells repeat)."""
    found = set()
    for row in rows:
        cells = [re.sub(r"\s+", " ", c).strip() for c in row]
        if cells and cells[0] == ID_LABEL:
            found |= {c for c in cells[1:] if ID_RE.fullmatch(c)}
    return found


# ── the markdown source ──────────────────────────────────────────────


def test_source_has_the_planned_requirements(source_text, source_ids):
    by_category = collections.Counter(i[:3] for i in source_ids)
    assert dict(by_category) == EXPECTED_BY_CATEGORY
    # one detailed table per requirement, and the 요구사항 목록 lists each once
    detail_ids = re.findall(rf"^\| {ID_LABEL} \| ({ID_RE.pattern}) \|$", source_text, re.M)
    assert sorted(detail_ids) == source_ids
    listed = re.findall(rf"^\| ({ID_RE.pattern}) \| [^|]+ \| [^|]+ \|$", source_text, re.M)
    assert sorted(listed) == source_ids
    assert "| 합계 | | 28 |" in source_text


def test_source_is_free_of_personal_data(source_text):
    phones = re.findall(r"\b\d{2,4}-\d{3,4}-\d{4}\b", source_text)
    assert set(phones) <= {"000-0000-0000"}
    assert "@" not in source_text
    assert not re.search(r"\d{6}-\d{7}", source_text)  # 주민등록번호 꼴


def test_source_leaves_out_exactly_the_answer_key_legal_items(source_text):
    # answer key (examples/README.md 3.2): items 1, 7, 17 are missing on purpose
    for absent in ("과업심의", "심의위원회", "영향평가", "공동활용"):
        assert absent not in source_text, absent
    for present in ("20억원 미만", "중소 소프트웨어사업자만", "100분의 50", "재하도급은 금지",
                    "최종 검수일로부터 1년", "공동으로 소유", "협상에 의한 계약",
                    "기술능력평가 90% : 가격평가 10%", "85% 이상", "적정 사업기간 종합 산정서",
                    "www.spir.kr", "원격지 개발", "투입인력의 수"):
        assert present in source_text, present


def test_planted_quality_problems_are_in_their_requirements(source_text):
    tables = {m.group(1): m.group(0) for m in re.finditer(
        rf"\| {ID_LABEL} \| ({ID_RE.pattern}) \|.*?(?=\n\n)", source_text, re.S)}
    assert "적절한" in tables["SFR-002"]
    assert "신속하게" in tables["SFR-009"] and "신속하게" in tables["PSR-002"]
    assert "최대한" in tables["QUR-001"]
    assert "등 그 밖의" in tables["SFR-003"] and "신청·변경·취소" in tables["SFR-003"]
    assert not re.search(r"\d", tables["PER-002"].split("| 세부내용 |")[1].split("\n")[0])
    assert "3초 이내" in tables["PER-001"]  # the control: a measurable PER


# ── the generated files ──────────────────────────────────────────────


@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_file_exists(fmt):
    path = EXAMPLES / f"sample_rfp.{fmt}"
    assert path.is_file() and path.stat().st_size > 10_000


@pytest.mark.parametrize(("fmt", "parser"), list(EXTRACTORS))
def test_every_requirement_id_survives(fmt, parser, source_ids):
    text, rows, n_tables = EXTRACTORS[(fmt, parser)](EXAMPLES / f"sample_rfp.{fmt}")
    missing_text = [i for i in source_ids if i not in text]
    assert not missing_text, f"{fmt}/{parser}: IDs missing from text: {missing_text}"
    missing_cells = sorted(set(source_ids) - _ids_in_id_cells(rows))
    assert not missing_cells, f"{fmt}/{parser}: IDs not in a '{ID_LABEL}' table row: {missing_cells}"
    if n_tables is not None:
        assert n_tables == EXPECTED_TABLES
    assert "가상시 시민 체육시설 예약관리시스템 구축 사업" in text
    assert "₩330,000,000" in text


def test_docx_requirement_tables_merge_the_detail_label():
    import docx

    document = docx.Document(str(EXAMPLES / "sample_rfp.docx"))
    req_tables = [t for t in document.tables if t.cell(0, 0).text == "요구사항 분류"]
    assert len(req_tables) == 28
    for table in req_tables:
        labels = [(row.cells[0].text, row.cells[1].text) for row in table.rows]
        assert ("요구사항 상세설명", "정의") in labels and ("요구사항 상세설명", "세부내용") in labels
        assert table.cell(1, 0)._tc is table.cell(1, 1)._tc  # 고유번호 label spans two columns


def test_pdf_embeds_the_korean_font_and_renders():
    import pdfplumber
    import pypdfium2

    path = EXAMPLES / "sample_rfp.pdf"
    with pdfplumber.open(str(path)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    assert fonts and all(f.startswith("NanumGothic") for f in fonts), fonts
    assert "제안요청서" in _pdf_text(path)

    pdf = pypdfium2.PdfDocument(str(path))
    image = pdf[0].render(scale=60 / 72).to_pil().convert("L")
    pdf.close()
    dark = sum(image.histogram()[:128])
    assert dark > 2_000, "page 1 looks blank"


def test_pdf_pages_rasterise_with_pdftoppm(tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2",
                    str(EXAMPLES / "sample_rfp.pdf"), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 5_000 for p in pages)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("examples")
    return _load_script().make_all(out)


@pytest.mark.parametrize("fmt", ("hwp", "hwpx", "docx"))
def test_committed_file_is_what_the_script_makes(fmt, regenerated):
    committed = (EXAMPLES / f"sample_rfp.{fmt}").read_bytes()
    assert regenerated[fmt].read_bytes() == committed, (
        f"examples/sample_rfp.{fmt} is stale: run .venv/bin/python scripts/make_examples.py")


def test_committed_pdf_text_is_what_the_script_makes(regenerated):
    # PDF bytes depend on the fonts installed; the text must not.
    assert _pdf_text(regenerated["pdf"]) == _pdf_text(EXAMPLES / "sample_rfp.pdf"), (
        "examples/sample_rfp.pdf is stale: run .venv/bin/python scripts/make_examples.py")


# ── functions.yaml, the hand count ───────────────────────────────────


@pytest.fixture(scope="module")
def function_rows() -> list[dict]:
    return yaml.safe_load((EXAMPLES / "functions.yaml").read_text(encoding="utf-8"))["functions"]


def test_function_list_shape_and_trace(function_rows, source_text, source_ids):
    keys = {"name", "type", "det", "ret", "ftr", "requirement_id", "evidence", "note"}
    sfr = {i for i in source_ids if i.startswith("SFR")}
    for row in function_rows:
        assert set(row) == keys, row["name"]
        assert row["requirement_id"] in sfr, row["name"]
        assert row["evidence"] in source_text, f"evidence is not quoted from the RFP: {row['name']}"
        if row["type"] in ("ILF", "EIF"):
            assert row["ftr"] is None, row["name"]
        else:
            assert row["ret"] is None, row["name"]
    assert {row["requirement_id"] for row in function_rows} == sfr  # every SFR yields a function
    assert len({row["name"] for row in function_rows}) == len(function_rows)
    assert {r["name"] for r in function_rows if r["det"] is None} == UNMEASURABLE


def test_function_list_hand_count_by_simple_method(function_rows):
    import balju.rules

    assert dict(collections.Counter(r["type"] for r in function_rows)) == EXPECTED_FUNCTIONS
    weights = balju.rules.at(AS_OF).value("fp.simple_weights")
    total = sum((weights[t] * n for t, n in EXPECTED_FUNCTIONS.items()), Decimal(0))
    assert total == EXPECTED_SIMPLE_FP


def test_function_list_through_balju_counter():
    """The project's own reader and counter agree with the README's hand figures."""
    import balju.rules
    from balju.fp.count import count
    from balju.functions.listfile import read_function_list

    rules = balju.rules.at(AS_OF)
    functions = read_function_list(EXAMPLES / "functions.yaml")
    assert count(functions, "simple", rules).total == EXPECTED_SIMPLE_FP
    measurable = [f for f in functions if f.name not in UNMEASURABLE]
    assert count(measurable, "detailed", rules).total == EXPECTED_DETAILED_FP
