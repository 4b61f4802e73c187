"""Priced results of the non-FP prices (유지관리·운영·투입공수 대가의 산정 결과).

A :class:`PriceResult` is a list of :class:`PriceLine`; every line carries its amount (integer won,
or ``None`` for a score or a rate), the arithmetic that produced it and the rule it came from
(``RuleValue.cite()``), so a reader can check each number by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from balju.cost.money import round_won
from balju.rules import RuleValue, Rules

INPUT_REFERENCE = "입력값 (user input)"


@dataclass(frozen=True)
class PriceLine:
    """One line of a price: what, how much, how it was computed, and by which rule."""

    key: str
    """Stable machine key, e.g. ``labour.응용SW개발자`` or ``overhead``."""
    label: str
    """Korean label shown to a person."""
    amount: int | None
    """Won (integer). ``None`` for lines that are not money (a score, a rate)."""
    formula: str = ""
    """The arithmetic, with the numbers, e.g. ``249,222,058원 × 12.25% × 12/12``."""
    reference: str = INPUT_REFERENCE
    """Where the number comes from: ``RuleValue.cite()`` or the user's input."""
    verified: bool = True
    value: str | None = None
    """A non-money value shown instead of an amount, e.g. ``45점`` or ``12.25%``."""
    subtotal: bool = False
    """A sum of the lines above it (not to be added again)."""


@dataclass
class PriceResult:
    """A priced result (산정 결과): lines, the price before and after VAT, warnings and notes."""

    kind: str
    """``application_maintenance`` | ``commercial_maintenance`` | ``effort`` | ``redevelopment``."""
    title: str
    as_of: dt.date
    lines: list[PriceLine] = field(default_factory=list)
    total: int = 0
    """The price without VAT (부가세 별도)."""
    vat: int = 0
    total_with_vat: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    """Citations of every unverified rule the price used."""

    def line(self, key: str) -> PriceLine:
        for item in self.lines:
            if item.key == key:
                return item
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            "vat": self.vat,
            "total_with_vat": self.total_with_vat,
            "lines": [asdict(item) for item in self.lines],
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "unverified": list(self.unverified),
        }


def rule_line(key: str, label: str, amount: int | None, formula: str, rule: RuleValue,
              *, value: str | None = None, subtotal: bool = False,
              verified: bool | None = None) -> PriceLine:
    """A line whose number comes from ``rule``."""
    return PriceLine(
        key=key,
        label=label,
        amount=amount,
        formula=formula,
        reference=rule.cite(),
        verified=rule.verified if verified is None else verified,
        value=value,
        subtotal=subtotal,
    )


def add_vat(result: PriceResult, tracker: RuleTracker, rounding: str = "cost.rounding") -> None:
    """Append the 부가가치세 and 총액 lines and set the totals from ``result.total``."""
    vat_rule = tracker.get("cost.vat_rate")
    mode = tracker.get(rounding).value["mode"]
    vat = tracker.round(Decimal(result.total) * vat_rule.value, rounding)
    result.vat = vat
    result.total_with_vat = result.total + vat
    result.lines.append(
        rule_line(
            "vat",
            "부가가치세",
            vat,
            f"{won(result.total)} × {percent(vat_rule.value * 100)} → {won(vat)} ({mode})",
            vat_rule,
        )
    )
    result.lines.append(
        PriceLine(
            key="total_with_vat",
            label="총액 (부가세 포함)",
            amount=result.total_with_vat,
            formula=f"{won(result.total)} + {won(vat)}",
            reference="합계 (sum)",
            subtotal=True,
        )
    )


class RuleTracker:
    """Reads rules and remembers which ones this one price used (이 산정에 쓴 규칙)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.used: dict[str, RuleValue] = {}

    def get(self, name: str) -> RuleValue:
        rule = self.rules.get(name)
        self.used[name] = rule
        return rule

    def round(self, amount: Decimal | int, rule: str = "cost.rounding") -> int:
        self.get(rule)
        return round_won(Decimal(amount), self.rules, rule)


def finish(result: PriceResult, tracker: RuleTracker) -> PriceResult:
    """Record every unverified rule the price used, so it says which numbers are not checked."""
    seen = set(result.unverified)
    for rule in tracker.used.values():
        if rule.verified:
            continue
        cite = f"{rule.description}: {rule.cite()}" + (f" — {rule.note}" if rule.note else "")
        if cite not in seen:
            result.unverified.append(cite)
            seen.add(cite)
    return result


def won(amount: int | Decimal) -> str:
    """``31865302`` → ``31,865,302원``; a fraction keeps its decimals (``30,529,702.105원``)."""
    if isinstance(amount, Decimal) and amount != amount.to_integral_value():
        text = format(amount.normalize(), "f")
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}.{frac}원"
    return f"{int(amount):,}원"


def percent(rate: Decimal | int) -> str:
    """``Decimal('12.2500')`` → ``12.25%``."""
    value = Decimal(rate)
    text = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return f"{text}%"


def number(value: Decimal | int) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    whole, _, frac = format(value.normalize(), "f").partition(".")
    return f"{int(whole):,}.{frac}"
