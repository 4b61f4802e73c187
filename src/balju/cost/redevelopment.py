"""재개발비 (redevelopment cost) — **UNVERIFIED** (rules.md 1.5).

rules.md could not find the guide's coefficients. balju computes the form the researcher
remembers, with the 재개발 비율 chosen by the user (no default), and marks every line unverified::

    재개발원가 = 재개발 기능점수 × FP당 단가 × 보정계수 × 재개발 비율     (각 곱셈마다 원 단위, cost.rounding)
    이윤       = 재개발원가 × 이윤율 (상한 cost.profit_rate_cap)
    재개발비   = 재개발원가 + 이윤 + 직접경비                              (부가세 별도)

``correction`` is the product of the correction factors (규모 × 연계 × 성능 × 호환성 × 보안),
e.g. from ``balju estimate``; 1 when not given.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from balju.cost.priced import (
    INPUT_REFERENCE,
    PriceLine,
    PriceResult,
    RuleTracker,
    add_vat,
    finish,
    number,
    percent,
    rule_line,
    won,
)
from balju.errors import InputError
from balju.rules import Rules


def _decimal(value, option: str, name: str, *, low: Decimal, high: Decimal, fix: str) -> Decimal:
    try:
        number_ = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        number_ = Decimal(-1)
    if not number_.is_finite() or not low < number_ <= high:
        raise InputError(
            f"{name} '{value}'은(는) {low} 초과 {high} 이하여야 합니다 ({option} out of range).",
            where=option,
            fix=fix,
        )
    return number_


def redevelopment_cost(
    redevelopment_fp: Decimal | int | str,
    ratio_percent: Decimal | int | str,
    rules: Rules,
    *,
    correction: Decimal | int | str = 1,
    profit_rate: Decimal | int | str | None = None,
    direct_expenses: int = 0,
) -> PriceResult:
    """재개발비 by the unverified formula; every line is marked unverified."""
    fp = _decimal(redevelopment_fp, "--fp", "재개발 기능점수", low=Decimal(0), high=Decimal(10**7),
                  fix="--fp 120 처럼 재개발 대상 기능점수를 적으세요.")
    ratio = _decimal(ratio_percent, "--ratio", "재개발 비율", low=Decimal(0), high=Decimal(100),
                     fix="--ratio 60 처럼 백분율로 적으세요. 가이드의 계수를 확인하지 못해 기본값이 없습니다.")
    factor = _decimal(correction, "--correction", "보정계수", low=Decimal(0), high=Decimal(10),
                      fix="--correction 1.2032 처럼 보정계수의 곱을 적으세요 (balju estimate 결과).")
    if not isinstance(direct_expenses, int) or isinstance(direct_expenses, bool) or direct_expenses < 0:
        raise InputError(
            f"직접경비 '{direct_expenses}'은(는) 0 이상인 정수 원이어야 합니다.",
            where="--direct-expenses",
            fix="--direct-expenses 1000000 처럼 원 단위로 적으세요.",
        )
    tracker = RuleTracker(rules)
    formula_rule = tracker.get("maintenance.redevelopment_formula")
    price_rule = tracker.get("cost.fp_unit_price")
    cap_rule = tracker.get("cost.profit_rate_cap")
    mode = tracker.get("cost.rounding").value["mode"]
    cap = Decimal(cap_rule.value) * 100
    result = PriceResult(kind="redevelopment", title="재개발비 (미검증 산식)", as_of=rules.day)
    result.warnings.append(
        "재개발비 산식과 계수는 가이드 원문으로 확인하지 못했습니다(UNVERIFIED). 참고용으로만 쓰세요 "
        f"(redevelopment formula unverified). 산식: {formula_rule.value}"
    )
    base = tracker.round(fp * price_rule.value)
    result.lines.append(rule_line(
        "base", "재개발 규모 × FP당 단가", base,
        f"{number(fp)}FP × {won(price_rule.value)} = {won(base)}", price_rule, verified=False))
    corrected = tracker.round(Decimal(base) * factor)
    result.lines.append(rule_line(
        "corrected", "보정 후", corrected,
        f"{won(base)} × {number(factor)} → {won(corrected)} ({mode})", formula_rule))
    cost = tracker.round(Decimal(corrected) * ratio / 100)
    result.lines.append(rule_line(
        "redevelopment_cost", "재개발원가", cost,
        f"{won(corrected)} × 재개발 비율 {percent(ratio)} → {won(cost)} ({mode})", formula_rule))
    if profit_rate is None:
        p_rate = cap
        result.notes.append(f"이윤율을 지정하지 않아 상한 {percent(cap)}를 썼습니다 (used the profit cap).")
    else:
        p_rate = _decimal(profit_rate, "--profit-rate", "이윤율", low=Decimal("-0.000001"), high=Decimal(100),
                          fix=f"--profit-rate 25 처럼 백분율로 적으세요 (상한 {percent(cap)}).")
        if p_rate > cap:
            result.warnings.append(
                f"이윤율 {percent(p_rate)}가 상한 {percent(cap)}를 넘습니다. 근거: {cap_rule.cite()}")
    profit = tracker.round(Decimal(cost) * p_rate / 100)
    result.lines.append(rule_line(
        "profit", "이윤", profit, f"{won(cost)} × {percent(p_rate)} = {won(profit)}", cap_rule,
        verified=False))
    result.lines.append(
        PriceLine("direct_expenses", "직접경비", direct_expenses, "실비 (rules.md 1.9)", INPUT_REFERENCE))
    result.total = cost + profit + direct_expenses
    result.lines.append(PriceLine(
        "total", "재개발비 합계 (부가세 별도)", result.total,
        f"{won(cost)} + {won(profit)} + {won(direct_expenses)}", "합계 (sum)", verified=False,
        subtotal=True))
    add_vat(result, tracker)
    return finish(result, tracker)
