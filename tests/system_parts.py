"""What the tests do when a Debian package they need is missing (PostgreSQL, Chromium)."""

from __future__ import annotations

import os

import pytest


def missing_system_part(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where ``.ci/run`` installs every part
    (scripts/install-system.sh --test), so a skip there would hide a broken setup."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)
