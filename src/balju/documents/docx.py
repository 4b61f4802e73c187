"""DOCX reader (Word 문서 읽기): zip + XML with the standard library.

``word/document.xml``: ``w:body`` holds ``w:p`` paragraphs and ``w:tbl`` tables (``w:tr`` → ``w:tc``,
``w:gridSpan`` for merged columns, ``w:vMerge`` for merged rows). Heading levels come from the
paragraph style (``word/styles.xml``: name "heading N"/"제목 N" or ``w:outlineLvl``); a ``w:sectPr``
inside a paragraph ends a section. Title and author are in ``docProps/core.xml``.
"""

from __future__ import annotations

import re
from pathlib import Path

from balju.documents._common import (
    Budget,
    bullet_char,
    fatal,
    clean,
    corrupt,
    local,
    make_table,
    open_zip,
    parse_xml,
    read_member,
)
from balju.documents.heads import WORD_FORMATS, Counters, Level, with_mark
from balju.documents.layout import heading_level, refine_heading
from balju.documents.model import Block, Document, Position
from balju.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|제목|title)\s*(\d*)$", re.IGNORECASE)
_MAX_HEADING_CHARS = 120
_TEXT = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-", "softHyphen": ""}
_NO_TEXT = {"pPr", "rPr", "delText", "instrText", "fldData", "txbxContent", "footnoteReference",
            "commentReference", "del", "moveFrom"}


def _val(el, default: str = "") -> str:
    return el.get(W + "val", default) if el is not None else default


class _Styles:
    def __init__(self) -> None:
        self.heading: dict[str, int] = {}  # style id → level (1 = top)
        self.numbering: dict[str, tuple[str, int | None]] = {}  # style id → (numId, ilvl or None)
        self.based_on: dict[str, str] = {}

    def style_numbering(self, sid: str) -> tuple[str, int | None] | None:
        """The list a paragraph style puts its paragraphs in, following ``w:basedOn``."""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.numbering:
                return self.numbering[sid]
            sid = self.based_on.get(sid, "")
        return None


def _number(value: str) -> int | None:
    """An integer attribute value, or None (numbering.xml can be hand-made or damaged)."""
    try:
        return int(value) if value.isascii() else None
    except ValueError:
        return None


def _level_number(value: str) -> int | None:
    n = _number(value)
    return n if n is not None and 0 <= n < 9 else None


def _num_pr(ppr) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a ``w:numPr`` under ``ppr`` (each None where absent)."""
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    num_id = num_pr.find(W + "numId")
    return (_val(num_id) if num_id is not None else None, _level_number(_val(num_pr.find(W + "ilvl"))))


class _Lists:
    """``word/numbering.xml``: each ``w:num`` (a list) → its levels (abstract levels with overrides)."""

    def __init__(self) -> None:
        self.levels: dict[str, list[Level]] = {}
        self.style_level: dict[tuple[str, str], int] = {}  # (numId, style id) → level it links to


def _word_level(lvl) -> Level:
    fmt = _val(lvl.find(W + "numFmt"), "decimal")
    text_el = lvl.find(W + "lvlText")
    text = _val(text_el) if text_el is not None else ""
    start_n = _number(_val(lvl.find(W + "start"), "1"))
    start_n = 1 if start_n is None else start_n
    if fmt == "bullet":
        fonts = lvl.find(W + "rPr/" + W + "rFonts")
        font = ""
        if fonts is not None:
            font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or fonts.get(W + "cs") or ""
        return Level(bullet_char(text, font), "", start_n)
    return Level(text, WORD_FORMATS.get(fmt, "DIGIT"), start_n)


def _read_numbering(root) -> _Lists:
    lists = _Lists()
    abstract: dict[str, dict[int, Level]] = {}
    links: dict[str, dict[str, int]] = {}  # abstractNumId → style id → level
    for an in root.iter(W + "abstractNum"):
        aid = an.get(W + "abstractNumId", "")
        levels: dict[int, Level] = {}
        for lvl in an.iter(W + "lvl"):
            k = _level_number(lvl.get(W + "ilvl", "0"))
            if k is not None:
                levels[k] = _word_level(lvl)
                pstyle = lvl.find(W + "pStyle")
                if pstyle is not None:
                    links.setdefault(aid, {})[_val(pstyle)] = k
        abstract[aid] = levels
    for num in root.iter(W + "num"):
        nid = num.get(W + "numId", "")
        aid = _val(num.find(W + "abstractNumId"))
        levels = dict(abstract.get(aid, {}))
        for override in num.iter(W + "lvlOverride"):
            k = _level_number(override.get(W + "ilvl", ""))
            if k is None:
                continue
            lvl = override.find(W + "lvl")
            if lvl is not None:
                levels[k] = _word_level(lvl)
            start = _number(_val(override.find(W + "startOverride")))
            if start is not None and k in levels:
                base = levels[k]
                levels[k] = Level(base.fmt, base.shape, start)
        top = max(levels, default=-1)
        lists.levels[nid] = [levels.get(k, Level("")) for k in range(top + 1)]
        for sid, k in links.get(aid, {}).items():
            lists.style_level[(nid, sid)] = k
    return lists


def _read_styles(root) -> _Styles:
    styles = _Styles()
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId", "")
        based = style.find(W + "basedOn")
        if based is not None:
            styles.based_on[sid] = _val(based)
        num_id, ilvl = _num_pr(style.find(W + "pPr"))
        if num_id is not None:
            styles.numbering[sid] = (num_id, ilvl)
        name = _val(style.find(W + "name"))
        m = _HEADING_NAME.match(name.strip())
        level = None
        if m:
            level = int(m.group(1)) if m.group(1) else 1
        else:
            ppr = style.find(W + "pPr")
            outline = ppr.find(W + "outlineLvl") if ppr is not None else None
            if outline is not None and _val(outline).isdigit() and int(_val(outline)) < 9:
                level = int(_val(outline)) + 1
        if level is not None and 1 <= level <= 6:
            styles.heading[sid] = level
    return styles


class _BodyReader:
    def __init__(self, styles: _Styles, lists: _Lists | None = None) -> None:
        self.styles = styles
        self.lists = lists if lists is not None else _Lists()
        self.counters = Counters()
        self.section = 1
        self.paragraph = 0

    def _mark(self, ppr) -> str:
        """The number or bullet Word draws before this paragraph (counts numbered paragraphs)."""
        if not self.lists.levels:
            return ""
        num_id, ilvl = _num_pr(ppr)
        style = _val(ppr.find(W + "pStyle")) if ppr is not None else ""
        if num_id is None or ilvl is None:
            inherited = self.styles.style_numbering(style)
            if inherited is not None:
                num_id = num_id if num_id is not None else inherited[0]
                ilvl = ilvl if ilvl is not None else inherited[1]
        if num_id is None or num_id == "0" or num_id not in self.lists.levels:
            return ""
        if ilvl is None:
            ilvl = self.lists.style_level.get((num_id, style), 0)
        return self.counters.mark(num_id, self.lists.levels[num_id], ilvl, word=True)

    def _pos(self) -> Position:
        return Position(section=self.section, paragraph=self.paragraph)

    def read(self, body) -> list[Block]:
        out: list[Block] = []
        self._blocks(body, out, top=True)
        return out

    def _blocks(self, parent, out: list[Block], top: bool) -> None:
        for el in parent:
            name = local(el.tag)
            if name in ("p", "tbl") and top:
                self.paragraph += 1
            if name == "p":
                self._paragraph(el, out, top)
            elif name == "tbl":
                self._table(el, out)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
                self._blocks(el, out, top)

    def _runs_text(self, el, parts: list[str], boxes: list) -> None:
        for child in el:
            name = local(child.tag)
            if name == "t":
                parts.append(child.text or "")
            elif name in _TEXT:
                parts.append(_TEXT[name])
            elif name == "txbxContent":
                boxes.append(child)
            elif name not in _NO_TEXT:
                self._runs_text(child, parts, boxes)

    def _paragraph(self, p, out: list[Block], top: bool) -> None:
        parts: list[str] = []
        boxes: list = []
        self._runs_text(p, parts, boxes)
        text = clean("".join(parts))
        ppr = p.find(W + "pPr")
        mark = self._mark(ppr)
        if text:
            level = None
            if top and ppr is not None and "\n" not in text and len(text) <= _MAX_HEADING_CHARS:
                level = self.styles.heading.get(_val(ppr.find(W + "pStyle")))
                outline = ppr.find(W + "outlineLvl")
                if level is None and outline is not None and _val(outline).isdigit():
                    level = int(_val(outline)) + 1 if int(_val(outline)) < 9 else None
            if level is not None:
                level = refine_heading(text, level)
            elif top and heading_level(text) == 1:
                level = 1
            text = with_mark(mark, text)  # after the heading test, which reads the text alone
            if level is not None:
                out.append(Block("heading", text, position=self._pos(), level=min(level, 6)))
            else:
                out.append(Block("paragraph", text, position=self._pos()))
        for box in boxes:
            self._blocks(box, out, top=False)
        if top and ppr is not None and ppr.find(W + "sectPr") is not None:
            self.section += 1
            self.paragraph = 0

    def _table(self, tbl, out: list[Block]) -> None:
        placed: list[list] = []  # [row, col, rowspan, colspan, blocks]
        open_merge: dict[int, list] = {}  # column → the cell a vMerge continues
        row = -1
        n_cols = 0
        for tr in tbl:
            if local(tr.tag) != "tr":
                continue
            row += 1
            col = 0
            trpr = tr.find(W + "trPr")
            if trpr is not None:
                before = trpr.find(W + "gridBefore")
                if before is not None and _val(before).isdigit():
                    col = int(_val(before))
            for tc in tr:
                if local(tc.tag) == "sdt":
                    content = tc.find(W + "sdtContent")
                    tc = content.find(W + "tc") if content is not None else None
                    if tc is None:
                        continue
                elif local(tc.tag) != "tc":
                    continue
                tcpr = tc.find(W + "tcPr")
                span = 1
                merge = None
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None and _val(gs).isdigit():
                        span = max(1, min(int(_val(gs)), 1000))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        merge = _val(vm, "continue") or "continue"
                if merge == "continue" and col in open_merge:
                    open_merge[col][2] += 1
                else:
                    blocks: list[Block] = []
                    self._blocks(tc, blocks, top=False)
                    cell = [row, col, 1, span, blocks]
                    placed.append(cell)
                    if merge == "restart":
                        open_merge[col] = cell
                    else:
                        open_merge.pop(col, None)
                col += span
            n_cols = max(n_cols, col)
        out.extend(make_table([tuple(c) for c in placed], row + 1, n_cols, self._pos()))


def _properties(root) -> dict[str, str]:
    names = {"title": "title", "creator": "author", "subject": "subject", "keywords": "keywords",
             "description": "comments", "lastModifiedBy": "last_saved_by", "created": "created",
             "modified": "modified"}
    props = {}
    for el in root:
        key = names.get(local(el.tag))
        value = clean(el.text or "")
        if key and value:
            props[key] = value
    return props


def read_docx(path: Path, data: bytes) -> Document:
    budget = Budget(path)
    z = open_zip(path, data)
    with z:
        names = set(z.namelist())
        if "word/document.xml" not in names:
            raise corrupt(path, "word/document.xml이 없습니다 (no word/document.xml)")
        doc = Document(path=str(path), format="docx")
        styles = _Styles()
        lists = _Lists()
        for name, action in (("word/styles.xml", "styles"), ("word/numbering.xml", "numbering"),
                             ("docProps/core.xml", "core")):
            if name not in names:
                continue
            try:
                root = parse_xml(read_member(z, name, budget, path), path, name)
            except InputError as exc:
                if fatal(exc):
                    raise
                doc.warnings.append(f"{name}을(를) 읽지 못했습니다 ({name} unreadable)")
                continue
            if action == "styles":
                styles = _read_styles(root)
            elif action == "numbering":
                lists = _read_numbering(root)
            else:
                doc.properties = _properties(root)
        root = parse_xml(read_member(z, "word/document.xml", budget, path), path, "word/document.xml")
        body = root.find(W + "body")
        if body is None:
            raise corrupt(path, "문서 본문(w:body)이 없습니다 (no w:body)", "word/document.xml")
        doc.blocks = _BodyReader(styles, lists).read(body)
    return doc
