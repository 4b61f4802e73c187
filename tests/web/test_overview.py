"""연간 현황 in the web app: /overview and GET /api/overview count what `balju batch --overview` counts."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from balju.store import Store
from balju.web import create_app

REVIEW = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "review.json"


def _review(sha: str, as_of: str, gap: float | None, verdict: str, missing: set[int]) -> dict:
    r = copy.deepcopy(json.loads(REVIEW.read_text(encoding="utf-8")))
    r["source"]["sha256"], r["as_of"] = sha, as_of
    r["budget"].update(gap_percent=gap, verdict=verdict)
    for item in r["compliance"]["items"]:
        if item["status"] in ("found", "missing"):
            item["status"] = "missing" if item["no"] in missing else "found"
    return r


@pytest.fixture
def client(tmp_path):
    db = str(tmp_path / "o.db")
    with Store(db) as store:
        store.save_review(_review("a" * 64, "2024-03-01", -40.0, "short", {1, 18}))
        store.save_review(_review("b" * 64, "2024-07-01", -20.0, "short", {1}))
        store.save_review(_review("a" * 64, "2024-03-01", -30.0, "short", {1}))  # 'a' again: the newest counts
        store.save_review(_review("c" * 64, "2025-02-01", 10.0, "adequate", set()))
    with TestClient(create_app(db)) as c:
        yield c


def test_api_overview_counts_each_file_once(client):
    data = client.get("/api/overview").json()
    # a (newest: −30), b (−20), c (+10): median −20; 부족 2, 적정 1; item 1 missing in a and b
    assert data["reviews"] == 3 and data["verdicts"] == {"적정": 1, "부족": 2}
    assert data["gap_median"] == -20.0
    first = data["compliance"][0]
    assert (first["no"], first["missing"], first["checked"]) == (1, 2, 3)
    year = client.get("/api/overview", params={"year": 2024}).json()
    assert (year["reviews"], year["gap_median"], year["year"]) == (2, -25.0, 2024)
    bad = client.get("/api/overview", params={"year": 1999})
    assert bad.status_code == 400 and "year" in json.dumps(bad.json(), ensure_ascii=False)


def test_overview_page_in_korean(client):
    page = client.get("/overview", params={"year": "2024"})
    assert page.status_code == 200
    html = page.text
    assert "연간 현황" in html and "제안요청서 2건" in html and "부족 2" in html
    assert "-25.0%" in html and "과업심의위원회" in html
    # a year that is not a year shows every year rather than an error page
    assert "제안요청서 3건" in client.get("/overview", params={"year": "soon"}).text
    assert "해당하는 검토가 없습니다" in client.get("/overview", params={"q": "없는 사업"}).text


def test_overview_is_behind_the_token_when_one_is_set(tmp_path):
    token = "overview-token-0123456789"
    with TestClient(create_app(str(tmp_path / "t.db"), token=token)) as c:
        assert c.get("/overview", follow_redirects=False).status_code == 303
        assert c.get("/api/overview").status_code == 401
        ok = c.get("/api/overview", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200 and ok.json()["reviews"] == 0


def test_overview_shows_how_far_proposals_were_from_corrections(tmp_path):
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        original = _review("e" * 64, "2024-05-01", None, "short", set())
        original["estimate"]["fp_total"] = 200
        parent = store.save_review(original)
        fixed = _review("e" * 64, "2024-05-01", None, "short", set())
        fixed["estimate"]["fp_total"] = 150
        store.save_review(fixed, parent_id=parent)
    with TestClient(create_app(db)) as c:
        # 150 ÷ 200 = 0.75; the proposal is (200 − 150) / 150 = +33.3% over
        assert "사람이 고친 기능 목록 1건" in c.get("/overview").text
        fixed_json = c.get("/api/overview").json()["corrections"]
        assert (fixed_json["ratio_median"], fixed_json["within_target"], fixed_json["total_error"]) == (0.75, 0, 0.3333)
        # a proposal made after v7's freeze on an RFP it was not developed on, corrected: a first measurement
        assert (fixed_json["first_reviews"], fixed_json["first_within_target"], fixed_json["first_total_error"]) == (
            1, 0, 0.3333)
        assert "식별기 v7을 처음 재는 목록 1건" in c.get("/overview").text
