"""The batch into PostgreSQL (the team set-up): stored, found again by content, failures recorded."""

from __future__ import annotations

import hashlib
import shutil
from decimal import Decimal

from batch_helpers import BROKEN_BYTES, EXAMPLES, PROJECT_NAME, stable

from balju.batch import run, summaries_for
from balju.store import Store


def test_batch_into_postgresql(postgres_db, reference, tmp_path):
    folder = tmp_path / "pg"
    folder.mkdir()
    shutil.copy(EXAMPLES / "sample_rfp.hwp", folder / "sample_rfp.hwp")
    (folder / "x.hwp").write_bytes(BROKEN_BYTES)
    with Store(postgres_db) as store:
        first = run([folder], store=store, workers=1)
        assert (first.reviewed, first.failed) == (1, 1)
        hwp, broken = first.outcomes
        assert stable(store.get_review(hwp.review_id)) == stable(reference["hwp"])
        summary = summaries_for(store, [hwp.review_id])[hwp.review_id]
        assert (summary.project_name, summary.stated_budget, summary.fp_total) == (
            PROJECT_NAME, 330_000_000, Decimal("309.9"))
        failure = next(f for f in store.list_failures(limit=1000) if f.id == broken.failure_id)
        assert failure.file_name == "x.hwp" and "손상" in failure.message
        assert failure.sha256 == hashlib.sha256(BROKEN_BYTES).hexdigest()

        again = run([folder], store=store, workers=1)
        assert (again.reviewed, again.skipped, again.failed) == (0, 2, 0)
        assert again.outcomes[0].review_id == hwp.review_id
        assert again.outcomes[1].failure_id == broken.failure_id
