"""Batch mode (일괄 검토): every RFP of a folder tree reviewed into the store, in parallel, resumable.

A thin shell over ``balju.pipeline.review`` and ``balju.store``; no domain logic lives here::

    from balju.batch import run
    from balju.store import Store

    with Store("sqlite:///reviews.db") as store:
        result = run(["rfps/2024"], store=store, workers=2, reports_dir="out")
    print(result.found, result.reviewed, result.skipped, result.failed, result.elapsed)

A second run over the same files does nothing new: a file whose content (SHA-256) is stored is
skipped, and so is one that failed before (``force=True`` reviews everything again,
``retry_failed=True`` only the failures). See docs/batch.md.
"""

from balju.batch.discover import RFP_SUFFIXES, Discovery, file_sha256, find_rfp_files
from balju.batch.runner import (
    DEFAULT_FORMATS,
    BatchInterrupted,
    BatchResult,
    FileOutcome,
    check_workers,
    default_workers,
    no_files_error,
    run,
)
from balju.batch.summary import CSV_COLUMNS, summaries_for, verdict_totals, write_csv

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_FORMATS",
    "RFP_SUFFIXES",
    "BatchInterrupted",
    "BatchResult",
    "Discovery",
    "FileOutcome",
    "check_workers",
    "default_workers",
    "file_sha256",
    "find_rfp_files",
    "no_files_error",
    "run",
    "summaries_for",
    "verdict_totals",
    "write_csv",
]
