"""One review of one RFP (검토 한 건): the whole pure core in one call.

document → facts and requirements → findings → proposed functions → FP count → estimate
→ legal checks → budget adequacy. The CLI, the batch runner and any web face call ``review``
and only present what it returns (``Review.to_dict()`` is the JSON of docs/review-json.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Sequence

from balju import __version__
from balju import rules as rules_module
from balju.asof import pricing_day
from balju.budget import assess_document
from balju.budget.assess import BudgetAssessment
from balju.compliance import RfpCheck, RfpFacts, check_rfp
from balju.cost import DevelopmentEstimate, DevelopmentOptions, estimate_development
from balju.cost.summary import estimate_summary, number
from balju.documents import read
from balju.documents.model import Document
from balju.errors import InputError, RuleError
from balju.findings import Finding
from balju.fp import FPCount, count
from balju.functions.identify import is_functional, load_vocabulary, propose
from balju.functions.quantities import quantity_findings
from balju.functions.model import Function
from balju.requirements import ProjectFacts, Requirement, extract, extract_facts
from balju.requirements import review as review_requirements
from balju.rules import Rules

STAGES = {
    "read": "문서 읽기",
    "requirements": "요구사항·사업정보 추출",
    "functions": "기능 제안",
    "estimate": "기능점수·개발비 산정",
    "compliance": "법제도 점검",
    "budget": "예산 적정성",
}
Progress = Callable[[str], None]


@dataclass
class Review:
    """Everything balju found about one RFP (검토 결과)."""

    path: Path
    document: Document
    as_of: dt.date
    as_of_basis: str
    facts: ProjectFacts
    requirements: list[Requirement]
    findings: list[tuple[str, Finding]]
    """(stage, finding) — stage is requirements, functions, compliance, estimate or budget."""
    functions: list[Function]
    function_source: str
    fp: FPCount
    estimate: DevelopmentEstimate
    compliance: RfpCheck
    budget: BudgetAssessment
    rules: Rules
    timings_ms: dict[str, int] = field(default_factory=dict)
    sha256: str | None = None
    """SHA-256 of the bytes that were read (taken before reading; the file did not change meanwhile)."""
    size: int | None = None
    """그 파일의 바이트 수."""
    left_out: list[Function] = field(default_factory=list)
    """빼 둔 후보: proposals under ``functions.leave_out_below``, not in ``functions`` (v6)."""

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for _, f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return review_dict(self)


def review(
    path: str | Path,
    as_of: dt.date | str | None = None,
    *,
    method: str = "simple",
    options: DevelopmentOptions | None = None,
    functions: Sequence[Function] | None = None,
    progress: Progress | None = None,
) -> Review:
    """Review the RFP at ``path``.

    ``as_of``: the day whose rules price it (default: the date the RFP states, else today).
    ``functions``: a person-corrected function list to use instead of balju's proposal.
    """
    step = progress or (lambda _stage: None)
    timings: dict[str, int] = {}
    started = time.perf_counter()

    def timed(stage: str, call: Callable[[], Any]) -> Any:
        step(stage)
        begin = time.perf_counter()
        result = call()
        timings[stage] = round((time.perf_counter() - begin) * 1000)
        return result

    path = Path(path)
    sha256, size = _fingerprint(path)
    document = timed("read", lambda: read(path))
    _unchanged_since(path, size, sha256)
    facts, requirements, req_findings = timed(
        "requirements",
        lambda: _requirements(document),
    )
    day, basis = pricing_day(rules_module.loader.parse_as_of(as_of), document)
    rules = rules_module.at(day)
    left_out: list[Function] = []
    if functions is None:
        proposal = timed("functions", lambda: propose(requirements, as_of=day))
        proposed, left_out, source = proposal.functions, proposal.left_out, "proposal"
    else:
        proposed, source = list(functions), "corrected"
    fp, estimate = timed("estimate", lambda: _estimate(proposed, method, rules, options))
    compliance = timed("compliance", lambda: _compliance(document, rules, facts))
    budget = timed(
        "budget",
        lambda: assess_document(
            document, rules, proposed, options,
            facts=facts, requirements=requirements, function_source=source, left_out=left_out,
        ),
    )
    timings["total"] = round((time.perf_counter() - started) * 1000)
    findings = [("requirements", f) for f in req_findings]
    if source == "proposal":
        vocab = load_vocabulary(day)
        functional = [r for r in requirements if is_functional(r, vocab)]
        findings += [("functions", f) for f in quantity_findings(functional, proposed, rules)]
    findings += [("compliance", f) for f in compliance.findings]
    findings += [("budget", f) for f in _budget_findings(budget)]
    return Review(
        path=path,
        sha256=sha256,
        size=size,
        document=document,
        as_of=day,
        as_of_basis=basis,
        facts=facts,
        requirements=requirements,
        findings=findings,
        functions=proposed,
        left_out=left_out,
        function_source=source,
        fp=fp,
        estimate=estimate,
        compliance=compliance,
        budget=budget,
        rules=rules,
        timings_ms=timings,
    )


def _requirements(document: Document):
    requirements = extract(document)
    return extract_facts(document), requirements, review_requirements(requirements, document)


def _estimate(functions, method, rules, options):
    fp = count(functions, method, rules)
    return fp, estimate_development(fp.total, rules, options)


def _compliance(document: Document, rules: Rules, facts: ProjectFacts) -> RfpCheck:
    amount = facts.budget_with_vat
    given = None
    if isinstance(amount.value, int) and not isinstance(amount.value, bool) and amount.value > 0:
        given = {"amount_krw": amount.value, "amount_quote": amount.text, "amount_where": amount.where}
    try:
        return check_rfp(document, rules, given)
    except RuleError as error:  # e.g. an RFP dated before the 소프트웨어 진흥법 (2020-12-10)
        note = Finding(
            code="law.rfp-check-not-in-force",
            severity="info",
            message=f"{rules.day.isoformat()} 기준으로는 18개 항목 점검 규칙이 없어 법제도 점검을 하지 않았습니다.",
            why=error.message,
            fix="현행 기준으로 점검하려면 --as-of에 오늘 날짜를 주세요.",
        )
        return RfpCheck(items=[], findings=[note], facts=RfpFacts())


def _budget_findings(budget: BudgetAssessment) -> list[Finding]:
    if budget.verdict == "short":
        return [
            Finding(
                code="budget.short",
                severity="warning",
                message=f"예산이 가이드 산정가보다 {budget.verdict_ko}",
                why=budget.why,
                fix="기능 목록을 확인한 뒤 예산을 다시 산정하거나 과업 범위를 줄이세요.",
                reference="SW사업 대가산정 가이드; 소프트웨어 진흥법 제46조(적정 대가)",
            )
        ]
    return []


def _fingerprint(path: Path) -> tuple[str | None, int | None]:
    """(SHA-256, size) of the file as it is now; (None, None) when it cannot be read (the reader
    then says why, in Korean)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return None, None
    return digest.hexdigest(), size


def _unchanged_since(path: Path, size: int | None, sha256: str | None) -> None:
    """Refuse a file that changed while it was being read: the review would name one file's SHA-256
    and report another's content (a store keys reviews and kept files by that SHA-256)."""
    if sha256 is None:
        return
    now_sha, now_size = _fingerprint(path)
    if (now_sha, now_size) != (sha256, size):
        raise InputError(
            "파일이 읽는 동안 바뀌었습니다 (the file changed while it was being read).",
            file=str(path),
            fix="파일 저장이나 복사가 끝난 뒤 다시 검토하세요.",
        )


def review_dict(result: Review) -> dict[str, Any]:
    """The Review as plain JSON-ready data (docs/review-json.md)."""
    document = result.document
    functions = result.functions
    confidences = [f.confidence for f in functions if f.confidence is not None]
    estimate = estimate_summary(result.fp, result.estimate)
    to_confirm = list(result.estimate.assumptions)
    # proposed functions below budget.low_confidence are listed for a person to confirm
    threshold = Decimal(str(result.rules.value("budget.low_confidence")))
    simple_weights = result.rules.value("fp.simple_weights")
    low = [f for f in functions if f.confidence is not None and Decimal(str(f.confidence)) < threshold]
    if low:
        to_confirm.append(
            f"신뢰도가 낮은({threshold} 미만) 제안 기능 {len(low)}개를 확인하세요: " + ", ".join(f.name for f in low[:8])
        )
    left_out = result.left_out
    if left_out:
        below = result.rules.value("functions.leave_out_below")
        to_confirm.append(
            f"신뢰도 {below} 미만이라 목록에서 뺀 후보 {len(left_out)}개가 있습니다 — 편집 화면에서 되살릴 수 있습니다: "
            + ", ".join(f.name for f in left_out[:8])
        )
    if result.function_source == "proposal" and functions:
        to_confirm.append("제안된 기능 목록을 `balju functions`로 내려받아 고친 뒤 다시 산정하세요")
    to_confirm += [r for r in result.budget.reasons if r not in to_confirm]
    return {
        "balju_version": __version__,
        "generated_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "source": {
            "file": Path(result.path).name,
            "format": document.format,
            "sha256": result.sha256,
            "bytes": result.size,
            "blocks": len(document.blocks),
            "tables": len(document.tables()),
            "pages": max((b.position.page or 0 for b in document.blocks), default=0) or None,
            "warnings": list(document.warnings),
        },
        "as_of": result.as_of.isoformat(),
        "as_of_basis": result.as_of_basis,
        "facts": {
            key: {"label": fact.name, "value": _plain(fact.value), "text": fact.text, "where": fact.where}
            for key, fact in result.facts.items()
        },
        "requirements": [
            {"id": r.id, "category": r.category, "name": r.name, "text": r.text, "where": r.where,
             "from_table": r.from_table}
            for r in result.requirements
        ],
        "requirement_summary": _requirement_summary(result.requirements),
        "findings": [
            {"source": stage, "code": f.code, "severity": f.severity, "message": f.message, "why": f.why,
             "fix": f.fix, "requirement_id": f.requirement_id, "quote": f.quote, "where": f.where,
             "reference": f.reference}
            for stage, f in result.findings
        ],
        "functions": [
            {"name": item.function.name, "type": item.function.type, "weight": number(item.weight),
             "requirement_id": item.function.requirement_id, "evidence": item.function.evidence,
             "confidence": item.function.confidence}
            for item in result.fp.items
        ],
        "left_out_functions": [
            {"name": f.name, "type": f.type, "weight": number(Decimal(simple_weights[f.type])),
             "requirement_id": f.requirement_id, "evidence": f.evidence, "confidence": f.confidence,
             "note": f.note}
            for f in left_out
        ],
        "function_source": result.function_source,
        "estimate": estimate,
        "estimate_range": {
            "low": result.budget.guide_price_low,
            "high": result.budget.guide_price_high,
            "basis": result.budget.range_basis,
            "vat_basis": "included" if result.budget.vat_basis_included else "excluded",
        },
        "compliance": _compliance_dict(result.compliance),
        "budget": result.budget.to_dict(),
        "uncertainty": {
            "unverified_rules": [
                {"name": v.name, "description": v.description, "reference": v.reference}
                for v in result.rules.unverified_used()
            ],
            "mean_confidence": round(sum(confidences) / len(confidences), 3) if confidences else None,
            "low_confidence_functions": len(low),
            "low_confidence_below": float(threshold),
            "left_out_functions": len(left_out),
            "left_out_below": float(result.rules.value("functions.leave_out_below")),
            "to_confirm": to_confirm,
        },
        "timings_ms": result.timings_ms,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    return value


def _requirement_summary(requirements: list[Requirement]) -> dict[str, Any]:
    by_category: dict[str, int] = {}
    for requirement in requirements:
        by_category[requirement.category] = by_category.get(requirement.category, 0) + 1
    return {"total": len(requirements), "by_category": by_category}


def _compliance_dict(compliance: RfpCheck) -> dict[str, Any]:
    counts = compliance.counts()
    return {
        "items": [
            {"no": item.no, "name": item.name, "status": item.status.replace("-", "_"),
             "evidence": item.quote, "where": item.where, "fix": item.fix or None,
             "reference": item.reference or None, "note": item.note or None}
            for item in compliance.items
        ],
        "summary": {"found": counts.get("found", 0), "missing": counts.get("missing", 0),
                    "not_applicable": counts.get("not-applicable", 0)},
    }
