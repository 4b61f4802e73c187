"""``balju check RFP_FILE``: 제안요청서 법제도 18개 항목 점검 (and a bidder's subcontracting plan).

Exit codes: 0 no error-severity finding, 1 at least one, 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from balju import rules as rules_module
from balju.cli.options import parse_as_of
from balju.cli.output import console, print_json
from balju.compliance.amount import parse_krw
from balju.compliance.eligibility import project_amount
from balju.compliance.rfp_check import RfpFacts, check_rfp
from balju.compliance.subcontract import check_subcontract_plan, load_subcontract_plan
from balju.errors import InputError

_PRICING = {"fp": "fp", "기능점수": "fp", "mm": "mm", "m/m": "mm", "투입공수": "mm", "공수": "mm"}
_SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "참고"}


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_command(
        file: Path = typer.Argument(..., help="제안요청서 (HWP, HWPX, PDF, DOCX, TXT, MD)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        amount: Optional[str] = typer.Option(None, "--amount", help="사업금액(원, VAT 포함) — RFP에서 읽은 값 대신 씀. 예: 3억"),
        vat_excluded: bool = typer.Option(False, "--vat-excluded", help="--amount가 추정가격(VAT 제외)이면 지정"),
        pricing: Optional[str] = typer.Option(None, "--pricing", help="대가산정 방식: fp(기능점수) 또는 mm(투입공수)"),
        subcontract_plan: Optional[Path] = typer.Option(None, "--subcontract-plan", help="하도급 계획 (YAML) — 함께 점검"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """제안요청서의 법제도 18개 항목을 점검합니다 (the 18-item legal check of an RFP)."""
        from balju.documents import read

        day = parse_as_of(as_of)
        rules = rules_module.at(day)
        facts = RfpFacts()
        if amount is not None:
            won, _ = project_amount(parse_krw(amount, where="--amount"), not vat_excluded, rules)
            facts.amount_krw = won
            facts.amount_quote = f"--amount {amount}"
            facts.amount_where = "명령줄"
        if pricing is not None:
            key = pricing.strip().lower()
            if key not in _PRICING:
                raise InputError(f"대가산정 방식 '{pricing}'을(를) 모릅니다 (unknown pricing).", where="--pricing",
                                 fix="fp(기능점수) 또는 mm(투입공수)로 적으세요.")
            facts.pricing = _PRICING[key]
        plan = load_subcontract_plan(subcontract_plan) if subcontract_plan is not None else None
        document = read(file)
        result = check_rfp(document, rules, facts)
        findings = list(result.findings)
        plan_result = None
        if plan is not None:
            plan_result = check_subcontract_plan(plan, rules)
            findings.extend(plan_result.findings)
        has_error = any(f.severity == "error" for f in findings)
        if as_json:
            data = {"file": str(file), "as_of": rules.day.isoformat(), **result.as_dict()}
            if plan_result is not None:
                data["subcontract_plan"] = plan_result.as_dict()
                data["findings"] = data["findings"] + [vars(f) for f in plan_result.findings]
            data["unverified"] = [v.cite() for v in rules.unverified_used()]
            print_json(data)
        else:
            _show(file, result, plan_result, findings, rules)
        if has_error:
            raise SystemExit(1)  # main() turns it into the exit code; typer.Exit is swallowed in non-standalone mode


def _show(file, result, plan_result, findings, rules) -> None:
    out = console()
    facts = result.facts
    out.print(f"[bold]법제도 점검 (18개 항목)[/bold]  {file}")
    amount = f"{facts.amount_krw:,}원 (VAT 포함)" if facts.amount_krw is not None else "찾지 못함"
    out.print(f"사업금액: {amount}" + (f"  ← {facts.amount_where}" if facts.amount_where else ""), markup=False)
    for note in facts.notes:
        out.print(f"참고: {note}", markup=False)
    counts = result.counts()
    out.print(f"반영 {counts['found']} · 누락 {counts['missing']} · 해당 없음 {counts['not-applicable']}")
    for item in result.items:
        mark = {"found": "[green]반영[/green]", "missing": "[red]누락[/red]", "not-applicable": "[dim]해당 없음[/dim]"}[item.status]
        out.print(f"{item.no:>2}. {item.name}: {mark}" + (f"  ({item.where})" if item.where else "").replace("[", "\\["))
        if item.quote:
            out.print(f"      “{item.quote}”", markup=False)
        if item.note:
            out.print(f"      {item.note}", markup=False)
        if item.status == "missing":
            out.print(f"      고칠 점: {item.fix}", markup=False)
    if plan_result is not None:
        out.print(f"[bold]하도급 계획[/bold]: 하도급 비율 {float(plan_result.share) * 100:.2f}% (한도 {float(plan_result.limit) * 100:g}%)")
    if findings:
        out.print("[bold]검토 의견[/bold]")
        for f in findings:
            out.print(f"- [{_SEVERITY_KO.get(f.severity, f.severity)}] {f.message}" + (f" ({f.where})" if f.where else ""), markup=False)
    unverified = rules.unverified_used()
    for v in unverified:
        out.print(f"미검증 규칙 사용: {v.cite()}", style="yellow", markup=False)
