"""SW개발비 cases written as data (tests/cases/estimate/*.yaml)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from balju import rules
from balju.cost import DevelopmentOptions, estimate_development, size_factor
from balju.errors import InputError, RuleError

CASES = Path(__file__).parent.parent / "cases" / "estimate"
DEVELOPMENT = yaml.safe_load((CASES / "development.yaml").read_text(encoding="utf-8"))
SIZE = yaml.safe_load((CASES / "size_factor.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DEVELOPMENT, ids=[c["name"] for c in DEVELOPMENT])
def test_development_cost(case):
    options = DevelopmentOptions(
        levels=case.get("levels", {}),
        profit_rate=Decimal(case["profit_rate"]) if "profit_rate" in case else None,
        direct_expenses=case.get("direct_expenses", 0),
        phases=case.get("phases"),
    )
    result = estimate_development(Decimal(str(case["fp_total"])), rules.at(case["as_of"]), options)
    for key, expected in case["expect"].items():
        actual = getattr(result, key)
        assert actual == (Decimal(expected) if isinstance(expected, str) else expected), key
    # The chain adds up, and every amount line cites a rule.
    assert result.development_cost == result.cost_after_correction + result.profit + result.direct_expenses
    assert result.total == result.development_cost + result.vat
    assert all(line.reference for line in result.lines)


@pytest.mark.parametrize("case", SIZE, ids=[str(c["fp"]) for c in SIZE])
def test_size_factor(case):
    factor, _ = size_factor(Decimal(str(case["fp"])), rules.at("2025-01-01"))
    assert factor == Decimal(case["expect"])


@pytest.mark.parametrize(
    "day, price",
    [("2024-05-12", 553114), ("2024-05-13", 605784), ("2020-01-14", 519203), ("2020-01-15", 553114),
     ("2013-12-31", 497427), ("2007-06-01", 572933)],
)
def test_unit_price_by_publication_date(day, price):
    assert rules.at(day).value("cost.fp_unit_price") == price


def test_date_before_any_unit_price():
    with pytest.raises(RuleError) as error:
        estimate_development(Decimal(10), rules.at(dt.date(2007, 5, 31)))
    assert "2007-06-01" in error.value.message


@pytest.mark.parametrize("rate", ["0.2501", "-0.01"])
def test_profit_rate_outside_cap(rate):
    with pytest.raises(InputError, match="이윤율"):
        estimate_development(Decimal(10), rules.at("2025-01-01"), DevelopmentOptions(profit_rate=Decimal(rate)))


def test_level_out_of_range():
    with pytest.raises(InputError, match="수준 6"):
        estimate_development(Decimal(10), rules.at("2025-01-01"), DevelopmentOptions(levels={"security": 6}))


def test_defaults_are_reported_as_assumptions():
    result = estimate_development(Decimal(10), rules.at("2025-01-01"))
    assert result.profit_rate == Decimal("0.25")
    assert len(result.assumptions) == 5  # four factor levels + profit rate
    assert any("확인 필요" in a for a in result.assumptions)
