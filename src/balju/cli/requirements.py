"""``balju requirements FILE``: project facts and requirements of an RFP (사업 정보와 요구사항 목록)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

import typer


def requirements_payload(facts, reqs) -> dict:
    return {
        "facts": facts.as_dict(),
        "requirements": [dataclasses.asdict(r) for r in reqs],
        "summary": {
            "count": len(reqs),
            "with_id": sum(1 for r in reqs if r.id),
            "by_category": _by_category(reqs),
        },
    }


def _by_category(reqs) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in reqs:
        out[r.category] = out.get(r.category, 0) + 1
    return dict(sorted(out.items()))


def register(app: typer.Typer) -> None:
    @app.command("requirements")
    def requirements_command(
        file: Path = typer.Argument(..., help="제안요청서 파일 (.hwp .hwpx .pdf .docx .txt .md)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력 (facts, requirements)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
    ) -> None:
        """사업 정보와 요구사항 목록을 뽑습니다 (project facts and requirements of an RFP)."""
        from balju.cli.options import parse_as_of
        from balju.cli.output import console, print_json
        from balju.documents import read
        from balju.requirements import extract, extract_facts

        day = parse_as_of(as_of)
        doc = read(file)
        facts = extract_facts(doc, day=day)
        reqs = extract(doc, day=day)
        if as_json:
            print_json(requirements_payload(facts, reqs))
            return
        from rich.table import Table

        out = console()
        facts_table = Table(title="사업 정보 (project facts)", show_lines=False)
        for col in ("항목", "값", "근거 문구", "위치"):
            facts_table.add_column(col)
        for _, fact in facts.items():
            value = fact.value
            if isinstance(value, bool):
                value = "예" if value else "아니오"
            elif isinstance(value, int):
                value = f"{value:,}"
            elif isinstance(value, tuple):
                value = ":".join(str(v) for v in value)
            facts_table.add_row(
                fact.name,
                "찾지 못함 (not found)" if value is None else str(value),
                (fact.text or "")[:60],
                fact.where or "",
            )
        out.print(facts_table)
        table = Table(title=f"요구사항 {len(reqs)}건 (requirements)")
        for col in ("ID", "분류", "명칭", "출처", "위치"):
            table.add_column(col)
        kinds = {"detail": "상세 표", "list": "목록", "text": "본문"}
        for r in reqs:
            table.add_row(r.id or "-", r.category, r.name[:50], kinds.get(r.kind, r.kind), r.where)
        out.print(table)
        for warning in doc.warnings:
            out.print(f"경고(warning): {warning}")
