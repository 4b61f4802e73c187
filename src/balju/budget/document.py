"""One RFP → one budget assessment (문서에서 예산 적정성까지): facts, split, functions, assess.

``assess_document(doc, rules)`` takes the budget from ``requirements.extract_facts`` when it is
found there (else from the budget sentence ``split_budget`` finds), the development part from
``split_budget``, and the functions either from a person-corrected list or proposed by
``functions.identify`` from the requirements. ``balju budget`` and ``balju review`` call it.
"""

from __future__ import annotations

from typing import Sequence

from balju.budget.assess import BudgetAssessment, assess
from balju.budget.split import split_budget
from balju.cost import DevelopmentOptions
from balju.documents.model import Document
from balju.functions.model import Function
from balju.rules import Rules


def stated_budget_from_facts(facts) -> tuple[int | None, bool | None, str | None]:
    """(amount, VAT included, how) from ``ProjectFacts``: 사업금액 first, else 추정가격 (VAT excluded
    by law, 국가계약법 시행령 제2조제1호) unless the RFP says otherwise beside it."""
    if facts is None:
        return None, None, None
    budget = getattr(getattr(facts, "budget", None), "value", None)
    vat = getattr(getattr(facts, "vat_included", None), "value", None)
    vat = vat if isinstance(vat, bool) else None
    if isinstance(budget, int) and budget > 0:
        return budget, vat, "사업금액"
    estimated = getattr(getattr(facts, "estimated_price", None), "value", None)
    if isinstance(estimated, int) and estimated > 0:
        return estimated, (vat if vat is not None else False), "추정가격"
    return None, None, None


def assess_document(
    document: Document,
    rules: Rules,
    functions: Sequence[Function] | None = None,
    options: DevelopmentOptions | None = None,
    *,
    facts=None,
    requirements=None,
    budget: int | None = None,
    vat_included: bool | None = None,
    function_source: str | None = None,
    left_out: Sequence[Function] = (),
) -> BudgetAssessment:
    """Assess the budget of one RFP.

    ``functions``: a person-corrected list (None: propose them from the requirements); pass
    ``function_source="proposal"`` when they are functions already proposed by ``identify``.
    ``left_out``: the candidates ``propose`` left out of those functions (빼 둔 후보).
    ``budget``/``vat_included``: override what the RFP says (e.g. the 나라장터 notice amount).
    """
    source = function_source or ("corrected" if functions is not None else "proposal")
    if budget is None:
        if facts is None:
            facts = _facts(document)
        budget, fact_vat, _ = stated_budget_from_facts(facts)
        if vat_included is None:
            vat_included = fact_vat
    split = split_budget(document, rules, total=budget, vat_included=vat_included)
    if functions is None:
        if requirements is None:
            from balju.requirements import extract

            requirements = extract(document)
        from balju.functions.identify import propose

        proposal = propose(requirements, as_of=rules.day)
        functions, left_out = proposal.functions, proposal.left_out
    notes = _no_function_notes(requirements, rules, left_out) if not functions and source == "proposal" else []
    result = assess(
        split.total,
        split.total_vat_included,
        split.development,
        list(functions),
        rules,
        options,
        split=split,
        function_source=source,
        notes=notes,
        left_out=left_out,
    )
    return result


def _no_function_notes(requirements, rules: Rules, left_out: Sequence[Function] = ()) -> list[str]:
    """Why no function was proposed: no requirements, none of them functional, or only candidates
    left out for their low 신뢰도."""
    from collections import Counter

    from balju.functions.identify import is_functional, load_vocabulary

    requirements = list(requirements or [])
    if not requirements:
        return ["요구사항 표를 찾지 못했습니다 (no requirements found) — 기능 목록을 직접 만들어 --functions로 주세요."]
    vocab = load_vocabulary(rules.day)
    functional = [r for r in requirements if is_functional(r, vocab)]
    categories = ", ".join(f"{c} {n}" for c, n in Counter(r.category for r in requirements).most_common(4))
    if not functional:
        return [
            f"요구사항 {len(requirements)}개({categories} …)에 기능 요구사항이 없습니다 — ISP·유지관리·운영·장비 "
            "사업이면 기능점수 대신 투입공수·요율 방식으로 산정합니다 (balju effort, balju maintenance)."
        ]
    if left_out:
        below = rules.value("functions.leave_out_below")
        return [
            f"기능 요구사항 {len(functional)}개에서 신뢰도 {below} 미만이라 뺀 후보 {len(left_out)}개만 찾았습니다 — "
            "편집 화면에서 되살리거나 기능 목록을 직접 만들어 --functions로 주세요."
        ]
    return [f"기능 요구사항 {len(functional)}개에서 기능을 찾지 못했습니다 — 기능 목록을 직접 만들어 --functions로 주세요."]



def _facts(document: Document):
    from balju.requirements import extract_facts

    return extract_facts(document)
