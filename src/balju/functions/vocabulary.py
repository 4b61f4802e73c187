"""The identification vocabulary in force on a day (기능 식별 어휘): every word list of the
identifier, and the 신뢰도 of each rule, read from the rules under ``rules/data/functions``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from balju import rules as _rules

TYPE_ORDER = {"ILF": 0, "EIF": 1, "EI": 2, "EO": 3, "EQ": 4}


@dataclass(frozen=True)
class Vocabulary:
    """The identification vocabulary in force on a day (기능 식별 어휘)."""

    verbs: dict
    manage_words: frozenset
    manage_expands: tuple
    manage_absorbs: frozenset
    manage_acts: frozenset
    excluded: frozenset
    outputs: frozenset
    link_words: frozenset
    outbound_words: frozenset
    link_internal: frozenset
    system_heads: frozenset
    nonfunctional: frozenset
    fillers: frozenset
    actors: frozenset
    categories: frozenset
    confidence: dict
    """{type: {rule: 신뢰도}} and {type: 신뢰도} for rules the labelled set never saw."""
    suffixes: tuple
    relations: frozenset
    overview_names: tuple
    references: dict
    leave_out_below: float
    """신뢰도 below this leaves a proposal out of the list (``functions.leave_out_below``)."""


def _confidence_table(raw: dict) -> dict:
    """신뢰도 of each rule: the share of its proposals a person's count matched on the labelled
    RFPs, shrunk toward its type's share by ``shrink`` proposals so that a rule seen a few times is
    not given 0 or 1: (matched + shrink × type share) / (proposed + shrink)."""
    shrink = raw["shrink"]
    by_rule: dict[str, dict[str, float]] = {}
    by_type: dict[str, float] = {}
    everything = [cell for rules in raw["counts"].values() for cell in rules.values()]
    overall = sum(m for m, _n in everything) / sum(n for _m, n in everything)
    for kind, rules in raw["counts"].items():
        proposed = sum(n for _m, n in rules.values())
        share = sum(m for m, _n in rules.values()) / proposed if proposed else overall
        by_type[kind] = round(share, 2)
        by_rule[kind] = {rule: round((m + shrink * share) / (n + shrink), 2) for rule, (m, n) in rules.items()}
    for kind in TYPE_ORDER:
        by_type.setdefault(kind, round(overall, 2))
    return {"rule": by_rule, "type": by_type}


def load_vocabulary(day: dt.date | str | None = None) -> Vocabulary:
    if isinstance(day, str):
        day = _rules.loader.parse_date(day)
    return _vocabulary(day or dt.date.today())


@lru_cache(maxsize=4)
def _vocabulary(day: dt.date) -> Vocabulary:
    r = _rules.at(day)
    manage = r.value("functions.manage_expansion")
    link = r.value("functions.interface_words")
    names = sorted(r.names("functions."))
    return Vocabulary(
        verbs={k: dict(v) for k, v in r.value("functions.process_verbs").items()},
        manage_words=frozenset(manage["words"]),
        manage_expands=tuple(manage["expands_to"]),
        manage_absorbs=frozenset(manage["absorbs"]),
        manage_acts=frozenset(manage.get("acts", [])),
        excluded=frozenset(r.value("functions.excluded_words")),
        outputs=frozenset(r.value("functions.output_nouns")),
        link_words=frozenset(link["link"]),
        outbound_words=frozenset(link["outbound"]),
        link_internal=frozenset(link.get("internal", [])),
        system_heads=frozenset(link.get("system_heads", [])),
        nonfunctional=frozenset(r.value("functions.nonfunctional_words")),
        fillers=frozenset(r.value("functions.filler_nouns")),
        actors=frozenset(r.value("functions.actor_nouns")),
        categories=frozenset(str(c) for c in r.value("functions.functional_categories")),
        confidence=_confidence_table(r.value("functions.confidence")),
        suffixes=tuple(r.value("functions.object_suffixes")),
        relations=frozenset(r.value("functions.relation_nouns")),
        overview_names=tuple(r.value("functions.overview_names")),
        references={n: r.get(n).cite() for n in names},
        leave_out_below=float(r.value("functions.leave_out_below")),
    )
