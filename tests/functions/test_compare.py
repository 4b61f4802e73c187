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
