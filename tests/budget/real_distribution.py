"""Run ``balju budget`` over every real RFP in ../shared/data/rfp/files and print the distribution
of gaps (median, quartiles, verdicts, why 'cannot tell') as Markdown for docs/budget.md.

    .venv/bin/python tests/budget/real_distribution.py [--as-of published|today|YYYY-MM-DD] [--hand]

With ``--hand`` only the RFPs of the labelled set (tests/functions/labelled) are assessed, with the
functions a person counted there as the corrected list instead of balju's proposal.

Only numbers, verdicts and file ids are printed — never names or phone numbers from the RFPs.
The rules date is each notice's publication date from manifest.csv (default), so a notice of
April 2024 is priced at 553,114원/FP and one of June 2024 at 605,784원/FP.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from balju import rules as rules_module
from balju.budget import assess_document

ROOT = Path(__file__).resolve().parents[2]
RFP = ROOT.parent / "shared" / "data" / "rfp"


def reason_of(result) -> str:
    if result.verdict != "cannot_tell":
        return ""
    if result.stated_budget is None:
        return "no budget stated"
    if result.guide_price is None or not result.fp_total:
        return "no functions found"
    if result.split is not None and result.split.mentions:
        return "budget mixes non-development items, split unknown: " + ", ".join(sorted(result.split.mentions))
    return "other"


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        v = values[0] if values else float("nan")
        return v, v, v
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--as-of", default="published")
    parser.add_argument("--hand", action="store_true", help="use the hand counts of the labelled set")
    args = parser.parse_args()
    from balju.documents import read

    hand = {}
    if args.hand:
        from balju.functions.evaluate import load_labelled

        hand = {item.rfp.split("/")[-1]: item.gold for item in load_labelled(ROOT / "tests" / "functions" / "labelled")}

    manifest = {row["file"].split("/")[-1]: row for row in csv.DictReader((RFP / "manifest.csv").open(encoding="utf-8"))}
    rows = []
    for path in sorted((RFP / "files").iterdir()):
        if args.hand and path.name not in hand:
            continue
        meta = manifest.get(path.name, {})
        if args.as_of == "published":
            day = (meta.get("published") or "")[:10] or None
        elif args.as_of == "today":
            day = None
        else:
            day = args.as_of
        rules = rules_module.at(day)
        started = time.perf_counter()
        try:
            result = assess_document(read(path), rules, hand.get(path.name))
        except Exception as exc:  # noqa: BLE001 - report and go on
            rows.append((path.name, None, f"{type(exc).__name__}: {str(exc)[:80]}", 0.0, rules.day))
            continue
        rows.append((path.name, result, "", time.perf_counter() - started, rules.day))

    print("| file | 기준일 | 예산 | VAT | 개발 예산 | FP | 가이드 가격 | 범위 | 차이 | 판정 | 판단 불가 이유 |")
    print("|---|---|---:|---|---:|---:|---:|---|---:|---|---|")
    for name, result, error, _, day in rows:
        if result is None:
            print(f"| {name} | {day} | | | | | | | | 오류 | {error} |")
            continue
        vat = {True: "포함", False: "별도", None: "?"}[result.vat_included]
        money = lambda v: "" if v is None else f"{v:,}"  # noqa: E731
        spread = "" if result.guide_price_low is None else f"{result.guide_price_low/1e6:,.0f}~{result.guide_price_high/1e6:,.0f}백만"
        gap = "" if result.gap_percent is None else f"{result.gap_percent:+.1f}%"
        print(
            f"| {name} | {day} | {money(result.stated_budget)} | {vat} | {money(result.development_budget)} | "
            f"{'' if result.fp_total is None else result.fp_total} | {money(result.guide_price)} | {spread} | {gap} | "
            f"{result.verdict_ko} | {reason_of(result)} |"
        )
    done = [r for _, r, _, _, _ in rows if r is not None]
    gaps = [r.gap_percent for r in done if r.gap_percent is not None]
    judged = [r.gap_percent for r in done if r.verdict != "cannot_tell"]
    print()
    print(f"files: {len(rows)}, assessed: {len(done)}, errors: {len(rows) - len(done)}")
    print("verdicts:", dict(Counter(r.verdict for r in done)))
    print("cannot_tell reasons:", dict(Counter(reason_of(r) for r in done if r.verdict == "cannot_tell")))
    if gaps:
        q1, q2, q3 = quartiles(gaps)
        print(f"gap % over all {len(gaps)} with a budget and functions: Q1 {q1:+.1f}, median {q2:+.1f}, Q3 {q3:+.1f}, min {min(gaps):+.1f}, max {max(gaps):+.1f}")
    if judged:
        q1, q2, q3 = quartiles(judged)
        print(f"gap % over the {len(judged)} judged (not cannot_tell): Q1 {q1:+.1f}, median {q2:+.1f}, Q3 {q3:+.1f}")
    ratios = [r.compared_budget / r.guide_price for r in done if r.gap_percent is not None]
    if ratios:
        print(f"budget ÷ guide price: median {statistics.median(ratios):.2f}")
    times = [t for _, r, _, t, _ in rows if r is not None]
    if times:
        print(f"seconds per file: median {statistics.median(times):.2f}, max {max(times):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
