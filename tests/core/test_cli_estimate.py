"""`balju estimate` as a user runs it: JSON fields, Korean table, exit code 2 on bad input."""

from __future__ import annotations

import json

import pytest

from balju.cli import main

# A 17-function 정통법 list of 85 FP (the size of the guide's example 2.1.6):
# ILF 3 × 10 (DET 25, RET 2 → 보통) = 30; EIF 1 × 5 (단순) = 5; EI 5 × 4 (보통) + 2 × 3 (단순) = 26;
# EO 2 × 5 (보통) = 10; EQ 2 × 4 (보통) + 2 × 3 (단순) = 14.  30 + 5 + 26 + 10 + 14 = 85.
LIST_85 = """functions:
  - {name: 품목, type: ILF, det: 25, ret: 2}
  - {name: 거래처, type: ILF, det: 25, ret: 2}
  - {name: 재고, type: ILF, det: 25, ret: 2}
  - {name: 환율(외부), type: EIF, det: 5, ret: 1}
  - {name: 품목 등록, type: EI, det: 6, ftr: 2}
  - {name: 품목 수정, type: EI, det: 6, ftr: 2}
  - {name: 품목 삭제, type: EI, det: 2, ftr: 1}
  - {name: 거래처 등록, type: EI, det: 6, ftr: 2}
  - {name: 거래처 수정, type: EI, det: 6, ftr: 2}
  - {name: 거래처 삭제, type: EI, det: 2, ftr: 1}
  - {name: 입고 처리, type: EI, det: 6, ftr: 2}
  - {name: 재고 현황 보고서, type: EO, det: 8, ftr: 2}
  - {name: 월별 통계, type: EO, det: 8, ftr: 2}
  - {name: 품목 조회, type: EQ, det: 6, ftr: 2}
  - {name: 거래처 조회, type: EQ, det: 6, ftr: 2}
  - {name: 입고 조회, type: EQ, det: 3, ftr: 1}
  - {name: 로그인, type: EQ, det: 3, ftr: 1}
"""


@pytest.fixture
def list_85(tmp_path):
    path = tmp_path / "scm.yaml"
    path.write_text(LIST_85, encoding="utf-8")
    return path


def test_guide_example_json(list_85, capsys):
    code = main(["estimate", str(list_85), "--method", "detailed", "--as-of", "2024-05-13",
                 "--interface", "2", "--performance", "3", "--compatibility", "1", "--security", "2",
                 "--profit-rate", "25%", "--direct-expenses", "2000000", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fp_total"] == 85
    assert data["unit_price"] == 605784
    assert data["cost_before_correction"] == 51491640
    assert data["cost_after_correction"] == 58237457
    assert data["profit"] == 14559364
    assert data["direct_expenses"] == 2000000
    assert data["development_cost"] == 74796821
    assert data["vat"] == 7479682
    assert data["total"] == 82276503
    assert all(line["reference"] for line in data["lines"])
    assert len(data["functions"]) == 17


def test_korean_table(list_85, capsys):
    assert main(["estimate", str(list_85), "-m", "정통법", "--as-of", "2024-05-12"]) == 0
    out = capsys.readouterr().out
    assert "SW개발비" in out and "553,114" in out and "보정후 개발원가" in out


@pytest.mark.parametrize(
    "args, text",
    [
        (["--as-of", "2001-01-01"], "2001-01-01에 시행 중인"),
        (["--as-of", "yesterday"], "YYYY-MM-DD"),
        (["--profit-rate", "0.3"], "이윤율"),
        (["--security", "9"], "보안성"),
        (["--method", "magic"], "산정 방법"),
    ],
)
def test_bad_options_exit_2(list_85, capsys, args, text):
    assert main(["estimate", str(list_85), *args]) == 2
    assert text in capsys.readouterr().err


def test_bad_file_exit_2(tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text("기능명,유형,DET\n회원 등록,EI,-1\n", encoding="utf-8")
    assert main(["estimate", str(path), "--method", "detailed"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "2행" in err and "Traceback" not in err
    assert main(["estimate", str(tmp_path / "missing.yaml")]) == 2


def test_rules_command_lists_sources(capsys):
    assert main(["rules", "cost.fp", "--as-of", "2024-05-13", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rules"][0]["value"] == 605784


def test_a_long_rule_value_is_cut_in_the_listing_and_whole_in_json(capsys):
    assert main(["rules", "functions.identifier", "--json"]) == 0
    whole = json.loads(capsys.readouterr().out)["rules"][0]["value"]
    assert len(whole["developed_on"]["sha256"]) == 36  # 31 shared RFP files and the 5 sample formats
    assert main(["rules", "functions.identifier"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "(모두 5,113자: balju rules functions.identifier --json)" in shown
    assert whole["developed_on"]["sha256"][-1] not in shown
    assert main(["rules", "cost.fp", "--as-of", "2024-05-13"]) == 0
    short = capsys.readouterr().out
    assert "605784" in short and "(모두" not in short


def test_a_table_rule_is_shown_with_bare_numbers(capsys):
    # budget.proposal_fp_ratio holds Decimals in nested tables; a person reads 0.48, not Decimal('0.48')
    assert main(["rules", "budget.proposal_fp_ratio", "--as-of", "2026-12-03"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "{low: 0.48, high: 2.15, median: 0.79, small: {below: 100, low: 0.48, high: 12.65, median: 1.325}}" in shown
    assert "Decimal" not in shown


def test_unknown_option_is_a_usage_error_not_an_internal_error(list_85, capsys):
    assert main(["estimate", str(list_85), "--bogus"]) == 2
    err = capsys.readouterr().err
    assert "--bogus" in err and "내부 오류" not in err
