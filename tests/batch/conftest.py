"""Fixtures of the batch tests (shared per session: each review of a file costs about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import EXAMPLES, cli_review_json, make_folder


@pytest.fixture(scope="session")
def batch_folder(tmp_path_factory) -> Path:
    """The test folder (read-only by convention: tests that change files make their own)."""
    return make_folder(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="session")
def reference() -> dict[str, dict]:
    """What `balju review --json` says about each sample file, by suffix."""
    return {
        "hwp": cli_review_json(EXAMPLES / "sample_rfp.hwp"),
        "pdf": cli_review_json(EXAMPLES / "sample_rfp.pdf"),
    }
