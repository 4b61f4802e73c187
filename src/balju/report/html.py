"""HTML report: one Jinja2 template (templates/report.html.j2) with the CSS inlined.

The page stands alone: the charts are embedded as ``data:`` URI SVGs, so the file needs nothing
beside it. The PDF is laid out from the same ``View`` by Typst (see ``pdf.py``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from balju.report.view import FP_TYPE_KO, FP_TYPES, NOT_APPLICABLE, NOT_FOUND, View, number, text_or, won

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["won"] = won
    env.filters["num"] = lambda value, digits=2: number(value, digits)
    env.filters["t"] = lambda value, empty=NOT_FOUND: text_or(value, empty)
    env.globals.update(NOT_FOUND=NOT_FOUND, NOT_APPLICABLE=NOT_APPLICABLE, FP_TYPES=FP_TYPES, FP_TYPE_KO=FP_TYPE_KO)
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def render_html(view: View, charts: dict[str, str | None] | None = None) -> str:
    """The report page as a string (charts: SVG text from ``chart.charts``)."""
    from balju.report.chart import charts as make_charts, data_uri

    if charts is None:
        charts = make_charts(view)
    uris = {key: data_uri(svg) for key, svg in charts.items()}
    req_functions: dict[str, int] = {}
    for f in view.functions:
        req_functions[f.requirement_id] = req_functions.get(f.requirement_id, 0) + 1
    req_findings: dict[str, int] = {}
    for f in view.findings:
        if f.requirement_id:
            req_findings[f.requirement_id] = req_findings.get(f.requirement_id, 0) + 1
    template = environment().get_template("report.html.j2")
    return template.render(v=view, charts=uris, css=stylesheet(), req_functions=req_functions,
                           req_findings=req_findings)


def write_html(view: View, path: Path, charts: dict[str, str | None] | None = None) -> Path:
    Path(path).write_text(render_html(view, charts), encoding="utf-8")
    return Path(path)
