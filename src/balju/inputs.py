"""Values people type (입력 값), read the same way by the command line and the web app: a rate
('0.25' or '25%') and the 보정계수 levels given."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from balju.errors import InputError


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
