"""Helpers of the batch tests: a folder of our sample RFPs with a broken and a foreign file, and
what `balju review` itself says about a file (the values batch must store)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
PROJECT_NAME = "가상시 시민 체육시설 예약관리시스템 구축 사업"
BROKEN_BYTES = bytes(range(256)) * 12
"""Not an OLE file although it is named .hwp: the reader must refuse it with its Korean message."""


def make_folder(root: Path) -> Path:
    """rfps/ with sample_rfp.hwp, sub/sample_rfp.pdf, a broken x.hwp, and files a batch must pass over."""
    folder = root / "rfps"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLES / "sample_rfp.hwp", folder / "sample_rfp.hwp")
    shutil.copy(EXAMPLES / "sample_rfp.pdf", folder / "sub" / "sample_rfp.pdf")
    (folder / "x.hwp").write_bytes(BROKEN_BYTES)
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 not an RFP")  # unsupported suffix
    (folder / ".hidden.hwp").write_bytes((EXAMPLES / "sample_rfp.hwp").read_bytes())  # hidden: not found
    (folder / "~$sample_rfp.hwp").write_bytes(b"lock")  # an editor's lock file: not found
    (folder / ".git").mkdir()
    (folder / ".git" / "inside.hwp").write_bytes(BROKEN_BYTES)  # inside a hidden folder: not found
    return folder


def cli_review_json(path: Path) -> dict:
    """`balju review PATH --json --no-report`, in this process, as a user would run it."""
    from balju.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["review", str(path), "--json", "--no-report", "--quiet"])
    assert code == 0, out.getvalue()[-2000:]
    return json.loads(out.getvalue())


VOLATILE = ("generated_at", "timings_ms")
"""Keys of a review dict that differ between two reviews of the same file (clock and timing)."""


def stable(data: dict) -> dict:
    """A review dict without its clock and timing keys, for comparing two reviews of one file."""
    return {k: v for k, v in data.items() if k not in VOLATILE}
