"""보정 추정 (calibrated estimate): what a person would likely count, given the proposal's total.

On RFPs the identifier had not been tuned on, a person counted fewer FP than a proposal of 100 FP
or more (hand ÷ proposed: a median of 0.79 on the six untuned RFPs that size, from 0.48 to
2.15 over the versions), and more than a smaller proposal (a median of 1.325, from 0.48 to 12.65): rule
``budget.proposal_fp_ratio``, measured on the labelled sets, docs/functions.md steps 19, 26 and 28.
The proposal's list stays what it is; this is a second figure beside it, never applied to a list a
person has corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from balju.rules import Rules

RULE = "budget.proposal_fp_ratio"


@dataclass(frozen=True)
class RatioBand:
    """The measured hand ÷ proposed ratios for a proposal of one size (제안 규모별 비율)."""

    low: Decimal
    high: Decimal
    median: Decimal | None
    small_below: Decimal | None = None
    """Set when the proposal is under this many FP: the small class's ratios (None: the others')."""
    small_bound: Decimal | None = None
    """The rule's small-proposal bound, whichever class was chosen (None: the rule has none)."""


def ratio_band(proposed_fp: Decimal, rules: Rules) -> RatioBand:
    """The ratios for a proposal of ``proposed_fp`` (every candidate's 간이법 FP): the small class's
    when the rule has one and the proposal is below its bound, else the rule's own."""
    value = rules.get(RULE).value
    small = value.get("small")
    chosen, below = value, None
    if small and Decimal(proposed_fp) < Decimal(str(small["below"])):
        chosen, below = small, Decimal(str(small["below"]))
    median = chosen.get("median")
    return RatioBand(Decimal(str(chosen["low"])), Decimal(str(chosen["high"])),
                     Decimal(str(median)) if median is not None else None, below,
                     Decimal(str(small["below"])) if small else None)


@dataclass(frozen=True)
class Calibrated:
    """The proposal's FP scaled by the measured hand ÷ proposed ratios (보정 추정 기능점수)."""

    proposed: Decimal
    factor: Decimal
    fp: Decimal
    fp_low: Decimal
    fp_high: Decimal
    reference: str
    small_below: Decimal | None = None
    """Set when the small-proposal ratios were used (the proposal is under this many FP)."""
    small_bound: Decimal | None = None
    """The rule's small-proposal bound, whichever class was used (None: the rule has none)."""

    @property
    def measured_on_ko(self) -> str:
        """Which proposals the ratios were measured on, in Korean (…에서)."""
        return size_class_ko(self.small_below, self.small_bound)

    @property
    def tendency_ko(self) -> str:
        """What the ratio says, in Korean: which proposals it was measured on, and which way a person's count went."""
        way = "많았습니다" if self.factor > 1 else "적었습니다"
        return f"{self.measured_on_ko} 사람이 센 FP는 대개 제안보다 {way}"


def size_class_ko(small_below: Decimal | None, small_bound: Decimal | None) -> str:
    """'후보 전체 100 FP 미만인 작은 제안에서' / '… 이상인 제안에서' / '처음 보는 RFP에서' (the rule has no classes)."""
    if small_below is not None:
        return f"처음 보는 RFP 가운데 후보 전체 {small_below.normalize():f} FP 미만인 작은 제안에서"
    if small_bound is not None:
        return f"처음 보는 RFP 가운데 후보 전체 {small_bound.normalize():f} FP 이상인 제안에서"
    return "처음 보는 RFP에서"


def calibrate(proposed_fp: Decimal, rules: Rules) -> Calibrated | None:
    """``None`` when the rules in force carry no measured median."""
    band = ratio_band(proposed_fp, rules)
    if band.median is None:
        return None
    proposed = Decimal(proposed_fp)
    return Calibrated(
        proposed=proposed,
        factor=band.median,
        fp=proposed * band.median,
        fp_low=proposed * band.low,
        fp_high=proposed * band.high,
        reference=rules.get(RULE).cite(),
        small_below=band.small_below,
        small_bound=band.small_bound,
    )
