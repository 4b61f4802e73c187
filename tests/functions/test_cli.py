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
