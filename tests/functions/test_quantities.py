"""Quantities a requirement states ('36종', '메뉴 12개') against the functions proposed for it
(``balju.functions.quantities``, rule ``functions.stated_quantities``; docs/functions.md step 24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from balju import rules as _rules
from balju.functions import propose
from balju.functions.evaluate import EVAL_DAY, load_labelled
from balju.functions.identify import is_functional, load_vocabulary
from balju.functions.quantities import CODE, quantity_findings, stated_quantities

HERE = Path(__file__).parent
EXAMPLES = HERE.parents[1] / "examples"
FOLDERS = ["labelled", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8"]


@pytest.fixture(scope="module")
def rule() -> dict:
    return _rules.at(EVAL_DAY).value("functions.stated_quantities")


@pytest.mark.parametrize(("text", "found"), [
    ("- 송/수신, 조회, 배치 36종 + 신규 연계 전자문서 @종", [("36종", 36)]),
    ("* EIP3.0 전환개발 완료된 메뉴에 연계로직 적용(메뉴 8개)\n* 전환개발 후 연계로직 적용(메뉴 12개)", [("메뉴 8개", 8), ("메뉴 12개", 12)]),
    ("분석 방법 6가지를 제공", [("6가지", 6)]),
    ("입력 항목 12개를 검증", []),              # fields are DET, not functions
    ("10종류의 서식, 종합 현황", []),           # a unit glued to a longer word is not a unit
    ("보고서 1종", []),                         # below the rule's smallest (2)
    ("2024년 12월, 3개월 이내", []),
])
def test_stated_quantities(rule, text, found):
    assert [(q.text, q.number) for q in stated_quantities(text, rule)] == found


def test_the_findings_on_the_e_procurement_rfp():
    """heldout8's 2세대 전자조달: SFR-02 says 36 documents and SFR-04 20 menus; the list has one
    function in each, where a person counted 34 and 20."""
    (item,) = [i for i in load_labelled(HERE / "heldout8") if i.file == "20240539643.yaml"]
    proposal = propose(item.requirements, as_of=EVAL_DAY)
    findings = quantity_findings(item.requirements, proposal.functions, _rules.at(EVAL_DAY))
    assert [(f.code, f.severity, f.requirement_id, f.quote) for f in findings] == [
        (CODE, "info", "SFR-02", "36종"), (CODE, "info", "SFR-04", "메뉴 12개")]
    assert findings[0].message == "SFR-02 본문은 수량(36종)을 말하지만 제안된 기능은 1개입니다 — 빠진 기능이 있는지 확인하세요."
    assert findings[1].message.startswith("SFR-04 본문은 수량(메뉴 8개, 메뉴 12개)을 말하지만 제안된 기능은 1개입니다")
    assert "functions.stated_quantities" not in findings[0].reference and "UNVERIFIED" in findings[0].reference
    hand = {rid: sum(1 for g in item.gold if g.requirement_id == rid) for rid in ("SFR-02", "SFR-04")}
    assert hand == {"SFR-02": 34, "SFR-04": 20}


def test_the_measured_figures_of_the_rule_note():
    """On the 27 labelled RFPs: 421 functional requirements, 7 with a stated quantity, all 7 above
    the list's count, and in 5 of them a person counted more functions than the list has."""
    vocab = load_vocabulary(EVAL_DAY)
    rules = _rules.at(EVAL_DAY)
    functional = flagged = more = 0
    for folder in FOLDERS:
        for item in load_labelled(HERE / folder):
            reqs = [r for r in item.requirements if is_functional(r, vocab)]
            functional += len(reqs)
            listed = propose(item.requirements, as_of=EVAL_DAY).functions
            for f in quantity_findings(reqs, listed, rules):
                flagged += 1
                hand = sum(1 for g in item.gold if g.requirement_id == f.requirement_id)
                more += hand > sum(1 for p in listed if p.requirement_id == f.requirement_id)
    assert (functional, flagged, more) == (421, 7, 5)


def test_a_review_carries_the_finding(tmp_path):
    from balju.pipeline import review, review_dict

    text = (EXAMPLES / "sample_rfp.md").read_text(encoding="utf-8")
    anchor = "| 정의 | 시민과 관리자가 예약 가능 현황과 예약 내역을 조회하는 기능 |"
    assert anchor in text
    rfp = tmp_path / "quantities.md"
    rfp.write_text(text.replace(anchor, "| 정의 | 시민과 관리자가 예약 가능 현황과 예약 내역을 조회하는 기능 (조회 화면 12종) |"),
                   encoding="utf-8")
    data = review_dict(review(rfp))
    [finding] = [f for f in data["findings"] if f["code"] == CODE]
    # SFR-004 has five proposed functions (tests/web/test_editor.py's table): 12 > 5
    assert (finding["source"], finding["requirement_id"], finding["quote"]) == ("functions", "SFR-004", "12종")
    assert "제안된 기능은 5개입니다" in finding["message"]
    # a person's list gets no such finding: it is theirs to count
    corrected = review(rfp, functions=review(rfp).functions)
    assert not [f for _, f in corrected.findings if f.code == CODE]
