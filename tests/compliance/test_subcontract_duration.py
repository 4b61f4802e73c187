"""하도급 계획 점검과 적정 사업기간 — cases as data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import balju.rules
from balju.compliance.duration import appropriate_duration
from balju.compliance.subcontract import check_subcontract_plan, load_subcontract_plan
from balju.errors import InputError

HERE = Path(__file__).parents[1] / "cases" / "compliance"
SUB = yaml.safe_load((HERE / "subcontract.yaml").read_text("utf-8"))
DUR = yaml.safe_load((HERE / "duration.yaml").read_text("utf-8"))


def _plan(tmp_path, data):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_subcontract_plan(path)


@pytest.mark.parametrize("case", SUB["cases"], ids=[c["id"] for c in SUB["cases"]])
def test_subcontract_case(case, tmp_path):
    result = check_subcontract_plan(_plan(tmp_path, case["plan"]), balju.rules.at(SUB["as_of"]))
    expect = case["expect"]
    codes = {f.code for f in result.findings}
    assert result.ok is expect["ok"], [f.message for f in result.findings]
    if "share" in expect:
        assert result.share == Decimal(expect["share"])
    assert set(expect.get("codes", [])) <= codes
    assert not set(expect.get("not_codes", [])) & codes
    if "message" in expect:
        assert any(expect["message"] in f.message for f in result.findings)
    for f in result.findings:
        assert f.reference and "제51조" in f.reference or "시행규칙 제14조" in (f.reference or "")


@pytest.mark.parametrize("case", SUB["errors"], ids=[c["id"] for c in SUB["errors"]])
def test_subcontract_bad_plan(case, tmp_path):
    with pytest.raises(InputError):
        check_subcontract_plan(_plan(tmp_path, case["plan"]), balju.rules.at(SUB["as_of"]))


def test_subcontract_missing_file(tmp_path):
    with pytest.raises(InputError):
        load_subcontract_plan(tmp_path / "nope.yaml")


@pytest.mark.parametrize("case", DUR["cases"], ids=[c["id"] for c in DUR["cases"]])
def test_duration_case(case):
    result = appropriate_duration(case["fp"], balju.rules.at(DUR["as_of"]), staff=case.get("staff"))
    expect = case["expect"]
    data = result.as_dict()
    assert result.fp_per_mm == expect["fp_per_mm"]
    assert data["person_months"] == expect["person_months"]
    if "months" in expect:
        assert data["months"] == expect["months"]
    assert result.verified is False and "UNVERIFIED" in result.reference  # rules.md 3.8
    assert "FP/MM" in result.explanation and result.notes


@pytest.mark.parametrize("fp, staff", [(0, None), (-3, None), ("abc", None), (100, 0), (100, True)])
def test_duration_bad_input(fp, staff):
    with pytest.raises(InputError):
        appropriate_duration(fp, balju.rules.at("2025-06-01"), staff=staff)
