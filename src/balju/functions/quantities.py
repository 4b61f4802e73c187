"""Quantities a requirement states (본문이 말하는 수량): '36종', '6가지', '메뉴 12개'.

A requirement that counts its documents, menus or reports in a number usually holds that many
functions for a person who counts them, while the proposal reads the sentence once ('송/수신, 조회,
배치 36종' → one function). When the largest such number is above the functions proposed for the
requirement, the review says so as an info finding, so a person reads the table the text points to.
It proposes nothing itself (rule ``functions.stated_quantities``; docs/functions.md step 24).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from balju.findings import Finding
from balju.functions.model import Function
from balju.requirements.model import Requirement
from balju.rules import Rules

CODE = "fp.stated-quantity"
RULE = "functions.stated_quantities"
PARTICLES = "을|를|이|가|의|은|는|과|와|에|으로|로|도|만|씩|까지"
"""조사 a unit may carry ('36종을', '6가지를'); any other syllable makes it another word ('종류')."""


@dataclass(frozen=True)
class Quantity:
    """One stated quantity: its words as written and its number."""

    text: str
    number: int


def stated_quantities(text: str, rule: dict) -> list[Quantity]:
    """The quantities of ``text`` in document order: a number before a counting unit (종, 가지) or
    after a noun that names functions (메뉴 12개), within the rule's bounds."""
    units = "|".join(map(re.escape, rule["units"]))
    nouns = "|".join(map(re.escape, sorted(rule["counted_nouns"], key=len, reverse=True)))
    # '36종', '6가지를' but not '10종류', '종합' (a unit glued to a longer word); '메뉴 12개' but not
    # '항목 12개' (fields are DET)
    pattern = re.compile(
        rf"(?<!\d)(\d{{1,4}})\s*(?:{units})(?=[^가-힣]|$|(?:{PARTICLES})(?![가-힣]))|(?:{nouns})\s*(\d{{1,4}})\s*개"
    )
    found = []
    for m in pattern.finditer(text or ""):
        number = int(m.group(1) or m.group(2))
        if rule["smallest"] <= number <= rule["largest"]:
            found.append((m.start(), Quantity(m.group(0).strip(), number)))
    return [q for _, q in sorted(found, key=lambda pair: pair[0])]


def quantity_findings(requirements: Iterable[Requirement], functions: list[Function], rules: Rules) -> list[Finding]:
    """One info finding per requirement whose largest stated quantity is above its proposed functions."""
    rule = rules.get(RULE)
    listed: dict[str, int] = {}
    for f in functions:
        listed[f.requirement_id or ""] = listed.get(f.requirement_id or "", 0) + 1
    out = []
    for req in requirements:
        found = stated_quantities(f"{req.name}\n{req.text}", rule.value)
        if not found:
            continue
        largest = max(found, key=lambda q: q.number)
        proposed = listed.get(req.id, 0)
        if largest.number <= proposed:
            continue
        words = ", ".join(dict.fromkeys(q.text for q in found))
        out.append(
            Finding(
                code=CODE,
                severity="info",
                message=f"{req.id} 본문은 수량({words})을 말하지만 제안된 기능은 {proposed}개입니다 — 빠진 기능이 있는지 확인하세요.",
                why="문서·메뉴·보고서를 수량으로 적은 요구사항은 사람이 셀 때 대개 그 수만큼 기능이 됩니다. 제안은 문장을 한 번만 읽습니다.",
                fix="본문이 가리키는 표(과업 내용, 메뉴·문서 목록)를 읽고 빠진 기능을 기능 목록에 더하세요.",
                requirement_id=req.id,
                quote=largest.text,
                where=req.where,
                reference=rule.cite(),
            )
        )
    return out
