"""Counting (기능점수 계산): 간이법 (average weights) and 정통법 (DET × RET/FTR matrices)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from balju.errors import InputError
from balju.functions.model import FUNCTION_TYPES, Function
from balju.rules import Rules

METHODS = {"simple": "간이법", "detailed": "정통법"}
_METHOD_ALIASES = {
    "simple": "simple", "간이법": "simple", "간이": "simple", "average": "simple",
    "detailed": "detailed", "정통법": "detailed", "정통": "detailed", "full": "detailed",
}
COMPLEXITY_KO = {"low": "단순", "average": "보통", "high": "복잡"}


@dataclass(frozen=True)
class CountedFunction:
    """One function with the complexity and weight it was counted at, and the table used."""

    function: Function
    complexity: str
    """low / average / high; ``average`` with 간이법 (평균복잡도)."""
    weight: Decimal
    table: str


@dataclass
class FPCount:
    method: str
    """simple (간이법) or detailed (정통법)."""
    total: Decimal
    by_type: dict[str, Decimal]
    count_by_type: dict[str, int]
    items: list[CountedFunction] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


def parse_method(text: str) -> str:
    method = _METHOD_ALIASES.get(text.strip().lower()) if text else None
    if method is None:
        raise InputError(
            f"산정 방법 '{text}'을(를) 모릅니다 (unknown method).",
            where="--method",
            fix="simple(간이법) 또는 detailed(정통법) 중 하나를 쓰세요.",
        )
    return method


def count(functions: Iterable[Function], method: str, rules: Rules) -> FPCount:
    """Count function points by 간이법 (``simple``) or 정통법 (``detailed``)."""
    method = parse_method(method)
    if method == "simple":
        weights = rules.get("fp.simple_weights")
        table = f"간이법 평균복잡도 가중치 — {weights.cite()}"
        decimal_weights = {t: Decimal(w) for t, w in weights.value.items()}
        items = [_simple(f, decimal_weights, table) for f in functions]
        references = [weights.cite()]
    else:
        weights = rules.get("fp.detailed_weights")
        matrix = rules.get("fp.complexity_matrix")
        table = f"정통법 복잡도 판정표 — {matrix.cite()}; 가중치 — {weights.cite()}"
        lookup = _matrix_lookup(matrix.value)
        decimal_weights = {t: {c: Decimal(w) for c, w in by.items()} for t, by in weights.value.items()}
        items = [_detailed(f, lookup, decimal_weights, table) for f in functions]
        references = [matrix.cite(), weights.cite()]
    by_type = {t: Decimal(0) for t in FUNCTION_TYPES}
    counts: Counter[str] = Counter(item.function.type for item in items)
    for item in items:
        by_type[item.function.type] += item.weight
    return FPCount(
        method=method,
        total=sum(by_type.values(), Decimal(0)),
        by_type=by_type,
        count_by_type={t: counts[t] for t in FUNCTION_TYPES},
        items=items,
        references=references,
    )


def _check_type(function: Function) -> None:
    if function.type not in FUNCTION_TYPES:
        raise InputError(
            f"기능 유형 '{function.type}'을(를) 모릅니다 (unknown function type) — 기능 '{function.name}'.",
            where=function.source,
            fix="유형은 ILF, EIF, EI, EO, EQ 중 하나여야 합니다.",
        )


def _simple(function: Function, weights: dict, table: str) -> CountedFunction:
    _check_type(function)
    return CountedFunction(function, "average", weights[function.type], table)


def _detailed(function: Function, lookup: dict, weights: dict, table: str) -> CountedFunction:
    _check_type(function)
    det_upper, record_upper, grid, record_name = lookup[function.type]
    det, records = function.det, function.records
    for label, value, minimum in (("DET", det, 1), (record_name, records, 1 if function.is_data else 0)):
        if value is None or value < minimum:
            shown = "비어 있음" if value is None else str(value)
            raise InputError(
                f"정통법에는 {label}가 {minimum} 이상이어야 합니다 ({label} must be ≥ {minimum}; "
                f"got {shown}) — 기능 '{function.name}'({function.type}).",
                where=function.source,
                fix=f"{label} 값을 채우거나, 값을 모르면 간이법(--method simple)으로 산정하세요.",
            )
    column = sum(1 for bound in det_upper if det > bound)
    row = sum(1 for bound in record_upper if records > bound)
    complexity = grid[row][column]
    return CountedFunction(function, complexity, weights[function.type][complexity], table)


def _matrix_lookup(matrices: dict) -> dict[str, tuple]:
    lookup = {}
    for spec in matrices.values():
        entry = (
            [int(b) for b in spec["det_upper"]],
            [int(b) for b in spec["record_upper"]],
            spec["grid"],
            spec["record"],
        )
        for function_type in spec["types"]:
            lookup[function_type] = entry
    return lookup
