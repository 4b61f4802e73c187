"""SW개발비 (development cost) by the guide's chain:

보정전 개발원가 = FP × FP당 단가 × 단계 가중치
보정후 개발원가 = 보정전 × 규모 × 연계복잡성 × 성능요구수준 × 운영환경호환성 × 보안성
SW개발비      = 보정후 개발원가 + 이윤 + 직접경비;  사업금액 = SW개발비 + 부가가치세
Each product is rounded to won as the rule ``cost.rounding`` says (rules.md 1.4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from balju.cost.money import format_won, round_won
from balju.errors import InputError
from balju.rules import Rules

PHASE_ALIASES = {
    "analysis": "analysis", "분석": "analysis",
    "design": "design", "설계": "design",
    "implementation": "implementation", "구현": "implementation",
    "test": "test", "시험": "test",
}
PHASE_KO = {"analysis": "분석", "design": "설계", "implementation": "구현", "test": "시험"}


@dataclass
class CostLine:
    """One line of the estimate, with the rule it came from (산정 내역)."""

    key: str
    label: str
    amount: int | None
    formula: str
    reference: str
    verified: bool = True
    factor: Decimal | None = None


@dataclass
class DevelopmentOptions:
    """What the user decides (사용자 입력): factor levels, profit rate, direct expenses, phases."""

    levels: dict[str, int] = field(default_factory=dict)
    """interface / performance / compatibility / security → 수준 1~5."""
    profit_rate: Decimal | None = None
    """None: the rule's cap (25%)."""
    direct_expenses: int = 0
    phases: list[str] | None = None
    """None: the whole development is ordered (가중치 1)."""


@dataclass
class DevelopmentEstimate:
    as_of: dt.date
    fp_total: Decimal
    unit_price: int
    phase_weight: Decimal
    size_factor: Decimal
    factors: dict[str, Decimal]
    levels: dict[str, int]
    cost_before_correction: int
    cost_after_correction: int
    profit_rate: Decimal
    profit: int
    direct_expenses: int
    development_cost: int
    """SW개발비 (부가가치세 별도)."""
    vat: int
    total: int
    """사업금액 (부가가치세 포함)."""
    lines: list[CostLine]
    assumptions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def size_factor(fp_total: Decimal, rules: Rules) -> tuple[Decimal, str]:
    """규모 보정계수 (표 3-23) and how it was obtained."""
    spec = rules.value("cost.size_factor")
    if fp_total < spec["lower"]:
        return Decimal(spec["below"]), f"{spec['lower']}FP 미만 → {spec['below']}"
    if fp_total > spec["upper"]:
        return Decimal(spec["above"]), f"{spec['upper']}FP 초과 → {spec['above']}"
    value = spec["a"] * (Decimal(fp_total).ln() - spec["b"]) ** 2 + spec["c"]
    value = value.quantize(Decimal(1).scaleb(-int(spec["decimals"])))
    return value, f"{spec['a']}×(ln {fp_total} − {spec['b']})² + {spec['c']} = {value}"


def phase_weight(phases: list[str] | None, rules: Rules) -> tuple[Decimal, str]:
    if not phases:
        return Decimal(1), "전체 단계 발주 → 1"
    weights = rules.value("cost.phase_weights")
    chosen = []
    for phase in phases:
        key = PHASE_ALIASES.get(phase.strip().lower())
        if key is None:
            raise InputError(
                f"개발 단계 '{phase}'을(를) 모릅니다 (unknown phase).",
                where="--phase",
                fix="분석, 설계, 구현, 시험(analysis, design, implementation, test) 중에서 고르세요.",
            )
        if key not in chosen:
            chosen.append(key)
    total = sum((Decimal(weights[k]) for k in chosen), Decimal(0))
    shown = " + ".join(f"{PHASE_KO[k]} {weights[k]}" for k in chosen)
    return total, f"{shown} = {total}"


def estimate_development(
    fp_total: Decimal, rules: Rules, options: DevelopmentOptions | None = None
) -> DevelopmentEstimate:
    """Price a development of ``fp_total`` function points on the rules' date."""
    options = options or DevelopmentOptions()
    fp_total = Decimal(fp_total)
    if fp_total < 0:
        raise InputError("기능점수는 0 이상이어야 합니다 (FP must be ≥ 0).", fix="기능 목록을 확인하세요.")
    if options.direct_expenses < 0:
        raise InputError(
            "직접경비는 0 이상이어야 합니다 (direct expenses must be ≥ 0).",
            where="--direct-expenses",
            fix="원 단위 양의 정수로 적으세요.",
        )
    lines: list[CostLine] = []
    assumptions: list[str] = []

    price = rules.get("cost.fp_unit_price")
    weight, weight_text = phase_weight(options.phases, rules)
    phase_ref = rules.get("cost.phase_weights").cite() if options.phases else "전체 발주: 가중치 1"
    rounding = rules.get("cost.rounding")
    before = round_won(fp_total * price.value * weight, rules)
    lines.append(CostLine("fp_total", "기능점수", None, f"{fp_total} FP", "기능 목록 합계", factor=fp_total))
    lines.append(CostLine("unit_price", "기능점수당 단가", price.value, format_won(price.value), price.cite(), price.verified))
    if options.phases:
        lines.append(CostLine("phase_weight", "단계별 가중치", None, weight_text, phase_ref, factor=weight))
    lines.append(
        CostLine(
            "cost_before_correction",
            "보정전 개발원가",
            before,
            f"{fp_total} × {price.value:,}" + (f" × {weight}" if options.phases else "") + f" = {before:,}",
            f"SW사업 대가산정 가이드 개발원가 산정 — 반올림: {rounding.cite()}",
            price.verified and rounding.verified,
        )
    )

    amount = before
    size, size_text = size_factor(fp_total, rules)
    size_rule = rules.get("cost.size_factor")
    amount = round_won(amount * size, rules)
    lines.append(CostLine("size_factor", "규모 보정계수", amount, size_text, size_rule.cite(), size_rule.verified, size))

    spec = rules.get("cost.correction_factors")
    factors = {"size": size}
    levels = {}
    unknown = set(options.levels) - set(spec.value["order"])
    if unknown:
        raise InputError(
            f"보정항목 '{', '.join(sorted(unknown))}'을(를) 모릅니다 (unknown correction factor).",
            fix="interface(연계 복잡성), performance(성능 요구수준), compatibility(운영환경 호환성), "
            "security(보안성) 중에서 고르세요.",
        )
    for key in spec.value["order"]:
        factor_spec = spec.value[key]
        level = options.levels.get(key)
        if level is None:
            level = int(factor_spec["default_level"])
            assumptions.append(
                f"{factor_spec['name']}: 수준을 정하지 않아 기본 수준 {level}"
                f"({factor_spec['levels'][level]['factor']})을 썼습니다 — 확인 필요"
            )
        if level not in factor_spec["levels"]:
            raise InputError(
                f"{factor_spec['name']} 수준 {level}은(는) 없습니다 (level must be 1–5).",
                where=f"--{key}",
                fix="1부터 5까지의 정수로 적으세요.",
            )
        levels[key] = level
        entry = factor_spec["levels"][level]
        factors[key] = Decimal(entry["factor"])
        amount = round_won(amount * factors[key], rules)
        lines.append(
            CostLine(
                key,
                factor_spec["name"],
                amount,
                f"수준 {level} ({entry['meaning']}) → × {entry['factor']}",
                spec.cite(),
                spec.verified,
                factors[key],
            )
        )
    after = amount
    lines.append(
        CostLine(
            "cost_after_correction",
            "보정후 개발원가",
            after,
            f"{before:,} × " + " × ".join(str(f) for f in factors.values()) + " (곱할 때마다 원 단위 반올림)",
            rounding.cite(),
            rounding.verified,
        )
    )

    cap = rules.get("cost.profit_rate_cap")
    profit_rate = cap.value if options.profit_rate is None else Decimal(options.profit_rate)
    if options.profit_rate is None:
        assumptions.append(f"이윤율을 정하지 않아 상한 {cap.value * 100:.0f}%를 썼습니다")
    if profit_rate < 0 or profit_rate > cap.value:
        raise InputError(
            f"이윤율 {profit_rate * 100}%는 허용 범위(0~{cap.value * 100:.0f}%)를 벗어납니다 "
            f"(profit rate above the cap).",
            where="--profit-rate",
            fix=f"0에서 {cap.value}(={cap.value * 100:.0f}%) 사이로 적으세요. 근거: {cap.cite()}",
        )
    profit = round_won(after * profit_rate, rules)
    lines.append(
        CostLine("profit", "이윤", profit, f"{after:,} × {profit_rate}", cap.cite(), cap.verified, profit_rate)
    )
    direct = int(options.direct_expenses)
    lines.append(
        CostLine("direct_expenses", "직접경비", direct, "입력값 (이윤 산정에서 제외)", "SW사업 대가산정 가이드 직접경비 (rules.md 1.9)", False)
    )
    development_cost = after + profit + direct
    lines.append(
        CostLine(
            "development_cost",
            "SW개발비 (부가세 별도)",
            development_cost,
            f"{after:,} + {profit:,} + {direct:,}",
            "SW사업 대가산정 가이드 SW개발비 산정 (rules.md 1.4)",
        )
    )
    vat_rate = rules.get("cost.vat_rate")
    vat = round_won(development_cost * vat_rate.value, rules)
    lines.append(CostLine("vat", "부가가치세", vat, f"{development_cost:,} × {vat_rate.value}", vat_rate.cite(), vat_rate.verified, vat_rate.value))
    total = development_cost + vat
    lines.append(CostLine("total", "사업금액 (부가세 포함)", total, f"{development_cost:,} + {vat:,}", "SW개발비 + 부가가치세"))

    return DevelopmentEstimate(
        as_of=rules.day,
        fp_total=fp_total,
        unit_price=price.value,
        phase_weight=weight,
        size_factor=size,
        factors=factors,
        levels=levels,
        cost_before_correction=before,
        cost_after_correction=after,
        profit_rate=profit_rate,
        profit=profit,
        direct_expenses=direct,
        development_cost=development_cost,
        vat=vat,
        total=total,
        lines=lines,
        assumptions=assumptions,
    )
