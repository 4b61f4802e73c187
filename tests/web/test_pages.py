"""The Korean pages and report downloads through FastAPI's TestClient, on a real SQLite file."""

from __future__ import annotations

import copy
import html
import io
import json
import re
from urllib.parse import unquote

import openpyxl
import pytest
from fastapi.testclient import TestClient

from balju.store import Store
from balju.web import uploads


@pytest.fixture(scope="module")
def review_id(client, sample_hwp) -> int:
    """The sample HWP uploaded once through the page form (under a Korean file name)."""
    assert "아직 저장된 검토 결과가 없습니다" in client.get("/").text
    with sample_hwp.open("rb") as handle:
        response = client.post("/reviews", files={"file": ("체육시설 제안요청서.hwp", handle)}, data={"as_of": ""})
    assert response.status_code == 303
    found = re.fullmatch(r"/reviews/(\d+)", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def text_of(html: str) -> str:
    """The page's text without tags, spaces squeezed (what a person reads)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_review_page_shows_the_figures_downloads_and_report(client, review_id, expected):
    response = client.get(f"/reviews/{review_id}")
    assert response.status_code == 200
    page = text_of(response.text)
    assert expected.project in page
    assert expected.agency in page
    assert "사업예산 330,000,000원" in page
    assert f"판정 {expected.verdict_ko}" in page
    assert "기능점수 309.9 FP" in page
    assert f"기준일 {expected.as_of}" in page
    for fmt in ("xlsx", "pdf", "html", "json"):
        assert f'href="/reviews/{review_id}/report.{fmt}"' in response.text
    assert f'action="/reviews/{review_id}/delete"' in response.text
    assert f'src="/reviews/{review_id}/report"' in response.text


def test_embedded_report_is_the_html_report_inline(client, review_id, expected):
    response = client.get(f"/reviews/{review_id}/report")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "content-disposition" not in response.headers
    assert response.text.lstrip().lower().startswith("<!doctype html")
    assert expected.project in response.text


def test_list_shows_the_row(client, review_id, expected, db_url):
    response = client.get("/")
    assert response.status_code == 200
    row = re.search(rf'<tr data-id="{review_id}">(.*?)</tr>', response.text, re.S)
    assert row, "the review's row is missing"
    cells = [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
    with Store(db_url) as store:
        data = store.get_review(review_id)
    severities = [f["severity"] for f in data["findings"]]
    assert cells[:8] == [
        expected.project, expected.agency, "체육시설 제안요청서.hwp", "330,000,000원",
        f"{data['budget']['guide_price']:,}원", expected.verdict_ko, "309.9",
        f"{severities.count('error')} / {severities.count('warning')}",
    ]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", cells[8])


def test_search_finds_by_name_and_says_when_nothing_matches(client, review_id):
    assert f'data-id="{review_id}"' in client.get("/", params={"q": "체육시설 제안"}).text
    assert f'data-id="{review_id}"' in client.get("/", params={"q": "체육진흥과"}).text
    missing = client.get("/", params={"q": "없는사업"})
    assert f'data-id="{review_id}"' not in missing.text
    assert "'없는사업'에 맞는 검토 결과가 없습니다" in missing.text


def test_paging_splits_the_list_by_twenty(client, review_id, db_url):
    # 24 more stored reviews (copies of the first under other names) make two pages of 20 and 5
    with Store(db_url) as store:
        data = store.get_review(review_id)
        added = []
        for number in range(24):
            copied = copy.deepcopy(data)
            copied["source"]["file"] = f"쪽나누기-{number:02d}.hwp"
            added.append(store.save_review(copied))
    try:
        first = client.get("/")
        assert len(re.findall(r'<tr data-id="', first.text)) == 20
        assert "1–20 / 25건 (1/2쪽)" in first.text
        assert 'href="/?page=2" rel="next"' in first.text
        second = client.get("/", params={"page": 2})
        ids = [int(i) for i in re.findall(r'<tr data-id="(\d+)">', second.text)]
        assert ids == [added[3], added[2], added[1], added[0], review_id]  # newest first
        assert "21–25 / 25건 (2/2쪽)" in second.text and 'rel="next"' not in second.text
        searched = client.get("/", params={"q": "쪽나누기", "page": 2})
        assert "21–24 / 24건 (2/2쪽)" in searched.text
        assert 'href="/?q=%EC%AA%BD%EB%82%98%EB%88%84%EA%B8%B0" rel="prev"' in searched.text
        # a page past the end shows the last page; a page that is not a number shows the first
        assert "21–25 / 25건" in client.get("/", params={"page": 99}).text
        assert "1–20 / 25건" in client.get("/", params={"page": "둘"}).text
    finally:
        with Store(db_url) as store:
            for rid in added:
                store.delete_review(rid)


def download(client, review_id: int, fmt: str):
    response = client.get(f"/reviews/{review_id}/report.{fmt}")
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="balju-review-{review_id}.{fmt}"' in disposition
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    assert unquote(encoded) == f"체육시설 제안요청서_검토.{fmt}"
    return response


def test_xlsx_download_opens_with_the_project(client, review_id, expected):
    response = download(client, review_id, "xlsx")
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = {row[0]: row[1] for row in book["요약"].iter_rows(values_only=True) if row and row[0]}
    assert rows["사업명"] == expected.project
    assert rows["사업금액"] == expected.budget
    assert rows["기준일"] == expected.as_of


def test_pdf_download(client, review_id):
    response = download(client, review_id, "pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 10_000


def test_json_download_equals_the_stored_review(client, review_id, db_url):
    response = download(client, review_id, "json")
    with Store(db_url) as store:
        assert json.loads(response.content.decode("utf-8")) == store.get_review(review_id)


def test_html_download(client, review_id, expected):
    response = download(client, review_id, "html")
    assert response.headers["content-type"].startswith("text/html")
    assert expected.project in response.content.decode("utf-8")


@pytest.mark.parametrize(
    ("name", "content", "as_of", "words"),
    [
        ("setup.exe", b"MZ\x90\x00" + bytes(100), "", "지원하지 않는 파일 형식입니다"),
        ("memo.txt", bytes(range(256)) * 4, "2025-03-01", "확장자(.txt)와 다릅니다"),
        ("빈파일.hwp", b"", "", "빈 파일입니다"),
        ("sample.hwp", b"\xd0\xcf\x11\xe0", "2025-3-1일", "기준일 '2025-3-1일'을(를) 읽을 수 없습니다"),
    ],
)
def test_bad_upload_rerenders_the_form_with_the_reason(client, db_url, name, content, as_of, words):
    with Store(db_url) as store:
        before = store.count_reviews()
    response = client.post("/reviews", files={"file": (name, content)}, data={"as_of": as_of})
    assert response.status_code == 400
    problem = re.search(r'<div class="problem" role="alert" id="problem">(.*?)</div>', response.text, re.S)
    assert problem and words in html.unescape(problem.group(1))
    assert "해결(fix):" in problem.group(1)
    assert '<form id="upload"' in response.text and f'name="as_of" value="{as_of}"' in response.text
    assert "Traceback" not in response.text and "balju-web-" not in response.text
    with Store(db_url) as store:
        assert store.count_reviews() == before


def test_no_file_chosen(client):
    response = client.post("/reviews", data={"as_of": ""}, files={"file": ("", b"")})
    assert response.status_code == 400
    assert "검토할 파일을 고르세요" in response.text


def test_oversized_upload_is_413_on_the_page(client, monkeypatch):
    # a 2 MB body against a 1 KB limit: refused from its Content-Length before it is read
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024)
    response = client.post("/reviews", files={"file": ("big.txt", b"a" * (2 * 1024 * 1024))})
    assert response.status_code == 413
    assert "파일이 너무 큽니다" in response.text and '<form id="upload"' in response.text


def test_unknown_ids_and_formats_are_korean_404_pages(client, review_id):
    for path in ("/reviews/999999", "/reviews/999999/report.pdf", "/reviews/999999/report",
                 f"/reviews/{review_id}/report.docx", "/reviews/abc", "/no-such-page"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "찾을 수 없음" in response.text and "Traceback" not in response.text
    assert "999999번 검토 결과가 없습니다" in client.get("/reviews/999999").text
    assert client.post("/reviews/999999/delete").status_code == 404


def test_static_files_are_served(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "table.reviews" in css.text
    assert client.get("/static/app.js").status_code == 200
    assert client.head("/").status_code == 200


def test_delete_from_the_page(client, sample_hwp, db_url):
    with sample_hwp.open("rb") as handle:
        created = client.post("/reviews", files={"file": ("지울 사업.hwp", handle)})
    rid = int(created.headers["location"].rsplit("/", 1)[1])
    response = client.post(f"/reviews/{rid}/delete")
    assert response.status_code == 303 and response.headers["location"] == "/?deleted=1"
    assert "검토 결과를 지웠습니다" in client.get(response.headers["location"]).text
    assert client.get(f"/reviews/{rid}").status_code == 404
    with Store(db_url) as store:
        assert store.get_review(rid) is None


def test_user_text_is_escaped(client):
    response = client.post("/reviews", files={"file": ("<img src=x onerror=alert(1)>.exe", b"x")})
    assert response.status_code == 400
    assert "<img src=x" not in response.text
    assert "위치(where): &lt;img src=x onerror=alert(1)&gt;.exe" in response.text
    searched = client.get("/", params={"q": '"><b>굵게</b>'})
    assert "<b>굵게</b>" not in searched.text and "&lt;b&gt;굵게&lt;/b&gt;" in searched.text
