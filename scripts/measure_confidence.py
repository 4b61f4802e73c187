"""Measure 신뢰도 (functions.confidence): for each rule the identifier proposes by, how many of its
proposals a person's count matched on the labelled RFPs (docs/functions.md, step 20).

Prints the `counts` block of src/balju/rules/data/functions/confidence.yaml. A proposal is matched
as in ``balju.functions.evaluate.match`` (same type, name similarity ≥ 0.5, one to one).

Run: ``.venv/bin/python scripts/measure_confidence.py [FOLDER …]`` (default: every labelled set)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from balju.functions.evaluate import EVAL_DAY, load_labelled, match
from balju.functions.identify import propose
from balju.functions.model import FUNCTION_TYPES

ROOT = Path(__file__).resolve().parent.parent / "tests" / "functions"
LABELLED = ["labelled", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8"]


def measure(folders: list[Path]) -> dict[str, dict[str, list[int]]]:
    """{type: {rule: [matched, proposed]}} over the labelled RFPs in ``folders``."""
    counts: dict[str, dict[str, list[int]]] = {t: defaultdict(lambda: [0, 0]) for t in FUNCTION_TYPES}
    for folder in folders:
        for item in load_labelled(folder):
            proposed = propose(item.requirements, as_of=EVAL_DAY).candidates
            matched = {id(p) for p, _c, _s in match(proposed, item.gold)}
            for p in proposed:
                cell = counts[p.type][p.note or ""]
                cell[0] += id(p) in matched
                cell[1] += 1
    return {t: dict(sorted(c.items(), key=lambda kv: (-kv[1][1], kv[0]))) for t, c in counts.items()}


def as_yaml(counts: dict[str, dict[str, list[int]]]) -> str:
    lines = ["      counts:"]
    for t, rules in counts.items():
        lines.append(f"        {t}:")
        for rule, (m, n) in rules.items():
            quoted = "'" + rule.replace("'", "''") + "'"
            lines.append(f"          {quoted}: [{m}, {n}]")
    return "\n".join(lines)


if __name__ == "__main__":
    names = sys.argv[1:] or LABELLED
    print(as_yaml(measure([ROOT / n for n in names])))
