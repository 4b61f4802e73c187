"""Parsing the options the commands share (공통 옵션): 기준일, rates, correction levels.

Rates and levels are read by ``balju.inputs``, which the web app uses too; this module adds the
option names the command line shows in its messages."""

from __future__ import annotations

import datetime as dt

from balju.inputs import correction_levels, parse_decimal
from balju.rules.loader import parse_as_of as _parse_as_of

__all__ = ["correction_levels", "parse_as_of", "parse_decimal"]


def parse_as_of(text: str | None) -> dt.date | None:
    """``--as-of`` as a date; None when not given (each command picks its default)."""
    return _parse_as_of(text, where="--as-of")
