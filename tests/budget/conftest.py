"""Budget test fixtures."""

from __future__ import annotations

import pytest

from balju import rules as rules_module


@pytest.fixture
def rules():
    # 2025-01-01: 605,784원/FP (2024-05-13~), size factor 1.28 below 500 FP, profit cap 25%,
    # default factor levels all 1.00, VAT 10%, every product rounded to won half-even.
    return rules_module.at("2025-01-01")
