"""``balju review RFP_FILE``: the main job — from an RFP to the reports an agency can file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from balju.cli.output import console, print_json, won

STAGE_COUNT = 6


def register(app: typer.Typer) -> None:
    @app.command("review")
    def review_command(
        rfp_file: Path = typer.Argument(..., help="제안요청서 (HWP, HWPX, PDF, DOCX, TXT, MD)"),
        output: Path = typer.Option(Path("out"), "--output", "-o", help="보고서를 쓸 폴더"),
        formats: str = typer.Option("xlsx,pdf,html,json", "--format", "-f", help="보고서 형식 (쉼표로: xlsx,pdf,html,json)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="기준일 YYYY-MM-DD (기본: 문서에 적힌 날짜, 없으면 오늘)"),
        method: str = typer.Option("simple", "--method", "-m", help="simple(간이법) 또는 detailed(정통법)"),
        functions_file: Optional[Path] = typer.Option(None, "--functions", help="사람이 고친 기능 목록 (YAML/CSV/XLSX)"),
        no_report: bool = typer.Option(False, "--no-report", help="보고서 파일을 쓰지 않음"),
        as_json: bool = typer.Option(False, "--json", help="검토 결과 전체를 JSON으로 출력"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="진행 표시와 요약을 끔 (오류만 출력)"),
        strict: bool = typer.Option(False, "--strict", help="오류 수준 지적이 있으면 종료 코드 1"),
        db: Optional[str] = typer.Option(
            None, "--db", help="검토를 저장할 데이터베이스 (SQLite 파일 경로, sqlite:///…, postgresql+psycopg://…; "
            "환경 변수 BALJU_DB가 있으면 주지 않아도 저장)"),
        keep_file: bool = typer.Option(False, "--keep-file", help="저장할 때 제안요청서 파일도 보관 (웹에서 고친 기능 목록으로 다시 산정하려면)"),
    ) -> None:
        """제안요청서를 검토하고 보고서를 씁니다 (review an RFP and write the reports).

        종료 코드(exit codes): 0 완료, 1 --strict에서 오류 수준 지적 있음, 2 입력 오류, 3 내부 오류.
        """
        from balju import report
        from balju.cli.options import parse_as_of
        from balju.fp import parse_method
        from balju.functions.listfile import read_function_list
        from balju.report.worker import ReportWorker

        method_code = parse_method(method)
        day = parse_as_of(as_of)
        store = _store(db)  # opened first: a bad --db fails before the review's work
        if keep_file and store is None:
            from balju.errors import InputError

            raise InputError("--keep-file은 저장할 때만 씁니다 (--keep-file needs a store).", where="--keep-file",
                             fix="--db 파일.db (또는 환경 변수 BALJU_DB)와 함께 주세요.")
        corrected = read_function_list(functions_file) if functions_file else None
        chosen = [] if no_report else [report.check_format(f) for f in formats.split(",") if f.strip()]
        show_progress = not quiet and not as_json
        # The XLSX writer's process starts now: its imports overlap the review's Kiwi model load.
        worker = ReportWorker.start(chosen)
        write_all = worker.write_all if worker else report.write_all
        try:
            result, data, paths = _run(rfp_file, output, day, method_code, corrected, chosen, show_progress, write_all)
        finally:
            if worker:
                worker.close()

        saved = None
        if store is not None:
            with store:
                saved = store.save_review(data, document=rfp_file.read_bytes() if keep_file else None)
        if as_json:
            print_json(data)
        elif not quiet:
            show_summary(data, paths)
            if saved is not None:
                console().print(f"  저장: 검토 #{saved} ({store.shown_url})")
        if strict and result.has_errors:
            raise typer.Exit(1)


def _store(db: str | None):
    """The store to save into: ``--db``, else $BALJU_DB; ``None`` when neither is given."""
    import os

    from balju.store import ENV_VAR, Store

    if not db and not os.environ.get(ENV_VAR):
        return None
    return Store(db)


def _run(rfp_file: Path, output: Path, day, method_code: str, corrected, chosen: list[str], show_progress: bool,
         write_all):
    """Review ``rfp_file`` and write the ``chosen`` reports, with a progress bar if asked."""
    from balju.pipeline import STAGES, review

    if show_progress:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), TimeElapsedColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        total = len(STAGES) + (1 if chosen else 0)
        with bar:
            task = bar.add_task("검토 시작", total=total)
            done: list[str] = []

            def progress(stage: str) -> None:
                if done:
                    bar.advance(task)
                done.append(stage)
                bar.update(task, description=f"{STAGES.get(stage, stage)} ({Path(rfp_file).name})")

            result = review(rfp_file, day, method=method_code, functions=corrected, progress=progress)
            data = result.to_dict()
            bar.advance(task)
            if chosen:
                bar.update(task, description="보고서 쓰기")
                paths = write_all(data, output, chosen, stem=Path(rfp_file).stem)
                bar.advance(task)
            else:
                paths = {}
    else:
        result = review(rfp_file, day, method=method_code, functions=corrected)
        data = result.to_dict()
        paths = write_all(data, output, chosen, stem=Path(rfp_file).stem) if chosen else {}
    return result, data, paths


def show_summary(data: dict, paths: dict) -> None:
    out = console()
    facts = data["facts"]
    estimate = data["estimate"]
    budget = data["budget"]

    def fact(key: str) -> str:
        value = facts.get(key, {}).get("value")
        if value is None:
            return "찾지 못함"
        return f"{won(value)}원" if isinstance(value, int) and not isinstance(value, bool) else str(value)

    out.print(f"[bold]제안요청서 검토[/bold] — {data['source']['file']} (기준일 {data['as_of']}: {data['as_of_basis']})")
    out.print(f"  사업명: {fact('project_name')}")
    out.print(f"  사업예산: {fact('budget')} (부가세 {'포함' if facts.get('vat_included', {}).get('value') else '포함 여부 미확인' if facts.get('vat_included', {}).get('value') is None else '별도'})")
    summary = data["requirement_summary"]
    by_category = ", ".join(f"{k} {v}" for k, v in sorted(summary["by_category"].items()))
    out.print(f"  요구사항: {summary['total']}개 ({by_category})")
    out.print(
        f"  기능점수({estimate['method_ko']}): {estimate['fp_total']} FP — 기능 {len(data['functions'])}개 "
        f"(ILF {estimate['function_count_by_type']['ILF']}, EIF {estimate['function_count_by_type']['EIF']}, "
        f"EI {estimate['function_count_by_type']['EI']}, EO {estimate['function_count_by_type']['EO']}, "
        f"EQ {estimate['function_count_by_type']['EQ']})"
    )
    out.print(
        f"  SW개발비(부가세 별도): {won(estimate['development_cost'])}원, 사업금액(부가세 포함): {won(estimate['total'])}원 "
        f"(단가 {won(estimate['unit_price'])}원/FP)"
    )
    if budget.get("verdict"):
        out.print(f"  예산 적정성: [bold]{budget['verdict_ko']}[/bold] — {budget['why']}")
    compliance = data.get("compliance") or {}
    if compliance.get("summary"):
        s = compliance["summary"]
        out.print(f"  법제도 점검 18항목: 반영 {s.get('found', 0)}, 누락 {s.get('missing', 0)}, 해당 없음 {s.get('not_applicable', 0)}")
    severities = {"error": 0, "warning": 0, "info": 0}
    for finding in data["findings"]:
        severities[finding["severity"]] = severities.get(finding["severity"], 0) + 1
    out.print(f"  지적 사항: 오류 {severities['error']}, 경고 {severities['warning']}, 참고 {severities['info']}")
    for finding in [f for f in data["findings"] if f["severity"] == "error"][:5]:
        out.print(f"    - {finding['message']}")
    unverified = data["uncertainty"]["unverified_rules"]
    if unverified:
        out.print(f"  ⚠ 미검증 규칙 {len(unverified)}개 사용: " + ", ".join(u["description"] for u in unverified))
    for path in paths.values():
        out.print(f"  보고서: {path}")
