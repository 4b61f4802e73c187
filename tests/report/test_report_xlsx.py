"""The XLSX report opens, has the agency-form sheets, and agrees with the Review JSON.

Every formula in the workbook is recomputed by ``report_formulas.Evaluator`` (openpyxl does not
compute formulas) and compared with the JSON and with the value balju wrote beside it.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from balju.report.xlsx import FIRST_ROW, HEADER_ROW, SHEETS
from report_formulas import Evaluator

STATUS_KO = {"found": "적합", "missing": "누락", "not_applicable": "해당없음"}


@pytest.fixture(scope="module")
def wb(written):
    return load_workbook(written["xlsx"])


@pytest.fixture(scope="module")
def ev(wb):
    return Evaluator(wb)


def header(ws) -> list:
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def data_rows(ws, until_blank_col: int = 1):
    row = FIRST_ROW
    while ws.cell(row=row, column=until_blank_col).value not in (None, "합계"):
        yield row
        row += 1


def find_row(ws, column: int, text: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == text:
            return row
    raise AssertionError(f"{text!r} not in column {column} of {ws.title}")


def test_sheets_are_korean_forms(wb):
    assert wb.sheetnames == list(SHEETS)
    assert header(wb["기능점수 산정표"]) == ["번호", "기능명", "유형", "복잡도", "가중치", "근거 요구사항", "근거 문구", "신뢰도"]
    assert header(wb["개발원가 산정표"])[:6] == ["번호", "항목", "계수·수량", "금액(원)", "계산", "근거"]
    assert header(wb["보정계수"])[:5] == ["번호", "보정항목", "수준", "수준 설명", "보정계수"]
    assert header(wb["법제도 점검표"]) == ["번호", "항목", "결과", "근거 문구", "위치", "조치", "근거 법령", "비고"]
    assert header(wb["요구사항 검토의견"])[:5] == ["번호", "심각도", "구분", "요구사항", "의견"]
    for name in SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == f"A{FIRST_ROW}", name
        assert ws["A1"].value, name
        assert ws.column_dimensions["B"].width >= 8 and ws.column_dimensions["B"].customWidth, name


def test_fp_table_rows_and_sum_formula(wb, ev, review_data):
    ws = wb["기능점수 산정표"]
    rows = list(data_rows(ws))
    functions = review_data["functions"]
    assert len(rows) == len(functions) == 40
    for row, f in zip(rows, functions):
        assert ws.cell(row=row, column=2).value == f["name"]
        assert ws.cell(row=row, column=3).value == f["type"]
        assert ws.cell(row=row, column=4).value == "평균"
        assert ws.cell(row=row, column=5).value == f["weight"]
        assert ws.cell(row=row, column=6).value == f["requirement_id"]
        assert ws.cell(row=row, column=7).value == f["evidence"]
        assert ws.cell(row=row, column=8).value == f["confidence"]
    total = find_row(ws, 1, "합계")
    assert total == rows[-1] + 1
    assert ws.cell(row=total, column=5).value == f"=SUM(E{FIRST_ROW}:E{rows[-1]})"
    fp_total = review_data["estimate"]["fp_total"]
    # recomputed from the cells, independently of balju
    assert round(sum(ws.cell(row=r, column=5).value for r in rows), 6) == fp_total
    assert round(ev.value(ws.title, f"E{total}"), 6) == fp_total
    assert ws.cell(row=total, column=7).value == fp_total  # balju's value beside the formula
    assert ws.cell(row=total, column=5).number_format == "#,##0.0#"


def test_fp_by_type_formulas(wb, ev, review_data):
    ws = wb["기능점수 산정표"]
    est = review_data["estimate"]
    for t in ("ILF", "EIF", "EI", "EO", "EQ"):
        row = find_row(ws, 1, t)
        assert ws.cell(row=row, column=3).value.startswith("=COUNTIF(")
        assert ev.value(ws.title, f"C{row}") == est["function_count_by_type"][t] == ws.cell(row=row, column=4).value
        assert round(ev.value(ws.title, f"E{row}"), 6) == est["fp_by_type"][t] == ws.cell(row=row, column=6).value


def test_cost_table_lines_and_check_formulas(wb, ev, review_data):
    ws = wb["개발원가 산정표"]
    lines = review_data["estimate"]["lines"]
    for i, line in enumerate(lines):
        row = FIRST_ROW + i
        assert ws.cell(row=row, column=2).value == line["label"]
        assert ws.cell(row=row, column=4).value == line["amount"]
        assert ws.cell(row=row, column=5).value == line["formula"]
        assert ws.cell(row=row, column=6).value == line["reference"]
        if line["amount"] is not None:
            assert ws.cell(row=row, column=4).number_format == "#,##0"
    by_key = {line["key"]: FIRST_ROW + i for i, line in enumerate(lines)}
    audited = ["fp_total", "cost_before_correction", "size_factor", "interface", "performance", "compatibility",
               "security", "cost_after_correction", "profit", "development_cost", "vat", "total"]
    for key in audited:
        row = by_key[key]
        formula = ws.cell(row=row, column=8).value
        assert isinstance(formula, str) and formula.startswith("="), key
        recomputed = ev.value(ws.title, f"H{row}")
        expected = review_data["estimate"]["fp_total"] if key == "fp_total" else review_data["estimate"]["lines"][row - FIRST_ROW]["amount"]
        assert round(recomputed, 6) == expected, key
        assert round(ev.value(ws.title, f"I{row}"), 6) == 0, key  # 차이
    # 보정후 = 보정전 × every factor (a ROUND chain through the factor cells)
    after = ws.cell(row=by_key["cost_after_correction"], column=8).value
    assert after.count("ROUND(") == 5 and f"D{by_key['cost_before_correction']}" in after
    assert ws.cell(row=by_key["total"], column=4).value == review_data["estimate"]["total"]


def test_factor_sheet(wb, ev, review_data):
    ws = wb["보정계수"]
    est = review_data["estimate"]
    rows = list(range(FIRST_ROW, FIRST_ROW + 5))
    labels = [ws.cell(row=r, column=2).value for r in rows]
    assert labels == ["규모 보정계수", "연계 복잡성", "성능 요구수준", "운영환경 호환성", "보안성"]
    keys = ["size", "interface", "performance", "compatibility", "security"]
    for row, key in zip(rows, keys):
        assert ws.cell(row=row, column=5).value == est["factors"][key]
        if key != "size":
            assert ws.cell(row=row, column=3).value == est["levels"][key]
    product_row = find_row(ws, 2, "보정계수 곱")
    assert ws.cell(row=product_row, column=5).value == f"=PRODUCT(E{rows[0]}:E{rows[-1]})"
    expected = 1.0
    for key in keys:
        expected *= est["factors"][key]
    assert ev.value(ws.title, f"E{product_row}") == pytest.approx(expected)
    assert ws.cell(row=product_row, column=7).value == pytest.approx(expected)


def test_compliance_sheet_each_status(wb, ev, review_data):
    ws = wb["법제도 점검표"]
    items = review_data["compliance"]["items"]
    assert len(items) == 18
    for i, item in enumerate(items):
        row = FIRST_ROW + i
        assert ws.cell(row=row, column=1).value == item["no"]
        assert ws.cell(row=row, column=2).value == item["name"]
        assert ws.cell(row=row, column=3).value == STATUS_KO[item["status"]]
        assert ws.cell(row=row, column=4).value == (item["evidence"] or "찾지 못함")
        assert ws.cell(row=row, column=6).value == (item["fix"] or "해당 없음")
        assert (ws.cell(row=row, column=8).value or None) == item.get("note")
    summary = review_data["compliance"]["summary"]
    for status, label in STATUS_KO.items():
        row = find_row(ws, 2, label)
        assert ev.value(ws.title, f"C{row}") == summary[status] == ws.cell(row=row, column=4).value


def test_findings_sheet(wb, review_data):
    ws = wb["요구사항 검토의견"]
    rows = list(data_rows(ws))
    findings = review_data["findings"]
    assert len(rows) == len(findings)
    severities = [ws.cell(row=r, column=2).value for r in rows]
    order = {"오류": 0, "경고": 1, "참고": 2}
    assert severities == sorted(severities, key=order.get)  # errors first
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    assert severities.count("오류") == counts["error"] and severities.count("경고") == counts["warning"]
    assert {ws.cell(row=r, column=5).value for r in rows} == {f["message"] for f in findings}


def test_summary_sheet(wb, review_data):
    ws = wb["요약"]
    values = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(FIRST_ROW, ws.max_row + 1)}
    assert values["사업명"] == review_data["facts"]["project_name"]["value"]
    assert values["사업예산"] == review_data["budget"]["stated_budget"]
    assert values["사업금액 (부가세 포함)"] == review_data["estimate"]["total"]
    assert values["기능점수 합계 (FP)"] == review_data["estimate"]["fp_total"]
    assert values["추정가격"] == "찾지 못함"
    assert values["예산 판정"] == review_data["budget"]["verdict_ko"]
    assert values["누락"] == review_data["compliance"]["summary"]["missing"]
    texts = [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
    for rule in review_data["uncertainty"]["unverified_rules"]:
        assert rule["name"] in texts
    for item in review_data["uncertainty"]["to_confirm"]:
        assert item in texts


def test_requirement_sheet(wb, review_data):
    ws = wb["요구사항 목록"]
    ids = [ws.cell(row=r, column=2).value for r in data_rows(ws)]
    assert ids == [r["id"] for r in review_data["requirements"]]
    assert len(ids) == 30
