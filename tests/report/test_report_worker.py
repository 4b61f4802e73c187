"""The XLSX written by the helper process (``balju review`` starts it before the review) is the same
report ``write_all`` writes; a helper that dies changes nothing; its errors reach the caller."""

from __future__ import annotations

import copy

import pytest
from openpyxl import load_workbook

from balju import report
from balju.report.worker import ReportWorker


def cells(path) -> list:
    book = load_workbook(path)
    return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]


def test_helper_writes_what_write_all_writes(review_data, tmp_path):
    expected = report.write_all(copy.deepcopy(review_data), tmp_path / "here", ["xlsx", "json"])
    worker = ReportWorker.start(["xlsx", "pdf"])
    assert worker is not None
    with worker:
        paths = worker.write_all(copy.deepcopy(review_data), tmp_path / "helper", ["json", "XLSX", "pdf", "json"])
    assert list(paths) == ["json", "xlsx", "pdf"]
    assert paths["xlsx"] == tmp_path / "helper" / "review.xlsx"
    assert cells(paths["xlsx"]) == cells(expected["xlsx"])
    assert paths["json"].read_text(encoding="utf-8") == expected["json"].read_text(encoding="utf-8")
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    assert worker.process.returncode == 0
    assert sorted(p.name for p in (tmp_path / "helper").iterdir()) == ["review.json", "review.pdf", "review.xlsx"]


def test_no_helper_without_an_xlsx():
    assert ReportWorker.start(["pdf", "html", "json"]) is None


def test_a_dead_helper_changes_nothing(review_data, tmp_path):
    worker = ReportWorker.start(["xlsx"])
    worker.process.kill()
    worker.process.wait()
    with worker:
        paths = worker.write_all(copy.deepcopy(review_data), tmp_path, ["xlsx", "html"])
    assert cells(paths["xlsx"]) == cells(report.write(copy.deepcopy(review_data), "xlsx", tmp_path / "again.xlsx"))
    assert paths["html"].is_file()


def test_helper_error_is_raised_here(review_data, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with ReportWorker.start(["xlsx"]) as worker, pytest.raises(OSError):
        worker.write_all(copy.deepcopy(review_data), blocker / "out", ["xlsx"])


def test_helper_ends_when_nothing_is_asked():
    worker = ReportWorker.start(["xlsx"])
    worker.close()
    assert worker.process.returncode == 0
