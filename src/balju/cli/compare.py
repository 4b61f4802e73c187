"""``balju compare BEFORE AFTER``: what changed between two function lists (기능 목록 비교).

For a person who corrects a proposal in a spreadsheet: the 간이법 total of each list, and each
function left out, added, retyped or renamed (``balju.functions.compare``). The same comparison the
web app shows on a corrected review's page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from balju.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    @app.command("compare")
    def compare_command(
        before: Path = typer.Argument(..., help="처음 목록 (balju functions가 쓴 제안 등; YAML, CSV, XLSX)"),
        after: Path = typer.Argument(..., help="고친 목록"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="간이법 가중치의 기준일 YYYY-MM-DD (기본: 오늘)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """두 기능 목록을 견줍니다: 간이법 기능점수와 뺀·더한·유형이나 이름이 바뀐 기능."""
        from balju import rules as rules_module
        from balju.cli.options import parse_as_of
        from balju.fp import count
        from balju.functions.compare import KINDS_KO, compare, counts
        from balju.functions.listfile import read_function_list

        first, second = read_function_list(before), read_function_list(after)
        rules = rules_module.at(parse_as_of(as_of))
        fp = [count(functions, "simple", rules).total for functions in (first, second)]
        changes = compare(first, second)

        if as_json:
            print_json({
                "before": {"file": str(before), "functions": len(first), "fp_total": float(fp[0])},
                "after": {"file": str(after), "functions": len(second), "fp_total": float(fp[1])},
                "counts": counts(changes),
                "changes": [c.to_dict() for c in changes],
            })
            return
        tally = counts(changes)
        out = console()
        delta = fp[1] - fp[0]
        out.print(f"[bold]기능 목록 비교[/bold] — {before} → {after} (간이법, 기준일 {rules.day})", highlight=False)
        out.print(f"  기능 {len(first)} → {len(second)}개, 기능점수 {fp[0].normalize():f} → {fp[1].normalize():f} FP "
                  f"({'+' if delta > 0 else ''}{delta.normalize():f})", highlight=False)
        out.print("  " + " · ".join(f"{ko} {tally[kind]}" for kind, ko in KINDS_KO.items()), highlight=False)
        for change in changes:
            was = f"{change.before.name} ({change.before.type})" if change.before else "—"
            now = f"{change.after.name} ({change.after.type})" if change.after else "—"
            out.print(f"  {change.kind_ko:6} {change.requirement_id or '—':10} {was} → {now}", highlight=False)
