"""Fixtures of the store tests: a hand-made review dict, and a store on a real SQLite file or PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balju.store import Store

REVIEW = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "review.json"


@pytest.fixture(scope="module")
def review() -> dict:
    return json.loads(REVIEW.read_text(encoding="utf-8"))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store(str(tmp_path / "db" / "balju.db"))
    else:
        s = Store(request.getfixturevalue("postgres_db"))  # one server for the session: emptied tables
    yield s
    s.close()
