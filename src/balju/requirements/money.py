"""Amounts of money as RFPs write them (금액 읽기): 금243,000,000원, 1억 5천만원, 243,000천원, 금이억사천삼백만 원."""

from __future__ import annotations

import re

from balju.korean_amounts import hangul_number, sum_units


# one amount: numbers (with commas/decimals) and 조/억/만/천 units, ending in 원
AMOUNT_RE = re.compile(
    r"(?:금\s*)?((?:\d[\d,]*(?:\.\d+)?\s*(?:조|억|천만|백만|만|천)?\s*)+)\s*원"
)
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
    total = sum_units(chunk)
    return None if total is None else int(total)
