"""Helpers to read tables out of rules.md (for the cost_other data tests)."""

from __future__ import annotations

import re


def section(text: str, start: str, end: str) -> str:
    """The part of rules.md between two headings (``### 2.3`` … ``### 2.4``)."""
    return text[text.index(start) : text.index(end)]


def won(text: str) -> int:
    return int(text.replace(",", ""))


def table_rows(text: str) -> list[list[str]]:
    """The cells of every markdown table row in ``text`` (separator rows skipped)."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|[\s|:-]+\|", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows
