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
        s = Store(request.getfixturevalue("postgres_url"))
        # one server for the session: start each test from empty tables
        from balju.store.models import AuditRow, DocumentRow, FailureRow, MetaRow, ReviewRow, UserRow

        with s.engine.begin() as conn:
            for table in (ReviewRow, FailureRow, DocumentRow, UserRow, AuditRow):
                conn.execute(table.__table__.delete())
            conn.execute(MetaRow.__table__.delete().where(MetaRow.__table__.c.key == "session_secret"))
    yield s
    s.close()
