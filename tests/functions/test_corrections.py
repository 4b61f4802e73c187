"""`balju corrections`: people's corrected function lists as labelled data, scored against the proposal."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from balju.cli import main
from balju.functions.evaluate import evaluate
from balju.functions.listfile import FIELDS, read_function_list
from balju.pipeline import review, review_dict
from balju.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DAY = "2025-01-01"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """The sample RFP reviewed (its file kept) and re-priced from our hand count (examples/functions.yaml)."""
    path = str(tmp_path_factory.mktemp("corrections") / "c.db")
    rfp = EXAMPLES / "sample_rfp.hwp"
    hand = read_function_list(EXAMPLES / "functions.yaml")
    with Store(path) as store:
        parent = store.save_review(review_dict(review(rfp, DAY)), document=rfp.read_bytes())
        corrected = review_dict(review(rfp, DAY, functions=hand))
        records = [{key: getattr(f, key) for key in FIELDS} for f in hand]
        store.save_review(corrected, parent_id=parent, function_list=records, created_by="박검토")
        store.save_review(review_dict(review(EXAMPLES / "sample_rfp.md", DAY)))  # not corrected: left out
    return path


def test_the_proposal_against_the_persons_list(db, capsys):
    assert main(["corrections", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [row] = data["corrections"]
    # the proposal (v6's list) for the sample is 309.9 FP by 간이법 and the hand count 247.5 FP
    # (tests/functions/test_calibration.py): 309.9 / 247.5 − 1 = +25.2%
    assert (row["fp_proposed"], row["fp_corrected"], row["fp_error"]) == (309.9, 247.5, round(309.9 / 247.5 - 1, 4))
    assert 0 < row["precision"] < 1 and 0 < row["recall"] < 1
    assert row["corrected_by"] == "박검토"  # the user who saved the corrected list
    assert data["overall"]["reviews"] == 1 and data["skipped"] == []


def test_the_labelled_file_measures_the_same(db, tmp_path, capsys):
    out = tmp_path / "labelled"
    assert main(["corrections", "--db", db, "-o", str(out)]) == 0
    assert "+25.2%" in capsys.readouterr().out
    [written] = list(out.glob("*.yaml"))
    scores = evaluate(out)
    # the person's 247.5 FP comes back whole, each function under its requirement
    assert scores["all"].fp_counted == Decimal("247.5")
    assert scores["all"].fp_proposed == Decimal("309.9")
    assert "split: corrected" in written.read_text(encoding="utf-8")
    counted_by = yaml.safe_load(written.read_text(encoding="utf-8"))["counted_by"]
    assert counted_by.startswith("박검토: a person's corrected function list")


def test_a_correction_without_its_file_is_named(tmp_path, capsys):
    path = str(tmp_path / "nofile.db")
    rfp = EXAMPLES / "sample_rfp.md"
    with Store(path) as store:
        parent = store.save_review(review_dict(review(rfp, DAY)))
        store.save_review(review_dict(review(rfp, DAY)), parent_id=parent, function_list=[{"name": "x", "type": "EI"}])
    assert main(["corrections", "--db", path]) == 0
    assert "원본 파일이 보관되어 있지 않습니다" in capsys.readouterr().out


def test_the_overview_counts_the_changes_per_type(db, capsys):
    """`balju batch --overview`: the hand count (54 functions: ILF 8, EIF 2, EI 25, EO 2, EQ 17 in
    examples/functions.yaml) against the proposal (v6's list, 67: ILF 12, EI 28, EO 2, EQ 25; the six
    left-out candidates are all EI). Whatever the
    pairing, each type's proposed − left out − retyped away + added + retyped in is the hand count."""
    assert main(["batch", "--overview", "--db", db, "--json"]) == 0
    by_type = json.loads(capsys.readouterr().out)["corrections"]["by_type"]
    hand = {"ILF": 8, "EIF": 2, "EI": 25, "EO": 2, "EQ": 17}
    assert sum(hand.values()) == len(read_function_list(EXAMPLES / "functions.yaml")) == 54
    assert {k: n["proposed"] for k, n in by_type.items()} == {"ILF": 12, "EIF": 0, "EI": 28, "EO": 2, "EQ": 25}
    for kind, n in by_type.items():
        assert n["proposed"] - n["removed"] - n["retyped_away"] + n["added"] + n["retyped_in"] == hand[kind], kind
    assert main(["batch", "--overview", "--db", db]) == 0
    assert f"    ILF: 제안 12 · 뺌 {by_type['ILF']['removed']} · " in capsys.readouterr().out
