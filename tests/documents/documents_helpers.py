"""Helpers for the document-reader tests."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from balju.documents import Document, read

# The manifest's scan counted IDs written as "SFR-001" but also "SFR - 001" and "PER –002"
# (20240408682.hwp writes every ID with spaces: the strict pattern finds 5 of its 186).
ID = re.compile(r"\b([A-Z]{2,4}R)\s*[-–—‐]\s*(\d{2,4})(?!\d)")

MANIFEST = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "rfp" / "manifest.csv"


def manifest_rows() -> list[dict[str, str]]:
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def ids(text: str) -> set[str]:
    return {f"{prefix}-{number}" for prefix, number in ID.findall(text)}


@lru_cache(maxsize=None)
def read_cached(path: str) -> Document:
    return read(path)
