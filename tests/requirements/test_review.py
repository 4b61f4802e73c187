"""Review findings and the hand-labelled smell set (검토 의견과 손으로 표시한 시험 문장)."""

from __future__ import annotations

from balju.documents.model import Block, Document, Position
from balju.requirements import review
from balju.requirements.model import Requirement
from balju.requirements.review import function_count, has_measure, vague_words
from balju.requirements.vocab import load

# Measured on tests/requirements/data/smells.yaml (written in docs/requirements.md); the tests keep
# the figures from falling.
VAGUE_WORD_PRECISION = 1.0
VAGUE_WORD_RECALL = 0.89


def _score(smells):
    vocab = load()
    tp = fp = fn = 0
    for case in smells["vague"]:
        pred = {h.word for h in vague_words(case["text"], vocab)}
        gold = set(case["vague"])
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return tp, fp, fn


def test_vague_words_precision_recall(smells):
    assert len(smells["vague"]) >= 60
    tp, fp, fn = _score(smells)
    assert tp / (tp + fp) >= VAGUE_WORD_PRECISION
    assert tp / (tp + fn) >= VAGUE_WORD_RECALL


def test_morphology_not_substring():
    words = lambda t: [h.word for h in vague_words(t)]  # noqa: E731
    assert words("회원 등급을 관리한다") == []
    assert words("동등 이상의 제품") == []
    assert words("적절성을 검토한다") == []
    assert words("회원, 게시판 등을 관리한다") == ["등"]
    assert words("적절한 조치를 신속하게 취한다") == ["적절한", "신속하게"]
    hit = vague_words("가능한 한 표준을 따른다")[0]
    assert hit.word == "가능한 한" and "가능한 한 표준을 따른다"[hit.start : hit.end] == "가능한 한"


def test_performance_measure_set(smells):
    vocab = load()
    for case in smells["perf"]:
        assert has_measure(case["text"], vocab) == case["measurable"], case["text"]


def test_multi_function_set(smells):
    vocab = load()
    for case in smells["multi"]:
        req = Requirement(id="SFR-001", category="SFR", name=case["name"], text="", details=case["details"])
        bullets, names = function_count(req)
        assert (bullets > vocab.max_bullets or names > vocab.max_names) == case["multi"], case["name"]


def _req(rid, cat, name, text, kind="detail", std=None):
    return Requirement(id=rid, category=cat, name=name, text=f"{name}\n{text}", details=text, kind=kind, where="구역 0 문단 1", standard_category=std or cat)


def test_review_findings():
    doc = Document("x.hwp", "hwp", [Block("paragraph", text="사업명 : 가상시 예약관리시스템 구축", position=Position(section=0, paragraph=1))])
    reqs = [
        _req("SFR-001", "SFR", "회원 관리", "회원 정보를 적절한 방식으로 관리한다."),
        _req("SFR-001", "SFR", "게시판", "게시판 기능"),
        _req("PER-001", "PER", "응답시간", "빠른 응답을 보장한다."),
        _req("PER-002", "PER", "동시 사용자", "동시 사용자 500명에서 3초 이내 응답"),
        _req("SFR-002", "SFR", "예약·결제·환불·정산", "기능"),
    ]
    findings = review(reqs, doc)
    codes = {(f.code, f.requirement_id) for f in findings}
    assert ("req.vague-word", "SFR-001") in codes
    assert ("req.duplicate-id", "SFR-001") in codes
    assert ("req.perf-unmeasurable", "PER-001") in codes
    assert ("req.perf-unmeasurable", "PER-002") not in codes
    assert ("req.multi-function", "SFR-002") in codes
    missing = {f.message.split("(")[1].split(")")[0] for f in findings if f.code == "req.missing-category"}
    assert {"SIR", "DAR", "TER", "SER", "QUR", "COR", "PMR", "PSR"} <= missing
    assert "SFR" not in missing and "PER" not in missing
    vague = next(f for f in findings if f.code == "req.vague-word")
    assert vague.severity == "warning" and "적절한" in vague.quote and vague.fix and vague.why
    dup = next(f for f in findings if f.code == "req.duplicate-id")
    assert dup.severity == "error"


def test_listed_id_without_detail_names_the_twin():
    reqs = [_req("MPR-004", "MPR", "유지보수", "", kind="list", std="MAR")] + [
        _req(f"MPR-00{i}", "MPR", f"항목 {i}", "", std="MAR") for i in range(1, 4)
    ] + [_req("MPRS-004", "MPRS", "유지보수", "", std="MAR")]
    findings = [f for f in review(reqs, None) if f.code == "req.id-mismatch"]
    assert len(findings) == 1 and "MPRS-004" in findings[0].message


def test_no_ids():
    reqs = [Requirement(id=None, category="SFR", name="예약", text="예약 기능", from_table=False, kind="text")]
    assert [f.code for f in review(reqs, None) if f.code == "req.no-ids"] == ["req.no-ids"]


def test_equipment_project_needs_no_function_requirements():
    reqs = [_req(f"ECR-00{i}", "ECR", f"장비 {i}", "LED 디스플레이 설치") for i in range(1, 6)] + [
        _req("PMR-001", "PMR", "사업관리", "주간 보고"),
        _req("TER-001", "TER", "시험", "설치 시험"),
    ]
    missing = {f.message.split("(")[1].split(")")[0] for f in review(reqs, None) if f.code == "req.missing-category"}
    assert missing == {"QUR", "PSR"}


def test_a_date_is_not_a_performance_target():
    # 20240611774 PER-005: "개막작 예매 1일 전 모든 시간표 페이지를 HTML로 구현"
    assert not has_measure("개막작 예매 1일 전 모든 시간표 페이지를 HTML로 구현")
    assert has_measure("예약 변경은 이용일 3일 전까지, 응답은 3초 이내")


def test_no_requirements_at_all():
    assert [f.code for f in review([], None)] == ["req.no-requirements"]
