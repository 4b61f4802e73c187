"""Maintenance prices (유지관리 대가): 응용SW 유지관리비 by rate and 상용SW 유지관리 by grade.

응용SW (용역SW) 유지관리비 — rules.md 1.6, V2::

    TMP          = Σ 표 4-4 다섯 항목 점수 (0~100)
    요율(%)      = 10 + 5 × TMP ÷ 100                       (maintenance.rate_formula)
    유지관리비   = 개발(재개발)비 × 요율 × 기간(월) ÷ 12  → 원 단위 (cost.rounding)
    합계         = 유지관리비 + 직접경비        (부가세 별도)

The guide example (개발비 249,222,058원, 12개월, 보통·보통·보통·단순·보통, 직접경비 1,335,600원)
gives 30,529,702.105 + 1,335,600 → 31,865,302원. The fraction .105 rounds to the same won under
every mode, so ``cost.rounding`` (one rounding, of the product, before the direct expenses are
added) reproduces it; no maintenance-specific rounding rule is needed.

상용SW 유지관리 — rules.md 1.6, V1: 최초 라이선스 구매 계약금액 × 등급 요율(1등급 20% … 5등급 12%)
× 기간 ÷ 12.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping

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

ITEMS = ("frequency", "users", "importance", "interfaces", "recovery")
"""The five items of 표 4-4, in the table's order (also the CLI option names)."""

LEVEL_ALIASES = {
    "단순": "단순",
    "simple": "단순",
    "low": "단순",
    "보통": "보통",
    "normal": "보통",
    "medium": "보통",
    "복잡": "복잡",
    "complex": "복잡",
    "high": "복잡",
}

MAX_MONTHS = 60


def normalize_level(text: str, item: str) -> str:
    """``'Normal'`` → ``'보통'``; anything else is an input error naming the item."""
    level = LEVEL_ALIASES.get(str(text).strip().lower())
    if level is None:
        raise InputError(
            f"난이도 '{text}'을(를) 알 수 없습니다 (unknown difficulty level for {item}).",
            where=f"--{item}",
            fix="단순·보통·복잡 (simple·normal·complex) 중 하나로 적으세요.",
        )
    return level


def tmp_score(difficulty: Mapping[str, str], rules: Rules) -> tuple[int, dict[str, int]]:
    """The total maintenance difficulty score (TMP) and each item's score, by 표 4-4."""
    table = rules.value("maintenance.difficulty_items")
    scores = {}
    for item in table["order"]:
        level = normalize_level(difficulty[item], item)
        scores[item] = int(table[item]["levels"][level]["score"])
    return sum(scores.values()), scores


def maintenance_rate(tmp: int, rules: Rules) -> Decimal:
    """유지관리 요율 in percent: 10 + 5 × TMP ÷ 100 (exact Decimal, e.g. 12.25)."""
    formula = rules.value("maintenance.rate_formula")
    return Decimal(formula["base"]) + Decimal(formula["span"]) * Decimal(tmp) / Decimal(
        formula["tmp_max"]
    )


def application_maintenance(
    dev_cost: int,
    months: int,
    difficulty: Mapping[str, str],
    rules: Rules,
    *,
    direct_expenses: int = 0,
    improvement_fp: Decimal | int | None = None,
    system_fp: Decimal | int | None = None,
) -> PriceResult:
    """응용SW 유지관리비 by rate (요율제), with every line cited.

    ``difficulty`` maps each of :data:`ITEMS` to 단순/보통/복잡. ``dev_cost`` is the development
    (or redevelopment) cost of the maintained software, without VAT. ``improvement_fp`` and
    ``system_fp`` (optional) check whether the planned improvements exceed the guide's ~7% of the
    system, when they should be priced as (re)development instead.
    """
    _check_won(dev_cost, "--dev-cost", "개발(재개발)비", positive=True)
    _check_won(direct_expenses, "--direct-expenses", "직접경비")
    _check_months(months)
    missing = [item for item in ITEMS if not difficulty.get(item)]
    if missing:
        raise InputError(
            "유지관리 난이도 항목이 빠졌습니다 (missing difficulty items): "
            + ", ".join(f"--{m}" for m in missing),
            where=", ".join(f"--{m}" for m in missing),
            fix="표 4-4의 다섯 항목(--frequency --users --importance --interfaces --recovery)을 "
            "모두 단순·보통·복잡 중 하나로 지정하세요.",
        )

    tracker = RuleTracker(rules)
    table_rule = tracker.get("maintenance.difficulty_items")
    formula_rule = tracker.get("maintenance.rate_formula")
    rounding_rule = tracker.get("cost.rounding")
    table = table_rule.value
    result = PriceResult(
        kind="application_maintenance",
        title="응용SW 유지관리비 (요율제)",
        as_of=rules.day,
    )

    tmp, scores = tmp_score(difficulty, rules)
    for item in table["order"]:
        level = normalize_level(difficulty[item], item)
        entry = table[item]["levels"][level]
        result.lines.append(
            rule_line(
                f"difficulty.{item}",
                f"난이도: {table[item]['name']}",
                None,
                f"{level} ({entry['meaning']}) = {scores[item]}점",
                table_rule,
                value=f"{scores[item]}점",
            )
        )
    result.lines.append(
        rule_line(
            "tmp",
            "총 유지관리 난이도 (TMP)",
            None,
            " + ".join(str(scores[i]) for i in table["order"]) + f" = {tmp}",
            table_rule,
            value=f"{tmp}점",
        )
    )
    rate = maintenance_rate(tmp, rules)
    f = formula_rule.value
    result.lines.append(
        rule_line(
            "rate",
            "유지관리 요율",
            None,
            f"{f['base']} + {f['span']} × {tmp} ÷ {f['tmp_max']} = {percent(rate)}",
            formula_rule,
            value=percent(rate),
        )
    )
    exact = Decimal(dev_cost) * rate / Decimal(100) * Decimal(months) / Decimal(12)
    base = tracker.round(exact)
    result.lines.append(
        rule_line(
            "maintenance",
            "유지관리비 (직접경비 제외)",
            base,
            f"{won(dev_cost)} × {percent(rate)} × {months}/12 = {won(exact)} → {won(base)} "
            f"({rounding_rule.value['mode']})",
            formula_rule,
        )
    )
    result.lines.append(
        PriceLine("direct_expenses", "직접경비", direct_expenses, "실비 (rules.md 1.9)", INPUT_REFERENCE)
    )
    result.total = base + direct_expenses
    result.lines.append(
        PriceLine(
            "total",
            "유지관리비 합계 (부가세 별도)",
            result.total,
            f"{won(base)} + {won(direct_expenses)}",
            "합계 (sum)",
            subtotal=True,
        )
    )
    add_vat(result, tracker)

    if months > 12:
        result.notes.append(
            f"기간 {months}개월: 요율은 연 단위이므로 {months}/12를 곱했습니다 "
            "(rate is per year; multiplied by months/12)."
        )
    if improvement_fp is not None or system_fp is not None:
        _check_improvement(result, tracker, improvement_fp, system_fp)
    return finish(result, tracker)


def _check_improvement(result: PriceResult, tracker: RuleTracker, improvement_fp, system_fp) -> None:
    if improvement_fp is None or system_fp is None:
        raise InputError(
            "기능개선 규모를 보려면 두 값이 모두 필요합니다 (need both improvement and system FP).",
            where="--improvement-fp, --system-fp",
            fix="--improvement-fp(개선할 기능점수)와 --system-fp(대상 시스템 전체 기능점수)를 함께 "
            "지정하세요.",
        )
    improvement, system = Decimal(improvement_fp), Decimal(system_fp)
    if system <= 0 or improvement < 0:
        raise InputError(
            "기능점수는 0 이상이어야 하고 시스템 전체 기능점수는 0보다 커야 합니다 "
            "(FP must be >= 0, system FP > 0).",
            where="--improvement-fp, --system-fp",
            fix="기능점수를 양수로 적으세요.",
        )
    limit_rule = tracker.get("maintenance.redevelopment_threshold")
    ratio = improvement / system
    text = (
        f"기능개선 규모 {number(improvement)}FP ÷ 시스템 {number(system)}FP = "
        f"{percent((ratio * 100).quantize(Decimal('0.01')))}"
    )
    if ratio > limit_rule.value:
        result.warnings.append(
            f"{text} — 가이드 권고 기준 약 {percent(limit_rule.value * 100)}를 넘습니다. "
            "유지관리비에 넣지 말고 개발비 또는 재개발비로 따로 산정할지 검토하세요 "
            f"(improvements exceed ~7%: price them as (re)development). 근거: {limit_rule.cite()}"
        )
    else:
        result.notes.append(
            f"{text} — 권고 기준 약 {percent(limit_rule.value * 100)} 이하입니다. 근거: {limit_rule.cite()}"
        )


def commercial_maintenance(
    licence_price: int,
    grade: int,
    rules: Rules,
    *,
    months: int = 12,
) -> PriceResult:
    """상용SW 유지관리 대가: 최초 라이선스 구매 계약금액 × 등급 요율 × 기간 ÷ 12."""
    _check_won(licence_price, "--licence-price", "라이선스 구매 계약금액", positive=True)
    _check_months(months)
    tracker = RuleTracker(rules)
    rates_rule = tracker.get("maintenance.commercial_rates")
    rates = {int(k): Decimal(v) for k, v in rates_rule.value.items()}
    if not isinstance(grade, int) or isinstance(grade, bool) or grade not in rates:
        raise InputError(
            f"상용SW 유지관리 등급 '{grade}'이(가) 없습니다 (no such grade).",
            where="--grade",
            fix=f"등급은 {min(rates)}~{max(rates)} 중 하나입니다 (1등급 요율이 가장 높음; 등급은 표 4-9의 서비스 수준으로 정함).",
        )
    rounding_rule = tracker.get("cost.rounding")
    result = PriceResult(
        kind="commercial_maintenance",
        title="상용SW 유지관리비 (등급별 요율)",
        as_of=rules.day,
    )
    rate = rates[grade]
    result.lines.append(
        PriceLine("licence_price", "최초 라이선스 구매 계약금액", licence_price, "", INPUT_REFERENCE)
    )
    result.lines.append(
        rule_line(
            "rate",
            f"유지관리 요율 ({grade}등급)",
            None,
            f"표 4-10 {grade}등급 = {percent(rate * 100)}/년",
            rates_rule,
            value=percent(rate * 100),
        )
    )
    exact = Decimal(licence_price) * rate * Decimal(months) / Decimal(12)
    amount = tracker.round(exact)
    result.lines.append(
        rule_line(
            "maintenance",
            "상용SW 유지관리비",
            amount,
            f"{won(licence_price)} × {percent(rate * 100)} × {months}/12 = {won(exact)} → "
            f"{won(amount)} ({rounding_rule.value['mode']})",
            rates_rule,
        )
    )
    result.total = amount
    result.lines.append(
        PriceLine("total", "유지관리비 합계 (부가세 별도)", amount, won(amount), "합계 (sum)", subtotal=True)
    )
    add_vat(result, tracker)
    grades_rule = tracker.get("maintenance.commercial_grades")
    result.notes.append(f"등급: {grades_rule.value} ({grades_rule.cite()})")
    exclusions_rule = tracker.get("maintenance.commercial_exclusions")
    for text in exclusions_rule.value:
        result.notes.append(f"제외·유의: {text} ({exclusions_rule.cite()})")
    return finish(result, tracker)


def _check_won(amount, option: str, name: str, *, positive: bool = False) -> None:
    ok = isinstance(amount, int) and not isinstance(amount, bool)
    if not ok or amount < 0 or (positive and amount == 0):
        raise InputError(
            f"{name} '{amount}'은(는) {'0보다 큰' if positive else '0 이상인'} 정수 원이어야 합니다 "
            f"({option} must be a {'positive' if positive else 'non-negative'} whole number of won).",
            where=option,
            fix=f"{option} 249222058 처럼 쉼표 없이 원 단위 정수로 적으세요 (부가세 별도).",
        )


def _check_months(months) -> None:
    ok = isinstance(months, int) and not isinstance(months, bool)
    if not ok or not 1 <= months <= MAX_MONTHS:
        raise InputError(
            f"기간 '{months}'개월은 1~{MAX_MONTHS} 사이의 정수여야 합니다 (months must be 1..{MAX_MONTHS}).",
            where="--months",
            fix="--months 12 처럼 계약 기간을 개월 수로 적으세요.",
        )

