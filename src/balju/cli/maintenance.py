"""``balju maintenance …``: 유지관리비 (응용SW 요율제, 상용SW 등급제, 재개발비 참고).

A thin shell over :mod:`balju.cost.maintenance` and :mod:`balju.cost.redevelopment`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Optional

import typer

from balju import rules as rules_module
from balju.cli.options import parse_as_of
from balju.cli.output import console, print_json
from balju.cost.maintenance import application_maintenance, commercial_maintenance
from balju.cost.priced import PriceResult
from balju.cost.redevelopment import redevelopment_cost
from balju.errors import InputError

LEVEL_HELP = "단순·보통·복잡 (simple·normal·complex)"


def rules_at(as_of: str | None):
    """The rules in force on ``--as-of`` (default today), or an input error naming the option."""
    return rules_module.at(parse_as_of(as_of) or dt.date.today())


def parse_won(text: str | None, option: str) -> int | None:
    """``'1,335,600'`` or ``'1335600'`` → 1335600; anything else names the option."""
    if text is None:
        return None
    cleaned = str(text).strip().replace(",", "").removesuffix("원")
    if not cleaned.isdigit():
        raise InputError(
            f"금액 '{text}'을(를) 읽을 수 없습니다 (not a whole number of won).",
            where=option,
            fix=f"{option} 249222058 처럼 원 단위 정수로 적으세요 (쉼표는 있어도 됩니다).",
        )
    return int(cleaned)


def parse_int(text: str | None, option: str, fix: str) -> int | None:
    """A whole number from an option, or an input error naming the option."""
    if text is None:
        return None
    cleaned = str(text).strip()
    if not cleaned.lstrip("-").isdigit():
        raise InputError(
            f"'{text}'은(는) 정수가 아닙니다 (not a whole number).",
            where=option,
            fix=fix,
        )
    return int(cleaned)


def parse_number(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise InputError(
            f"'{text}'은(는) 수가 아닙니다 (not a number).",
            where=option,
            fix=f"{option} 120 처럼 숫자로 적으세요.",
        )
    return value


def show_price(result: PriceResult) -> None:
    """A readable Korean table of a price: 항목 / 금액 / 계산 / 근거 번호, then the references."""
    from rich.table import Table

    out = console()
    out.print(f"[bold]{result.title}[/bold] (기준일 {result.as_of.isoformat()})")
    table = Table(show_lines=False)
    table.add_column("항목")
    table.add_column("금액(원)", justify="right")
    table.add_column("계산")
    table.add_column("근거", justify="center")
    references: list[str] = []
    for line in result.lines:
        if line.reference not in references:
            references.append(line.reference)
        shown = line.value if line.amount is None else f"{line.amount:,}"
        label = f"[bold]{line.label}[/bold]" if line.subtotal else line.label
        mark = "" if line.verified else " ⚠"
        table.add_row(label, shown or "", line.formula, f"[{references.index(line.reference) + 1}]{mark}")
    out.print(table)
    for number, reference in enumerate(references, start=1):
        out.print(f"  [{number}] {reference}", overflow="fold")
    for warning in result.warnings:
        out.print(f"  [bold]경고(warning):[/bold] {warning}", overflow="fold")
    for note in result.notes:
        out.print(f"  • {note}", overflow="fold")
    out.print(
        f"[bold]합계(부가세 별도) {result.total:,}원, 총액(부가세 포함) {result.total_with_vat:,}원[/bold]"
    )
    if result.unverified:
        out.print("  ⚠ 표시는 출처 1곳뿐이거나 역산·미확인 규칙입니다(미검증 UNVERIFIED). 확인 후 쓰세요:")
        for cite in result.unverified:
            out.print(f"    - {cite}", overflow="fold")


def emit(result: PriceResult, as_json: bool) -> None:
    if as_json:
        print_json(result.to_dict())
    else:
        show_price(result)


def _months(text: str) -> int:
    return parse_int(text, "--months", "--months 12 처럼 개월 수를 정수로 적으세요.")


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="유지관리비 산정: application(응용SW 요율제), commercial(상용SW 등급제), "
        "redevelopment(재개발비, 미검증)",
        no_args_is_help=True,
    )
    app.add_typer(group, name="maintenance")

    @group.command("application")
    def application_command(
        dev_cost: Optional[str] = typer.Option(None, "--dev-cost", help="유지관리 대상 SW의 개발(재개발)비, 원 (부가세 별도)"),
        months: str = typer.Option("12", "--months", help="유지관리 기간 (개월, 기본 12)"),
        frequency: Optional[str] = typer.Option(None, "--frequency", help=f"유지관리 횟수: {LEVEL_HELP}"),
        users: Optional[str] = typer.Option(None, "--users", help=f"시스템 사용자수: {LEVEL_HELP}"),
        importance: Optional[str] = typer.Option(None, "--importance", help=f"시스템 중요도: {LEVEL_HELP}"),
        interfaces: Optional[str] = typer.Option(None, "--interfaces", help=f"타시스템 연계: {LEVEL_HELP}"),
        recovery: Optional[str] = typer.Option(None, "--recovery", help=f"오류복구 신속성: {LEVEL_HELP}"),
        direct_expenses: Optional[str] = typer.Option(None, "--direct-expenses", help="직접경비, 원 (기본 0)"),
        improvement_fp: Optional[str] = typer.Option(None, "--improvement-fp", help="올해 기능개선 규모 (FP, 선택)"),
        system_fp: Optional[str] = typer.Option(None, "--system-fp", help="대상 시스템 전체 기능점수 (선택)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """응용SW 유지관리비 (요율제: 난이도 TMP → 요율 10~15%)."""
        cost = parse_won(dev_cost, "--dev-cost")
        if cost is None:
            raise InputError(
                "개발(재개발)비가 없습니다 (--dev-cost is required).",
                where="--dev-cost",
                fix="--dev-cost 249222058 처럼 유지관리 대상 SW의 개발비를 원 단위로 주세요.",
            )
        result = application_maintenance(
            cost,
            _months(months),
            {
                "frequency": frequency,
                "users": users,
                "importance": importance,
                "interfaces": interfaces,
                "recovery": recovery,
            },
            rules_at(as_of),
            direct_expenses=parse_won(direct_expenses, "--direct-expenses") or 0,
            improvement_fp=parse_number(improvement_fp, "--improvement-fp"),
            system_fp=parse_number(system_fp, "--system-fp"),
        )
        emit(result, as_json)

    @group.command("commercial")
    def commercial_command(
        licence_price: Optional[str] = typer.Option(None, "--licence-price", "--license-price", help="최초 라이선스 구매 계약금액, 원"),
        grade_text: Optional[str] = typer.Option(None, "--grade", help="서비스 등급 1~5 (표 4-9; 1등급 20% … 5등급 12%)"),
        months: str = typer.Option("12", "--months", help="유지관리 기간 (개월, 기본 12)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """상용SW 유지관리비 (등급별 연 요율 × 라이선스 금액)."""
        price = parse_won(licence_price, "--licence-price")
        grade = parse_int(grade_text, "--grade", "--grade 3 처럼 1~5의 등급을 적으세요.")
        if price is None or grade is None:
            missing = [o for o, v in (("--licence-price", price), ("--grade", grade)) if v is None]
            raise InputError(
                f"필수 옵션이 없습니다 (missing): {', '.join(missing)}",
                where=", ".join(missing),
                fix="--licence-price 100000000 --grade 3 처럼 라이선스 금액과 등급(1~5)을 주세요.",
            )
        emit(commercial_maintenance(price, grade, rules_at(as_of), months=_months(months)), as_json)

    @group.command("redevelopment")
    def redevelopment_command(
        fp: Optional[str] = typer.Option(None, "--fp", help="재개발 대상 기능점수"),
        ratio: Optional[str] = typer.Option(None, "--ratio", help="재개발 비율 % (가이드 계수 미확인: 기본값 없음)"),
        correction: str = typer.Option("1", "--correction", help="보정계수의 곱 (기본 1)"),
        profit_rate: Optional[str] = typer.Option(None, "--profit-rate", help="이윤율 % (기본: 상한 25%)"),
        direct_expenses: Optional[str] = typer.Option(None, "--direct-expenses", help="직접경비, 원"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """재개발비 (미검증 산식: 재개발 FP × 단가 × 보정계수 × 재개발 비율 + 이윤 + 직접경비)."""
        if fp is None or ratio is None:
            missing = [o for o, v in (("--fp", fp), ("--ratio", ratio)) if v is None]
            raise InputError(
                f"필수 옵션이 없습니다 (missing): {', '.join(missing)}",
                where=", ".join(missing),
                fix="--fp 120 --ratio 60 처럼 재개발 기능점수와 재개발 비율(%)을 주세요.",
            )
        result = redevelopment_cost(
            fp,
            ratio,
            rules_at(as_of),
            correction=correction,
            profit_rate=profit_rate,
            direct_expenses=parse_won(direct_expenses, "--direct-expenses") or 0,
        )
        emit(result, as_json)
