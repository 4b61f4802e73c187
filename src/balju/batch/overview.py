"""A year of tenders at a glance (연간 현황): what the stored reviews say together.

For monitors (SW모니터링단) and auditors who scan every tender of a year: how many budgets sit
below the guide price, which of the 18 legal items RFPs most often leave out, and which findings
come back most. It only counts what the reviews already hold; no figure is computed again.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from balju import rules
from balju.batch.summary import verdict_totals
from balju.functions.development_set import Identifier, identifier, seen_because

if TYPE_CHECKING:
    from balju.functions.model import Function
    from balju.store import ReviewSummary

SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "참고"}


@dataclass
class ItemCount:
    """One legal item (법제도 점검 항목): in how many RFPs it was missing, of those checked."""

    no: int | None
    name: str
    missing: int
    checked: int


@dataclass
class FindingCount:
    """One kind of finding (지적 종류): how often, in how many RFPs, and one example message."""

    code: str
    severity: str
    count: int
    reviews: int
    example: str


@dataclass
class CorrectionCount:
    """How far balju's proposals were from the lists people corrected them to (고친 기능 목록)."""

    reviews: int
    """Corrected reviews whose original was balju's proposal."""
    ratio_median: float
    """The median of corrected FP ÷ proposed FP."""
    within_target: int
    """How many proposals were within the target (``target``) of the corrected total."""
    total_error: float
    """(Σ proposed − Σ corrected) ÷ Σ corrected."""
    target: float = 0.0
    """The identifier's target error (rule ``functions.identifier``: 0.10 is ±10%)."""
    identifier: str = ""
    """Today's identifier (its version from the rule functions.identifier)."""
    first_reviews: int = 0
    """처음 잼: pairs whose proposal today's identifier made after its freeze, on an RFP it was not
    developed on (``balju.functions.development_set``): only these measure it on unseen RFPs."""
    first_within_target: int = 0
    first_total_error: float | None = None
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per function type, over the corrected lists (``balju.functions.compare``): ``proposed`` (in
    balju's lists), ``removed`` (left out), ``retyped_away`` (given another type), ``added``,
    ``retyped_in`` (from another type), ``renamed``. Empty when the lists were not read."""


@dataclass
class Overview:
    """연간 현황 of the reviews given."""

    reviews: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    with_budget: int = 0
    budget_total: int = 0
    """사업예산 summed over the reviews that state one and have a guide price (원)."""
    guide_total: int = 0
    """가이드 가격 summed over the same reviews (원)."""
    gap_median: float | None = None
    """차이 % (예산 vs 가이드 가격) median over the reviews that have one."""
    gap_quartiles: tuple[float, float] | None = None
    fp_median: float | None = None
    compliance: list[ItemCount] = field(default_factory=list)
    findings: list[FindingCount] = field(default_factory=list)
    corrections: CorrectionCount | None = None

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


def overview(reviews: Iterable[tuple[ReviewSummary, dict[str, Any]]]) -> Overview:
    """Count the reviews (``Store.iter_reviews``) into one overview."""
    out = Overview()
    summaries: list[ReviewSummary] = []
    gaps: list[float] = []
    fps: list[float] = []
    missing: Counter[tuple[int | None, str]] = Counter()
    checked: Counter[tuple[int | None, str]] = Counter()
    finding_count: Counter[tuple[str, str]] = Counter()
    finding_reviews: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for summary, review in reviews:
        summaries.append(summary)
        if summary.gap_percent is not None:
            gaps.append(summary.gap_percent)
        if summary.fp_total is not None:
            fps.append(float(summary.fp_total))
        if summary.stated_budget is not None and summary.guide_price is not None:
            out.with_budget += 1
            out.budget_total += summary.stated_budget
            out.guide_total += summary.guide_price
        for item in (review.get("compliance") or {}).get("items") or []:
            if not isinstance(item, dict) or item.get("status") not in ("found", "missing"):
                continue
            key = (item.get("no"), str(item.get("name") or "?"))
            checked[key] += 1
            missing[key] += item["status"] == "missing"
        seen: set[tuple[str, str]] = set()
        for finding in review.get("findings") or []:
            if not isinstance(finding, dict) or not finding.get("code"):
                continue
            key = (str(finding["code"]), str(finding.get("severity") or ""))
            finding_count[key] += 1
            examples.setdefault(key, str(finding.get("message") or ""))
            if key not in seen:
                seen.add(key)
                finding_reviews[key] += 1
    out.reviews = len(summaries)
    out.verdicts = verdict_totals(summaries)
    if gaps:
        out.gap_median = round(statistics.median(gaps), 1)
        if len(gaps) >= 4:
            q1, _q2, q3 = statistics.quantiles(gaps, n=4)
            out.gap_quartiles = (round(q1, 1), round(q3, 1))
    out.fp_median = round(statistics.median(fps), 1) if fps else None
    out.compliance = sorted(
        (ItemCount(no, name, missing[(no, name)], checked[(no, name)]) for no, name in checked),
        key=lambda c: (-c.missing, c.no if c.no is not None else 99, c.name),
    )
    out.findings = sorted(
        (FindingCount(code, sev, finding_count[(code, sev)], finding_reviews[(code, sev)], examples[(code, sev)])
         for code, sev in finding_count),
        key=lambda f: (-f.reviews, -f.count, f.code),
    )
    return out


def corrections(
    pairs: Iterable[tuple[ReviewSummary, ReviewSummary]],
    functions_of: Callable[[ReviewSummary], list[Function]] | None = None,
    cache: dict | None = None,
    ident: Identifier | None = None,
) -> CorrectionCount | None:
    """Count (original, corrected) pairs (``Store.correction_pairs``) whose original was a proposal.

    ``functions_of``: a review's function list (``balju.functions.stored``); with it, what people
    changed is counted per function type as well. ``cache``: a dict kept between calls (the web
    app's), holding each pair's counts. ``ident``: the identifier whose first measurements are
    counted apart (default: today's rule ``functions.identifier``).
    """
    kept = [
        (original, corrected) for original, corrected in pairs
        if original.parent_id is None and original.fp_total and corrected.fp_total
    ]
    if not kept:
        return None
    ident = ident or identifier(rules.at())
    target = ident.target_error
    sizes = [(original.fp_total, corrected.fp_total) for original, corrected in kept]
    # a pair measures today's identifier afresh when its proposal was made after the freeze
    # (the original's time) on an RFP the identifier was not developed on
    firsts = [size for size, (original, corrected) in zip(sizes, kept)
              if seen_because(ident, sha256=corrected.sha256, file_name=corrected.file_name,
                              saved_at=original.created_at) is None]
    by_type = _changes_by_type(kept, functions_of, cache) if functions_of is not None else {}
    return CorrectionCount(
        reviews=len(sizes),
        ratio_median=round(statistics.median(float(c / p) for p, c in sizes), 3),
        within_target=_within(sizes, target),
        total_error=_total_error(sizes),
        by_type=by_type,
        target=float(target),
        identifier=ident.name,
        first_reviews=len(firsts),
        first_within_target=_within(firsts, target),
        first_total_error=_total_error(firsts) if firsts else None,
    )


def _within(sizes: list[tuple[Decimal, Decimal]], target: Decimal) -> int:
    return sum(abs(p - c) <= target * c for p, c in sizes)


def _total_error(sizes: list[tuple[Decimal, Decimal]]) -> float:
    proposed, counted = sum(p for p, _c in sizes), sum(c for _p, c in sizes)
    return round(float((proposed - counted) / counted), 4)


CHANGE_COLUMNS = ("proposed", "removed", "retyped_away", "added", "retyped_in", "renamed")


def _changes_by_type(kept, functions_of, cache: dict | None = None) -> dict[str, dict[str, int]]:
    from balju.functions.model import FUNCTION_TYPES

    out = {kind: dict.fromkeys(CHANGE_COLUMNS, 0) for kind in FUNCTION_TYPES}
    for original, corrected in kept:
        # a saved review never changes, so a pair's counts can be kept for the next request; a number
        # means one review (schema 5), and its time in the key guards a store restored over this one
        key = (original.id, corrected.id, corrected.created_at)
        pair = cache.get(key) if cache is not None else None
        if pair is None:
            pair = _pair_changes(functions_of(original), functions_of(corrected))
            if cache is not None:
                cache[key] = pair
        for kind, columns in pair.items():
            if kind in out:
                for column, n in columns.items():
                    out[kind][column] += n
    return out


def _pair_changes(before: list[Function], after: list[Function]) -> dict[str, dict[str, int]]:
    """One pair's changes per type (``CHANGE_COLUMNS``)."""
    from collections import defaultdict

    from balju.functions.compare import compare

    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CHANGE_COLUMNS, 0))
    for function in before:
        out[function.type]["proposed"] += 1
    for change in compare(before, after):
        old, new = change.before, change.after
        if change.kind == "removed":
            out[old.type]["removed"] += 1
        elif change.kind == "added":
            out[new.type]["added"] += 1
        else:
            if old.type != new.type:
                out[old.type]["retyped_away"] += 1
                out[new.type]["retyped_in"] += 1
            if change.kind == "renamed":
                out[new.type]["renamed"] += 1
    return dict(out)
