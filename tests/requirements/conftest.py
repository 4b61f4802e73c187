"""Fixtures of the requirements tests: the real RFPs read once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def gold_ids() -> dict[str, list[str]]:
    return json.loads((DATA / "gold_ids.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def budgets() -> dict[str, dict]:
    return yaml.safe_load((DATA / "budgets.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def smells() -> dict:
    return yaml.safe_load((DATA / "smells.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def real_docs(rfp_dir: Path, gold_ids):
    """({file name: Document} for every real RFP, {}) — every file must read."""
    from balju.documents import read

    return {name: read(rfp_dir / name) for name in sorted(gold_ids)}, {}
