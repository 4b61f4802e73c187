"""Correcting the proposed functions in the web app: download the list, upload a corrected one, re-price.

The expected figures are computed here the way the command line does it (`balju review
examples/sample_rfp.hwp --functions examples/functions.yaml --json` is `review(path, functions=…)`),
not copied from an earlier run.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from balju.functions.listfile import read_function_list, write_function_list
from balju.pipeline import review, review_dict
from balju.store import Store

HAND_COUNT = Path(__file__).resolve().parents[2] / "examples" / "functions.yaml"
"""Our hand count of the sample RFP: 54 functions, 247.5 FP by 간이법 (tests/functions/test_calibration.py)."""
LISTED = ("name", "type", "requirement_id", "evidence", "confidence")
"""The columns of the list that a review dict keeps."""


@pytest.fixture(scope="module")
def original_data(client, original) -> dict:
    return client.get(f"/api/reviews/{original}").json()


@pytest.fixture(scope="module")
def by_command_line(sample_hwp) -> dict:
    """What `balju review examples/sample_rfp.hwp --functions examples/functions.yaml --json` gives."""
    return review_dict(review(sample_hwp, functions=read_function_list(HAND_COUNT)))


@pytest.fixture(scope="module")
def corrected(client, original) -> int:
    """The hand count uploaded through the page form as the corrected list of the original review."""
    with HAND_COUNT.open("rb") as handle:
        response = client.post(f"/reviews/{original}/functions", files={"file": ("고친 기능목록.yaml", handle)})
    assert response.status_code == 303
    found = re.fullmatch(r"/reviews/(\d+)", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def listed(functions) -> list[tuple]:
    """Functions (read from a file, or a review dict's) by the columns a review dict keeps."""
    return [tuple(f[k] if isinstance(f, dict) else getattr(f, k) for k in LISTED) for f in functions]


def saved(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def problem_of(page: str) -> str:
    found = re.search(r'<div class="problem" role="alert" id="problem">(.*?)</div>', page, re.S)
    assert found, "no problem shown"
    return text_of(found.group(1)).replace("&#39;", "'")


def count_reviews(db_url: str) -> int:
    with Store(db_url) as store:
        return store.count_reviews()


def test_the_proposed_functions_download_as_xlsx(client, original, original_data, tmp_path):
    response = client.get(f"/reviews/{original}/functions.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = response.headers["content-disposition"]
    assert f'filename="balju-functions-{original}.xlsx"' in disposition
    assert "sample_rfp_%EA%B8%B0%EB%8A%A5%EB%AA%A9%EB%A1%9D.xlsx" in disposition  # sample_rfp_기능목록.xlsx
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book["기능목록"].iter_rows(values_only=True))
    assert rows[0] == ("기능명", "유형", "DET", "RET", "FTR", "요구사항ID", "근거", "신뢰도", "비고", "빼기")
    # the sample's 67 proposed functions and its 6 left-out candidates, marked 빼기 (O), each after the
    # last row of its requirement: two under SFR-001, three under SFR-003, one under SFR-009
    assert len(rows) - 1 == 73
    counted = [r for r in rows[1:] if r[9] is None]
    marked = [r for r in rows[1:] if r[9] == "O"]
    assert [(r[0], r[1]) for r in counted] == [(f["name"], f["type"]) for f in original_data["functions"]]
    assert [r[5] for r in marked] == ["SFR-001", "SFR-001", "SFR-003", "SFR-003", "SFR-003", "SFR-009"]
    assert [(r[0], r[1]) for r in marked] == [(f["name"], f["type"]) for f in original_data["left_out_functions"]]
    # and it reads back unchanged: the marked rows are not counted
    path = saved(tmp_path, "functions.xlsx", response.content)
    assert listed(read_function_list(path)) == listed(original_data["functions"])


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_csv_and_yaml_downloads_read_back_unchanged(client, original, original_data, tmp_path, fmt):
    response = client.get(f"/api/reviews/{original}/functions", params={"format": fmt})
    assert response.status_code == 200
    assert f"sample_rfp_%EA%B8%B0%EB%8A%A5%EB%AA%A9%EB%A1%9D.{fmt}" in response.headers["content-disposition"]
    path = saved(tmp_path, f"functions.{fmt}", response.content)
    assert listed(read_function_list(path)) == listed(original_data["functions"])
    assert client.get(f"/reviews/{original}/functions.{fmt}").content == response.content


def test_the_unchanged_list_reprices_to_the_same_figures(client, original, original_data, db_url):
    downloaded = client.get(f"/api/reviews/{original}/functions", params={"format": "csv"}).content
    response = client.post(f"/api/reviews/{original}/functions", files={"file": ("그대로.csv", downloaded)})
    assert response.status_code == 201
    body = response.json()
    try:
        assert body["fp_total"] == original_data["estimate"]["fp_total"] == 309.9
        assert body["guide_price"] == original_data["budget"]["guide_price"]
        assert body["function_count"] == 67 and body["parent_id"] == original
    finally:
        assert client.delete(f"/api/reviews/{body['id']}").status_code == 204


def test_clearing_a_left_out_mark_counts_that_candidate(client, original, original_data):
    # the downloaded CSV carries the six left-out candidates marked 빼기 (O); a person clears the mark
    # of '예약 변경' (EI, 4.0 FP by 간이법) and sends it back: 67 + 1 functions, 309.9 + 4.0 = 313.9 FP
    downloaded = client.get(f"/api/reviews/{original}/functions", params={"format": "csv"}).content.decode("utf-8-sig")
    lines = downloaded.splitlines()
    [restored] = [i for i, line in enumerate(lines) if line.startswith("예약 변경,EI,") and line.endswith(",O")]
    lines[restored] = lines[restored][: -len("O")]
    response = client.post(f"/api/reviews/{original}/functions",
                           files={"file": ("되살림.csv", ("\n".join(lines) + "\n").encode("utf-8"))})
    assert response.status_code == 201
    body = response.json()
    try:
        assert (body["function_count"], body["fp_total"]) == (68, 313.9)
    finally:
        assert client.delete(f"/api/reviews/{body['id']}").status_code == 204


def test_the_corrected_list_reprices_as_the_command_line_does(client, original, corrected, by_command_line, db_url):
    with Store(db_url) as store:
        summary = store.get_summary(corrected)
        data = store.get_review(corrected)
    assert by_command_line["estimate"]["fp_total"] == 247.5  # the hand count, as the CLI prices it
    assert summary.fp_total == Decimal("247.5") and summary.function_count == 54
    assert summary.parent_id == original
    assert data["function_source"] == "corrected"
    assert data["estimate"]["fp_total"] == 247.5
    # 사업금액 (SW개발비 + 부가세) and the guide price: the same as the command line's
    assert data["estimate"]["total"] == by_command_line["estimate"]["total"]
    assert summary.guide_price == data["budget"]["guide_price"] == by_command_line["budget"]["guide_price"]
    assert data["budget"]["verdict"] == by_command_line["budget"]["verdict"]
    assert data["as_of"] == by_command_line["as_of"] == "2026-11-01"
    assert data["source"]["file"] == "sample_rfp.hwp"  # the RFP's own name, not the list's or a temporary one
    assert data["source"]["sha256"] == by_command_line["source"]["sha256"]


def test_the_original_review_is_unchanged(client, original, original_data, corrected, db_url):
    with Store(db_url) as store:
        assert store.get_review(original) == original_data
        assert store.get_summary(original).fp_total == Decimal("309.9")
        assert store.get_summary(original).parent_id is None


def test_the_pages_say_where_a_corrected_review_came_from(client, original, corrected):
    page = client.get(f"/reviews/{corrected}")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "사람이 고친 기능 목록으로 다시 산정한 검토입니다" in text
    assert f"원래 검토: #{original} (309.9 FP, 67개 기능)" in text
    assert f'href="/reviews/{original}" rel="up"' in page.text
    assert "기능점수 247.5 FP (간이법, 기능 54개, 고친 목록)" in text
    assert "기준일 2026-11-01 (원래 검토와 같은 기준일)" in text
    # the original lists what was made from it, and still offers the form
    before = client.get(f"/reviews/{original}").text
    assert f'<a href="/reviews/{corrected}">#{corrected}</a>' in before
    assert "기능 67개(balju가 제안한 목록)" in text_of(before)
    assert "신뢰도 0.4 미만이라 목록에서 뺀 후보 6개는 '화면에서 고치기'의 '빼 둔 후보' 행에서 되살릴 수 있습니다" in text_of(before)
    assert f'action="/reviews/{original}/functions"' in before
    # the list marks the row
    row = re.search(rf'<tr data-id="{corrected}">(.*?)</tr>', client.get("/").text, re.S).group(1)
    assert f"수정 #{original}" in text_of(row)
    assert "수정 #" not in text_of(re.search(rf'<tr data-id="{original}">(.*?)</tr>', client.get("/").text, re.S).group(1))


def test_a_corrected_review_hands_back_the_persons_list_in_full(client, corrected, tmp_path):
    # DET, RET, FTR and 비고 are not in the review dict; the person's own list keeps them
    response = client.get(f"/reviews/{corrected}/functions.yaml")
    back = read_function_list(saved(tmp_path, "back.yaml", response.content))
    hand = read_function_list(HAND_COUNT)
    fields = ("name", "type", "det", "ret", "ftr", "requirement_id", "evidence", "confidence", "note")
    assert [tuple(getattr(f, k) for k in fields) for f in back] == [tuple(getattr(f, k) for k in fields) for f in hand]
    assert sum(1 for f in back if f.det is not None) > 40  # the hand count's DETs came back


def test_the_api_takes_an_xlsx_list_and_answers_201(client, original, by_command_line, tmp_path):
    xlsx = write_function_list(read_function_list(HAND_COUNT), tmp_path / "고친목록.xlsx")
    response = client.post(f"/api/reviews/{original}/functions",
                           files={"file": (xlsx.name, xlsx.read_bytes())})
    assert response.status_code == 201
    body = response.json()
    try:
        assert response.headers["location"] == f"/api/reviews/{body['id']}"
        assert body["parent_id"] == original and body["id"] != original
        assert body["fp_total"] == 247.5 and body["function_count"] == 54
        assert body["guide_price"] == by_command_line["budget"]["guide_price"]
        assert body["links"]["page"] == f"/reviews/{body['id']}"
    finally:
        assert client.delete(f"/api/reviews/{body['id']}").status_code == 204


def broken_csv(client, original) -> bytes:
    """The downloaded proposal with the second function's 유형 changed to 'XYZ' (the file's row 3)."""
    text = client.get(f"/api/reviews/{original}/functions", params={"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    rows[2][1] = "XYZ"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def test_a_broken_list_brings_the_form_back_with_the_row_and_stores_nothing(client, original, original_data, db_url):
    before = count_reviews(db_url)
    response = client.post(f"/reviews/{original}/functions", files={"file": ("고친 목록.csv", broken_csv(client, original))})
    assert response.status_code == 400
    problem = problem_of(response.text)
    second = original_data["functions"][1]["name"]
    assert f"기능 유형 'XYZ'을(를) 모릅니다 (unknown function type) — 기능 '{second}'." in problem
    assert "위치(where): 고친 목록.csv, 3행, 'type' 열" in problem
    assert "해결(fix): ILF, EIF, EI, EO, EQ 중 하나를 적으세요." in problem
    assert '<form id="correct"' in response.text and "balju-web-" not in response.text
    assert count_reviews(db_url) == before


def test_a_broken_list_through_the_api_is_400_in_korean(client, original, db_url):
    before = count_reviews(db_url)
    response = client.post(f"/api/reviews/{original}/functions", files={"file": ("list.csv", broken_csv(client, original))})
    assert response.status_code == 400
    body = response.json()
    assert "'XYZ'" in body["error"] and body["file"] == "list.csv"
    assert body["where"] == "3행, 'type' 열" and body["fix"]
    for name, content, words in [
        ("목록.txt", b"name,type\n", "YAML, CSV, XLSX 파일이어야 합니다"),
        ("빈목록.yaml", b"functions: []\n", "기능이 하나도 없습니다"),
        ("깨진.xlsx", b"PK\x03\x04 not a workbook", "XLSX"),
    ]:
        refused = client.post(f"/api/reviews/{original}/functions", files={"file": (name, content)})
        assert refused.status_code == 400, name
        assert words in refused.json()["error"] and refused.json()["file"] == name
    no_file = client.post(f"/api/reviews/{original}/functions", files={"other": ("x.csv", b"x")})
    assert no_file.status_code == 400 and "고친 기능 목록 파일을 고르세요" in no_file.json()["error"]
    assert count_reviews(db_url) == before


def test_a_review_without_its_rfp_file_says_it_is_not_kept(client, original_data, db_url):
    # saved as `balju batch` and `balju review --db` save it: the dict alone
    with Store(db_url) as store:
        bare = store.save_review({**original_data, "source": {**original_data["source"], "sha256": "e" * 64}})
    try:
        page = client.get(f"/reviews/{bare}")
        assert page.status_code == 200
        assert "원본 제안요청서 파일은 보관되어 있지 않아 여기서 다시 산정할 수 없습니다" in text_of(page.text)
        assert '<form id="correct"' not in page.text
        assert client.get(f"/reviews/{bare}/functions.xlsx").status_code == 200  # the list is still there
        with HAND_COUNT.open("rb") as handle:
            posted = client.post(f"/reviews/{bare}/functions", files={"file": ("functions.yaml", handle)})
        assert posted.status_code == 409
        assert "보관되어 있지 않아 다시 산정할 수 없습니다" in problem_of(posted.text)
        with HAND_COUNT.open("rb") as handle:
            api = client.post(f"/api/reviews/{bare}/functions", files={"file": ("functions.yaml", handle)})
        assert api.status_code == 409
        assert api.json()["error"].startswith("이 검토의 원본 제안요청서 파일은 보관되어 있지 않아")
        assert "다시 올려" in api.json()["fix"]
    finally:
        with Store(db_url) as store:
            store.delete_review(bare)


def test_unknown_reviews_and_formats(client, original):
    assert client.get("/api/reviews/999999/functions").status_code == 404
    assert client.post("/api/reviews/999999/functions", files={"file": ("f.csv", b"x")}).json()["error"] == (
        "999999번 검토 결과가 없습니다 (review not found).")
    assert client.post("/reviews/999999/functions", files={"file": ("f.csv", b"x")}).status_code == 404
    assert client.get("/reviews/999999/functions.xlsx").status_code == 404
    bad = client.get(f"/api/reviews/{original}/functions", params={"format": "docx"})
    assert bad.status_code == 400 and bad.json()["where"] == "format"
    page = client.get(f"/reviews/{original}/functions.docx")
    assert page.status_code == 404 and "기능 목록 형식 'docx'" in page.text.replace("&#39;", "'")


def test_deleting_the_original_keeps_the_file_for_its_correction(client, sample_hwp, db_url):
    with sample_hwp.open("rb") as handle:
        first = client.post("/api/reviews", files={"file": ("지울 원본.hwp", handle)}).json()["id"]
    with HAND_COUNT.open("rb") as handle:
        second = client.post(f"/api/reviews/{first}/functions", files={"file": ("functions.yaml", handle)}).json()["id"]
    assert client.delete(f"/api/reviews/{first}").status_code == 204
    page = text_of(client.get(f"/reviews/{second}").text)
    assert f"원래 검토: #{first} (지워짐)" in page
    assert "보관되어 있지 않아" not in page  # the RFP file stays: the correction still uses it
    assert client.delete(f"/api/reviews/{second}").status_code == 204


def test_a_corrected_review_downloads_as_a_labelled_file(client, original, corrected, tmp_path):
    import yaml

    from balju.functions.evaluate import evaluate

    response = client.get(f"/reviews/{corrected}/labelled.yaml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/yaml")
    assert f"review-{corrected}-sample_rfp.yaml" in response.headers["content-disposition"]
    data = yaml.safe_load(response.content.decode("utf-8"))
    assert data["split"] == "corrected" and data["rfp"] == "sample_rfp.hwp"
    # our sample is one of the RFPs identifier v7 was made on: the file says it cannot measure v7 afresh
    assert (data["first_measurement_of"], data["seen"]) == (None, "식별기 v7을 만들고 잰 RFP")
    assert sum(len(r["functions"]) for r in data["requirements"]) + len(data.get("unassigned", [])) == 54
    (tmp_path / "labelled").mkdir()
    (tmp_path / "labelled" / "one.yaml").write_bytes(response.content)
    scores = evaluate(tmp_path / "labelled")
    # the person's list is the hand count (247.5 FP), the identifier's proposal the sample's 309.9 FP
    assert (scores["all"].fp_counted, scores["all"].fp_proposed) == (Decimal("247.5"), Decimal("309.9"))
    assert f'href="/reviews/{corrected}/labelled.yaml"' in client.get(f"/reviews/{corrected}").text
    refused = client.get(f"/reviews/{original}/labelled.yaml")
    assert refused.status_code == 404 and "고친 기능 목록으로 다시 산정한 검토가 아닙니다" in refused.text
