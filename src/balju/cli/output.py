"""Shared output helpers for the CLI (출력): JSON with Korean kept, tables via rich."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

from rich.console import Console


def console() -> Console:
    # A fresh console per call so tests capturing stdout see the output.
    return Console(file=sys.stdout, width=140, highlight=False)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def print_json(data: Any) -> None:
    sys.stdout.write(to_json(data) + "\n")


def won(amount: int) -> str:
    return f"{amount:,}"
