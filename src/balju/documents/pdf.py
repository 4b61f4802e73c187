"""PDF reader (PDF 읽기): pypdfium2 (PDFium) for text, our own ruling-line table finder.

For each page: the path objects that are thin lines or rectangle edges are the table rules. Rules
that touch each other form a table; their x and y positions form the grid; a grid cell with no
rule between it and its neighbour is merged with it (병합 셀). The text of each cell, and of the
bands above, between and below the tables, is taken with PDFium's bounded-text call, so a cell
never borrows a neighbour's characters. A table that ends a page and one that starts the next page
with the same columns are one table (표가 쪽을 넘어 이어짐). Lines repeated at the top or bottom of
most pages (running heads, page numbers) are dropped.

pdfplumber finds tables too, but took 29 s for the 149-page RFP here (see docs/readers.md).
"""

from __future__ import annotations

import bisect
import ctypes
import re
from collections import Counter
from pathlib import Path

from balju.documents._common import MAX_PDF_PAGES, cell_text, chapter_heading, clean, corrupt
from balju.documents.layout import heading_level, join_lines, unwrap_lines
from balju.documents.model import Block, Document, Position
from balju.errors import InputError

_TOL = 2.0  # points: how far apart two rules may be and still meet
_THIN = 2.0  # points: a path thinner than this is a line
_MAX_OBJECTS = 60_000  # per page: beyond this the page is a drawing; tables there are not looked for
_WRAP_EMS = 2.0  # a line ending within this many character heights of a cell's right rule was wrapped
_MAX_RULE_PAIRS = 400_000  # per page: horizontal × vertical rules compared (bounds the time)
_PAGE_NO = re.compile(r"^\s*(?:[-–—(]?\s*\d{1,4}\s*[-–—)]?|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+.*|\d+\s*쪽)\s*$",
                      re.IGNORECASE)


# --- rules → tables -------------------------------------------------------------------------
def _merge_intervals(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Rules on (about) the same line joined: (pos, start, end) sorted and merged."""
    out: list[list[float]] = []
    segs.sort()
    groups: list[list[tuple[float, float, float]]] = []
    for s in segs:
        if groups and s[0] - groups[-1][-1][0] <= _TOL / 2:
            groups[-1].append(s)
        else:
            groups.append([s])
    for g in groups:
        pos = sum(s[0] for s in g) / len(g)
        spans = sorted((s[1], s[2]) for s in g)
        cur = list(spans[0])
        for a, b in spans[1:]:
            if a <= cur[1] + _TOL:
                cur[1] = max(cur[1], b)
            else:
                out.append([pos, cur[0], cur[1]])
                cur = [a, b]
        out.append([pos, cur[0], cur[1]])
    return [tuple(o) for o in out]  # type: ignore[misc]


def _cluster(values: list[float]) -> list[float]:
    values = sorted(values)
    out: list[list[float]] = []
    for v in values:
        if out and v - out[-1][-1] <= _TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


class _Find:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def __call__(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self(a), self(b)
        if ra != rb:
            self.parent[rb] = ra


class _Grid:
    """One table on a page: column x's, row y's (top first), and cell regions."""

    def __init__(self, xs, ys, hs, vs) -> None:
        self.xs = xs
        self.ys = ys
        self.hs = hs
        self.vs = vs
        self.top, self.bottom = ys[0], ys[-1]
        self.left, self.right = xs[0], xs[-1]
        self._regions: list[tuple[int, int, int, int]] | None = None
        # the rules on each grid line, so a border test looks at a few rules, not all of them
        self._v_at = [[v for v in vs if abs(v[0] - x) <= _TOL] for x in xs]
        self._h_at = [[h for h in hs if abs(h[0] - y) <= _TOL] for y in ys]

    def _v_border(self, c: int, y_mid: float) -> bool:
        return any(v[1] - _TOL <= y_mid <= v[2] + _TOL for v in self._v_at[c])

    def _h_border(self, r: int, x_mid: float) -> bool:
        return any(h[1] - _TOL <= x_mid <= h[2] + _TOL for h in self._h_at[r])

    def regions(self) -> list[tuple[int, int, int, int]]:
        """Merged cells as (row, col, rowspan, colspan) in reading order."""
        if self._regions is not None:
            return self._regions
        n_r, n_c = len(self.ys) - 1, len(self.xs) - 1
        find = _Find(n_r * n_c)
        for r in range(n_r):
            y_mid = (self.ys[r] + self.ys[r + 1]) / 2
            for c in range(n_c):
                x_mid = (self.xs[c] + self.xs[c + 1]) / 2
                if c + 1 < n_c and not self._v_border(c + 1, y_mid):
                    find.union(r * n_c + c, r * n_c + c + 1)
                if r + 1 < n_r and not self._h_border(r + 1, x_mid):
                    find.union(r * n_c + c, (r + 1) * n_c + c)
        boxes: dict[int, list[int]] = {}
        for r in range(n_r):
            for c in range(n_c):
                root = find(r * n_c + c)
                b = boxes.setdefault(root, [r, c, r, c])
                b[0], b[1] = min(b[0], r), min(b[1], c)
                b[2], b[3] = max(b[2], r), max(b[3], c)
        self._regions = sorted({(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1) for b in boxes.values()})
        return self._regions


class _TooManyRules(Exception):
    """A page drawn with so many lines that looking for tables would take too long."""


def _find_grids(hs, vs) -> list[_Grid]:
    hs = _merge_intervals(hs)
    vs = _merge_intervals(vs)
    n = len(hs) + len(vs)
    if len(hs) < 2 or len(vs) < 2:
        return []
    if len(hs) * len(vs) > _MAX_RULE_PAIRS:
        raise _TooManyRules
    find = _Find(n)
    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - _TOL <= x <= x1 + _TOL and y0 - _TOL <= y <= y1 + _TOL:
                find.union(i, len(hs) + j)
    comps: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        comps.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        comps.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = []
    for ch, cv in comps.values():
        if len(ch) < 2 or len(cv) < 2:
            continue
        xs = _cluster([v[0] for v in cv])
        ys = _cluster([h[0] for h in ch])[::-1]
        if len(xs) < 2 or len(ys) < 2 or xs[-1] - xs[0] < 20 or ys[0] - ys[-1] < 8:
            continue
        if (len(xs) - 1) * (len(ys) - 1) > 20_000:
            raise _TooManyRules
        grids.append(_Grid(xs, ys, ch, cv))
    grids.sort(key=lambda g: -g.top)
    # a table drawn inside a box (a 1×1 frame): keep the table, drop the box; a table nested in a
    # cell of a real table: keep the outer table (the inner text stays in its cell)
    def contains(o: _Grid, g: _Grid) -> bool:
        return (o is not g and o.left - _TOL <= g.left and g.right <= o.right + _TOL
                and o.bottom - _TOL <= g.bottom and g.top <= o.top + _TOL)

    boxes = {id(g) for g in grids if len(g.regions()) == 1}
    kept = []
    for g in grids:
        outer = [o for o in grids if contains(o, g)]
        if any(id(o) not in boxes for o in outer):
            continue
        if id(g) in boxes and any(contains(g, o) for o in grids):
            continue
        kept.append(g)
    return kept


# --- per page ----------------------------------------------------------------------------------
class _Page:
    def __init__(self, number: int, blocks: list[tuple[Block, list[float] | None]], chars: int,
                 images: int) -> None:
        self.number = number
        self.blocks = blocks  # (block, column xs for tables)
        self.chars = chars
        self.images = images
        self.tables_skipped = False


def _rules(page, raw_module) -> tuple[list, list, int, int]:
    c = raw_module
    L, B, R, T = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.byref(v) for v in (L, B, R, T)]
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    images = 0
    count = c.FPDFPage_CountObjects(page.raw)
    if count > _MAX_OBJECTS:
        return hs, vs, count, images
    get, kind, bounds, segments = (c.FPDFPage_GetObject, c.FPDFPageObj_GetType, c.FPDFPageObj_GetBounds,
                                   c.FPDFPath_CountSegments)
    path_type, image_type = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE
    for k in range(count):
        obj = get(page.raw, k)
        t = kind(obj)
        if t == image_type:
            images += 1
            continue
        if t != path_type or not bounds(obj, *refs):
            continue
        l, b, r, tp = L.value, B.value, R.value, T.value
        w, h = r - l, tp - b
        if w < _THIN and h < _THIN:
            continue
        if h < _THIN:
            hs.append(((b + tp) / 2, l, r))
        elif w < _THIN:
            vs.append(((l + r) / 2, b, tp))
        elif segments(obj) <= 6:  # a plain rectangle: its four edges
            hs += [(tp, l, r), (b, l, r)]
            vs += [(l, b, tp), (r, b, tp)]
    return hs, vs, count, images


def _read_page(pdf, index: int, raw_module) -> _Page:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            chars = textpage.count_chars()
            hs, vs, count, images = _rules(page, raw_module) if chars else ([], [], 0, 0)
            if not chars:
                images = sum(1 for _ in page.get_objects(filter=[raw_module.FPDF_PAGEOBJ_IMAGE], max_depth=2))
            skipped = count > _MAX_OBJECTS
            try:
                grids = _find_grids(hs, vs) if chars else []
            except _TooManyRules:
                grids, skipped = [], True
            left, bottom, right, top = page.get_bbox()
            blocks: list[tuple[Block, list[float] | None]] = []
            pos = Position(page=index + 1)
            runs = _text_runs(textpage) if grids else []
            cursor = top + 1
            for g in grids:
                if g.top > cursor + _TOL:  # overlaps the previous table: skip
                    continue
                if cursor - g.top > 1:
                    _band(textpage, left - 1, g.top, right + 1, cursor, pos, blocks)
                side = [(left - 1, g.left), (g.right, right + 1)]
                for x0, x1 in side:
                    if x1 - x0 > 5:
                        _band(textpage, x0, g.bottom, x1, g.top, pos, blocks)
                parts = _table(textpage, g, pos, runs)
                if parts is None:
                    _band(textpage, g.left, g.bottom, g.right, g.top, pos, blocks)
                else:
                    blocks += [(b, g.xs if b.kind == "table" else None) for b in parts]
                cursor = g.bottom
            if chars and cursor - bottom > 1:
                _band(textpage, left - 1, bottom - 1, right + 1, cursor, pos, blocks)
        finally:
            textpage.close()
    finally:
        page.close()
    result = _Page(index + 1, blocks, chars, images)
    result.tables_skipped = skipped
    return result


def _band(textpage, x0, y0, x1, y1, pos, blocks) -> None:
    text = textpage.get_text_bounded(left=x0, bottom=y0, right=x1, top=y1)
    if not text.strip():
        return
    for para in join_lines(text.split("\n")):
        level = heading_level(para)
        if level is not None:
            blocks.append((Block("heading", para, position=pos, level=level), None))
        else:
            blocks.append((Block("paragraph", para, position=pos), None))


def _text_runs(textpage) -> list[tuple[float, float, float, float]]:
    """PDFium's text rectangles of the page (a word or a run of one font on one line each)."""
    return [textpage.get_rect(i) for i in range(textpage.count_rects())]


def _unwrap(textpage, text: str, runs, x0: float, y0: float, x1: float, y1: float) -> str:
    """The cell's text with the lines the layout engine wrapped joined again (PDF cells keep the
    wraps of the page: '…서비스에 접' / '근 할 수 있는…'). The cell's text runs are grouped into
    lines by height; a line whose last run reaches within ``_WRAP_EMS`` character heights of the
    cell's right rule was wrapped. Each line's text is taken within its own band, so lines and
    measurements pair up. When they do not (a band holds a line break, or the bands read the
    characters in another order than the cell's text, as side-by-side columns do), the text is
    kept."""
    inside = sorted(
        ((top + bottom) / 2, bottom, right, top)
        for left, bottom, right, top in runs
        if left >= x0 - _TOL and right <= x1 + _TOL and y0 <= (top + bottom) / 2 <= y1 and top > bottom
    )
    rows: list[list[float]] = []  # [y of its first run, bottom, top, right end], top line first
    for y, bottom, right, top in reversed(inside):
        if rows and abs(rows[-1][0] - y) <= (rows[-1][2] - rows[-1][1]) / 2:
            row = rows[-1]
            row[1], row[2], row[3] = min(row[1], bottom), max(row[2], top), max(row[3], right)
        else:
            rows.append([y, bottom, top, right])
    if len(rows) < 2:
        return text
    wrapped = [x1 - right <= _WRAP_EMS * (top - bottom) for _y, bottom, top, right in rows]
    lines = [line for line in text.replace("\r", "").split("\n") if line.strip()]
    if len(lines) != len(rows):  # PDFium's text breaks lines elsewhere: read each line's own band
        lines = []
        for _y, bottom, top, right in rows:
            line = textpage.get_text_bounded(left=x0, bottom=bottom, right=x1, top=top).replace("\r", "")
            if "\n" in line.strip():
                return text  # bands overlap: two lines in one band
            lines.append(line.replace("\n", ""))
        if "".join("".join(lines).split()) != "".join(text.split()):
            return text
    return unwrap_lines(lines, wrapped)


def _table(textpage, g: _Grid, pos: Position, runs) -> list[Block] | None:
    regions = g.regions()
    n_r, n_c = len(g.ys) - 1, len(g.xs) - 1
    grid = [[""] * n_c for _ in range(n_r)]
    spans = []
    owner = {(rr, cc): k for k, (r, c, rs, cs) in enumerate(regions)
             for rr in range(r, r + rs) for cc in range(c, c + cs)}
    cell_runs: list[list] = [[] for _ in regions]
    below = [-y for y in g.ys]  # the grid's ys run top to bottom: negated, they ascend for bisect
    for run in runs:  # each text run to the cell its middle falls in
        col = bisect.bisect_right(g.xs, (run[0] + run[2]) / 2) - 1
        row = bisect.bisect_right(below, -(run[1] + run[3]) / 2) - 1
        k = owner.get((row, col))
        if k is not None:
            cell_runs[k].append(run)
    for k, (r, c, rs, cs) in enumerate(regions):
        x0, y0, x1, y1 = g.xs[c], g.ys[r + rs], g.xs[c + cs], g.ys[r]
        text = textpage.get_text_bounded(left=x0, bottom=y0, right=x1, top=y1)
        grid[r][c] = cell_text(_unwrap(textpage, text, cell_runs[k], x0, y0, x1, y1))
        if rs > 1 or cs > 1:
            spans.append((r, c, rs, cs))
    if len(regions) == 1 or not any(any(row) for row in grid):  # a box around text, not a table
        return None
    keep = [i for i, row in enumerate(grid) if any(row)]
    if len(keep) != len(grid):
        index = {old: new for new, old in enumerate(keep)}
        grid = [grid[i] for i in keep]
        spans = [(index[r], c, max(1, sum(1 for k in keep if r <= k < r + rs)), cs)
                 for r, c, rs, cs in spans if r in index]
    chapter = chapter_heading(grid)
    if chapter is not None:
        return [Block("heading", chapter[0], position=pos, level=chapter[1])]
    out = []
    for rows, part_spans in _split_records(grid, spans):
        text = "\n".join(" | ".join(cell.replace("\n", " ") for cell in row) for row in rows)
        out.append(Block("table", text, rows=rows, position=pos, spans=part_spans or None))
    return out


def _split_records(grid: list[list[str]], spans: list) -> list[tuple[list[list[str]], list]]:
    """Requirement cards drawn edge to edge make one grid: split it where the first two labels of
    the first column come again (요구사항번호, 요구사항 명, …, 요구사항번호, 요구사항 명, …)."""
    first = [row[0] for row in grid]
    if len(grid) < 6 or not first[0] or not first[1] or first[0] == first[1]:
        return [(grid, spans)]
    starts = [0] + [k for k in range(2, len(grid) - 1) if first[k] == first[0] and first[k + 1] == first[1]]
    if len(starts) == 1 or any(b - a < 2 for a, b in zip(starts, starts[1:])):
        return [(grid, spans)]
    bounds = list(zip(starts, starts[1:] + [len(grid)]))
    parts = []
    for a, b in bounds:
        part_spans = [(r - a, c, min(rs, b - r), cs) for r, c, rs, cs in spans if a <= r < b]
        parts.append((grid[a:b], [sp for sp in part_spans if sp[2] > 1 or sp[3] > 1]))
    return parts


# --- whole document ----------------------------------------------------------------------------
def _signature(block: Block) -> str | None:
    """What a running head/foot looks like on every page: its text with numbers masked.
    Long blocks are content, never furniture."""
    if len(block.text) > 300:
        return None
    return re.sub(r"\d+", "#", block.text)


def _drop_furniture(pages: list[_Page]) -> None:
    """Remove running heads/feet: page numbers, and blocks repeated once per page at a page's
    top or bottom on many pages (numbers masked, so "6/19" and "7/19" match). A block seen twice
    on one page is content (e.g. requirement cards of one form), never furniture."""
    edge: Counter = Counter()
    twice: set[str] = set()
    for p in pages:
        per_page = Counter(s for s in (_signature(b) for b, _ in p.blocks) if s is not None)
        twice |= {s for s, n in per_page.items() if n > 1}
        seen = set()
        for b, _ in p.blocks[:3] + p.blocks[-3:]:
            sig = _signature(b)
            if sig is not None:
                seen.add(sig)
        edge.update(seen)
    threshold = max(3, len(pages) * 0.4)
    repeated = {s for s, n in edge.items() if n >= threshold and s not in twice}
    first_seen: set[str] = set()
    for p in pages:
        n = len(p.blocks)
        kept = []
        for i, (b, xs) in enumerate(p.blocks):
            at_edge = i < 3 or i >= n - 3
            if at_edge and b.kind != "table" and _PAGE_NO.match(b.text):
                continue
            sig = _signature(b)
            if at_edge and sig is not None and sig in repeated:
                if sig in first_seen:
                    continue
                first_seen.add(sig)
            kept.append((b, xs))
        p.blocks = kept


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 3 * _TOL for x, y in zip(a, b))


def _starts_anew(prev: Block, new: Block) -> bool:
    """The table at the top of the next page is a new table of the same form, not a continuation.

    Requirement "cards" come one after another with the same first row (``요구사항 분류 | 기능
    요구사항``) or the same first label with a new value (``요구사항번호 | SER-002``); a continued
    table either has no header on the new page or repeats the header and then goes on with data.
    """
    a, b = (prev.rows or [[]])[0], (new.rows or [[]])[0]
    if not (a and b and a[0]):
        return False
    if a != b:
        return a[0] == b[0]
    # the same first row: a repeated header, unless the next row starts like the previous
    # table's second row too (the next record of the same form)
    return bool(len(prev.rows or []) > 1 and len(new.rows or []) > 1 and prev.rows[1][0]
                and prev.rows[1][0] == new.rows[1][0])


def _join_tables(pages: list[_Page]) -> list[Block]:
    """Blocks of all pages; a table continued at the top of the next page is one table."""
    out: list[Block] = []
    last_xs: list[float] | None = None
    last_page = 0
    for p in pages:
        for i, (b, xs) in enumerate(p.blocks):
            prev = out[-1] if out else None
            if (i == 0 and xs is not None and prev is not None and prev.kind == "table"
                    and last_xs is not None and last_page == p.number - 1 and _same_columns(last_xs, xs)
                    and not _starts_anew(prev, b)):
                rows = b.rows or []
                if rows and prev.rows and rows[0] == prev.rows[0] and len(rows) > 1:
                    rows = rows[1:]  # the header row repeated on the new page
                    spans = [(r - 1, c, rs, cs) for r, c, rs, cs in (b.spans or []) if r > 0]
                else:
                    spans = list(b.spans or [])
                offset = len(prev.rows)
                prev.rows.extend(rows)
                if spans:
                    prev.spans = (prev.spans or []) + [(r + offset, c, rs, cs) for r, c, rs, cs in spans]
                prev.text = "\n".join(" | ".join(cell.replace("\n", " ") for cell in row) for row in prev.rows)
                prev.end_position = Position(page=p.number)
            else:
                out.append(b)
            last_xs = xs
            last_page = p.number
    return out


def _pdf_date(value: str) -> str:
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?", value)
    if not m:
        return value
    y, mo, d, h, mi, s = (g or "00" for g in m.groups())
    date = f"{y}-{mo if mo != '00' else '01'}-{d if d != '00' else '01'}"
    return f"{date}T{h}:{mi}:{s}" if m.group(4) else date


def _properties(pdf) -> dict[str, str]:
    names = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
             "Creator": "creator", "Producer": "producer", "CreationDate": "created", "ModDate": "modified"}
    props = {}
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - broken metadata must not stop the text
        return props
    for key, name in names.items():
        value = clean(str(meta.get(key, "") or ""))
        if value:
            props[name] = _pdf_date(value) if name in ("created", "modified") else value
    return props


def read_pdf(path: Path, data: bytes) -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                "암호가 걸린 PDF입니다 (password-protected PDF).",
                file=str(path),
                fix="암호를 푼 PDF를 넣어 주세요 (remove the password and save the PDF again).",
            ) from None
        raise corrupt(path, f"PDF를 열 수 없습니다 (cannot open PDF: {exc})") from None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise corrupt(path, "쪽이 하나도 없습니다 (the PDF has no pages)")
        doc = Document(path=str(path), format="pdf", properties=_properties(pdf))
        if n_pages > MAX_PDF_PAGES:
            doc.warnings.append(f"앞 {MAX_PDF_PAGES}쪽만 읽었습니다 (read the first {MAX_PDF_PAGES} pages only)")
            n_pages = MAX_PDF_PAGES
        pages = []
        for i in range(n_pages):
            try:
                pages.append(_read_page(pdf, i, raw))
            except pdfium.PdfiumError:
                doc.warnings.append(f"{i + 1}쪽을 읽지 못했습니다 (page {i + 1} unreadable)")
    finally:
        pdf.close()
    text_pages = [p for p in pages if p.chars > 0 and p.blocks]
    if not text_pages:
        if any(p.images for p in pages):
            raise InputError(
                "텍스트 층이 없는 스캔 PDF입니다: 글자를 읽을 수 없습니다 "
                "(scanned PDF with no text layer).",
                file=str(path),
                fix="OCR(문자 인식)로 텍스트를 입힌 PDF를 만들거나(예: ocrmypdf -l kor), 원본 HWP·PDF를 "
                "받아 넣어 주세요 (run OCR first, e.g. `ocrmypdf -l kor in.pdf out.pdf`, or get the "
                "original HWP/PDF).",
            )
        raise InputError(
            "PDF에 읽을 글자가 없습니다 (the PDF has no text).",
            file=str(path),
            fix="내용이 있는 원본 파일인지 확인해 주세요 (check this is the right file).",
        )
    image_only = [p.number for p in pages if not p.blocks and p.images]
    if image_only:
        shown = ", ".join(map(str, image_only[:20])) + (" …" if len(image_only) > 20 else "")
        doc.warnings.append(f"글자 없이 그림만 있는 쪽: {shown} — 내용이 있다면 OCR이 필요합니다 "
                            f"(image-only pages, need OCR if they hold text)")
    crowded = [p.number for p in pages if p.tables_skipped]
    if crowded:
        shown = ", ".join(map(str, crowded[:20])) + (" …" if len(crowded) > 20 else "")
        doc.warnings.append(f"선이 너무 많아 표를 찾지 않은 쪽: {shown} — 글자는 문단으로 읽었습니다 "
                            f"(too many drawn lines: tables not looked for, text read as paragraphs)")
    _drop_furniture(pages)
    doc.blocks = _join_tables(pages)
    return doc
