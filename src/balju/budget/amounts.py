"""Korean money amounts as RFPs write them (금액 읽기): '금133,812,000원', '1,515,000천원',
'196백만원', '1억 5천만 원', and the VAT remark beside them ('부가세 포함', 'VAT 별도').

Only reading: the unit words (억, 천만, 백만, 만, 천) are the Korean number system, not rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from balju.korean_amounts import NUMBER as _NUMBER
from balju.korean_amounts import UNIT as _UNIT
from balju.korean_amounts import sum_units

_PREFIX = r"(?:(?:일금|금|￦|₩|KRW)\s*)?"
_AMOUNT_BODY = rf"(?:{_NUMBER}\s*{_UNIT}\s*)*{_NUMBER}\s*{_UNIT}?"
AMOUNT_RE = re.compile(rf"{_PREFIX}(?P<body>{_AMOUNT_BODY})\s*원")
"""An amount that ends with 원 (the unit words may come before it)."""
_VAT_RE = re.compile(
    r"(부가가치세|부가세|V\.?\s?A\.?\s?T\.?)[^()\[\]]{0,16}?(포함|별도|제외|미포함|불포함)", re.IGNORECASE
)
_TABLE_UNIT_RE = re.compile(r"단위\s*[:：]?\s*(천원|백만원|만원|억원|원)|[\(（]\s*(천원|백만원|만원|억원)\s*[\)）]")


@dataclass(frozen=True)
class Amount:
    value: int
    """Won."""
    text: str
    """The words it was read from."""
    start: int
    end: int


def parse_number(text: str, unit_won: int = 1) -> int | None:
    """A bare number of a table cell ('53,000,000', '248,796' with 단위: 천원) as won."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.removesuffix("원")
    if not cleaned or not re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return None
    try:
        return int(Decimal(cleaned) * unit_won)
    except InvalidOperation:
        return None


def _body_value(body: str) -> int | None:
    total = sum_units(body)
    return None if total is None else int(total)


def find_amounts(text: str) -> list[Amount]:
    """Every amount ending in 원 in ``text``, in order."""
    found = []
    for match in AMOUNT_RE.finditer(text):
        value = _body_value(match.group("body"))
        if value is not None:
            found.append(Amount(value, match.group(0).strip(), match.start(), match.end()))
    return found


def vat_flag(text: str) -> bool | None:
    """True for '부가세 포함', False for '부가세 별도/제외', None when the text does not say."""
    match = _VAT_RE.search(text)
    if match is None:
        return None
    return match.group(2) == "포함"


def table_unit(text: str) -> int | None:
    """The won per number of a table that says '(단위: 천원)' and the like."""
    match = _TABLE_UNIT_RE.search(text)
    if match is None:
        return None
    word = match.group(1) or match.group(2)
    return {"원": 1, "천원": 10**3, "만원": 10**4, "백만원": 10**6, "억원": 10**8}[word]
