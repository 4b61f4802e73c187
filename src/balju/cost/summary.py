"""The estimate as plain data (산정 결과 요약): what the CLI's --json, the API and reports show."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

from balju.cost.development import DevelopmentEstimate, DevelopmentOptions, estimate_development
from balju.fp import METHODS, FPCount, count
from balju.fp.count import COMPLEXITY_KO

if TYPE_CHECKING:
    from balju.functions.model import Function
    from balju.rules import Rules


def number(value: Decimal) -> int | float:
    """A Decimal for JSON: an int when whole (FP 85), else a float for display (FP 15.4)."""
    return int(value) if value == value.to_integral_value() else float(value)


def priced_list(functions: Iterable[Function], method: str, rules: Rules, options: DevelopmentOptions) -> dict[str, Any]:
    """A function list counted by ``method`` and its development priced (``balju estimate --json``)."""
    fp = count(functions, method, rules)
    return estimate_summary(fp, estimate_development(fp.total, rules, options))


def estimate_summary(fp: FPCount, estimate: DevelopmentEstimate, *, with_functions: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "as_of": estimate.as_of.isoformat(),
        "method": fp.method,
        "method_ko": METHODS[fp.method],
        "fp_total": number(fp.total),
        "fp_by_type": {t: number(v) for t, v in fp.by_type.items()},
        "function_count_by_type": fp.count_by_type,
        "unit_price": estimate.unit_price,
        "size_factor": number(estimate.size_factor),
        "levels": estimate.levels,
        "factors": {k: number(v) for k, v in estimate.factors.items()},
        "cost_before_correction": estimate.cost_before_correction,
        "cost_after_correction": estimate.cost_after_correction,
        "profit_rate": number(estimate.profit_rate),
        "profit": estimate.profit,
        "direct_expenses": estimate.direct_expenses,
        "development_cost": estimate.development_cost,
        "vat": estimate.vat,
        "total": estimate.total,
        "lines": [
            {
                "key": line.key,
                "label": line.label,
                "amount": line.amount,
                "factor": None if line.factor is None else number(line.factor),
                "formula": line.formula,
                "reference": line.reference,
                "verified": line.verified,
            }
            for line in estimate.lines
        ],
        "assumptions": estimate.assumptions,
        "fp_references": fp.references,
    }
    if with_functions:
        data["functions"] = [
            {
                "name": item.function.name,
                "type": item.function.type,
                "complexity": item.complexity,
                "complexity_ko": "평균" if fp.method == "simple" else COMPLEXITY_KO[item.complexity],
                "weight": number(item.weight),
                "det": item.function.det,
                "ret": item.function.ret,
                "ftr": item.function.ftr,
                "requirement_id": item.function.requirement_id,
                "table": item.table,
            }
            for item in fp.items
        ]
    return data
