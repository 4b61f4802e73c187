"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from system_parts import missing_system_part

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the checkout (present on developer machines and in CI)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"../shared/data not found at {SHARED_DATA}: the real-data tests need it")
    return SHARED_DATA


@pytest.fixture(scope="session")
def rfp_dir(shared_data: Path) -> Path:
    return shared_data / "rfp" / "files"


PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """A throwaway PostgreSQL cluster for this test session (scripts/install-system.sh --test installs
    the server); its URL for balju.store. initdb refuses root, so it runs as 'postgres' there."""
    import os
    import shutil
    import subprocess
    import tempfile

    if not (PG_BIN / "initdb").exists():
        missing_system_part(f"PostgreSQL server not installed ({PG_BIN}/initdb): run scripts/install-system.sh --test")
    root = Path(tempfile.mkdtemp(prefix="balju-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    subprocess.run(as_postgres + [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                  "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    subprocess.run(as_postgres + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "start",
                                  "-o", f"-h 127.0.0.1 -p {port} -k {root} -F"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_postgres + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_url) -> str:
    """``postgres_url`` with balju's tables emptied first: the session has one server, and a test must
    not see another test's reviews, kept files or users (a kept file of the same bytes under another
    name made the outcome depend on the order the tests ran in)."""
    from balju.store import Store
    from balju.store.models import AuditRow, DocumentRow, FailureRow, MetaRow, ReviewRow, UserRow

    with Store(postgres_url) as store, store.engine.begin() as conn:
        for table in (ReviewRow, FailureRow, DocumentRow, UserRow, AuditRow):
            conn.execute(table.__table__.delete())
        conn.execute(MetaRow.__table__.delete().where(MetaRow.__table__.c.key == "session_secret"))
    return postgres_url
