"""HWP 5.0 reader (한글 5.0 바이너리 읽기): our own record reader over olefile + zlib.

Why our own: see docs/readers.md. In short, the libraries tried either give Markdown only (no
grid, no merged cells, no positions) or were slow and, on one of the 28 real files, did not finish.

Layout of an HWP 5 file (Hancom's public "한글 문서 파일 형식 5.0" spec):
- an OLE compound file; ``FileHeader`` (256 bytes: signature, version, flags: compressed,
  password, distribution …), ``DocInfo`` (styles, paragraph shapes), ``BodyText/Section<n>``
  (raw-deflated when the compressed flag is set), ``\\x05HwpSummaryInformation`` (title, author).
- a stream is a sequence of records: a 32-bit header (tag: 10 bits, level: 10 bits, size: 12 bits,
  size 0xFFF = a 32-bit size follows) and the data. Levels make a tree: a paragraph
  (PARA_HEADER) owns its text (PARA_TEXT) and controls (CTRL_HEADER); a table control owns a
  TABLE record and one LIST_HEADER per cell, each followed by that cell's paragraphs.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from balju.documents._common import MAX_RECORDS, Budget, bullet_char, clean, corrupt, fatal, make_table
from balju.documents.heads import NUMBER_SHAPES, Counters, Level, with_mark
from balju.documents.layout import heading_level, refine_heading
from balju.documents.model import Block, Document, Position
from balju.errors import InputError

SIGNATURE = b"HWP Document File"

# record tags (HWPTAG_BEGIN = 0x10)
_NUMBERING = 0x10 + 7
_BULLET = 0x10 + 8
_PARA_SHAPE = 0x10 + 9
_STYLE = 0x10 + 10
_PARA_HEADER = 0x10 + 50
_PARA_TEXT = 0x10 + 51
_CTRL_HEADER = 0x10 + 55
_LIST_HEADER = 0x10 + 56
_TABLE = 0x10 + 61
# leaf records we never use (character shapes, line segments, range tags): not kept, for speed
_LEAVES_SKIPPED = frozenset({0x10 + 52, 0x10 + 53, 0x10 + 54})

# control ids as they sit in the file (4 chars, little-endian, so reversed)
_TBL = b" lbt"
_SECD = b"dces"  # section definition: holds the section's outline numbering id
_SKIP_CTRLS = {b"daeh", b"toof", b"tmct"}  # header, footer, hidden comment: page furniture / notes

# PARA_TEXT: extended and inline controls take 8 UTF-16 units: code, 6 units of data, code again
_CTRL8 = re.compile(r"([\x01-\x09\x0b\x0c\x0e-\x17])[\s\S]{6}\1")
_CHAR_CTRL = {13: None, 24: "-", 30: " ", 31: " "}
_EXTENDED = frozenset({1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23})  # each has a CTRL_HEADER
_HEADING_STYLE = re.compile(r"^(?:개요|제목|heading|outline)\s*(\d+)$", re.IGNORECASE)
_MAX_HEADING_CHARS = 80


class _TooManyRecords(Exception):
    pass


class _Node:
    __slots__ = ("tag", "level", "data", "children")

    def __init__(self, tag: int, level: int, data: bytes) -> None:
        self.tag = tag
        self.level = level
        self.data = data
        self.children: list[_Node] = []


def _records(buf: bytes) -> tuple[list[tuple[int, int, bytes]], bool]:
    """Split a stream into (tag, level, data); the flag says the stream ended mid-record."""
    out = []
    i, n = 0, len(buf)
    unpack = struct.unpack_from
    while i + 4 <= n:
        (h,) = unpack("<I", buf, i)
        i += 4
        size = h >> 20
        if size == 0xFFF:
            if i + 4 > n:
                return out, True
            (size,) = unpack("<I", buf, i)
            i += 4
        if i + size > n:
            return out, True
        tag = h & 0x3FF
        if tag not in _LEAVES_SKIPPED:
            out.append((tag, (h >> 10) & 0x3FF, buf[i : i + size]))
            if len(out) > MAX_RECORDS:
                raise _TooManyRecords
        i += size
    return out, i != n


def _tree(records: list[tuple[int, int, bytes]]) -> list[_Node]:
    root: list[_Node] = []
    stack: list[_Node] = []
    for tag, level, data in records:
        node = _Node(tag, level, data)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else root).append(node)
        stack.append(node)
    return root


def _para_text(data: bytes) -> list[str]:
    """The text of a paragraph cut at each extended control (table, drawing, footnote, field …):
    n extended controls give n + 1 pieces, the k-th control sitting after piece k."""
    text = data.decode("utf-16le", "surrogatepass")
    pieces: list[str] = []
    current: list[str] = []
    pos = 0
    for m in _CTRL8.finditer(text):
        current.append(text[pos : m.start()])
        code = m.group(1)
        if code == "\t":
            current.append("\t")
        elif ord(code) in _EXTENDED:
            pieces.append("".join(current).translate(_CHAR_CTRL))
            current = []
        pos = m.end()
    current.append(text[pos:])
    pieces.append("".join(current).translate(_CHAR_CTRL))
    return pieces


def _distribution_error(path: Path) -> InputError:
    return InputError(
        "배포용 HWP 문서라 본문이 암호화되어 있습니다 (distribution-only HWP: the body is encrypted).",
        file=str(path),
        fix="발주기관에 일반 HWP·HWPX·PDF 파일을 요청하거나, 한글에서 '배포용 문서' 설정을 해제해 "
        "다시 저장해 주세요 (ask the agency for a normal HWP/HWPX/PDF, or save it again without "
        "distribution mode).",
    )


def _check_header(path: Path, header: bytes) -> int:
    if len(header) < 40 or not header.startswith(SIGNATURE):
        raise corrupt(path, "HWP 파일 머리(FileHeader)가 올바르지 않습니다 (bad HWP FileHeader)")
    version = struct.unpack_from("<I", header, 32)[0]
    flags = struct.unpack_from("<I", header, 36)[0]
    if version >> 24 != 5:
        raise InputError(
            f"지원하지 않는 HWP 버전입니다 (unsupported HWP version {version >> 24}.x).",
            file=str(path),
            fix="한글에서 열어 HWP 5.0 이상(.hwp) 또는 HWPX로 다시 저장해 주세요 "
            "(open in Hancom Office and save as .hwp 5.0 or .hwpx).",
        )
    if flags & 0x2:
        raise InputError(
            "암호가 걸린 HWP 문서입니다 (password-protected HWP).",
            file=str(path),
            fix="한글에서 암호를 풀고 다시 저장한 파일을 넣어 주세요 "
            "(remove the password in Hancom Office and save again).",
        )
    if flags & 0x4:
        raise _distribution_error(path)
    if flags & (0x10 | 0x100 | 0x400):
        raise InputError(
            "DRM 또는 인증서로 암호화된 HWP 문서입니다 (DRM/certificate-encrypted HWP).",
            file=str(path),
            fix="보안(DRM)을 해제한 파일을 받아 주세요 (get a copy without DRM).",
        )
    return flags


# paragraph head kinds (문단 머리 모양, PARA_SHAPE 속성1 bits 23–24)
_OUTLINE, _NUMBER, _BULLET_HEAD = 1, 2, 3


class _Styles:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.outline: list[int | None] = []  # para shape id → outline level (0-based) or None
        # para shape id → (head kind, numbering/bullet id (1-based), level (0-based)) or None
        self.heads: list[tuple[int, int, int] | None] = []
        self.numberings: list[list[Level]] = []  # numbering id − 1 → its levels
        self.bullets: list[str] = []  # bullet id − 1 → the bullet character, readable


def _numbering(data: bytes) -> list[Level]:
    """HWPTAG_NUMBERING: 7 × (head info, WORD length + format string), UINT16 start number,
    then (5.0.2.5+) 7 × UINT32 start number per level. A 문단 머리 정보 is 12 bytes (property,
    width, distance, char shape); the number shape is bits 5–8 of its property word (0 1 2 3,
    1 ①②③, 8 가나다 … the HWPX numFormat order)."""
    off = 0
    heads: list[tuple[str, str]] = []
    for _ in range(7):
        if off + 14 > len(data):
            break
        (prop,) = struct.unpack_from("<I", data, off)
        (n,) = struct.unpack_from("<H", data, off + 12)
        fmt = data[off + 14 : off + 14 + 2 * n].decode("utf-16le", "replace")
        off += 14 + 2 * n
        code = (prop >> 5) & 0xF
        heads.append((fmt, NUMBER_SHAPES[code] if code < len(NUMBER_SHAPES) else "DIGIT"))
    starts = [1] * len(heads)
    if off + 2 <= len(data):
        (first,) = struct.unpack_from("<H", data, off)
        if first > 0 and heads:
            starts[0] = first
        if off + 2 + 4 * len(heads) <= len(data):
            starts = [max(v, 0) for v in struct.unpack_from(f"<{len(heads)}I", data, off + 2)]
    return [Level(fmt, shape, start) for (fmt, shape), start in zip(heads, starts)]


def _read_docinfo(records: list[tuple[int, int, bytes]]) -> _Styles:
    styles = _Styles()
    for tag, _level, data in records:
        try:
            if tag == _STYLE:
                (n,) = struct.unpack_from("<H", data, 0)
                styles.names.append(data[2 : 2 + 2 * n].decode("utf-16le", "replace"))
            elif tag == _PARA_SHAPE:
                (prop,) = struct.unpack_from("<I", data, 0)
                head = (prop >> 23) & 0x3
                level = (prop >> 25) & 0x7
                styles.outline.append(level if head == _OUTLINE else None)
                # tab def id at 28, numbering/bullet id at 30
                ref = struct.unpack_from("<H", data, 30)[0] if len(data) >= 32 else 0
                styles.heads.append((head, ref, level) if head else None)
            elif tag == _NUMBERING:
                styles.numberings.append(_numbering(data))
            elif tag == _BULLET:
                # head info (12 bytes), WCHAR bullet, INT32 image bullet (nonzero: a picture)
                ch = data[12:14].decode("utf-16le", "replace")
                image = len(data) >= 18 and struct.unpack_from("<i", data, 14)[0] != 0
                styles.bullets.append("•" if image else bullet_char(ch))
        except struct.error:
            if tag == _STYLE:
                styles.names.append("")
            elif tag == _PARA_SHAPE:
                styles.outline.append(None)
                styles.heads.append(None)
            elif tag == _NUMBERING:
                styles.numberings.append([])
            elif tag == _BULLET:
                styles.bullets.append("")
    return styles


class _SectionReader:
    def __init__(self, styles: _Styles, section: int, counters: Counters, outline_id: int = 0) -> None:
        self.styles = styles
        self.section = section
        self.paragraph = 0
        self.counters = counters
        self.outline_id = outline_id  # the section's outline numbering (개요 번호), 1-based; 0 none

    def read(self, roots: list[_Node]) -> list[Block]:
        out: list[Block] = []
        for child in roots[0].children if roots else ():
            if child.tag == _CTRL_HEADER and child.data[:4] == _SECD and len(child.data) >= 20:
                self.outline_id = struct.unpack_from("<H", child.data, 18)[0]
                break
        for node in roots:
            if node.tag == _PARA_HEADER:
                self.paragraph += 1
                self._paragraph(node, out, top=True)
        return out

    def _pos(self) -> Position:
        return Position(section=self.section, paragraph=self.paragraph)

    def _heading_level(self, header: bytes, text: str) -> int | None:
        if len(header) < 11 or "\n" in text or len(text) > _MAX_HEADING_CHARS:
            return None
        shape, style = struct.unpack_from("<HB", header, 8)
        if style < len(self.styles.names):
            m = _HEADING_STYLE.match(self.styles.names[style].strip())
            if m and 1 <= int(m.group(1)) <= 3:
                return refine_heading(text, int(m.group(1)))
        if shape < len(self.styles.outline):
            level = self.styles.outline[shape]
            if level is not None and level <= 2:
                return refine_heading(text, level + 1)
        return 1 if heading_level(text) == 1 else None

    def _mark(self, header: bytes) -> str:
        """The head mark Hangul draws before this paragraph (counts numbered paragraphs)."""
        if len(header) < 10:
            return ""
        (shape,) = struct.unpack_from("<H", header, 8)
        heads = self.styles.heads
        head = heads[shape] if shape < len(heads) else None
        if head is None:
            return ""
        kind, ref, level = head
        if kind == _BULLET_HEAD:
            bullets = self.styles.bullets
            return bullets[ref - 1] if 0 < ref <= len(bullets) else ""
        if kind == _OUTLINE:
            ref = self.outline_id
        numberings = self.styles.numberings
        if not 0 < ref <= len(numberings):
            return ""
        return self.counters.mark((kind, ref), numberings[ref - 1], level)

    def _paragraph(self, node: _Node, out: list[Block], top: bool) -> None:
        mark = self._mark(node.data)
        pieces: list[str] = []
        controls: list[_Node] = []
        for child in node.children:
            if child.tag == _PARA_TEXT:
                more = _para_text(child.data)
                if pieces:
                    pieces[-1] += more[0]
                    pieces += more[1:]
                else:
                    pieces = more
            elif child.tag == _CTRL_HEADER:
                controls.append(child)
        if len(pieces) != len(controls) + 1:  # text and controls disagree: text first, then objects
            pieces = ["".join(pieces)] + [""] * len(controls)
        text = pieces[0]
        later: list[Block] = []  # text boxes, footnotes … shown after the text they sit in
        first = True
        for ctrl, after in zip(controls, pieces[1:]):
            cid = ctrl.data[:4]
            if cid == _TBL:
                if self._text_block(node, text, out, top and first, mark):
                    mark = ""  # the mark goes before the paragraph's first text, not after a table
                first = first and not clean(text)
                out.extend(later)
                later = []
                self._table(ctrl, out)
                text = after
            else:
                if cid not in _SKIP_CTRLS:
                    self._inner_paragraphs(ctrl, later)
                text += after
        self._text_block(node, text, out, top and first, mark)
        out.extend(later)

    def _text_block(self, node: _Node, text: str, out: list[Block], may_be_heading: bool,
                    mark: str = "") -> bool:
        """Add the text as a paragraph or heading (the mark in front); False if there is no text.
        The heading test reads the text without the mark, as before marks were read."""
        text = clean(text)
        if not text:
            return False
        level = self._heading_level(node.data, text) if may_be_heading else None
        text = with_mark(mark, text)
        if level is not None:
            out.append(Block("heading", text, position=self._pos(), level=level))
        else:
            out.append(Block("paragraph", text, position=self._pos()))
        return True

    def _inner_paragraphs(self, node: _Node, out: list[Block]) -> None:
        """Paragraphs anywhere under a control (text boxes, footnotes …), in order."""
        for child in node.children:
            if child.tag == _PARA_HEADER:
                self._paragraph(child, out, top=False)
            elif child.tag != _TABLE:
                self._inner_paragraphs(child, out)

    def _table(self, ctrl: _Node, out: list[Block]) -> None:
        n_rows = n_cols = 0
        cells: list[tuple[bytes, list[_Node]]] = []
        seen_table = False
        before: list[Block] = []  # a caption list before the TABLE record
        for child in ctrl.children:
            if child.tag == _TABLE:
                seen_table = True
                if len(child.data) >= 8:
                    n_rows, n_cols = struct.unpack_from("<HH", child.data, 4)
            elif child.tag == _LIST_HEADER:
                if seen_table:
                    cells.append((child.data, []))
                else:
                    cells.append((b"", []))
            elif child.tag == _PARA_HEADER and cells:
                cells[-1][1].append(child)
        placed: list[tuple[int, int, int, int, list[Block]]] = []
        for header, paras in cells:
            blocks: list[Block] = []
            for p in paras:
                self._paragraph(p, blocks, top=False)
            if len(header) < 16:
                before.extend(blocks)
                continue
            col, row, colspan, rowspan = struct.unpack_from("<HHHH", header, 8)
            placed.append((row, col, max(rowspan, 1), max(colspan, 1), blocks))
        out.extend(before)
        out.extend(make_table(placed, n_rows, n_cols, self._pos()))


def _properties(ole) -> dict[str, str]:
    props: dict[str, str] = {}
    name = "\x05HwpSummaryInformation"
    if not ole.exists(name):
        return props
    try:
        raw = ole.getproperties(name, convert_time=True)
    except Exception:  # noqa: BLE001 - a broken summary must not stop the body from being read
        return props
    keys = {2: "title", 3: "subject", 4: "author", 5: "keywords", 6: "comments", 8: "last_saved_by",
            12: "created", 13: "modified"}
    for pid, key in keys.items():
        value = raw.get(pid)
        if value is None:
            continue
        if hasattr(value, "isoformat"):
            if value.year > 1601:
                props[key] = value.isoformat()
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-16le", "replace")
        value = clean(str(value).split("\x00", 1)[0])
        if value:
            props[key] = value
    return props


def _section_number(entry: list[str]) -> int:
    digits = entry[-1][len("Section"):]
    return int(digits) if digits.isdigit() else 1 << 30


def read_hwp5(path: Path, data: bytes) -> Document:
    try:
        return _read_hwp5(path, data)
    except _TooManyRecords:
        raise InputError(
            f"HWP 레코드가 너무 많습니다 (more than {MAX_RECORDS:,} records in one stream).",
            file=str(path),
            fix="문서를 나누어 저장해 넣어 주세요 (split the document).",
        ) from None


def _read_hwp5(path: Path, data: bytes) -> Document:
    import io

    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - olefile raises many kinds on broken containers
        raise corrupt(path, f"OLE 컨테이너를 열 수 없습니다 (cannot open OLE container: {exc})") from None
    with ole:
        if not ole.exists("FileHeader"):
            raise InputError(
                "OLE 파일이지만 HWP 문서가 아닙니다 — MS Word(.doc)·Excel(.xls) 등일 수 있습니다 "
                "(an OLE file but not HWP: maybe .doc or .xls).",
                file=str(path),
                fix="한글 문서(.hwp)인지 확인하거나, 원래 형식에 맞는 확장자로 바꿔 주세요; Word 97 "
                ".doc는 .docx로 저장해 넣어 주세요 (check the file; save .doc as .docx).",
            )
        try:
            header = ole.openstream("FileHeader").read(256)
        except Exception as exc:  # noqa: BLE001
            raise corrupt(path, f"FileHeader를 읽을 수 없습니다 ({exc})") from None
        flags = _check_header(path, header)
        compressed = bool(flags & 0x1)
        budget = Budget(path)
        doc = Document(path=str(path), format="hwp")

        def stream(entry: list[str]) -> bytes:
            where = "/".join(entry)
            try:
                raw = ole.openstream(entry).read()
            except Exception as exc:  # noqa: BLE001
                raise corrupt(path, f"스트림을 읽을 수 없습니다 (cannot read stream: {exc})", where) from None
            budget.take(len(raw), where)
            return budget.inflate(raw, -15, where) if compressed else raw

        styles = _Styles()
        if ole.exists("DocInfo"):
            try:
                styles = _read_docinfo(_records(stream(["DocInfo"]))[0])
            except InputError as exc:
                if fatal(exc):
                    raise
                doc.warnings.append("DocInfo(스타일 정보)를 읽지 못해 제목 구분이 빠질 수 있습니다 "
                                    "(DocInfo unreadable: headings may be missed)")
        sections = sorted(
            (e for e in ole.listdir() if len(e) == 2 and e[0] == "BodyText" and e[1].startswith("Section")),
            key=_section_number,
        )
        if not sections:
            if any(e and e[0] == "ViewText" for e in ole.listdir()):
                raise _distribution_error(path)
            raise corrupt(path, "본문(BodyText) 구역이 없습니다 (no BodyText sections)")
        doc.properties = _properties(ole)
        errors = 0
        counters = Counters()  # numbered paragraphs count on across sections
        outline_id = 0
        for index, entry in enumerate(sections, start=1):
            try:
                records, truncated = _records(stream(entry))
            except InputError as exc:
                if fatal(exc):
                    raise
                errors += 1
                doc.warnings.append(f"구역 {index}을(를) 읽지 못했습니다 (section {index} unreadable)")
                continue
            if truncated:
                doc.warnings.append(f"구역 {index}이(가) 중간에 끊겨 있습니다 (section {index} truncated)")
            reader = _SectionReader(styles, index, counters, outline_id)
            doc.blocks.extend(reader.read(_tree(records)))
            outline_id = reader.outline_id
        if errors == len(sections):
            raise corrupt(path, "어느 본문 구역도 읽을 수 없습니다 (no body section could be read)")
    return doc
