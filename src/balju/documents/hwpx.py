"""HWPX reader (한글 HWPX 읽기): zip + XML with the standard library.

``Contents/section<n>.xml`` holds ``hp:p`` paragraphs; a paragraph's ``hp:run`` holds ``hp:t`` text
and objects such as ``hp:tbl`` (rows ``hp:tr`` → cells ``hp:tc`` with ``hp:cellAddr``/``hp:cellSpan``
and a ``hp:subList`` of paragraphs). Styles and outline levels are in ``Contents/header.xml``;
title and author in ``Contents/content.hpf``.
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
from balju.documents.heads import Counters, Level, with_mark
from balju.documents.layout import heading_level, refine_heading
from balju.documents.model import Block, Document, Position
from balju.errors import InputError

_HEADING_STYLE = re.compile(r"^(?:개요|제목|heading|outline)\s*(\d+)$", re.IGNORECASE)
_MAX_HEADING_CHARS = 80
_SKIP = {"header", "footer", "secPr", "hiddenComment", "linesegarray", "colPr", "pageNum",
         "pageHiddenCtrl", "fieldBegin", "fieldEnd", "bookmark"}
_TEXT_CHILD = {"tab": "\t", "lineBreak": "\n", "fwSpace": " ", "nbSpace": " ", "hyphen": "-"}


def _int(el, name: str, default: int = 0) -> int:
    try:
        return int(el.get(name, default))
    except (TypeError, ValueError):
        return default


class _Styles:
    def __init__(self) -> None:
        self.style_names: dict[str, str] = {}
        self.outline: dict[str, int] = {}  # paraPr id → outline level (0-based)
        # paraPr id → (heading type OUTLINE/NUMBER/BULLET, numbering/bullet idRef, level (0-based))
        self.heads: dict[str, tuple[str, str, int]] = {}
        self.numberings: dict[str, list[Level]] = {}  # numbering id → its levels
        self.bullets: dict[str, str] = {}  # bullet id → the bullet character, readable


def _numbering(el) -> list[Level]:
    """``hh:numbering``: one ``hh:paraHead`` per level (``level`` 1-based) whose text is the format
    (``^1.``), with ``numFormat`` and ``start``."""
    levels: dict[int, Level] = {}
    for head in el:
        if local(head.tag) != "paraHead":
            continue
        level = _int(head, "level", 0)
        if 1 <= level <= 10:
            levels[level] = Level("".join(head.itertext()), head.get("numFormat", "DIGIT") or "DIGIT",
                                  _int(head, "start", 1))
    top = max(levels, default=0)
    return [levels.get(k, Level("")) for k in range(1, top + 1)]


def _read_header(root) -> _Styles:
    styles = _Styles()
    for el in root.iter():
        name = local(el.tag)
        if name == "style":
            styles.style_names[el.get("id", "")] = el.get("name", "")
        elif name == "paraPr":
            for child in el.iter():
                if local(child.tag) == "heading":
                    kind = child.get("type", "NONE")
                    if kind == "OUTLINE":
                        styles.outline[el.get("id", "")] = _int(child, "level")
                    if kind in ("OUTLINE", "NUMBER", "BULLET"):
                        styles.heads[el.get("id", "")] = (kind, child.get("idRef", "0"), _int(child, "level"))
                    break
        elif name == "numbering" and el.get("id") is not None:
            styles.numberings[el.get("id", "")] = _numbering(el)
        elif name == "bullet" and el.get("id") is not None:
            image = el.get("useImg", el.get("useImage", "0")) in ("1", "true")
            styles.bullets[el.get("id", "")] = "•" if image else bullet_char(el.get("char", ""))
    return styles


class _SectionReader:
    def __init__(self, styles: _Styles, section: int, counters: Counters | None = None,
                 outline_id: str = "") -> None:
        self.styles = styles
        self.section = section
        self.paragraph = 0
        self.counters = counters if counters is not None else Counters()
        self.outline_id = outline_id  # the section's outline numbering (hp:secPr outlineShapeIDRef)

    def _pos(self) -> Position:
        return Position(section=self.section, paragraph=self.paragraph)

    def read(self, root) -> list[Block]:
        out: list[Block] = []
        first = next((el for el in root if local(el.tag) == "p"), None)
        for el in first.iter() if first is not None else ():
            if local(el.tag) == "secPr":
                self.outline_id = el.get("outlineShapeIDRef", self.outline_id)
                break
        for el in root:
            if local(el.tag) == "p":
                self.paragraph += 1
                self._paragraph(el, out, top=True)
        return out

    def _heading_level(self, p, text: str) -> int | None:
        if "\n" in text or len(text) > _MAX_HEADING_CHARS:
            return None
        m = _HEADING_STYLE.match(self.styles.style_names.get(p.get("styleIDRef", ""), "").strip())
        if m and 1 <= int(m.group(1)) <= 3:
            return int(m.group(1))
        level = self.styles.outline.get(p.get("paraPrIDRef", ""))
        if level is not None and level <= 2:
            return refine_heading(text, level + 1)
        return 1 if heading_level(text) == 1 else None

    def _mark(self, p) -> str:
        """The head mark Hangul draws before this paragraph (counts numbered paragraphs)."""
        head = self.styles.heads.get(p.get("paraPrIDRef", ""))
        if head is None:
            return ""
        kind, ref, level = head
        if kind == "BULLET":
            return self.styles.bullets.get(ref, "")
        if kind == "OUTLINE":
            ref = self.outline_id
        levels = self.styles.numberings.get(ref)
        if not levels:
            return ""
        return self.counters.mark((kind, ref), levels, level)

    def _paragraph(self, p, out: list[Block], top: bool) -> None:
        mark = self._mark(p)
        parts: list[str] = []
        later: list[Block] = []  # text boxes, footnotes … shown after the text they sit in
        first = True
        for run in p:
            if local(run.tag) != "run":
                continue
            for child in run:
                name = local(child.tag)
                if name == "t":
                    parts.append(child.text or "")
                    for sub in child:
                        parts.append(_TEXT_CHILD.get(local(sub.tag), ""))
                        parts.append(sub.tail or "")
                elif name == "tbl":  # the table sits where it is in the text
                    text = clean("".join(parts))
                    if self._text_block(p, text, out, top and first, mark):
                        mark = ""  # the mark goes before the paragraph's first text only
                    first = first and not text
                    out.extend(later)
                    later, parts = [], []
                    self._table(child, out)
                elif name not in _SKIP:
                    self._object(child, later)
        self._text_block(p, clean("".join(parts)), out, top and first, mark)
        out.extend(later)

    def _text_block(self, p, text: str, out: list[Block], may_be_heading: bool, mark: str = "") -> bool:
        """Add the text as a paragraph or heading (the mark in front); False if there is no text.
        The heading test reads the text without the mark."""
        if not text:
            return False
        level = self._heading_level(p, text) if may_be_heading else None
        text = with_mark(mark, text)
        if level is not None:
            out.append(Block("heading", text, position=self._pos(), level=level))
        else:
            out.append(Block("paragraph", text, position=self._pos()))
        return True

    def _object(self, el, out: list[Block]) -> None:
        name = local(el.tag)
        if name == "tbl":
            self._table(el, out)
        elif name == "p":
            self._paragraph(el, out, top=False)
        elif name not in _SKIP:
            for child in el:
                self._object(child, out)

    def _table(self, tbl, out: list[Block]) -> None:
        placed = []
        for tr in tbl:
            if local(tr.tag) != "tr":
                if local(tr.tag) == "caption":
                    self._object(tr, out)
                continue
            for tc in tr:
                if local(tc.tag) != "tc":
                    continue
                row = col = 0
                rowspan = colspan = 1
                blocks: list[Block] = []
                for child in tc:
                    name = local(child.tag)
                    if name == "cellAddr":
                        row, col = _int(child, "rowAddr"), _int(child, "colAddr")
                    elif name == "cellSpan":
                        rowspan = max(_int(child, "rowSpan", 1), 1)
                        colspan = max(_int(child, "colSpan", 1), 1)
                    elif name == "subList":
                        for p in child:
                            self._object(p, blocks)
                placed.append((row, col, rowspan, colspan, blocks))
        out.extend(make_table(placed, _int(tbl, "rowCnt"), _int(tbl, "colCnt"), self._pos()))


def _section_key(name: str) -> int:
    digits = re.sub(r"\D", "", name.rsplit("/", 1)[-1])
    return int(digits) if digits else 1 << 30


def _properties(root) -> dict[str, str]:
    props: dict[str, str] = {}
    names = {"creator": "author", "subject": "subject", "description": "comments", "lastsaveby":
             "last_saved_by", "CreatedDate": "created", "ModifiedDate": "modified", "keyword": "keywords"}
    for el in root.iter():
        tag = local(el.tag)
        value = clean(el.text or "")
        if not value:
            continue
        if tag == "title":
            props["title"] = value
        elif tag == "meta" and el.get("name") in names:
            props[names[el.get("name")]] = value
    return props


def read_hwpx(path: Path, data: bytes) -> Document:
    budget = Budget(path)
    z = open_zip(path, data)
    with z:
        names = z.namelist()
        manifest = next((n for n in names if n.lower() == "meta-inf/manifest.xml"), None)
        if manifest is not None:
            raw = read_member(z, manifest, budget, path)
            if b"encryption-data" in raw:
                raise InputError(
                    "암호가 걸린 HWPX 문서입니다 (password-protected HWPX).",
                    file=str(path),
                    fix="한글에서 암호를 풀고 다시 저장해 주세요 (remove the password in Hancom Office).",
                )
        sections = sorted((n for n in names if re.fullmatch(r"Contents/section\d+\.xml", n)),
                          key=_section_key)
        if not sections:
            raise corrupt(path, "본문(Contents/section*.xml)이 없습니다 (no HWPX body sections)")
        doc = Document(path=str(path), format="hwpx")
        styles = _Styles()
        if "Contents/header.xml" in names:
            try:
                styles = _read_header(parse_xml(read_member(z, "Contents/header.xml", budget, path),
                                                path, "Contents/header.xml"))
            except InputError as exc:
                if fatal(exc):
                    raise
                doc.warnings.append("header.xml(스타일)을 읽지 못해 제목 구분이 빠질 수 있습니다 "
                                    "(header.xml unreadable: headings may be missed)")
        if "Contents/content.hpf" in names:
            try:
                doc.properties = _properties(parse_xml(read_member(z, "Contents/content.hpf", budget, path),
                                                       path, "Contents/content.hpf"))
            except InputError as exc:
                if fatal(exc):
                    raise
        errors = 0
        counters = Counters()  # numbered paragraphs count on across sections
        outline_id = ""
        for index, name in enumerate(sections, start=1):
            try:
                root = parse_xml(read_member(z, name, budget, path), path, name)
            except InputError as exc:
                if fatal(exc):
                    raise
                errors += 1
                doc.warnings.append(f"구역 {index}을(를) 읽지 못했습니다 (section {index} unreadable)")
                continue
            reader = _SectionReader(styles, index, counters, outline_id)
            doc.blocks.extend(reader.read(root))
            outline_id = reader.outline_id
        if errors == len(sections):
            raise corrupt(path, "어느 본문 구역도 읽을 수 없습니다 (no body section could be read)")
    return doc
