"""``balju effort [ROLES_FILE] --role 직무=3MM …``: 투입공수 방식 대가 (a thin shell over
:mod:`balju.cost.effort`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from balju.cli.maintenance import emit, parse_int, parse_won, rules_at
from balju.cli.output import console, print_json
from balju.cost.effort import effort_price, parse_role_option, read_assignments, wage_table


def register(app: typer.Typer) -> None:
    @app.command("effort")
    def effort_command(
        roles_file: Optional[Path] = typer.Argument(None, help="투입공수 파일 (.csv/.yaml: 직무, 투입량, 단위, 인원)"),
        role: Optional[list[str]] = typer.Option(None, "--role", help="직무=투입량단위, 예: 응용SW개발자=3MM, IT PM=20MD, IT테스터=16MH*2 (여러 번)"),
        overhead_rate: Optional[str] = typer.Option(None, "--overhead-rate", help="제경비율 % (기본: 가이드 범위 하한, 2023년판부터 144)"),
        tech_fee_rate: Optional[str] = typer.Option(None, "--tech-fee-rate", help="기술료율 % (기본: 범위 하한 20)"),
        direct_expenses: Optional[str] = typer.Option(None, "--direct-expenses", help="직접경비, 원 (기본 0)"),
        purpose: Optional[str] = typer.Option(None, "--purpose", help="사업 성격: 개발·운영·유지관리·DevOps·ISP·ISMP·EA·컨설팅·기타"),
        exception: Optional[str] = typer.Option(None, "--exception", help="개발을 투입공수로 산정하는 근거: 가이드 2.1.5 예외 번호 1~5"),
        allow_derived: bool = typer.Option(False, "--allow-derived", help="공표되지 않은 월·시간 임금을 일평균×근무일수 등으로 추정 (미검증 표시)"),
        show_wages: bool = typer.Option(False, "--show-wages", help="기준일 연도의 평균임금표(17개 직무)만 보여 줌"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘). 그 해의 평균임금과 제경비율을 씁니다."),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """투입공수(M/M) 방식 대가: 직무별 SW기술자 평균임금 × 투입량 + 제경비 + 기술료 + 직접경비."""
        rules = rules_at(as_of)
        if show_wages:
            table = wage_table(rules)
            if as_json:
                print_json(table)
            else:
                _show_wages(table)
            return
        assignments = read_assignments(roles_file) if roles_file is not None else []
        assignments += [parse_role_option(text) for text in role or []]
        result = effort_price(
            assignments,
            rules,
            overhead_rate=overhead_rate,
            tech_fee_rate=tech_fee_rate,
            direct_expenses=parse_won(direct_expenses, "--direct-expenses") or 0,
            purpose=purpose,
            exception=parse_int(exception, "--exception", "--exception 5 처럼 1~5의 번호를 적으세요."),
            allow_derived=allow_derived,
        )
        emit(result, as_json)


def _show_wages(table: dict) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]SW기술자 평균임금 {table['year']}년 적용[/bold] (기준일 {table['as_of']})")
    grid = Table()
    for column in ("직무", "월평균(M/M)", "일평균(M/D)", "시간평균(M/H)"):
        grid.add_column(column, justify="left" if column == "직무" else "right")
    for row in table["roles"]:
        grid.add_row(*(
            [row["role"]]
            + ["—" if row[k] is None else f"{row[k]:,}" for k in ("monthly", "daily", "hourly")]
        ))
    out.print(grid)
    days = table["working_days"]
    out.print(f"  근무일수: {'—' if days is None else days}일 ({table['working_days_reference']})", overflow="fold")
    out.print(f"  근거: {table['reference']}", overflow="fold")
    if table.get("note"):
        out.print(f"  ⚠ {table['note']}", overflow="fold")
    out.print("  — 표시는 공표값을 확인하지 못한 값입니다 (not published/verified).")
