"""The 18-item check on real RFPs (../shared/data/rfp/files), against the hand review in
tests/cases/compliance/rfp_hand_review.yaml (written up in docs/compliance.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import balju.rules
from balju.compliance.rfp_check import check_rfp
from balju.documents import read

REVIEW = yaml.safe_load((Path(__file__).parents[1] / "cases" / "compliance" / "rfp_hand_review.yaml").read_text("utf-8"))
CODE = {"found": "F", "missing": "M", "not-applicable": "N"}
PHONE = re.compile(r"0\d{1,2}-\d{3,4}-\d{4}")


def test_at_least_five_files_reviewed_by_hand():
    assert len(REVIEW["files"]) >= 5
    for spec in REVIEW["files"].values():
        assert sorted(spec["status"]) == list(range(1, 19))


@pytest.mark.parametrize("name", sorted(REVIEW["files"]))
def test_hand_reviewed_statuses(name, rfp_dir):
    spec = REVIEW["files"][name]
    result = check_rfp(read(rfp_dir / name), balju.rules.at(REVIEW["as_of"]))
    got = {i.no: CODE[i.status] for i in result.items}
    diff = {n: (spec["status"][n], got[n]) for n in got if got[n] != spec["status"][n]}
    assert not diff, f"(hand, tool) differ on items {diff}"


def test_all_real_rfps_run_and_quotes_carry_no_phone_numbers(rfp_dir):
    rules = balju.rules.at(REVIEW["as_of"])
    files = sorted(p for p in rfp_dir.iterdir() if p.suffix in (".hwp", ".hwpx", ".pdf", ".docx"))
    assert files
    for path in files:
        result = check_rfp(read(path), rules)
        assert len(result.items) == 18
        for item in result.items:
            for ev in ([item.evidence] if item.evidence else []) + item.suspects:
                assert not PHONE.search(ev.quote), (path.name, item.no, ev.quote)
