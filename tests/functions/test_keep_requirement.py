"""Step 27 of docs/functions.md: a functional requirement whose every candidate is under
functions.leave_out_below keeps them (identifier v7), adopted by the criterion written before the
run. The experiment is scripts/keep_requirement_experiment.py; this test keeps its figures, and the
docs, true."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def experiment():
    spec = importlib.util.spec_from_file_location("keep_requirement_experiment",
                                                  ROOT / "scripts" / "keep_requirement_experiment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run()


def test_the_empty_rfp_by_hand(experiment):
    # 20241213403 (6 FUR, 학사 개편): every candidate is under 0.4, so v6's list was empty (−100%).
    # Its 11 candidates: 5 EI (4.0), 3 EIF (5.4), 3 EQ (3.9) → 20.0 + 16.2 + 11.7 = 47.9 FP, against
    # 54.3 counted: −11.8%.
    row = experiment["rows"]["20241213403.yaml"]
    assert (row["v6"], round(row["K"], 1), row["hand"]) == (0.0, 47.9, pytest.approx(54.3))
    assert round(row["K"] / row["hand"] - 1, 3) == -0.118


def test_figures_and_decision(experiment):
    every = {n: (round(m, 3), w, round(t, 3)) for n, (m, w, t) in experiment["all"].items()}
    untuned = {n: (round(m, 3), w, round(t, 3)) for n, (m, w, t) in experiment["untuned"].items()}
    assert every == {"v6": (0.215, 9, -0.019), "K": (0.168, 10, -0.003)}
    assert untuned == {"v6": (0.378, 3, 0.074), "K": (0.378, 3, 0.079)}
    assert experiment["adopted"]
    # what ships (Proposal.functions) is K
    assert all(r["shipped"] == r["K"] for r in experiment["rows"].values())
    changed = sorted(k.removesuffix(".yaml") for k, r in experiment["rows"].items() if r["K"] != r["v6"])
    assert len(experiment["rows"]) == 26 and len(changed) == 14
    doc = (ROOT / "docs" / "functions.md").read_text(encoding="utf-8")
    assert "| K, v7 (a requirement keeps its candidates) | **16.8%** | **10/26** | **−0.3%** | 37.8% | 3/9 | +7.9% |" in doc
