"""Budget adequacy (예산 적정성): how far an RFP's budget is from the KOSA guide price.

The guide price is the SW개발비 of the proposed function points (``balju.cost``), compared on
the budget's VAT basis: a budget with VAT (부가세 포함, the usual 사업예산) is compared with the
사업금액 (SW개발비 + 부가세); a budget without VAT with the SW개발비 itself.

The range (guide_price_low/high) comes from points priced one by one (the size factor is not
linear, so each FP total is priced through the whole chain):

- central: 간이법 over every function of the list (the guide's method at the ordering stage);
- low: 간이법 without the functions whose proposal confidence is below ``budget.low_confidence``;
- high: the same low-confidence functions counted at the 정통법 '복잡' (high) weight;
- left-out candidates (빼 둔 후보, identifier v6): the list with them, at 간이법 and at the
  정통법 '복잡' weight;
- proposal error: for proposed functions, the 간이법 FP of every candidate (the list and its
  left-out candidates: what the ratio was measured on) × the median, lowest and highest ratio of a
  person's count to it on the labelled set (``budget.proposal_fp_ratio``);
- 정통법: when every function has DET and RET/FTR (a person-corrected list), its 정통법 count.

low = the smallest of these prices, high = the largest. The verdict compares the development
budget with the central price within the band ``budget.adequate_band`` (balju's convention).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Sequence

from balju.budget.split import CATEGORY_KO, BudgetSplit
from balju.cost import DevelopmentEstimate, DevelopmentOptions, estimate_development
from balju.errors import BaljuError
from balju.fp import FPCount, count
from balju.functions.calibration import Calibrated, calibrate, ratio_band
from balju.functions.model import Function
from balju.rules import Rules

VERDICTS = ("adequate", "short", "over", "cannot_tell")


@dataclass
class PricePoint:
    """One FP total priced through the chain (가격 범위의 한 점)."""

    key: str
    label: str
    fp_total: Decimal
    price: int


@dataclass
class BudgetAssessment:
    stated_budget: int | None
    vat_included: bool | None
    """As the RFP says; None when it does not say."""
    development_budget: int | None
    """The development part of the budget as far as the RFP breaks it down (same VAT basis)."""
    guide_price: int | None
    guide_price_low: int | None
    guide_price_high: int | None
    gap_won: int | None
    gap_percent: float | None
    verdict: str
    verdict_ko: str
    why: str
    compared_budget: int | None = None
    """The amount compared: development_budget, or stated_budget when no split is stated."""
    compared_is_development: bool = False
    vat_basis_included: bool = True
    """The VAT basis of the comparison (True: 부가세 포함)."""
    price_basis: str = ""
    fp_total: Decimal | None = None
    fp_low: Decimal | None = None
    fp_high: Decimal | None = None
    function_count: int = 0
    low_confidence_functions: int = 0
    left_out_functions: int = 0
    """빼 둔 후보: proposals under ``functions.leave_out_below``, not in the list (v6)."""
    points: list[PricePoint] = field(default_factory=list)
    range_basis: str = ""
    reasons: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    function_source: str = "proposal"
    """proposal (balju's proposed functions) | corrected (a person's list) | fp (a number)."""
    estimate: DevelopmentEstimate | None = None
    split: BudgetSplit | None = None

    def to_dict(self) -> dict:
        """The ``budget`` part of the Review JSON (docs/review-json.md), plus detail."""
        return {
            "stated_budget": self.stated_budget,
            "vat_included": self.vat_included,
            "development_budget": self.development_budget,
            "guide_price": self.guide_price,
            "guide_price_low": self.guide_price_low,
            "guide_price_high": self.guide_price_high,
            "gap_won": self.gap_won,
            "gap_percent": self.gap_percent,
            "verdict": self.verdict,
            "verdict_ko": self.verdict_ko,
            "why": self.why,
            "compared_budget": self.compared_budget,
            "compared_is_development": self.compared_is_development,
            "vat_basis": "included" if self.vat_basis_included else "excluded",
            "price_basis": self.price_basis,
            "fp_total": _number(self.fp_total),
            "fp_low": _number(self.fp_low),
            "fp_high": _number(self.fp_high),
            "function_count": self.function_count,
            "low_confidence_functions": self.low_confidence_functions,
            "left_out_functions": self.left_out_functions,
            "function_source": self.function_source,
            "range_basis": self.range_basis,
            "points": [
                {"key": p.key, "label": p.label, "fp_total": _number(p.fp_total), "price": p.price}
                for p in self.points
            ],
            "reasons": list(self.reasons),
            "assumptions": list(self.assumptions),
            "split": self.split.to_dict() if self.split is not None else None,
        }


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def assess(
    stated_budget: int | None,
    vat_included: bool | None,
    development_budget: int | None,
    functions_or_fp: Sequence[Function] | FPCount | Decimal | int | float | None,
    rules: Rules,
    options: DevelopmentOptions | None = None,
    *,
    split: BudgetSplit | None = None,
    function_source: str | None = None,
    notes: Sequence[str] = (),
    left_out: Sequence[Function] = (),
) -> BudgetAssessment:
    """Compare a budget with the guide price of the proposed (or corrected) functions.

    ``left_out``: the candidates the identifier left out of a proposal (``propose(...).left_out``).

    ``development_budget`` is on the same VAT basis as ``stated_budget``; None when the RFP
    states no split (then the whole budget is compared, and ``split.mentions`` — hardware or
    licences named without amounts — make a non-short result 'cannot tell').
    """
    options = options or DevelopmentOptions()
    assumptions: list[str] = []
    reasons: list[str] = []

    assumed_vat = bool(rules.value("budget.vat_assumed_included"))
    basis_included = vat_included if vat_included is not None else assumed_vat
    if vat_included is None and stated_budget is not None:
        assumptions.append(
            f"예산에 부가세 포함 여부가 적혀 있지 않아 {'포함' if assumed_vat else '별도'}으로 보았습니다 "
            f"(VAT basis not stated) — {rules.get('budget.vat_assumed_included').cite()}"
        )
    price_basis = "사업금액(SW개발비 + 부가세 10%)" if basis_included else "SW개발비(부가세 별도)"

    functions, fp_given, source = _functions(functions_or_fp)
    source = function_source or source
    left_out = list(left_out) if source == "proposal" else []
    points, low_conf, estimate, calibrated = _price_points(
        functions, fp_given, rules, options, basis_included, proposal=(source == "proposal"), left_out=left_out
    )
    central = points[0] if points else None

    result = BudgetAssessment(
        stated_budget=stated_budget,
        vat_included=vat_included,
        development_budget=development_budget,
        guide_price=central.price if central else None,
        guide_price_low=min(p.price for p in points) if points else None,
        guide_price_high=max(p.price for p in points) if points else None,
        gap_won=None,
        gap_percent=None,
        verdict="cannot_tell",
        verdict_ko="판단 불가",
        why="",
        vat_basis_included=basis_included,
        price_basis=price_basis,
        fp_total=central.fp_total if central else None,
        fp_low=min(p.fp_total for p in points) if points else None,
        fp_high=max(p.fp_total for p in points) if points else None,
        function_count=len(functions) if functions is not None else 0,
        low_confidence_functions=low_conf,
        left_out_functions=len(left_out),
        points=points,
        range_basis=_range_basis(points),
        assumptions=assumptions,
        function_source=source,
        estimate=estimate,
        split=split,
    )
    if estimate is not None:
        assumptions.extend(estimate.assumptions)

    compared = development_budget if development_budget is not None else stated_budget
    result.compared_budget = compared
    result.compared_is_development = development_budget is not None

    if compared is None:
        reasons.append("제안요청서에 사업예산(소요예산·사업비)이 적혀 있지 않습니다 (no budget stated).")
    if central is None or central.fp_total <= 0:
        reasons.append(
            "기능 요구사항에서 기능을 하나도 찾지 못해 가이드 가격을 낼 수 없습니다 "
            "(no functional requirements to size)."
        )
        reasons.extend(notes)
    if reasons:
        return _finish(result, reasons)

    gap = compared - central.price
    percent = Decimal(gap) * 100 / Decimal(central.price)
    result.gap_won = gap
    result.gap_percent = float(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    band = rules.value("budget.adequate_band")
    lower, upper = Decimal(band["lower"]), Decimal(band["upper"])
    shown = int(abs(percent).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    vat_word = "부가세 포함" if basis_included else "부가세 별도"
    what = "개발 예산" if development_budget is not None else "예산 전체"
    spread = (
        f", 범위 {result.guide_price_low:,}~{result.guide_price_high:,}원"
        if result.guide_price_low != result.guide_price_high
        else ""
    )
    comparison = (
        f"{what} {compared:,}원({vat_word})과 가이드 가격 {central.price:,}원"
        f"({price_basis}, {_fp_text(central.fp_total)}FP{spread})"
    )

    mixed = development_budget is None and split is not None and bool(split.mentions)
    if development_budget is None:
        if mixed:
            words = ", ".join(
                f"{CATEGORY_KO[c]}: {'·'.join(w[:3])}" for c, w in split.mentions.items()
            )
            reasons.append(
                f"예산에 개발이 아닌 항목({words})이 함께 들어 있으나 금액 내역이 없어 개발비 몫을 알 수 없습니다 "
                "(budget mixes non-development items and the split is unknown)."
            )
        else:
            reasons.append(
                "예산 내역이 적혀 있지 않아 예산 전체를 SW개발비로 보았습니다 — HW·상용SW·운영비가 "
                "들어 있다면 개발비는 더 적습니다 (no split stated; whole budget taken as development)."
            )
    elif split is not None:
        reasons.extend(split.notes)

    if percent < lower:
        result.verdict, result.verdict_ko = "short", f"{shown}% 부족"
        lead = f"{comparison}을 비교하면 {abs(gap):,}원({shown}%) 부족합니다."
        if mixed:
            lead += " 비개발 항목을 빼면 개발비는 더 부족합니다."
        if source == "proposal":
            lead += _proposal_caution(rules, calibrated, compared >= (result.guide_price_low or 0))
    elif mixed:
        lead = f"{comparison}을 비교했으나, 비개발 항목 금액을 몰라 적정한지 판단할 수 없습니다."
    elif percent > upper:
        result.verdict, result.verdict_ko = "over", f"{shown}% 초과"
        lead = f"{comparison}을 비교하면 {gap:,}원({shown}%) 많습니다."
        if source == "proposal":
            lead += " 제안 기능에서 빠진 기능이 있으면 가이드 가격이 더 큽니다 — 기능 목록을 확인하세요."
            lead += _proposal_caution(rules, calibrated, compared <= (result.guide_price_high or 0), "over")
    else:
        result.verdict, result.verdict_ko = "adequate", "적정"
        lead = f"{comparison}의 차이가 {result.gap_percent:+.1f}%로 허용 폭 안입니다."
    if not (mixed and result.verdict == "cannot_tell"):
        lead += f" (허용 폭 {lower:+}%~{upper:+}%: balju 관례, 법령 기준 아님)"
    reasons.insert(0, lead)

    small = rules.get("effort.small_budget_limit")
    if compared < small.value:
        reasons.append(
            f"SW개발 예산이 {small.value:,}원 미만이라 가이드는 기능점수 대신 투입공수 방식도 허용합니다 "
            f"({small.cite()})."
        )
    calibrated_point = next((p for p in points if p.key == "proposal_calibrated"), None)
    if calibrated_point is not None and calibrated is not None:
        reasons.append(
            f"보정 추정: {calibrated.tendency_ko}(중앙값 × {calibrated.factor}, "
            f"규칙 budget.proposal_fp_ratio) — 제안 {_fp_text(central.fp_total)}FP → "
            f"{_fp_text(calibrated_point.fp_total)}FP이면 가이드 가격은 {calibrated_point.price:,}원입니다."
        )
    if low_conf:
        reasons.append(f"신뢰도 낮은 제안 기능 {low_conf}개가 범위를 넓힙니다 — 기능 목록을 확인하세요.")
    return _finish(result, reasons)


def _proposal_caution(rules: Rules, calibrated: Calibrated | None, within_range: bool, verdict: str = "short") -> str:
    """Why a 'short' or 'over' verdict on balju's own proposal is not yet a finding: on RFPs it had
    not seen, a person counted from about half to several times what it proposed, the more so the
    smaller the proposal (``budget.proposal_fp_ratio``, measured)."""
    ratio = rules.get("budget.proposal_fp_ratio")
    if calibrated is not None:
        low, high = calibrated.fp_low / calibrated.proposed, calibrated.fp_high / calibrated.proposed
        where, typical = calibrated.measured_on_ko, f", 중앙값 {calibrated.factor}"
    else:
        low, high, where, typical = ratio.value["low"], ratio.value["high"], "처음 보는 RFP에서", ""
    text = (
        f" 가이드 가격은 balju가 제안한 기능 기준입니다: {where} 사람이 센 FP는 제안의 "
        f"{_ratio_text(low)}~{_ratio_text(high)}배였습니다{typical} ({ratio.cite()})."
    )
    word = "부족하다고" if verdict == "short" else "많다고"
    if within_range:
        text += f" 예산이 이 오차 범위의 가격 안에 있어 {word} 단정할 수 없습니다 — 기능 목록을 고친 뒤 다시 판단하세요."
    elif verdict == "short":
        text += " 예산은 이 오차 범위의 가장 낮은 가격보다도 적습니다."
    else:
        text += " 예산은 이 오차 범위의 가장 높은 가격보다도 많습니다."
    return text


def _finish(result: BudgetAssessment, reasons: list[str]) -> BudgetAssessment:
    result.reasons = reasons
    result.why = " ".join(reasons)
    return result


def _functions(value) -> tuple[list[Function] | None, Decimal | None, str]:
    if value is None:
        return [], None, "proposal"
    if isinstance(value, FPCount):
        if value.items:
            return [item.function for item in value.items], None, "proposal"
        return None, Decimal(value.total), "fp"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return None, Decimal(str(value)), "fp"
    functions = list(value)
    source = "corrected" if functions and all(f.confidence is None for f in functions) else "proposal"
    return functions, None, source


def _price_points(
    functions: list[Function] | None,
    fp_given: Decimal | None,
    rules: Rules,
    options: DevelopmentOptions,
    vat_included: bool,
    proposal: bool = True,
    left_out: Sequence[Function] = (),
) -> tuple[list[PricePoint], int, DevelopmentEstimate | None, Calibrated | None]:
    def price(fp: Decimal) -> tuple[int, DevelopmentEstimate]:
        estimate = estimate_development(fp, rules, options)
        return (estimate.total if vat_included else estimate.development_cost), estimate

    if functions is None:
        amount, estimate = price(fp_given)
        return [PricePoint("given", "주어진 기능점수", fp_given, amount)], 0, estimate, None
    if not functions:
        return [], 0, None, None
    simple = count(functions, "simple", rules)
    amount, estimate = price(simple.total)
    points = [PricePoint("simple", "간이법 (모든 기능)", simple.total, amount)]

    threshold = Decimal(rules.value("budget.low_confidence"))
    low = [f for f in functions if f.confidence is not None and Decimal(str(f.confidence)) < threshold]
    if low:
        simple_weights = rules.value("fp.simple_weights")
        high_weights = rules.value("fp.detailed_weights")
        dropped = sum((Decimal(simple_weights[f.type]) for f in low), Decimal(0))
        raised = sum((Decimal(high_weights[f.type]["high"]) for f in low), Decimal(0))
        fp_low = simple.total - dropped
        fp_high = simple.total - dropped + raised
        if fp_low > 0:
            # every function uncertain (a list of one requirement's kept candidates, v7): 0 FP is no price
            points.append(PricePoint("low_confidence_dropped", f"간이법, 신뢰도 {threshold} 미만 기능 {len(low)}개 제외", fp_low, price(fp_low)[0]))
        points.append(PricePoint("low_confidence_high", f"신뢰도 {threshold} 미만 기능 {len(low)}개를 정통법 '복잡' 가중치로", fp_high, price(fp_high)[0]))
    base, base_word = simple.total, "제안 FP"
    if left_out:
        threshold_out = Decimal(str(rules.value("functions.leave_out_below")))
        every = count([*functions, *left_out], "simple", rules).total
        high_weights = rules.value("fp.detailed_weights")
        raised = simple.total + sum((Decimal(high_weights[f.type]["high"]) for f in left_out), Decimal(0))
        n = len(left_out)
        points.append(PricePoint("left_out_included", f"간이법, 신뢰도 {threshold_out} 미만이라 뺀 후보 {n}개까지", every, price(every)[0]))
        points.append(PricePoint("left_out_high", f"뺀 후보 {n}개를 정통법 '복잡' 가중치로 더해", raised, price(raised)[0]))
        # the ratios were measured on every candidate (v5's list), so they multiply that total
        base, base_word = every, "후보 전체 FP"
    calibrated = None
    if proposal:
        # the small class's ratios below its bound (docs/functions.md step 26)
        band = ratio_band(base, rules)
        calibrated = calibrate(base, rules)
        if calibrated is not None:
            # what a person would likely count: the median of its size class (docs/functions.md steps 26, 28;
            # leave-one-out on the 9 untuned RFPs, median error 13.5%)
            points.append(
                PricePoint(
                    "proposal_calibrated",
                    f"{base_word} × {calibrated.factor} ({calibrated.measured_on_ko} 사람이 센 FP ÷ 제안의 중앙값, 보정 추정)",
                    calibrated.fp,
                    price(calibrated.fp)[0],
                )
            )
        for key, label in (("low", "적게"), ("high", "많게")):
            factor = band.low if key == "low" else band.high
            fp = base * factor
            points.append(
                PricePoint(
                    f"proposal_error_{key}",
                    f"{base_word} × {factor} (표지 세트에서 사람이 센 FP가 가장 {label} 나온 비율)",
                    fp,
                    price(fp)[0],
                )
            )
    if all(f.det is not None and f.records is not None for f in functions):
        try:
            detailed = count(functions, "detailed", rules)
        except BaljuError:
            detailed = None
        if detailed is not None:
            points.append(PricePoint("detailed", "정통법 (DET·RET/FTR로 복잡도 판정)", detailed.total, price(detailed.total)[0]))
    return points, len(low), estimate, calibrated


def _range_basis(points: Iterable[PricePoint]) -> str:
    labels = [p.label for p in points]
    if not labels:
        return ""
    if len(labels) == 1:
        return f"범위 없음: 한 가지 산정만 있음 ({labels[0]})"
    return "범위: " + " / ".join(labels) + " 중 최소~최대"


def _fp_text(fp: Decimal) -> str:
    return str(_number(fp))


def _ratio_text(ratio: Decimal | float) -> str:
    return f"{Decimal(str(ratio)).normalize():f}"
