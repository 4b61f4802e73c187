"""People's corrections as labelled data (고친 기능 목록 → 표지 세트).

Every function list a person corrects and re-prices (the web app, ``balju review --functions``)
is a count of a real RFP by someone who had to sign it. The identifier can be measured against
those counts, and they can become the next held-out set (docs/functions.md: a v6 needs RFPs it
has never seen, counted by people). This module turns one corrected review into the labelled
format of ``tests/functions`` and scores the current proposal against it, with the same matching
and 간이법 totals as ``balju.functions.evaluate``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from balju.functions.evaluate import Labelled, Score, score
from balju.functions.listfile import FIELDS
from balju.functions.model import Function
from balju.functions.pipeline import propose_file
from balju.requirements.model import Requirement

SPLIT = "corrected"
"""The split name of labelled files made from corrections."""


def labelled_from(
    review: dict[str, Any], function_list: list[dict[str, Any]], file_name: str, content: bytes,
    *, day: dt.date | None = None,
) -> tuple[Labelled, list[Function]]:
    """The corrected review as a labelled RFP, and what the identifier proposes for it now.

    ``function_list``: the person's list as stored (one dict per function, the columns of
    ``balju.functions.listfile``); ``file_name``/``content``: the RFP file the review was made from.
    """
    with tempfile.TemporaryDirectory(prefix="balju-corrections-") as folder:
        path = Path(folder) / Path(file_name).name
        path.write_bytes(content)
        requirements, proposal = propose_file(path, day=day)
    gold = [Function(**{key: record.get(key) for key in FIELDS}) for record in function_list]
    facts = review.get("facts") or {}
    project = (facts.get("project_name") or {}).get("value") if isinstance(facts.get("project_name"), dict) else None
    item = Labelled(
        file=f"{Path(file_name).stem}.yaml",
        rfp=Path(file_name).name,
        project=str(project or ""),
        split=SPLIT,
        requirements=requirements,
        gold=gold,
    )
    return item, proposal.functions


def scored(item: Labelled, proposed: list[Function]) -> Score:
    """Precision, recall and the total-FP error of the proposal against the person's list."""
    return score(item, proposed)


def within(s: Score, target: Decimal) -> bool:
    """Is the proposal's total within ``target`` (0.10: ±10%) of the person's? A list a person counted
    as 0 FP is met only by a proposal of 0 FP."""
    if not s.fp_counted:
        return not s.fp_proposed
    return abs(s.fp_proposed - s.fp_counted) <= target * s.fp_counted


def summary(scores: list[Score], target: Decimal) -> dict[str, Any]:
    """The lists together: their totals and total error, precision, recall, and per list the median
    |error| and how many are within ``target`` (lists a person counted as 0 FP have no error)."""
    total = Score()
    for s in scores:
        total.add(s)
    errors = [abs(s.fp_error) for s in scores if s.fp_counted]
    return {
        "reviews": len(scores), "fp_proposed": float(total.fp_proposed), "fp_corrected": float(total.fp_counted),
        "fp_error": round(total.fp_error, 4), "precision": round(total.precision(), 3),
        "recall": round(total.recall(), 3),
        "median_abs_error": round(statistics.median(errors), 4) if errors else None,
        "within_target": sum(within(s, target) for s in scores), "target": float(target),
    }


def to_yaml(item: Labelled, *, review_id: int | None = None, agency: str | None = None,
            corrected_by: str | None = None, seen: str | None = None, identifier: str | None = None) -> str:
    """The labelled file (the format of ``tests/functions/*.yaml``): requirements with their text and
    the person's functions under the requirement they name. Functions that name no requirement of
    the RFP are kept under ``unassigned`` so nothing of the count is lost. ``identifier`` (v6) and
    ``seen`` (why the list is not a first measurement of it, or None) say what the file can measure."""
    known = {r.id for r in item.requirements}
    by_requirement: dict[str, list[dict[str, Any]]] = {}
    unassigned = []
    for f in item.gold:
        entry = {"type": f.type, "name": f.name}
        if f.note:
            entry["rule"] = f.note
        if f.requirement_id in known:
            by_requirement.setdefault(f.requirement_id, []).append(entry)
        else:
            unassigned.append({**entry, "requirement_id": f.requirement_id})
    data: dict[str, Any] = {
        "rfp": item.rfp,
        "project": item.project,
        "agency": agency or "",
        "split": item.split,
        "counted_by": (f"{corrected_by}: " if corrected_by else "")
        + "a person's corrected function list (balju review --functions or the web app)"
        + (f", review #{review_id}" if review_id is not None else ""),
    }
    if identifier:
        data["first_measurement_of"] = identifier if seen is None else None
        if seen:
            data["seen"] = seen
    data["requirements"] = [_requirement(r, by_requirement.get(r.id, [])) for r in item.requirements]
    if unassigned:
        data["unassigned"] = unassigned
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def _requirement(req: Requirement, functions: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": req.id, "category": req.category, "name": req.name}
    if req.definition:
        out["definition"] = req.definition
    out["details"] = req.details or req.text or ""
    out["functions"] = functions
    return out
