"""``balju eligible``: may this bidder bid on this project (입찰 참여 가능 여부, 대기업 참여제한)."""

from __future__ import annotations

from typing import Optional

import typer

from balju.cli.output import console, print_json
from balju.compliance.amount import parse_krw
from balju.compliance.eligibility import BIDDER_CLASSES, EXEMPTIONS, RULESETS, joint_eligibility


def register(app: typer.Typer) -> None:
    @app.command("eligible")
    def eligible_command(
        amount: str = typer.Option(..., "--amount", help="사업금액(원, VAT 포함). 예: 2000000000, 20억, 19.99억"),
        vat_excluded: bool = typer.Option(False, "--vat-excluded", help="--amount가 추정가격(VAT 제외)이면 지정 — 부가세를 더해 판단"),
        bidder: list[str] = typer.Option(
            ..., "--bidder", help=f"참여자 구분: {', '.join(BIDDER_CLASSES)}. 공동수급이면 구성원마다 한 번씩"
        ),
        exemption: Optional[str] = typer.Option(None, "--exemption", help=f"예외사업 인정: {', '.join(EXEMPTIONS)}"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        ruleset: str = typer.Option("current", "--ruleset", help=f"규칙 묶음: {', '.join(RULESETS)} (개편안은 고를 때만 적용)"),
        planning: bool = typer.Option(False, "--planning", help="설계·기획(ISP 등) 사업이면 지정 (개편안에서만 의미가 있음)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력 (eligible, reason, reference …)"),
    ) -> None:
        """사업금액과 참여자 구분으로 입찰 참여 가능 여부를 판단합니다 (may this bidder bid?)."""
        won = parse_krw(amount, where="--amount")
        decision = joint_eligibility(
            won,
            vat_included=not vat_excluded,
            bidder_classes=bidder,
            exemption=exemption,
            as_of=as_of,
            ruleset=ruleset,
            planning_project=planning,
        )
        if as_json:
            print_json(decision.as_dict())
            return
        out = console()
        verdict = "참여 가능 (eligible)" if decision.eligible else "참여 불가 (not eligible)"
        out.print(f"[bold]{verdict}[/bold]")
        out.print(f"사업금액(VAT 포함): {decision.amount_krw:,}원   기준일: {decision.as_of}   규칙: {decision.ruleset}")
        out.print(f"사유: {decision.reason}", markup=False)
        out.print(f"근거: {decision.reference}", markup=False)
        for note in decision.notes:
            out.print(f"참고: {note}", markup=False)
        for cite in decision.unverified:
            out.print(f"미검증 규칙 사용: {cite}", style="yellow", markup=False)
