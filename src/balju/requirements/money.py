"""Amounts of money as RFPs write them (금액 읽기): 금243,000,000원, 1억 5천만원, 243,000천원, 금이억사천삼백만 원."""

from __future__ import annotations

import re
from decimal import Decimal

_UNITS = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3, "백": 10**2, "십": 10}
_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}

# one amount: numbers (with commas/decimals) and 조/억/만/천 units, ending in 원
AMOUNT_RE = re.compile(
    r"(?:금\s*)?((?:\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?\s*)+)\s*원"
)
_PART = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(조|억|천만|백만|만|천)?")
_HANGUL_AMOUNT = re.compile(r"(?:금|일금)\s*([일이삼사오육칠팔구십백천만억조영]+)\s*원")


def parse_amount(text: str) -> tuple[int, str] | None:
    """The first amount in ``text`` as integer won, with the words it was read from."""
    m = AMOUNT_RE.search(text or "")
    if m:
        value = _numeric(m.group(1))
        if value is not None and value > 0:
            return value, m.group(0).strip()
    h = _HANGUL_AMOUNT.search(text or "")
    if h:
        value = hangul_number(h.group(1))
        if value:
            return value, h.group(0)
    return None


def _numeric(chunk: str) -> int | None:
    total = Decimal(0)
    parts = _PART.findall(chunk)
    if not parts:
        return None
    for number, unit in parts:
        n = Decimal(number.replace(",", ""))
        if unit == "천만":
            n *= 10**7
        elif unit == "백만":
            n *= 10**6
        elif unit:
            n *= _UNITS[unit]
        total += n
    return int(total)


def hangul_number(text: str) -> int | None:
    """이억사천삼백만 → 243000000."""
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in ("십", "백", "천"):
            section += (digit or 1) * _UNITS[ch]
            digit = 0
        elif ch in ("만", "억", "조"):
            section += digit
            total += (section or 1) * _UNITS[ch]
            section = digit = 0
        elif ch == "영":
            continue
        else:
            return None
    return total + section + digit
