"""Time the report writers on the fixture Review (a script, not a test).

    .venv/bin/python tests/report/timing_reports.py [--repeat 5]

Prints, for each format, the best wall time and CPU time of ``report.write`` after a warm-up
(imports, fonts and Jinja2 template loaded once), and the same for ``report.write_all`` of all
four formats (charts drawn once for PDF and HTML). CPU time is shown because shared machines
make wall time noisy. Figures go to docs/reports.md.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "review.json"


def best(fn, repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    w, c = time.perf_counter(), time.process_time()
    from balju import report
    from balju.report import chart, html, pdf, xlsx  # noqa: F401 — the imports a writer needs
    import jinja2, openpyxl, typst  # noqa: E401, F401

    print(f"imports           wall {time.perf_counter() - w:6.3f} s   cpu {time.process_time() - c:6.3f} s")
    review = json.loads(FIXTURE.read_text(encoding="utf-8"))
    out = Path(tempfile.mkdtemp(prefix="balju-report-timing-"))
    w, c = time.perf_counter(), time.process_time()
    report.write_all(review, out / "warm")
    print(f"first write_all   wall {time.perf_counter() - w:6.3f} s   cpu {time.process_time() - c:6.3f} s")
    for fmt in ("json", "xlsx", "html", "pdf"):
        wall, cpu = best(lambda: report.write(review, fmt, out / f"one.{fmt}"), args.repeat)
        print(f"write {fmt:<11} wall {wall:6.3f} s   cpu {cpu:6.3f} s")
    wall, cpu = best(lambda: report.write_all(review, out / "all"), args.repeat)
    print(f"write_all (4)     wall {wall:6.3f} s   cpu {cpu:6.3f} s")
    pages = len(__import__("pypdfium2").PdfDocument(str(out / "all" / "review.pdf")))
    sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size / 1024:.0f} KB" for p in sorted((out / "all").iterdir()))
    print(f"PDF pages {pages}; sizes: {sizes}")


if __name__ == "__main__":
    main()
