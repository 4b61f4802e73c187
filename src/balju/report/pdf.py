"""PDF report: the HTML template printed by WeasyPrint (A4, NanumGothic embedded, "n / N" pages)."""

from __future__ import annotations

from pathlib import Path

from balju.report.html import TEMPLATES, render_html
from balju.report.view import View


def write_pdf(view: View, path: Path, charts: dict[str, str | None] | None = None) -> Path:
    import weasyprint

    html = render_html(view, charts, mode="pdf")
    weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf(str(path))
    return Path(path)
