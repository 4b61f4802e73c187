"""The 18-item check on our sample RFP agrees with its answer key (examples/README.md §3) in every
format: exactly items 1, 7 and 17 are missing, and item 2 is not applicable because the RFP says it
buys no commercial SW."""

from __future__ import annotations

from pathlib import Path

import pytest

from balju import rules
from balju.compliance import check_rfp
from balju.documents import read

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("fmt", ["hwp", "hwpx", "docx", "pdf", "md"])
def test_sample_rfp_answer_key(fmt):
    result = check_rfp(read(EXAMPLES / f"sample_rfp.{fmt}"), rules.at("2026-11-01"))
    status = {item.no: item.status for item in result.items}
    assert {no for no, s in status.items() if s == "missing"} == {1, 7, 17}
    assert status[2] == "not-applicable"
    assert "상용SW 구매" in result.items[1].quote
    assert not any(f.code == "law.rfp-check-disclosure" for f in result.findings)  # 3 missing < 4
