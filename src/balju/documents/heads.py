"""Paragraph head marks (문단 머리: 글머리표·문단 번호·개요 번호) drawn from the paragraph shape.

Hangul and Word draw a bullet or a number before a paragraph from its paragraph shape, not from
characters in the text: HWP ``PARA_SHAPE`` → ``BULLET``/``NUMBERING`` (DocInfo), HWPX
``hh:paraPr/hh:heading`` → ``hh:bullet``/``hh:numbering``, DOCX ``w:numPr`` → ``numbering.xml``.
The readers put the mark at the start of the paragraph text, as the document shows it.

Numbering: a list is a numbering definition (Hangul) or a ``w:num`` (Word). A paragraph at level L
counts up level L of its list (the first one shows the level's start number) and restarts every
deeper level; the counters run through the document in reading order, table cells and text boxes
included (the numbered lists of the 28 real HWP RFPs come out as unhwp renders them). Outline (개요)
numbers are counted apart from paragraph numbers that use the same definition. Not modelled:
Word's ``lvlRestart``/``isLgl``; a Hangul restart anywhere but at a new numbering definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from balju.documents._common import bullet_char

# Hangul's number shapes (HWP 번호 모양 code → HWPX numFormat name), in the HWP code order
NUMBER_SHAPES = (
    "DIGIT", "CIRCLED_DIGIT", "ROMAN_CAPITAL", "ROMAN_SMALL", "LATIN_CAPITAL", "LATIN_SMALL",
    "CIRCLED_LATIN_CAPITAL", "CIRCLED_LATIN_SMALL", "HANGUL_SYLLABLE", "CIRCLED_HANGUL_SYLLABLE",
    "HANGUL_JAMO", "CIRCLED_HANGUL_JAMO", "HANGUL_PHONETIC", "IDEOGRAPH", "CIRCLED_IDEOGRAPH",
    "DECAGON_CIRCLE", "DECAGON_CIRCLE_HANJA",
)
# Word's w:numFmt → the same names ("" draws nothing)
WORD_FORMATS = {
    "decimal": "DIGIT", "decimalEnclosedCircle": "CIRCLED_DIGIT", "decimalEnclosedCircleChinese":
    "CIRCLED_DIGIT", "upperRoman": "ROMAN_CAPITAL", "lowerRoman": "ROMAN_SMALL", "upperLetter":
    "LATIN_CAPITAL", "lowerLetter": "LATIN_SMALL", "ganada": "HANGUL_SYLLABLE", "chosung": "HANGUL_JAMO",
    "koreanDigital": "HANGUL_PHONETIC", "koreanDigital2": "IDEOGRAPH", "koreanLegal": "HANGUL_PHONETIC",
    "koreanCounting": "HANGUL_PHONETIC", "ideographDigital": "IDEOGRAPH", "taiwaneseCountingThousand":
    "IDEOGRAPH", "chineseCounting": "IDEOGRAPH", "japaneseCounting": "IDEOGRAPH",
    "ideographEnclosedCircle": "CIRCLED_IDEOGRAPH", "decimalZero": "DECIMAL_ZERO", "none": "",
}

_HANGUL = "가나다라마바사아자차카타파하"
_JAMO = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
_SINO_HANGUL = "영일이삼사오육칠팔구"
_SINO_HANJA = "〇一二三四五六七八九"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _cycle(n: int, letters: str) -> str:
    """1 → first letter … then doubled (가 … 하, 가가 …), as lists past the last letter go on;
    past ten rounds (a broken or hostile start number) the digits."""
    k = len(letters)
    if n > 10 * k:
        return str(n)
    return letters[(n - 1) % k] * ((n - 1) // k + 1)


def _sino(n: int, digits: str, ten: str) -> str:
    """Sino-Korean / Chinese numerals up to 99 (일, 십일, 이십); larger numbers as digits."""
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ""
    if tens:
        out = (digits[tens] if tens > 1 else "") + ten
    if ones or not tens:
        out += digits[ones]
    return out


def _circled(n: int, shape: str) -> str | None:
    if shape in ("CIRCLED_DIGIT", "DECAGON_CIRCLE"):
        if 1 <= n <= 20:
            return chr(0x2460 + n - 1)
        if 21 <= n <= 35:
            return chr(0x3251 + n - 21)
        if 36 <= n <= 50:
            return chr(0x32B1 + n - 36)
    elif shape == "CIRCLED_LATIN_CAPITAL" and 1 <= n <= 26:
        return chr(0x24B6 + n - 1)
    elif shape == "CIRCLED_LATIN_SMALL" and 1 <= n <= 26:
        return chr(0x24D0 + n - 1)
    elif shape == "CIRCLED_HANGUL_SYLLABLE" and 1 <= n <= 14:
        return chr(0x326E + n - 1)
    elif shape == "CIRCLED_HANGUL_JAMO" and 1 <= n <= 14:
        return chr(0x3260 + n - 1)
    elif shape in ("CIRCLED_IDEOGRAPH", "DECAGON_CIRCLE_HANJA") and 1 <= n <= 10:
        return chr(0x3280 + n - 1)
    return None


def number_text(n: int, shape: str) -> str:
    """One number in a number shape: 3 → '3', '③', 'Ⅲ', 'C', '다', 'ㄷ', '삼', '三' …"""
    if not shape:
        return ""
    if n <= 0:
        return str(n)
    if shape.startswith(("CIRCLED", "DECAGON")):
        circled = _circled(n, shape)
        if circled is not None:
            return circled
        shape = {"CIRCLED_LATIN_CAPITAL": "LATIN_CAPITAL", "CIRCLED_LATIN_SMALL": "LATIN_SMALL",
                 "CIRCLED_HANGUL_SYLLABLE": "HANGUL_SYLLABLE", "CIRCLED_HANGUL_JAMO": "HANGUL_JAMO",
                 "CIRCLED_IDEOGRAPH": "IDEOGRAPH", "DECAGON_CIRCLE_HANJA": "IDEOGRAPH"}.get(shape, "DIGIT")
    if shape in ("ROMAN_CAPITAL", "ROMAN_SMALL"):
        if n <= 12:  # the Roman numeral characters Ⅰ–Ⅻ / ⅰ–ⅻ, as Korean documents write them
            return chr((0x2160 if shape == "ROMAN_CAPITAL" else 0x2170) + n - 1)
        if n > 3999:
            return str(n)
        out, left = "", n
        for value, letters in _ROMAN:
            while left >= value:
                out += letters
                left -= value
        return out if shape == "ROMAN_CAPITAL" else out.lower()
    if shape == "LATIN_CAPITAL":
        return _cycle(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if shape == "LATIN_SMALL":
        return _cycle(n, "abcdefghijklmnopqrstuvwxyz")
    if shape == "HANGUL_SYLLABLE":
        return _cycle(n, _HANGUL)
    if shape == "HANGUL_JAMO":
        return _cycle(n, _JAMO)
    if shape == "HANGUL_PHONETIC":
        return _sino(n, _SINO_HANGUL, "십")
    if shape == "IDEOGRAPH":
        return _sino(n, _SINO_HANJA, "十")
    if shape == "DECIMAL_ZERO":
        return f"{n:02d}"
    return str(n)


@dataclass(frozen=True)
class Level:
    """One level of a numbering: its format (``^1.`` Hangul, ``%1.`` Word), number shape, start."""

    fmt: str
    shape: str = "DIGIT"
    start: int = 1


_HWP_CODE = re.compile(r"\^([1-9nN]|.?)", re.S)
_WORD_CODE = re.compile(r"%([1-9])")


def render(fmt: str, values: list[int], shapes: list[str], word: bool = False) -> str:
    """The mark for a format string given the current number of each level (0-based lists).

    Hangul: ``^k`` is level k's number in level k's shape, ``^n`` the level path ``1.1.1``,
    ``^N`` the path with a final full stop; a '^' before any other character is dropped (a format
    typed as ``^ㅇ`` shows ``ㅇ``). Word: ``%k`` is level k's number."""

    def one(k: int) -> str:
        if k >= len(values):
            return ""
        return number_text(values[k], shapes[k] if k < len(shapes) else "DIGIT")

    if word:
        return _WORD_CODE.sub(lambda m: one(int(m.group(1)) - 1), fmt)

    def code(m: re.Match) -> str:
        c = m.group(1)
        if not c or c not in "123456789nN":  # '^' before anything else is not a code: the character
            return c
        if c in "nN":
            path = ".".join(one(k) for k in range(len(values)))
            return path + "." if c == "N" else path
        return one(int(c) - 1)

    return _HWP_CODE.sub(code, fmt)


class Counters:
    """Per-list, per-level counters through one document (see the module note)."""

    def __init__(self) -> None:
        self._lists: dict[object, list[int | None]] = {}

    def mark(self, key: object, levels: list[Level], level: int, word: bool = False) -> str:
        """Count one paragraph at ``level`` (0-based) of list ``key`` and return its mark."""
        if not 0 <= level < len(levels):
            return ""
        nums = self._lists.get(key)
        if nums is None or len(nums) < len(levels):
            nums = self._lists[key] = (nums or []) + [None] * (len(levels) - len(nums or []))
        current = nums[level]
        nums[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, len(nums)):
            nums[deeper] = None
        values = [levels[k].start if nums[k] is None else nums[k] for k in range(level + 1)]
        shapes = [levels[k].shape for k in range(level + 1)]
        return render(levels[level].fmt, values, shapes, word=word).strip()


LIST_MARKS = "○●◦❍•▪■□◆◇ㅇ￮◯‣❑"
"""Marks a list item starts with, as the readers draw them or the text carries them. The requirement
patterns that recognise or strip a leading mark are built on this one set."""


def with_mark(mark: str, text: str) -> str:
    """``text`` with its head mark in front (one space between), or the text alone."""
    return f"{mark} {text}" if mark and text else text


__all__ = ["Counters", "LIST_MARKS", "Level", "NUMBER_SHAPES", "WORD_FORMATS", "bullet_char", "number_text", "render",
           "with_mark"]
