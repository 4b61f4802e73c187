"""Parsing the options the commands share (공통 옵션): 기준일, rates, correction levels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from balju.errors import InputError
from balju.rules.loader import parse_as_of as _parse_as_of


def parse_as_of(text: str | None) -> dt.date | None:
    """``--as-of`` as a date; None when not given (each command picks its default)."""
    return _parse_as_of(text, where="--as-of")


def parse_decimal(text: str | None, option: str) -> Decimal | None:
    """'0.25' or '25%' → Decimal('0.25'); anything else names the option."""
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        raise InputError(f"'{text}'은(는) 수가 아닙니다 (not a number).", where=option, fix="예: 0.25 또는 25%") from None
    return value / 100 if text.strip().endswith("%") else value


def correction_levels(
    interface: int | None, performance: int | None, compatibility: int | None, security: int | None
) -> dict[str, int]:
    """The 보정계수 levels the user gave (the rest take the rule's default level)."""
    given = {"interface": interface, "performance": performance, "compatibility": compatibility, "security": security}
    return {key: value for key, value in given.items() if value is not None}
