"""Fixtures of the web tests: the sample RFPs, the values they must give, and Debian Chromium for the browser tests."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from system_parts import missing_system_part

REPO = Path(__file__).resolve().parents[2]
SAMPLE_HWP = REPO / "examples" / "sample_rfp.hwp"
SAMPLE_PDF = REPO / "examples" / "sample_rfp.pdf"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Expected:
    """What `balju review examples/sample_rfp.hwp` says (checked by hand against the CLI's output and
    the sample's own text): the values every web test compares against."""

    project: str = "가상시 시민 체육시설 예약관리시스템 구축 사업"
    agency: str = "가상시청 체육진흥과"
    budget: int = 330_000_000
    fp_total: float = 309.9
    verdict_ko: str = "적정"
    as_of: str = "2026-11-01"  # no 기준일 given: the date the sample states ('2026. 11.')


# starlette's TestClient asks for 'httpx2', which requirements.lock does not hold (httpx works): its
# one import-time warning is silenced here, before any test module imports it
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    import starlette.testclient  # noqa: F401


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real Chromium through pytest-playwright (/usr/bin/chromium)")
    # pytest-playwright 0.10's own base_url fixture trips a pytest 9 deprecation; nothing of ours does
    config.addinivalue_line("filterwarnings", "ignore:Session-scoped fixtures defined as instance methods")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; without it a browser test skips on a developer's machine and fails in CI."""
    if not CHROMIUM.exists():
        missing_system_part(f"Chromium not installed at {CHROMIUM}: run scripts/install-system.sh --test")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium):
    """Debian's Chromium, never a browser downloaded by `playwright install`."""
    return {**browser_type_launch_args, "executable_path": str(chromium), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def sample_hwp() -> Path:
    return SAMPLE_HWP


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    return SAMPLE_PDF


@pytest.fixture(scope="session")
def expected() -> Expected:
    return Expected()


# --- one store and app per test module (the modules that need nothing else) ---------------------

@pytest.fixture(scope="module")
def db_url(request, tmp_path_factory) -> str:
    """A SQLite file of the test module's own (a module may define its own ``db_url`` instead)."""
    return f"sqlite:///{tmp_path_factory.mktemp(request.module.__name__.rsplit('.', 1)[-1]) / 'balju.db'}"


@pytest.fixture(scope="module")
def client(db_url):
    """The web app over ``db_url`` through TestClient, not following redirects (the 303s are checked)."""
    from fastapi.testclient import TestClient

    from balju.web import create_app

    with TestClient(create_app(db_url), follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def original(client, sample_hwp) -> int:
    """The sample HWP uploaded once through the API: balju's proposal."""
    with sample_hwp.open("rb") as handle:
        response = client.post("/api/reviews", files={"file": (sample_hwp.name, handle)})
    assert response.status_code == 201
    return response.json()["id"]
