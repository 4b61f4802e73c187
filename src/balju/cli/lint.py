"""``balju lint FILE``: quality findings on the requirements of an RFP (요구사항 품질 검토)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

import typer

_SEVERITY_KO = {"error": "오류", "warning": "경고", "info": "참고"}


def register(app: typer.Typer) -> None:
    @app.command("lint")
    def lint_command(
        file: Path = typer.Argument(..., help="제안요청서 파일 (.hwp .hwpx .pdf .docx .txt .md)"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 오늘)"),
        min_severity: str = typer.Option("info", "--min-severity", help="보여 줄 최소 심각도: error, warning, info"),
    ) -> None:
        """요구사항의 모호한 표현, 수치 없는 성능 요구, 중복 ID, 빠진 분류, 묶인 기능을 찾습니다 (lint requirements).

        종료 코드: 0 문제 없음 또는 경고·참고만, 1 오류(error) 있음, 2 입력 오류.
        """
        from balju.cli.options import parse_as_of
        from balju.cli.output import console, print_json
        from balju.documents import read
        from balju.errors import InputError
        from balju.findings import SEVERITIES
        from balju.requirements import extract, review

        if min_severity not in SEVERITIES:
            raise InputError(
                f"심각도 '{min_severity}'을(를) 알 수 없습니다 (unknown severity).",
                where="--min-severity",
                fix="error, warning, info 중 하나를 적으세요.",
            )
        day = parse_as_of(as_of)
        doc = read(file)
        reqs = extract(doc, day=day)
        keep = SEVERITIES[: SEVERITIES.index(min_severity) + 1]
        findings = [f for f in review(reqs, doc, day=day) if f.severity in keep]
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
        if as_json:
            print_json(
                {
                    "file": str(file),
                    "requirements": len(reqs),
                    "counts": counts,
                    "findings": [dataclasses.asdict(f) for f in findings],
                }
            )
        else:
            out = console()
            for f in findings:
                head = f"[{_SEVERITY_KO[f.severity]}] {f.requirement_id or '-'} {f.message}"
                out.print(head, markup=False)
                if f.quote:
                    out.print(f"    인용(quote): “{f.quote}”", markup=False)
                if f.where:
                    out.print(f"    위치(where): {f.where}", markup=False)
                if f.fix:
                    out.print(f"    고칠 점(fix): {f.fix}", markup=False)
            out.print(
                f"요구사항 {len(reqs)}건, 오류 {counts['error']} · 경고 {counts['warning']} · 참고 {counts['info']}",
                markup=False,
            )
        if counts["error"]:
            raise SystemExit(1)  # main() turns it into the exit code (typer.Exit is swallowed when not standalone)
