"""Every table value of the maintenance, effort and wage rules, checked against rules.md
(../shared/reference/rules.md), with its verified flag (V2 → verified, V1/UNVERIFIED → not)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from balju import rules
from balju.cost.money import round_to
from balju.errors import RuleError

from cost_other_helpers import section, table_rows, won

ROLES_17 = [
    "IT기획자", "IT컨설턴트", "업무분석가", "데이터분석가", "IT PM", "IT아키텍트", "UI/UX기획/개발자",
    "UI/UX디자이너", "응용SW개발자", "시스템SW개발자", "정보시스템운용자", "IT지원기술자", "IT마케터",
    "IT품질관리자", "IT테스터", "IT감리", "정보보안전문가",
]


# --- SW기술자 평균임금 -------------------------------------------------------------------

def test_roles_are_the_17_of_rules_md(rules_md):
    listed = re.findall(r"^- (\S[^(\n]*?)(?: \(|$)", section(rules_md, "### 2.2", "### 2.3"), re.M)
    assert listed == ROLES_17
    value = rules.at("2025-01-01").get("wages.roles")
    assert list(value.value) == ROLES_17
    assert value.value["정보시스템운용자"] == ["DB운용자", "NW엔지니어", "IT시스템운용자"]
    assert value.verified


def test_2025_wages_equal_rules_md_table_v2(rules_md):
    rows = [r for r in table_rows(section(rules_md, "### 2.3", "### 2.4")) if r[0] != "직무"]
    assert len(rows) == 17
    wage = rules.at("2025-07-01").get("wages.average_wage")
    assert wage.verified is True and wage.since == dt.date(2025, 1, 1)
    for role, monthly, daily, hourly in rows:
        assert wage.value[role] == {"monthly": won(monthly), "daily": won(daily), "hourly": won(hourly)}, role


def test_2026_daily_wages_equal_rules_md_v1(rules_md):
    cells = table_rows(section(rules_md, "### 2.4", "### 2.5"))
    published = {}
    for row in cells:
        for name, value in zip(row[0::2], row[1::2]):
            if name and name != "직무" and value:
                published[name.replace("·", "/")] = won(value)
    assert len(published) == 17
    wage = rules.at("2026-01-01").get("wages.average_wage")
    assert wage.verified is False and "V1" in wage.reference
    for role in ROLES_17:
        assert wage.value[role]["daily"] == published[role], role
        assert wage.value[role]["hourly"] is None
        expected_monthly = 10707960 if role == "IT컨설턴트" else None  # 유일하게 확인된 월평균
        assert wage.value[role]["monthly"] == expected_monthly, role


def test_2024_wages_equal_rules_md_partial_v1(rules_md):
    wage = rules.at("2024-12-31").get("wages.average_wage")
    assert wage.verified is False
    found = {}
    for row in table_rows(section(rules_md, "### 2.5", "## 3.")):
        if row[0] in ROLES_17:
            found[row[0]] = [None if c == "—" else won(c) for c in row[1:4]]
    assert len(found) == 8
    for role in ROLES_17:
        values = wage.value[role]
        assert [values["monthly"], values["daily"], values["hourly"]] == found.get(role, [None] * 3), role


def test_no_wage_table_before_2024():
    with pytest.raises(RuleError, match="2024-01-01"):
        rules.at("2023-12-31").get("wages.average_wage")


def test_2025_table_is_reproduced_by_kosa_rule():
    """일평균 = 월평균 ÷ 20.6, 시간평균 = 일평균 ÷ 8, 반올림 HALF_UP — 17개 직무 모두 (rules.md 2.1)."""
    r = rules.at("2025-01-01")
    days = r.value("wages.working_days")
    hours = r.value("wages.hours_per_day")
    spec = r.get("wages.derivation_rounding")
    assert (days, hours, spec.value["mode"], spec.verified) == (Decimal("20.6"), 8, "ROUND_HALF_UP", True)
    for role, w in r.value("wages.average_wage").items():
        assert round_to(Decimal(w["monthly"]) / days, spec.value["mode"]) == w["daily"], role
        assert round_to(Decimal(w["daily"]) / hours, spec.value["mode"]) == w["hourly"], role
    # 정보보안전문가 478,500 ÷ 8 = 59,812.5: 공표 59,813은 HALF_UP만 맞는다.
    assert round_to(Decimal(478500) / 8, "ROUND_HALF_EVEN") == 59812
    assert round_to(Decimal(478500) / 8, "ROUND_HALF_UP") == 59813


@pytest.mark.parametrize(
    "day, days, verified",
    [("2016-06-01", "21.0", False), ("2017-06-01", "20.8", False), ("2022-06-01", "20.8", False),
     ("2024-06-01", "20.88", False), ("2025-06-01", "20.6", True), ("2026-06-01", "20.5", False)],
)
def test_working_days_by_year(day, days, verified):
    value = rules.at(day).get("wages.working_days")
    assert (value.value, value.verified) == (Decimal(days), verified)


@pytest.mark.parametrize("day", ["2019-06-01", "2023-06-01"])
def test_working_days_unknown_years_refuse(day):
    with pytest.raises(RuleError):
        rules.at(day).get("wages.working_days")


def test_2026_working_days_is_the_ratio_of_it_consultant():
    # 10,707,960 ÷ 522,340 = 20.49998… ≈ 20.5 (역산, UNVERIFIED)
    assert abs(Decimal(10707960) / Decimal(522340) - Decimal("20.5")) < Decimal("0.001")


# --- 유지관리 ------------------------------------------------------------------------

def test_tmp_table_4_4_equals_rules_md_v2(rules_md):
    rows = table_rows(section(rules_md, "**표 4-4", "- 'BA 도우미'"))[1:]
    table = rules.at("2025-01-01").get("maintenance.difficulty_items")
    assert table.verified
    names = {"유지관리 횟수(연)": "frequency", "시스템 사용자수": "users", "시스템 중요도 (표 4-3 등급)": "importance",
             "타시스템 연계": "interfaces", "오류복구 신속성": "recovery"}
    assert [names[row[0]] for row in rows] == table.value["order"]
    for row in rows:
        item = table.value[names[row[0]]]
        scores = [int(cell.split()[0]) for cell in row[1:]]
        assert [item["levels"][lv]["score"] for lv in ("단순", "보통", "복잡")] == scores, row[0]
    # 최대 TMP는 100 (요율 15%)
    assert sum(table.value[i]["levels"]["복잡"]["score"] for i in table.value["order"]) == 100


def test_rate_formula_v2():
    value = rules.at("2025-01-01").get("maintenance.rate_formula")
    assert value.value == {"base": 10, "span": 5, "tmp_max": 100} and value.verified


def test_commercial_rates_equal_rules_md_v1(rules_md):
    rows = table_rows(section(rules_md, "**상용SW 유지관리 요율**", "- 등급은 표 4-9"))
    grades = [int(g) for g in rows[0][1:]]
    rates = [Decimal(c.rstrip("%")) / 100 for c in rows[1][1:]]
    value = rules.at("2025-01-01").get("maintenance.commercial_rates")
    assert {int(k): v for k, v in value.value.items()} == dict(zip(grades, rates))
    assert value.verified is False


def test_commercial_exclusions_v1():
    value = rules.at("2025-01-01").get("maintenance.commercial_exclusions")
    assert value.verified is False
    text = " ".join(value.value)
    for word in ("조달", "메이저 업그레이드", "커스터마이징", "보안성 지속"):
        assert word in text


def test_redevelopment_rules():
    r = rules.at("2025-01-01")
    assert r.get("maintenance.redevelopment_threshold").value == Decimal("0.07")
    assert r.get("maintenance.redevelopment_threshold").verified  # 2019년판 권고, V2
    assert r.get("maintenance.redevelopment_formula").verified is False  # rules.md 1.5 UNVERIFIED


# --- 투입공수 ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "day, low, high, verified",
    [("2021-12-31", 110, 120, True), ("2022-03-01", 140, 150, True), ("2022-12-31", 140, 150, True),
     ("2023-06-01", 144, 154, True), ("2024-05-12", 144, 154, True),
     ("2024-05-13", 144, 154, False), ("2025-09-01", 144, 154, False)],
)
def test_overhead_rate_by_edition(day, low, high, verified):
    value = rules.at(day).get("effort.overhead_rate")
    assert (value.value["min"], value.value["max"], value.verified) == (low, high, verified)


def test_overhead_rates_appear_in_rules_md(rules_md):
    text = section(rules_md, "### 1.7", "### 1.8")
    for span in ("110~120%", "140~150%", "**144~154%**", "20~40%"):
        assert span in text


def test_tech_fee_rate_v1():
    value = rules.at("2025-01-01").get("effort.tech_fee_rate")
    assert (value.value, value.verified) == ({"min": 20, "max": 40}, False)


def test_fp_exceptions_equal_rules_md_v1(rules_md):
    listed = re.findall(r"^(\d)\. (.+)$", section(rules_md, "**FP 방식 대신", "**기능 식별 관례**"), re.M)
    value = rules.at("2025-01-01").get("effort.fp_exceptions")
    assert value.verified is False
    assert {int(k): v for k, v in value.value.items()} == {
        int(n): text.replace("**", "") for n, text in listed
    }
    limit = rules.at("2025-01-01").get("effort.small_budget_limit")
    assert (limit.value, limit.verified) == (50_000_000, False)


def test_planning_method_unverified():
    value = rules.at("2025-01-01").get("effort.planning_method")
    assert value.verified is False and set(value.value) == {"ISP", "ISMP", "EA"}


def test_operation_devops_from_2025_edition():
    assert "DevOps" not in rules.at("2025-08-10").value("effort.operation_method")
    value = rules.at("2025-08-11").get("effort.operation_method")
    assert "DevOps" in value.value and value.verified


def test_every_unverified_value_says_why():
    from balju.rules import load

    for name, param in load().items():
        if name.split(".")[0] not in ("maintenance", "effort", "wages"):
            continue
        for entry in param.history:
            if not entry.verified:
                assert entry.note, f"{name} {entry.since}: verified: false needs a note"
                assert entry.reference
