"""Missing or null parts never stop a report: it is written and says "찾지 못함" / "해당 없음"."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from balju import report
from balju.report.xlsx import FIRST_ROW
from report_formulas import Evaluator


def no_budget(r: dict) -> None:
    r["facts"]["budget"] = {"label": "사업예산", "value": None, "text": None, "where": None}
    r["budget"] = None


def zero_functions(r: dict) -> None:
    r["functions"] = []
    est = r["estimate"]
    est["functions"] = []
    est["fp_total"] = 0
    est["fp_by_type"] = {t: 0 for t in est["fp_by_type"]}
    est["function_count_by_type"] = {t: 0 for t in est["function_count_by_type"]}


def no_findings(r: dict) -> None:
    r["findings"] = []


def no_estimate(r: dict) -> None:
    r["estimate"] = None
    r["estimate_range"] = None
    r["budget"] = {"stated_budget": 330000000, "verdict": None, "verdict_ko": None}


def nulls_everywhere(r: dict) -> None:
    for fact in r["facts"].values():
        fact.update(value=None, text=None, where=None)
    for key in ("requirements", "requirement_summary", "compliance", "uncertainty", "source", "estimate_range",
                "as_of", "generated_at", "balju_version"):
        r[key] = None
    for item in r["findings"]:
        item.update(why=None, fix=None, quote=None, where=None, requirement_id=None, source=None)
    for f in r["functions"]:
        f.update(confidence=None, evidence=None)


def odd_compliance(r: dict) -> None:
    r["compliance"] = {"items": [{"no": 1, "name": "과업심의위원회"}, {"status": "missing"}, None]}


VARIANTS = {
    "no_budget": no_budget,
    "zero_functions": zero_functions,
    "no_findings": no_findings,
    "no_estimate": no_estimate,
    "nulls_everywhere": nulls_everywhere,
    "odd_compliance": odd_compliance,
}


def summary_values(path) -> dict:
    ws = load_workbook(path)["요약"]
    return {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(FIRST_ROW, ws.max_row + 1)}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_writes_xlsx_html_json(review, tmp_path, name):
    VARIANTS[name](review)
    paths = report.write_all(review, tmp_path, ["xlsx", "html", "json"])
    assert json.loads(paths["json"].read_text(encoding="utf-8")) == review
    wb = load_workbook(paths["xlsx"])
    assert len(wb.sheetnames) == 7
    page = paths["html"].read_text(encoding="utf-8")
    assert "찾지 못함" in page or "해당 없음" in page


def test_no_budget(review, tmp_path):
    no_budget(review)
    paths = report.write_all(review, tmp_path, ["xlsx", "html"])
    values = summary_values(paths["xlsx"])
    assert values["사업예산"] == "찾지 못함"
    assert values["예산 판정"] == "판단 못함 (사업예산 찾지 못함)"
    assert "사업예산</div>\n      <div class=\"value\">찾지 못함" in paths["html"].read_text(encoding="utf-8")


def test_zero_functions(review, tmp_path):
    zero_functions(review)
    paths = report.write_all(review, tmp_path, ["xlsx", "html"])
    wb = load_workbook(paths["xlsx"])
    ws = wb["기능점수 산정표"]
    assert ws.cell(row=FIRST_ROW, column=1).value == "제안된 기능이 없습니다 (해당 없음)"
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "합계")
    assert Evaluator(wb).value(ws.title, f"E{total}") == 0
    page = paths["html"].read_text(encoding="utf-8")
    assert "제안된 기능이 없습니다 (해당 없음)" in page
    assert "유형별 기능점수 막대그래프" not in page  # nothing to draw
    assert "사업금액 구성 그래프" in page


def test_no_findings(review, tmp_path):
    no_findings(review)
    paths = report.write_all(review, tmp_path, ["xlsx", "html"])
    ws = load_workbook(paths["xlsx"])["요구사항 검토의견"]
    assert ws.cell(row=FIRST_ROW, column=1).value == "검토 의견이 없습니다 (해당 없음)"
    assert summary_values(paths["xlsx"])["주요 검토 의견"] == "해당 없음"
    assert "검토 의견이 없습니다 (해당 없음)" in paths["html"].read_text(encoding="utf-8")


def test_no_estimate(review, tmp_path):
    no_estimate(review)
    paths = report.write_all(review, tmp_path, ["xlsx", "html"])
    wb = load_workbook(paths["xlsx"])
    assert wb["개발원가 산정표"].cell(row=FIRST_ROW, column=1).value == "산정 결과가 없습니다 (찾지 못함)"
    assert wb["보정계수"].cell(row=FIRST_ROW, column=1).value == "보정계수가 없습니다 (찾지 못함)"
    assert summary_values(paths["xlsx"])["사업금액"] == "찾지 못함"
    page = paths["html"].read_text(encoding="utf-8")
    assert "산정 결과가 없습니다 (찾지 못함)" in page and "사업금액 구성 그래프" not in page
    assert "유형별 기능점수 막대그래프" in page  # the proposed functions still have weights


@pytest.mark.parametrize("review_dict", [{}, None], ids=["empty", "none"])
def test_empty_review_all_formats(tmp_path, review_dict):
    paths = report.write_all(review_dict, tmp_path)
    assert set(paths) == {"xlsx", "pdf", "html", "json"}
    pdf = pdfium.PdfDocument(str(paths["pdf"]))
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    assert "사업명 찾지 못함" in text
    assert "법제도 점검 결과가 없습니다 (찾지 못함)" in text
    assert "검토 의견이 없습니다 (해당 없음)" in text
    ws = load_workbook(paths["xlsx"])["법제도 점검표"]
    assert ws.cell(row=FIRST_ROW, column=1).value == "법제도 점검 결과가 없습니다 (찾지 못함)"


def test_fact_shapes_of_the_pipeline(review, tmp_path):
    """Facts the pipeline adds (budget_with_vat, ratio as a list) print as money and as 90:10."""
    review["facts"]["budget_with_vat"] = {"label": "사업금액(부가세 포함)", "value": 330000000, "text": "…", "where": "구역 1"}
    review["facts"]["evaluation_ratio"]["value"] = [90, 10]
    path = report.write(review, "xlsx", tmp_path / "r.xlsx")
    values = summary_values(path)
    assert values["사업금액(부가세 포함)"] == 330000000
    assert values["기술:가격 평가비율"] == "90:10"
    ws = load_workbook(path)["요약"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "사업금액(부가세 포함)")
    assert ws.cell(row=row, column=2).number_format == "#,##0"


def test_chart_with_nothing_to_price_warns_nothing(review):
    import warnings

    from balju.report import chart, view

    for key in ("cost_before_correction", "cost_after_correction", "profit", "vat", "total", "development_cost"):
        review["estimate"][key] = 0
    review["budget"] = None
    review["facts"]["budget"]["value"] = None
    review["estimate_range"] = None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert chart.cost_buildup_svg(view.build(review)).startswith("<svg")


def test_hostile_text_stays_text(review, tmp_path):
    """Control characters (HWP) are dropped; RFP text starting with "=" is never a formula."""
    review["functions"][0]["evidence"] = "=HYPERLINK(\"http://x\")\x0b 회원\x00 가입"
    review["requirements"][0]["text"] = "가" * 40_000
    review["facts"]["project_name"]["value"] = "=1+1 사업\x07"
    path = report.write(review, "xlsx", tmp_path / "r.xlsx")
    wb = load_workbook(path)
    cell = wb["기능점수 산정표"].cell(row=FIRST_ROW, column=7)
    assert cell.value == '=HYPERLINK("http://x") 회원 가입' and cell.data_type == "s"
    assert len(wb["요구사항 목록"].cell(row=FIRST_ROW, column=5).value) == 32_767
    assert wb["요약"]["A1"].value == "제안요청서 검토 결과 요약"
    assert wb["기능점수 산정표"]["A2"].value.startswith("=1+1 사업")
    assert wb["기능점수 산정표"]["A2"].data_type == "s"
    report.write(review, "html", tmp_path / "r.html")


def test_a_failed_write_keeps_the_report_already_there(tmp_path, monkeypatch):
    """Nothing already saved is lost: a writer that fails leaves the earlier file untouched."""
    from balju import report
    from balju.report import xlsx

    target = tmp_path / "review.xlsx"
    target.write_bytes(b"the report a person already had")

    def broken(view, path):
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(xlsx, "write_xlsx", broken)
    with pytest.raises(RuntimeError):
        report.write({}, "xlsx", target)
    assert target.read_bytes() == b"the report a person already had"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.xlsx"]


def test_a_review_without_its_threshold_is_marked_by_the_rule_of_its_day(review):
    # reviews written before 'low_confidence_below' was recorded: budget.low_confidence of the
    # review's as_of day (0.4) marks the rows; with the threshold given, that one is used
    from balju.report.view import build

    confidences = [f["confidence"] for f in review["functions"]]
    given = build(review)
    assert given.low_confidence_below == 0.5
    assert sum(f.low_confidence for f in given.functions) == sum(c < 0.5 for c in confidences) == 4
    assert "노란 행: 신뢰도 0.5 미만" in given.confidence_note and "맞은 비율" in given.confidence_note
    del review["uncertainty"]["low_confidence_below"]
    fallback = build(review)
    assert fallback.low_confidence_below == 0.4
    assert sum(f.low_confidence for f in fallback.functions) == sum(c < 0.4 for c in confidences) == 1


def test_a_corrected_list_is_called_so_in_every_report(review, tmp_path):
    # function_source 'corrected': a person's list priced the review (balju review --functions,
    # or the web app's re-pricing); the reports must not call it balju's proposal
    from balju.report.view import build

    review["function_source"] = "corrected"
    n = len(review["functions"])
    assert build(review).function_word == "고친 기능"
    paths = report.write_all(review, tmp_path, ["html", "xlsx", "pdf"])
    html = paths["html"].read_text(encoding="utf-8")
    assert f"고친 기능 {n}개" in html and f"제안 기능 {n}개" not in html
    cells = [str(c.value) for ws in load_workbook(paths["xlsx"]) for r in ws.iter_rows() for c in r if c.value]
    assert any(f"고친 기능 {n}개" in c for c in cells) and not any(f"제안 기능 {n}개" in c for c in cells)
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(paths["pdf"]))
    assert "고친 기능 (유형)" in text and f"고친 기능 {n}개" in text
    assert "노란 행" not in html  # a person's list has no confidence to explain
    review["function_source"] = "proposal"
    assert f"제안 기능 {n}개" in report.render_html(review)
