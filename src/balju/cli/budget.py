"""``balju budget FILE``: how far the RFP's budget is from the guide price (예산 적정성)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from balju import rules as rules_module
from balju.cli.options import correction_levels, parse_as_of
from balju.cli.output import console, print_json, won
from balju.cost import DevelopmentOptions
from balju.errors import InputError

_VAT_WORDS = {
    "포함": True, "included": True, "incl": True, "yes": True, "true": True,
    "별도": False, "제외": False, "excluded": False, "excl": False, "no": False, "false": False,
}


def parse_vat(text: str | None) -> bool | None:
    if text is None:
        return None
    value = _VAT_WORDS.get(text.strip().lower())
    if value is None:
        raise InputError(
            f"부가세 '{text}'을(를) 모릅니다 (unknown VAT basis).",
            where="--vat",
            fix="포함(included) 또는 별도(excluded)로 적으세요.",
        )
    return value


def register(app: typer.Typer) -> None:
    @app.command("budget")
    def budget_command(
        file: Path = typer.Argument(..., help="제안요청서 (HWP, HWPX, PDF, DOCX, TXT, MD)"),
        functions_file: Optional[Path] = typer.Option(
            None, "--functions", "-f", help="사람이 고친 기능 목록 (YAML, CSV, XLSX). 없으면 요구사항에서 제안한 기능을 씁니다."
        ),
        as_of: Optional[str] = typer.Option(
            None, "--as-of", help="기준일 YYYY-MM-DD (기본: 문서에 적힌 날짜, 없으면 오늘). 이 날 시행 중인 단가·규칙을 씁니다."
        ),
        budget: Optional[int] = typer.Option(None, "--budget", help="예산(원)을 직접 지정 (문서의 값 대신)"),
        vat: Optional[str] = typer.Option(None, "--vat", help="--budget의 부가세: 포함 또는 별도"),
        interface: Optional[int] = typer.Option(None, "--interface", help="연계 복잡성 수준 1~5"),
        performance: Optional[int] = typer.Option(None, "--performance", help="성능 요구수준 1~5"),
        compatibility: Optional[int] = typer.Option(None, "--compatibility", help="운영환경 호환성 수준 1~5"),
        security: Optional[int] = typer.Option(None, "--security", help="보안성 수준 1~5"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """예산이 가이드 가격(기능점수 × 단가)과 얼마나 다른지 봅니다 (budget vs guide price)."""
        from balju.asof import pricing_day
        from balju.budget import assess_document
        from balju.documents import read
        from balju.functions.listfile import read_function_list

        functions = read_function_list(functions_file) if functions_file is not None else None
        document = read(file)
        day, basis = pricing_day(parse_as_of(as_of), document)
        rules = rules_module.at(day)
        levels = correction_levels(interface, performance, compatibility, security)
        result = assess_document(
            document,
            rules,
            functions,
            DevelopmentOptions(levels=levels),
            budget=budget,
            vat_included=parse_vat(vat),
        )
        if as_json:
            data = result.to_dict()
            data["file"] = file.name
            data["as_of"] = rules.day.isoformat()
            data["as_of_basis"] = basis
            print_json(data)
            return
        show(result, file.name, f"{rules.day.isoformat()}, {basis}", functions_file)


def _amount(value: int | None) -> str:
    return "—" if value is None else f"{won(value)}원"


def show(result, source: str, as_of: str, functions_file: Path | None) -> None:
    from rich.table import Table

    out = console()
    functions = f"기능 목록 {functions_file.name}" if functions_file else "제안 기능"
    out.print(f"[bold]예산 적정성[/bold] — {source} (기준일 {as_of}, {functions})")
    table = Table(show_header=False)
    table.add_column("항목")
    table.add_column("값", justify="right")
    vat = {True: "부가세 포함", False: "부가세 별도", None: "부가세 표시 없음"}[result.vat_included]
    table.add_row("사업예산", f"{_amount(result.stated_budget)} ({vat})")
    split = result.split
    if split is not None and split.stated:
        for item in split.items:
            table.add_row(f"  {item.category_ko}: {item.label[:40]}", _amount(item.amount))
    table.add_row("개발 예산", _amount(result.development_budget) if result.development_budget is not None else "내역 없음")
    fp = "—" if result.fp_total is None else f"{result.fp_total} FP ({result.function_count}개 기능)"
    table.add_row("기능점수 (간이법)", fp)
    table.add_row(f"가이드 가격 ({result.price_basis})", _amount(result.guide_price))
    table.add_row("가격 범위", f"{_amount(result.guide_price_low)} ~ {_amount(result.guide_price_high)}")
    gap = "—" if result.gap_won is None else f"{result.gap_won:+,}원 ({result.gap_percent:+.1f}%)"
    table.add_row("차이", gap)
    table.add_row("[bold]판정[/bold]", f"[bold]{result.verdict_ko}[/bold]")
    out.print(table)
    out.print(result.why, overflow="fold")
    if result.range_basis:
        out.print(f"  • {result.range_basis}", overflow="fold")
    for note in result.assumptions:
        out.print(f"  • {note}", overflow="fold")
