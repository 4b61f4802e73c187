"""The batch run (일괄 검토 실행): find, skip what is stored, review the rest in parallel, store.

The parent process owns the store: it hashes every file, skips the ones already stored, hands
the rest to a pool of worker processes (each loads Kiwi once and reviews file after file), and
saves each result the moment it arrives, so an interrupted run keeps everything finished before
the interrupt and the next run picks up where it stopped. A file that cannot be reviewed is
recorded as a failure with its Korean message and the run goes on. The workers themselves, and
what happens when one dies, are ``balju.batch.pool``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from balju.batch.discover import Discovery, file_sha256, find_rfp_files, report_folders
from balju.batch.pool import _CRASH, _biggest_first, _in_process, _pooled, _PoolUnavailable
from balju.batch.worker import Task, TaskResult
from balju.errors import InputError

if TYPE_CHECKING:  # the store is the caller's; importing it here would load SQLAlchemy for nothing
    from balju.store import Store

MAX_DEFAULT_WORKERS = 4
"""Beyond four the parent's saving and the disk, not the CPUs, set the pace on the machines we have."""
LOG_NAME = "batch-errors.log"
"""Under --reports: the tracebacks of unexpected errors, which the user never sees on screen."""
STATUS_KO = {"reviewed": "검토함", "skipped": "건너뜀", "failed": "실패"}
DEFAULT_FORMATS = ("xlsx", "pdf", "html", "json")

Progress = Callable[["FileOutcome", int, int], None]
"""Called once per file as its outcome is known: (outcome, files done, files found)."""


@dataclass
class FileOutcome:
    """파일 하나의 결과: reviewed (with the stored id), skipped (why), or failed (the message)."""

    path: Path
    status: str
    """reviewed | skipped | failed"""
    sha256: str | None = None
    review_id: int | None = None
    """The stored review: new for 'reviewed', the one found for 'skipped'."""
    failure_id: int | None = None
    message: str | None = None
    """실패 이유 (Korean), for 'failed'."""
    where: str | None = None
    fix: str | None = None
    note: str | None = None
    """Why a file was skipped, or why its reports are missing although the review was stored."""
    seconds: float | None = None
    """Review and reports in the worker."""
    reports: dict[str, Path] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def status_ko(self) -> str:
        return STATUS_KO.get(self.status, self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path), "file": self.name, "status": self.status, "status_ko": self.status_ko,
            "sha256": self.sha256, "review_id": self.review_id, "failure_id": self.failure_id,
            "message": self.message, "where": self.where, "fix": self.fix, "note": self.note,
            "seconds": round(self.seconds, 3) if self.seconds is not None else None,
            "reports": {fmt: str(path) for fmt, path in self.reports.items()},
        }


@dataclass
class BatchResult:
    """일괄 검토 결과: what happened to every file found, in the order found."""

    found: int
    outcomes: list[FileOutcome]
    """One per file whose outcome is known (all of them unless the run was interrupted)."""
    ignored: list[Path]
    """Files under the given folders that are not RFPs by their suffix."""
    elapsed: float
    workers: int
    """Processes that reviewed: 1 means in this process."""
    interrupted: bool = False
    log_file: Path | None = None
    notes: list[str] = field(default_factory=list)
    """What a person should know about the run itself (e.g. it fell back to one process)."""

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def reviewed(self) -> int:
        return self._count("reviewed")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def not_done(self) -> int:
        """Files left when the run was interrupted (the next run reviews them)."""
        return self.found - len(self.outcomes)

    @property
    def review_ids(self) -> list[int]:
        """The stored reviews of this run's files (new and already stored), in file order, each once."""
        ids: list[int] = []
        for outcome in self.outcomes:
            if outcome.review_id is not None and outcome.review_id not in ids:
                ids.append(outcome.review_id)
        return ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "found": self.found, "reviewed": self.reviewed, "skipped": self.skipped, "failed": self.failed,
            "not_done": self.not_done, "ignored": [str(p) for p in self.ignored],
            "elapsed_seconds": round(self.elapsed, 2), "workers": self.workers,
            "interrupted": self.interrupted, "log_file": str(self.log_file) if self.log_file else None,
            "notes": list(self.notes),
            "files": [o.to_dict() for o in self.outcomes],
        }


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: still a KeyboardInterrupt, carrying what was done (and saved) so far."""

    def __init__(self, result: BatchResult) -> None:
        super().__init__("일괄 검토가 중단되었습니다 (batch interrupted)")
        self.result = result


def check_workers(workers: int | None) -> None:
    """``InputError`` unless ``workers`` is None (the default) or at least 1."""
    if workers is not None and workers < 1:
        raise InputError(
            f"작업 프로세스 수는 1 이상이어야 합니다 (workers must be at least 1): {workers}",
            where="--workers",
            fix="--workers 1은 이 프로세스에서 차례로, 2 이상은 그만큼의 프로세스에서 나누어 검토합니다.",
        )


def no_files_error(given: list, discovery: Discovery) -> InputError:
    """The error for paths that hold no RFP file (the message counts what was there instead)."""
    return InputError(
        "검토할 제안요청서 파일을 찾지 못했습니다 (no RFP files found).",
        file=", ".join(str(p) for p in given) or None,
        where=f"제안요청서가 아닌 파일 {len(discovery.ignored)}개만 있음" if discovery.ignored else None,
        fix="확장자가 .hwp .hwpx .pdf .docx .txt .md인 파일이나 그런 파일이 든 폴더를 주세요 "
        "(숨은 파일과 폴더는 건너뜁니다).",
    )


def default_workers() -> int:
    """CPUs, at most four."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


def run(
    paths: Iterable[str | Path] | str | Path,
    *,
    store: Store,
    workers: int | None = None,
    as_of: dt.date | str | None = None,
    reports_dir: str | Path | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    progress: Progress | None = None,
    force: bool = False,
    retry_failed: bool = False,
    keep_files: bool = False,
) -> BatchResult:
    """Review every RFP file under ``paths`` into ``store`` (a ``balju.store.Store``).

    Files whose content (SHA-256) is already stored are skipped, and so are files that failed
    before, unless ``force`` (review everything again) or ``retry_failed``. ``workers``: processes
    (default: CPUs, at most 4; 1 reviews in this process). ``as_of``: 기준일 for every file (default:
    each RFP's own date). ``reports_dir``: reports per file in ``reports_dir/<file stem>/``.
    ``keep_files``: keep each reviewed file in the store too, so the web app can price it again from
    a corrected function list.
    Raises ``InputError`` when a path does not exist or no RFP file is found, and
    ``BatchInterrupted`` on Ctrl-C (what was finished is stored).
    """
    from balju import report
    from balju.rules.loader import parse_as_of

    started = time.perf_counter()
    day = parse_as_of(as_of, where="--as-of")
    check_workers(workers)
    keys = tuple(report.format_keys(formats)) if reports_dir is not None else ()
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    discovery = find_rfp_files(given)
    if not discovery.files:
        raise no_files_error(given, discovery)
    batch = _Batch(store, discovery.files, day, Path(reports_dir) if reports_dir is not None else None, keys,
                   progress, keep_files)
    result = BatchResult(found=len(discovery.files), outcomes=[], ignored=discovery.ignored, elapsed=0.0, workers=1)
    try:
        todo = batch.sort_out(force=force, retry_failed=retry_failed or force)
        result.workers = min(workers or default_workers(), max(1, len(todo)))
        try:
            batch.take_all(_in_process(todo) if result.workers == 1 else _pooled(_biggest_first(todo), result.workers))
        except _PoolUnavailable as error:
            result.workers = 1
            result.notes.append(
                "작업 프로세스를 시작하지 못해 이 프로세스에서 차례로 검토했습니다 "
                f"(could not start worker processes: {error})"
            )
            batch.take_all(_in_process([t for t in todo if batch.by_task[t.path] not in batch.outcomes]))
    except KeyboardInterrupt:
        result.interrupted = True
        raise BatchInterrupted(batch.finish(result, started)) from None
    return batch.finish(result, started)


class _Batch:
    """The parent's side of one run: the store, the outcomes so far, the progress callback, the log."""

    def __init__(self, store: Store, files: list[Path], day: dt.date | None, reports_dir: Path | None,
                 formats: tuple[str, ...], progress: Progress | None, keep_files: bool = False) -> None:
        self.store = store
        self.keep_files = keep_files
        self.files = files
        self.day = day
        self.reports_dir = reports_dir
        self.formats = formats
        self.progress = progress
        self.folders = report_folders(files) if reports_dir is not None else {}
        self.outcomes: dict[Path, FileOutcome] = {}
        self.sha: dict[Path, str | None] = {}
        self.by_task: dict[str, Path] = {}
        self.duplicates: dict[Path, Path] = {}
        self.log_file: Path | None = None

    # before the reviews

    def sort_out(self, *, force: bool, retry_failed: bool) -> list[Task]:
        """Hash every file; record the ones skipped; the tasks for the rest, in file order."""
        first_of: dict[str, Path] = {}
        tasks: list[Task] = []
        for path in self.files:
            try:
                sha = file_sha256(path)
            except OSError as error:
                self._fail(path, None, f"파일을 읽을 수 없습니다 (cannot read the file): {error.strerror or error}",
                           str(path), "파일이 있는지, 읽기 권한이 있는지 확인하세요.")
                continue
            self.sha[path] = sha
            if sha in first_of:
                # the same bytes under two names: reviewed once, the second points at the first
                self.duplicates[path] = first_of[sha]
                self._emit(FileOutcome(path, "skipped", sha, note=f"{first_of[sha].name}과(와) 내용이 같은 파일"))
                continue
            first_of[sha] = path
            stored = None if force else self.store.find_by_sha256(sha)
            if stored is not None:
                self._emit(FileOutcome(path, "skipped", sha, review_id=stored,
                                       note=f"이미 저장된 검토 #{stored} (같은 파일 내용)"))
            elif not retry_failed and (failure := self.store.find_failure_by_sha256(sha)) is not None:
                # it failed before and would fail the same way
                self._emit(FileOutcome(path, "skipped", sha, failure_id=failure.id, message=failure.message,
                                       where=failure.where, fix=failure.fix,
                                       note=f"이전 실행에서 검토하지 못한 파일 (실패 #{failure.id}; "
                                            "다시 하려면 --retry-failed)"))
            else:
                tasks.append(self._task(path))
        return tasks

    def _task(self, path: Path) -> Task:
        self.by_task[str(path)] = path
        folder = str(self.reports_dir / self.folders[path]) if self.reports_dir is not None else None
        return Task(path=str(path), as_of=self.day.isoformat() if self.day else None, reports_dir=folder,
                    formats=self.formats)

    # as results arrive

    def _save(self, data: dict, path: Path) -> int:
        """Save a review, with the file's bytes when files are kept. A file that changed after it was
        reviewed (``Store.save_review`` hashes what it is given once) is left out, not the review."""
        from balju.store import DocumentMismatch  # the store is loaded by now: the caller made it

        content = None
        if self.keep_files:
            try:
                content = path.read_bytes()
            except OSError:
                content = None
        try:
            return self.store.save_review(data, document=content)
        except DocumentMismatch:
            return self.store.save_review(data)

    def take_all(self, answers: Iterator[tuple[Task, TaskResult]]) -> None:
        # closing: an interrupt here must reach the generator's cleanup, which stops the workers
        with contextlib.closing(answers):
            for task, answer in answers:
                self.take(task, answer)

    def take(self, task: Task, answer: TaskResult) -> None:
        """Store one worker's answer at once (a review, or the failure) and report it."""
        path = self.by_task[task.path]
        sha = self.sha.get(path)
        if answer.data is not None:
            review_id = self._save(answer.data, path)
            outcome = FileOutcome(path, "reviewed", sha, review_id=review_id, seconds=answer.seconds,
                                  reports={fmt: Path(p) for fmt, p in answer.reports.items()})
            if answer.report_error:
                first = answer.report_error.splitlines()[0]
                self._log(path, f"보고서 쓰기 실패 (report writing failed)\n{answer.report_error}")
                outcome.note = f"검토는 저장했으나 보고서를 쓰지 못했습니다 (reports not written): {first}"
            self._emit(outcome)
            return
        if answer.error is not None:
            error = answer.error
            place = ", ".join(p for p in (error.get("file"), error.get("where")) if p) or str(path)
            self._fail(path, sha, error["message"], place, error.get("fix"), answer.seconds)
            return
        self._log(path, answer.unexpected or "")
        # the exception's own line ('ValueError: …'), cut short: the whole traceback is in the log
        last = ((answer.unexpected or "").strip().splitlines()[-1:] or ["알 수 없는 오류"])[0][:300]
        if answer.unexpected and answer.unexpected.startswith(_CRASH):
            message = f"{path.name}을(를) 검토하던 작업 프로세스가 비정상 종료되었습니다 (the worker process died)."
        else:
            message = f"{path.name}을(를) 검토하는 중 예상하지 못한 오류가 났습니다 (unexpected error): {last}"
        fix = "balju의 결함일 수 있습니다: 이 메시지와 파일 형식을 적어 이슈로 알려 주세요."
        if self.log_file is not None:
            fix += f" 자세한 내용: {self.log_file}"
        self._fail(path, sha, message, str(path), fix, answer.seconds)

    def _fail(self, path: Path, sha: str | None, message: str, where: str | None, fix: str | None,
              seconds: float | None = None) -> None:
        failure_id = self.store.record_failure(path.name, sha, message, where, fix)
        self._emit(FileOutcome(path, "failed", sha, failure_id=failure_id, message=message, where=where, fix=fix,
                               seconds=seconds))

    def _emit(self, outcome: FileOutcome) -> None:
        self.outcomes[outcome.path] = outcome
        if self.progress is not None:
            self.progress(outcome, len(self.outcomes), len(self.files))

    def _log(self, path: Path, text: str) -> None:
        """Append to --reports/batch-errors.log (nothing when no reports folder was given)."""
        if self.reports_dir is None:
            if os.environ.get("BALJU_DEBUG"):
                print(f"[balju batch] {path}\n{text}", file=sys.stderr)
            return
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        self.log_file = self.reports_dir / LOG_NAME
        stamp = dt.datetime.now().replace(microsecond=0).isoformat()
        with open(self.log_file, "a", encoding="utf-8") as log:
            log.write(f"=== {stamp} {path}\n{text.rstrip()}\n\n")

    def finish(self, result: BatchResult, started: float) -> BatchResult:
        """The outcomes in file order; a duplicate points at the review of the file it repeats."""
        for path, first in self.duplicates.items():
            if path in self.outcomes and first in self.outcomes:
                self.outcomes[path].review_id = self.outcomes[first].review_id
        result.outcomes = [self.outcomes[p] for p in self.files if p in self.outcomes]
        result.elapsed = time.perf_counter() - started
        result.log_file = self.log_file
        return result
