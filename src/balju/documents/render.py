"""Showing a Document (문서 출력): Markdown with tables as Markdown tables, and plain dicts for JSON."""

from __future__ import annotations

from dataclasses import asdict

from balju.documents.model import Block, Document


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def table_markdown(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    grid = [[_cell(c) for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in grid[1:]]
    return "\n".join(lines)


def block_markdown(block: Block) -> str:
    if block.kind == "table" and block.rows:
        return table_markdown(block.rows)
    if block.kind == "heading":
        return "#" * min(max(block.level or 1, 1), 6) + " " + block.text.replace("\n", " ")
    # keep a paragraph from turning into Markdown syntax by accident
    text = block.text
    if text[:1] in "#>|" or text[:2] in ("- ", "* ", "+ "):
        text = "\\" + text
    return text.replace("\n", "  \n")


def to_markdown(doc: Document) -> str:
    parts = []
    title = doc.properties.get("title")
    if title:
        parts.append(f"<!-- {title.replace('--', '- -')} -->")
    parts += [block_markdown(b) for b in doc.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"


def to_dict(doc: Document) -> dict:
    """A JSON-ready dict: path, format, properties, warnings, blocks (positions without Nones)."""
    blocks = []
    for b in doc.blocks:
        d = {"kind": b.kind, "text": b.text, "position": {k: v for k, v in asdict(b.position).items()
                                                          if v is not None}}
        if b.kind == "heading":
            d["level"] = b.level
        if b.kind == "table":
            d["rows"] = b.rows
            if b.spans:
                d["spans"] = [list(s) for s in b.spans]
            if b.end_position is not None:
                d["end_position"] = {k: v for k, v in asdict(b.end_position).items() if v is not None}
        blocks.append(d)
    return {"path": doc.path, "format": doc.format, "properties": doc.properties,
            "warnings": doc.warnings, "blocks": blocks}
