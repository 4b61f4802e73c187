"""``balju read FILE``: show an RFP as Markdown (tables as Markdown tables) or JSON (문서 읽기)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("read")
    def read_command(
        file: Path = typer.Argument(..., help="제안요청서 파일 (.hwp .hwpx .pdf .docx .txt .md)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력 (blocks, positions, properties)"),
    ) -> None:
        """문서를 읽어 Markdown(기본) 또는 JSON으로 보여 줍니다 (read a document, print Markdown or JSON)."""
        from balju.documents import read
        from balju.documents.render import to_dict, to_markdown

        doc = read(file)
        if as_json:
            from balju.cli.output import to_json

            sys.stdout.write(to_json(to_dict(doc)) + "\n")
        else:
            sys.stdout.write(to_markdown(doc))
        for warning in doc.warnings:
            print(f"경고(warning): {warning}", file=sys.stderr)
