"""Fixtures of the report tests: the Review dict of the sample RFP and its reports written once."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from balju import report

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "review.json"


@pytest.fixture(scope="session")
def review_data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def review(review_data: dict) -> dict:
    """A fresh copy a test may change."""
    return copy.deepcopy(review_data)


@pytest.fixture(scope="session")
def written(review_data: dict, tmp_path_factory) -> dict[str, Path]:
    """All four reports of the fixture, written once for the session."""
    out = tmp_path_factory.mktemp("reports")
    return report.write_all(copy.deepcopy(review_data), out)
