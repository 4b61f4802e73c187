"""Report writers (보고서): XLSX, PDF, HTML and JSON of one Review.

Every writer takes only the Review's plain dict (``docs/review-json.md``), so the reports and the
JSON always agree::

    from balju import report
    report.write(review_dict, "xlsx", "out/review.xlsx")
    paths = report.write_all(review_dict, "out", ["xlsx", "pdf", "html", "json"])

Missing or null parts (a value not found, no budget, no estimate, zero functions, no findings)
never stop a report: it says "찾지 못함" or "해당 없음" instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from balju.errors import InputError

FORMATS = ("xlsx", "pdf", "html", "json")
SUFFIX = {"xlsx": ".xlsx", "pdf": ".pdf", "html": ".html", "json": ".json"}

__all__ = ["FORMATS", "check_format", "format_keys", "write", "write_all", "render_html", "to_json"]


def check_format(fmt: str) -> str:
    """The format's key (xlsx, pdf, html, json) for a name like "XLSX", ".pdf" or "htm".

    Raises ``InputError`` for a format balju does not write.
    """
    key = str(fmt).strip().lower().lstrip(".")
    key = {"htm": "html", "excel": "xlsx"}.get(key, key)
    if key not in FORMATS:
        raise InputError(
            f"보고서 형식 '{fmt}'은(는) 지원하지 않습니다 (unsupported report format).",
            fix="xlsx, pdf, html, json 중에서 고르세요.",
        )
    return key


def to_json(review: dict) -> str:
    """The Review dict as it is (UTF-8 Korean, indent 2)."""
    return json.dumps(review, ensure_ascii=False, indent=2, default=str) + "\n"


def render_html(review: dict) -> str:
    """The HTML report as a string (for the web app)."""
    from balju.report import html, view

    return html.render_html(view.build(review))


def _write(review: dict, fmt: str, path: Path, cache: dict[str, Any]) -> Path:
    """Write to a temporary file beside ``path`` and move it into place only when it is whole, so
    a failure never leaves a half-written report over the one a person already had."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        _write_to(review, fmt, partial, cache)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _write_to(review: dict, fmt: str, path: Path, cache: dict[str, Any]) -> Path:
    if fmt == "json":
        path.write_text(to_json(review), encoding="utf-8")
        return path
    from balju.report import view as view_module

    if "view" not in cache:
        cache["view"] = view_module.build(review)
    v = cache["view"]
    if fmt == "xlsx":
        from balju.report.xlsx import write_xlsx

        return write_xlsx(v, path)
    if "charts" not in cache:
        from balju.report.chart import charts

        cache["charts"] = charts(v)
    if fmt == "html":
        from balju.report.html import write_html

        return write_html(v, path, cache["charts"])
    from balju.report.pdf import write_pdf

    return write_pdf(v, path, cache["charts"])


def write(review: dict, fmt: str, path: str | Path) -> Path:
    """Write one report of ``review`` (the Review dict) in ``fmt`` (xlsx, pdf, html, json) to ``path``."""
    return _write(review, check_format(fmt), Path(path), {})


def write_all(
    review: dict, out_dir: str | Path, formats: Iterable[str] = FORMATS, stem: str = "review"
) -> dict[str, Path]:
    """Write ``out_dir/<stem>.<ext>`` for each format; returns ``{format: path}`` in the order given.

    The Review is read once and the charts are drawn once for the PDF and HTML together.
    """
    out = Path(out_dir)
    cache: dict[str, Any] = {}
    return {key: _write(review, key, out / f"{stem}{SUFFIX[key]}", cache) for key in format_keys(formats)}


def format_keys(formats: Iterable[str]) -> list[str]:
    """The formats' keys in the order given, each once (``InputError`` for an unknown one)."""
    keys: list[str] = []
    for fmt in formats:
        key = check_format(fmt)
        if key not in keys:
            keys.append(key)
    return keys
