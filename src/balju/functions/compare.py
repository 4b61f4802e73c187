"""What a person changed in a function list (기능 목록 비교): left out, added, retyped, renamed.

A corrected list is compared with the one it was made from, so the reviewer, the auditor and the
next version of the identifier see the difference itself, not only the two totals:

1. A function of the same requirement and name on both sides is the same function; if its type
   differs it was **retyped** (유형 바뀜).
2. Of the rest, functions of the same requirement whose names are alike (the similarity of
   ``balju.functions.evaluate``, at least its matching threshold) are paired best first: **renamed**
   (이름 바뀜; the type may have changed too).
3. What is left was **left out** (뺌) of the first list or **added** (더함) to the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from balju.functions.evaluate import MATCH_THRESHOLD, similarity
from balju.functions.model import Function

KINDS_KO = {"removed": "뺌", "added": "더함", "retyped": "유형 바뀜", "renamed": "이름 바뀜"}


@dataclass(frozen=True)
class Change:
    """One difference: ``before`` is None for an added function, ``after`` for a removed one."""

    kind: str
    before: Function | None
    after: Function | None

    @property
    def kind_ko(self) -> str:
        return KINDS_KO[self.kind]

    @property
    def requirement_id(self) -> str | None:
        return (self.after or self.before).requirement_id

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: kind, its Korean word, the requirement, and each side's name, type and requirement."""
        def side(function: Function | None) -> dict[str, Any] | None:
            return None if function is None else {"name": function.name, "type": function.type,
                                                  "requirement_id": function.requirement_id}

        return {"kind": self.kind, "kind_ko": self.kind_ko, "requirement_id": self.requirement_id,
                "before": side(self.before), "after": side(self.after)}


def compare(before: list[Function], after: list[Function]) -> list[Change]:
    """The changes from ``before`` to ``after``, in the order of ``after`` then the removed ones."""
    pool: dict[tuple, list[int]] = {}
    for i, f in enumerate(before):
        pool.setdefault((f.requirement_id or "", f.name), []).append(i)
    used_before: set[int] = set()
    paired: dict[int, Change | None] = {}  # index in after → its change (None: unchanged)
    for j, f in enumerate(after):
        same = pool.get((f.requirement_id or "", f.name))
        if same:
            i = same.pop(0)
            used_before.add(i)
            paired[j] = Change("retyped", before[i], f) if before[i].type != f.type else None
    left_before = [i for i in range(len(before)) if i not in used_before]
    left_after = [j for j in range(len(after)) if j not in paired]
    candidates = sorted(
        (-similarity(before[i].name, after[j].name), i, j)
        for i in left_before for j in left_after
        if (before[i].requirement_id or "") == (after[j].requirement_id or "")
    )
    for negative, i, j in candidates:
        if -negative < MATCH_THRESHOLD:
            break
        if i in used_before or j in paired:
            continue
        used_before.add(i)
        paired[j] = Change("renamed", before[i], after[j])
    changes = [paired[j] if j in paired else Change("added", None, f)
               for j, f in enumerate(after) if j not in paired or paired[j] is not None]
    changes += [Change("removed", before[i], None) for i in range(len(before)) if i not in used_before]
    return changes


def counts(changes: list[Change]) -> dict[str, int]:
    """How many of each kind, every kind present (0 when none)."""
    out = {kind: 0 for kind in KINDS_KO}
    for change in changes:
        out[change.kind] += 1
    return out
