"""The HTML page stands alone and agrees with the JSON; the JSON report is the dict as it is."""

from __future__ import annotations

import base64
import json
import re

import pytest

from balju import report
from balju.errors import InputError
from balju.report.view import won


@pytest.fixture(scope="module")
def html_page(written) -> str:
    return written["html"].read_text(encoding="utf-8")


def test_html_is_standalone(html_page):
    assert html_page.startswith("<!DOCTYPE html>")
    assert '<html lang="ko">' in html_page
    assert "<style>" in html_page and "NanumGothic" in html_page
    assert "<link" not in html_page and "<script" not in html_page
    assert not re.search(r"""(src|href)=["'](https?:|file:|/)""", html_page)
    charts = re.findall(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', html_page)
    assert [alt for _, alt in charts] == ["유형별 기능점수 막대그래프", "사업금액 구성 그래프"]
    svg = base64.b64decode(charts[0][0]).decode("utf-8")  # text stays text in the SVG
    assert svg.startswith("<svg") and "유형별 기능점수 (합계 191.9 FP, 기능 40개)" in svg


def test_html_agrees_with_json(html_page, review_data):
    est = review_data["estimate"]
    assert review_data["facts"]["project_name"]["value"] in html_page
    assert won(est["total"]) in html_page
    assert f"{est['fp_total']} FP" in html_page
    items = review_data["compliance"]["items"]
    for status in ("found", "missing", "not_applicable"):
        expected = sum(1 for i in items if i["status"] == status)
        assert html_page.count(f'class="c s-{status}"') == expected == review_data["compliance"]["summary"][status]
    findings = review_data["findings"]
    assert html_page.count('<td class="c sev-') == len(findings) + len(
        [f for f in findings if f["severity"] in ("error", "warning")][:6])  # all findings + summary top findings
    kinds = {(f["severity"], f["code"]) for f in findings}
    assert html_page.count('<td class="c type-') == len(kinds)
    assert f"모두 {len(findings)}건" in html_page
    assert "부록. 요구사항 목록" in html_page
    for r in review_data["requirements"]:
        assert f'<td class="c">{r["id"]}</td>' in html_page
    # one row per function, with the low-confidence rows marked
    below = review_data["uncertainty"]["low_confidence_below"]  # 0.5 in this review
    low = sum(1 for f in review_data["functions"] if f["confidence"] < below)
    assert html_page.count('<tr class="low">') == low == review_data["uncertainty"]["low_confidence_functions"]


def test_json_is_the_dict_as_is(written, review_data):
    text = written["json"].read_text(encoding="utf-8")
    assert json.loads(text) == review_data
    assert "가상시" in text  # ensure_ascii=False
    assert text.startswith('{\n  "balju_version"')  # indent 2


def test_write_all_returns_paths_in_order(review, tmp_path):
    paths = report.write_all(review, tmp_path / "out", ["json", "HTML", "json"], stem="검토")
    assert list(paths) == ["json", "html"]
    assert paths["html"] == tmp_path / "out" / "검토.html" and paths["html"].is_file()


def test_write_one_format(review, tmp_path):
    path = report.write(review, "xlsx", tmp_path / "a" / "r.xlsx")
    assert path.is_file() and path.stat().st_size > 5000


def test_format_names(review, tmp_path):
    assert [report.check_format(f) for f in ("XLSX", ".pdf", "htm", " json ")] == ["xlsx", "pdf", "html", "json"]
    with pytest.raises(InputError):
        report.check_format("hwp")


def test_unknown_format_is_a_user_error(review, tmp_path):
    with pytest.raises(InputError) as err:
        report.write(review, "docx", tmp_path / "r.docx")
    assert "xlsx, pdf, html, json" in err.value.fix


def test_render_html_for_the_web(review):
    assert "법제도 점검표" in report.render_html(review)


def test_calibrated_estimate_shown_when_the_budget_has_it(review, tmp_path):
    # 보정 추정: the budget point 'proposal_calibrated' (proposal FP × 0.70) reaches the FP card of
    # the HTML and PDF summary and the XLSX uncertainty lines; absent (a corrected list), nothing shows.
    from balju import report
    from balju.report.view import build

    assert build(review).fp_calibrated is None
    review.setdefault("budget", {})["points"] = [
        {"key": "simple", "label": "간이법", "fp_total": 349.3, "price": 1},
        {"key": "proposal_calibrated", "label": "후보 전체 FP × 0.70 (처음 보는 RFP에서 …)", "fp_total": 244.51, "price": 1},
    ]
    assert build(review).fp_calibrated == 244.51
    paths = report.write_all(review, tmp_path, ["html", "xlsx"])
    assert "보정 추정 244.5 FP" in paths["html"].read_text(encoding="utf-8")
    import openpyxl

    rows = {r[0].value: r for r in openpyxl.load_workbook(paths["xlsx"])["요약"].iter_rows()}
    assert "보정 추정 기능점수 (FP)" in rows
    # the XLSX says how it was scaled with the point's own label (which size class's median)
    assert any(c.value == "후보 전체 FP × 0.70 (처음 보는 RFP에서 …)" for c in rows["보정 추정 기능점수 (FP)"])
