"""Behaviour of the maintenance, effort and redevelopment pricing beyond the data cases:
input errors, files, derived wages, the 7% redevelopment check, the unverified 재개발비."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from balju import rules
from balju.cost.effort import (
    Assignment,
    effort_price,
    parse_quantity,
    parse_role_option,
    read_assignments,
    resolve_role,
    wage_table,
)
from balju.cost.maintenance import application_maintenance, commercial_maintenance
from balju.cost.redevelopment import redevelopment_cost
from balju.errors import InputError

R2025 = rules.at("2025-03-01")
EXAMPLE = {"frequency": "보통", "users": "보통", "importance": "보통", "interfaces": "단순", "recovery": "보통"}


# --- 응용SW 유지관리 -------------------------------------------------------------------

def test_guide_example_lines_cite_rules():
    result = application_maintenance(249222058, 12, EXAMPLE, R2025, direct_expenses=1335600)
    assert result.total == 31865302
    assert "표 4-4" in result.line("tmp").reference
    assert "10 + 5 × (TMP ÷ 100)" in result.line("rate").reference
    assert "30,529,702.105원 → 30,529,702원" in result.line("maintenance").formula
    # The only unverified rule used is the won rounding (rules.md 1.4, reverse-engineered).
    assert len(result.unverified) == 1 and "반올림" in result.unverified[0]


@pytest.mark.parametrize(
    "kwargs, where",
    [
        ({"dev_cost": 0}, "--dev-cost"),
        ({"dev_cost": -5}, "--dev-cost"),
        ({"months": 0}, "--months"),
        ({"months": 61}, "--months"),
        ({"direct_expenses": -1}, "--direct-expenses"),
    ],
)
def test_application_bad_numbers(kwargs, where):
    args = {"dev_cost": 100, "months": 12, "direct_expenses": 0} | kwargs
    with pytest.raises(InputError) as error:
        application_maintenance(args["dev_cost"], args["months"], EXAMPLE, R2025,
                                direct_expenses=args["direct_expenses"])
    assert error.value.where == where and error.value.fix


def test_application_missing_and_bad_levels():
    with pytest.raises(InputError) as error:
        application_maintenance(100, 12, {"frequency": "보통"}, R2025)
    assert "--users" in error.value.where and "--recovery" in error.value.where
    with pytest.raises(InputError) as error:
        application_maintenance(100, 12, EXAMPLE | {"users": "매우복잡"}, R2025)
    assert error.value.where == "--users" and "단순·보통·복잡" in error.value.fix


def test_improvement_over_7_percent_warns():
    # 80 ÷ 1,000 = 8% > 약 7% → 경고; 70 ÷ 1,000 = 7% → 안내만
    over = application_maintenance(100000000, 12, EXAMPLE, R2025, improvement_fp=80, system_fp=1000)
    assert any("8%" in w and "재개발비" in w for w in over.warnings)
    at = application_maintenance(100000000, 12, EXAMPLE, R2025, improvement_fp=70, system_fp=1000)
    assert not at.warnings and any("7%" in n for n in at.notes)
    with pytest.raises(InputError):
        application_maintenance(100000000, 12, EXAMPLE, R2025, improvement_fp=70)


def test_rule_before_2018_is_refused():
    from balju.errors import RuleError

    with pytest.raises(RuleError, match="2018-01-01"):
        application_maintenance(100, 12, EXAMPLE, rules.at("2017-12-31"))


# --- 상용SW 유지관리 -------------------------------------------------------------------

@pytest.mark.parametrize("grade", [0, 6, True])
def test_commercial_bad_grade(grade):
    with pytest.raises(InputError) as error:
        commercial_maintenance(100000000, grade, R2025)
    assert error.value.where == "--grade"


def test_commercial_before_2019_edition_is_refused():
    from balju.errors import RuleError

    with pytest.raises(RuleError):
        commercial_maintenance(100000000, 3, rules.at("2019-06-27"))


# --- 투입공수 ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, quantity, unit",
    [("3MM", "3", "MM"), ("2.5 M/M", "2.5", "MM"), ("60md", "60", "MD"), ("16MH", "16", "MH"),
     ("3개월", "3", "MM"), ("20일", "20", "MD"), ("1,200MH", "1200", "MH")],
)
def test_parse_quantity(text, quantity, unit):
    assert parse_quantity(text, where="x") == (Decimal(quantity), unit)


@pytest.mark.parametrize("text", ["3", "MM", "3 weeks", "0MM", "-1MM", ""])
def test_parse_quantity_rejects(text):
    with pytest.raises(InputError) as error:
        parse_quantity(text, where="--role x")
    assert error.value.where == "--role x"


def test_parse_role_option():
    assert parse_role_option("IT테스터=16MH*3") == Assignment("IT테스터", Decimal(16), "MH", 3, "--role IT테스터=16MH*3")
    assert parse_role_option("IT PM = 2MM").role == "IT PM"
    for bad in ("응용SW개발자", "=3MM", "응용SW개발자=3MM*0"):
        with pytest.raises(InputError):
            parse_role_option(bad)


@pytest.mark.parametrize(
    "name, role",
    [("응용SW개발자", "응용SW개발자"), ("ITPM", "IT PM"), ("UI/UX기획·개발자", "UI/UX기획/개발자"),
     ("빅데이터개발자", "응용SW개발자"), ("NW엔지니어", "정보시스템운용자"), ("임베디드SW개발자", "시스템SW개발자")],
)
def test_resolve_role(name, role):
    assert resolve_role(name, R2025)[0] == role


def test_unknown_role_lists_the_17():
    with pytest.raises(InputError) as error:
        resolve_role("프로그래머", R2025, source="roles.csv 3행")
    assert error.value.where == "roles.csv 3행" and "IT감리" in error.value.fix


def test_2026_monthly_refused_without_derivation():
    with pytest.raises(InputError) as error:
        effort_price([parse_role_option("응용SW개발자=3MM")], rules.at("2026-05-01"))
    assert "2026" in error.value.message and "--allow-derived" in error.value.fix
    assert error.value.where == "--role 응용SW개발자=3MM"
    # IT컨설턴트's 2026 monthly wage is published (V1): no derivation needed.
    result = effort_price([parse_role_option("IT컨설턴트=1MM")], rules.at("2026-05-01"))
    assert result.line("labour").amount == 10707960
    assert not any("추정" in w for w in result.warnings)


def test_2024_role_without_any_published_wage_cannot_be_derived():
    with pytest.raises(InputError) as error:
        effort_price([parse_role_option("IT기획자=1MD")], rules.at("2024-06-01"), allow_derived=True)
    assert "--as-of" in error.value.fix


def test_2024_daily_derived_from_monthly():
    # 응용SW개발자 2024 월평균 7,128,530 ÷ 20.88(역산, 미검증) = 341,404.69… → 341,404 (ROUND_DOWN, 미검증)
    result = effort_price([parse_role_option("응용SW개발자=10MD")], rules.at("2024-06-01"), allow_derived=True)
    assert result.line("labour").amount == 3414040
    assert not result.line("labour.응용SW개발자.MD").verified


def test_year_without_table_falls_back_with_warning():
    result = effort_price([parse_role_option("IT감리=1MD")], rules.at("2027-03-01"))
    assert result.line("labour").amount == 572934
    assert any("2026년 적용분" in w for w in result.warnings)


@pytest.mark.parametrize("rate", ["-1", "abc", "5000"])
def test_bad_overhead_rate(rate):
    with pytest.raises(InputError) as error:
        effort_price([parse_role_option("IT PM=1MM")], R2025, overhead_rate=rate)
    assert error.value.where == "--overhead-rate"


def test_rates_accept_percent_sign_and_warn_out_of_range():
    result = effort_price([parse_role_option("IT PM=1MM")], R2025, overhead_rate="150%", tech_fee_rate="45")
    # 9,145,473 × 1.5 = 13,718,209.5 → 13,718,210 (짝수); (22,863,683) × 0.45 = 10,288,657.35 → 10,288,657
    assert result.line("overhead").amount == 13718210
    assert result.line("tech_fee").amount == 10288657
    assert any("기술료율 45%" in w for w in result.warnings)
    assert not any("제경비율" in w for w in result.warnings)


def test_overhead_range_follows_edition_2022():
    # A price dated in 2022 uses 140~150%: 120% is then outside (the wage table has no 2022 values,
    # so check the rate through the rules directly).
    assert rules.at("2022-06-01").value("effort.overhead_rate") == {"min": 140, "max": 150}


def test_bad_purpose_and_exception():
    one = [parse_role_option("IT PM=1MM")]
    with pytest.raises(InputError) as error:
        effort_price(one, R2025, purpose="연구")
    assert error.value.where == "--purpose"
    with pytest.raises(InputError) as error:
        effort_price(one, R2025, purpose="개발", exception=6)
    assert error.value.where == "--exception" and "R&D" in error.value.fix


def test_no_roles():
    with pytest.raises(InputError):
        effort_price([], R2025)


def test_wage_table_shape():
    table = wage_table(rules.at("2025-05-01"))
    assert table["year"] == 2025 and table["working_days"] == "20.6" and table["verified"]
    assert len(table["roles"]) == 17
    assert table["roles"][0] == {"role": "IT기획자", "monthly": 11597656, "daily": 562993, "hourly": 70374}
    assert wage_table(rules.at("2024-02-01"))["working_days"] == "20.88"
    assert wage_table(rules.at("2026-02-01"))["roles"][0]["monthly"] is None


# --- 투입공수 파일 ---------------------------------------------------------------------

def test_read_csv_korean_headers(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("직무,투입량,단위,인원\n응용SW개발자,3,MM,2\nIT PM,20,MD,\n\nIT테스터,16MH,,\n", encoding="utf-8")
    items = read_assignments(path)
    assert [(a.role, a.quantity, a.unit, a.people) for a in items] == [
        ("응용SW개발자", Decimal(3), "MM", 2), ("IT PM", Decimal(20), "MD", 1), ("IT테스터", Decimal(16), "MH", 1)]
    assert items[1].source == "roles.csv 3행"


def test_read_csv_english_headers_with_bom(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("\ufeffrole,quantity,unit\nIT감리,15,MD\n", encoding="utf-8")
    assert read_assignments(path)[0].quantity == Decimal(15)


def test_read_yaml_list_and_mapping(tmp_path):
    listed = tmp_path / "a.yaml"
    listed.write_text("- {직무: 응용SW개발자, 투입량: 3, 단위: MM}\n- {role: IT PM, quantity: 20MD, people: 2}\n",
                      encoding="utf-8")
    assert [(a.role, a.unit, a.people) for a in read_assignments(listed)] == [("응용SW개발자", "MM", 1), ("IT PM", "MD", 2)]
    mapping = tmp_path / "b.yml"
    mapping.write_text("roles:\n  응용SW개발자: 3MM\n  IT테스터: 16MH\n", encoding="utf-8")
    assert [a.unit for a in read_assignments(mapping)] == ["MM", "MH"]


@pytest.mark.parametrize(
    "name, text, where",
    [
        ("bad.csv", "직무,투입량,단위\n응용SW개발자,3,MM\nIT PM,스무,MD\n", "3행 투입량"),
        ("nohead.csv", "이름,값\nx,1\n", "1행 (header)"),
        ("bad.yaml", "- 응용SW개발자\n", "1번째 항목"),
        ("empty.csv", "직무,투입량\n", None),
        ("broken.yaml", "- {직무: [\n", None),
    ],
)
def test_file_errors_name_the_row(tmp_path, name, text, where):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_assignments(path)
    assert error.value.file == str(path) and error.value.fix
    if where:
        assert error.value.where == where


def test_file_missing_or_wrong_type(tmp_path):
    with pytest.raises(InputError, match="없습니다"):
        read_assignments(tmp_path / "none.csv")
    other = tmp_path / "roles.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(InputError, match="지원하지 않습니다"):
        read_assignments(other)


def test_unknown_role_in_file_names_the_row(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("직무,투입량,단위\n응용SW개발자,3,MM\n코더,1,MM\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        effort_price(read_assignments(path), R2025)
    assert error.value.where == "roles.csv 3행"


# --- 재개발비 (미검증) ------------------------------------------------------------------

def test_redevelopment_worked_example():
    # 100FP × 605,784 = 60,578,400; × 1.28 = 77,540,352; × 재개발 비율 50% = 38,770,176
    # 이윤 25% = 9,692,544; + 직접경비 1,000,000 = 49,462,720; 부가세 4,946,272 → 54,408,992
    result = redevelopment_cost(100, 50, R2025, correction="1.28", direct_expenses=1000000)
    assert [result.line(k).amount for k in ("base", "corrected", "redevelopment_cost", "profit")] == [
        60578400, 77540352, 38770176, 9692544]
    assert (result.total, result.total_with_vat) == (49462720, 54408992)
    assert not any(result.line(k).verified for k in ("base", "corrected", "redevelopment_cost", "profit", "total"))
    assert any("UNVERIFIED" in w for w in result.warnings)


@pytest.mark.parametrize("kwargs, where", [({"ratio_percent": 0}, "--ratio"), ({"ratio_percent": 101}, "--ratio"),
                                           ({"redevelopment_fp": "x"}, "--fp"), ({"correction": 0}, "--correction")])
def test_redevelopment_bad_input(kwargs, where):
    args = {"redevelopment_fp": 10, "ratio_percent": 50, "correction": 1} | kwargs
    with pytest.raises(InputError) as error:
        redevelopment_cost(args["redevelopment_fp"], args["ratio_percent"], R2025, correction=args["correction"])
    assert error.value.where == where


def test_redevelopment_profit_over_cap_warns():
    result = redevelopment_cost(10, 100, R2025, profit_rate=30)
    assert any("상한" in w for w in result.warnings)


def test_as_of_is_recorded():
    result = commercial_maintenance(1000, 3, rules.at(dt.date(2025, 1, 2)))
    assert result.to_dict()["as_of"] == "2025-01-02"


def test_same_role_twice_keeps_both_lines():
    # 응용SW개발자 6,943,457 × 1MM + 6,943,457 × 2MM = 20,830,371 (두 줄, 키가 겹치지 않음)
    result = effort_price([parse_role_option("응용SW개발자=1MM"), parse_role_option("응용SW개발자=2MM")], R2025)
    assert result.line("labour.응용SW개발자.MM").amount == 6943457
    assert result.line("labour.응용SW개발자.MM#2").amount == 13886914
    assert result.line("labour").amount == 20830371
