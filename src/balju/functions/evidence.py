"""근거 (evidence): the words of a requirement a proposal is traced to, cut around the object in a
long clause, and the object's name as shown."""

from __future__ import annotations

import re


def display(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,/·및")
    return text


_EVIDENCE_CHARS = 120
"""근거 문구 길이: about one table-cell line, enough to show the words and a little context."""


def evidence_of(clause: str, obj_text: str = "", process: str = "") -> str:
    """The clause, or in a long clause the part around the object and its process (…cut…).

    A cell whose lines were joined into one (a converter that writes one paragraph per cell) can
    run to hundreds of characters; cutting it at the start would show every function of the cell
    the same words, none of them its own.
    """
    clause = re.sub(r"\s+", " ", clause).strip()
    if len(clause) <= _EVIDENCE_CHARS:
        return clause
    focus = _focus(clause, re.sub(r"\s+", " ", obj_text).strip(), process)
    if focus is None:
        return clause[: _EVIDENCE_CHARS - 3] + "…"
    begin, end = focus
    # start at the enumerator or separator the focus sits after, when it is near
    lead = max((clause.rfind(mark, 0, begin) for mark in (" ①", " ②", " ③", " ④", " ⑤", " ⑥", " ⑦", " ⑧",
                                                          " ⑨", " ⑩", ". ", ", ", ": ")), default=-1)
    start = lead + 1 if 0 <= lead and begin - lead <= 40 else max(0, begin - 20)
    stop = min(len(clause), max(end, start + _EVIDENCE_CHARS - 2))
    text = clause[start:stop].strip()
    return ("…" if start > 0 else "") + text + ("…" if stop < len(clause) else "")


def _focus(clause: str, obj: str, process: str) -> tuple[int, int] | None:
    """(begin, end) of the object followed by its process in the clause, or of either alone."""
    if obj and process:
        for found in re.finditer(re.escape(obj), clause):
            at = clause.find(process, found.end(), found.end() + 60)
            if at >= 0:
                return found.start(), at + len(process)
    for word in (process, obj):
        at = clause.find(word) if word else -1
        if at >= 0:
            return at, at + len(word)
    return None
