"""Identifier v6: proposals whose rule a person rarely matched are left out of the list and kept as
candidates (``functions.leave_out_below``; docs/functions.md, steps 22 and 23); v7: unless that
would leave a functional requirement with no function (step 27)."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from balju import rules as _rules
from balju.fp import count
from balju.functions import propose
from balju.functions.evaluate import EVAL_DAY, evaluate, load_labelled
from balju.functions.identify import load_vocabulary
from balju.functions.model import FUNCTION_TYPES
from balju.requirements.model import Requirement

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
DOCS = ROOT / "docs" / "functions.md"


def req(text: str) -> Requirement:
    return Requirement(id="SFR-001", category="SFR", name="시험", text=text, details=text)


def test_the_rule_is_data_with_its_source():
    rule = _rules.at(EVAL_DAY).get("functions.leave_out_below")
    assert rule.value == Decimal("0.4") and not rule.verified
    assert "22단계" in rule.reference and "scripts/prune_experiment.py" in rule.reference


def test_the_list_and_the_candidates_split_by_the_rule():
    # 인사정보 등록 (등록 → EI 0.69, its ILF 0.43) and a link (EIF 0.12 and its EQ 0.27)
    text = "○ 인사정보를 등록할 수 있어야 함\n○ 학사정보 시스템의 학생 정보를 연계하여 참조"
    proposal = propose([req(text)], as_of=EVAL_DAY)
    assert [(f.type, f.confidence) for f in proposal.functions] == [("ILF", 0.43), ("EI", 0.69)]
    assert [(f.type, f.confidence) for f in proposal.left_out] == [("EIF", 0.12), ("EQ", 0.27)]
    # every candidate, in list order: the list's and the left-out ones together
    assert [f.type for f in proposal.candidates] == ["ILF", "EI", "EIF", "EQ"]
    # a rule change is a data change: at 0 nothing is left out; at 0.5 the ILF (0.43) goes too
    vocab = load_vocabulary(EVAL_DAY)
    none = propose([req(text)], vocabulary=dataclasses.replace(vocab, leave_out_below=0.0))
    half = propose([req(text)], vocabulary=dataclasses.replace(vocab, leave_out_below=0.5))
    assert (len(none.functions), len(none.left_out)) == (4, 0)
    assert [f.type for f in half.functions] == ["EI"] and [f.type for f in half.left_out] == ["ILF", "EIF", "EQ"]
    # above 0.69 every candidate is under the bound, and a requirement is not left with nothing (v7)
    every = propose([req(text)], vocabulary=dataclasses.replace(vocab, leave_out_below=0.7))
    assert (len(every.functions), len(every.left_out)) == (4, 0)


def test_a_requirement_with_only_uncertain_candidates_keeps_them():
    # v7 (step 27): SFR-002 only reads another system (EIF 0.12 and its EQ 0.27, both under 0.4);
    # leaving them out would leave it with no function, so both stay in the list. SFR-001's link
    # candidates still go: SFR-001 has its registration.
    first = req("○ 인사정보를 등록할 수 있어야 함\n○ 학사정보 시스템의 학생 정보를 연계하여 참조")
    second = Requirement(id="SFR-002", category="SFR", name="연계", text="○ 그룹웨어의 조직 정보를 연계하여 조회",
                         details="○ 그룹웨어의 조직 정보를 연계하여 조회")
    proposal = propose([first, second], as_of=EVAL_DAY)
    assert [(f.requirement_id, f.type) for f in proposal.functions] == [
        ("SFR-001", "ILF"), ("SFR-001", "EI"), ("SFR-002", "EIF"), ("SFR-002", "EQ")]
    assert [(f.requirement_id, f.type) for f in proposal.left_out] == [("SFR-001", "EIF"), ("SFR-001", "EQ")]
    assert all(f.confidence < 0.4 for f in proposal.functions if f.requirement_id == "SFR-002")


@pytest.fixture(scope="module")
def experiment():
    spec = importlib.util.spec_from_file_location("prune_experiment", ROOT / "scripts" / "prune_experiment.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        return module, module.run()
    finally:
        sys.modules.pop(spec.name, None)


def errors(values: dict[str, float], hands: dict[str, float]) -> dict[str, float]:
    return {k: round((values[k] - hands[k]) / hands[k], 3) for k in hands}


def test_the_pre_registered_criterion_was_met(experiment):
    """Step 22: each RFP of E priced with rule shares and a threshold chosen on the 24 others."""
    module, out = experiment
    assert len(out.hands) == 7 and set(out.chosen.values()) == {0.4}  # 0.4 in every fold
    v5, pruned = out.estimates["v5"], out.estimates["P"]
    assert errors(v5, out.hands) == {
        "20240408682": 0.146, "20240523741": 0.219, "20240624332": 0.325, "nonotice-07": 0.442,
        "nonotice-02": 0.162, "20240331766": 0.531, "nonotice-06": -0.793}
    assert errors(pruned, out.hands) == {
        "20240408682": 0.011, "20240523741": -0.088, "20240624332": 0.26, "nonotice-07": 0.391,
        "nonotice-02": 0.05, "20240331766": 0.381, "nonotice-06": -0.793}
    median_v5, within_v5, total_v5 = module.summary(v5, out.hands)
    median_p, within_p, total_p = module.summary(pruned, out.hands)
    # the criterion: a lower median and E-total |error|, no fewer within ±10%, precision up, recall
    # down by no more than 0.05
    assert (round(median_v5, 3), round(median_p, 3)) == (0.325, 0.26)
    assert (round(total_v5, 3), round(total_p, 3)) == (0.231, 0.124)
    assert (within_v5, within_p) == (0, 3)
    (mv, nv), (mp, np_) = out.precision["v5"], out.precision["P"]
    assert (mv, nv, mp, np_) == (1085, 2278, 1033, 2062) and mp / np_ > mv / nv
    counted = out.recall["v5"][1]
    assert counted == 1883 and mv / counted - mp / counted <= 0.05
    # the confidence-weighted 보정 추정 (W) did not beat the ratio on the median: not adopted
    assert round(module.summary(out.estimates["W"], out.hands)[0], 3) == 0.184
    assert round(module.summary(out.estimates["ratio"], out.hands)[0], 3) == 0.113
    # and the ratio re-measured on the pruned list would do worse than on every candidate, so the
    # 보정 추정 still multiplies every candidate (budget.proposal_fp_ratio)
    assert round(module.summary(out.estimates["P × ratio of P"], out.hands)[0], 3) == 0.223


@pytest.mark.parametrize(("folder", "proposed", "counted", "error"), [
    # v6 was 2949.8 (−12.7%), 1995.7 (−20.1%), 7372.2 (+11.0%), 1448.1 (+5.3%), 671.1 (+18.5%), 46.0
    ("labelled", "2986.8", "3379.5", -0.116),
    ("heldout4", "2145.7", "2496.4", -0.14),
    ("heldout5", "7414.4", "6643.8", 0.116),
    ("heldout6", "1448.1", "1375.6", 0.053),
    ("heldout7", "675.0", "566.4", 0.192),
    ("heldout8", "46.0", "281.4", -0.837),
])
def test_v7_on_the_labelled_sets(folder, proposed, counted, error):
    # with the shipped shares, measured on all 27 RFPs (so these are not first measurements): the
    # RFPs v5 was tuned on fall below the hand count, the others come closer to it
    s = evaluate(HERE / folder)["all"]
    assert (s.fp_proposed, s.fp_counted) == (Decimal(proposed), Decimal(counted))
    assert round(s.fp_error, 3) == error
    # and docs/functions.md's results table says so
    row = f"| {proposed} | {counted} | {s.fp_error:+.1%} | {s.precision():.2f} | {s.recall():.2f} |"
    assert row in DOCS.read_text(encoding="utf-8"), row


def test_heldout8_is_a_fresh_blind_count():
    fresh = load_labelled(HERE / "heldout8")
    assert [item.file for item in fresh] == ["20240539643.yaml", "20240624914.yaml"]
    assert {item.split for item in fresh} == {"heldout8"} and sum(len(i.requirements) for i in fresh) == 8
    earlier = {item.rfp for folder in ("labelled", "heldout4", "heldout5", "heldout6", "heldout7")
               for item in load_labelled(HERE / folder)}
    assert not {item.rfp for item in fresh} & earlier
    for item in fresh:
        raw = (HERE / "heldout8" / item.file).read_text(encoding="utf-8")
        assert "counted without running the identifier" in raw
        assert not re.search(r"01[016789]-?\d{3,4}-?\d{4}|\d{2,3}-\d{3,4}-\d{4}|@\w+\.", raw), "no phones or e-mail"
        assert all(f.type in FUNCTION_TYPES and f.note for f in item.gold), item.file


def test_heldout8_first_measurement(rfp_dir):
    """Step 23: two RFPs counted after v6 was defined, from data_list.csv's text; measured once.
    Both are under-proposed, by v5 and more so by v6: the 전자조달 count reads 36 linked documents
    and 20 menus from tables the SFRs only point to, which the identifier does not see."""
    import csv

    by_notice = {row["공고 번호"]: row for row in csv.DictReader(open(rfp_dir.parent / "data_list.csv", encoding="utf-8-sig"))}
    rules = _rules.at(EVAL_DAY)
    figures = {}
    for item in load_labelled(HERE / "heldout8"):
        notice = item.rfp.split("#", 1)[1]
        text = by_notice[notice]["텍스트"]
        for r in item.requirements:  # each requirement's name and first detail line are the source's
            assert r.name.replace(" ", "") in text.replace(" ", ""), (item.file, r.id)
            first = r.details.splitlines()[0].strip()
            assert first.replace(" ", "") in text.replace(" ", ""), (item.file, r.id, first)
        proposal = propose(item.requirements, as_of=EVAL_DAY)
        figures[item.file] = tuple(
            str(count(fs, "simple", rules).total) for fs in (item.gold, proposal.candidates, proposal.functions))
    assert figures == {
        "20240539643.yaml": ("217.4", "17.2", "7.9"),
        "20240624914.yaml": ("64.0", "50.1", "38.1"),
    }
    hand, v5, v6 = (sum(Decimal(f[i]) for f in figures.values()) for i in range(3))
    assert (hand, v5, v6) == (Decimal("281.4"), Decimal("67.3"), Decimal("46.0"))
    assert (round((v5 - hand) / hand, 3), round((v6 - hand) / hand, 3)) == (Decimal("-0.761"), Decimal("-0.837"))


def test_docs_report_step_22_and_23():
    text = DOCS.read_text(encoding="utf-8")
    for words in ("22. **Leaving out the rules a person rarely matched**", "23. **heldout8**",
                  "from +23.1% to +12.4%", "v5 −76.1%, v6 −83.7%"):
        assert words in text, words
