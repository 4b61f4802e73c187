"""Korean amounts of money (금액 표기): the number words every reader of won shares.

'2억 4천3백만', '243,000천', '19.99억' → won; '이억사천삼백만' → 243000000. Only reading: the unit
words are the Korean number system, not rules.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL = {"십": 10, "백": 100, "천": 1000}
_LARGE = {"만": 10**4, "억": 10**8, "조": 10**12}
NUMBER = r"\d[\d,]*(?:\.\d+)?"
UNIT = r"(?:[십백천]?[만억조]|[십백천])"
"""A unit word after a number: 천, 만, 억, and the compounds 천만, 백만, 십억 …"""
PAIR_RE = re.compile(rf"({NUMBER})\s*({UNIT})?")
"""One number and the unit word after it ('4천', '243,000', '19.99억', '3백만')."""


def sum_units(body: str) -> Decimal | None:
    """Won from numbers and unit words as Koreans group them: 십·백·천 add up within a group that
    만·억·조 then multiply ('2억 4천3백만' → 243000000, '1,515,000천' → 1515000000)."""
    pairs = list(PAIR_RE.finditer(body))
    if not pairs:
        return None
    total = section = Decimal(0)
    for pair in pairs:
        try:
            number = Decimal(pair.group(1).replace(",", ""))
        except InvalidOperation:
            return None
        unit = pair.group(2) or ""
        small = _SMALL.get(unit[:1]) if unit[:1] in _SMALL else None
        large = _LARGE.get(unit[-1:]) if unit[-1:] in _LARGE else None
        section += number * (small or 1)
        if large:
            total += section * large
            section = Decimal(0)
    return total + section


def hangul_number(text: str) -> int | None:
    """A number written in Hangul words: 이억사천삼백만 → 243000000; None if it is not one."""
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        elif ch in _LARGE:
            section += digit
            total += (section or 1) * _LARGE[ch]
            section = digit = 0
        elif ch == "영":
            continue
        else:
            return None
    return total + section + digit
