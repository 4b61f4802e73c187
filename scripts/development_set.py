"""The RFPs identifier v6 was developed and measured on (개발에 쓴 RFP), as the ``developed_on`` block of
``src/balju/rules/data/functions/identifier.yaml``.

A person's corrected list of one of these RFPs is not a first measurement of the identifier
(docs/functions.md, "Corrections as new measurements"). The block holds derived facts only: the
sha256 of every RFP file of ../shared/data/rfp/files and of balju's own examples, and the notice
number and published file name of every row of ../shared/data/rfp/data_list.csv (two of its rows,
heldout8, were counted from the extract alone). ``tests/functions/test_development_set.py`` checks
the shipped block against this script's output.

    .venv/bin/python scripts/development_set.py [../shared/data/rfp]
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def development_set(rfp_folder: Path) -> dict[str, list[str]]:
    """sha256 of every file (the shared RFPs and our examples), notice numbers, published names."""
    files = sorted((rfp_folder / "files").iterdir()) + sorted(EXAMPLES.glob("sample_rfp.*"))
    sha256 = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file())
    with (rfp_folder / "data_list.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    with (rfp_folder / "manifest.csv").open(encoding="utf-8", newline="") as f:
        manifest = list(csv.DictReader(f))
    notices = {r["공고 번호"].strip() for r in rows} | {r["notice_no"].strip() for r in manifest}
    names = {r["파일명"].strip() for r in rows} | {r["original_filename"].strip() for r in manifest}
    return {"sha256": sha256, "notices": sorted(n for n in notices if n),
            "file_names": sorted(n for n in names if n)}


def main(argv: list[str]) -> int:
    import yaml

    folder = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "rfp"
    print(yaml.safe_dump({"developed_on": development_set(folder)}, allow_unicode=True, sort_keys=False, width=200))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
