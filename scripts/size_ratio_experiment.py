"""Experiment (docs/functions.md, step 26): does the 보정 추정's ratio (a person's FP ÷ every
candidate's FP) depend on the size of the proposal?

Written before it was run. heldout8 (step 25) showed every estimate of step 19 far below the hand
count on two small RFPs, and the 26 labelled RFPs with a hand count, listed by proposal size, had
every proposal under about 125 FP below its hand count. Is one ratio per size class better than one
ratio for all?

- Data: the 26 labelled RFPs with a hand count (the nine, heldout4–8), each RFP's hand FP ÷ its
  proposal's FP (every candidate: the base the ratio multiplies), by today's identifier.
- R0, one ratio: for each RFP, the median ratio of the 25 others.
- R1, a ratio per size class: for each RFP, a threshold S is chosen from 100, 150, 200 and 300 FP
  by the median |error| of the same leave-one-out inside the 25 others (ties to the smaller S);
  the RFP gets the median ratio of the others in its class (proposal < S, or ≥ S), or R0's when
  its class has fewer than 3 others.
- R1 replaces R0 only if, over the 26 leave-one-out predictions, it lowers the median |error|,
  does not lower the number within ±10%, and does not raise the |error| of the 26's total by
  more than 2 points; and it also lowers the median |error| over the 9 RFPs the identifier was
  not tuned on (heldout5 without 남서울대, heldout6, heldout7, heldout8).

Added after the run, outside the criterion (a check of what ships, not a second try): R1u, the
recipe the rule takes — the small class's median from every small RFP (too few untuned ones), the
large class's from the untuned RFPs only, as step 19 chose for the one ratio (the identifier was
tuned towards the others' hand counts) — by the same leave-one-out.

Run: ``.venv/bin/python scripts/size_ratio_experiment.py`` (a few seconds)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import learned_total as lt  # noqa: E402  (the labelled rows and the identifier's proposals)
from prune_experiment import summary  # noqa: E402  (median |error|, within ±10%, total error)

GRID = (100, 150, 200, 300)
MIN_CLASS = 3
UNTUNED = {"heldout5", "heldout6", "heldout7", "heldout8"}


def ratios() -> tuple[dict[str, float], dict[str, float], dict[str, float], set[str]]:
    """(proposed FP, hand FP, hand ÷ proposed) per RFP with a hand count, and the untuned ones."""
    folders = [*lt.FOLDERS, "heldout8"]
    data = lt.Data(lt.rows(folders))
    folder_of = {p.name: f for f in folders for p in (lt.ROOT / f).glob("*.yaml")}
    counted = [k for k in data.rfps if data.hand[k] > 0 and data.proposed[k] > 0]
    proposed = {k: data.proposed[k] for k in counted}
    hand = {k: data.hand[k] for k in counted}
    return proposed, hand, {k: hand[k] / proposed[k] for k in counted}, {k for k in counted if folder_of[k] in UNTUNED}


def one_ratio(ratio: dict[str, float], others: list[str]) -> float:
    return statistics.median(ratio[j] for j in others)


def class_ratio(proposed: dict[str, float], ratio: dict[str, float], others: list[str], k: str, s: float) -> float:
    same = [j for j in others if (proposed[j] < s) == (proposed[k] < s)]
    return statistics.median(ratio[j] for j in same) if len(same) >= MIN_CLASS else one_ratio(ratio, others)


def shipped_recipe(proposed, ratio, untuned: set[str], others: list[str], k: str, s: float = 100) -> float:
    """R1u: below S the median of the small others; from S on, of the untuned large others."""
    small = proposed[k] < s
    pool = [j for j in others if (proposed[j] < s) == small and (small or j in untuned)]
    return statistics.median(ratio[j] for j in pool)


def choose_s(proposed, ratio, pool: list[str]) -> int:
    def inner(s):
        return statistics.median(
            abs(proposed[j] * class_ratio(proposed, ratio, [x for x in pool if x != j], j, s) / (proposed[j] * ratio[j]) - 1)
            for j in pool)
    scores = {s: inner(s) for s in GRID}
    return min(GRID, key=lambda s: (scores[s], s))


def run() -> dict:
    proposed, hand, ratio, untuned = ratios()
    keys = sorted(proposed, key=proposed.get)
    r0, r1, chosen = {}, {}, {}
    for k in keys:
        others = [j for j in keys if j != k]
        r0[k] = proposed[k] * one_ratio(ratio, others)
        chosen[k] = choose_s(proposed, ratio, others)
        r1[k] = proposed[k] * class_ratio(proposed, ratio, others, k, chosen[k])

    def figures(values, subset):
        return summary({k: values[k] for k in subset}, {k: hand[k] for k in subset})

    r1u = {k: proposed[k] * shipped_recipe(proposed, ratio, untuned, [j for j in keys if j != k], k) for k in keys}
    out = {"keys": keys, "proposed": proposed, "hand": hand, "ratio": ratio, "untuned": untuned,
           "R0": r0, "R1": r1, "R1u": r1u, "chosen": chosen,
           "all": {n: figures(v, keys) for n, v in (("R0", r0), ("R1", r1), ("R1u", r1u))},
           "untuned_figures": {n: figures(v, sorted(untuned)) for n, v in (("R0", r0), ("R1", r1), ("R1u", r1u))}}
    a0, a1 = out["all"]["R0"], out["all"]["R1"]
    u0, u1 = out["untuned_figures"]["R0"], out["untuned_figures"]["R1"]
    out["adopted"] = a1[0] < a0[0] and a1[1] >= a0[1] and abs(a1[2]) <= abs(a0[2]) + 0.02 and u1[0] < u0[0]
    return out


def main() -> None:
    out = run()
    print("| RFP | proposed | hand | ratio | R0 | R1 (S) | R1u |")
    print("|---|---|---|---|---|---|---|")
    for k in out["keys"]:
        mark = " *" if k in out["untuned"] else ""
        print(f"| {k.removesuffix('.yaml')}{mark} | {out['proposed'][k]:.1f} | {out['hand'][k]:.1f} | {out['ratio'][k]:.3f} "
              f"| {out['R0'][k] / out['hand'][k] - 1:+.1%} | {out['R1'][k] / out['hand'][k] - 1:+.1%} ({out['chosen'][k]}) "
              f"| {out['R1u'][k] / out['hand'][k] - 1:+.1%} |")
    for name in ("R0", "R1", "R1u"):
        m, w, t = out["all"][name]
        um, uw, ut = out["untuned_figures"][name]
        print(f"{name}: all 26 median |error| {m:.1%}, within ±10% {w}, total {t:+.1%}; "
              f"untuned 9 median {um:.1%}, within {uw}, total {ut:+.1%}")
    print("adopted:", out["adopted"])


if __name__ == "__main__":
    main()
