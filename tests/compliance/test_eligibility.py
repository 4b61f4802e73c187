"""Legal cases of 대기업 참여제한 as data (tests/cases/compliance/eligibility.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from balju.cli import main
from balju.compliance.eligibility import joint_eligibility
from balju.errors import InputError, RuleError

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "compliance" / "eligibility.yaml").read_text("utf-8"))
DEFAULTS = CASES["defaults"]


def _run(case: dict):
    c = {**DEFAULTS, **case}
    bidders = c["bidder"] if isinstance(c["bidder"], list) else [c["bidder"]]
    return joint_eligibility(
        c["amount"],
        vat_included=c["vat_included"],
        bidder_classes=bidders,
        exemption=c.get("exemption"),
        as_of=c["as_of"],
        ruleset=c["ruleset"],
        planning_project=c.get("planning", False),
    )


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_case(case):
    decision = _run(case)
    expect = case["expect"]
    assert decision.eligible is expect["eligible"], decision.reason
    assert expect["article"] in decision.reference or expect["article"] in decision.reason, decision.reference
    if "amount_krw" in expect:
        assert decision.amount_krw == expect["amount_krw"]
    if "note" in expect:
        assert any(expect["note"] in n for n in decision.notes), decision.notes
    assert decision.reason and decision.reference


@pytest.mark.parametrize("case", CASES["errors"], ids=[c["id"] for c in CASES["errors"]])
def test_error(case):
    kind = {"InputError": InputError, "RuleError": RuleError}[case["error"]]
    with pytest.raises(kind) as info:
        _run(case)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in info.value.message)  # Korean message


def test_case_count_covers_every_class_exemption_and_boundary():
    cases = CASES["cases"]
    classes = {b for c in cases for b in (c["bidder"] if isinstance(c["bidder"], list) else [c["bidder"]])}
    assert {"중소", "초기중견", "대기업8천억미만", "대기업8천억이상", "상호출자제한"} <= classes
    assert {"국가안보", "신기술", "민간투자형"} <= {c.get("exemption") for c in cases} | {"민간투자형"}
    amounts = {c["amount"] for c in cases}
    assert {1999000000, 2000000000, 3999000000, 4000000000, 7999000000, 8000000000} <= amounts
    assert any(c.get("vat_included") is False for c in cases)
    assert any(c.get("ruleset") == "reform-2024" for c in cases)


def test_reform_is_never_applied_silently():
    current = joint_eligibility(100_000_000_000, True, ["상호출자제한"], as_of="2025-06-01")
    assert current.eligible is False and current.ruleset == "current"
    assert all("reform" not in u for u in current.unverified)


def test_unverified_rules_are_reported():
    d = joint_eligibility(2_000_000_000, True, ["초기중견"], as_of="2025-06-01")
    assert any("UNVERIFIED" in u for u in d.unverified)  # 초기 중견 자격 문구 미검증 (rules.md 8-7)


def test_cli_json_keys(capsys):
    code = main(["eligible", "--amount", "19.99억", "--bidder", "초기중견", "--as-of", "2025-06-01", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["eligible"] is False
    assert "중소 SW사업자만" in data["reason"]
    assert "제48조" in data["reference"]


def test_cli_vat_excluded_and_joint(capsys):
    code = main(["eligible", "--amount", "1,818,181,818", "--vat-excluded", "--bidder", "early-midsize",
                 "--as-of", "2025-06-01", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["eligible"] is True and data["amount_krw"] == 2_000_000_000
    code = main(["eligible", "--amount", "100억", "--bidder", "대기업8천억이상", "--bidder", "대기업8천억이상", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["eligible"] is False and "공동수급" in data["reason"]


def test_cli_reform_selected(capsys):
    code = main(["eligible", "--amount", "700억", "--bidder", "상호출자제한", "--as-of", "2025-06-01",
                 "--ruleset", "reform-2024", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["eligible"] is True and data["ruleset"] == "reform-2024"
    assert "시행 미확인" in data["reference"]


def test_cli_text_output(capsys):
    assert main(["eligible", "--amount", "80억", "--bidder", "대기업8천억이상", "--as-of", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    assert "참여 가능" in out and "제48조" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["eligible", "--amount", "20억x", "--bidder", "중소"],
        ["eligible", "--amount", "20억", "--bidder", "재벌"],
        ["eligible", "--amount", "0", "--bidder", "대기업"],
        ["eligible", "--amount", "20억", "--bidder", "중소", "--as-of", "어제"],
        ["eligible", "--amount", "20억", "--bidder", "중소", "--exemption", "문화"],
        ["eligible", "--amount", "1.5", "--bidder", "중소"],
    ],
)
def test_cli_bad_input_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "오류" in err and "Traceback" not in err
