"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

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
