"""Measure extraction and review on the real RFPs (실제 RFP 측정). Not a test: run it by hand.

    .venv/bin/python tests/requirements/measure_real.py [--findings]

Prints per file: gold IDs, extracted IDs, misses/extras, budget vs manifest and the text, the facts
found; then the totals written in docs/requirements.md. Prints no names or phone numbers.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from balju.documents import read
from balju.requirements import extract, extract_facts, review

HERE = Path(__file__).parent
RFP = HERE.parent.parent.parent / "shared" / "data" / "rfp" / "files"


def main(show_findings: bool = False) -> None:
    gold = json.loads((HERE / "data" / "gold_ids.json").read_text(encoding="utf-8"))
    budgets = yaml.safe_load((HERE / "data" / "budgets.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    stating = exact_manifest = exact_text = 0
    fact_found: Counter = Counter()
    codes: Counter = Counter()
    kinds: Counter = Counter()
    started = time.perf_counter()
    for name in sorted(gold):
        doc = read(RFP / name)
        reqs = extract(doc)
        facts = extract_facts(doc)
        got = {r.id for r in reqs if r.id}
        g = set(gold[name])
        tp += len(got & g)
        fp += len(got - g)
        fn += len(g - got)
        kinds.update(r.kind for r in reqs)
        budget = facts.budget_with_vat.value
        expected = budgets[name]
        if expected["document"] is not None:
            stating += 1
            exact_manifest += budget == expected["manifest"]
            exact_text += budget == expected["document"]
        for key, fact in facts.items():
            fact_found[key] += fact.found
        findings = review(reqs, doc)
        codes.update(f.code for f in findings)
        print(
            f"{name:20} gold={len(g):4} got={len(got):4} miss={sorted(g - got)[:4]} extra={sorted(got - g)[:4]} "
            f"budget={budget} manifest={expected['manifest']} findings={len(findings)}"
        )
        if show_findings:
            for f in findings:
                if f.code != "req.vague-word":
                    print(f"    {f.severity:7} {f.code:22} {f.requirement_id or '-':12} {f.message[:90]}")
    n = len(gold)
    print(f"\nIDs: TP {tp} FP {fp} FN {fn}  recall {tp / (tp + fn):.4f}  precision {tp / (tp + fp):.4f}")
    print(f"items by source: {dict(kinds)}")
    print(f"budget: {stating} files state one; exact vs manifest {exact_manifest}/{stating} "
          f"({exact_manifest / stating:.1%}); exact vs text {exact_text}/{stating}")
    print("facts found: " + ", ".join(f"{k} {v}/{n}" for k, v in fact_found.items()))
    print(f"findings: {dict(codes.most_common())}")
    print(f"time: {time.perf_counter() - started:.1f} s for {n} files")


if __name__ == "__main__":
    main("--findings" in sys.argv)
