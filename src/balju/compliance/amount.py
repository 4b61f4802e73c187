"""Amounts as users write them (금액 입력): "2000000000", "2,000,000,000", "20억", "19.99억원", "1억 5천만".

Parsing only: no rule numbers live here. Money is integer won; a value that is not a whole
number of won is refused rather than rounded.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from balju.errors import InputError

_UNITS = {
    "조": Decimal(10) ** 12,
    "억": Decimal(10) ** 8,
    "천만": Decimal(10) ** 7,
    "백만": Decimal(10) ** 6,
    "만": Decimal(10) ** 4,
    "천": Decimal(10) ** 3,
    "": Decimal(1),
}
_TOKEN = re.compile(r"(\d+(?:\.\d+)?)\s*(조|억|천만|백만|만|천)?")


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
    total = Decimal(0)
    pos = 0
    for match in _TOKEN.finditer(s):
        if match.start() != pos:
            raise _bad(raw, where)
        try:
            number = Decimal(match.group(1))
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            raise _bad(raw, where) from None
        total += number * _UNITS[match.group(2) or ""]
        pos = match.end()
    if pos != len(s):
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
