"""`balju batch` timings: all 31 real RFPs in ../shared/data/rfp/files into a fresh SQLite file.

Run: .venv/bin/python benchmarks/bench_batch.py [--workers 1 2] [--reports] [--repeat 1]

Each configuration runs in a new process (so imports, Kiwi's load in every worker and the pool's
start are all counted, as a user's `balju batch` pays them): `balju.batch.run` over the folder,
then a second run over the same files (everything skipped: the cost of resuming). Printed per
configuration: wall time of the run, files per second, the slowest file (inside its worker),
the peak RSS of the parent process and of the largest worker (getrusage; with --workers 1 the
parent is the worker), and the process's wall time from start to exit. `--reports` also writes
the four reports (XLSX, PDF, HTML, JSON) of every file, as `--reports DIR` does.

Wall times on a shared machine vary with other work: the load average is printed beside them.
Prints no document text (the RFPs name staff and phone numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RFP_FILES = ROOT.parent / "shared" / "data" / "rfp" / "files"


def one(workers: int, reports: bool) -> dict:
    """One configuration, in this (fresh) process: the figures as a dict."""
    from balju.batch import run
    from balju.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        with Store(f"sqlite:///{tmp}/bench.db") as store:
            first = run([RFP_FILES], store=store, workers=workers,
                        reports_dir=Path(tmp) / "reports" if reports else None)
            second = run([RFP_FILES], store=store, workers=workers)
    slowest = max((o for o in first.outcomes if o.seconds is not None), key=lambda o: o.seconds)
    return {
        "workers": first.workers, "reports": reports, "found": first.found, "reviewed": first.reviewed,
        "failed": first.failed, "elapsed": first.elapsed, "files_per_s": first.found / first.elapsed,
        "slowest": [slowest.name, slowest.seconds],
        "per_file_sum": sum(o.seconds or 0 for o in first.outcomes),
        "second_run": second.elapsed, "second_skipped": second.skipped,
        # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN is the largest reaped child (a worker)
        "parent_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def measure(workers: int, reports: bool) -> dict:
    """Run ``one`` in a new Python process and add that process's own wall time."""
    start = time.perf_counter()
    args = [sys.executable, __file__, "--one", str(workers)] + (["--reports"] if reports else [])
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_wall"] = time.perf_counter() - start
    figures["load"] = os.getloadavg()[0]
    return figures


def show(f: dict) -> None:
    worker = "parent = worker" if f["workers"] == 1 else f"largest worker {f['worker_rss_mib']:.0f} MiB"
    print(f"workers {f['workers']}{' + reports' if f['reports'] else ''}: {f['found']} files "
          f"({f['reviewed']} reviewed, {f['failed']} failed) in {f['elapsed']:.1f} s = {f['files_per_s']:.2f} files/s; "
          f"process {f['process_wall']:.1f} s; per-file sum {f['per_file_sum']:.1f} s, slowest {f['slowest'][0]} "
          f"{f['slowest'][1]:.2f} s; second run {f['second_skipped']} skipped in {f['second_run']:.2f} s; "
          f"peak RSS parent {f['parent_rss_mib']:.0f} MiB, {worker} (load {f['load']:.2f})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--reports", action="store_true", help="also write the four reports of every file")
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.reports)))
        return
    if not RFP_FILES.is_dir():
        sys.exit(f"real RFPs not found at {RFP_FILES}")
    print(f"{len(list(RFP_FILES.iterdir()))} files in {RFP_FILES}, {os.cpu_count()} CPUs")
    for _ in range(args.repeat):
        for workers in args.workers:
            show(measure(workers, args.reports))


if __name__ == "__main__":
    main()
