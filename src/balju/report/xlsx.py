"""XLSX report laid out like the agency forms (openpyxl).

Sheets: 요약, 기능점수 산정표, 개발원가 산정표, 보정계수, 법제도 점검표, 요구사항 검토의견, 요구사항 목록.
Each sheet: title in row 1, what it is about in row 2, the header in row 3 (frozen, printed on
every page), data from row 4. Where a person audits a number, the cell holds an Excel formula
(SUM, COUNTIF/SUMIF, PRODUCT, ROUND chain) and the number balju computed stands beside it, so a
difference shows at once. openpyxl stores formulas without computing them; Excel and LibreOffice
compute them on opening, and the tests recompute them.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from balju.report.view import (
    FP_TYPE_KO,
    FP_TYPES,
    NOT_APPLICABLE,
    NOT_FOUND,
    STATUS_KO,
    STATUS_ORDER,
    View,
    number,
    text_or,
    is_money_fact,
    won,
)

SHEETS = ("요약", "기능점수 산정표", "개발원가 산정표", "보정계수", "법제도 점검표", "요구사항 검토의견", "요구사항 목록")
HEADER_ROW = 3
CELL_LIMIT = 32_767
"""Excel keeps at most this many characters in a cell."""
FIRST_ROW = 4

FONT_NAME = "맑은 고딕"
WON = "#,##0"
FP = "#,##0.0#"
FACTOR = "0.00##"
CONFIDENCE = "0.00"
PERCENT = '0.0"%"'

_THIN = Side(style="thin", color="999999")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
SECTION_FILL = PatternFill("solid", fgColor="EDF2F9")
LOW_FILL = PatternFill("solid", fgColor="FFF2CC")
STATUS_FILL = {
    "적합": PatternFill("solid", fgColor="E2EFDA"),
    "누락": PatternFill("solid", fgColor="F8CBAD"),
    "해당없음": PatternFill("solid", fgColor="EDEDED"),
}
SEVERITY_FILL = {
    "error": PatternFill("solid", fgColor="F8CBAD"),
    "warning": PatternFill("solid", fgColor="FFF2CC"),
    "info": PatternFill("solid", fgColor="FFFFFF"),
}
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="top")


class Formula(str):
    """An Excel formula balju wrote; any other text starting with "=" is stored as text."""


def clean(text: str) -> str:
    """Text Excel accepts: no control characters (HWP text can carry them), at most 32,767 characters."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def text_cell(ws, row: int, col: int, text: str):
    """A cell holding ``text`` as text (cleaned; never a formula even if it starts with "=")."""
    cell = ws.cell(row=row, column=col, value=clean(text))
    cell.data_type = "s"
    return cell


class Sheet:
    """A worksheet with the cell helpers the forms need."""

    def __init__(self, ws, widths: list[float]):
        self.ws = ws
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        self.columns = len(widths)
        # One style per (bold, format, fill, alignment, border) in a workbook: openpyxl hashes every
        # style object it is given (≈ 0.2 ms a cell), so the first cell of a kind is styled through
        # the API and the others copy its style record (a 12,000-cell workbook 1.1 s → 0.4 s).
        self.styles: dict[tuple, tuple] = ws.parent.__dict__.setdefault("_balju_styles", {})

    def put(self, row: int, col: int, value: Any, fmt: str | None = None, *, bold: bool = False,
            fill: PatternFill | None = None, align: Alignment | None = None, border: bool = True):
        formula = isinstance(value, Formula)
        if isinstance(value, str):
            value = str(value) if formula else clean(value)
        cell = self.ws.cell(row=row, column=col, value=value)
        if isinstance(value, str) and value.startswith("=") and not formula:
            cell.data_type = "s"  # RFP text that starts with "=" stays text, never a formula
        align = align or (RIGHT if isinstance(value, (int, float)) and not isinstance(value, bool) else WRAP)
        key = (bold, fmt, id(fill), id(align), border)
        known = self.styles.get(key)
        if known is not None:
            cell._style = copy(known[0])
            return cell
        cell.font = Font(name=FONT_NAME, size=10, bold=bold)
        if fmt:
            cell.number_format = fmt
        cell.alignment = align
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = BORDER
        self.styles[key] = (copy(cell._style), fill, align)  # fill and align kept alive: their ids stay theirs
        return cell

    def title(self, title: str, subtitle: str) -> None:
        cell = text_cell(self.ws, 1, 1, title)
        cell.font = Font(name=FONT_NAME, size=14, bold=True)
        cell = text_cell(self.ws, 2, 1, subtitle)
        cell.font = Font(name=FONT_NAME, size=9, color="555555")
        self.ws.row_dimensions[1].height = 24

    def header(self, names: list[str], row: int = HEADER_ROW) -> None:
        for col, name in enumerate(names, start=1):
            self.put(row, col, name, bold=True, fill=HEADER_FILL, align=CENTER)

    def freeze(self, landscape: bool = True) -> None:
        ws = self.ws
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0

    def span(self, row: int, first: int, last: int, value: Any, **kw) -> None:
        self.put(row, first, value, **kw)
        for col in range(first + 1, last + 1):
            self.put(row, col, None, fill=kw.get("fill"))
        self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _subtitle(view: View, *extra: str) -> str:
    parts = [view.title, f"기준일 {text_or(view.as_of)}"]
    parts.extend(e for e in extra if e)
    return " · ".join(parts)


def _summary(wb: Workbook, view: View) -> None:
    s = Sheet(wb.create_sheet("요약"), [24, 44, 60, 26])
    s.title("제안요청서 검토 결과 요약", " · ".join(
        p for p in (f"balju {view.version}" if view.version else None,
                    f"생성 {view.generated_at}" if view.generated_at else None,
                    f"원본 {view.source_file}" if view.source_file else None, view.saved_note) if p))
    s.header(["항목", "값", "근거 문구", "위치"])
    row = FIRST_ROW

    def section(name: str) -> None:
        nonlocal row
        s.span(row, 1, 4, name, bold=True, fill=SECTION_FILL)
        row += 1

    def line(label: str, value: Any, text: Any = None, where: Any = None, fmt: str | None = None) -> None:
        nonlocal row
        s.put(row, 1, label, bold=True)
        s.put(row, 2, value, fmt)
        s.put(row, 3, text)
        s.put(row, 4, where)
        row += 1

    section("사업 정보")
    if view.facts:
        for fact in view.facts:
            value = fact.value if is_money_fact(fact.key, fact.value) else fact.shown
            line(fact.label, value, fact.text or (NOT_FOUND if fact.value is None else None), fact.where,
                 WON if is_money_fact(fact.key, value) else None)
    else:
        line("사업 정보", NOT_FOUND)
    line("기준일", text_or(view.as_of), view.as_of_basis)

    section("산정 결과")
    if view.has_estimate:
        line("산정 방법", text_or(view.method_ko))
        line("기능점수 합계 (FP)", view.fp_total, f"{view.function_word} {len(view.functions)}개 — '기능점수 산정표' 합계", None, FP)
        line("사업금액 (부가세 포함)", view.total, "'개발원가 산정표' 사업금액", None, WON)
        if view.range_low is not None and view.range_high is not None:
            line("산정 범위", f"{won(view.range_low)} ~ {won(view.range_high)}", view.range_basis)
        else:
            line("산정 범위", NOT_FOUND)
    else:
        line("사업금액", NOT_FOUND, "산정 결과가 없습니다")
    line("사업예산", view.budget_amount if view.budget_amount is not None else NOT_FOUND,
         None, None, WON if view.budget_amount is not None else None)
    line("예산 판정", view.verdict_ko, view.verdict_why)
    if view.gap_percent is not None:
        line("예산과 산정액 차이", view.gap_percent, "(예산 − 산정액) ÷ 산정액", None, PERCENT)

    section("법제도 점검 (18개 항목)")
    if view.compliance:
        for status in STATUS_ORDER:
            line(STATUS_KO[status], view.compliance_counts[status], None, None, "0")
    else:
        line("법제도 점검", NOT_FOUND, "점검 결과가 없습니다")

    section("검토 의견")
    line("오류 / 경고 / 참고", f"{view.finding_counts['error']} / {view.finding_counts['warning']} / "
         f"{view.finding_counts['info']}", f"모두 {len(view.findings)}건 — '요구사항 검토의견' 시트")
    if view.top_findings:
        for f in view.top_findings:
            line(f"[{f.severity_ko}] {f.requirement_id or f.source_ko}", f.message, f.quote or f.why, f.where)
    else:
        line("주요 검토 의견", NOT_APPLICABLE)

    section("불확실한 점 — 사람이 확인할 것")
    if view.mean_confidence is not None:
        line(f"{view.function_word} 평균 신뢰도", view.mean_confidence,
             f"신뢰도 {view.low_confidence_below} 미만 {text_or(view.low_confidence_functions)}개"
             + (f", 목록에서 뺀 후보 {view.left_out_functions}개" if view.left_out_functions else ""), None, CONFIDENCE)
    if view.fp_calibrated is not None:
        line("보정 추정 기능점수 (FP)", view.fp_calibrated,
             view.fp_calibrated_label or "후보 전체 FP × 처음 보는 RFP에서 사람이 센 FP ÷ 제안의 중앙값",
             "규칙 budget.proposal_fp_ratio")
    if view.unverified_rules:
        for rule in view.unverified_rules:
            line("미검증 규칙", rule.get("name") or NOT_FOUND, rule.get("description"), rule.get("reference"))
    else:
        line("미검증 규칙", NOT_APPLICABLE)
    if view.to_confirm:
        for i, item in enumerate(view.to_confirm, start=1):
            line(f"확인 {i}", item)
    else:
        line("확인할 것", NOT_APPLICABLE)
    if view.source_warnings:
        for warning in view.source_warnings:
            line("읽기 경고", warning)
    s.ws.freeze_panes = "A4"
    s.ws.print_title_rows = "3:3"


def _functions(wb: Workbook, view: View) -> int | None:
    """기능점수 산정표; returns the row of the total (its SUM is in column E)."""
    s = Sheet(wb.create_sheet("기능점수 산정표"), [7, 26, 8, 9, 9, 13, 60, 9])
    method = f" ({view.method_ko})" if view.method_ko else ""
    weights = "가중치: " + "; ".join(view.fp_references) if view.fp_references else ""
    s.title(f"기능점수 산정표{method}", _subtitle(view, weights))
    s.header(["번호", "기능명", "유형", "복잡도", "가중치", "근거 요구사항", "근거 문구", "신뢰도"])
    row = FIRST_ROW
    if not view.functions:
        s.span(row, 1, 8, f"제안된 기능이 없습니다 ({NOT_APPLICABLE})")
        row += 1
    for f in view.functions:
        fill = LOW_FILL if f.low_confidence else None
        s.put(row, 1, f.no, "0", fill=fill, align=CENTER)
        s.put(row, 2, f.name, fill=fill)
        s.put(row, 3, f.type, fill=fill, align=CENTER)
        s.put(row, 4, f.complexity, fill=fill, align=CENTER)
        s.put(row, 5, f.weight if f.weight is not None else NOT_FOUND, FP, fill=fill)
        s.put(row, 6, f.requirement_id, fill=fill, align=CENTER)
        s.put(row, 7, f.evidence, fill=fill)
        s.put(row, 8, f.confidence if f.confidence is not None else NOT_FOUND, CONFIDENCE, fill=fill)
        row += 1
    last = row - 1
    total_row = row
    s.put(row, 1, "합계", bold=True, fill=TOTAL_FILL, align=CENTER)
    s.put(row, 2, f"{len(view.functions)}개 기능", bold=True, fill=TOTAL_FILL)
    for col in (3, 4):
        s.put(row, col, None, fill=TOTAL_FILL)
    s.put(row, 5, Formula(f"=SUM(E{FIRST_ROW}:E{last})"), FP, bold=True, fill=TOTAL_FILL)
    s.put(row, 6, "balju 계산", fill=TOTAL_FILL, align=CENTER)
    s.put(row, 7, view.fp_total if view.fp_total is not None else NOT_FOUND, FP, bold=True, fill=TOTAL_FILL,
          align=Alignment(horizontal="left", vertical="top"))
    s.put(row, 8, None, fill=TOTAL_FILL)
    row += 2
    s.put(row, 1, "유형별 집계", bold=True, border=False)
    row += 1
    for col, name in enumerate(["유형", "유형명", "개수", "balju 개수", "기능점수", "balju 기능점수"], start=1):
        s.put(row, col, name, bold=True, fill=HEADER_FILL, align=CENTER)
    row += 1
    for t in FP_TYPES:
        s.put(row, 1, t, align=CENTER)
        s.put(row, 2, FP_TYPE_KO[t])
        s.put(row, 3, Formula(f'=COUNTIF(C${FIRST_ROW}:C${last},"{t}")'), "0")
        s.put(row, 4, view.count_by_type.get(t, 0), "0")
        s.put(row, 5, Formula(f'=SUMIF(C${FIRST_ROW}:C${last},"{t}",E${FIRST_ROW}:E${last})'), FP)
        s.put(row, 6, view.fp_by_type.get(t, 0), FP)
        row += 1
    row += 1
    low = f"{view.confidence_note} " if view.confidence_note else ""
    s.ws.cell(row=row, column=1, value=f"※ {low}가중치 열의 합계는 Excel SUM 수식이며, "
              "옆 칸은 balju가 계산한 값입니다.").font = Font(name=FONT_NAME, size=9, color="555555")
    s.freeze()
    s.ws.auto_filter.ref = f"A{HEADER_ROW}:H{max(last, FIRST_ROW)}"
    return total_row


def _round_chain(base: str, factors: list[str]) -> str:
    expr = base
    for factor in factors:
        expr = f"ROUND({expr}*{factor},0)"
    return expr


def _cost(wb: Workbook, view: View, fp_total_row: int | None) -> None:
    s = Sheet(wb.create_sheet("개발원가 산정표"), [6, 24, 10, 16, 44, 52, 8, 16, 8])
    s.title("개발원가 산정표 (SW개발비)", _subtitle(view, text_or(view.method_ko, "")))
    s.header(["번호", "항목", "계수·수량", "금액(원)", "계산", "근거", "검증", "검산 (Excel 수식)", "차이"])
    row = FIRST_ROW
    if not view.cost_rows:
        s.span(row, 1, 9, f"산정 결과가 없습니다 ({NOT_FOUND})")
        s.freeze()
        return
    rows: dict[str, int] = {}
    for i, line in enumerate(view.cost_rows):
        rows[line.key] = FIRST_ROW + i
    fp_sheet = "'기능점수 산정표'"
    factor_keys = [k for k in ("size_factor", "interface", "performance", "compatibility", "security") if k in rows]
    for i, line in enumerate(view.cost_rows, start=1):
        r = rows[line.key]
        bold = line.key in ("cost_after_correction", "development_cost", "total")
        fill = TOTAL_FILL if bold else None
        s.put(r, 1, i, "0", fill=fill, align=CENTER)
        s.put(r, 2, line.label, bold=bold, fill=fill)
        fmt = FP if line.key == "fp_total" else FACTOR
        s.put(r, 3, line.factor, fmt, fill=fill)
        s.put(r, 4, line.amount, WON, bold=bold, fill=fill)
        s.put(r, 5, line.formula, fill=fill)
        s.put(r, 6, line.reference, fill=fill)
        s.put(r, 7, "확인됨" if line.verified else "미검증", fill=fill if line.verified else LOW_FILL, align=CENTER)
        check, against = _check_formula(line.key, rows, factor_keys, fp_sheet, fp_total_row)
        s.put(r, 8, Formula(check) if check else None, FP if line.key == "fp_total" else WON, fill=fill)
        s.put(r, 9, Formula(f"={against}{r}-H{r}") if check else None, WON, fill=fill)
    row = FIRST_ROW + len(view.cost_rows) + 1

    def note(label: str, value: Any, text: str | None = None, fmt: str | None = None) -> None:
        nonlocal row
        s.put(row, 2, label, bold=True)
        s.put(row, 4, value, fmt)
        s.span(row, 5, 6, text)
        row += 1

    if view.range_low is not None and view.range_high is not None:
        note("산정 범위 (하한)", view.range_low, view.range_basis, WON)
        note("산정 범위 (상한)", view.range_high, None, WON)
    note("사업예산", view.budget_amount if view.budget_amount is not None else NOT_FOUND,
         f"예산 판정: {view.verdict_ko}" + (f" — {view.verdict_why}" if view.verdict_why else ""),
         WON if view.budget_amount is not None else None)
    row += 1
    for assumption in view.assumptions:
        text_cell(s.ws, row, 2, f"가정: {assumption}").font = Font(name=FONT_NAME, size=9)
        row += 1
    s.ws.cell(row=row, column=2, value=(
        "※ 검산 열은 위 행들을 Excel 수식으로 다시 계산한 값이고, 차이 열은 금액 − 검산입니다. Excel ROUND는 0.5를 "
        "올리므로, balju의 반올림 규칙(cost.rounding)과 0.5원 경계에서 1원 다를 수 있습니다."
    )).font = Font(name=FONT_NAME, size=9, color="555555")
    s.freeze()


def _check_formula(key: str, rows: dict[str, int], factor_keys: list[str], fp_sheet: str,
                   fp_total_row: int | None) -> tuple[str | None, str]:
    """(Excel formula that recomputes the line, column it is compared with)."""
    def amount(k: str) -> str | None:
        return f"D{rows[k]}" if k in rows else None

    def factor(k: str) -> str | None:
        return f"C{rows[k]}" if k in rows else None

    if key == "fp_total":
        return (f"={fp_sheet}!E{fp_total_row}" if fp_total_row else None), "C"
    if key == "cost_before_correction" and "fp_total" in rows and "unit_price" in rows:
        parts = [factor("fp_total"), amount("unit_price")] + ([factor("phase_weight")] if "phase_weight" in rows else [])
        return f"=ROUND({'*'.join(parts)},0)", "D"
    if key in factor_keys and "cost_before_correction" in rows:
        i = factor_keys.index(key)
        previous = amount(factor_keys[i - 1]) if i else amount("cost_before_correction")
        return f"=ROUND({previous}*{factor(key)},0)", "D"
    if key == "cost_after_correction" and factor_keys and "cost_before_correction" in rows:
        return "=" + _round_chain(amount("cost_before_correction"), [factor(k) for k in factor_keys]), "D"
    if key == "profit" and "cost_after_correction" in rows:
        return f"=ROUND({amount('cost_after_correction')}*{factor('profit')},0)", "D"
    if key == "development_cost" and {"cost_after_correction", "profit"} <= set(rows):
        parts = [amount("cost_after_correction"), amount("profit")] + (
            [amount("direct_expenses")] if "direct_expenses" in rows else [])
        return "=" + "+".join(parts), "D"
    if key == "vat" and "development_cost" in rows:
        return f"=ROUND({amount('development_cost')}*{factor('vat')},0)", "D"
    if key == "total" and {"development_cost", "vat"} <= set(rows):
        return f"={amount('development_cost')}+{amount('vat')}", "D"
    return None, "D"


def _factors(wb: Workbook, view: View) -> None:
    s = Sheet(wb.create_sheet("보정계수"), [6, 20, 8, 44, 10, 60, 8])
    s.title("보정계수 (규모 보정계수와 애플리케이션 복잡도 보정계수 4개)",
            _subtitle(view, f"기능점수 {number(view.fp_total)} FP"))
    s.header(["번호", "보정항목", "수준", "수준 설명", "보정계수", "근거", "검증"])
    row = FIRST_ROW
    if not view.factor_rows:
        s.span(row, 1, 7, f"보정계수가 없습니다 ({NOT_FOUND})")
        s.freeze()
        return
    for i, f in enumerate(view.factor_rows, start=1):
        s.put(row, 1, i, "0", align=CENTER)
        s.put(row, 2, f.label)
        s.put(row, 3, f.level if f.level is not None else "—", "0", align=CENTER)
        s.put(row, 4, f.meaning or NOT_FOUND)
        s.put(row, 5, f.factor if f.factor is not None else NOT_FOUND, FACTOR)
        s.put(row, 6, f.reference)
        s.put(row, 7, "확인됨" if f.verified else "미검증", fill=None if f.verified else LOW_FILL, align=CENTER)
        row += 1
    last = row - 1
    s.put(row, 1, None, fill=TOTAL_FILL)
    s.put(row, 2, "보정계수 곱", bold=True, fill=TOTAL_FILL)
    s.put(row, 3, None, fill=TOTAL_FILL)
    s.put(row, 4, "규모 × 연계 × 성능 × 호환성 × 보안성", fill=TOTAL_FILL)
    s.put(row, 5, Formula(f"=PRODUCT(E{FIRST_ROW}:E{last})"), "0.0000", bold=True, fill=TOTAL_FILL)
    s.put(row, 6, "balju 계산", fill=TOTAL_FILL)
    s.put(row, 7, view.factor_product, "0.0000", fill=TOTAL_FILL)
    row += 2
    s.ws.cell(row=row, column=2, value=(
        "※ 보정후 개발원가 = 보정전 개발원가 × 보정계수 (곱할 때마다 원 단위 반올림; '개발원가 산정표'의 검산 열)."
    )).font = Font(name=FONT_NAME, size=9, color="555555")
    row += 1
    for assumption in view.assumptions:
        text_cell(s.ws, row, 2, f"가정: {assumption}").font = Font(name=FONT_NAME, size=9)
        row += 1
    s.freeze()


def _compliance(wb: Workbook, view: View) -> None:
    s = Sheet(wb.create_sheet("법제도 점검표"), [6, 26, 10, 56, 24, 44, 30, 40])
    c = view.compliance_counts
    s.title("법제도 점검표 (제안요청서 법제도 점검 18개 항목)",
            _subtitle(view, f"적합 {c['found']} · 누락 {c['missing']} · 해당없음 {c['not_applicable']}"))
    s.header(["번호", "항목", "결과", "근거 문구", "위치", "조치", "근거 법령", "비고"])
    row = FIRST_ROW
    if not view.compliance:
        s.span(row, 1, 8, f"법제도 점검 결과가 없습니다 ({NOT_FOUND})")
        s.freeze()
        return
    for item in view.compliance:
        s.put(row, 1, item.no, "0", align=CENTER)
        s.put(row, 2, item.name)
        s.put(row, 3, item.status_ko, fill=STATUS_FILL.get(item.status_ko), align=CENTER)
        s.put(row, 4, item.evidence or NOT_FOUND)
        s.put(row, 5, item.where or NOT_FOUND)
        s.put(row, 6, item.fix or NOT_APPLICABLE)
        s.put(row, 7, item.reference or NOT_FOUND)
        s.put(row, 8, item.note or "")
        row += 1
    last = row - 1
    validation = DataValidation(type="list", formula1='"적합,누락,해당없음"', allow_blank=False)
    validation.add(f"C{FIRST_ROW}:C{last}")
    s.ws.add_data_validation(validation)
    row += 1
    for col, name in enumerate(["", "결과", "개수", "balju 개수"], start=1):
        if name:
            s.put(row, col, name, bold=True, fill=HEADER_FILL, align=CENTER)
    row += 1
    for status in STATUS_ORDER:
        label = STATUS_KO[status]
        s.put(row, 2, label, align=CENTER, fill=STATUS_FILL.get(label))
        s.put(row, 3, Formula(f'=COUNTIF(C${FIRST_ROW}:C${last},"{label}")'), "0")
        s.put(row, 4, c[status], "0")
        row += 1
    s.freeze()
    s.ws.auto_filter.ref = f"A{HEADER_ROW}:H{last}"


def _findings(wb: Workbook, view: View) -> None:
    s = Sheet(wb.create_sheet("요구사항 검토의견"), [6, 8, 9, 12, 40, 40, 22, 40, 40, 28, 18])
    n = view.finding_counts
    s.title("요구사항 검토의견", _subtitle(view, f"오류 {n['error']} · 경고 {n['warning']} · 참고 {n['info']}"))
    s.header(["번호", "심각도", "구분", "요구사항", "의견", "인용 문구", "위치", "이유", "조치", "근거", "코드"])
    row = FIRST_ROW
    if not view.findings:
        s.span(row, 1, 11, f"검토 의견이 없습니다 ({NOT_APPLICABLE})")
        s.freeze()
        return
    for f in view.findings:
        fill = SEVERITY_FILL.get(f.severity)
        s.put(row, 1, f.no, "0", align=CENTER)
        s.put(row, 2, f.severity_ko, fill=fill, align=CENTER)
        s.put(row, 3, f.source_ko, align=CENTER)
        s.put(row, 4, f.requirement_id or NOT_APPLICABLE, align=CENTER)
        s.put(row, 5, f.message)
        s.put(row, 6, f.quote or NOT_APPLICABLE)
        s.put(row, 7, f.where or NOT_FOUND)
        s.put(row, 8, f.why or "")
        s.put(row, 9, f.fix or NOT_APPLICABLE)
        s.put(row, 10, f.reference or "")
        s.put(row, 11, f.code)
        row += 1
    s.freeze()
    s.ws.auto_filter.ref = f"A{HEADER_ROW}:K{row - 1}"


def _requirements(wb: Workbook, view: View) -> None:
    s = Sheet(wb.create_sheet("요구사항 목록"), [6, 11, 8, 26, 70, 24, 9, 9])
    s.title("요구사항 목록", _subtitle(view, f"모두 {view.requirement_total}개"))
    s.header(["번호", "요구사항 ID", "분류", "명칭", "내용", "위치", "제안 기능", "검토의견"])
    row = FIRST_ROW
    if not view.requirements:
        s.span(row, 1, 8, f"요구사항을 찾지 못했습니다 ({NOT_FOUND})")
        s.freeze()
        return
    functions: dict[str, int] = {}
    for f in view.functions:
        functions[f.requirement_id] = functions.get(f.requirement_id, 0) + 1
    findings: dict[str, int] = {}
    for f in view.findings:
        if f.requirement_id:
            findings[f.requirement_id] = findings.get(f.requirement_id, 0) + 1
    for i, r in enumerate(view.requirements, start=1):
        rid = r.get("id") or NOT_FOUND
        s.put(row, 1, i, "0", align=CENTER)
        s.put(row, 2, rid, align=CENTER)
        s.put(row, 3, r.get("category") or NOT_FOUND, align=CENTER)
        s.put(row, 4, r.get("name") or NOT_FOUND)
        s.put(row, 5, r.get("text") or NOT_FOUND)
        s.put(row, 6, r.get("where") or NOT_FOUND)
        s.put(row, 7, functions.get(rid, 0), "0")
        s.put(row, 8, findings.get(rid, 0), "0", fill=LOW_FILL if findings.get(rid) else None)
        row += 1
    s.freeze()
    s.ws.auto_filter.ref = f"A{HEADER_ROW}:H{row - 1}"


def write_xlsx(view: View, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = clean(f"{view.title} — 제안요청서 검토")[:250]
    wb.properties.creator = "balju"
    _summary(wb, view)
    total_row = _functions(wb, view)
    _cost(wb, view, total_row)
    _factors(wb, view)
    _compliance(wb, view)
    _findings(wb, view)
    _requirements(wb, view)
    wb.save(path)
    return path
