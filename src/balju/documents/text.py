"""Plain text and Markdown reader (텍스트·마크다운 읽기).

Encoding: a BOM decides; otherwise UTF-8, then CP949 (EUC-KR), the encoding of older Korean
Windows files. Markdown: ``#`` headings and pipe tables become heading and table blocks.
Plain text: paragraphs and headings are judged from the lines (see ``layout``).
"""

from __future__ import annotations

import re
from pathlib import Path

from balju.documents._common import cell_text, clean
from balju.documents.layout import heading_level, join_lines
from balju.documents.model import Block, Document, Position
from balju.errors import InputError

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")


def decode(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    for enc in ("utf-8", "cp949"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(
        "텍스트 인코딩을 알 수 없습니다 (unknown text encoding: not UTF-8 or CP949).",
        file=str(path),
        fix="UTF-8로 저장해 다시 넣어 주세요 (save the file as UTF-8).",
    )


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [cell_text(c.replace("\\|", "|").replace("<br>", "\n").replace("<br/>", "\n")) for c in cells]


def read_text(path: Path, data: bytes, fmt: str) -> Document:
    text = decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError("텍스트 파일에 이진 데이터가 섞여 있습니다 (binary data in a text file).",
                         file=str(path), fix="올바른 텍스트 파일인지 확인해 주세요 (check the file).")
    doc = Document(path=str(path), format=fmt)
    lines = text.split("\n")
    para_lines: list[str] = []

    def flush() -> None:
        nonlocal para_lines
        if para_lines:
            for para in join_lines(para_lines, korean_wrap=False):
                level = heading_level(para) if fmt == "txt" else None
                kind = "heading" if level else "paragraph"
                doc.blocks.append(Block(kind, para, position=Position(paragraph=len(doc.blocks) + 1),
                                        level=level))
        para_lines = []

    i = 0
    in_fence = False
    while i < len(lines):
        line = lines[i]
        if fmt == "md":
            if _FENCE.match(line):
                flush()
                in_fence = not in_fence
                i += 1
                continue
            if in_fence:
                if line.strip():
                    doc.blocks.append(Block("paragraph", clean(line), position=Position(paragraph=len(doc.blocks) + 1)))
                i += 1
                continue
            m = _MD_HEADING.match(line)
            if m:
                flush()
                if m.group(2).strip():
                    doc.blocks.append(Block("heading", clean(m.group(2)), position=Position(paragraph=len(doc.blocks) + 1),
                                            level=len(m.group(1))))
                i += 1
                continue
            if ("|" in line and i + 1 < len(lines) and _MD_RULE.match(lines[i + 1])
                    and "-" in lines[i + 1]):
                flush()
                rows = [_split_row(line)]
                j = i + 2
                while j < len(lines) and "|" in lines[j] and lines[j].strip():
                    rows.append(_split_row(lines[j]))
                    j += 1
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                body = "\n".join(" | ".join(c.replace("\n", " ") for c in r) for r in rows)
                doc.blocks.append(Block("table", body, rows=rows, position=Position(paragraph=len(doc.blocks) + 1)))
                i = j
                continue
            if (para_lines and len(para_lines) == 1 and _SETEXT.match(line) and line.strip()):
                level = 1 if line.strip()[0] == "=" else 2
                doc.blocks.append(Block("heading", clean(para_lines[0]), position=Position(paragraph=len(doc.blocks) + 1),
                                        level=level))
                para_lines = []
                i += 1
                continue
        if not line.strip():
            flush()
        else:
            para_lines.append(line)
        i += 1
    flush()
    if not doc.blocks:
        raise InputError("내용이 없는 파일입니다 (the file has no text).", file=str(path),
                         fix="내용이 있는 파일을 넣어 주세요 (use a file with content).")
    return doc
