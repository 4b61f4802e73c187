"""What a person changed in a function list (balju.functions.compare), on lists written by hand."""

from __future__ import annotations

from balju.functions.compare import compare, counts
from balju.functions.model import Function


def f(name: str, kind: str, rid: str = "SFR-001") -> Function:
    return Function(name=name, type=kind, requirement_id=rid)


BEFORE = [f("회원", "ILF"), f("회원 가입", "EI"), f("회원 목록 조회", "EQ"), f("공지사항 등록", "EI", "SFR-007"),
          f("공지사항 삭제", "EI", "SFR-007"), f("이용 통계", "EO", "SFR-006")]


def test_each_kind_of_change():
    after = [
        f("회원 가입", "EQ"),                          # retyped
        f("회원 목록 조회", "EQ"),                     # unchanged
        f("공지사항 게시물 등록", "EI", "SFR-007"),     # renamed (alike, same requirement)
        f("공지사항 삭제", "EI", "SFR-007"),            # unchanged
        f("월별 이용 통계", "EO", "SFR-009"),           # added: another requirement, so not a rename
    ]
    got = [(c.kind, c.before.name if c.before else None, c.after.name if c.after else None) for c in compare(BEFORE, after)]
    assert got == [
        ("retyped", "회원 가입", "회원 가입"),
        ("renamed", "공지사항 등록", "공지사항 게시물 등록"),
        ("added", None, "월별 이용 통계"),
        ("removed", "회원", None),
        ("removed", "이용 통계", None),
    ]
    assert counts(compare(BEFORE, after)) == {"removed": 2, "added": 1, "retyped": 1, "renamed": 1}


def test_the_same_list_has_no_change_and_duplicates_pair_one_to_one():
    assert compare(BEFORE, list(BEFORE)) == []
    twice = [f("회원 가입", "EI"), f("회원 가입", "EI")]
    assert [c.kind for c in compare(twice, [f("회원 가입", "EI")])] == ["removed"]
    assert [c.kind for c in compare([f("회원 가입", "EI")], twice)] == ["added"]


def test_names_too_far_apart_are_a_removal_and_an_addition():
    changes = compare([f("회원 가입", "EI")], [f("시설 예약", "EI")])
    assert [(c.kind, c.kind_ko) for c in changes] == [("added", "더함"), ("removed", "뺌")]
    assert changes[0].requirement_id == "SFR-001"


def test_balju_compare_on_two_list_files(tmp_path, capsys):
    import json

    from balju.cli import main
    from balju.functions.listfile import write_function_list

    before = write_function_list(BEFORE, tmp_path / "제안.yaml")
    after = write_function_list([f("회원 가입", "EQ"), f("회원 목록 조회", "EQ"), f("공지사항 게시물 등록", "EI", "SFR-007"),
                                 f("공지사항 삭제", "EI", "SFR-007"), f("월별 이용 통계", "EO", "SFR-009")],
                                tmp_path / "고친.csv")
    assert main(["compare", str(before), str(after), "--as-of", "2026-11-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # 간이법: before ILF 7.5 + EI 4.0 × 3 + EQ 3.9 + EO 5.2 = 28.6; after EQ 3.9 × 2 + EI 4.0 × 2 + EO 5.2 = 21.0
    assert (data["before"]["fp_total"], data["after"]["fp_total"]) == (28.6, 21.0)
    assert data["counts"] == {"removed": 2, "added": 1, "retyped": 1, "renamed": 1}
    assert data["changes"][0] == {"kind": "retyped", "kind_ko": "유형 바뀜", "requirement_id": "SFR-001",
                                  "before": {"name": "회원 가입", "type": "EI", "requirement_id": "SFR-001"},
                                  "after": {"name": "회원 가입", "type": "EQ", "requirement_id": "SFR-001"}}
    assert main(["compare", str(before), str(after), "--as-of", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "기능 6 → 5개, 기능점수 28.6 → 21 FP (-7.6)" in out and "뺌 2 · 더함 1 · 유형 바뀜 1 · 이름 바뀜 1" in out
    assert main(["compare", str(before), str(tmp_path / "없음.yaml")]) == 2
    assert "파일이 없습니다" in capsys.readouterr().err
