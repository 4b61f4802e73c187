"""One reading of the Review dict that every writer shares (so the XLSX, PDF and HTML agree).

The input is the plain dict of ``docs/review-json.md``. Any part may be missing or null (a value
not found, no budget, no estimate, zero functions, no findings): this module never raises on
that; it gives ``None`` or an empty list, and the writers print "찾지 못함" or "해당 없음".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from balju import rules as rules_module
from balju.functions.model import FUNCTION_TYPES, TYPE_NAMES_KO

NOT_FOUND = "찾지 못함"
NOT_APPLICABLE = "해당 없음"

SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "참고"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SOURCE_KO = {"requirements": "요구사항", "functions": "기능 제안", "compliance": "법제도", "estimate": "산정", "budget": "예산"}
STATUS_KO = {"found": "적합", "missing": "누락", "not_applicable": "해당없음"}
STATUS_ORDER = ("found", "missing", "not_applicable")
FP_TYPES = FUNCTION_TYPES
FP_TYPE_KO = TYPE_NAMES_KO
FACTOR_KEYS = ("size_factor", "interface", "performance", "compatibility", "security")
FACTOR_KO = {
    "size": "규모 보정계수",
    "interface": "연계 복잡성",
    "performance": "성능 요구수준",
    "compatibility": "운영환경 호환성",
    "security": "보안성",
}
TOP_FINDINGS = 6


def get(data: Any, *keys: str | int, default: Any = None) -> Any:
    """``data[k1][k2]…`` or ``default`` when any step is missing or null."""
    for key in keys:
        if data is None:
            return default
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return default
    return default if data is None else data


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def won(amount: Any, empty: str = NOT_FOUND) -> str:
    """``330,000,000원``; ``empty`` for a missing amount."""
    if amount is None or isinstance(amount, bool):
        return empty
    try:
        return f"{int(round(float(amount))):,}원"
    except (TypeError, ValueError):
        return str(amount)


def number(value: Any, digits: int = 2, empty: str = NOT_FOUND) -> str:
    """A plain number without trailing zeros: 191.9, 1.28, 7.5, 4."""
    if value is None or isinstance(value, bool):
        return empty
    try:
        text = f"{float(value):,.{digits}f}"
    except (TypeError, ValueError):
        return str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def million(amount: Any) -> str:
    """``221.3백만원`` for chart labels."""
    if amount is None:
        return NOT_FOUND
    return f"{float(amount) / 1e6:,.1f}백만원"


def text_or(value: Any, empty: str = NOT_FOUND) -> str:
    if value is None:
        return empty
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,}"
    text = str(value).strip()
    return text if text else empty


def to_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def to_int(value: Any) -> int | None:
    number_ = to_float(value)
    return None if number_ is None else int(round(number_))


@dataclass
class FactRow:
    key: str
    label: str
    value: Any
    shown: str
    text: str | None
    where: str | None


@dataclass
class FunctionRow:
    no: int
    name: str
    type: str
    type_ko: str
    complexity: str
    weight: float | None
    requirement_id: str
    evidence: str
    confidence: float | None
    low_confidence: bool


@dataclass
class FunctionGroup:
    """The functions proposed from one requirement (요구사항별 기능 묶음) — one PDF row."""

    requirement_id: str
    names: str
    count_by_type: dict[str, int]
    fp: float
    min_confidence: float | None
    low_confidence: bool


def function_groups(functions: list[FunctionRow]) -> list[FunctionGroup]:
    """Functions grouped by their requirement, in the order the requirements first appear."""
    groups: dict[str, list[FunctionRow]] = {}
    for f in functions:
        groups.setdefault(f.requirement_id, []).append(f)
    out = []
    for requirement_id, rows in groups.items():
        confidences = [f.confidence for f in rows if f.confidence is not None]
        counts = {t: sum(1 for f in rows if f.type == t) for t in FP_TYPES}
        out.append(
            FunctionGroup(
                requirement_id=requirement_id,
                names=", ".join(f"{f.name}({f.type})" for f in rows),
                count_by_type=counts,
                fp=round(sum(f.weight or 0 for f in rows), 2),
                min_confidence=min(confidences) if confidences else None,
                low_confidence=any(f.low_confidence for f in rows),
            )
        )
    return out


@dataclass
class CostRow:
    key: str
    label: str
    amount: int | None
    factor: float | None
    formula: str
    reference: str
    verified: bool


@dataclass
class FactorRow:
    key: str
    label: str
    level: int | None
    meaning: str
    factor: float | None
    reference: str
    verified: bool


@dataclass
class ComplianceRow:
    no: Any
    name: str
    status: str
    status_ko: str
    evidence: str | None
    where: str | None
    fix: str | None
    reference: str | None
    note: str | None = None


@dataclass
class FindingRow:
    no: int
    severity: str
    severity_ko: str
    source_ko: str
    code: str
    message: str
    why: str | None
    fix: str | None
    requirement_id: str | None
    quote: str | None
    where: str | None
    reference: str | None


@dataclass
class FindingType:
    """Findings of one check (code), for the table of kinds: the reason is said once."""

    severity: str
    severity_ko: str
    source_ko: str
    code: str
    count: int
    why: str | None
    reference: str | None


@dataclass
class View:
    """Everything a writer prints, already ordered and labelled."""

    raw: dict
    title: str
    project_name: str | None
    agency: str | None
    as_of: str | None
    as_of_basis: str | None
    generated_at: str | None
    version: str | None
    source_file: str | None
    source_warnings: list[str]
    facts: list[FactRow]
    requirements: list[dict]
    requirement_total: int
    requirement_by_category: dict[str, int]
    functions: list[FunctionRow]
    function_groups: list[FunctionGroup]
    fp_total: float | None
    fp_by_type: dict[str, float]
    count_by_type: dict[str, int]
    has_estimate: bool
    method_ko: str | None
    total: int | None
    development_cost: int | None
    cost_before: int | None
    cost_after: int | None
    profit: int | None
    direct_expenses: int | None
    vat: int | None
    range_low: int | None
    range_high: int | None
    range_basis: str | None
    cost_rows: list[CostRow]
    factor_rows: list[FactorRow]
    factor_product: float | None
    assumptions: list[str]
    compliance: list[ComplianceRow]
    compliance_counts: dict[str, int]
    findings: list[FindingRow]
    finding_counts: dict[str, int]
    top_findings: list[FindingRow]
    budget: dict
    budget_amount: int | None
    verdict_ko: str
    verdict_why: str | None
    gap_percent: float | None
    unverified_rules: list[dict]
    to_confirm: list[str]
    mean_confidence: float | None
    low_confidence_functions: int | None
    low_confidence_below: float | None  # budget.low_confidence the review used
    left_out_functions: int | None = None  # 빼 둔 후보: candidates v6 left out of a proposal (functions.leave_out_below)
    cost_lines_unverified: list[str] = field(default_factory=list)
    fp_references: list[str] = field(default_factory=list)
    finding_types: list[FindingType] = field(default_factory=list)
    fp_calibrated: float | None = None  # 보정 추정: proposal FP × measured hand ÷ proposed (budget point)
    fp_calibrated_label: str | None = None  # how it was scaled: which size class's median (the budget point's label)
    function_source: str | None = None  # proposal (balju's) | corrected (a person's list) | fp (a bare total)
    saved_note: str | None = None  # '저장 검토 #12 (#11을 고침) · 고친 사람 홍길동': where a stored review came from

    @property
    def confidence_note(self) -> str:
        """What 신뢰도 means and what the yellow rows are ('' for a person's list, which has none)."""
        if self.low_confidence_below is None or self.function_source == "corrected":
            return ""
        return (
            "신뢰도: 같은 규칙으로 제안된 기능 가운데 사람이 실제 제안요청서에서 센 기능과 맞은 비율"
            f"(functions.confidence). 노란 행: 신뢰도 {self.low_confidence_below} 미만 — 사람이 확인할 것."
        )

    @property
    def function_word(self) -> str:
        """'제안 기능' for balju's proposal, '고친 기능' for a list a person corrected."""
        return "고친 기능" if self.function_source == "corrected" else "제안 기능"


MONEY_WORDS = ("budget", "price", "amount", "cost")


def is_money_fact(key: str, value: Any) -> bool:
    """A fact whose value is an amount in won (사업예산, 추정가격, 사업금액 …)."""
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool)
        and any(word in key for word in MONEY_WORDS)
    )


def fact_text(key: str, value: Any) -> str:
    if is_money_fact(key, value):
        return won(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return NOT_FOUND
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        return (":" if numbers and "ratio" in key else ", ").join(text_or(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {text_or(v)}" for k, v in value.items()) or NOT_FOUND
    return text_or(value)


def _facts(review: dict) -> list[FactRow]:
    rows = []
    for key, fact in as_dict(review.get("facts")).items():
        fact = as_dict(fact)
        value = fact.get("value")
        shown = fact_text(key, value)
        rows.append(FactRow(key, fact.get("label") or key, value, shown, fact.get("text"), fact.get("where")))
    return rows


def _functions(review: dict, estimate: dict, low_below: float | None) -> list[FunctionRow]:
    """Join ``functions`` (evidence, confidence) with ``estimate.functions`` (complexity, weight)."""
    proposed = [as_dict(f) for f in as_list(review.get("functions"))]
    priced = [as_dict(f) for f in as_list(estimate.get("functions"))]
    same_order = len(proposed) == len(priced) and all(
        p.get("name") == q.get("name") for p, q in zip(proposed, priced)
    )
    by_key: dict[tuple, dict] = {}
    for q in priced:
        by_key.setdefault((q.get("name"), q.get("requirement_id")), q)
    if not proposed:  # only the estimate's list (e.g. a function list priced without an RFP)
        proposed = priced
        same_order = True
    rows = []
    for i, f in enumerate(proposed):
        q = priced[i] if same_order and i < len(priced) else by_key.get((f.get("name"), f.get("requirement_id")), {})
        weight = to_float(q.get("weight") if q.get("weight") is not None else f.get("weight"))
        confidence = to_float(f.get("confidence"))
        ftype = str(f.get("type") or q.get("type") or "")
        rows.append(
            FunctionRow(
                no=i + 1,
                name=text_or(f.get("name")),
                type=ftype or NOT_FOUND,
                type_ko=FP_TYPE_KO.get(ftype, ""),
                complexity=q.get("complexity_ko") or f.get("complexity_ko") or q.get("complexity") or "평균",
                weight=weight,
                requirement_id=f.get("requirement_id") or q.get("requirement_id") or NOT_FOUND,
                evidence=f.get("evidence") or NOT_FOUND,
                confidence=confidence,
                low_confidence=confidence is not None and low_below is not None and confidence < low_below,
            )
        )
    return rows


def _cost_rows(estimate: dict) -> list[CostRow]:
    rows = []
    for line in as_list(estimate.get("lines")):
        line = as_dict(line)
        rows.append(
            CostRow(
                key=str(line.get("key") or ""),
                label=line.get("label") or str(line.get("key") or ""),
                amount=to_int(line.get("amount")),
                factor=to_float(line.get("factor")),
                formula=line.get("formula") or "",
                reference=line.get("reference") or "",
                verified=line.get("verified") is not False,
            )
        )
    return rows


def _factor_rows(estimate: dict, cost_rows: list[CostRow]) -> list[FactorRow]:
    factors = as_dict(estimate.get("factors"))
    levels = as_dict(estimate.get("levels"))
    by_key = {r.key: r for r in cost_rows}
    rows = []
    for key in ("size", "interface", "performance", "compatibility", "security"):
        line = by_key.get("size_factor" if key == "size" else key)
        factor = to_float(factors.get(key))
        if factor is None and line is not None:
            factor = line.factor
        if key == "size" and factor is None:
            factor = to_float(estimate.get("size_factor"))
        if factor is None and line is None:
            continue
        meaning = line.formula if line else ""
        rows.append(
            FactorRow(
                key=key,
                label=(line.label if line else None) or FACTOR_KO[key],
                level=to_int(levels.get(key)) if key != "size" else None,
                meaning=meaning,
                factor=factor,
                reference=line.reference if line else "",
                verified=line.verified if line else True,
            )
        )
    return rows


def _findings(review: dict) -> list[FindingRow]:
    raw = [as_dict(f) for f in as_list(review.get("findings"))]
    ordered = sorted(enumerate(raw), key=lambda p: (SEVERITY_ORDER.get(p[1].get("severity"), 3), p[0]))
    rows = []
    for no, (_, f) in enumerate(ordered, start=1):
        severity = str(f.get("severity") or "info")
        rows.append(
            FindingRow(
                no=no,
                severity=severity,
                severity_ko=SEVERITY_KO.get(severity, severity),
                source_ko=SOURCE_KO.get(f.get("source"), text_or(f.get("source"), "")),
                code=f.get("code") or "",
                message=f.get("message") or NOT_FOUND,
                why=f.get("why"),
                fix=f.get("fix"),
                requirement_id=f.get("requirement_id"),
                quote=f.get("quote"),
                where=f.get("where"),
                reference=f.get("reference"),
            )
        )
    return rows


def _finding_types(findings: list[FindingRow]) -> list[FindingType]:
    groups: dict[tuple[str, str], FindingType] = {}
    for f in findings:
        key = (f.severity, f.code)
        if key not in groups:
            groups[key] = FindingType(f.severity, f.severity_ko, f.source_ko, f.code, 0, f.why, f.reference)
        group = groups[key]
        group.count += 1
        group.why = group.why or f.why
        group.reference = group.reference or f.reference
    return sorted(groups.values(), key=lambda g: (SEVERITY_ORDER.get(g.severity, 3), -g.count, g.code))


def _compliance(review: dict) -> list[ComplianceRow]:
    rows = []
    for item in as_list(get(review, "compliance", "items")):
        item = as_dict(item)
        status = str(item.get("status") or "")
        rows.append(
            ComplianceRow(
                no=item.get("no", len(rows) + 1),
                name=item.get("name") or NOT_FOUND,
                status=status,
                status_ko=STATUS_KO.get(status, status or NOT_FOUND),
                evidence=item.get("evidence"),
                where=item.get("where"),
                fix=item.get("fix"),
                reference=item.get("reference"),
                note=item.get("note"),
            )
        )
    return rows


def low_confidence_below(review: dict, uncertainty: dict) -> float | None:
    """The threshold the review marked low confidence by; a review written before it was recorded
    is read with ``budget.low_confidence`` of its pricing day (or of today)."""
    given = to_float(uncertainty.get("low_confidence_below"))
    if given is not None:
        return given
    try:
        day = rules_module.loader.parse_as_of(review.get("as_of"))
        return float(rules_module.at(day).value("budget.low_confidence"))
    except Exception:  # a report is still drawn from a damaged review, without the marks
        return None


def _saved_note(saved: Any) -> str | None:
    """The stored review a report was written from (``saved``, added by the web app's downloads):
    its number, the review it corrected, and who uploaded or corrected it."""
    if not isinstance(saved, dict) or saved.get("id") is None:
        return None
    parent, who = saved.get("parent_id"), saved.get("created_by")
    note = f"저장 검토 #{saved['id']}" + (f" (#{parent}을 고쳐 다시 산정)" if parent is not None else "")
    if who:
        note += f" · {'고친' if parent is not None else '올린'} 사람 {who}"
    return note


def build(review: dict | None) -> View:
    """Read the Review dict into a :class:`View`; never fails on missing parts."""
    review = as_dict(review)
    estimate = as_dict(review.get("estimate"))
    facts = _facts(review)
    fact_values = {f.key: f.value for f in facts}
    project_name = fact_values.get("project_name")
    agency = fact_values.get("agency")
    cost_rows = _cost_rows(estimate)
    factor_rows = _factor_rows(estimate, cost_rows)
    uncertainty = as_dict(review.get("uncertainty"))
    low_below = low_confidence_below(review, uncertainty)
    functions = _functions(review, estimate, low_below)
    fp_total = to_float(estimate.get("fp_total"))
    if fp_total is None and functions and any(f.weight is not None for f in functions):
        fp_total = round(sum(f.weight or 0 for f in functions), 2)
    fp_by_type = {t: to_float(v) or 0.0 for t, v in as_dict(estimate.get("fp_by_type")).items()}
    count_by_type = {t: to_int(v) or 0 for t, v in as_dict(estimate.get("function_count_by_type")).items()}
    if not fp_by_type and functions:
        for f in functions:
            fp_by_type[f.type] = fp_by_type.get(f.type, 0.0) + (f.weight or 0.0)
            count_by_type[f.type] = count_by_type.get(f.type, 0) + 1
    product = None
    if factor_rows and all(r.factor is not None for r in factor_rows):
        product = 1.0
        for r in factor_rows:
            product *= r.factor  # type: ignore[operator]
    compliance = _compliance(review)
    compliance_counts = {s: sum(1 for c in compliance if c.status == s) for s in STATUS_ORDER}
    findings = _findings(review)
    finding_counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_KO}
    top = [f for f in findings if f.severity in ("error", "warning")][:TOP_FINDINGS]
    budget = as_dict(review.get("budget"))
    calibrated_point = next(
        (p for p in map(as_dict, as_list(budget.get("points"))) if p.get("key") == "proposal_calibrated"), None
    )
    budget_amount = to_int(budget.get("stated_budget"))
    if budget_amount is None:
        budget_amount = to_int(fact_values.get("budget"))
    to_confirm = [str(t) for t in as_list(uncertainty.get("to_confirm"))]
    assumptions = [str(a) for a in as_list(estimate.get("assumptions"))]
    for a in assumptions:
        if a not in to_confirm:
            to_confirm.append(a)
    requirements = [as_dict(r) for r in as_list(review.get("requirements"))]
    req_summary = as_dict(review.get("requirement_summary"))
    by_category = {str(k): to_int(v) or 0 for k, v in as_dict(req_summary.get("by_category")).items()}
    if not by_category:
        for r in requirements:
            cat = str(r.get("category") or "기타")
            by_category[cat] = by_category.get(cat, 0) + 1
    est_range = as_dict(review.get("estimate_range"))
    source = as_dict(review.get("source"))
    return View(
        raw=review,
        title=str(project_name) if project_name else "사업명 " + NOT_FOUND,
        project_name=project_name,
        agency=agency,
        as_of=review.get("as_of") or estimate.get("as_of"),
        as_of_basis=review.get("as_of_basis"),
        generated_at=review.get("generated_at"),
        version=review.get("balju_version"),
        saved_note=_saved_note(review.get("saved")),
        source_file=source.get("file"),
        source_warnings=[str(w) for w in as_list(source.get("warnings"))],
        facts=facts,
        requirements=requirements,
        requirement_total=to_int(req_summary.get("total")) if req_summary.get("total") is not None else len(requirements),
        requirement_by_category=by_category,
        functions=functions,
        function_groups=function_groups(functions),
        fp_total=fp_total,
        fp_by_type=fp_by_type,
        count_by_type=count_by_type,
        has_estimate=bool(estimate) and estimate.get("total") is not None,
        method_ko=estimate.get("method_ko"),
        total=to_int(estimate.get("total")),
        development_cost=to_int(estimate.get("development_cost")),
        cost_before=to_int(estimate.get("cost_before_correction")),
        cost_after=to_int(estimate.get("cost_after_correction")),
        profit=to_int(estimate.get("profit")),
        direct_expenses=to_int(estimate.get("direct_expenses")),
        vat=to_int(estimate.get("vat")),
        range_low=to_int(est_range.get("low")),
        range_high=to_int(est_range.get("high")),
        range_basis=est_range.get("basis"),
        cost_rows=cost_rows,
        factor_rows=factor_rows,
        factor_product=product,
        assumptions=assumptions,
        compliance=compliance,
        compliance_counts=compliance_counts,
        findings=findings,
        finding_counts=finding_counts,
        top_findings=top,
        budget=budget,
        budget_amount=budget_amount,
        verdict_ko=budget.get("verdict_ko") or budget.get("verdict") or (
            "판단 못함 (사업예산 찾지 못함)" if budget_amount is None else "판단 못함"
        ),
        verdict_why=budget.get("why"),
        gap_percent=to_float(budget.get("gap_percent")),
        unverified_rules=[as_dict(r) for r in as_list(uncertainty.get("unverified_rules"))],
        to_confirm=to_confirm,
        mean_confidence=to_float(uncertainty.get("mean_confidence")),
        low_confidence_functions=to_int(uncertainty.get("low_confidence_functions")),
        low_confidence_below=low_below,
        left_out_functions=to_int(uncertainty.get("left_out_functions")),
        cost_lines_unverified=[r.label for r in cost_rows if not r.verified],
        fp_references=[str(x) for x in as_list(estimate.get("fp_references"))],
        finding_types=_finding_types(findings),
        function_source=review.get("function_source") if isinstance(review.get("function_source"), str) else None,
        fp_calibrated=to_float(calibrated_point.get("fp_total")) if calibrated_point else None,
        fp_calibrated_label=calibrated_point.get("label") if calibrated_point else None,
    )
