"""Document model (문서 모델): one shape for every format the agencies publish."""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "table")


@dataclass
class Position:
    """Where a block sits: page for PDF, section/paragraph for HWP/HWPX/DOCX (위치)."""

    page: int | None = None
    section: int | None = None
    paragraph: int | None = None

    def label(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"{self.page}쪽")
        if self.section is not None:
            parts.append(f"구역 {self.section}")
        if self.paragraph is not None:
            parts.append(f"문단 {self.paragraph}")
        return " ".join(parts) or "위치 미상"


@dataclass
class Block:
    """A heading, a paragraph or a table, in reading order (블록)."""

    kind: str
    text: str = ""
    """Plain text; for a table, the cells joined row by row (for searching)."""
    rows: list[list[str]] | None = None
    """Table only: the grid of cell texts, row by row."""
    position: Position = field(default_factory=Position)
    level: int | None = None
    """Heading only: outline level (1 = top)."""
    spans: list[tuple[int, int, int, int]] | None = None
    """Table only: merged cells as (row, col, rowspan, colspan), 0-based. The text of a merged
    cell sits in its top-left grid slot; the slots it covers hold ""."""
    end_position: Position | None = None
    """Table only: where the table ends when it runs over pages/sections (None: same place)."""


@dataclass
class Document:
    path: str
    format: str
    """hwp, hwpx, pdf, docx, txt, md"""
    blocks: list[Block] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    """Title, author, dates … where the file has them."""
    warnings: list[str] = field(default_factory=list)
    """Things the reader could not do fully (e.g. an image-only page)."""

    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.text)

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]
