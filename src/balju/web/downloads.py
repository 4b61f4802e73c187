"""Report downloads (보고서 내려받기): written on the fly from the stored review dict.

A stored review is the whole dict every writer takes, so a report is written afresh into a
temporary folder and handed over; nothing but the dict is kept. Korean file names go in the
RFC 5987 ``filename*`` parameter, with a plain ASCII ``filename`` for old clients.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def report_bytes(data: dict[str, Any], fmt: str) -> bytes:
    """One report of the review (xlsx, pdf, html, json) as bytes. Blocking: run it in a worker thread."""
    from balju import report

    if fmt == "json":
        return report.to_json(data).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="balju-report-") as folder:
        return report.write(data, fmt, Path(folder) / f"review.{fmt}").read_bytes()


def with_saved(data: dict[str, Any], summary: Any) -> dict[str, Any]:
    """The review dict with where it is stored (``saved``: its number, the review it corrected, who
    uploaded or corrected it), for the XLSX, PDF and HTML reports to print beside the file name.
    The JSON download stays the stored dict as it is."""
    if summary is None:
        return data
    return {**data, "saved": {"id": summary.id, "parent_id": summary.parent_id, "created_by": summary.created_by}}


def download_name(data: dict[str, Any], review_id: int, fmt: str) -> str:
    """'사업_검토.xlsx': the reviewed file's stem and 검토, so a report never takes the RFP's own name."""
    source = str((data.get("source") or {}).get("file") or "")
    stem = Path(source).stem.strip() or f"review-{review_id}"
    return f"{stem}_검토.{fmt}"


def content_disposition(name: str, fallback: str, inline: bool = False) -> str:
    """``attachment; filename="review-3.pdf"; filename*=UTF-8''%EC%82%AC…`` (RFC 6266 / RFC 5987)."""
    ascii_name = re.sub(r'[^A-Za-z0-9._-]', "_", fallback)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
