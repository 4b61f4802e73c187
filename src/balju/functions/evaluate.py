"""Measure ``identify`` against hand-counted requirement texts (표지 세트로 기능 식별 측정).

A labelled file (``tests/functions/labelled/*.yaml``) holds one RFP's requirement excerpts and the
functions a person counted by the guide's rules. For each RFP the proposal and the hand count are
matched one to one within a type by name similarity (character bigrams of the name without
spaces, greedy best first, at least ``MATCH_THRESHOLD``); per type precision = matched / proposed,
recall = matched / counted (see ``similarity``). Total FP is counted by 간이법 weights of the rules in force, through
``balju.fp.count``, so matching does not affect the total-FP error.

Run: ``python -m balju.functions.evaluate tests/functions/labelled`` (add ``--diff FILE`` to see
which proposals and hand-counted functions did not match, requirement by requirement; add
``--candidates`` to measure every candidate, the left-out ones too: identifier v5's list)
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from balju import rules as _rules
from balju.fp import count
from balju.functions.identify import propose
from balju.functions.model import FUNCTION_TYPES, Function
from balju.requirements.model import Requirement

MATCH_THRESHOLD = 0.5
EVAL_DAY = dt.date(2025, 1, 1)


@dataclass
class Labelled:
    file: str
    rfp: str
    project: str
    split: str
    requirements: list[Requirement]
    gold: list[Function]


@dataclass
class Score:
    matched: dict[str, int] = field(default_factory=lambda: {t: 0 for t in FUNCTION_TYPES})
    proposed: dict[str, int] = field(default_factory=lambda: {t: 0 for t in FUNCTION_TYPES})
    counted: dict[str, int] = field(default_factory=lambda: {t: 0 for t in FUNCTION_TYPES})
    fp_proposed: Decimal = Decimal(0)
    fp_counted: Decimal = Decimal(0)
    requirements: int = 0
    rfps: int = 0

    def add(self, other: "Score") -> None:
        for t in FUNCTION_TYPES:
            self.matched[t] += other.matched[t]
            self.proposed[t] += other.proposed[t]
            self.counted[t] += other.counted[t]
        self.fp_proposed += other.fp_proposed
        self.fp_counted += other.fp_counted
        self.requirements += other.requirements
        self.rfps += other.rfps

    def precision(self, t: str | None = None) -> float:
        m, p = self._sum(self.matched, t), self._sum(self.proposed, t)
        return m / p if p else 1.0

    def recall(self, t: str | None = None) -> float:
        m, c = self._sum(self.matched, t), self._sum(self.counted, t)
        return m / c if c else 1.0

    @property
    def fp_error(self) -> float:
        """(proposed − counted) / counted total FP: +0.05 is 5% over the hand count."""
        return float((self.fp_proposed - self.fp_counted) / self.fp_counted) if self.fp_counted else 0.0

    @staticmethod
    def _sum(d: dict[str, int], t: str | None) -> int:
        return d[t] if t else sum(d.values())


def load_labelled(folder: str | Path) -> list[Labelled]:
    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        reqs, gold = [], []
        for item in raw["requirements"]:
            details = item.get("details") or ""
            definition = item.get("definition") or ""
            reqs.append(
                Requirement(
                    id=item["id"],
                    category=item.get("category", "SFR"),
                    name=item.get("name", ""),
                    text="\n".join(x for x in (definition, details) if x),
                    definition=definition,
                    details=details,
                )
            )
            for f in item.get("functions") or []:
                gold.append(Function(name=f["name"], type=f["type"], requirement_id=item["id"], note=f.get("rule")))
        out.append(Labelled(path.name, raw["rfp"], raw.get("project", ""), raw["split"], reqs, gold))
    return out


def _norm(name: str) -> str:
    return re.sub(r"[\s·/,()\-]", "", name)


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)] or [text]


def similarity(a: str, b: str) -> float:
    """Name similarity 0~1: the mean of the Dice and the overlap coefficients of character bigrams
    of the names without spaces ('안건 표결' and '위원회 안건별 표결' → 0.53)."""
    x, y = _bigrams(_norm(a)), _bigrams(_norm(b))
    pool = list(y)
    common = 0
    for g in x:
        if g in pool:
            pool.remove(g)
            common += 1
    dice = 2 * common / (len(x) + len(y))
    overlap = common / min(len(x), len(y))
    return (dice + overlap) / 2


def match(proposed: list[Function], counted: list[Function]) -> list[tuple[Function, Function, float]]:
    """One-to-one pairs of the same type, best similarity first (ties by list order)."""
    pairs = []
    for i, p in enumerate(proposed):
        for j, c in enumerate(counted):
            if p.type == c.type:
                s = similarity(p.name, c.name)
                if s >= MATCH_THRESHOLD:
                    pairs.append((-s, i, j))
    pairs.sort()
    used_p, used_c, out = set(), set(), []
    for neg, i, j in pairs:
        if i in used_p or j in used_c:
            continue
        used_p.add(i)
        used_c.add(j)
        out.append((proposed[i], counted[j], -neg))
    return out


def proposed_for(item: Labelled, *, candidates: bool = False) -> list[Function]:
    """The identifier's list for a labelled RFP; ``candidates``: with the left-out candidates (v5)."""
    proposal = propose(item.requirements, as_of=EVAL_DAY)
    return proposal.candidates if candidates else proposal.functions


def score(item: Labelled, proposed: list[Function] | None = None, *, candidates: bool = False) -> Score:
    rules = _rules.at(EVAL_DAY)
    proposed = proposed_for(item, candidates=candidates) if proposed is None else proposed
    s = Score(requirements=len(item.requirements), rfps=1)
    for f in proposed:
        s.proposed[f.type] += 1
    for f in item.gold:
        s.counted[f.type] += 1
    for p, _c, _sim in match(proposed, item.gold):
        s.matched[p.type] += 1
    s.fp_proposed = count(proposed, "simple", rules).total
    s.fp_counted = count(item.gold, "simple", rules).total
    return s


def evaluate(folder: str | Path, *, candidates: bool = False) -> dict[str, Score]:
    """Scores per split ('dev', 'heldout') and over all, plus one per labelled file
    (``candidates``: of every candidate, as identifier v5 proposed, instead of the list)."""
    out: dict[str, Score] = {"all": Score()}
    for item in load_labelled(folder):
        s = score(item, candidates=candidates)
        out[f"file:{item.file}"] = s
        out.setdefault(item.split, Score()).add(s)
        out["all"].add(s)
    return out


def report(scores: dict[str, Score]) -> str:
    lines = []
    for name, s in scores.items():
        lines.append(
            f"{name}: {s.rfps} RFP, {s.requirements} requirements; FP proposed {s.fp_proposed} / "
            f"counted {s.fp_counted} ({s.fp_error:+.1%}); P {s.precision():.2f} R {s.recall():.2f}"
        )
        for t in FUNCTION_TYPES:
            lines.append(
                f"    {t:3} proposed {s.proposed[t]:3} counted {s.counted[t]:3} matched {s.matched[t]:3}"
                f"  P {s.precision(t):.2f} R {s.recall(t):.2f}"
            )
    return "\n".join(lines)


def diff(item: Labelled) -> str:
    """Per requirement, the proposals no hand-counted function matched (+) and the hand-counted
    functions no proposal matched (−), with the words each proposal came from: what to read when a
    rule is to be changed (only on tuning data — never on a held-out split before it is measured)."""
    proposed = proposed_for(item)
    pairs = match(proposed, item.gold)
    hit_p = {id(p) for p, _c, _s in pairs}
    hit_c = {id(c) for _p, c, _s in pairs}
    lines = [f"== {item.file} {item.project}"]
    for req in item.requirements:
        plus = [p for p in proposed if p.requirement_id == req.id and id(p) not in hit_p]
        minus = [c for c in item.gold if c.requirement_id == req.id and id(c) not in hit_c]
        if not plus and not minus:
            continue
        lines.append(f"-- {req.id} {req.name}")
        lines += [f"   + {p.type:3} {p.name}  [{(p.evidence or '')[:70]}]" for p in plus]
        lines += [f"   - {c.type:3} {c.name}  ({(c.note or '')[:60]})" for c in minus]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    # python -m balju.functions.evaluate FOLDER            figures per split and file
    # python -m balju.functions.evaluate FOLDER --diff F   what differs in the files named F…
    # python -m balju.functions.evaluate FOLDER --candidates   every candidate (v5's list)
    args = [a for a in sys.argv[1:] if a != "--candidates"]
    folder = args[0] if args and not args[0].startswith("--") else "tests/functions/labelled"
    if "--diff" in args:
        wanted = args[args.index("--diff") + 1 :]
        print("\n".join(diff(i) for i in load_labelled(folder) if not wanted or any(w in i.file for w in wanted)))
    else:
        print(report(evaluate(folder, candidates="--candidates" in sys.argv)))
