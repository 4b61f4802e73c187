"""Fixtures for the maintenance / effort tests: the research notes (rules.md) to check data against."""

from __future__ import annotations

from pathlib import Path

import pytest

RULES_MD = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "rules.md"


@pytest.fixture(scope="session")
def rules_md() -> str:
    if not RULES_MD.is_file():
        pytest.fail(f"../shared/reference/rules.md not found at {RULES_MD}: the data tests need it")
    return RULES_MD.read_text(encoding="utf-8")
