"""`balju.batch.run` on real files into a real SQLite file: what is stored, what is skipped on the
next run, what fails and how, and that two worker processes store what one does."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from batch_crash_task import call as crashing_call
from batch_crash_task import no_init
from batch_helpers import BROKEN_BYTES, EXAMPLES, PROJECT_NAME, stable

from balju.batch import BatchInterrupted, find_rfp_files, run, summaries_for
from balju.batch.discover import report_folders
from balju.batch.pool import _CRASH, _pooled
from balju.batch.worker import Task
from balju.errors import BaljuError, InputError
from balju.store import Store


def _store(path: Path) -> Store:
    return Store(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def first(tmp_path_factory, batch_folder):
    """One run with workers=1 over the test folder, kept for the tests that only read it."""
    db = tmp_path_factory.mktemp("first") / "balju.db"
    store = _store(db)
    calls = []
    result = run([batch_folder], store=store, workers=1,
                 progress=lambda outcome, done, total: calls.append((outcome.name, outcome.status, done, total)))
    yield SimpleNamespace(store=store, result=result, calls=calls, db=db)
    store.close()


def _copy(first, tmp_path: Path) -> Store:
    """The first run's database as a new file, for a test that adds to it."""
    target = tmp_path / "copy.db"
    shutil.copy(first.db, target)
    return _store(target)


def _no_children_left(seconds: float = 5.0) -> bool:
    """No worker process of this one is left. The pool's own thread may be reaping a stopped worker
    at the same moment, and a process it reaped is reported dead only once it records the exit
    code, so the answer may take a few milliseconds to settle."""
    deadline = time.monotonic() + seconds
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.02)
    return multiprocessing.active_children() == []


def test_the_rfps_are_found_recursively_and_the_rest_passed_over(first, batch_folder):
    result = first.result
    assert [o.path for o in result.outcomes] == [
        batch_folder / "sample_rfp.hwp", batch_folder / "x.hwp", batch_folder / "sub" / "sample_rfp.pdf"]
    assert result.found == 3
    assert (result.reviewed, result.skipped, result.failed, result.not_done) == (2, 0, 1, 0)
    assert result.ignored == [batch_folder / "notes.xlsx"]  # hidden files, lock files and .git are not even listed
    assert result.workers == 1 and not result.interrupted
    assert [c[2:] for c in first.calls] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(c[:2] for c in first.calls) == [
        ("sample_rfp.hwp", "reviewed"), ("sample_rfp.pdf", "reviewed"), ("x.hwp", "failed")]


@pytest.mark.parametrize("suffix", ["hwp", "pdf"])
def test_what_is_stored_is_what_balju_review_says(first, reference, suffix):
    outcome = next(o for o in first.result.outcomes if o.path.suffix == f".{suffix}")
    expected = reference[suffix]
    stored = first.store.get_review(outcome.review_id)
    assert stable(stored) == stable(expected)
    assert outcome.sha256 == hashlib.sha256((EXAMPLES / f"sample_rfp.{suffix}").read_bytes()).hexdigest()

    summary = summaries_for(first.store, [outcome.review_id])[outcome.review_id]
    assert summary.project_name == expected["facts"]["project_name"]["value"] == PROJECT_NAME
    assert summary.agency == expected["facts"]["agency"]["value"]
    assert summary.stated_budget == expected["budget"]["stated_budget"] == 330_000_000
    assert summary.guide_price == expected["budget"]["guide_price"]
    assert summary.fp_total == Decimal(str(expected["estimate"]["fp_total"]))
    assert (summary.verdict, summary.verdict_ko) == (expected["budget"]["verdict"], expected["budget"]["verdict_ko"])
    assert summary.function_count == len(expected["functions"])
    severities = [f["severity"] for f in expected["findings"]]
    assert (summary.errors, summary.warnings, summary.infos) == (
        severities.count("error"), severities.count("warning"), severities.count("info"))


def test_the_sample_hwp_figures(first):
    # The brief's figures for examples/sample_rfp.hwp (the reference test above ties them to `balju review`).
    outcome = next(o for o in first.result.outcomes if o.name == "sample_rfp.hwp")
    summary = summaries_for(first.store, [outcome.review_id])[outcome.review_id]
    assert (summary.project_name, summary.stated_budget, summary.fp_total) == (
        PROJECT_NAME, 330_000_000, Decimal("309.9"))


def test_a_broken_file_is_recorded_with_the_readers_korean_message(first, batch_folder):
    from balju.documents import read

    with pytest.raises(BaljuError) as raised:  # what the reader itself says about the file
        read(batch_folder / "x.hwp")
    [failure] = first.store.list_failures()
    outcome = next(o for o in first.result.outcomes if o.name == "x.hwp")
    assert outcome.status == "failed" and outcome.failure_id == failure.id and outcome.review_id is None
    assert failure.file_name == "x.hwp"
    assert failure.sha256 == hashlib.sha256(BROKEN_BYTES).hexdigest()
    assert failure.message == raised.value.message and "손상" in failure.message
    assert str(batch_folder / "x.hwp") in failure.where
    assert failure.fix == raised.value.fix and failure.fix
    assert (outcome.message, outcome.where, outcome.fix) == (failure.message, failure.where, failure.fix)


def test_a_second_run_does_nothing_new_and_force_reviews_again(first, batch_folder, tmp_path):
    store = _copy(first, tmp_path)
    again = run([batch_folder], store=store, workers=1)
    assert (again.found, again.reviewed, again.skipped, again.failed) == (3, 0, 3, 0)
    assert store.count_reviews() == 2 and len(store.list_failures()) == 1
    before = {o.name: o for o in first.result.outcomes}
    for outcome in again.outcomes:
        assert outcome.review_id == before[outcome.name].review_id
    broken = next(o for o in again.outcomes if o.name == "x.hwp")
    assert broken.failure_id == before["x.hwp"].failure_id and "--retry-failed" in broken.note

    retried = run([batch_folder], store=store, workers=1, retry_failed=True)
    assert (retried.reviewed, retried.skipped, retried.failed) == (0, 2, 1)
    assert len(store.list_failures()) == 2

    forced = run([batch_folder], store=store, workers=1, force=True)
    assert (forced.reviewed, forced.skipped, forced.failed) == (2, 0, 1)
    assert store.count_reviews() == 4 and len(store.list_failures()) == 3
    for outcome in forced.outcomes:
        if outcome.status == "reviewed":
            old = before[outcome.name].review_id
            assert outcome.review_id not in (old, None)
            assert stable(store.get_review(outcome.review_id)) == stable(store.get_review(old))
            assert store.find_by_sha256(outcome.sha256) == outcome.review_id  # the newest is found
    store.close()


def test_two_workers_store_what_one_stores_and_write_the_reports(first, batch_folder, tmp_path):
    reports = tmp_path / "reports"
    with _store(tmp_path / "two.db") as store:
        result = run([batch_folder], store=store, workers=2, reports_dir=reports)
        assert result.workers == 2
        assert (result.reviewed, result.skipped, result.failed) == (2, 0, 1)
        one = {o.name: o for o in first.result.outcomes}
        for outcome in result.outcomes:
            assert outcome.status == one[outcome.name].status
            if outcome.review_id is None:
                continue
            mine = store.get_review(outcome.review_id)
            assert stable(mine) == stable(first.store.get_review(one[outcome.name].review_id))
            theirs = summaries_for(first.store, [one[outcome.name].review_id])[one[outcome.name].review_id]
            ours = summaries_for(store, [outcome.review_id])[outcome.review_id]
            assert {**vars(ours), "id": 0, "created_at": 0} == {**vars(theirs), "id": 0, "created_at": 0}
            # reports/<stem>_<suffix>/ because the .hwp and the .pdf share the stem 'sample_rfp'
            folder = reports / f"sample_rfp_{outcome.path.suffix[1:]}"
            assert sorted(p.name for p in folder.iterdir()) == [
                "sample_rfp.html", "sample_rfp.json", "sample_rfp.pdf", "sample_rfp.xlsx"]
            assert outcome.reports["json"] == folder / "sample_rfp.json"
            assert stable(json.loads((folder / "sample_rfp.json").read_text(encoding="utf-8"))) == stable(mine)
        [failure] = store.list_failures()
        assert failure.message == first.store.list_failures()[0].message
    assert result.log_file is None and not (reports / "batch-errors.log").exists()


def test_an_interrupted_run_keeps_what_was_done_and_the_next_run_goes_on(batch_folder, tmp_path):
    def stop_at_first_review(outcome, done, total):
        if outcome.status == "reviewed":
            raise KeyboardInterrupt

    with _store(tmp_path / "stop.db") as store:
        with pytest.raises(BatchInterrupted) as raised:
            run([batch_folder], store=store, workers=2, progress=stop_at_first_review)
        partial = raised.value.result
        assert isinstance(raised.value, KeyboardInterrupt) and partial.interrupted
        assert partial.reviewed == 1 and partial.found == 3
        assert partial.not_done == 3 - len(partial.outcomes) >= 1
        assert store.count_reviews() == 1
        assert _no_children_left()  # the workers were stopped, not left running
        done_first = next(o for o in partial.outcomes if o.status == "reviewed")

        rest = run([batch_folder], store=store, workers=1)
        statuses = {o.name: o.status for o in rest.outcomes}
        assert statuses[done_first.name] == "skipped"
        assert store.count_reviews() == 2
        assert {o.name for o in rest.outcomes if o.status == "reviewed"} | {done_first.name} == {
            "sample_rfp.hwp", "sample_rfp.pdf"}


def test_the_same_content_under_two_names_is_reviewed_once(tmp_path):
    folder = tmp_path / "twice"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        shutil.copy(EXAMPLES / "sample_rfp.md", folder / name)
    with _store(tmp_path / "twice.db") as store:
        result = run([folder], store=store, workers=1)
        a, b = result.outcomes
        assert (a.status, b.status) == ("reviewed", "skipped")
        assert b.review_id == a.review_id and "a.md" in b.note
        assert store.count_reviews() == 1


def test_keep_files_keeps_each_reviewed_file_for_re_pricing(tmp_path):
    folder = tmp_path / "keep"
    folder.mkdir()
    shutil.copy(EXAMPLES / "sample_rfp.md", folder / "rfp.md")
    content = (folder / "rfp.md").read_bytes()
    sha = hashlib.sha256(content).hexdigest()
    with _store(tmp_path / "plain.db") as store:
        run([folder], store=store, workers=1)
        assert store.find_by_sha256(sha) is not None and not store.has_document(sha)
    with _store(tmp_path / "kept.db") as store:
        run([folder], store=store, workers=1, keep_files=True)
        assert store.get_document(sha) == ("rfp.md", content)


def test_a_file_changed_after_its_review_is_not_kept_but_the_review_is(tmp_path, monkeypatch):
    import balju.pipeline

    folder = tmp_path / "changing"
    folder.mkdir()
    rfp = folder / "rfp.md"
    shutil.copy(EXAMPLES / "sample_rfp.md", rfp)
    reviewed_sha = hashlib.sha256(rfp.read_bytes()).hexdigest()
    real_review = balju.pipeline.review

    def review_then_edit(path, as_of=None, **options):
        result = real_review(path, as_of, **options)
        Path(path).write_text("# 바뀐 파일\n", encoding="utf-8")  # someone saves over it meanwhile
        return result

    monkeypatch.setattr(balju.pipeline, "review", review_then_edit)  # workers=1 reviews in this process
    with _store(tmp_path / "changing.db") as store:
        [outcome] = run([folder], store=store, workers=1, keep_files=True).outcomes
        assert outcome.status == "reviewed"
        assert store.get_review(outcome.review_id)["source"]["sha256"] == reviewed_sha
        assert not store.has_document(reviewed_sha)


def test_an_unexpected_error_is_recorded_naming_the_file_and_logged(tmp_path, monkeypatch):
    import balju.pipeline

    def broken_review(path, as_of=None, **_):
        raise RuntimeError("a bug inside balju")

    monkeypatch.setattr(balju.pipeline, "review", broken_review)  # workers=1 reviews in this process
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(EXAMPLES / "sample_rfp.md", folder / "계획.md")
    with _store(tmp_path / "bug.db") as store:
        result = run([folder], store=store, workers=1, reports_dir=tmp_path / "reports")
        [outcome] = result.outcomes
        [failure] = store.list_failures()
    assert outcome.status == "failed"
    assert failure.file_name == "계획.md"
    assert failure.message.startswith("계획.md을(를) 검토하는 중 예상하지 못한 오류가 났습니다")
    assert "RuntimeError: a bug inside balju" in failure.message
    assert "Traceback" not in failure.message  # the traceback is for the log, not the person
    log = (tmp_path / "reports" / "batch-errors.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "broken_review" in log and str(folder / "계획.md") in log
    assert str(result.log_file) in failure.fix


def test_a_worker_that_dies_takes_only_its_own_file_down():
    tasks = [Task(path=p) for p in ("a", "die", "b", "c")]
    answers = {task.path: answer for task, answer in _pooled(tasks, 2, call=crashing_call, initializer=no_init)}
    assert set(answers) == {"a", "die", "b", "c"}
    for path in ("a", "b", "c"):
        assert answers[path].data["path"] == path and answers[path].unexpected is None
    assert answers["die"].data is None and answers["die"].unexpected.startswith(_CRASH)
    assert _no_children_left()


def test_no_rfp_file_is_bad_input(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG")
    with _store(tmp_path / "none.db") as store:
        with pytest.raises(InputError) as raised:
            run([folder], store=store)
        with pytest.raises(InputError) as missing:
            run([tmp_path / "nowhere"], store=store)
        assert store.count_reviews() == 0
    assert "제안요청서 파일을 찾지 못했습니다" in raised.value.message and "1개" in raised.value.where
    assert "파일이나 폴더가 없습니다" in missing.value.message


def test_finding_files(tmp_path):
    folder = tmp_path / "find"
    (folder / ".cache").mkdir(parents=True)
    (folder / "b").mkdir()
    for name in ("a.HWP", "b/c.docx", "b/d.txt", "z.md", ".x.pdf", "~$a.hwp", ".cache/e.hwpx", "f.zip", "g.hwpx"):
        (folder / name).write_bytes(b"x")
    found = find_rfp_files([folder, folder / "z.md", folder / ".x.pdf"])
    assert [p.relative_to(folder).as_posix() for p in found.files] == [
        "a.HWP", "g.hwpx", "z.md", "b/c.docx", "b/d.txt", ".x.pdf"]  # a hidden file named on its own is taken
    assert [p.name for p in found.ignored] == ["f.zip"]


def test_report_folders_are_unique():
    files = [Path("x/a.hwp"), Path("x/a.pdf"), Path("y/a.hwp"), Path("x/b.hwp"), Path("x/a_hwp.md")]
    names = report_folders(files)
    assert names == {Path("x/a.hwp"): "a_hwp", Path("x/a.pdf"): "a_pdf", Path("y/a.hwp"): "a_hwp_2",
                     Path("x/b.hwp"): "b", Path("x/a_hwp.md"): "a_hwp_3"}
