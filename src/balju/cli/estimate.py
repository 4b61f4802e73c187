"""``balju estimate FUNCTIONS_FILE``: count and price a function list (기능점수 산정·개발비)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from balju import rules as rules_module
from balju.cli.options import correction_levels, parse_as_of, parse_decimal
from balju.cli.output import console, print_json, won
from balju.cost import DevelopmentOptions
from balju.cost.summary import priced_list
from balju.fp import parse_method
from balju.functions.listfile import read_function_list


def register(app: typer.Typer) -> None:
    @app.command("estimate")
    def estimate_command(
        functions_file: Path = typer.Argument(..., help="기능 목록 (YAML, CSV, XLSX)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘). 이 날 시행 중인 단가·규칙을 씁니다."),
        method: str = typer.Option("simple", "--method", "-m", help="simple(간이법) 또는 detailed(정통법)"),
        interface: Optional[int] = typer.Option(None, "--interface", help="연계 복잡성 수준 1~5"),
        performance: Optional[int] = typer.Option(None, "--performance", help="성능 요구수준 1~5"),
        compatibility: Optional[int] = typer.Option(None, "--compatibility", help="운영환경 호환성 수준 1~5"),
        security: Optional[int] = typer.Option(None, "--security", help="보안성 수준 1~5"),
        profit_rate: Optional[str] = typer.Option(None, "--profit-rate", help="이윤율 (예: 0.25 또는 25%; 기본: 상한 25%)"),
        direct_expenses: int = typer.Option(0, "--direct-expenses", help="직접경비 (원)"),
        phase: Optional[list[str]] = typer.Option(None, "--phase", help="분할발주 단계: 분석, 설계, 구현, 시험 (여러 번)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """기능 목록으로 기능점수를 세고 SW개발비를 산정합니다 (count FP and price the development)."""
        functions = read_function_list(functions_file)
        rules = rules_module.at(parse_as_of(as_of))
        options = DevelopmentOptions(
            levels=correction_levels(interface, performance, compatibility, security),
            profit_rate=parse_decimal(profit_rate, "--profit-rate"),
            direct_expenses=direct_expenses,
            phases=phase or None,
        )
        summary = priced_list(functions, parse_method(method), rules, options)
        if as_json:
            print_json(summary)
            return
        show_estimate(summary, str(functions_file))


def show_estimate(summary: dict, source: str) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]SW개발비 산정[/bold] — {source} (기준일 {summary['as_of']}, {summary['method_ko']})")
    types = Table(title="기능점수", show_lines=False)
    for column in ("유형", "기능 수", "기능점수"):
        types.add_column(column, justify="right" if column != "유형" else "left")
    for function_type, fp in summary["fp_by_type"].items():
        types.add_row(function_type, str(summary["function_count_by_type"][function_type]), str(fp))
    types.add_row("[bold]합계[/bold]", str(sum(summary["function_count_by_type"].values())), f"[bold]{summary['fp_total']}[/bold]")
    out.print(types)
    lines = Table(title="개발비 산정 내역")
    lines.add_column("항목")
    lines.add_column("금액(원)", justify="right")
    lines.add_column("계산")
    lines.add_column("근거", justify="center")
    notes: list[str] = []
    for line in summary["lines"]:
        amount = "" if line["amount"] is None else won(line["amount"])
        if line["reference"] not in notes:
            notes.append(line["reference"])
        mark = "" if line["verified"] else " ⚠"
        lines.add_row(line["label"], amount, line["formula"], f"[{notes.index(line['reference']) + 1}]{mark}")
    out.print(lines)
    for number, reference in enumerate(notes, start=1):
        out.print(f"  [{number}] {reference}", overflow="fold")
    for note in summary["assumptions"]:
        out.print(f"  • {note}")
    out.print(
        f"[bold]SW개발비(부가세 별도) {won(summary['development_cost'])}원, "
        f"사업금액(부가세 포함) {won(summary['total'])}원[/bold]"
    )
    if any(not line["verified"] for line in summary["lines"]):
        out.print("  ⚠ 표시는 출처 1곳뿐이거나 역산한 규칙입니다(미검증). 확인 후 쓰세요.")
