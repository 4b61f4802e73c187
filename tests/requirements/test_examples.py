"""The sample RFP in every format against its answer key (examples/README.md, 1–3.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from balju.documents import read
from balju.requirements import extract, extract_facts, review

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED = {
    ("req.vague-word", "SFR-002", "적절한"),
    ("req.vague-word", "SFR-003", "등"),
    ("req.vague-word", "SFR-009", "신속하게"),
    ("req.vague-word", "SFR-010", "등"),
    ("req.vague-word", "PER-002", "안정적"),
    ("req.vague-word", "QUR-001", "최대한"),
    ("req.vague-word", "PSR-002", "신속하게"),
    ("req.perf-unmeasurable", "PER-002", None),
    ("req.multi-function", "SFR-003", None),
}


def _key(f):
    word = f.message.split("'")[1] if f.code == "req.vague-word" else None
    return (f.code, f.requirement_id, word)


@pytest.mark.parametrize("ext", ["md", "hwp", "hwpx", "docx", "pdf"])
def test_sample_rfp(ext):
    doc = read(EXAMPLES / f"sample_rfp.{ext}")
    reqs = extract(doc)
    assert len(reqs) == 28 and all(r.kind == "detail" for r in reqs)
    counts = {}
    for r in reqs:
        counts[r.category] = counts.get(r.category, 0) + 1
    assert counts == {"SFR": 12, "PER": 2, "SIR": 2, "DAR": 2, "TER": 1, "SER": 2, "QUR": 1, "COR": 2, "PMR": 2, "PSR": 2}
    facts = extract_facts(doc)
    assert facts.project_name.value == "가상시 시민 체육시설 예약관리시스템 구축 사업"
    assert facts.agency.value == "가상시청 체육진흥과"
    assert facts.budget.value == 330_000_000 and facts.vat_included.value is True
    assert facts.period.value == "계약일로부터 6개월"
    assert facts.evaluation_ratio.value == (90, 10)
    assert facts.negotiation_threshold.value == 85
    assert "협상에 의한 계약" in facts.contract_method.value
    found = {_key(f) for f in review(reqs, doc)}
    assert found == EXPECTED  # all planted problems, nothing on the controls (PER-001, DAR-002, SFR-008, COR-001)


def test_sample_rfp_when_tables_are_lost():
    """A PDF whose tables come out as plain lines (no ruling lines): the same 28 IDs, from running text."""
    from balju.documents.model import Block, Document
    from balju.requirements.extract import _dedup

    doc = read(EXAMPLES / "sample_rfp.pdf")
    blocks = []
    for b in doc.blocks:
        if b.kind == "table":
            blocks += [Block("paragraph", text=" ".join(_dedup(r)), position=b.position) for r in b.rows]
        else:
            blocks.append(b)
    reqs = extract(Document(doc.path, "pdf", blocks))
    assert len(reqs) == 28 and not any(r.from_table for r in reqs)
    per = next(r for r in reqs if r.id == "PER-001")
    assert per.name == "응답 시간" and "300명" in per.details and per.related_ids == ["TER-001"]
    assert per.category_label == "성능 요구사항" and per.outputs == "성능 시험 결과서"
