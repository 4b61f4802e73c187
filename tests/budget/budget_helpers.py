"""Helpers to build small RFP documents by hand for the budget tests (no reader needed)."""

from __future__ import annotations

from balju.documents.model import Block, Document, Position
from balju.functions.model import Function


def paragraph(text: str, number: int) -> Block:
    return Block("paragraph", text, position=Position(section=0, paragraph=number))


def table(rows: list[list[str]], number: int) -> Block:
    text = "\n".join(" ".join(row) for row in rows)
    return Block("table", text, rows=rows, position=Position(section=0, paragraph=number))


def document(*texts_or_tables) -> Document:
    blocks = []
    for number, item in enumerate(texts_or_tables):
        blocks.append(table(item, number) if isinstance(item, list) else paragraph(item, number))
    return Document(path="hand.txt", format="txt", blocks=blocks)


def functions_100fp(confidence: float | None = None) -> list[Function]:
    """8 ILF × 7.5 + 10 EI × 4.0 = 60 + 40 = 100 FP by 간이법."""
    return [Function(f"자료{i}", "ILF", confidence=confidence) for i in range(8)] + [
        Function(f"등록{i}", "EI", confidence=confidence) for i in range(10)
    ]


