"""Fixtures of the web tests: the sample RFPs, the values they must give, and Debian Chromium for the browser tests."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

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
    fp_total: float = 337.8
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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a browser downloaded by `playwright install`."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def sample_hwp() -> Path:
    return SAMPLE_HWP


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    return SAMPLE_PDF


@pytest.fixture(scope="session")
def expected() -> Expected:
    return Expected()
