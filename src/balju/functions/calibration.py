"""보정 추정 (calibrated estimate): what a person would likely count, given the proposal's total.

On RFPs the identifier had not been tuned on, a person counted fewer FP than it proposed — hand ÷
proposed had a median of 0.82 for identifier v5 and has ranged 0.48 … 4.83 over the versions (rule
``budget.proposal_fp_ratio``, measured on the labelled sets, docs/functions.md). The proposal's list stays what it is; this is a second figure
beside it, never applied to a list a person has corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from balju.rules import Rules

RULE = "budget.proposal_fp_ratio"


@dataclass(frozen=True)
class Calibrated:
    """The proposal's FP scaled by the measured hand ÷ proposed ratios (보정 추정 기능점수)."""

    proposed: Decimal
    factor: Decimal
    fp: Decimal
    fp_low: Decimal
    fp_high: Decimal
    reference: str


def calibrate(proposed_fp: Decimal, rules: Rules) -> Calibrated | None:
    """``None`` when the rules in force carry no measured median."""
    rule = rules.get(RULE)
    ratio = rule.value
    if ratio.get("median") is None:
        return None
    factor = Decimal(str(ratio["median"]))
    proposed = Decimal(proposed_fp)
    return Calibrated(
        proposed=proposed,
        factor=factor,
        fp=proposed * factor,
        fp_low=proposed * Decimal(str(ratio["low"])),
        fp_high=proposed * Decimal(str(ratio["high"])),
        reference=rule.cite(),
    )
