"""The identifier's version and the RFPs it was developed on (식별기 판, 개발에 쓴 RFP).

The identifier was tuned and measured on labelled RFPs, so a person's count of one of them measures
it on data it has already seen. A corrected function list (``balju corrections``) is a **first
measurement** (처음 재는 값) of today's identifier only when its RFP is not one of those and the
list was saved after the identifier was frozen (rule ``functions.identifier``; docs/functions.md,
"Corrections as new measurements"). Only first measurements say whether the issue's target
(the total FP within ±10% of a person's count) is met on RFPs the identifier has not seen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from balju.rules import Rules

RULE = "functions.identifier"


@dataclass(frozen=True)
class Identifier:
    """식별기 판: the version, when it was frozen, the target error and what it was developed on."""

    version: int
    frozen: dt.datetime
    target_error: Decimal
    sha256: frozenset[str]
    notices: frozenset[str]
    file_names: frozenset[str]

    @property
    def name(self) -> str:
        return f"v{self.version}"


def identifier(rules: Rules) -> Identifier:
    """The identifier of ``rules`` (``functions.identifier``)."""
    value = rules.get(RULE).value
    developed = value["developed_on"]
    frozen = dt.datetime.fromisoformat(value["frozen"])
    return Identifier(
        version=int(value["version"]),
        frozen=frozen if frozen.tzinfo else frozen.replace(tzinfo=dt.timezone.utc),
        target_error=Decimal(value["target_error"]),
        sha256=frozenset(developed["sha256"]),
        notices=frozenset(developed["notices"]),
        file_names=frozenset(developed["file_names"]),
    )


def seen_because(ident: Identifier, *, sha256: str | None, file_name: str, saved_at: dt.datetime) -> str | None:
    """Why a corrected list is not a first measurement of ``ident`` (Korean), or None when it is.

    Its RFP is one the identifier was developed on when the file is the same (sha256), when the
    published file name is the same, or when a notice number of the set (공고번호) is in its name.
    """
    name = PurePath(file_name or "").name
    if (sha256 and sha256 in ident.sha256) or name in ident.file_names or any(n in name for n in ident.notices):
        return f"식별기 {ident.name}을 만들고 잰 RFP"
    saved = saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=dt.timezone.utc)
    if saved <= ident.frozen:
        return f"식별기 {ident.name} 동결({ident.frozen:%Y-%m-%d %H:%M} UTC) 전에 저장한 목록"
    return None


def seen_of(ident: Identifier, summary: Any) -> str | None:
    """``seen_because`` for a stored corrected review (its ``ReviewSummary``: file, hash, saved at)."""
    return seen_because(ident, sha256=summary.sha256, file_name=summary.file_name, saved_at=summary.created_at)
