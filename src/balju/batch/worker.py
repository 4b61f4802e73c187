"""One file of a batch, in a worker process (작업 프로세스): review it, write its reports, answer.

A worker is a long-lived process of the batch's pool: ``start_worker`` loads Kiwi's model once
(≈ 1 s) and every file it is given afterwards reuses it. ``review_file`` never raises for a bad
file: the outcome carries the Korean error (or, for an unexpected exception, its traceback for
the log) back to the parent, which stores it. Everything crossing the process boundary is plain,
picklable data.
"""

from __future__ import annotations

import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Task:
    """검토할 파일 하나: what a worker needs to review one file."""

    path: str
    as_of: str | None = None
    """기준일 'YYYY-MM-DD'; None lets the review take the date the RFP states."""
    reports_dir: str | None = None
    """The folder this file's reports go to (``<--reports>/<stem>``); None: no reports."""
    formats: tuple[str, ...] = ()


@dataclass
class TaskResult:
    """작업 결과: the review dict, or the error a person can act on."""

    path: str
    data: dict | None = None
    error: dict | None = None
    """``BaljuError.as_dict()`` (message, file, where, fix) when the file could not be reviewed."""
    unexpected: str | None = None
    """The traceback of an exception balju did not foresee (for the log file, never the user)."""
    reports: dict[str, str] = field(default_factory=dict)
    report_error: str | None = None
    """Why the reports could not be written (the review itself is still good and is stored)."""
    seconds: float = 0.0


def start_worker() -> None:
    """Pool initializer: leave Ctrl-C to the parent, and load Kiwi once for every file to come.

    The parent decides what an interrupt means (keep what was saved, stop the workers); a worker
    that also got SIGINT would die mid-file with a KeyboardInterrupt the parent cannot tell apart
    from a crash.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def warm_up() -> None:
    """Import the pipeline and load Kiwi's model now rather than inside the first file's review."""
    import balju.pipeline  # noqa: F401 - imported for its import cost
    from balju.nlp import kiwi

    kiwi().tokenize("모델을 불러옵니다")


def review_file(task: Task) -> TaskResult:
    """Review one file and write its reports; errors come back in the result, never raised."""
    from balju.errors import BaljuError
    from balju.pipeline import review, review_dict

    started = time.perf_counter()
    result = TaskResult(path=task.path)
    try:
        result.data = review_dict(review(task.path, task.as_of))
    except BaljuError as error:
        result.error = error.as_dict()
    except Exception:  # noqa: BLE001 - one bad file must not stop a year's batch
        result.unexpected = traceback.format_exc()
    if result.data is not None and task.reports_dir and task.formats:
        _write_reports(task, result)
    result.seconds = time.perf_counter() - started
    return result


def _write_reports(task: Task, result: TaskResult) -> None:
    from balju import report
    from balju.errors import BaljuError

    try:
        paths = report.write_all(result.data, task.reports_dir, task.formats, stem=Path(task.path).stem)
        result.reports = {fmt: str(path) for fmt, path in paths.items()}
    except BaljuError as error:
        result.report_error = error.describe()
    except Exception as error:  # noqa: BLE001 - a report failing (disk full …) must not lose the review
        result.report_error = f"{type(error).__name__}: {error}\n{traceback.format_exc()}"
