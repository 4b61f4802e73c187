"""How long opening an older SQLite store takes the first time (the in-place schema upgrade).

Run: .venv/bin/python benchmarks/bench_upgrade.py [--reviews 2000]

A schema-2 SQLite file (the raw DDL of tests/store/test_upgrade.py) with ``--reviews`` copies of the
report fixture's review (68 KB of JSON each) is opened with ``Store``: the steps 2 → 5 run, the last
of which makes the reviews table again with AUTOINCREMENT and copies every row.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "store"))

from test_upgrade import V2_TABLES  # noqa: E402 - the raw DDL the tests use

from balju.store import Store  # noqa: E402

REVIEW = ROOT / "tests" / "report" / "fixtures" / "review.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=2000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="balju-bench-upgrade-")) / "v2.db"
    text = REVIEW.read_text(encoding="utf-8")
    sha = json.loads(text)["source"]["sha256"]
    with sqlite3.connect(path) as conn:
        conn.executescript(V2_TABLES)
        conn.executemany(
            "INSERT INTO reviews (created_at, file_name, sha256, function_count, errors, warnings, infos, review)"
            " VALUES ('2026-11-20 01:02:03', 'sample_rfp.hwp', ?, 40, 0, 9, 3, ?)",
            [(sha, text)] * args.reviews)
    conn.close()
    size = path.stat().st_size
    began = time.perf_counter()
    with Store(str(path)) as store:
        opened = time.perf_counter() - began
        assert store.count_reviews() == args.reviews
    print(f"schema 2 → 5 on open: {args.reviews} reviews ({size / 1e6:.0f} MB) in {opened:.2f} s, "
          f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
