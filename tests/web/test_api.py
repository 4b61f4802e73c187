"""The REST API (/api) through FastAPI's TestClient, on a real SQLite file, with the real sample RFP."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from balju.store import Store
from balju.web import create_app


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('web-api') / 'balju.db'}"


@pytest.fixture(scope="module")
def client(db_url):
    with TestClient(create_app(db_url)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def uploaded(client, sample_hwp):
    """The sample HWP uploaded once for the module: (response, its body)."""
    with sample_hwp.open("rb") as handle:
        response = client.post("/api/reviews", files={"file": (sample_hwp.name, handle, "application/x-hwp")})
    return response, response.json()


def test_health(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0"}


def test_upload_returns_201_with_summary_links_and_location(uploaded, sample_hwp, expected):
    response, body = uploaded
    assert response.status_code == 201
    assert response.headers["location"] == f"/api/reviews/{body['id']}"
    assert body["file_name"] == "sample_rfp.hwp"
    assert body["sha256"] == hashlib.sha256(sample_hwp.read_bytes()).hexdigest()
    assert body["format"] == "hwp"
    assert body["project_name"] == expected.project
    assert body["agency"] == expected.agency
    assert body["stated_budget"] == expected.budget
    assert body["fp_total"] == expected.fp_total
    assert body["verdict"] == "adequate" and body["verdict_ko"] == expected.verdict_ko
    assert body["as_of"] == expected.as_of
    assert body["created_at"].endswith("Z")
    assert body["links"] == {
        "self": f"/api/reviews/{body['id']}", "page": f"/reviews/{body['id']}",
        **{fmt: f"/reviews/{body['id']}/report.{fmt}" for fmt in ("xlsx", "pdf", "html", "json")},
        "functions": f"/api/reviews/{body['id']}/functions",
    }
    assert body["parent_id"] is None  # a review of the RFP itself, not a re-pricing


def test_summary_agrees_with_the_stored_review(client, uploaded):
    _, body = uploaded
    data = client.get(f"/api/reviews/{body['id']}").json()
    assert body["guide_price"] == data["budget"]["guide_price"] > 0
    assert body["function_count"] == len(data["functions"]) > 0
    counted = {s: sum(1 for f in data["findings"] if f["severity"] == s) for s in ("error", "warning", "info")}
    assert (body["errors"], body["warnings"], body["infos"]) == (counted["error"], counted["warning"], counted["info"])


def test_get_returns_the_full_review_as_stored(client, uploaded, db_url, expected):
    _, body = uploaded
    response = client.get(f"/api/reviews/{body['id']}")
    assert response.status_code == 200
    data = response.json()
    assert data["facts"]["project_name"]["value"] == expected.project
    assert data["facts"]["budget"]["value"] == expected.budget
    assert data["estimate"]["fp_total"] == expected.fp_total
    assert data["source"]["file"] == "sample_rfp.hwp"  # the uploaded name, not the temporary file's
    with Store(db_url) as store:
        assert data == store.get_review(body["id"])


def test_upload_with_as_of_prices_on_that_day(client, sample_pdf, expected):
    with sample_pdf.open("rb") as handle:
        response = client.post("/api/reviews", files={"file": (sample_pdf.name, handle)}, data={"as_of": "2025-03-01"})
    assert response.status_code == 201
    body = response.json()
    assert body["as_of"] == "2025-03-01" and body["format"] == "pdf"
    data = client.get(f"/api/reviews/{body['id']}").json()
    assert data["as_of_basis"] == "--as-of 지정"
    assert data["facts"]["project_name"]["value"] == expected.project
    assert client.delete(f"/api/reviews/{body['id']}").status_code == 204


def test_list_search_and_paging(client, uploaded, sample_hwp):
    _, first = uploaded
    with sample_hwp.open("rb") as handle:
        second = client.post("/api/reviews", files={"file": ("체육시설_제안요청서.hwp", handle)}).json()
    try:
        listed = client.get("/api/reviews").json()
        assert listed["total"] == 2
        assert [item["id"] for item in listed["items"]] == [second["id"], first["id"]]  # newest first
        assert listed["items"][1]["links"]["page"] == f"/reviews/{first['id']}"

        page = client.get("/api/reviews", params={"limit": 1, "offset": 1}).json()
        assert page["total"] == 2 and [item["id"] for item in page["items"]] == [first["id"]]

        by_name = client.get("/api/reviews", params={"q": "체육시설_제안"}).json()
        assert by_name["total"] == 1 and by_name["items"][0]["file_name"] == "체육시설_제안요청서.hwp"
        by_project = client.get("/api/reviews", params={"q": "예약관리시스템"}).json()
        assert by_project["total"] == 2
        by_agency = client.get("/api/reviews", params={"q": "체육진흥과"}).json()
        assert by_agency["total"] == 2
        assert client.get("/api/reviews", params={"q": "없는 사업"}).json() == {
            "total": 0, "limit": 50, "offset": 0, "items": []}
    finally:
        assert client.delete(f"/api/reviews/{second['id']}").status_code == 204


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "열"}])
def test_list_rejects_bad_paging_in_korean(client, params):
    response = client.get("/api/reviews", params=params)
    assert response.status_code == 400
    body = response.json()
    assert "요청 값이 올바르지 않습니다" in body["error"]
    assert body["where"] == next(iter(params))


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("setup.exe", b"MZ\x90\x00" + bytes(200), "지원하지 않는 파일 형식"),
        ("notes.txt", bytes(range(256)) * 4, "확장자(.txt)와 다릅니다"),
        ("garbage.hwp", bytes(range(256)) * 4, "시작 바이트가 아닙니다"),
        ("broken.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8, "손상되었거나 읽을 수 없습니다"),
        ("empty.pdf", b"", "빈 파일"),
        ("noname", b"text", "지원하지 않는 파일 형식"),
    ],
)
def test_bad_files_give_korean_400_and_store_nothing(client, db_url, name, content, words):
    with Store(db_url) as store:
        before = store.count_reviews()
    response = client.post("/api/reviews", files={"file": (name, content)})
    assert response.status_code == 400
    body = response.json()
    assert words in body["error"]
    assert body["file"] == name  # the uploaded name, never the server's temporary path
    assert body["fix"]
    assert "Traceback" not in response.text and "/tmp" not in response.text
    with Store(db_url) as store:
        assert store.count_reviews() == before


def test_bad_as_of_is_400_before_reviewing(client, sample_hwp):
    with sample_hwp.open("rb") as handle:
        response = client.post("/api/reviews", files={"file": (sample_hwp.name, handle)}, data={"as_of": "2025-02-30"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "기준일 '2025-02-30'을(를) 읽을 수 없습니다 (not a date).", "file": None,
        "where": "기준일(as_of)", "fix": "YYYY-MM-DD 형식으로 적으세요. 예: 2025-03-01"}


def test_missing_file_and_non_multipart_are_400(client):
    no_file = client.post("/api/reviews", data={"as_of": "2025-03-01"}, files={"other": ("x.txt", b"x")})
    assert no_file.status_code == 400 and "검토할 파일을 고르세요" in no_file.json()["error"]
    as_json = client.post("/api/reviews", json={"file": "x"})
    assert as_json.status_code == 400 and "multipart/form-data" in as_json.json()["error"]


def test_too_large_is_413(client, db_url):
    big = b"a" * (50 * 1024 * 1024 + 1)
    response = client.post("/api/reviews", files={"file": ("big.txt", big)})
    assert response.status_code == 413
    body = response.json()
    assert body["error"].startswith("파일이 너무 큽니다") and "50 MB" in body["error"]
    with Store(db_url) as store:
        assert "big.txt" not in [s.file_name for s in store.list_reviews()]


def test_unknown_ids_are_404_in_korean(client):
    for response in (client.get("/api/reviews/999999"), client.delete("/api/reviews/999999")):
        assert response.status_code == 404
        assert response.json()["error"] == "999999번 검토 결과가 없습니다 (review not found)."
    assert client.get("/api/reviews/abc").status_code == 404
    assert client.get("/api/nothing-here").json()["error"].startswith("주소 /api/nothing-here")
    assert client.put("/api/reviews/1").status_code == 405


def test_delete_removes_the_review(client, sample_hwp):
    with sample_hwp.open("rb") as handle:
        rid = client.post("/api/reviews", files={"file": ("지울파일.hwp", handle)}).json()["id"]
    assert client.get(f"/api/reviews/{rid}").status_code == 200
    response = client.delete(f"/api/reviews/{rid}")
    assert response.status_code == 204 and response.content == b""
    assert client.get(f"/api/reviews/{rid}").status_code == 404
    assert client.get("/api/reviews", params={"q": "지울파일"}).json()["total"] == 0


def test_uploads_leave_no_temporary_files(client, sample_hwp, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with sample_hwp.open("rb") as handle:
        good = client.post("/api/reviews", files={"file": ("임시.hwp", handle)})
    bad = client.post("/api/reviews", files={"file": ("임시.pdf", b"not a pdf at all")})
    assert (good.status_code, bad.status_code) == (201, 400)
    assert list(tmp_path.iterdir()) == []
    assert client.delete(f"/api/reviews/{good.json()['id']}").status_code == 204
