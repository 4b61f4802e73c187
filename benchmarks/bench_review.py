"""End-to-end `balju review` timings: every real RFP in ../shared/data/rfp and our samples.

Run: .venv/bin/python benchmarks/bench_review.py [--cold 5] [--no-warm]

Warm: one process reviews every file one after another and writes all four reports (XLSX, PDF,
HTML, JSON) for each, as the batch runner or the web app does; the first line is the one-time Kiwi
model load, reported separately.

Cold (--cold N): the `balju review FILE --output DIR --quiet` command itself, a new process each
time (imports, Kiwi model load, review, reports), N runs each on examples/sample_rfp.hwp and on the
typical real RFP — the one whose warm end-to-end time is the median of the real RFPs.

Wall times on a shared machine vary with other work: the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted((ROOT.parent / "shared" / "data" / "rfp" / "files").iterdir())
SAMPLES = sorted(p for p in (ROOT / "examples").glob("sample_rfp.*") if p.suffix != ".md")
TYPICAL_DEFAULT = "20240903688.hwp"
"""The typical real RFP when the warm pass is skipped (the median file of the 2026-12-02 run)."""


def load() -> str:
    return "load %.2f" % os.getloadavg()[0]


def warm() -> str:
    from balju import report
    from balju.nlp import kiwi
    from balju.pipeline import review

    start = time.perf_counter()
    kiwi().tokenize("모델을 불러옵니다")
    print(f"Kiwi model load (once per process): {time.perf_counter() - start:.2f} s ({load()})")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in REAL + SAMPLES:
            begin = time.perf_counter()
            result = review(path)
            middle = time.perf_counter()
            report.write_all(result.to_dict(), tmp, ["xlsx", "pdf", "html", "json"], stem=path.stem)
            end = time.perf_counter()
            rows.append((path, middle - begin, end - middle))
            print(f"{path.name:24s} {path.stat().st_size / 1024:7.0f} KiB  review {middle - begin:5.2f} s"
                  f"  reports {end - middle:5.2f} s  end to end {end - begin:5.2f} s  {result.timings_ms}", flush=True)
    totals = [r[1] + r[2] for r in rows]
    print(f"warm, {len(rows)} files: end to end median {statistics.median(totals):.2f} s, max {max(totals):.2f} s; "
          f"review median {statistics.median(r[1] for r in rows):.2f} s, max {max(r[1] for r in rows):.2f} s; "
          f"reports median {statistics.median(r[2] for r in rows):.2f} s, max {max(r[2] for r in rows):.2f} s ({load()})")
    real = sorted((r[1] + r[2], r[0].name) for r in rows if r[0] in REAL)
    return real[len(real) // 2][1]


def cold(path: Path, runs: int) -> None:
    balju = Path(sys.executable).parent / "balju"
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            begin = time.perf_counter()
            subprocess.run([str(balju), "review", str(path), "--output", tmp, "--quiet"], check=True)
            times.append(time.perf_counter() - begin)
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"cold CLI {path.name:20s} median {statistics.median(times):.2f} s, min {min(times):.2f} s "
          f"(runs: {shown}; {load()})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", type=int, default=0, help="cold CLI runs per file (0: none)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm pass over all files")
    args = parser.parse_args()
    typical = TYPICAL_DEFAULT if args.no_warm else warm()
    if args.cold:
        cold(ROOT / "examples" / "sample_rfp.hwp", args.cold)
        cold(next(p for p in REAL if p.name == typical), args.cold)


if __name__ == "__main__":
    main()
