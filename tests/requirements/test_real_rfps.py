"""Measured on the 31 real RFPs of ../shared/data/rfp (issue 4 proof): ID recall and precision
against the IDs verified in the text (data/gold_ids.json), and 사업금액 against manifest budget_krw."""

from __future__ import annotations

from collections import Counter


from balju.requirements import extract, extract_facts


def _measure(real_docs, gold_ids):
    docs, _ = real_docs
    tp = fp = fn = 0
    per_file = {}
    for name, doc in docs.items():
        got = {r.id for r in extract(doc) if r.id}
        gold = set(gold_ids[name])
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
        per_file[name] = (sorted(gold - got), sorted(got - gold))
    return tp, fp, fn, per_file


def test_id_recall_and_precision(real_docs, gold_ids):
    tp, fp, fn, per_file = _measure(real_docs, gold_ids)
    assert tp > 1500, "too few real RFPs were read"
    recall = tp / (tp + fn)
    precision = tp / (tp + fp)
    wrong = {k: v for k, v in per_file.items() if v != ([], [])}
    assert recall >= 0.99, wrong
    assert precision >= 0.99, wrong


def test_summary_list_ids_make_no_duplicates(real_docs):
    docs, _ = real_docs
    for name, doc in docs.items():
        reqs = extract(doc)
        listed = Counter(r.id for r in reqs if r.id and r.kind != "detail")
        assert not [i for i, n in listed.items() if n > 1], name
        detailed = {r.id for r in reqs if r.kind == "detail"}
        assert not detailed & set(listed), name


def test_korea_univ_qa_counts(real_docs):
    """eval_qa_korea_univ.csv Q5: 160 requirements, 99 SFR (nonotice-02.docx)."""
    docs, _ = real_docs
    reqs = [r for r in extract(docs["nonotice-02.docx"]) if r.id]
    assert len({r.id for r in reqs}) == 160
    assert len({r.id for r in reqs if r.category == "SFR"}) == 99


def test_korea_univ_qa_budget(real_docs):
    """Q1: 11,270,000,000원 VAT 포함, 24개월."""
    docs, _ = real_docs
    facts = extract_facts(docs["nonotice-02.docx"])
    assert facts.budget.value == 11_270_000_000
    assert facts.vat_included.value is True
    assert "24개월" in facts.period.value


def test_budget_exact_against_manifest(real_docs, budgets):
    """사업금액 (VAT 포함) exact on ≥ 90% of the files that state one; all equal to the verified text."""
    docs, _ = real_docs
    stating = [n for n in docs if budgets[n]["document"] is not None]
    assert len(stating) >= 20
    vs_manifest = vs_document = 0
    misses = {}
    for name in stating:
        got = extract_facts(docs[name]).budget_with_vat.value
        vs_manifest += got == budgets[name]["manifest"]
        vs_document += got == budgets[name]["document"]
        if got != budgets[name]["document"]:
            misses[name] = (got, budgets[name]["document"])
    assert vs_manifest / len(stating) >= 0.90
    assert vs_document == len(stating), misses


def test_no_budget_invented(real_docs, budgets):
    docs, _ = real_docs
    for name, doc in docs.items():
        if budgets[name]["document"] is None:
            assert extract_facts(doc).budget.value is None, name


def test_evaluation_ratio_and_threshold_found_on_most(real_docs):
    docs, _ = real_docs
    facts = [extract_facts(d) for d in docs.values()]
    ratios = [f.evaluation_ratio.value for f in facts if f.evaluation_ratio.found]
    assert len(ratios) / len(facts) >= 0.85
    assert all(a + b == 100 for a, b in ratios)
    assert Counter(ratios)[(90, 10)] >= len(ratios) * 0.6
    thresholds = [f.negotiation_threshold.value for f in facts if f.negotiation_threshold.found]
    assert len(thresholds) / len(facts) >= 0.6
