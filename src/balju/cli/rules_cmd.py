"""``balju rules``: list the rules in force on a date, with their sources (규칙 조회)."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

import typer
from rich.markup import escape

from balju import rules as rules_module
from balju.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    @app.command("rules")
    def rules_command(
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        prefix: str = typer.Argument("", help="규칙 이름 앞부분 (예: cost.)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """기준일에 시행 중인 규칙값과 출처를 보여 줍니다 (rules in force on a date)."""
        from balju.cli.options import parse_as_of
        from balju.errors import RuleError

        rules = rules_module.at(parse_as_of(as_of))
        rows = []
        for name in rules.names(prefix):
            try:
                value = rules.get(name)
            except RuleError:
                rows.append({"name": name, "in_force": False})
                continue
            rows.append(
                {
                    "name": name,
                    "in_force": True,
                    "description": value.description,
                    "value": value.value,
                    "since": value.since.isoformat(),
                    "reference": value.reference,
                    "verified": value.verified,
                }
            )
        if as_json:
            print_json({"as_of": rules.day.isoformat(), "rules": rows})
            return
        out = console()
        out.print(f"[bold]{rules.day.isoformat()} 시행 규칙[/bold]")
        for row in rows:
            if not row["in_force"]:
                out.print(f"- {row['name']}: (이 날 시행 중인 값 없음)")
                continue
            mark = "" if row["verified"] else " ⚠미검증"
            value = _shown(row["name"], row["value"])
            out.print(f"- {row['name']} — {row['description']}: {value} ({row['since']}~){mark}\n    {row['reference']}")


SHOWN_CHARS = 400
"""A value longer than this (a vocabulary, the identifier's development set) is cut in the listing."""


def _plain(value: object) -> str:
    """A rule value as a person reads it: numbers bare (0.48, not Decimal('0.48')), strings unquoted."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def _shown(name: str, value: object) -> str:
    text = escape(_plain(value))
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]} … (모두 {len(text):,}자: balju rules {name} --json)"
