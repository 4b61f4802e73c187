"""Turning lines of text into paragraphs and headings (줄 → 문단), for PDF and plain text.

PDF and TXT carry no paragraph or heading marks, so we judge from the text the way a reader does:
a new paragraph starts at a bullet or number mark (○ - • □ 1. 가. ① …) or after a line that ends a
sentence; a short line that starts like a chapter or section number is a heading.
Korean wraps mid-word: a line that ends without a space joins the next line without one.
"""

from __future__ import annotations

import re

from balju.documents._common import clean

_MARK = re.compile(
    r"^\s*(?:[-–•·∙◦○●◎◇◆□■▪▶▷►※❍❏➢✓✔☐□❑➔→*+]|\(?\d{1,3}[.)](?=\s)|\(\d{1,3}\)|[가-하][.)](?=\s)|\([가-하]\)"
    r"|[①-⑳]|[ⅰ-ⅹⅠ-Ⅹ]+[.\s]|제\s*\d+\s*[장절조편]|<[^>]{1,40}>|\[[^\]]{1,40}\]|[A-Z]{2,4}R\s*-\s*\d)"
)
_END = re.compile(r"(?:다\.|[.:?!;]|함\.?|음\.?|임\.?|\))\s*$")
_H1 = re.compile(r"^\s*(?:제\s*\d+\s*[장편]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+(?:[.\s]|$)|[IVX]+\.\s)")
_H2 = re.compile(r"^\s*(?:\d{1,2}\.\s*[^\d\s.]|제\s*\d+\s*절)")
_HANGUL = re.compile(r"[\uac00-\ud7a3\d]")
_SENTENCE_END = re.compile(r"(?:다\.?|함\.?|음\.?|\.)\s*$")


def heading_level(line: str) -> int | None:
    """1 or 2 for a short line that starts like a chapter or numbered section title, else None."""
    text = line.strip()
    if not text or len(text) > 40 or _SENTENCE_END.search(text):
        return None
    if _H1.match(text):
        return 1
    if _H2.match(text) and len(text) <= 30:
        return 2
    return None


def join_lines(lines: list[str], korean_wrap: bool = True) -> list[str]:
    """Group raw lines into paragraphs (each a string, soft line breaks removed).

    ``korean_wrap``: lines were wrapped by a layout engine (PDF), which breaks Korean mid-word;
    Hangul on both sides of the break is joined without a space. Off for text files, where a
    person chose the line ends.
    """
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = raw.replace("\r", "")
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current and (_MARK.match(stripped) or _END.search(current) or heading_level(stripped)
                        or heading_level(current.strip())):
            paragraphs.append(current)
            current = ""
        if not current:
            current = stripped
        elif current.endswith((" ", "\t")) or line.startswith((" ", "\t")):
            current = current.rstrip() + " " + stripped
        elif korean_wrap and _HANGUL.match(current[-1]) and _HANGUL.match(stripped[0]):
            current += stripped
        else:
            current += " " + stripped
        if line.endswith((" ", "\t")):
            current += " "
    if current:
        paragraphs.append(current)
    return [c for c in (clean(p) for p in paragraphs) if c]


def unwrap_lines(lines: list[str], wrapped: list[bool]) -> str:
    """A table cell's lines with the layout engine's wraps removed (셀 안 줄바꿈 되돌리기).

    ``wrapped[i]`` says that line ``i`` ran to the cell's right edge (the PDF reader measures it),
    so the next line continues it; a line that stops short was ended by its writer (a list item,
    a label). Wrapped lines are joined by :func:`join_lines`, which still starts a new line at a
    mark or after a sentence end, and joins Hangul split mid-word without a space.
    """
    out: list[str] = []
    for i, (line, runs_on) in enumerate(zip(lines, wrapped)):
        out.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not runs_on or _FIELD.match(following):
            out.append("")  # ended by the writer (or a form's next 'label : value'): its own paragraph
    return "\n".join(join_lines(out))


_FIELD = re.compile(r"^\s*[^\s:：][^:：]{0,11}\s[:：]\s")  # '발 행 일 : 2024. 10. 30', '페 이 지 : 3/19'


_BULLET = re.compile(r"^\s*[-–•·∙◦○●◎◇◆□■▪▶▷►※❍❏➢✓✔☐❑➔→*+]")
_NUMBERED = (
    (re.compile(r"^\s*(?:제\s*\d+\s*[장편]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+(?:[.\s]|$)|[IVX]+\.\s)"), 1),
    (re.compile(r"^\s*(?:\d{1,2}\.(?!\d)|제\s*\d+\s*절)"), 2),
    (re.compile(r"^\s*[가-하]\.\s"), 3),
    (re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}\))\s"), 4),
)


def refine_heading(text: str, level: int) -> int | None:
    """Check a heading the document's styles claim: a bullet line or a sentence is not a heading,
    and a numbered title gets the level its number shows (Ⅰ 1, 1. 2, 가. 3, (1) 4)."""
    if _BULLET.match(text) or _SENTENCE_END.search(text):
        return None
    for pattern, numbered in _NUMBERED:
        if pattern.match(text):
            return numbered
    return level
