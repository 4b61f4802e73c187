"""연간 현황 (`balju batch --overview`): stored reviews counted together."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from balju.batch.overview import overview
from balju.cli import main
from balju.store import Store

REVIEW = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "review.json"


def _review(sha: str, as_of: str, budget: int | None, guide: int | None, gap: float | None, verdict: str | None,
            missing: set[int], codes: list[str]) -> dict:
    r = copy.deepcopy(json.loads(REVIEW.read_text(encoding="utf-8")))
    r["source"]["sha256"], r["as_of"] = sha, as_of
    r["budget"].update(stated_budget=budget, guide_price=guide, gap_percent=gap, verdict=verdict)
    for item in r["compliance"]["items"]:
        if item["status"] in ("found", "missing"):
            item["status"] = "missing" if item["no"] in missing else "found"
    r["findings"] = [{"code": c, "severity": "warning", "message": f"{c} 예"} for c in codes]
    return r


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "year.db")
    with Store(path) as store:
        store.save_review(_review("a" * 64, "2024-02-01", 100_000_000, 200_000_000, -50.0, "short", {1, 16}, ["x", "x", "y"]))
        store.save_review(_review("b" * 64, "2024-06-01", 300_000_000, 200_000_000, 50.0, "over", {1}, ["x"]))
        store.save_review(_review("c" * 64, "2024-09-01", None, 150_000_000, None, "cannot_tell", set(), []))
        store.save_review(_review("d" * 64, "2025-01-10", 90_000_000, 100_000_000, -10.0, "adequate", {18}, ["y"]))
    return path


def test_the_overview_counts_by_hand(db):
    with Store(db) as store:
        result = overview(store.iter_reviews(year=2024, latest_per_file=True))
    # three 2024 reviews: 부족 1, 초과 1, 판단 불가 1; two with budget and guide: 1억+3억, 2억+2억;
    # gaps −50 and +50 → median 0; item 1 missing in 2 of 3, item 16 in 1 of 3
    assert result.reviews == 3
    assert result.verdicts == {"부족": 1, "초과": 1, "판단 불가": 1}
    assert (result.with_budget, result.budget_total, result.guide_total) == (2, 400_000_000, 400_000_000)
    assert result.gap_median == 0.0 and result.gap_quartiles is None
    top = {(c.no, c.missing) for c in result.compliance[:2]}
    assert top == {(1, 2), (16, 1)} and result.compliance[0].no == 1
    assert all(c.checked == 3 for c in result.compliance)
    # 'x' three times in two RFPs, 'y' once
    assert [(f.code, f.count, f.reviews) for f in result.findings] == [("x", 3, 2), ("y", 1, 1)]


def test_cli_overview_in_korean_and_json(db, capsys):
    assert main(["batch", "--overview", "--db", db, "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "제안요청서 3건" in out and "판정별: 부족 1, 초과 1, 판단 불가 1" in out
    assert "중앙값 +0.0%" in out and "1. 과업심의위원회: 2 / 3건" in out
    assert main(["batch", "--overview", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviews"] == 4 and data["verdicts"]["적정"] == 1 and data["gap_median"] == -10.0


def test_cli_overview_bad_input(db, capsys):
    assert main(["batch", "--overview", "--db", db, "--year", "24"]) == 2
    assert "2000~2100" in capsys.readouterr().err
    assert main(["batch", "some/folder", "--overview", "--db", db]) == 2
    assert "--overview" in capsys.readouterr().err


def test_corrections_compare_the_proposal_with_the_persons_list(tmp_path, capsys):
    # two RFPs proposed at 300 and 100 FP, corrected to 240 and 105 FP: ratios 0.8 and 1.05 →
    # median 0.925; within ±10%: only the second (|100 − 105| ≤ 10.5); total (400 − 345) / 345 = +15.9%
    from balju.batch.overview import corrections

    path = str(tmp_path / "c.db")
    with Store(path) as store:
        for sha, proposed, corrected in (("e" * 64, 300, 240), ("f" * 64, 100, 105)):
            original = _review(sha, "2024-05-01", None, None, None, None, set(), [])
            original["estimate"]["fp_total"] = proposed
            parent = store.save_review(original)
            fixed = _review(sha, "2024-05-01", None, None, None, None, set(), [])
            fixed["estimate"]["fp_total"] = corrected
            store.save_review(fixed, parent_id=parent)
        result = corrections(store.correction_pairs())
        assert (result.reviews, result.ratio_median, result.within_target, result.total_error) == (
            2, 0.925, 1, round(55 / 345, 4))
        # both proposed now (after v7's freeze) on RFPs v7 was not developed on: both first measurements
        assert (result.identifier, result.target, result.first_reviews, result.first_within_target,
                result.first_total_error) == ("v7", 0.1, 2, 1, round(55 / 345, 4))
        assert corrections(store.correction_pairs(year=2023)) is None
    assert main(["batch", "--overview", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "사람이 고친 기능 목록 2건: 고친 FP ÷ balju 제안 FP 중앙값 0.925, 제안이 ±10% 안 1건" in out
    assert "식별기 v7을 처음 재는 목록 2건: ±10% 안 1건, 합계로 제안이 +15.9% (목표 ±10%)" in out

    # the 300 FP proposal as if made before the freeze: only the 100 → 105 pair (−4.8%) is a first measurement
    import sqlite3

    with sqlite3.connect(path) as con:
        con.execute("UPDATE reviews SET created_at = '2026-11-30 10:00:00.000000' WHERE id = 1")
    with Store(path) as store:
        result = corrections(store.correction_pairs())
    assert (result.reviews, result.first_reviews, result.first_within_target, result.first_total_error) == (
        2, 1, 1, round(-5 / 105, 4))


def review_dict_of(functions: list[tuple[str, str]]) -> dict:
    """The fixture review with these functions (name, type) and an FP total (corrections need one)."""
    r = _review("e" * 64, "2024-05-01", None, None, None, None, set(), [])
    r["functions"] = [{"name": name, "type": kind, "requirement_id": "SFR-001"} for name, kind in functions]
    r["estimate"]["fp_total"] = 10
    return r


def test_the_per_type_counts_kept_between_requests_follow_a_new_correction(tmp_path):
    from balju.batch.overview import corrections
    from balju.functions.stored import stored_functions

    path = str(tmp_path / "cache.db")
    with Store(path) as store:
        parent = store.save_review(review_dict_of([("회원", "ILF"), ("회원 가입", "EI")]))
        first = store.save_review(review_dict_of([("회원", "ILF")]), parent_id=parent,
                                  function_list=[{"name": "회원", "type": "ILF", "requirement_id": "SFR-001"}])
        cache: dict = {}
        functions_of = lambda summary: stored_functions(store, summary.id)  # noqa: E731
        counted = corrections(store.correction_pairs(), functions_of, cache)
        assert counted.by_type["EI"]["removed"] == 1 and len(cache) == 1
        assert corrections(store.correction_pairs(), functions_of, cache).by_type == counted.by_type
        store.delete_review(first)
        again = store.save_review(review_dict_of([("회원", "ILF"), ("회원 가입", "EQ")]), parent_id=parent,
                                  function_list=[{"name": "회원", "type": "ILF", "requirement_id": "SFR-001"},
                                                 {"name": "회원 가입", "type": "EQ", "requirement_id": "SFR-001"}])
        assert again == first + 1  # a number is never given again (schema 5)
        recount = corrections(store.correction_pairs(), functions_of, cache).by_type
        assert (recount["EI"]["removed"], recount["EI"]["retyped_away"], recount["EQ"]["retyped_in"]) == (0, 1, 1)
