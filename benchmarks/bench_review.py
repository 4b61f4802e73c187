"""End-to-end `balju review` timings: every real RFP in ../shared/data/rfp and our samples.

Run: .venv/bin/python benchmarks/bench_review.py   (one process, as a user's CLI run is; the
first file pays the one-time Kiwi model load, reported separately)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from balju import report
from balju.nlp import kiwi
from balju.pipeline import review

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT.parent / "shared" / "data" / "rfp" / "files").iterdir()) + sorted(
    p for p in (ROOT / "examples").glob("sample_rfp.*") if p.suffix != ".md"
)


def main() -> None:
    start = time.perf_counter()
    kiwi().tokenize("모델을 불러옵니다")
    print(f"Kiwi model load (once per process): {time.perf_counter() - start:.2f} s")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in FILES:
            begin = time.perf_counter()
            result = review(path)
            middle = time.perf_counter()
            report.write_all(result.to_dict(), tmp, ["xlsx", "pdf", "html", "json"], stem=path.stem)
            end = time.perf_counter()
            rows.append((path.name, path.stat().st_size, middle - begin, end - middle, result.timings_ms))
            print(f"{path.name:24s} {path.stat().st_size / 1024:7.0f} KiB  review {middle - begin:5.2f} s"
                  f"  reports {end - middle:5.2f} s  {result.timings_ms}", flush=True)
    totals = [r[2] + r[3] for r in rows]
    print(f"files {len(rows)}; end to end median {statistics.median(totals):.2f} s, "
          f"max {max(totals):.2f} s; review median {statistics.median(r[2] for r in rows):.2f} s; "
          f"reports median {statistics.median(r[3] for r in rows):.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
