"""identify() measured against the hand-counted labelled set (tests/functions/labelled).

The labelled set was counted by hand before the identifier was written; the identifier was tuned
on the ``dev`` split only and frozen (v1) before ``heldout`` was measured; ``heldout2`` was counted
after that and measured once with v1; v2 was then tuned on dev + heldout2 and frozen before
``heldout3`` was counted and measured. These tests compute
the figures and hold them to the floors reported in docs/functions.md (measured value minus a small
margin), so a change that makes the proposal worse fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decimal import Decimal

from balju import rules as _rules
from balju.fp import count
from balju.functions import identify
from balju.functions.evaluate import EVAL_DAY, evaluate, load_labelled, match, similarity
from balju.functions.model import FUNCTION_TYPES

LABELLED = Path(__file__).parent / "labelled"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "functions.md"
TARGET = 0.10  # total FP within ±10% of the hand count (issue 5)


@pytest.fixture(scope="module")
def scores():
    # identifier v5's list is v6's every candidate (propose(...).candidates): the records below are v5's
    return evaluate(LABELLED, candidates=True)


@pytest.fixture(scope="module")
def labelled():
    return load_labelled(LABELLED)


def test_labelled_set_size_and_shape(labelled):
    assert len(labelled) >= 4
    assert sum(len(item.requirements) for item in labelled) >= 40
    assert {item.split for item in labelled} == {"dev", "heldout", "heldout2", "heldout3"}
    for item in labelled:
        raw = (LABELLED / item.file).read_text(encoding="utf-8")
        assert "rule:" in raw
        assert not re.search(r"01[016789]-?\d{3,4}-?\d{4}|\d{2,3}-\d{3,4}-\d{4}", raw), "no phone numbers"
        for f in item.gold:
            assert f.type in FUNCTION_TYPES and f.name and f.note, (item.file, f)


def test_real_rfps_exist(rfp_dir, labelled):
    for item in labelled:
        assert (rfp_dir.parent / item.rfp).is_file(), item.rfp


# Measured figures of identifier v5 (v6's every candidate, docs/functions.md) with a small margin: a change
# that makes the proposal worse fails here. These are records, not targets: the target is
# ±10% total FP, met over the nine together and on dev/heldout, but not on heldout2 (−16.7%) and
# only just missed on heldout3 (−10.3%).
MEASURED = [
    # split, max |total-FP error|, min precision, min recall (v5, all four splits are tuning data)
    ("all", TARGET, 0.69, 0.67),
    ("dev", TARGET, 0.78, 0.82),
    ("heldout", TARGET, 0.70, 0.69),
    ("heldout2", 0.17, 0.66, 0.56),
    ("heldout3", 0.11, 0.43, 0.38),
]


@pytest.mark.parametrize("split, max_error, precision, recall", MEASURED)
def test_measured_figures(scores, split, max_error, precision, recall):
    s = scores[split]
    assert abs(s.fp_error) <= max_error, s.fp_error
    assert s.precision() >= precision
    assert s.recall() >= recall


def test_per_rfp_spread(scores):
    # one RFP at a time the error is wider than the aggregate: 운행정보기록 (heldout2), an analysis
    # system whose requirements list analyses, is −26.1% and 구미 홈페이지 −18.0%; 7 of the 9 RFPs
    # are within ±10% with v5 (8 with v3/v4)
    errors = {name: s.fp_error for name, s in scores.items() if name.startswith("file:") and "heldout4" not in name}
    assert all(abs(e) <= 0.27 for e in errors.values()), errors
    assert sum(abs(e) <= TARGET for e in errors.values()) >= 7


@pytest.mark.parametrize(
    "function_type, precision, recall",
    [("ILF", 0.69, 0.66), ("EI", 0.70, 0.70), ("EQ", 0.68, 0.71), ("EO", 0.74, 0.36), ("EIF", 0.30, 0.30)],
)
def test_per_type_floors_over_all(scores, function_type, precision, recall):
    s = scores["all"]
    assert s.precision(function_type) >= precision
    assert s.recall(function_type) >= recall


def test_docs_report_the_measured_figures(scores):
    text = DOCS.read_text(encoding="utf-8")
    for split in ("all", "dev", "heldout", "heldout2", "heldout3"):
        s = scores[split]
        assert f"{s.fp_proposed}" in text and f"{s.fp_counted}" in text, split
        assert f"{s.fp_error:+.1%}" in text, split


def test_deterministic(labelled):
    for item in labelled:
        first = identify(item.requirements, as_of="2025-01-01")
        assert identify(item.requirements, as_of="2025-01-01") == first
    assert evaluate(LABELLED)["all"] == evaluate(LABELLED)["all"]


def test_matching_is_one_to_one_and_typed():
    from balju.functions.model import Function

    proposed = [Function("회원정보 등록", "EI"), Function("회원정보 조회", "EQ"), Function("회원 등록", "EI")]
    counted = [Function("회원정보 등록", "EI"), Function("회원정보 조회", "EI")]
    pairs = match(proposed, counted)
    assert [(p.name, c.name) for p, c, _ in pairs] == [("회원정보 등록", "회원정보 등록")]
    assert similarity("안건 표결", "위원회 안건별 표결") >= 0.5
    assert similarity("학교정보 등록", "게시판 삭제") < 0.5


# ---------------------------------------------------------------- heldout4 and the second counter

HELDOUT4 = Path(__file__).parent / "heldout4"
HELDOUT7 = Path(__file__).parent / "heldout7"
SECOND = Path(__file__).parent / "second_counter"


@pytest.fixture(scope="module")
def heldout4_scores():
    return evaluate(HELDOUT4, candidates=True)


def test_heldout4_is_a_fresh_set_of_real_rfps(rfp_dir, labelled):
    fresh = load_labelled(HELDOUT4)
    assert len(fresh) == 8 and sum(len(item.requirements) for item in fresh) == 106
    assert {item.split for item in fresh} == {"heldout4"}
    assert not {item.rfp for item in fresh} & {item.rfp for item in labelled}, "no RFP in both sets"
    for item in fresh:
        assert (rfp_dir.parent / item.rfp).is_file(), item.rfp
        raw = (HELDOUT4 / item.file).read_text(encoding="utf-8")
        assert not re.search(r"01[016789]-?\d{3,4}-?\d{4}|\d{2,3}-\d{3,4}-\d{4}", raw), "no phone numbers"
        assert all(f.type in FUNCTION_TYPES and f.note for f in item.gold), item.file


def test_heldout4_first_measurement_and_v5(heldout4_scores):
    # v3 was frozen (commit d6cc6bf) before these 8 RFPs were measured; the first measurement was
    # +52.3% total FP, P 0.34, R 0.51 (docs/functions.md). v4 and v5 were then tuned on them (they
    # are tuning data now): v4 +15.8%, v5 −0.4%, P 0.44, R 0.43, per RFP −53.4% … +20.3%.
    # A record, not a target.
    s = heldout4_scores["heldout4"]
    assert s.fp_counted == Decimal("2496.4")
    assert abs(s.fp_error) <= 0.02
    assert s.precision() >= 0.42 and s.recall() >= 0.41
    errors = sorted(round(x.fp_error, 3) for k, x in heldout4_scores.items() if k.startswith("file:"))
    assert errors[0] >= -0.54 and errors[-1] <= 0.21, errors


def test_second_counter_agrees_within_eight_percent(labelled):
    # Two independent hand counts of the same requirements (manual v1): 인천 도시계획 237.5 vs 241.3
    # FP (+1.6%), nonotice-03 366.1 vs 338.2 (−7.6%), and 통합사회정보시스템 (heldout7, counted by two
    # helpers at the same time, neither seeing the other) 471.9 vs 490.7 (+4.0%, 97 of 104
    # functions matched): the yardstick the identifier is held to.
    first = {item.file: item for item in labelled + load_labelled(HELDOUT7)}
    rules = _rules.at(EVAL_DAY)
    diffs = {}
    for second in load_labelled(SECOND):
        one = first[second.file]
        ids = {r.id for r in one.requirements}
        a = count(one.gold, "simple", rules).total
        b = count([f for f in second.gold if f.requirement_id in ids], "simple", rules).total
        diffs[second.file] = round(float((b - a) / a), 3)
        assert len(match(second.gold, one.gold)) >= 0.85 * len(one.gold)
    assert diffs == {"20240430918.yaml": 0.016, "nonotice-03.yaml": -0.076, "20240331766.yaml": 0.04}


def test_heldout5_measured_after_the_v4_and_v5_freezes(rfp_dir, labelled):
    # v4 was frozen (commit 5484abd) before these 5 RFPs were counted (the GKL groupware and the
    # 인천공항 ERP are large: 73 and 55 functional requirements). First measurement: +33.1% total FP,
    # P 0.47, R 0.61; per RFP +25.2% … +62.7%, and 15.4 FP proposed where a person counted none
    # (남서울대 암호화: security work, no user function). v5 was tuned without them (commit 60e7c39)
    # and measured on them once: +24.1%, P 0.48, R 0.59, per RFP +14.6% … +44.2%. A record, not a
    # target.
    fresh = load_labelled(Path(__file__).parent / "heldout5")
    assert len(fresh) == 5 and sum(len(item.requirements) for item in fresh) == 141
    assert not {item.rfp for item in fresh} & {item.rfp for item in labelled}
    for item in fresh:
        assert (rfp_dir.parent / item.rfp).is_file(), item.rfp
    scores = evaluate(Path(__file__).parent / "heldout5", candidates=True)
    s = scores["heldout5"]
    assert s.fp_counted == Decimal("6643.8")
    assert abs(s.fp_error) <= 0.25 and s.precision() >= 0.46 and s.recall() >= 0.57
    errors = [x.fp_error for k, x in scores.items() if k.startswith("file:") and x.fp_counted]
    assert max(errors) <= 0.45 and min(errors) >= 0.14, errors
    assert scores["file:20241015084.yaml"].fp_counted == 0 and scores["file:20241015084.yaml"].fp_proposed <= 16


def test_the_document_path_proposes_what_the_labelled_text_proposes(rfp_dir, labelled):
    # A user runs `balju functions RFP.hwp`: read → extract → identify. The 9 labelled excerpts were
    # read with another reader (unhwp), so this checks our reader and extractor hand identify the
    # same text: within 4% of the labelled-text proposal on each RFP (measured: 8 equal, 박물관 +3.5%).
    from balju.documents import read
    from balju.requirements import extract

    rules = _rules.at(EVAL_DAY)
    # heldout7 too: one HWP and one PDF whose table cells keep the page's wraps until the reader
    # unwraps them (the PDF gave 29.0 FP before, 19.6 now, as the labelled excerpt)
    for item in labelled + load_labelled(HELDOUT7):
        by_id = {r.id: r for r in extract(read(rfp_dir.parent / item.rfp))}
        from_document = identify([by_id[r.id] for r in item.requirements], as_of=EVAL_DAY)
        a = count(from_document, "simple", rules).total
        b = count(identify(item.requirements, as_of=EVAL_DAY), "simple", rules).total
        assert abs(a - b) <= Decimal("0.04") * b, (item.file, a, b)


def test_diff_lists_unmatched_proposals_and_hand_counts():
    from balju.functions.evaluate import Labelled, diff
    from balju.functions.model import Function
    from balju.requirements.model import Requirement

    req = Requirement(id="SFR-001", category="SFR", name="공지사항 관리", text="공지사항을 등록·수정·삭제할 수 있어야 함",
                      details="공지사항을 등록·수정·삭제할 수 있어야 함")
    gold = [Function("공지사항 등록", "EI", requirement_id="SFR-001", note="등록 → EI"),
            Function("공지사항 통계", "EO", requirement_id="SFR-001", note="통계 → EO")]
    text = diff(Labelled("x.yaml", "files/x.hwp", "시험", "dev", [req], gold))
    assert "   - EO  공지사항 통계" in text
    # '사항' is a filler noun, so the proposal names the object '공지'; its 등록 matched the hand count
    assert "   + EI  공지 수정" in text and "   + EI  공지 삭제" in text
    assert not [line for line in text.splitlines() if line.startswith(("   + EI  공지 등록", "   - EI  공지사항 등록"))]


def test_heldout6_measured_with_v4_and_v5(rfp_dir):
    # The 고려대 DOCX (19 SFRs with details; the other 80 have none in this file), counted after v4
    # was frozen: +19.2% total FP, P 0.49, R 0.58 — a second first measurement of v4. v5, tuned
    # without it: +16.2%, P 0.50, R 0.58.
    folder = Path(__file__).parent / "heldout6"
    (item,) = load_labelled(folder)
    assert item.split == "heldout6" and len(item.requirements) == 19
    assert (rfp_dir.parent / item.rfp).is_file()
    s = evaluate(folder, candidates=True)["heldout6"]
    assert s.fp_counted == Decimal("1375.6")
    assert abs(s.fp_error) <= 0.17 and s.precision() >= 0.48 and s.recall() >= 0.56


def test_heldout7_first_measurement_of_v5(rfp_dir, labelled):
    # Two RFPs no version had been measured on (통합사회정보시스템 운영지원, 20 SFRs; 학업성취도 종단분석
    # 고도화, 5 SFRs, PDF), counted after v5 was frozen (commit 60e7c39) without running it.
    # First measurement: +31.0% total FP, P 0.35, R 0.47; per RFP +53.1% and −79.3% (an analysis
    # platform whose six analysis methods and three new data links the proposal does not find).
    # The 보정 추정 (× 0.82, fixed before these were counted) gives +25.6% and −83.0%. A record.
    fresh = load_labelled(HELDOUT7)
    assert len(fresh) == 2 and sum(len(item.requirements) for item in fresh) == 25
    others = [load_labelled(Path(__file__).parent / name) for name in ("heldout4", "heldout5", "heldout6")]
    assert not {item.rfp for item in fresh} & {item.rfp for group in [labelled, *others] for item in group}
    for item in fresh:
        assert (rfp_dir.parent / item.rfp).is_file(), item.rfp
        raw = (HELDOUT7 / item.file).read_text(encoding="utf-8")
        assert not re.search(r"01[016789]-?\d{3,4}-?\d{4}|\d{2,3}-\d{3,4}-\d{4}", raw), "no phone numbers"
        assert all(f.type in FUNCTION_TYPES and f.note for f in item.gold), item.file
    scores = evaluate(HELDOUT7, candidates=True)
    s = scores["heldout7"]
    assert (s.fp_counted, s.fp_proposed) == (Decimal("566.4"), Decimal("742.2"))
    assert round(s.fp_error, 3) == 0.31 and s.precision() >= 0.34 and s.recall() >= 0.46
    per_rfp = {k[5:]: round(x.fp_error, 3) for k, x in scores.items() if k.startswith("file:")}
    assert per_rfp == {"20240331766.yaml": 0.531, "nonotice-06.yaml": -0.793}


def test_requirements_without_a_proposal_hold_little_of_what_is_missed():
    """docs/web.md: the editor marks functional requirements with no proposal ('제안된 기능 없음'). On
    the 25 labelled RFPs that mark is a weak hint, and the page says so with these figures."""
    from balju.functions.identify import is_functional, load_vocabulary, propose

    folders = [LABELLED] + [Path(__file__).parent / f"heldout{n}" for n in (4, 5, 6, 7)]
    items = [item for folder in folders for item in load_labelled(folder)]
    vocab = load_vocabulary(EVAL_DAY)
    weights = {"ILF": Decimal("7.5"), "EIF": Decimal("5.4"), "EI": Decimal("4.0"), "EO": Decimal("5.2"), "EQ": Decimal("3.9")}
    functional = empty = empty_counted = 0
    counted_fp = Decimal(0)
    for item in items:
        # every candidate: a requirement whose candidates were all left out still has rows (빼기)
        proposed = {f.requirement_id for f in propose(item.requirements, as_of=EVAL_DAY).candidates}
        for req in item.requirements:
            if not is_functional(req, vocab):
                continue
            functional += 1
            if req.id not in proposed:
                empty += 1
                hand = [g for g in item.gold if g.requirement_id == req.id]
                empty_counted += bool(hand)
                counted_fp += sum((weights[g.type] for g in hand), Decimal(0))
    assert (len(items), functional, empty, empty_counted, counted_fp) == (25, 413, 62, 28, Decimal("350.6"))
    text = (DOCS.parent / "web.md").read_text(encoding="utf-8")
    assert "62 of the 413 functional requirements get no proposal" in text
    assert "in 28 of them (350.6 FP, 2.4% of the hand count)" in text
