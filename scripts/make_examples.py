"""예시 제안요청서 생성 (Make the sample RFPs in every format).

examples/sample_rfp.md 하나에서 HWP 5.0, HWPX, DOCX, PDF를 만든다.

    .venv/bin/python scripts/make_examples.py            # examples/ 아래에 네 파일을 다시 씀
    .venv/bin/python scripts/make_examples.py --out DIR  # 다른 폴더에 씀 (시험용)

마크다운은 이 스크립트가 읽는 작은 부분집합만 쓴다: `#` 제목, 문단, `- ` 목록,
표(첫 행 + `|---|` 구분행), 표 칸 안의 줄바꿈 `<br>`. `$`, `*`, 백틱, 칸 안의 `|`는 쓰지 않는다
(hwp_converter_ai가 `$…$`를 수식으로 읽는다).

형식별 차이 (Format differences, by design):
- HWP/HWPX: hwp_converter_ai의 from_markdown을 그대로 쓴다. 표 칸은 한 문단뿐이라 `<br>`은
  공백으로 바꾼다. 표는 열 너비가 같은 단순 격자다.
- DOCX/PDF: 요구사항 상세 표를 실제 RFP처럼 3열로 그리고 "요구사항 상세설명" 칸을
  정의·세부내용 두 행에 걸쳐 병합한다. `<br>`은 칸 안 줄바꿈이 된다.

재생성 결과가 바뀌지 않도록 ZIP 항목 시각, DOCX 문서 속성, PDF 메타데이터를 고정한다.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SOURCE = EXAMPLES / "sample_rfp.md"
STEM = "sample_rfp"
FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
FIXED_TIME = (2026, 11, 1, 0, 0, 0)
"""모든 생성물에 쓰는 고정 시각 (문서의 작성 월)."""

REQ_TABLE_FIRST_CELL = "요구사항 분류"
DETAIL_LABELS = ("정의", "세부내용")
DETAIL_GROUP = "요구사항 상세설명"
SMALL_TABLE_ROWS = 15
"""PDF에서 이 행 수 이하의 표는 쪽을 나누지 않는다 (큰 표는 머리행을 반복한다)."""


# ── 마크다운 부분집합 ────────────────────────────────────────────────


@dataclass
class Block:
    kind: str  # "h" | "p" | "li" | "table"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse_markdown(text: str) -> list[Block]:
    """Parse the subset of markdown the sample uses into blocks."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = lines[i].strip()
                if not _SEPARATOR.match(row):
                    rows.append(_cells(row))
                i += 1
            width = max(len(r) for r in rows)
            blocks.append(Block("table", rows=[r + [""] * (width - len(r)) for r in rows]))
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block("h", line[level:].strip(), level=level))
        elif line.startswith("- "):
            blocks.append(Block("li", line[2:].strip()))
        else:
            blocks.append(Block("p", line))
        i += 1
    return blocks


def is_requirement_table(rows: list[list[str]]) -> bool:
    return bool(rows) and rows[0][0] == REQ_TABLE_FIRST_CELL and len(rows[0]) == 2


def cell_lines(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("<br>")]


def requirement_ids(text: str) -> list[str]:
    """Every requirement ID in the source, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in re.finditer(r"\b(?:SFR|PER|SIR|DAR|TER|SER|QUR|COR|PMR|PSR)-\d{3}\b", text):
        seen.setdefault(m.group(0), None)
    return list(seen)


# ── HWP / HWPX ───────────────────────────────────────────────────────


def markdown_for_hwp(text: str) -> str:
    """hwp_converter_ai용: 표 칸은 한 문단이라 칸 안 줄바꿈을 공백으로."""
    return text.replace("<br>", " ")


def write_hwp(md: str, out: Path) -> None:
    from hwp_converter_ai import HwpWriter

    HwpWriter().from_markdown(markdown_for_hwp(md), Path(out))


def write_hwpx(md: str, out: Path) -> None:
    from hwp_converter_ai import HwpxGenerator

    HwpxGenerator().from_markdown(markdown_for_hwp(md), output_path=Path(out))
    normalize_zip(out)


def normalize_zip(path: Path) -> None:
    """Rewrite a zip with fixed entry times (same order, same compression)."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w") as zout:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)


# ── DOCX ─────────────────────────────────────────────────────────────


def write_docx(md: str, out: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "NanumGothic"
    normal.font.size = Pt(10)
    for style_name in ["Normal", "Title"] + [f"Heading {n}" for n in range(1, 5)]:
        rpr = doc.styles[style_name].element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), "NanumGothic")
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)

    def shade(cell) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = tc_pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                               qn("w:fill"): "E7EEF7"})
        tc_pr.append(shd)

    def fill(cell, text: str, bold: bool = False) -> None:
        lines = cell_lines(text)
        para = cell.paragraphs[0]
        for n, line in enumerate(lines):
            if n:
                para = cell.add_paragraph()
            run = para.add_run(line)
            run.bold = bold

    blocks = parse_markdown(md)
    for block in blocks:
        if block.kind == "h":
            if block.level == 1:
                doc.add_heading(block.text, level=0)
            else:
                doc.add_heading(block.text, level=min(block.level - 1, 4))
        elif block.kind == "p":
            doc.add_paragraph(block.text)
        elif block.kind == "li":
            doc.add_paragraph(block.text, style="List Bullet")
        elif is_requirement_table(block.rows):
            rows = block.rows
            table = doc.add_table(rows=len(rows), cols=3)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            detail_rows = [n for n, r in enumerate(rows) if r[0] in DETAIL_LABELS]
            for n, (label, value) in enumerate(rows):
                cells = table.rows[n].cells
                if n in detail_rows:
                    fill(cells[1], label, bold=True)
                    shade(cells[1])
                    fill(cells[2], value)
                else:
                    merged = cells[0].merge(cells[1])
                    fill(merged, label, bold=True)
                    shade(merged)
                    fill(cells[2], value)
            if detail_rows:
                first, last = detail_rows[0], detail_rows[-1]
                group = table.cell(first, 0).merge(table.cell(last, 0))
                fill(group, DETAIL_GROUP, bold=True)
                shade(group)
            widths = (Pt(60), Pt(55), Pt(330))
            for row in table.rows:
                for cell, width in zip(row.cells, widths):
                    cell.width = width
            doc.add_paragraph()
        else:
            rows = block.rows
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for n, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = table.cell(n, c)
                    fill(cell, text, bold=(n == 0))
                    if n == 0:
                        shade(cell)
            doc.add_paragraph()

    fixed = dt.datetime(*FIXED_TIME)
    props = doc.core_properties
    props.title = blocks[0].text if blocks and blocks[0].kind == "h" else STEM
    props.author = "balju 예시 (가상시청)"
    props.last_modified_by = "balju"
    props.created = fixed
    props.modified = fixed
    props.revision = 1
    doc.save(str(out))
    normalize_zip(out)


# ── PDF (HTML → weasyprint) ──────────────────────────────────────────


CSS = f"""
@font-face {{ font-family: "NanumGothic"; src: url("file://{FONT_DIR}/NanumGothic.ttf"); }}
@font-face {{ font-family: "NanumGothic"; font-weight: bold;
             src: url("file://{FONT_DIR}/NanumGothicBold.ttf"); }}
@page {{ size: A4; margin: 20mm 18mm;
        @bottom-center {{ content: "- " counter(page) " -"; font-family: "NanumGothic"; font-size: 8pt; }} }}
body {{ font-family: "NanumGothic", sans-serif; font-size: 9.5pt; line-height: 1.5; }}
h1 {{ font-size: 18pt; text-align: center; margin: 40mm 0 10mm; }}
h2 {{ font-size: 14pt; border-bottom: 1.5px solid #234; padding-bottom: 2px; margin-top: 8mm;
      page-break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin-top: 5mm; page-break-after: avoid; }}
h4 {{ font-size: 10.5pt; page-break-after: avoid; }}
p.cover {{ text-align: center; font-size: 11pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }}
th, td {{ border: 0.6px solid #555; padding: 1.5mm 2mm; vertical-align: middle; }}
th {{ background: #e7eef7; font-weight: bold; }}
table.req {{ page-break-inside: avoid; }}
table.req th {{ text-align: center; width: 17mm; }}
table.req th.group {{ width: 24mm; }}
table.small {{ page-break-inside: avoid; }}
tr {{ page-break-inside: avoid; }}
"""


def _inline(text: str) -> str:
    return "<br>".join(html.escape(line) for line in cell_lines(text))


def markdown_to_html(md: str) -> str:
    blocks = parse_markdown(md)
    out: list[str] = []
    in_list = False
    cover = True
    for block in blocks:
        if block.kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "h":
            if block.level == 2:
                cover = False
            out.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif block.kind == "p":
            cls = ' class="cover"' if cover else ""
            out.append(f"<p{cls}>{html.escape(block.text)}</p>")
        elif block.kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(block.text)}</li>")
        elif is_requirement_table(block.rows):
            rows = block.rows
            detail = [n for n, r in enumerate(rows) if r[0] in DETAIL_LABELS]
            trs = []
            for n, (label, value) in enumerate(rows):
                if n in detail:
                    group = ""
                    if n == detail[0]:
                        group = f'<th class="group" rowspan="{len(detail)}">{DETAIL_GROUP}</th>'
                    trs.append(f"<tr>{group}<th>{_inline(label)}</th><td>{_inline(value)}</td></tr>")
                else:
                    trs.append(f'<tr><th colspan="2">{_inline(label)}</th><td>{_inline(value)}</td></tr>')
            out.append('<table class="req">' + "".join(trs) + "</table>")
        else:
            head, *body = block.rows
            thead = "<thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr></thead>"
            tbody = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in body)
            cls = ' class="small"' if len(block.rows) <= SMALL_TABLE_ROWS else ""
            out.append(f"<table{cls}>{thead}<tbody>{tbody}</tbody></table>")
    if in_list:
        out.append("</ul>")
    title = blocks[0].text if blocks and blocks[0].kind == "h" else STEM
    created = dt.date(*FIXED_TIME[:3]).isoformat()
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        '<meta name="author" content="balju 예시 (가상시청)">'
        f'<meta name="dcterms.created" content="{created}">'
        f'<meta name="dcterms.modified" content="{created}">'
        f"<style>{CSS}</style></head><body>" + "\n".join(out) + "</body></html>"
    )


def write_pdf(md: str, out: Path) -> None:
    from weasyprint import HTML

    HTML(string=markdown_to_html(md), base_url=str(EXAMPLES)).write_pdf(str(out))


# ── main ─────────────────────────────────────────────────────────────

WRITERS = {"hwp": write_hwp, "hwpx": write_hwpx, "docx": write_docx, "pdf": write_pdf}


def make_all(out_dir: Path, source: Path = SOURCE) -> dict[str, Path]:
    md = source.read_text(encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = {}
    for ext, writer in WRITERS.items():
        path = out_dir / f"{STEM}.{ext}"
        writer(md, path)
        made[ext] = path
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="예시 제안요청서를 HWP·HWPX·DOCX·PDF로 만든다.")
    parser.add_argument("--out", type=Path, default=EXAMPLES, help="출력 폴더 (기본: examples/)")
    args = parser.parse_args(argv)
    for ext, path in make_all(args.out).items():
        print(f"{ext:5s} {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
