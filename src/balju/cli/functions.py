"""``balju functions FILE``: propose function points from an RFP (기능점수 기능 제안)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from balju import rules as rules_module
from balju.cli.options import parse_as_of
from balju.cli.output import console, print_json
from balju.fp import count
from balju.functions import pipeline
from balju.functions.calibration import calibrate
from balju.functions.listfile import write_function_list


def register(app: typer.Typer) -> None:
    @app.command("functions")
    def functions_command(
        rfp_file: Path = typer.Argument(..., help="제안요청서 (.hwp .hwpx .pdf .docx .txt .md)"),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="기능 목록 파일 (.yaml .csv .xlsx)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
        with_left_out: bool = typer.Option(
            False, "--with-left-out", help="신뢰도가 낮아 뺀 후보도 목록 파일에 넣기 (지울 것을 고르려면)"
        ),
    ) -> None:
        """요구사항에서 기능(ILF/EIF/EI/EO/EQ)을 제안하고 고칠 수 있는 기능 목록을 씁니다."""
        day = parse_as_of(as_of)
        requirements, proposal = pipeline.propose_file(rfp_file, day=day)
        functions = proposal.candidates if with_left_out else proposal.functions
        left_out = [] if with_left_out else proposal.left_out
        rules = rules_module.at(day)
        fp = count(functions, "simple", rules)
        # the measured ratio multiplies every candidate's FP (budget.proposal_fp_ratio)
        every = count(proposal.candidates, "simple", rules).total
        calibrated = calibrate(every, rules) if proposal.candidates else None
        if output is not None:
            # the left-out candidates go in marked 빼기: clearing the mark counts one
            write_function_list(functions, output, left_out=left_out)
        if as_json:
            print_json(
                {
                    "file": str(rfp_file),
                    "requirements": len(requirements),
                    "functions": [_as_json(f) for f in functions],
                    "left_out": [_as_json(f) for f in left_out],
                    "left_out_below": float(rules.value("functions.leave_out_below")),
                    "count_by_type": fp.count_by_type,
                    "fp_by_type": fp.by_type,
                    "fp_total": fp.total,
                    "fp_calibrated": calibrated.fp if calibrated else None,
                    "fp_calibrated_range": [calibrated.fp_low, calibrated.fp_high] if calibrated else None,
                    "output": str(output) if output else None,
                }
            )
            return
        _show(str(rfp_file), len(requirements), functions, fp, output, calibrated, left_out, rules)


def _as_json(f) -> dict:
    """One proposed function as `balju functions --json` prints it."""
    return {"name": f.name, "type": f.type, "requirement_id": f.requirement_id, "evidence": f.evidence,
            "confidence": f.confidence, "note": f.note}


def _show(source, n_requirements, functions, fp, output, calibrated=None, left_out=(), rules=None) -> None:
    from rich.table import Table

    out = console()
    out.print(f"[bold]기능 제안[/bold] — {source}: 기능 요구사항 {n_requirements}건에서 기능 {len(functions)}개")
    table = Table(show_lines=False)
    for column in ("요구사항", "유형", "기능명", "신뢰도", "근거"):
        table.add_column(column, overflow="fold")
    for f in functions:
        table.add_row(f.requirement_id or "", f.type, f.name, f"{f.confidence:.2f}" if f.confidence is not None else "", f.evidence or "")
    out.print(table)
    counts = ", ".join(f"{t} {fp.count_by_type[t]}" for t in fp.count_by_type)
    out.print(f"간이법 기능점수 {fp.total} FP ({counts}) — {fp.references[0]}")
    if calibrated is not None:
        out.print(
            f"보정 추정 {calibrated.fp.normalize():f} FP (× {calibrated.factor}, 범위 {calibrated.fp_low.normalize():f}~"
            f"{calibrated.fp_high.normalize():f} FP): {calibrated.tendency_ko} — {calibrated.reference}"
        )
    if left_out:
        _show_left_out(left_out, rules, output)
    if output is not None:
        out.print(f"기능 목록을 썼습니다 (written): {output} — 고친 뒤 `balju estimate {output}`로 산정하세요.")
    else:
        out.print("  -o 기능목록.yaml|.csv|.xlsx 로 고칠 수 있는 기능 목록을 쓰세요.")
    out.print("  제안은 요구사항 문장에서 뽑은 초안입니다. 사람이 확인하고 고쳐 쓰세요 (a draft to review).")


def _show_left_out(left_out, rules, output=None) -> None:
    out = console()
    below = rules.value("functions.leave_out_below")
    fp = count(left_out, "simple", rules)
    where = (f"{output}에 '빼기' 표시로 들어 있습니다: 셀 것은 그 칸을 비우세요" if output is not None
             else "필요한 것은 목록에 더하세요")
    out.print(
        f"신뢰도 {below} 미만이라 목록에서 뺀 후보 {len(left_out)}개 ({fp.total} FP) — 사람이 센 기능과 드물게 맞은 규칙의 "
        f"제안입니다 ({rules.get('functions.leave_out_below').cite()}). {where} "
        "(--with-left-out: 모두 넣은 목록):"
    )
    for f in left_out:
        out.print(f"  {f.requirement_id or ''} {f.type} {f.name} (신뢰도 {f.confidence:.2f})")
