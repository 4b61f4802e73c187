"""Requirement IDs (요구사항 ID): finding, normalising and classifying them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# SFR-001, SFR-01-001, SFR-포털-009, PER-002-01, MPRS-004 …
ID_RE = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{2,4})\s?[-–]\s?((?:[가-힣A-Z]{1,8}[-–])?\d{1,4}(?:[-–]\d{1,4})*)(?![\d])"
)
_ZEROS = re.compile(r"^[0\-]+$")


@dataclass(frozen=True)
class IdMatch:
    id: str
    prefix: str
    start: int
    end: int


def normalize(prefix: str, rest: str) -> str:
    return f"{prefix}-{rest.replace('–', '-')}"


def is_placeholder(rest: str) -> bool:
    """SFR-000, PER-00: the template row of a summary table (총괄표의 양식 줄)."""
    digits = re.sub(r"[가-힣A-Z]+-", "", rest.replace("–", "-"))
    return bool(_ZEROS.match(digits))


def find_ids(text: str, known: set[str] | None = None) -> list[IdMatch]:
    """Every requirement-ID-shaped token in ``text`` whose prefix is in ``known`` (or any, if None)."""
    found = []
    for m in ID_RE.finditer(text or ""):
        prefix, rest = m.group(1), m.group(2)
        if is_placeholder(rest):
            continue
        if known is not None and prefix not in known:
            continue
        found.append(IdMatch(normalize(prefix, rest), prefix, m.start(), m.end()))
    return found


def whole_id(text: str) -> IdMatch | None:
    """The ID when ``text`` is an ID and nothing else (bold marks, brackets and spaces allowed)."""
    core = re.sub(r"[\s*()\[\]<>【】]", "", text or "")
    m = ID_RE.fullmatch(core)
    if not m or is_placeholder(m.group(2)):
        return None
    return IdMatch(normalize(m.group(1), m.group(2)), m.group(1), 0, len(core))


def prefix_of(req_id: str | None) -> str | None:
    if not req_id:
        return None
    return req_id.split("-", 1)[0]
