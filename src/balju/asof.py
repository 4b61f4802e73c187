"""Which day's rules price a document (기준일): the date the RFP states, else today.

The guide prices by "the most recently published unit price" when the budget is drawn up, so an
RFP is priced on the date it was written or published. We take the first date on the cover or
in the opening blocks (공고일, 작성일, "2024. 6." …); a month without a day counts as its 1st.
"""

from __future__ import annotations

import datetime as dt
import re

from balju.documents.model import Document

_DATE = re.compile(
    r"(?<!\d)(20\d{2})\s*(?:[.\-/]|년)\s*(\d{1,2})\s*(?:[.\-/]|월)(?:\s*(\d{1,2})\s*(?:[.]|일)?)?(?!\d)"
)
OPENING_BLOCKS = 60


def document_date(doc: Document, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """The first plausible date in the opening blocks, with the words it came from."""
    today = today or dt.date.today()
    for block in doc.blocks[:OPENING_BLOCKS]:
        for match in _DATE.finditer(block.text):
            year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
            try:
                found = dt.date(year, month, day)
            except ValueError:
                continue
            if dt.date(2000, 1, 1) <= found <= today:
                return found, match.group(0).strip()
    return None, None


def pricing_day(given: dt.date | None, doc: Document) -> tuple[dt.date, str]:
    """The day whose rules price ``doc`` and why: --as-of, else the date the RFP states, else today."""
    if given is not None:
        return given, "--as-of 지정"
    found, text = document_date(doc)
    if found is not None:
        return found, f"문서에 적힌 날짜 '{text}'"
    return dt.date.today(), "문서에서 날짜를 찾지 못해 오늘 날짜"
