"""Every one of the 31 real RFPs reads, with at least the requirement IDs the manifest counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents_helpers import ids, manifest_rows, read_cached

ROWS = manifest_rows()


def test_manifest_present():
    assert len(ROWS) == 31


@pytest.mark.parametrize("row", ROWS, ids=[r["file"].split("/")[-1] for r in ROWS])
def test_reads_with_all_requirement_ids(row, rfp_dir: Path):
    path = rfp_dir / row["file"].split("/")[-1]
    doc = read_cached(str(path))
    assert doc.format == row["format"]
    assert doc.blocks
    found = ids(doc.text())
    assert len(found) >= int(row["req_ids_found"])
    for block in doc.blocks:
        assert block.kind in ("heading", "paragraph", "table")
        if block.kind == "table":
            assert block.rows and all(isinstance(c, str) for r in block.rows for c in r)


@pytest.mark.parametrize("row", [r for r in ROWS if r["format"] == "hwp"],
                         ids=lambda r: r["file"].split("/")[-1])
def test_hwp_requirement_ids_sit_in_table_cells(row, rfp_dir: Path):
    """Requirement tables are tables: every ID of the text is also found inside a table cell."""
    doc = read_cached(str(rfp_dir / row["file"].split("/")[-1]))
    in_cells = set()
    for table in doc.tables():
        for r in table.rows:
            for cell in r:
                in_cells |= ids(cell)
    assert len(in_cells) >= int(row["req_ids_found"])
    # positions: section and paragraph for HWP
    assert all(b.position.section and b.position.paragraph for b in doc.blocks)


def test_hwp_requirement_table_has_id_in_its_own_cell(rfp_dir: Path):
    doc = read_cached(str(rfp_dir / "20241103380.hwp"))
    hits = [t for t in doc.tables() if any(r[:2] == ["요구사항 고유번호", "ECR-001"] for r in t.rows)]
    assert hits, "the ECR-001 requirement table should be a table with the ID in a cell"
    assert doc.properties.get("title")


def test_chapter_titles_drawn_as_tables_are_headings(rfp_dir: Path):
    """Korean RFPs draw chapter titles as one-row tables (| Ⅰ | | 사업 안내 |): they are headings."""
    doc = read_cached(str(rfp_dir / "20241103380.hwp"))
    chapters = [b.text for b in doc.blocks if b.kind == "heading" and b.level == 1]
    assert chapters[:4] == ["Ⅰ 사업 안내", "Ⅱ 사업 제안 요청 기본사항", "Ⅲ 제안서 작성", "Ⅳ 사업자 선정 방법"]


def test_pdf_requirement_tables_and_pages(rfp_dir: Path):
    doc = read_cached(str(rfp_dir / "nonotice-06.pdf"))
    assert all(b.position.page for b in doc.blocks)
    pages = [b.position.page for b in doc.blocks]
    assert pages == sorted(pages)
    cards = [t for t in doc.tables() if t.rows[0][0] == "요구사항번호"]
    assert len(cards) >= 30
    # one card, one requirement: cards drawn edge to edge are split, cards on the next page kept apart
    assert all(sum(1 for r in t.rows if r[0] == "요구사항번호") == 1 for t in cards)
    assert {i for t in cards for i in ids(" ".join(t.rows[0]))} >= {"SER-001", "SER-002", "QUR-001", "DAR-006",
                                                                  "DAR-007"}
    # a requirement card that runs over a page is one table with an end page
    assert any(t.end_position is not None and t.end_position.page == t.position.page + 1 for t in cards)


def test_pdf_cells_are_unwrapped_by_where_their_lines_end(rfp_dir: Path):
    """A PDF keeps the page's line wraps inside a table cell ('…서비스에 접' / '근 할 수 있는…').
    The reader measures each line's right end against the cell's rule and joins the wrapped ones,
    so a requirement's details read as the agency wrote them: one numbered item a line."""
    doc = read_cached(str(rfp_dir / "nonotice-06.pdf"))
    card = next(t for t in doc.tables() if t.rows[0][0] == "요구사항번호" and t.rows[0][-1] == "SFR-001")
    details = next(row[-1] for row in card.rows if row[-1].startswith("1. 기존 사용자 계정"))
    assert details.split("\n") == [
        "1. 기존 사용자 계정에 관한 권한 설정 기능 유지",
        "2. 각각의 계정은 사용자별 접근 권한 설정을 통하여 플랫폼 내 서비스에 접근 할 수 있는 권한을 설정하게 해야 함",
        "3. 권한이 있는 사용자의 경우 분석을 위한 data 다운로드 기능 제공. 단, 다운로드 가능한 data의 경우 원본 "
        "data가 아닌 개인정보의 비식별화가 적용된 가공 data만 다운로드 기능 제공",
    ]


def test_docx_requirement_tables(rfp_dir: Path):
    doc = read_cached(str(rfp_dir / "nonotice-02.docx"))
    in_cells = set()
    for t in doc.tables():
        for r in t.rows:
            for c in r:
                in_cells |= ids(c)
    assert len(in_cells) >= 61
    assert all(b.position.section and b.position.paragraph for b in doc.blocks)
