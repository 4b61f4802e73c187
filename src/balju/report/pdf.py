"""PDF report: ``templates/report.typ`` laid out by Typst (A4, NanumGothic embedded, "n / N" pages).

Python reads the ``View`` into plain strings and rows here (the same labels and number formats as the
HTML page); the Typst template only lays them out: the summary alone on page 1, then sections 1–6,
tables whose header repeats on every page and whose rows never split across pages.

The data goes to Typst as one JSON string (``sys.inputs.data``), so RFP text is never read as Typst
markup. Typst lays out a 20-page report in about 0.1 s; WeasyPrint took 1.5–4 s for the same pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from balju.report.html import TEMPLATES
from balju.report.view import NOT_APPLICABLE, NOT_FOUND, FP_TYPE_KO, FP_TYPES, View, number, text_or, won

FONT_DIRS = ("/usr/share/fonts/truetype/nanum", "/usr/share/fonts/nanum")
TEMPLATE = TEMPLATES / "report.typ"
SUMMARY_LIST = 8
"""Items of each summary list on page 1; the rest are in section 6."""

HEADER_FILL = "#d9e1f2"
TOTAL_FILL = "#f2f2f2"
LOW_FILL = "#fff2cc"
SEVERITY_FILL = {"error": "#f8cbad", "warning": "#fff2cc", "info": "#ffffff"}
STATUS_FILL = {"found": "#e2efda", "missing": "#f8cbad", "not_applicable": "#ededed"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def plain(value: Any, empty: str = NOT_FOUND) -> str:
    """Text as the HTML page shows it: control characters dropped, runs of white space as one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", text_or(value, empty))).strip() or (empty if value is None else "")


def cell(text: Any, *, align: str = "", fill: str = "", bold: bool = False, span: int = 1,
         extra: list[tuple[str, str]] | None = None, empty: str = NOT_FOUND) -> dict[str, Any]:
    """One table cell: ``align`` c|r, ``extra``: (style, text) pieces after the text (style muted|note|tag|br-muted|br-note)."""
    out: dict[str, Any] = {"t": plain(text, empty)}
    if align:
        out["a"] = align
    if fill:
        out["f"] = fill
    if bold:
        out["b"] = True
    if span > 1:
        out["s"] = span
    if extra:
        out["x"] = [[style, plain(piece, "")] for style, piece in extra if piece]
    return out


def row(cells: list[dict[str, Any]], fill: str = "", bold: bool = False) -> list[dict[str, Any]]:
    for c in cells:
        if fill and "f" not in c:
            c["f"] = fill
        if bold:
            c["b"] = True
    return cells


def num(value: Any, digits: int = 2) -> str:
    return number(value, digits)


def _summary(view: View) -> dict[str, Any]:
    rng = (f"범위 {won(view.range_low)} ~ {won(view.range_high)}"
           if view.range_low is not None and view.range_high is not None else f"범위 {NOT_FOUND}")
    fp_detail = f"{view.function_word} {len(view.functions)}개"
    if view.mean_confidence is not None:
        fp_detail += f" · 평균 신뢰도 {view.mean_confidence:.2f}"
    if view.fp_calibrated is not None:
        fp_detail += f" · 보정 추정 {num(view.fp_calibrated, 1)} FP"
    verdict_detail = f"판정: {view.verdict_ko}"
    if view.gap_percent is not None:
        verdict_detail += f" ({view.gap_percent:+.1f}%)"
    counts = view.compliance_counts
    figures = [
        [["사업금액 (부가세 포함, 가이드 산정)", won(view.total), rng],
         [f"기능점수{f' ({view.method_ko})' if view.method_ko else ''}",
          f"{num(view.fp_total)} FP" if view.fp_total is not None else NOT_FOUND, fp_detail],
         ["사업예산", won(view.budget_amount), verdict_detail]],
        [[f"법제도 점검 {len(view.compliance)}개 항목",
          f"적합 {counts['found']} · 누락 {counts['missing']}" if view.compliance else NOT_FOUND,
          f"해당없음 {counts['not_applicable']}" if view.compliance else ""],
         [f"검토 의견 {len(view.findings)}건",
          f"오류 {view.finding_counts['error']} · 경고 {view.finding_counts['warning']}",
          f"참고 {view.finding_counts['info']} · 요구사항 {view.requirement_total}개"]],
    ]
    sub = [
        f"제안요청서 검토 결과 요약 · 발주기관 {plain(view.agency)} · 기준일 {plain(view.as_of)}"
        + (f" ({view.as_of_basis})" if view.as_of_basis else ""),
        "balju가 자동으로 만든 검토 자료입니다. 금액은 「SW사업 대가산정 가이드」 규칙으로 계산했으며, "
        "미검증 규칙과 신뢰도가 낮은 기능은 발주기관이 확인해야 합니다.",
        f"원본 {plain(view.source_file)}" + (f" · 생성 {view.generated_at}" if view.generated_at else "")
        + (f" · balju {view.version}" if view.version else "") + (f" · {plain(view.saved_note)}" if view.saved_note else ""),
    ]
    top = [
        row([cell(f.severity_ko, align="c", fill=SEVERITY_FILL.get(f.severity, ""), bold=f.severity == "error"),
             cell(f.requirement_id or f.source_ko, align="c"), cell(f.message), cell(f.fix, empty=NOT_APPLICABLE)])
        for f in view.top_findings
    ]
    rules = [plain(r.get("description") or r.get("name")) for r in view.unverified_rules]
    rules_note = ""
    if view.unverified_rules:
        rules_note = (f"외 {len(rules) - SUMMARY_LIST}개. " if len(rules) > SUMMARY_LIST else "") + "규칙 이름과 근거는 6절."
    confirm = [plain(item) for item in view.to_confirm]
    return {
        "sub": [plain(s, "") for s in sub],
        "figures": [[[plain(x, "") for x in box] for box in line] for line in figures],
        "verdict": plain(view.verdict_ko),
        "verdict_why": plain(view.verdict_why, ""),
        "top": top,
        "rules": rules[:SUMMARY_LIST],
        "rules_title": f"사용한 미검증 규칙 ({len(rules)}개)",
        "rules_note": rules_note,
        "confirm": confirm[:SUMMARY_LIST],
        "confirm_note": f"외 {len(confirm) - SUMMARY_LIST}개는 6절." if len(confirm) > SUMMARY_LIST else "",
        "warnings": "읽기 경고: " + " / ".join(plain(w) for w in view.source_warnings) if view.source_warnings else "",
    }


def _functions(view: View) -> dict[str, Any]:
    rows = []
    for g in view.function_groups:
        rows.append(row(
            [cell(g.requirement_id, align="c"), cell(g.names)]
            + [cell(g.count_by_type.get(t) or "", align="r", empty="") for t in FP_TYPES]
            + [cell(num(g.fp), align="r"),
               cell(f"{g.min_confidence:.2f}" if g.min_confidence is not None else NOT_FOUND, align="r")],
            fill=LOW_FILL if g.low_confidence else "",
        ))
    if not rows:
        rows.append([cell(f"제안된 기능이 없습니다 ({NOT_APPLICABLE}).", span=9)])
    rows.append(row([cell(f"합계 ({len(view.functions)}개 기능)", span=7), cell(num(view.fp_total), align="r"), cell("", empty="")],
                    fill=TOTAL_FILL, bold=True))
    note = view.confidence_note
    if view.fp_references:
        note += " 가중치 근거: " + "; ".join(plain(r) for r in view.fp_references)
    types = [[cell(f"{FP_TYPE_KO[t]} ({t})"), cell(view.count_by_type.get(t, 0), align="r"),
              cell(num(view.fp_by_type.get(t, 0)), align="r")] for t in FP_TYPES]
    return {"rows": rows, "note": note, "types": types, "head": f"{view.function_word} (유형)"}


def _cost(view: View) -> dict[str, Any]:
    rows = []
    for i, line in enumerate(view.cost_rows, start=1):
        if line.amount is not None:
            amount = won(line.amount)
        elif line.factor is not None:
            amount = num(line.factor, 4) + (" FP" if line.key == "fp_total" else "")
        else:
            amount = ""
        total = line.key in ("cost_after_correction", "development_cost", "total")
        rows.append(row(
            [cell(i, align="c"), cell(line.label), cell(amount, align="r", empty=""), cell(line.formula, empty=""),
             cell(line.reference, empty="", extra=[] if line.verified else [("tag", "미검증")])],
            fill=TOTAL_FILL if total else "", bold=total,
        ))
    factors = [
        [cell(f.label), cell(f.level if f.level is not None else "—", align="c"), cell(f.meaning),
         cell(num(f.factor, 4), align="r"), cell(f.reference, empty="", extra=[] if f.verified else [("tag", "미검증")])]
        for f in view.factor_rows
    ]
    if factors:
        factors.append(row([cell("보정계수 곱", span=3),
                            cell(f"{view.factor_product:.4f}" if view.factor_product is not None else NOT_FOUND, align="r"),
                            cell("", empty="")], fill=TOTAL_FILL, bold=True))
    rng = NOT_FOUND
    if view.range_low is not None and view.range_high is not None:
        rng = f"{won(view.range_low)} ~ {won(view.range_high)}" + (f" ({view.range_basis})" if view.range_basis else "")
    return {"rows": rows, "range": plain(rng), "assumptions": [plain(a) for a in view.assumptions], "factors": factors}


def _compliance(view: View) -> dict[str, Any]:
    rows = [
        [cell(c.no, align="c"), cell(c.name), cell(c.status_ko, align="c", fill=STATUS_FILL.get(c.status, ""),
                                                   bold=c.status == "missing"),
         cell(c.evidence, extra=[("br-note", c.note)] if c.note else None), cell(c.where),
         cell(c.fix, empty=NOT_APPLICABLE), cell(c.reference)]
        for c in view.compliance
    ]
    counts = view.compliance_counts
    return {"rows": rows,
            "counts": f"적합 {counts['found']} · 누락 {counts['missing']} · 해당없음 {counts['not_applicable']}"}


def _findings(view: View) -> dict[str, Any]:
    kinds = [
        [cell(g.severity_ko, align="c", fill=SEVERITY_FILL.get(g.severity, ""), bold=g.severity == "error"),
         cell(g.source_ko, align="c"), cell(g.code or NOT_FOUND), cell(g.count, align="r"),
         cell(g.why, empty="", extra=[("note", f"근거: {g.reference}")] if g.reference else None)]
        for g in view.finding_types
    ]
    listed = [f for f in view.findings if f.severity != "info"]
    rows = [
        [cell(f.no, align="c"), cell(f.severity_ko, align="c", fill=SEVERITY_FILL.get(f.severity, ""), bold=f.severity == "error"),
         cell(f.requirement_id or f.source_ko or NOT_APPLICABLE, align="c"),
         cell(f.message, extra=([("br-muted", f"“{plain(f.quote)}”")] if f.quote else []) + ([("note", f"({f.where})")] if f.where else [])),
         cell(f.fix, empty=NOT_APPLICABLE)]
        for f in listed
    ]
    counts = view.finding_counts
    return {
        "counts": f"모두 {len(view.findings)}건 — 오류 {counts['error']} · 경고 {counts['warning']} · 참고 {counts['info']}",
        "kinds": kinds,
        "title": "검토 의견" + (f" (오류·경고 {len(listed)}건)" if counts["info"] else ""),
        "note": (f"참고 {counts['info']}건은 유형별 건수만 위에 적었습니다. 하나하나는 XLSX 보고서의 '요구사항 검토의견' 시트와 "
                 "HTML 보고서에 있습니다.") if counts["info"] else "",
        "rows": rows,
    }


def _uncertainty(view: View) -> dict[str, Any]:
    line = f"{view.function_word} {len(view.functions)}개"
    if view.mean_confidence is not None:
        line += f", 평균 신뢰도 {view.mean_confidence:.2f}"
    if view.low_confidence_functions is not None:
        line += f", 신뢰도 {view.low_confidence_below} 미만 {view.low_confidence_functions}개"
    if view.left_out_functions:
        line += f", 신뢰도가 낮아 목록에서 뺀 후보 {view.left_out_functions}개"
    rules = [[cell(i, align="c"), cell(r.get("name")), cell(r.get("description"), empty=""), cell(r.get("reference"))]
             for i, r in enumerate(view.unverified_rules, start=1)]
    return {"line": line + ".", "rules": rules, "confirm": [plain(item) for item in view.to_confirm]}


def pdf_data(view: View, charts: dict[str, str | None] | None = None) -> dict[str, Any]:
    """Everything the Typst template prints, as plain strings and rows of cells."""
    charts = charts or {}
    return {
        "title": plain(view.title),
        "method": f" ({view.method_ko})" if view.method_ko else "",
        "requirement_total": view.requirement_total,
        "summary": _summary(view),
        "facts": [[cell(f.label), cell(f.shown), cell(f.text), cell(f.where)] for f in view.facts],
        "functions": _functions(view),
        "has_estimate": bool(view.cost_rows),
        "cost": _cost(view),
        "compliance": _compliance(view),
        "findings": _findings(view),
        "uncertainty": _uncertainty(view),
        "charts": {key: svg for key, svg in charts.items() if svg},
        "fills": {"header": HEADER_FILL},
        "empty": {"found": NOT_FOUND, "na": NOT_APPLICABLE},
    }


def render_pdf(view: View, charts: dict[str, str | None] | None = None) -> bytes:
    """The PDF as bytes."""
    import typst

    if charts is None:
        from balju.report.chart import charts as make_charts

        charts = make_charts(view)
    data = json.dumps(pdf_data(view, charts), ensure_ascii=False)
    fonts = [folder for folder in FONT_DIRS if Path(folder).is_dir()]
    return typst.compile(str(TEMPLATE), font_paths=fonts, sys_inputs={"data": data})


def write_pdf(view: View, path: Path, charts: dict[str, str | None] | None = None) -> Path:
    Path(path).write_bytes(render_pdf(view, charts))
    return Path(path)
