"""The ``balju maintenance`` and ``balju effort`` commands, run in-process."""

from __future__ import annotations

import json

import pytest

from balju.cli import main

EXAMPLE = ["--frequency", "보통", "--users", "보통", "--importance", "보통", "--interfaces", "단순",
           "--recovery", "보통"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_application_guide_example_table(capsys):
    code, out, err = run(capsys, "maintenance", "application", "--dev-cost", "249,222,058", *EXAMPLE,
                         "--direct-expenses", "1335600", "--as-of", "2025-03-01")
    assert code == 0, err
    assert "31,865,302" in out and "12.25%" in out and "45점" in out
    assert "표 4-4" in out and "미검증" in out


def test_application_guide_example_json(capsys):
    code, out, _ = run(capsys, "maintenance", "application", "--dev-cost", "249222058", "--months", "12",
                       *EXAMPLE, "--direct-expenses", "1335600", "--as-of", "2025-03-01", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 31865302 and data["kind"] == "application_maintenance"
    lines = {line["key"]: line for line in data["lines"]}
    assert lines["maintenance"]["amount"] == 30529702 and lines["rate"]["value"] == "12.25%"
    assert all(line["reference"] for line in data["lines"])


@pytest.mark.parametrize(
    "argv, where",
    [
        (["maintenance", "application", *EXAMPLE], "--dev-cost"),
        (["maintenance", "application", "--dev-cost", "1억", *EXAMPLE], "--dev-cost"),
        (["maintenance", "application", "--dev-cost", "100", "--users", "보통"], "--frequency"),
        (["maintenance", "application", "--dev-cost", "100", *EXAMPLE, "--months", "열둘"], "--months"),
        (["maintenance", "application", "--dev-cost", "100", *EXAMPLE, "--as-of", "2025/03/01"], "--as-of"),
        (["maintenance", "application", "--dev-cost", "100", *EXAMPLE, "--improvement-fp", "x"], "--improvement-fp"),
        (["maintenance", "commercial", "--licence-price", "100000000"], "--grade"),
        (["maintenance", "commercial", "--licence-price", "100000000", "--grade", "7"], "--grade"),
        (["maintenance", "commercial", "--licence-price", "100000000", "--grade", "셋"], "--grade"),
        (["maintenance", "redevelopment", "--fp", "100"], "--ratio"),
        (["effort", "--as-of", "2025-03-01"], "--role"),
        (["effort", "--role", "응용SW개발자:3MM"], "--role"),
        (["effort", "--role", "코더=3MM", "--as-of", "2025-03-01"], "--role 코더=3MM"),
        (["effort", "--role", "응용SW개발자=3MM", "--as-of", "2026-03-01"], "--role 응용SW개발자=3MM"),
        (["effort", "--role", "IT PM=1MM", "--overhead-rate", "많이", "--as-of", "2025-03-01"], "--overhead-rate"),
        (["effort", "--role", "IT PM=1MM", "--exception", "다섯", "--as-of", "2025-03-01"], "--exception"),
    ],
)
def test_bad_input_exits_2_with_korean_message(capsys, argv, where):
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert err.startswith("오류(error):")
    assert where in err and "해결(fix):" in err
    assert "Traceback" not in err


def test_commercial_table_and_notes(capsys):
    code, out, _ = run(capsys, "maintenance", "commercial", "--licence-price", "100000000", "--grade", "3",
                       "--as-of", "2025-03-01")
    assert code == 0
    assert "16,000,000" in out and "16%" in out and "메이저 업그레이드" in out and "⚠" in out


def test_commercial_json_months(capsys):
    code, out, _ = run(capsys, "maintenance", "commercial", "--license-price", "87654321", "--grade", "5",
                       "--months", "6", "--as-of", "2025-03-01", "--json")
    assert code == 0 and json.loads(out)["total"] == 5259259


def test_redevelopment_json(capsys):
    code, out, _ = run(capsys, "maintenance", "redevelopment", "--fp", "100", "--ratio", "50", "--correction",
                       "1.28", "--direct-expenses", "1000000", "--as-of", "2025-03-01", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 49462720 and data["warnings"]


def test_effort_roles_option(capsys):
    code, out, err = run(capsys, "effort", "--role", "응용SW개발자=3MM", "--role", "IT PM=20MD",
                         "--as-of", "2025-03-01", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["total"] == 86989331 and data["total_with_vat"] == 95688264


def test_effort_roles_file_and_options(capsys, tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("직무,투입량,단위,인원\nIT테스터,16,MH,3\nDB운용자,10,MH,2\n", encoding="utf-8")
    code, out, err = run(capsys, "effort", str(path), "--overhead-rate", "150", "--tech-fee-rate", "25",
                         "--direct-expenses", "300,000", "--as-of", "2025-06-30")
    assert code == 0, err
    assert "7,401,025" in out and "8,141,127" in out and "포함직무" in out


def test_effort_file_error_names_file_and_row(capsys, tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("직무,투입량,단위\n응용SW개발자,3,MM\nIT PM,스무,MD\n", encoding="utf-8")
    code, _, err = run(capsys, "effort", str(path), "--as-of", "2025-03-01")
    assert code == 2 and str(path) in err and "3행" in err


def test_effort_development_warning(capsys):
    code, out, _ = run(capsys, "effort", "--role", "응용SW개발자=10MM", "--purpose", "개발", "--as-of", "2025-03-01")
    assert code == 0 and "경고(warning)" in out and "5종" in out


def test_effort_derived_2026(capsys):
    code, out, _ = run(capsys, "effort", "--role", "응용SW개발자=2MM", "--allow-derived", "--as-of", "2026-02-01",
                       "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 45408156
    assert any("추정" in w for w in data["warnings"])


def test_show_wages(capsys):
    code, out, _ = run(capsys, "effort", "--show-wages", "--as-of", "2025-03-01")
    assert code == 0 and "11,597,656" in out and "20.6" in out and "정보보안전문가" in out
    code, out, _ = run(capsys, "effort", "--show-wages", "--as-of", "2026-03-01", "--json")
    data = json.loads(out)
    assert code == 0 and data["year"] == 2026 and not data["verified"] and len(data["roles"]) == 17


def test_help_lists_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "maintenance" in out and "effort" in out


def test_effort_before_first_wage_table_exits_2(capsys):
    code, _, err = run(capsys, "effort", "--role", "IT PM=1MM", "--as-of", "2023-06-01")
    assert code == 2 and "2024-01-01" in err and "--as-of" in err


def test_effort_working_days_note(capsys):
    code, out, _ = run(capsys, "effort", "--role", "IT PM=1MM", "--as-of", "2025-06-01", "--json")
    assert code == 0 and any("근무일수 20.6일" in n for n in json.loads(out)["notes"])
