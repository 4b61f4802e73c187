"""The batch over a few of the real RFPs in ../shared/data/rfp/files (read in place, never copied):
every file is reviewed or failed with a Korean message, and what is stored is what `review` says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from batch_helpers import REPO

from balju.batch import run, summaries_for
from balju.pipeline import review, review_dict
from balju.store import Store

CHOSEN = ["20241103380.hwp", "20240910050.hwp", "20241120435.pdf", "nonotice-02.docx"]
"""Small ones of each format (HWP, PDF, DOCX), so the test stays a few seconds."""
HANGUL = re.compile("[가-힣]")

def test_a_few_real_rfps_in_two_workers(tmp_path, rfp_dir):
    paths = [rfp_dir / name for name in CHOSEN]
    with Store(f"sqlite:///{tmp_path / 'real.db'}") as store:
        result = run(paths, store=store, workers=2)
        assert result.found == len(CHOSEN) and result.workers == 2
        assert result.reviewed + result.failed == len(CHOSEN) and result.not_done == 0
        summaries = summaries_for(store, result.review_ids)
        for outcome in result.outcomes:
            if outcome.status == "failed":
                assert outcome.message and HANGUL.search(outcome.message), outcome
                continue
            direct = review_dict(review(outcome.path))
            summary = summaries[outcome.review_id]
            assert summary.project_name == direct["facts"]["project_name"]["value"]
            assert summary.file_name == Path(outcome.path).name
            assert summary.sha256 == direct["source"]["sha256"] == outcome.sha256
            assert summary.fp_total is None or float(summary.fp_total) == direct["estimate"]["fp_total"]
    assert result.reviewed == len(CHOSEN)  # all four review (tests/pipeline reviews every real RFP)
