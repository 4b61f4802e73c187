"""Reading RFP documents (문서 읽기): every format into one ``Document``.

``read(path)`` sniffs the file's real type from its first bytes, checks it against the extension,
and hands it to one reader per format: HWP 5 (own record reader), HWPX and DOCX (zip + XML, with
a bounded inflate), PDF (pypdfium2 for text, pdfplumber for tables), TXT and Markdown.
Every problem a user can fix comes out as ``balju.errors.InputError``.
"""

from __future__ import annotations

from pathlib import Path

from balju.documents.model import Block, Document, Position
from balju.documents.render import to_dict, to_markdown
from balju.documents.sniff import FORMATS, sniff
from balju.errors import InputError

__all__ = ["Block", "Document", "Position", "FORMATS", "read", "sniff", "to_dict", "to_markdown"]


def read(path: str | Path) -> Document:
    """Read one RFP file into a ``Document`` (blocks in reading order, positions, properties)."""
    import struct
    import zlib

    from balju.documents._common import corrupt
    from balju.documents.sniff import load

    path = Path(path)
    fmt, data = load(path)
    try:
        return _read(path, fmt, data)
    except (RecursionError, struct.error, zlib.error, EOFError, UnicodeError, OverflowError) as exc:
        # malformed structure the readers did not foresee (e.g. absurdly deep nesting)
        raise corrupt(path, f"문서 구조를 해석할 수 없습니다 (malformed structure: {type(exc).__name__})") from None
    except MemoryError:
        raise InputError("파일을 읽는 데 메모리가 모자랍니다 (out of memory while reading).", file=str(path),
                         fix="파일을 나누어 넣어 주세요 (split the file).") from None


def _read(path: Path, fmt: str, data: bytes) -> Document:
    if fmt == "hwp":
        from balju.documents.hwp5 import read_hwp5

        return read_hwp5(path, data)
    if fmt == "hwpx":
        from balju.documents.hwpx import read_hwpx

        return read_hwpx(path, data)
    if fmt == "docx":
        from balju.documents.docx import read_docx

        return read_docx(path, data)
    if fmt == "pdf":
        from balju.documents.pdf import read_pdf

        return read_pdf(path, data)
    from balju.documents.text import read_text

    return read_text(path, data, fmt)
