"""What a file really is (파일 형식 판별): by its first bytes, checked against its extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from balju.documents._common import MAX_FILE_BYTES, corrupt
from balju.errors import InputError

FORMATS = {".hwp": "hwp", ".hwpx": "hwpx", ".pdf": "pdf", ".docx": "docx", ".txt": "txt",
           ".md": "md", ".markdown": "md", ".text": "txt"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_NAMES = {
    "hwp": "HWP 5.0 문서 (HWP 5.0)", "hwp3": "HWP 3.0 문서 (HWP 3.x)", "hwpx": "HWPX 문서 (HWPX)",
    "docx": "Word 문서 (DOCX)", "pdf": "PDF 문서 (PDF)", "ole": "OLE 파일(.doc/.xls 등) (OLE: .doc/.xls …)",
    "xlsx": "Excel 문서 (XLSX)", "pptx": "PowerPoint 문서 (PPTX)", "zip": "ZIP 압축 파일 (ZIP)",
    "text": "텍스트 파일 (text)", "image": "이미지 파일 (image)", "binary": "알 수 없는 이진 파일 (unknown binary)",
    "rtf": "RTF 문서 (RTF)", "html": "HTML 문서 (HTML)",
}


def sniff(head: bytes, data: bytes | None = None) -> str:
    """The real kind of a file from its first bytes (and, for zip, its member names)."""
    if head.startswith(_OLE):
        return "hwp" if data is None or _ole_is_hwp(data) else "ole"
    if head.startswith(b"HWP Document File V3"):
        return "hwp3"
    if head.startswith(_ZIP):
        return _zip_kind(data) if data is not None else "zip"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _looks_text(head):
        low = head[:512].lstrip().lower()
        if low.startswith((b"<!doctype html", b"<html")):
            return "html"
        return "text"
    return "binary"


def _looks_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        return False
    sample = head[:4096]
    for enc in ("utf-8", "cp949"):
        try:
            sample.decode(enc)
            return True
        except UnicodeDecodeError as exc:
            if enc == "utf-8" and exc.start >= len(sample) - 4:  # cut in the middle of a character
                return True
    return False


def _ole_is_hwp(data: bytes) -> bool:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ole.exists("FileHeader")
    except Exception:  # noqa: BLE001 - a broken container is judged by the reader, not here
        return True


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                info = z.getinfo("mimetype")
                if info.file_size < 200:
                    mime = z.read("mimetype").strip()
                    if mime.startswith(b"application/hwp"):
                        return "hwpx"
            if any(n.startswith("Contents/section") for n in names):
                return "hwpx"
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "ppt/presentation.xml" in names:
                return "pptx"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
        return "zip-broken"
    except Exception:  # noqa: BLE001
        return "zip-broken"
    return "zip"


def load(path: Path) -> tuple[str, bytes]:
    """Check the file and return (format, bytes); raise InputError for anything unusable."""
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise InputError(
            f"지원하지 않는 파일 형식입니다 (unsupported file type '{ext or '확장자 없음'}').",
            file=str(path),
            fix="HWP·HWPX·PDF·DOCX·TXT·MD 파일을 넣어 주세요 (use .hwp .hwpx .pdf .docx .txt .md).",
        )
    if not path.exists():
        raise InputError("파일이 없습니다 (file not found).", file=str(path),
                         fix="경로를 확인해 주세요 (check the path).")
    if not path.is_file():
        raise InputError("파일이 아닙니다 (not a regular file).", file=str(path),
                         fix="문서 파일의 경로를 넣어 주세요 (give the path of a document file).")
    size = path.stat().st_size
    if size == 0:
        raise InputError("빈 파일입니다 (empty file: 0 bytes).", file=str(path),
                         fix="내용이 있는 원본 파일을 다시 받아 주세요 (get the original file again).")
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"파일이 너무 큽니다 (file too large: {size // (1024 * 1024)} MB > "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB).",
            file=str(path),
            fix="제안요청서 본문만 담은 파일로 나누어 넣어 주세요 (split the file, keep the RFP body).",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"파일을 읽을 수 없습니다 (cannot read file: {exc.strerror}).", file=str(path),
                         fix="파일 권한을 확인해 주세요 (check permissions).") from None
    expected = FORMATS[ext]
    kind = sniff(data[:8192], data)
    if expected in ("txt", "md"):
        if kind in ("text", "html"):
            return expected, data
    elif kind == expected:
        return expected, data
    if kind == "zip-broken" and expected in ("hwpx", "docx"):
        raise corrupt(path, "ZIP 구조가 깨져 있습니다 (broken zip container)")
    if kind == "hwp3" and expected == "hwp":
        raise InputError(
            "HWP 3.0 형식은 지원하지 않습니다 (HWP 3.x is not supported).",
            file=str(path),
            fix="한글에서 열어 HWP 5.0(.hwp) 또는 HWPX로 다시 저장해 주세요 (re-save as .hwp 5.0 or .hwpx).",
        )
    if kind == "binary" and expected in ("hwp", "pdf", "hwpx", "docx"):
        raise corrupt(path, f"{_NAMES.get(expected, expected)}의 시작 바이트가 아닙니다 "
                      "(the file does not start like this format)")
    actual = _NAMES.get(kind.replace("-broken", ""), kind)
    better = {v: k for k, v in FORMATS.items() if k not in (".markdown", ".text")}.get(
        "txt" if kind == "text" else kind)
    fix = (f"확장자를 {better}(으)로 바꾸어 다시 넣어 주세요 (rename it to {better})."
           if better else "올바른 원본 파일을 넣어 주세요 (use the right original file).")
    raise InputError(
        f"파일 내용이 확장자({ext})와 다릅니다: 실제로는 {actual}입니다 "
        f"(the content does not match the extension {ext}).",
        file=str(path),
        fix=fix,
    )
