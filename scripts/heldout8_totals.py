"""Measurement (docs/functions.md, step 25): the total-FP estimates of step 19 on heldout8, which was
counted after them and never used to fit or choose any of them.

Each candidate (M0 today's ratio, M1 one factor per type, M2 ridge λ 1/10/100) is fitted on the 24
labelled RFPs with a hand count of step 19, the one step 19's inner leave-one-out would choose is
marked, and each is applied to the two heldout8 RFPs. Written before it was run: this only
measures; no estimate of balju changes on two RFPs, whatever they show.

Run: ``.venv/bin/python scripts/heldout8_totals.py`` (about a minute)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import learned_total as lt  # noqa: E402  (the step-19 experiment: its rows, features and models)


HELDOUT8 = {"20240539643", "20240624914"}
STEP19_RATIO = 0.82
"""The 보정 추정's one ratio as step 19 shipped it (budget.proposal_fp_ratio median before steps 26 and
28): this script measures that estimate, so it keeps that value rather than today's rule."""


def measure() -> tuple[lt.Data, list[str], dict[str, dict[str, float]], str]:
    """(the data, heldout8's two files, each estimate's value for them, the candidate step 19 would choose)."""
    data = lt.Data(lt.rows([*lt.FOLDERS, "heldout8"]))
    new = sorted(k for k in data.rfps if k.removesuffix(".yaml") in HELDOUT8)
    train = [k for k in data.rfps if k not in new and data.hand[k] > 0]
    cands = data.candidates()
    inner = {n: statistics.median(abs(data.error(j, fit([x for x in train if x != j])(j))) for j in train)
             for n, fit in cands.items()}
    shipped = STEP19_RATIO
    table = {"v5 proposal (every candidate)": {k: data.proposed[k] for k in new},
             f"보정 추정 of step 19, one ratio (× {shipped})": {k: data.proposed[k] * shipped for k in new}}
    table.update({n: {k: fit(train)(k) for k in new} for n, fit in cands.items()})
    return data, new, table, min(inner, key=inner.get)


def main() -> None:
    data, new, table, chosen = measure()
    print(f"trained on the 24 RFPs of step 19 with a hand count; heldout8: {', '.join(new)}")
    print("| estimate | " + " | ".join(k.removesuffix(".yaml") for k in new) + " | heldout8 total |")
    print("|---" * (len(new) + 2) + "|")
    hand = sum(data.hand[k] for k in new)
    for name, values in table.items():
        cells = " | ".join(f"{values[k]:.1f} ({data.error(k, values[k]):+.1%})" for k in new)
        mark = " (chosen)" if name == chosen else ""
        total = sum(values.values())
        print(f"| {name}{mark} | {cells} | {total:.1f} ({(total - hand) / hand:+.1%}) |")
    print("hand:", {k.removesuffix(".yaml"): round(data.hand[k], 1) for k in new}, f"total {hand:.1f}")


if __name__ == "__main__":
    main()
