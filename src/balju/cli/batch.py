"""``balju batch PATH...``: every RFP under folders reviewed into the store (일괄 검토), and ``--list``.

A thin shell over ``balju.batch.run`` and ``balju.store``: it parses the options, shows a progress
bar and a Korean summary, and writes the CSV. Exit codes: 0 done (files that failed are listed,
not fatal), 2 bad input (no RFP files, bad --db, bad date), 130 interrupted (what finished is
stored; run again to go on).
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import List, Optional

import typer

from balju.cli.output import console, print_json, won
from balju.errors import InputError

LIST_LIMIT = 50


def register(app: typer.Typer) -> None:
    @app.command("batch")
    def batch_command(
        paths: Optional[List[Path]] = typer.Argument(None, help="제안요청서 파일이나 폴더 (폴더는 하위 폴더까지)"),
        db: Optional[str] = typer.Option(None, "--db", help="저장소 주소 (기본: $BALJU_DB, 없으면 sqlite:///balju.db)"),
        workers: Optional[int] = typer.Option(None, "--workers", "-w", help="작업 프로세스 수 (기본: CPU 수, 최대 4; 1은 이 프로세스에서)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="모든 파일의 기준일 YYYY-MM-DD (기본: 각 문서에 적힌 날짜)"),
        reports: Optional[Path] = typer.Option(None, "--reports", help="파일마다 보고서를 쓸 폴더 (<폴더>/<파일 이름>/)"),
        formats: str = typer.Option("xlsx,pdf,html,json", "--format", "-f", help="--reports의 보고서 형식 (쉼표로)"),
        force: bool = typer.Option(False, "--force", help="이미 저장된 파일도 다시 검토"),
        retry_failed: bool = typer.Option(False, "--retry-failed", help="전에 실패한 파일을 다시 시도"),
        keep_files: bool = typer.Option(False, "--keep-files", help="검토한 파일도 저장소에 보관 (웹에서 고친 기능 목록으로 다시 산정하려면)"),
        csv_file: Optional[Path] = typer.Option(None, "--csv", help="이번 실행의 요약을 CSV로 (UTF-8 BOM, Excel용)"),
        as_json: bool = typer.Option(False, "--json", help="결과를 JSON으로 출력"),
        list_stored: bool = typer.Option(False, "--list", help="저장된 검토 목록을 보여 줌 (경로 없이)"),
        limit: int = typer.Option(LIST_LIMIT, "--limit", help="--list: 보여 줄 최근 검토 수"),
        search: Optional[str] = typer.Option(None, "--search", help="--list, --overview: 사업명·발주기관·파일명 검색"),
        overview: bool = typer.Option(False, "--overview", help="저장된 검토의 연간 현황: 판정별 건수, 예산 차이, 자주 빠진 법제도 항목, 자주 나온 지적"),
        year: Optional[int] = typer.Option(None, "--year", help="--overview: 이 해의 기준일인 검토만 (예: 2024)"),
    ) -> None:
        """폴더의 제안요청서를 모두 검토해 저장합니다 (review every RFP under folders into the store).

        이미 저장된 파일(같은 내용)은 건너뛰므로 중단된 실행을 다시 하면 이어서 검토합니다.
        종료 코드(exit codes): 0 완료(실패한 파일은 목록으로 알림), 2 입력 오류, 130 중단.
        """
        if overview:
            if paths or list_stored:
                raise InputError("--overview는 경로나 --list 없이 씁니다 (--overview takes no paths).",
                                 where="--overview", fix="예: balju batch --overview --year 2024 --db reviews.db")
            _overview(db, year, search, as_json)
            return
        if list_stored:
            if paths:
                raise InputError("--list는 경로 없이 씁니다 (--list takes no paths).", where="--list",
                                 fix="저장된 목록은 `balju batch --list`, 검토는 `balju batch 폴더`로 하세요.")
            _list(db, limit, search, as_json)
            return
        _batch(paths or [], db, workers, as_of, reports, formats, force, retry_failed, csv_file, as_json, keep_files)


def _batch(paths: list[Path], db, workers, as_of, reports, formats, force, retry_failed, csv_file,
           as_json, keep_files=False) -> None:
    from balju import report
    from balju.batch import (DEFAULT_FORMATS, BatchInterrupted, check_workers, find_rfp_files, no_files_error, run,
                             summaries_for)
    from balju.cli.options import parse_as_of
    from balju.store import Store

    if not paths:
        raise InputError("검토할 파일이나 폴더를 주세요 (no paths given).",
                         fix="예: balju batch 제안요청서/2024 — 저장된 목록은 balju batch --list")
    # every check of the input before the database is opened, so bad input leaves no empty database
    day = parse_as_of(as_of)
    check_workers(workers)
    chosen = report.format_keys(f for f in formats.split(",") if f.strip()) if reports is not None else []
    discovery = find_rfp_files(paths)
    if not discovery.files:
        raise no_files_error(list(paths), discovery)

    with Store(db) as store:
        try:
            with _progress_bar(enabled=not as_json, total=len(discovery.files)) as progress:
                result = run(paths, store=store, workers=workers, as_of=day, reports_dir=reports,
                             formats=chosen or DEFAULT_FORMATS, progress=progress, force=force,
                             retry_failed=retry_failed, keep_files=keep_files)
        except BatchInterrupted as stop:
            result = stop.result
        summaries = summaries_for(store, result.review_ids)
        written = None
        if csv_file is not None:
            from balju.batch import write_csv

            written = write_csv(csv_file, result, summaries)
        if as_json:
            print_json({**result.to_dict(), "database": store.shown_url,
                        "reviews": [_summary_dict(summaries[i]) for i in result.review_ids if i in summaries]})
        else:
            _show(result, summaries, store.shown_url, written)
    if result.interrupted:
        raise SystemExit(130)  # main() turns it into the exit code


class _progress_bar:
    """A rich progress bar on stderr (gone when done); the callback ``run`` calls per file."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.bar = None
        self.total = total
        if enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("남은 시간"), TimeRemainingColumn(),
                                console=Console(file=sys.stderr), transient=True)
        self.task = None

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        self.task = self.bar.add_task("검토 시작", total=self.total)
        return self.update

    def update(self, outcome, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total,
                        description=f"{outcome.status_ko} {outcome.name}"[:60])

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _show(result, summaries: dict, database: str, written: Path | None) -> None:
    from rich.table import Table

    from balju.batch import verdict_totals

    out = console()
    head = (f"[bold]일괄 검토[/bold] — 찾은 제안요청서 {result.found}개: 검토 {result.reviewed}, "
            f"건너뜀 {result.skipped}, 실패 {result.failed}")
    out.print(f"{head} ({result.elapsed:.1f}초, 작업 프로세스 {result.workers}개)")
    out.print(f"  저장소: {database}")
    if result.ignored:
        out.print(f"  제안요청서가 아닌 파일 {len(result.ignored)}개는 건너뛰었습니다: "
                  + ", ".join(p.name for p in result.ignored[:5]) + (" …" if len(result.ignored) > 5 else ""))
    for note in result.notes:
        out.print(f"  ⚠ {note}")
    rows = [(o, summaries[o.review_id]) for o in result.outcomes if o.review_id in summaries]
    if rows:
        table = Table(show_lines=False, header_style="bold")
        _columns(table, ("파일", "상태", "사업명", "발주기관", "사업예산", "가이드 가격", "차이 %", "판정", "기능점수",
                         "오류/경고"))
        for outcome, s in rows:
            table.add_row(
                outcome.name, outcome.status_ko, s.project_name or "찾지 못함", s.agency or "찾지 못함",
                _money(s.stated_budget), _money(s.guide_price),
                f"{s.gap_percent:+.1f}" if s.gap_percent is not None else "-",
                s.verdict_ko or "-", _fp(s.fp_total), f"{s.errors}/{s.warnings}",
            )
        out.print(table)
        totals = verdict_totals(s for _, s in _unique(rows))
        out.print("  판정별: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    failed = [o for o in result.outcomes if o.status == "failed"]
    if failed:
        out.print(f"[bold]검토하지 못한 파일 {len(failed)}개[/bold] (저장소에 실패로 기록함):")
        for o in failed:
            _print_failure(out, o.path, o.message, o.where, o.fix)
    before = [o for o in result.outcomes if o.status == "skipped" and o.failure_id is not None]
    if before:
        out.print(f"전에 실패해 건너뛴 파일 {len(before)}개 (다시 하려면 --retry-failed):")
        for o in before:
            out.print(f"  - {o.name}: {o.message}")
    reported = [o for o in result.outcomes if o.status == "reviewed" and o.note]
    for o in reported:
        out.print(f"  ⚠ {o.name}: {o.note}")
    if result.log_file:
        out.print(f"  자세한 오류 기록: {result.log_file}")
    if written:
        out.print(f"  요약 CSV: {written}")
    if result.interrupted:
        out.print(f"[bold]중단되었습니다[/bold] (interrupted): 끝난 {len(result.outcomes)}개는 저장되었고, "
                  f"남은 {result.not_done}개는 같은 명령을 다시 실행하면 이어서 검토합니다.")


def _print_failure(out, path: Path, message: str | None, where: str | None, fix: str | None) -> None:
    out.print(f"  - {path.name}: {message}", markup=False)
    if where:
        out.print(f"      위치(where): {where}", markup=False)
    if fix:
        out.print(f"      해결(fix): {fix}", markup=False)


def _unique(rows):
    """One row per stored review (two files with the same content share one)."""
    seen = set()
    for outcome, summary in rows:
        if summary.id not in seen:
            seen.add(summary.id)
            yield outcome, summary


def _list(db: str | None, limit: int, search: str | None, as_json: bool) -> None:
    from rich.table import Table

    from balju.store import Store

    with Store(db) as store:
        total = store.count_reviews(search)
        rows = store.list_reviews(limit=limit, search=search)
        database = store.shown_url
    if as_json:
        print_json({"database": database, "total": total, "reviews": [_summary_dict(s) for s in rows]})
        return
    out = console()
    shown = f", 최근 {len(rows)}건 표시" if len(rows) < total else ""
    found = f" ('{search}' 검색)" if search else ""
    out.print(f"[bold]저장된 검토[/bold]{found} {total}건{shown} — {database}")
    if not rows:
        out.print("  저장된 검토가 없습니다. `balju batch 폴더`로 검토해 저장하세요.")
        return
    table = Table(header_style="bold")
    _columns(table, ("ID", "검토일", "파일", "사업명", "발주기관", "사업예산", "가이드 가격", "차이 %", "판정", "기능점수",
                     "오류/경고"))
    for s in rows:
        table.add_row(
            str(s.id), s.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), s.file_name,
            s.project_name or "찾지 못함", s.agency or "찾지 못함", _money(s.stated_budget), _money(s.guide_price),
            f"{s.gap_percent:+.1f}" if s.gap_percent is not None else "-", s.verdict_ko or "-", _fp(s.fp_total),
            f"{s.errors}/{s.warnings}",
        )
    out.print(table)


def _overview(db: str | None, year: int | None, search: str | None, as_json: bool) -> None:
    """연간 현황: the stored reviews counted together, each RFP once (its newest review)."""
    from balju.batch.overview import SEVERITY_KO, corrections, overview
    from balju.functions.stored import stored_functions
    from balju.store import Store

    if year is not None and not 2000 <= year <= 2100:
        raise InputError(f"--year {year}: 연도는 2000~2100 사이로 주세요.", where="--year", fix="예: --year 2024")
    with Store(db) as store:
        result = overview(store.iter_reviews(search=search, year=year, latest_per_file=True))
        result.corrections = corrections(store.correction_pairs(search=search, year=year),
                                         lambda summary: stored_functions(store, summary.id))
        database = store.shown_url
    if as_json:
        print_json({"database": database, "year": year, "search": search, **result.to_dict()})
        return
    out = console()
    scope = " · ".join(x for x in (f"기준일 {year}년" if year else "", f"'{search}' 검색" if search else "") if x)
    out.print(f"[bold]연간 현황[/bold]{f' ({scope})' if scope else ''} — 제안요청서 {result.reviews}건 (파일마다 최신 검토) — {database}")
    if not result.reviews:
        out.print("  해당하는 검토가 없습니다. `balju batch 폴더`로 검토해 저장하세요.")
        return
    out.print("  판정별: " + ", ".join(f"{k} {v}" for k, v in result.verdicts.items()))
    if result.gap_median is not None:
        spread = f" (사분위 {result.gap_quartiles[0]:+.1f}% ~ {result.gap_quartiles[1]:+.1f}%)" if result.gap_quartiles else ""
        out.print(f"  예산 vs 가이드 가격 차이: 중앙값 {result.gap_median:+.1f}%{spread}")
    if result.with_budget:
        out.print(f"  예산을 찾은 {result.with_budget}건 합계: 예산 {won(result.budget_total)}원, "
                  f"가이드 가격 {won(result.guide_total)}원")
    if result.fp_median is not None:
        out.print(f"  기능점수 중앙값: {result.fp_median} FP")
    fixed = result.corrections
    if fixed is not None:
        out.print(f"  사람이 고친 기능 목록 {fixed.reviews}건: 고친 FP ÷ balju 제안 FP 중앙값 {fixed.ratio_median}, "
                  f"제안이 ±{fixed.target:.0%} 안 {fixed.within_target}건, 합계로 제안이 {fixed.total_error:+.1%}")
        if fixed.first_reviews:
            out.print(f"    식별기 {fixed.identifier}을 처음 재는 목록 {fixed.first_reviews}건: ±{fixed.target:.0%} 안 "
                      f"{fixed.first_within_target}건, 합계로 제안이 {fixed.first_total_error:+.1%} (목표 ±{fixed.target:.0%})")
        for kind, n in fixed.by_type.items():
            if any(n.values()):
                out.print(f"    {kind}: 제안 {n['proposed']} · 뺌 {n['removed']} · 다른 유형으로 {n['retyped_away']} · "
                          f"더함 {n['added']} · 다른 유형에서 {n['retyped_in']} · 이름 바뀜 {n['renamed']}")
    missing = [c for c in result.compliance if c.missing][:8]
    if missing:
        out.print("  자주 빠진 법제도 항목 (누락 / 점검):")
        for c in missing:
            out.print(f"    {c.no or '-'}. {c.name}: {c.missing} / {c.checked}건")
    if result.findings:
        out.print("  자주 나온 지적 (사업 수, 건수):")
        for f in result.findings[:8]:
            example = f.example if len(f.example) <= 60 else f.example[:59] + "…"
            out.print(f"    {SEVERITY_KO.get(f.severity, f.severity)} {f.code}: {f.reviews}개 사업, {f.count}건 — 예: {example}")


_NUMERIC = {"ID", "사업예산", "가이드 가격", "차이 %", "기능점수", "오류/경고"}
_WRAPPED = {"사업명", "발주기관", "파일"}
"""Only names wrap; numbers, dates and verdicts stay on one line so the columns read down."""


def _columns(table, titles: tuple[str, ...]) -> None:
    for title in titles:
        table.add_column(title, justify="right" if title in _NUMERIC else "left",
                         no_wrap=title not in _WRAPPED, overflow="fold", min_width=12 if title == "사업명" else None)


def _money(value: int | None) -> str:
    return won(value) if value is not None else "-"


def _fp(value) -> str:
    from balju.batch.summary import fp_text

    return fp_text(value) or "-"


def _summary_dict(summary) -> dict:
    data = asdict(summary)
    if data.get("fp_total") is not None:
        data["fp_total"] = float(data["fp_total"])
    return data
