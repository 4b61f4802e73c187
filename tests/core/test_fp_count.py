"""FP counting: 정통법 matrices at every boundary, 간이법 weights, and a published count."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from balju import rules
from balju.errors import InputError
from balju.fp import count
from balju.functions import Function

CASES = Path(__file__).parent.parent / "cases" / "fp"
RULES = rules.at("2025-01-01")


def _case_id(case: dict) -> str:
    return "{type}-DET{det}-{r}".format(r=case.get("ret", case.get("ftr")), **case)


@pytest.mark.parametrize("case", yaml.safe_load((CASES / "complexity.yaml").read_text()), ids=_case_id)
def test_detailed_complexity_boundaries(case):
    function = Function(name="f", type=case["type"], det=case["det"], ret=case.get("ret"), ftr=case.get("ftr"))
    result = count([function], "detailed", RULES)
    assert result.items[0].complexity == case["complexity"]
    assert result.total == case["weight"]


def test_simple_method_uses_average_weights():
    # 7.5 + 5.4 + 4.0 + 5.2 + 3.9 = 26.0 (표 3-19)
    functions = [Function(name=t, type=t) for t in ("ILF", "EIF", "EI", "EO", "EQ")]
    result = count(functions, "간이법", RULES)
    assert result.total == Decimal("26.0")
    assert result.by_type == {"ILF": Decimal("7.5"), "EIF": Decimal("5.4"), "EI": Decimal("4.0"),
                              "EO": Decimal("5.2"), "EQ": Decimal("3.9")}
    assert all(item.complexity == "average" for item in result.items)
    assert "표 3-19" in result.items[0].table


def test_published_count_vazquez_46fp(shared_data):
    """Vazquez et al. (2011) time-and-attendance count: 10 functions, 46 unadjusted FP."""
    rows = list(csv.DictReader((shared_data / "fp_counts" / "vazquez2011_time_attendance.csv").open()))
    functions = []
    for row in rows:
        records = int(row["ret_or_ftr"])
        data = row["type"] in ("ILF", "EIF")
        functions.append(
            Function(name=row["function"], type=row["type"], det=int(row["det"]),
                     ret=records if data else None, ftr=None if data else records)
        )
    result = count(functions, "detailed", RULES)
    assert result.total == 46
    assert result.by_type["ILF"] + result.by_type["EIF"] == 19  # data functions
    for row, item in zip(rows, result.items):
        assert item.complexity == row["complexity"], row["function"]
        assert item.weight == int(row["fp"]), row["function"]


@pytest.mark.parametrize(
    "function, message",
    [
        (Function(name="x", type="EIX"), "기능 유형"),
        (Function(name="x", type="EI", det=-1, ftr=1), "DET"),
        (Function(name="x", type="EI", det=3, ftr=None), "FTR"),
        (Function(name="x", type="ILF", det=3, ret=0), "RET"),
    ],
)
def test_bad_functions_are_explained(function, message):
    with pytest.raises(InputError) as error:
        count([function], "detailed", RULES)
    assert message in error.value.message
    assert error.value.fix


def test_unknown_method():
    with pytest.raises(InputError, match="산정 방법"):
        count([], "guess", RULES)
