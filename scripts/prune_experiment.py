"""Experiment (docs/functions.md, step 22): on RFPs identifier v5 was not tuned on, does leaving out
the proposals of rules a person rarely matched make the proposal's total closer to the hand count,
and does weighting each proposal by its measured 신뢰도 give a better 보정 추정 than the ratio?

The criterion was written before anything was run (docs/functions.md, step 22):

- E is the seven RFPs with a non-zero hand count that v5 was not tuned on (as in step 19). For each
  RFP k of E, everything is measured on the 24 other labelled RFPs: the rules' matched shares
  (shrunk toward their type by 5, as ``functions.confidence``) and any threshold.
- **P (pruning, a change of the list):** leave out every proposal whose rule's share is below t.
  t is chosen inside each fold from T by the median |total-FP error| over the training RFPs v5 was
  not tuned on (non-zero hand count); ties go to the smaller t, and t = 0 is no pruning. P replaces
  v5's list only if, over E and against v5's list, it lowers the median per-RFP |error| and the
  |error| of E's total, does not lower the number of RFPs within ±10%, raises precision and lowers
  recall by no more than 0.05 (matched again on the kept list).
- **W (confidence-weighted 보정 추정):** Σ 신뢰도 × 간이법 weight over the proposals, times the
  median hand ÷ that sum over the training RFPs v5 was not tuned on. W replaces the ratio only if,
  over E, it beats the ratio (its factor from E's other six, as in step 19) on all three of: median
  per-RFP |error|, |error| of E's total and the number within ±10%.

Nothing here is used by balju unless it meets its criterion.

Run: ``.venv/bin/python scripts/prune_experiment.py`` (about 30 s: it runs the identifier on the 25
labelled RFPs once)
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from balju import rules as _rules
from balju.fp import count
from balju.functions.evaluate import EVAL_DAY, load_labelled, match
from balju.functions.identify import propose
from balju.functions.model import FUNCTION_TYPES, Function

ROOT = Path(__file__).resolve().parent.parent / "tests" / "functions"
FOLDERS = ["labelled", "heldout4", "heldout5", "heldout6", "heldout7"]
TUNED = {"labelled", "heldout4"}  # v5 was tuned on the nine and heldout4 (step 16)
SHRINK = 5  # as functions.confidence
THRESHOLDS = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4)  # T, fixed before running


@dataclass
class Rfp:
    name: str
    tuned: bool
    proposed: list[Function]
    gold: list[Function]
    hit: list[bool]  # proposal i matched a hand-counted function (v5's whole list)
    hand: float


def weights() -> dict[str, float]:
    rules = _rules.at(EVAL_DAY)
    return {t: float(count([Function(name=t, type=t, requirement_id="-")], "simple", rules).total) for t in FUNCTION_TYPES}


def load() -> list[Rfp]:
    w = weights()
    out = []
    for folder in FOLDERS:
        for item in load_labelled(ROOT / folder):
            proposed = propose(item.requirements, as_of=EVAL_DAY).candidates
            matched = {id(p) for p, _c, _s in match(proposed, item.gold)}
            out.append(
                Rfp(
                    name=item.file.removesuffix(".yaml"),
                    tuned=folder in TUNED,
                    proposed=proposed,
                    gold=item.gold,
                    hit=[id(p) in matched for p in proposed],
                    hand=sum(w[f.type] for f in item.gold),
                )
            )
    return out


def shares(train: list[Rfp]) -> dict[tuple[str, str], float]:
    """Each (type, rule)'s matched share over ``train``, shrunk toward its type's share."""
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in train:
        for p, hit in zip(r.proposed, r.hit):
            cell = cells[(p.type, p.note or "")]
            cell[0] += hit
            cell[1] += 1
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (t, _rule), (m, n) in cells.items():
        by_type[t][0] += m
        by_type[t][1] += n
    out = {}
    for (t, rule), (m, n) in cells.items():
        type_share = by_type[t][0] / by_type[t][1]
        out[(t, rule)] = (m + SHRINK * type_share) / (n + SHRINK)
    for t, (m, n) in by_type.items():
        out[(t, "*")] = m / n
    return out


def share_of(p: Function, table: dict[tuple[str, str], float]) -> float:
    return table.get((p.type, p.note or ""), table.get((p.type, "*"), 0.5))


def fp(functions: list[Function], w: dict[str, float]) -> float:
    return sum(w[f.type] for f in functions)


def kept(r: Rfp, table, t: float) -> list[Function]:
    return [p for p in r.proposed if share_of(p, table) >= t]


def error(value: float, hand: float) -> float:
    return (value - hand) / hand


def choose_t(train: list[Rfp], table, w) -> float:
    pool = [r for r in train if not r.tuned and r.hand > 0]

    def loss(t):
        return statistics.median(abs(error(fp(kept(r, table, t), w), r.hand)) for r in pool)

    return min(THRESHOLDS, key=lambda t: (loss(t), t))


def weighted(r: Rfp, table, w) -> float:
    return sum(share_of(p, table) * w[p.type] for p in r.proposed)


def summary(values: dict[str, float], hands: dict[str, float]) -> tuple[float, int, float]:
    errors = [error(values[k], hands[k]) for k in values]
    return (
        statistics.median(abs(e) for e in errors),
        sum(abs(e) <= 0.10 for e in errors),
        (sum(values.values()) - sum(hands.values())) / sum(hands.values()),
    )


@dataclass
class Outcome:
    """What the experiment measured on E (each RFP's figures from the 24 others)."""

    hands: dict[str, float]
    estimates: dict[str, dict[str, float]]
    """label → RFP → FP: 'v5', 'P', 'ratio', 'W' and, after the criterion, 'P × ratio of P'."""
    chosen: dict[str, float]
    precision: dict[str, tuple[int, int]]
    """'v5' / 'P' → (matched, proposed) over E."""
    recall: dict[str, tuple[int, int]]
    """'v5' / 'P' → (matched, counted) over E."""
    zero_hand: dict[str, tuple[float, float]]
    """An RFP a person counted 0 FP in → (v5 FP, pruned FP)."""


def run() -> Outcome:
    w = weights()
    rfps = load()
    e_set = [r for r in rfps if not r.tuned and r.hand > 0]
    hands = {r.name: r.hand for r in e_set}
    raw, pruned, chosen, weighted_est, ratio_est = {}, {}, {}, {}, {}
    matched = {"v5": 0, "P": 0}
    proposed = {"v5": 0, "P": 0}
    counted = 0
    for k in e_set:
        train = [r for r in rfps if r is not k]
        table = shares(train)
        t = choose_t(train, table, w)
        chosen[k.name] = t
        keep = kept(k, table, t)
        raw[k.name] = fp(k.proposed, w)
        pruned[k.name] = fp(keep, w)
        pool = [r for r in train if not r.tuned and r.hand > 0]
        factor = statistics.median(r.hand / weighted(r, table, w) for r in pool)
        weighted_est[k.name] = weighted(k, table, w) * factor
        others = [r for r in e_set if r is not k]
        ratio_est[k.name] = raw[k.name] * statistics.median(r.hand / fp(r.proposed, w) for r in others)
        matched["v5"] += len(match(k.proposed, k.gold))
        matched["P"] += len(match(keep, k.gold))
        proposed["v5"] += len(k.proposed)
        proposed["P"] += len(keep)
        counted += len(k.gold)
    names = list(hands)
    # after the criterion: what the 보정 추정 (budget.proposal_fp_ratio) becomes on the pruned list,
    # each RFP's factor from E's other six, as for v5 in step 19
    pruned_ratio = {k: hands[k] / pruned[k] for k in names}
    ratio_on_pruned = {k: pruned[k] * statistics.median(pruned_ratio[j] for j in names if j != k) for k in names}
    zero = {}
    for r in rfps:
        if r.hand == 0:
            table = shares([x for x in rfps if x is not r])
            zero[r.name] = (fp(r.proposed, w), fp(kept(r, table, max(THRESHOLDS)), w))
    return Outcome(
        hands=hands,
        estimates={"v5": raw, "P": pruned, "ratio": ratio_est, "W": weighted_est, "P × ratio of P": ratio_on_pruned},
        chosen=chosen,
        precision={k: (matched[k], proposed[k]) for k in matched},
        recall={k: (matched[k], counted) for k in matched},
        zero_hand=zero,
    )


LABELS = {
    "v5": "v5 proposal",
    "P": "P: pruned proposal",
    "ratio": "ratio (E's other six)",
    "W": "W: confidence-weighted",
    "P × ratio of P": "P × ratio of P (E's other six)",
}


def main() -> None:
    out = run()
    names = list(out.hands)
    print("| estimate | " + " | ".join(names) + " | median abs | within ±10% | E total |")
    print("|---" * (len(names) + 4) + "|")
    for key, values in out.estimates.items():
        median, within, total = summary(values, out.hands)
        cells = " | ".join(f"{error(values[k], out.hands[k]):+.1%}" for k in names)
        print(f"| {LABELS[key]} | {cells} | {median:.1%} | {within}/{len(names)} | {total:+.1%} |")
    print("t chosen per fold:", out.chosen)
    for name, (v5, pruned) in out.zero_hand.items():
        print(f"{name} (hand 0): v5 {v5:.1f} FP, pruned {pruned:.1f} FP")
    for label in ("v5", "P"):
        (m, n), (_m, c) = out.precision[label], out.recall[label]
        print(f"{label}: precision {m}/{n} = {m / n:.3f}, recall {m}/{c} = {m / c:.3f}")


if __name__ == "__main__":
    main()
