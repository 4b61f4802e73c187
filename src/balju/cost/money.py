"""Won amounts (원 단위 금액): integers, rounded the way the guide rounds."""

from __future__ import annotations

import decimal
from decimal import Decimal

from balju.rules import Rules

_MODES = {
    "ROUND_HALF_EVEN": decimal.ROUND_HALF_EVEN,
    "ROUND_HALF_UP": decimal.ROUND_HALF_UP,
    "ROUND_DOWN": decimal.ROUND_DOWN,
}


def round_won(amount: Decimal | int, rules: Rules, rule: str = "cost.rounding") -> int:
    """Round ``amount`` to whole won (or the rule's unit, e.g. 1,000원 절사) by the rule's mode."""
    spec = rules.value(rule)
    return round_to(Decimal(amount), spec["mode"], int(spec["unit"]))


def round_to(amount: Decimal, mode: str, unit: int = 1) -> int:
    step = Decimal(unit)
    return int((Decimal(amount) / step).quantize(Decimal(1), rounding=_MODES[mode]) * step)


def format_won(amount: int) -> str:
    return f"{amount:,}원"
