"""Names and definitions read from table cells carry no paragraph head mark.

The readers draw the mark Hangul draws from the paragraph shape ('• 시스템 시험운영'); a requirement's
name is the cell's text without it (checked by reading 20241015084.hwp and 20240408682.hwp)."""

from __future__ import annotations

from balju.documents import read
from balju.requirements import extract


def test_name_and_definition_without_the_drawn_mark(rfp_dir):
    reqs = {r.id: r for r in extract(read(rfp_dir / "20241015084.hwp"))}
    assert reqs["PMR-002"].name == "시스템 시험운영"
    assert not reqs["SER-001"].definition.startswith(("•", "□", "○"))
    gkl = {r.id: r for r in extract(read(rfp_dir / "20240408682.hwp"))}
    for rid in ("PMR-003", "PMR-010", "PMR-011", "PSR-002", "COR-001", "COR-007"):
        assert gkl[rid].definition and not gkl[rid].definition.lstrip().startswith("□"), rid
