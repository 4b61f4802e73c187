"""Count and price a 100,000-function list (간이법 and 정통법). Target: well under one second.

Run: .venv/bin/python benchmarks/bench_estimate.py
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
import time
import tracemalloc

from balju import rules
from balju.cost import estimate_development
from balju.fp import count
from balju.functions import Function
from balju.functions.listfile import read_function_list, write_function_list

N = 100_000


def make_functions(n: int) -> list[Function]:
    rng = random.Random(42)
    functions = []
    for i in range(n):
        kind = rng.choice(("ILF", "EIF", "EI", "EO", "EQ"))
        data = kind in ("ILF", "EIF")
        functions.append(
            Function(name=f"기능 {i}", type=kind, det=rng.randint(1, 60),
                     ret=rng.randint(1, 8) if data else None, ftr=None if data else rng.randint(0, 5))
        )
    return functions


def main() -> None:
    functions = make_functions(N)
    day_rules = rules.at("2025-01-01")
    for method in ("simple", "detailed"):
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            fp = count(functions, method, day_rules)
            estimate = estimate_development(fp.total, day_rules)
            best = min(best, time.perf_counter() - start)
        tracemalloc.start()
        count(functions, method, day_rules)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{method:8s} {N:,} functions: {best * 1000:.0f} ms (best of 5), "
              f"FP {fp.total}, SW개발비 {estimate.development_cost:,}원, peak +{peak / 2**20:.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_function_list(functions, Path(tmp) / "list.csv")
        start = time.perf_counter()
        read = read_function_list(path)
        elapsed = time.perf_counter() - start
        print(f"read CSV {len(read):,} rows ({path.stat().st_size / 2**20:.1f} MiB): {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
