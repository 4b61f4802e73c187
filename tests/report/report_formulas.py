"""A small evaluator for the formulas the XLSX writer uses (openpyxl stores them uncomputed).

Supports cell and range references (with $ and 'sheet'! prefixes), + - * /, and SUM, SUMIF,
COUNTIF, PRODUCT, ROUND (Excel's: half away from zero). Enough to recompute every formula the
report writes, independently of balju's own arithmetic.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal


TOKEN = re.compile(r"'[^']+'!\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\"[^\"]*\"")


class Evaluator:
    def __init__(self, workbook):
        self.wb = workbook
        self.cache: dict[tuple[str, str], object] = {}

    def value(self, sheet: str, coordinate: str):
        key = (sheet, coordinate)
        if key not in self.cache:
            raw = self.wb[sheet][coordinate].value
            self.cache[key] = self.evaluate(sheet, raw) if isinstance(raw, str) and raw.startswith("=") else raw
        return self.cache[key]

    def cells(self, sheet: str, first: str, last: str) -> list:
        ws = self.wb[sheet]
        rows = ws[f"{first}:{last}"]
        return [self.value(sheet, c.coordinate) for row in rows for c in row]

    def evaluate(self, sheet: str, formula: str):
        names: dict[str, object] = {}

        def replace(match: re.Match) -> str:
            text = match.group(0)
            if text.startswith('"'):
                return repr(text[1:-1])
            target = sheet
            if "!" in text:
                prefix, text = text.split("!")
                target = prefix.strip("'")
            text = text.replace("$", "")
            name = f"_v{len(names)}"
            if ":" in text:
                first, last = text.split(":")
                names[name] = self.cells(target, first, last)
            else:
                names[name] = self.value(target, text)
            return name

        expression = TOKEN.sub(replace, formula[1:])
        return eval(expression, {"__builtins__": {}}, {**FUNCTIONS, **names})  # noqa: S307 — test helper


def _numbers(values) -> list[float]:
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def ROUND(x, digits=0):  # noqa: N802 — Excel's name
    q = Decimal(1).scaleb(-int(digits))
    return float(Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP))


FUNCTIONS = {
    "SUM": lambda values: sum(_numbers(values)),
    "PRODUCT": lambda values: math.prod(_numbers(values)),
    "COUNTIF": lambda values, crit: sum(1 for v in values if v == crit),
    "SUMIF": lambda values, crit, sums: sum(
        s for v, s in zip(values, sums) if v == crit and isinstance(s, (int, float))
    ),
    "ROUND": ROUND,
}

