"""Benchmark: read the 31 real RFPs (../shared/data/rfp/files) with ``balju.documents.read``.

    .venv/bin/python benchmarks/bench_read.py [--runs 3] [--libraries] [--against OTHER/src]

Pins itself to one CPU core. Prints per-format and total time (best of ``--runs``), files/s, MB/s,
peak memory, and the requirement-ID recall against the manifest's ``req_ids_found``.
``--libraries`` also times the HWP/PDF/DOCX libraries that were weighed (docs/readers.md), each
file in a child process with a time limit (hwp-hwpx-parser did not finish one file).
``--against OTHER/src`` times this checkout's reader against another checkout's (e.g. a
``git worktree`` of the previous commit): two worker processes on one core, asked in turn file by
file, best of ``--runs`` CPU time per file, so both see the same machine load.
Prints no document text (the RFPs name staff and phone numbers).
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import os
import re
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RFP = ROOT.parent / "shared" / "data" / "rfp"
ID = re.compile(r"\b([A-Z]{2,4}R)\s*[-–—‐]\s*(\d{2,4})(?!\d)")


def ids(text: str) -> set[str]:
    return {f"{a}-{b}" for a, b in ID.findall(text)}


def pin_one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned"


def bench_balju(rows: list[dict], runs: int) -> None:
    t0 = time.perf_counter()
    from balju.documents import read

    best: dict[str, float] = {}
    best_cpu: dict[str, float] = {}
    first_pass = 0.0
    for run in range(runs):
        for r in rows:
            path = RFP / r["file"]
            t, c = time.perf_counter(), time.process_time()
            read(path)
            dt, dc = time.perf_counter() - t, time.process_time() - c
            best[r["file"]] = min(best.get(r["file"], dt), dt)
            best_cpu[r["file"]] = min(best_cpu.get(r["file"], dc), dc)
        if run == 0:
            first_pass = time.perf_counter() - t0
    by_fmt: dict[str, list] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for r in rows:
        f = by_fmt[r["format"]]
        f[0] += 1
        f[1] += int(r["bytes"])
        f[2] += best[r["file"]]
        f[3] += best_cpu[r["file"]]
    total_files = len(rows)
    total_bytes = sum(int(r["bytes"]) for r in rows)
    total_time = sum(best.values())
    total_cpu = sum(best_cpu.values())
    print(f"\nbalju.documents.read, best of {runs} per file; CPU = process time, wall = elapsed")
    print("| format | files | MB | CPU time | wall time | files/s (CPU) | MB/s (CPU) | slowest file (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for fmt, (n, b, t, c) in sorted(by_fmt.items()):
        slow = max((x for x in rows if x["format"] == fmt), key=lambda x: best_cpu[x["file"]])
        print(f"| {fmt} | {n} | {b / 1e6:.1f} | {c:.2f} s | {t:.2f} s | {n / c:.1f} | {b / 1e6 / c:.1f} | "
              f"{best_cpu[slow['file']]:.2f} s ({Path(slow['file']).name}) |")
    print(f"| **all** | {total_files} | {total_bytes / 1e6:.1f} | {total_cpu:.2f} s | {total_time:.2f} s | "
          f"{total_files / total_cpu:.1f} | {total_bytes / 1e6 / total_cpu:.1f} | |")

    # memory and recall (one more pass)
    tracemalloc.start()
    recall_ok = 0
    found_total = expected_total = 0
    tables = table_ids = 0
    peak = 0
    for r in rows:
        tracemalloc.reset_peak()
        doc = read(RFP / r["file"])
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        found = ids(doc.text())
        in_cells = set()
        for t in doc.tables():
            for row in t.rows or []:
                for cell in row:
                    in_cells |= ids(cell)
        tables += len(doc.tables())
        table_ids += len(in_cells & found)
        expected = int(r["req_ids_found"])
        recall_ok += len(found) >= expected
        found_total += len(found)
        expected_total += expected
    tracemalloc.stop()
    print(f"\nfirst (cold) pass over all {total_files} files, wall time incl. imports: {first_pass:.2f} s")
    print(f"\npeak Python memory for one file: {peak / 2**20:.0f} MiB")
    print(f"requirement IDs: {recall_ok}/{total_files} files reach the manifest count; "
          f"{found_total} distinct IDs found vs {expected_total} in the manifest; "
          f"{table_ids} of them inside table cells; {tables} tables")


# --- this reader against another checkout (--against) -----------------------------------------
_AB_WORKER = r"""
import sys, time
from balju.documents import read
for line in sys.stdin:
    t = time.process_time()
    read(line.strip())
    print(time.process_time() - t, flush=True)
"""


def bench_against(rows: list[dict], other_src: str, runs: int) -> None:
    import subprocess

    here = str(ROOT / "src")
    workers = {}
    for name, src in (("this", here), ("other", other_src)):
        env = dict(os.environ, PYTHONPATH=src)
        workers[name] = subprocess.Popen([sys.executable, "-c", _AB_WORKER], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True, env=env)
    best: dict[str, dict[str, float]] = {"this": {}, "other": {}}
    for run in range(runs):
        order = ("this", "other") if run % 2 == 0 else ("other", "this")
        for r in rows:
            for name in order:
                w = workers[name]
                w.stdin.write(str(RFP / r["file"]) + "\n")
                w.stdin.flush()
                dt = float(w.stdout.readline())
                best[name][r["file"]] = min(best[name].get(r["file"], dt), dt)
    for w in workers.values():
        w.stdin.close()
        w.wait()
    print(f"\nthis checkout against {other_src}: CPU time, best of {runs} per file, asked in turn")
    print("| format | files | other | this | change |")
    print("|---|---|---|---|---|")
    for fmt in sorted({r["format"] for r in rows}):
        names = [r["file"] for r in rows if r["format"] == fmt]
        o = sum(best["other"][n] for n in names)
        t = sum(best["this"][n] for n in names)
        print(f"| {fmt} | {len(names)} | {o:.2f} s | {t:.2f} s | {(t / o - 1) * 100:+.1f}% |")


# --- other libraries (--libraries) ---------------------------------------------------------
def _lib_worker(name: str, path: str, q) -> None:
    try:
        t = time.perf_counter()
        if name == "unhwp":
            import unhwp

            text = unhwp.to_markdown(path)
        elif name == "hwp-hwpx-parser":
            from hwp_hwpx_parser import Reader

            with Reader(path) as rd:
                text = rd.text
                _ = rd.tables
        elif name == "pdfplumber":
            import pdfplumber

            parts = []
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    parts.append(page.extract_text() or "")
                    for table in page.extract_tables():
                        parts += [c or "" for row in table for c in row]
            text = "\n".join(parts)
        elif name == "pypdfium2-text":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(path)
            parts = []
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                parts.append(tp.get_text_range())
                tp.close()
                page.close()
            text = "\n".join(parts)
        elif name == "python-docx":
            import docx

            d = docx.Document(path)
            text = "\n".join([p.text for p in d.paragraphs] +
                             [c.text for t in d.tables for row in t.rows for c in row.cells])
        else:
            raise ValueError(name)
        q.put((time.perf_counter() - t, len(ids(text)), None))
    except Exception as exc:  # noqa: BLE001
        q.put((0.0, 0, f"{type(exc).__name__}"))


def bench_libraries(rows: list[dict], limit: float) -> None:
    plans = {"hwp": ["unhwp", "hwp-hwpx-parser"], "pdf": ["pypdfium2-text", "pdfplumber"],
             "docx": ["python-docx"]}
    ctx = mp.get_context("fork")
    print(f"\nother libraries, one run per file, {limit:.0f} s limit per file")
    print("| library | format | files read | time (files read) | files at manifest ID count | note |")
    print("|---|---|---|---|---|---|")
    for fmt, libs in plans.items():
        sel = [r for r in rows if r["format"] == fmt]
        for lib in libs:
            ok = recall = 0
            total = 0.0
            notes = []
            for r in sel:
                q = ctx.Queue()
                p = ctx.Process(target=_lib_worker, args=(lib, str(RFP / r["file"]), q))
                p.start()
                p.join(limit)
                if p.is_alive():
                    p.kill()
                    p.join()
                    notes.append(f"{Path(r['file']).name}: no result in {limit:.0f} s")
                    continue
                dt, n, err = q.get()
                if err:
                    notes.append(f"{Path(r['file']).name}: {err}")
                    continue
                ok += 1
                total += dt
                recall += n >= int(r["req_ids_found"])
            print(f"| {lib} | {fmt} | {ok}/{len(sel)} | {total:.2f} s | {recall}/{len(sel)} | "
                  f"{'; '.join(notes) or ''} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--libraries", action="store_true")
    ap.add_argument("--limit", type=float, default=60.0)
    ap.add_argument("--against", metavar="OTHER_SRC", help="another checkout's src/ to time this reader against")
    args = ap.parse_args()
    if not (RFP / "manifest.csv").is_file():
        sys.exit(f"no manifest at {RFP}")
    with (RFP / "manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"{len(rows)} files, {sum(int(r['bytes']) for r in rows) / 1e6:.1f} MB; {pin_one_core()}; "
          f"Python {sys.version.split()[0]}")
    if args.against:
        bench_against(rows, args.against, args.runs)
        return
    bench_balju(rows, args.runs)
    if args.libraries:
        bench_libraries(rows, args.limit)


if __name__ == "__main__":
    main()
