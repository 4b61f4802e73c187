"""Maintenance and effort prices written as data (tests/cases/maintenance, tests/cases/effort).

Each case carries the hand-worked arithmetic in comments; here the engine must give the same won.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from balju import rules
from balju.cost.effort import effort_price, parse_role_option
from balju.cost.maintenance import application_maintenance, commercial_maintenance

CASES = Path(__file__).resolve().parent.parent / "cases"


def load(name: str) -> list[dict]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def check_common(result, expect: dict) -> None:
    for key in ("total", "vat", "total_with_vat"):
        if key in expect:
            assert getattr(result, key) == expect[key], key
    for key, amount in (expect.get("lines") or {}).items():
        assert result.line(key).amount == amount, key
    for key in expect.get("verified_lines", []):
        assert result.line(key).verified, key
    for key in expect.get("unverified_lines", []):
        assert not result.line(key).verified, key
    if "warnings" in expect:
        assert len(result.warnings) == expect["warnings"], result.warnings
    if "warning_contains" in expect:
        assert any(expect["warning_contains"] in w for w in result.warnings), result.warnings
    if "note_contains" in expect:
        assert any(expect["note_contains"] in n for n in result.notes), result.notes
    # The chain adds up, and every line says where it came from.
    assert result.total_with_vat == result.total + result.vat
    assert all(line.reference for line in result.lines)
    money = [line.amount for line in result.lines if line.amount is not None]
    assert all(isinstance(a, int) for a in money)


APPLICATION = load("maintenance/application.yaml")


@pytest.mark.parametrize("case", APPLICATION, ids=[c["name"] for c in APPLICATION])
def test_application_maintenance(case):
    result = application_maintenance(
        case["dev_cost"],
        case["months"],
        case["difficulty"],
        rules.at(str(case["as_of"])),
        direct_expenses=case.get("direct_expenses", 0),
    )
    expect = case["expect"]
    assert result.line("tmp").value == f"{expect['tmp']}점"
    if "rate" in expect:
        assert result.line("rate").value == f"{expect['rate']}%"
    if "maintenance" in expect:
        assert result.line("maintenance").amount == expect["maintenance"]
    check_common(result, expect)
    assert result.total == result.line("maintenance").amount + result.line("direct_expenses").amount


COMMERCIAL = load("maintenance/commercial.yaml")


@pytest.mark.parametrize("case", COMMERCIAL, ids=[c["name"] for c in COMMERCIAL])
def test_commercial_maintenance(case):
    result = commercial_maintenance(
        case["licence_price"], case["grade"], rules.at(str(case["as_of"])), months=case.get("months", 12)
    )
    expect = case["expect"]
    assert result.line("rate").value == expect["rate"]
    assert result.line("maintenance").amount == expect["maintenance"]
    assert not result.line("maintenance").verified  # 표 4-10은 V1
    assert any("메이저 업그레이드" in n for n in result.notes)
    assert result.unverified
    check_common(result, expect)


EFFORT = load("effort/effort.yaml")


@pytest.mark.parametrize("case", EFFORT, ids=[c["name"] for c in EFFORT])
def test_effort(case):
    result = effort_price(
        [parse_role_option(text) for text in case["roles"]],
        rules.at(str(case["as_of"])),
        overhead_rate=case.get("overhead_rate"),
        tech_fee_rate=case.get("tech_fee_rate"),
        direct_expenses=case.get("direct_expenses", 0),
        purpose=case.get("purpose"),
        exception=case.get("exception"),
        allow_derived=case.get("allow_derived", False),
    )
    expect = case["expect"]
    for key in ("labour", "overhead", "tech_fee"):
        if key in expect:
            assert result.line(key).amount == expect[key], key
    check_common(result, expect)
    labour = sum(line.amount for line in result.lines if line.key.startswith("labour."))
    assert labour == result.line("labour").amount
    assert result.total == (
        result.line("labour").amount + result.line("overhead").amount
        + result.line("tech_fee").amount + result.line("direct_expenses").amount
    )
