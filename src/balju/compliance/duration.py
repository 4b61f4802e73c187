"""적정 사업기간 from FP (소프트웨어 진흥법 제45조, 「계약 및 관리감독 지침」 제10조·별표 1).

1인 총투입기간(MM) = FP ÷ 1인 생산성(FP/MM); 전체 개발기간(월) = 1인 총투입기간 ÷ 적정 개발인력 수.
The productivity table is ``compliance.duration_productivity`` and is UNVERIFIED (rules.md 3.8):
every result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from balju.errors import InputError
from balju.rules import Rules

_SHOW = Decimal("0.1")


@dataclass
class DurationEstimate:
    fp_total: Decimal
    fp_per_mm: int
    """1인 생산성 (FP/MM) of the band the FP falls in."""
    person_months: Decimal
    """1인 총투입기간 (MM), exact."""
    staff: int | None
    months: Decimal | None
    """전체 개발기간 (월) = person_months ÷ staff, exact; None when no staff count is given."""
    explanation: str
    reference: str
    verified: bool
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "fp_total": str(self.fp_total),
            "fp_per_mm": self.fp_per_mm,
            "person_months": str(self.person_months.quantize(Decimal("0.01"), ROUND_HALF_UP)),
            "staff": self.staff,
            "months": None if self.months is None else str(self.months.quantize(Decimal("0.01"), ROUND_HALF_UP)),
            "explanation": self.explanation,
            "reference": self.reference,
            "verified": self.verified,
            "notes": self.notes,
        }


def _band(fp: Decimal, bands: list[dict]) -> dict:
    for band in bands:
        low = Decimal(band["from"])
        high = band.get("below")
        if fp >= low and (high is None or fp < Decimal(high)):
            return band
    raise InputError(f"기능점수 {fp}에 맞는 생산성 구간이 없습니다 (no productivity band).")  # pragma: no cover


def appropriate_duration(fp_total: Decimal | int | float | str, rules: Rules, staff: int | None = None) -> DurationEstimate:
    """적정 사업기간: 1인 총투입기간(MM), and the months when the 적정 개발인력 수 ``staff`` is given."""
    try:
        fp = Decimal(str(fp_total))
    except Exception:  # noqa: BLE001
        raise InputError(f"기능점수 '{fp_total}'을(를) 읽을 수 없습니다 (not a number).", where="fp_total") from None
    if not fp.is_finite() or fp <= 0:
        raise InputError(f"기능점수는 0보다 커야 합니다 (FP must be positive): {fp_total}", where="fp_total",
                         fix="기능점수 합계(FP)를 적으세요. 예: 850")
    if staff is not None and (isinstance(staff, bool) or not isinstance(staff, int) or staff <= 0):
        raise InputError(f"적정 개발인력 수는 1 이상의 정수여야 합니다 (staff must be a positive integer): {staff!r}",
                         where="staff", fix="예: 5")
    rule = rules.get("compliance.duration_productivity")
    band = _band(fp, rule.value["bands"])
    per_mm = int(band["fp_per_mm"])
    person_months = fp / Decimal(per_mm)
    upper = f"{band['below']:,}FP 미만" if band.get("below") is not None else "이상"
    band_text = f"{int(band['from']):,}FP 이상 {upper}" if band.get("below") is not None else f"{int(band['from']):,}FP 이상"
    explanation = (
        f"기능점수 {fp:,}FP는 '{band_text}' 구간으로 1인 생산성 {per_mm}FP/MM를 적용합니다. "
        f"1인 총투입기간 = {fp:,} ÷ {per_mm} = {person_months.quantize(_SHOW, ROUND_HALF_UP)}MM."
    )
    months = None
    if staff is not None:
        months = person_months / Decimal(staff)
        explanation += (
            f" 적정 개발인력 {staff}명이면 전체 개발기간 = {person_months.quantize(_SHOW, ROUND_HALF_UP)} ÷ {staff} "
            f"= {months.quantize(_SHOW, ROUND_HALF_UP)}개월."
        )
    else:
        explanation += " 적정 개발인력 수를 주면 전체 개발기간(월)을 계산합니다."
    notes = []
    if not rule.verified:
        notes.append(
            "1인 생산성 구간값은 원문(지침 별표 1)과 대조하지 않은 미검증 값입니다 — 적정 사업기간 산정서의 근거로 쓰기 전에 확인하세요."
        )
    return DurationEstimate(fp, per_mm, person_months, staff, months, explanation, rule.cite(), rule.verified, notes)
