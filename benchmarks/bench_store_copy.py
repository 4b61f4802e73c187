"""``balju store copy``: how long moving a store takes.

Run: .venv/bin/python benchmarks/bench_store_copy.py [--reviews 2000] [--to URL]

A SQLite store with ``--reviews`` copies of the report fixture's review (68 KB of JSON each) and
every real RFP of ../shared/data/rfp kept as a document (31 files, 46 MB), copied to a new SQLite
file, or to ``--to`` (an empty PostgreSQL database, say).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import tempfile
import time
from pathlib import Path

from balju.store import Store
from balju.store.copy import copy_store

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "tests" / "report" / "fixtures" / "review.json"
REAL = ROOT.parent / "shared" / "data" / "rfp" / "files"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--to", default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="balju-bench-copy-"))
    source_url = f"sqlite:///{folder / 'source.db'}"
    review = json.loads(REVIEW.read_text(encoding="utf-8"))
    with Store(source_url) as store:
        for i in range(args.reviews):
            r = copy.deepcopy(review)
            r["source"]["sha256"] = f"{i:064x}"
            store.save_review(r)
        files = sorted(REAL.iterdir()) if REAL.is_dir() else []
        for path in files:
            store.save_document(path.name, path.read_bytes())
    size = (folder / "source.db").stat().st_size
    target_url = args.to or f"sqlite:///{folder / 'target.db'}"
    with Store(source_url) as source, Store(target_url) as target:
        began = time.perf_counter()
        copied = copy_store(source, target)
        seconds = time.perf_counter() - began
    print(f"copied {copied} ({size / 1e6:.0f} MB SQLite file) to {target_url.split('://')[0]} "
          f"in {seconds:.2f} s, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
