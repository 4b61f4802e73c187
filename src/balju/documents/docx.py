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
    fatal,
    clean,
    corrupt,
    local,
    make_table,
    open_zip,
    parse_xml,
    read_member,
)
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


def _read_styles(root) -> _Styles:
    styles = _Styles()
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId", "")
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
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.section = 1
        self.paragraph = 0

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
        for name, action in (("word/styles.xml", "styles"), ("docProps/core.xml", "core")):
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
            else:
                doc.properties = _properties(root)
        root = parse_xml(read_member(z, "word/document.xml", budget, path), path, "word/document.xml")
        body = root.find(W + "body")
        if body is None:
            raise corrupt(path, "문서 본문(w:body)이 없습니다 (no w:body)", "word/document.xml")
        doc.blocks = _BodyReader(styles).read(body)
    return doc
