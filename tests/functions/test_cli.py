"""``balju functions``: proposal → editable list → ``balju estimate`` reads it back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balju.cli import main
from balju.functions import identify, pipeline
from balju.functions.evaluate import load_labelled
from balju.functions.listfile import read_function_list

LABELLED = Path(__file__).parent / "labelled"
FIELDS = ("name", "type", "requirement_id", "evidence", "confidence", "note")


@pytest.fixture
def rfp(monkeypatch):
    """An RFP whose requirements are the KUSF labelled excerpts (the reader is stubbed)."""
    item = next(i for i in load_labelled(LABELLED) if i.file.startswith("20240812818"))
    monkeypatch.setattr(pipeline, "requirements_of", lambda path, day=None: list(item.requirements))
    return item


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_written_list_reads_back_unchanged(rfp, tmp_path, capsys, suffix):
    out = tmp_path / f"functions{suffix}"
    assert main(["functions", "rfp.hwp", "-o", str(out), "--as-of", "2025-01-01"]) == 0
    printed = capsys.readouterr().out
    assert "간이법 기능점수" in printed and str(out) in printed
    expected = identify(rfp.requirements, as_of="2025-01-01")
    back = read_function_list(out)
    assert [tuple(getattr(f, k) for k in FIELDS) for f in back] == [tuple(getattr(f, k) for k in FIELDS) for f in expected]
    assert main(["estimate", str(out), "--as-of", "2025-01-01", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["function_count_by_type"]["EI"] == sum(1 for f in expected if f.type == "EI")


def test_json_output(rfp, capsys):
    assert main(["functions", "rfp.hwp", "--json", "--as-of", "2025-01-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["requirements"] == sum(1 for r in rfp.requirements)
    assert len(data["functions"]) == sum(data["count_by_type"].values())
    assert all(f["requirement_id"] and f["evidence"] and 0 < f["confidence"] <= 1 for f in data["functions"])


def test_left_out_candidates_are_shown_and_written_marked(rfp, tmp_path, capsys):
    from balju.functions import propose

    proposal = propose(rfp.requirements, as_of="2025-01-01")
    assert proposal.left_out  # the KUSF excerpts have proposals under 0.4
    assert main(["functions", "rfp.hwp", "--json", "--as-of", "2025-01-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["name"] for f in data["functions"]] == [f.name for f in proposal.functions]
    assert [(f["name"], f["confidence"]) for f in data["left_out"]] == [(f.name, f.confidence) for f in proposal.left_out]
    assert data["left_out_below"] == 0.4
    # the 보정 추정 multiplies every candidate: (list + left out) × 0.79
    every = sum({"ILF": 7.5, "EIF": 5.4, "EI": 4.0, "EO": 5.2, "EQ": 3.9}[f.type] for f in proposal.candidates)
    assert data["fp_calibrated"] == pytest.approx(every * 0.79)
    assert main(["functions", "rfp.hwp", "--as-of", "2025-01-01"]) == 0
    assert f"신뢰도 0.4 미만이라 목록에서 뺀 후보 {len(proposal.left_out)}개" in capsys.readouterr().out.replace("\n", "")
    out = tmp_path / "all.yaml"
    assert main(["functions", "rfp.hwp", "--with-left-out", "-o", str(out), "--as-of", "2025-01-01"]) == 0
    assert [f.name for f in read_function_list(out)] == [f.name for f in proposal.candidates]
    # without --with-left-out the file still holds them, marked 빼기 (left_out: true), not counted
    marked = tmp_path / "marked.yaml"
    assert main(["functions", "rfp.hwp", "-o", str(marked), "--as-of", "2025-01-01"]) == 0
    assert "'빼기' 표시로 들어 있습니다" in capsys.readouterr().out.replace("\n", "")
    assert [f.name for f in read_function_list(marked)] == [f.name for f in proposal.functions]
    assert marked.read_text(encoding="utf-8").count("left_out: true") == len(proposal.left_out)


def test_no_functional_requirements_is_an_input_error(monkeypatch, capsys):
    from balju.requirements.model import Requirement

    monkeypatch.setattr(
        pipeline, "requirements_of", lambda path, day=None: [Requirement("PER-001", "PER", "응답시간", "3초 이내")]
    )
    assert main(["functions", "rfp.hwp"]) == 2
    assert "기능 요구사항" in capsys.readouterr().err


def test_real_rfp_end_to_end(rfp_dir, tmp_path, capsys):
    out = tmp_path / "kusf.yaml"
    assert main(["functions", str(rfp_dir / "20240812818.hwp"), "-o", str(out), "--as-of", "2025-01-01"]) == 0
    functions = read_function_list(out)
    assert {f.type for f in functions} >= {"ILF", "EI", "EQ"}
    assert all(f.requirement_id and f.requirement_id.startswith("SFR-") for f in functions)
