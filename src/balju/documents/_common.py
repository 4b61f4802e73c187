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

# --- text ---------------------------------------------------------------------------------
_PUA = {
    0xF53A: "한",  # Hancom writes the 한 of 한글 in its logo as a private-use character
}
_CONTROL = {c: None for c in range(32) if c not in (9, 10)}
_CONTROL.update({0x7F: None, 0xFEFF: None, 0x00A0: " ", 0x200B: None})
_TRANSLATE = {**_CONTROL, **_PUA}
_SPACES = re.compile(r"[ \t\u3000]+")


def clean(text: str) -> str:
    """Normalise one paragraph: Hancom PUA → 한, control characters out, runs of spaces folded."""
    text = text.translate(_TRANSLATE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def cell_text(text: str) -> str:
    """Normalise a table cell (line breaks kept as \\n)."""
    return "\n".join(line for line in clean(text).split("\n") if line)


# --- errors -------------------------------------------------------------------------------
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

    def __init__(self, path: Path, limit: int = MAX_DECOMPRESSED_BYTES) -> None:
        self.path = path
        self.left = limit

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
