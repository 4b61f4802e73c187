"""Keep staff contact details out of what balju shows (담당자 연락처 가리기).

RFPs print the names and phone numbers of agency staff. Requirement text and quotes shown by balju
have phone numbers and e-mail addresses masked; staff tables (사업 담당자 …) are never read as facts.
"""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<![\d,])(?:\(?0\d{1,2}\)?[-.\s)]?\s?\d{3,4}[-.\s]\d{4}|01[016789]-?\d{3,4}-?\d{4})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MASK = "(연락처 생략)"


def redact(text: str | None) -> str | None:
    if not text:
        return text
    return _EMAIL.sub(MASK, _PHONE.sub(MASK, text))
