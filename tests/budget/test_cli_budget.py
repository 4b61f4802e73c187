"""``balju budget`` in-process: JSON keys, the verdict following a corrected function list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import balju.documents
from balju.cli import main
from balju.documents.model import Block, Document, Position

RFP = """제안요청서
1. 사업 개요
□ 사업명 : 가상시 통합 예약시스템 구축
□ 사업예산 : 금 330,000,000원(부가세 포함)
- HW 구매 : 110,000,000원
- 상용SW 라이선스 : 55,000,000원
- 응용SW 개발 : 165,000,000원
2. 추진 배경
"""


def _line_reader(path):
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    blocks = [Block("paragraph", line, position=Position(section=0, paragraph=i)) for i, line in enumerate(lines)]
    return Document(path=str(path), format="txt", blocks=blocks)


@pytest.fixture
def rfp(tmp_path, monkeypatch) -> Path:
    # The readers have their own tests; here a text file is read line by line so that these
    # tests check the budget command alone.
    monkeypatch.setattr(balju.documents, "read", _line_reader, raising=False)
    path = tmp_path / "rfp.txt"
    path.write_text(RFP, encoding="utf-8")
    return path


def _functions(tmp_path: Path, ilf: int, ei: int, name: str) -> Path:
    path = tmp_path / name
    items = [{"name": f"자료{i}", "type": "ILF"} for i in range(ilf)]
    items += [{"name": f"등록{i}", "type": "EI"} for i in range(ei)]
    path.write_text(yaml.safe_dump({"functions": items}, allow_unicode=True), encoding="utf-8")
    return path


def _run_json(capsys, *args) -> dict:
    code = main(["budget", *args, "--json", "--as-of", "2025-01-01"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_json_with_a_corrected_list_and_the_verdict_following_edits(rfp, tmp_path, capsys):
    # 8 ILF + 10 EI = 100 FP → 106,617,984원 (부가세 포함; see test_assess.py).
    # Development 165,000,000: +58,382,016 (+54.8%) → "55% 초과".
    data = _run_json(capsys, str(rfp), "--functions", str(_functions(tmp_path, 8, 10, "v1.yaml")))
    for key in ("stated_budget", "vat_included", "development_budget", "guide_price",
                "guide_price_low", "guide_price_high", "gap_percent", "verdict"):
        assert key in data
    assert (data["stated_budget"], data["vat_included"], data["development_budget"]) == (330_000_000, True, 165_000_000)
    assert data["guide_price"] == 106_617_984
    assert (data["verdict"], data["verdict_ko"], data["gap_percent"]) == ("over", "55% 초과", 54.8)
    assert data["function_source"] == "corrected"

    # The person adds functions: 24 ILF + 30 EI = 180 + 120 = 300 FP.
    # 300 × 605,784 = 181,735,200; × 1.28 = 232,621,056; 이윤 58,155,264; SW개발비 290,776,320;
    # 부가세 29,077,632; 사업금액 319,853,952. 165,000,000 − 319,853,952 = −154,853,952;
    # ÷ 319,853,952 = −48.41% → "48% 부족".
    data = _run_json(capsys, str(rfp), "--functions", str(_functions(tmp_path, 24, 30, "v2.yaml")))
    assert data["guide_price"] == 319_853_952
    assert data["gap_won"] == -154_853_952
    assert (data["verdict"], data["verdict_ko"]) == ("short", "48% 부족")


def test_budget_given_on_the_command_line(rfp, tmp_path, capsys):
    # --budget 80,000,000 --vat 별도 against SW개발비 96,925,440 → −17.5% → "17% 부족".
    # The RFP's own split is for its own 330,000,000 total, so it does not apply here.
    data = _run_json(
        capsys, str(rfp), "--functions", str(_functions(tmp_path, 8, 10, "v1.yaml")),
        "--budget", "80000000", "--vat", "별도",
    )
    assert (data["stated_budget"], data["vat_included"]) == (80_000_000, False)
    assert data["guide_price"] == 96_925_440
    assert data["verdict_ko"] == "17% 부족"


def test_human_output(rfp, tmp_path, capsys):
    code = main(["budget", str(rfp), "--functions", str(_functions(tmp_path, 8, 10, "v1.yaml")), "--as-of", "2025-01-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert "예산 적정성" in out and "55% 초과" in out and "165,000,000원" in out


def test_bad_vat_word_is_an_input_error(rfp, tmp_path, capsys):
    code = main(["budget", str(rfp), "--budget", "1000", "--vat", "maybe"])
    assert code == 2
    assert "부가세" in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["budget", str(tmp_path / "none.hwp")]) == 2
