"""Values people type (입력 값), read the same way by the command line and the web app: a rate
('0.25' or '25%') and the 보정계수 levels given."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from balju.errors import InputError

if TYPE_CHECKING:
    from balju.cost import DevelopmentOptions


def parse_decimal(text: str | None, option: str) -> Decimal | None:
    """'0.25' or '25%' → Decimal('0.25'); anything else names the option (``--profit-rate``, a form field)."""
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        raise InputError(f"'{text}'은(는) 수가 아닙니다 (not a number).", where=option, fix="예: 0.25 또는 25%") from None
    if not value.is_finite():
        raise InputError(f"'{text}'은(는) 수가 아닙니다 (not a number).", where=option, fix="예: 0.25 또는 25%")
    return value / 100 if text.strip().endswith("%") else value


def correction_levels(
    interface: int | None, performance: int | None, compatibility: int | None, security: int | None
) -> dict[str, int]:
    """The 보정계수 levels the user gave (the rest take the rule's default level)."""
    given = {"interface": interface, "performance": performance, "compatibility": compatibility, "security": security}
    return {key: value for key, value in given.items() if value is not None}


LEVEL_FIELDS = ("interface", "performance", "compatibility", "security")
"""The 보정계수 a person sets (연계 복잡성, 성능 요구수준, 운영환경 호환성, 보안성)."""


def development_options(fields: dict[str, Any], phases: list[str] | None = None) -> DevelopmentOptions:
    """A form's pricing choices as ``DevelopmentOptions``: each level (1–5, empty: the rule's default),
    ``profit_rate`` ('20%' or 0.2, empty: the cap) and ``direct_expenses`` (whole won, commas allowed).
    A bad value names its field."""
    from balju.cost import DevelopmentOptions

    levels = {}
    for key in LEVEL_FIELDS:
        text = str(fields.get(key) or "").strip()
        if text:
            if not text.isdigit():
                raise InputError(f"{key} '{text}': 수준은 1~5의 정수입니다 (level 1–5).", where=key, fix="예: 3")
            levels[key] = int(text)
    expenses = str(fields.get("direct_expenses") or "0").strip().replace(",", "")
    if not expenses.isdigit():
        raise InputError(f"직접경비 '{expenses}'는 원 단위 정수여야 합니다 (whole won).", where="direct_expenses",
                         fix="예: 2000000")
    return DevelopmentOptions(
        levels=correction_levels(**{k: levels.get(k) for k in LEVEL_FIELDS}),
        profit_rate=parse_decimal(str(fields.get("profit_rate") or "").strip() or None, "profit_rate"),
        direct_expenses=int(expenses),
        phases=phases or None,
    )
