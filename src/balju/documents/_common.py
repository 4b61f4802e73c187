"""Shared helpers of the readers: limits, text normalisation, errors (공통 도구)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from balju.errors import InputError

# --- limits (bounded time and memory) -------------------------------------------------------
MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest input file we open (입력 파일 최대 크기)."""
MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024
"""Total bytes we are willing to inflate from one file (zip bomb guard, 압축 폭탄 방지)."""
MAX_RATIO = 200
"""Largest compression ratio accepted for one zip member bigger than 1 MB."""
MAX_TABLE_CELLS = 200_000
"""Largest grid (rows × columns) kept for one table."""
MAX_PDF_PAGES = 5000
MAX_RECORDS = 3_000_000
"""Records in one HWP stream (a real 1 MB RFP section has ~40,000)."""
MAX_XML_BYTES = 128 * 1024 * 1024
"""One XML part of HWPX/DOCX (a real 450-page DOCX body is 5.7 MB); the parsed tree takes ~10×."""

# --- text ---------------------------------------------------------------------------------
_PUA = {
    0xF53A: "한",  # Hancom writes the 한 of 한글 in its logo as a private-use character
    # bullets set in the Wingdings font come through as U+F000 + the Wingdings code
    0xF06D: "❍", 0xF06E: "■", 0xF06F: "□", 0xF071: "❑", 0xF075: "◆", 0xF09E: "·", 0xF09F: "•",
    0xF0A1: "○", 0xF0A7: "▪", 0xF0D8: "➢", 0xF0E8: "➔", 0xF0FC: "✓", 0xF0FE: "☑",
}
_CONTROL = {c: None for c in range(32) if c not in (9, 10)}
_CONTROL.update({0x7F: None, 0xFEFF: None, 0x00A0: " ", 0x200B: None, 0x00AD: None})
_TRANSLATE = {**_CONTROL, **_PUA}
_SPACES = re.compile(r"[ \t\u3000]+")

# A bullet character (글머리표 문자) of a paragraph shape goes through the same map, plus a few
# code points that only make sense as a drawn bullet: the soft hyphen and the combining short
# stroke that Hangul bullet lists draw as a dash, Symbol's bullet (U+F0B7, Word's default) and a
# few more Wingdings bullets. Applied to the mark only, never to the text.
_BULLET_ONLY = {
    0x00AD: "-", 0x0335: "-", 0xF0B7: "•", 0xF06C: "●", 0xF076: "❖", 0xF0A8: "◻", 0xF0AB: "★",
    0xF0A0: "▪", 0xF0A4: "◉", 0xF0A5: "◎", 0xF0D8: "➢",
}
# Word stores a Wingdings/Symbol bullet either as U+F0xx or as the font's 8-bit code (§ ▪, Ø ➢ …)
_SYMBOL_FONTS = ("wingdings", "symbol")


def bullet_char(ch: str, font: str = "") -> str:
    """A readable bullet for a paragraph shape's bullet character ('\\uf09f' → '•', '\\xad' → '-').

    ``font``: the bullet's font where the format names it (DOCX); an 8-bit character in a
    Wingdings or Symbol font is that font's symbol."""
    ch = ch.strip()
    if not ch:
        return ""
    if font and font.strip().lower().startswith(_SYMBOL_FONTS) and len(ch) == 1 and ord(ch) < 0x100:
        symbol = 0xF000 + ord(ch)
        if font.strip().lower().startswith("symbol"):
            return {0xF0B7: "•", 0xF0A8: "♦", 0xF0AE: "→", 0xF02D: "-"}.get(symbol, ch)
        ch = chr(symbol)
    out = "".join(_BULLET_ONLY.get(ord(c), _PUA.get(ord(c), c)) for c in ch)
    return clean(out)


def clean(text: str) -> str:
    """Normalise one paragraph: Hancom PUA → 한, control characters out, runs of spaces folded."""
    text = text.translate(_TRANSLATE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def cell_text(text: str) -> str:
    """Normalise a table cell (line breaks kept as \\n)."""
    return "\n".join(line for line in clean(text).split("\n") if line)


# --- errors -------------------------------------------------------------------------------
_FATAL_MARKS = ("압축 폭탄", "암호", "너무 큽니다", "너무 많습니다")


def fatal(exc: InputError) -> bool:
    """An error that stops the whole file (bomb, password, size), not just one part of it."""
    return any(mark in exc.message for mark in _FATAL_MARKS)


def corrupt(path: Path, what: str, where: str | None = None) -> InputError:
    return InputError(
        f"파일이 손상되었거나 읽을 수 없습니다 (corrupt or unreadable file): {what}",
        file=str(path),
        where=where,
        fix="원본 파일을 다시 내려받거나, 작성 프로그램에서 열어 다시 저장해 주세요 "
        "(download the original again, or open and re-save it in the authoring program).",
    )


def too_big(path: Path, where: str | None = None) -> InputError:
    return InputError(
        "압축을 풀면 너무 커지는 파일입니다 — 압축 폭탄일 수 있습니다 "
        f"(decompresses to more than {MAX_DECOMPRESSED_BYTES // (1024 * 1024)} MB: possible zip bomb).",
        file=str(path),
        where=where,
        fix="신뢰할 수 있는 출처의 원본 파일인지 확인해 주세요 (check the file comes from a trusted source).",
    )


class Budget:
    """Counts inflated bytes for one file and stops at MAX_DECOMPRESSED_BYTES."""

    def __init__(self, path: Path, limit: int | None = None) -> None:
        self.path = path
        self.left = MAX_DECOMPRESSED_BYTES if limit is None else limit

    def take(self, n: int, where: str | None = None) -> None:
        self.left -= n
        if self.left < 0:
            raise too_big(self.path, where)

    def inflate(self, data: bytes, wbits: int, where: str) -> bytes:
        """zlib-inflate ``data`` within the budget (raw deflate: wbits=-15)."""
        d = zlib.decompressobj(wbits)
        out = []
        chunk_limit = 16 * 1024 * 1024
        try:
            buf = d.decompress(data, chunk_limit)
            while True:
                self.take(len(buf), where)
                out.append(buf)
                if not d.unconsumed_tail:
                    break
                buf = d.decompress(d.unconsumed_tail, chunk_limit)
            tail = d.flush()
            self.take(len(tail), where)
            out.append(tail)
        except zlib.error as exc:
            raise corrupt(self.path, f"압축 해제 실패 (inflate failed: {exc})", where) from None
        return b"".join(out)


# --- zip containers (HWPX, DOCX) ----------------------------------------------------------
MAX_ZIP_MEMBERS = 20_000


def open_zip(path: Path, data: bytes):
    """A ZipFile over ``data``; corrupt or absurd archives become InputError."""
    import io
    import zipfile

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except Exception as exc:  # noqa: BLE001 - BadZipFile, ValueError, struct.error …
        raise corrupt(path, f"ZIP 구조가 깨져 있습니다 (broken zip container: {exc})") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise corrupt(path, f"ZIP 항목이 너무 많습니다 (too many zip members: {len(infos)})")
    declared = sum(max(i.file_size, 0) for i in infos)
    if declared > MAX_DECOMPRESSED_BYTES:
        raise too_big(path)
    for info in infos:
        if info.file_size > 1024 * 1024 and info.compress_size * MAX_RATIO < info.file_size:
            raise too_big(path, info.filename)
    return z


def read_member(z, name: str, budget: Budget, path: Path) -> bytes:
    """Read one zip member, counting the bytes really inflated (sizes in the header can lie)."""
    try:
        with z.open(name) as f:
            out = []
            while True:
                chunk = f.read(1024 * 1024)
                if not chunk:
                    break
                budget.take(len(chunk), name)
                out.append(chunk)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zlib.error, BadZipFile (CRC), NotImplementedError …
        msg = str(exc)
        if "encrypted" in msg.lower() or "password" in msg.lower():
            raise InputError(
                "암호가 걸린 문서입니다 (password-protected document).",
                file=str(path),
                fix="작성 프로그램에서 암호를 풀고 다시 저장해 주세요 (remove the password and save again).",
            ) from None
        raise corrupt(path, f"압축 항목을 읽을 수 없습니다 (cannot read zip member: {exc})", name) from None
    return b"".join(out)


def parse_xml(data: bytes, path: Path, where: str):
    """Parse XML with the stdlib (expat ≥ 2.4 refuses billion-laughs expansion; no external entities)."""
    import xml.etree.ElementTree as ET

    if len(data) > MAX_XML_BYTES:
        raise InputError(
            f"XML 부분이 너무 큽니다 (XML part larger than {MAX_XML_BYTES // (1024 * 1024)} MB).",
            file=str(path),
            where=where,
            fix="문서를 나누어 저장해 넣어 주세요 (split the document).",
        )

    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise corrupt(path, f"XML을 해석할 수 없습니다 (XML parse error: {exc})", where) from None


def local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# --- tables -------------------------------------------------------------------------------
def make_table(placed, n_rows: int, n_cols: int, position, unwrap: bool = True):
    """Blocks for one table from its cells.

    ``placed``: (row, col, rowspan, colspan, blocks-in-the-cell). A 1×1 table is a box drawn
    around content (often around a whole requirement table): its content is returned unwrapped.
    """
    from balju.documents.model import Block

    if not placed:
        return []
    if unwrap and len(placed) == 1 and n_rows <= 1 and n_cols <= 1:
        return list(placed[0][4])
    n_rows = max([n_rows] + [r + 1 for r, *_ in placed])
    n_cols = max([n_cols] + [c + 1 for _, c, *_ in placed])
    if n_cols > MAX_TABLE_CELLS:
        n_cols = MAX_TABLE_CELLS
    if n_rows * n_cols > MAX_TABLE_CELLS:
        n_rows = max(1, MAX_TABLE_CELLS // n_cols)
    grid = [[""] * n_cols for _ in range(n_rows)]
    spans = []
    for row, col, rowspan, colspan, blocks in placed:
        if row >= n_rows or col >= n_cols or row < 0 or col < 0:
            continue
        grid[row][col] = cell_text("\n".join(b.text for b in blocks if b.text))
        if rowspan > 1 or colspan > 1:
            spans.append((row, col, min(rowspan, n_rows - row), min(colspan, n_cols - col)))
    keep = [i for i, r in enumerate(grid) if any(r)]
    if not keep:
        return []
    chapter = chapter_heading([grid[i] for i in keep])
    if chapter is not None:
        return [Block("heading", chapter[0], position=position, level=chapter[1])]
    if len(keep) != len(grid):  # drop empty rows, and move the spans with their rows
        index = {old: new for new, old in enumerate(keep)}
        grid = [grid[i] for i in keep]
        spans = [(index[r], c, max(1, sum(1 for k in keep if r <= k < r + rs)), cs)
                 for r, c, rs, cs in spans if r in index]
    text = "\n".join(" | ".join(c.replace("\n", " ") for c in r) for r in grid)
    return [Block("table", text, rows=grid, position=position, spans=spans or None)]


_ROMAN = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|[IVX]+|제\s*\d+\s*[장편부])\.?$")
_SUBLABEL = re.compile(r"^(?:[가-하]|\d{1,2})[.)]?$")


def chapter_heading(rows: list[list[str]]) -> tuple[str, int] | None:
    """(text, level) of a title drawn as a one-row table — ``| Ⅰ | | 사업 안내 |`` (level 1) or
    ``| 가 | | 사업개요 |`` (level 2) — else None."""
    from balju.documents.layout import heading_level

    if len(rows) != 1:
        return None
    cells = [c.replace("\n", " ").strip() for c in rows[0] if c.strip()]
    if not 1 <= len(cells) <= 3:
        return None
    text = " ".join(cells)
    if len(text) > 40:
        return None
    if len(cells) >= 2 and _ROMAN.match(cells[0]):
        return text, 1
    if len(cells) >= 2 and _SUBLABEL.match(cells[0]) and not re.search(r"\d", "".join(cells[1:])):
        return text, 2
    if heading_level(text) == 1:
        return text, 1
    return None
