"""Amounts as users write them (금액 입력): "2000000000", "2,000,000,000", "20억", "19.99억원", "1억 5천만".

Parsing only: no rule numbers live here. Money is integer won; a value that is not a whole
number of won is refused rather than rounded.
"""

from __future__ import annotations

import re

from balju.errors import InputError
from balju.korean_amounts import UNIT, sum_units

_TOKEN = re.compile(rf"(\d+(?:\.\d+)?)\s*({UNIT})?")


def parse_krw(text: str | int, *, where: str = "--amount") -> int:
    """Integer won from ``text``. Raises InputError with a Korean message when it is not an amount."""
    if isinstance(text, bool):
        raise _bad(str(text), where)
    if isinstance(text, int):
        if text < 0:
            raise _bad(str(text), where)
        return text
    raw = str(text)
    s = raw.strip().replace(",", "").replace("_", "").replace(" ", "")
    if s.endswith("원"):
        s = s[:-1]
    if not s:
        raise _bad(raw, where)
    pos = 0
    for match in _TOKEN.finditer(s):  # the whole text must be numbers and unit words
        if match.start() != pos:
            raise _bad(raw, where)
        pos = match.end()
    total = sum_units(s) if pos == len(s) else None
    if total is None:
        raise _bad(raw, where)
    if total != total.to_integral_value():
        raise InputError(
            f"금액 '{raw}'이(가) 원 단위 정수가 아닙니다 (amount is not a whole number of won).",
            where=where,
            fix="원 단위까지 적으세요. 예: 1999999999 또는 19.99억",
        )
    return int(total)


def _bad(raw: str, where: str) -> InputError:
    return InputError(
        f"금액 '{raw}'을(를) 읽을 수 없습니다 (not an amount in won).",
        where=where,
        fix="숫자(원) 또는 억·만 단위로 적으세요. 예: 2000000000, 2,000,000,000, 20억, 19.99억",
    )
