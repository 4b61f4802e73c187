"""Each format on files made here, with known content (형식별 읽기)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balju.documents import read
from balju.documents.render import to_dict, to_markdown
from documents_helpers import ids
from documents_samples import (
    MARKDOWN,
    REQ_ROWS,
    make_docx,
    make_hwp,
    make_hwpx,
    make_pdf,
)

REQ_IDS = {r[0] for r in REQ_ROWS}


def _table_with(doc, first_cell: str):
    for t in doc.tables():
        if t.rows and t.rows[0] and t.rows[0][0] == first_cell:
            return t
    raise AssertionError(f"no table starting with {first_cell!r}")


@pytest.mark.parametrize("maker,fmt", [(make_hwp, "hwp"), (make_hwpx, "hwpx")])
def test_hancom_formats(tmp_path: Path, maker, fmt):
    doc = read(maker(tmp_path / f"sample.{fmt}"))
    assert doc.format == fmt
    kinds = [b.kind for b in doc.blocks]
    assert kinds.count("table") == 1
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert "본 사업은 한글 문서 읽기 시험입니다." in texts
    assert texts[-1] == "끝 문단."
    table = _table_with(doc, "요구사항 고유번호")
    assert table.rows == [["요구사항 고유번호", "요구사항 명칭", "내용"]] + [list(r) for r in REQ_ROWS]
    # order: the table sits between the opening paragraph and the last one
    assert kinds.index("table") < len(kinds) - 1
    assert all(b.position.section == 1 and b.position.paragraph for b in doc.blocks)
    assert [b.position.paragraph for b in doc.blocks] == sorted(b.position.paragraph for b in doc.blocks)


def test_hwpx_heading_from_outline_style(tmp_path: Path):
    doc = read(make_hwpx(tmp_path / "h.hwpx"))
    headings = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert ("1. 사업 개요", 1) in headings


def test_docx(tmp_path: Path):
    doc = read(make_docx(tmp_path / "s.docx"))
    assert doc.format == "docx"
    assert doc.properties["title"] == "시험 제안요청서"
    assert doc.properties["author"] == "시험기관"
    assert [(b.text, b.level) for b in doc.blocks if b.kind == "heading"] == [("Ⅰ. 사업 개요", 1),
                                                                             ("요구사항 목록", 2)]
    table = _table_with(doc, "요구사항 고유번호")
    assert table.rows[1:] == [list(r) for r in REQ_ROWS]
    card = [t for t in doc.tables() if t is not table][0]
    # merged cells: text in the top-left slot, covered slots empty, spans recorded
    assert card.rows == [["요구사항 고유번호", "SFR-003", ""],
                         ["세부 내용", "정의", "관리자 화면"],
                         ["", "세부", "등록·수정·삭제"]]
    assert sorted(card.spans) == [(0, 1, 1, 2), (1, 0, 2, 1)]
    assert ids(doc.text()) == REQ_IDS | {"SFR-003"}
    assert doc.blocks[-1].text == "끝 문단."


def test_pdf_table_over_pages_is_one_table(tmp_path: Path):
    doc = read(make_pdf(tmp_path / "s.pdf", rows=80))
    assert doc.format == "pdf"
    assert doc.properties["title"] == "시험 제안요청서"
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Ⅰ. 사업 개요"
    assert doc.blocks[1].text == "본 사업은 한글 PDF 읽기를 시험하기 위한 사업이다."
    tables = doc.tables()
    assert len(tables) == 1
    t = tables[0]
    assert t.rows[0] == ["요구사항 고유번호", "요구사항 명칭", "내용"]
    assert len(t.rows) == 81  # the header row fpdf2 repeats on each page is kept once
    assert t.rows[1] == ["SFR-001", "기능 1", "사용자가 기능 1을(를) 쓸 수 있어야 함"]
    assert [r[0] for r in t.rows[1:]] == [f"SFR-{i:03d}" for i in range(1, 81)]
    assert t.position.page == 1 and t.end_position is not None and t.end_position.page > 1
    assert doc.blocks[-1].text == "끝 문단."
    assert doc.blocks[-1].position.page == t.end_position.page


def test_text_encodings(tmp_path: Path):
    body = "Ⅰ. 사업 개요\n본 사업은\n시험입니다.\n\nSFR-001 로그인 기능\n"
    for enc, name in (("utf-8", "u8.txt"), ("cp949", "kr.txt"), ("utf-16", "u16.txt"), ("utf-8-sig", "bom.txt")):
        path = tmp_path / name
        path.write_bytes(body.encode(enc))
        doc = read(path)
        assert doc.format == "txt"
        assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Ⅰ. 사업 개요"
        assert doc.blocks[1].text == "본 사업은 시험입니다."
        assert ids(doc.text()) == {"SFR-001"}


def test_markdown(tmp_path: Path):
    path = tmp_path / "s.md"
    path.write_text(MARKDOWN + "\n| 번호 | 설명 |\n|---|---|\n| SFR-009 | 세로\\|막대 |\n", encoding="utf-8")
    doc = read(path)
    assert doc.format == "md"
    assert [(b.text, b.level) for b in doc.blocks if b.kind == "heading"] == [("제안요청서 시험", 1),
                                                                             ("1. 사업 개요", 2)]
    t = _table_with(doc, "요구사항 고유번호")
    assert t.rows[1:] == [list(r) for r in REQ_ROWS]
    assert _table_with(doc, "번호").rows[1] == ["SFR-009", "세로|막대"]


def test_markdown_and_json_output(tmp_path: Path):
    doc = read(make_docx(tmp_path / "s.docx"))
    md = to_markdown(doc)
    assert "# Ⅰ. 사업 개요" in md
    assert "| 요구사항 고유번호 | 요구사항 명칭 | 내용 |\n|---|---|---|\n| SFR-001 | 로그인 | 사용자 로그인 기능 |" in md
    data = json.loads(json.dumps(to_dict(doc), ensure_ascii=False))
    assert data["format"] == "docx"
    assert any(b["kind"] == "table" and b["rows"][1][0] == "SFR-001" for b in data["blocks"])


def test_hancom_pua_is_mapped(tmp_path: Path):
    doc = read(make_hwpx(tmp_path / "p.hwpx", markdown="\uf53a글 문서\n"))
    assert doc.blocks[0].text == "한글 문서"


def test_pdf_requirement_cards_stay_apart_across_pages(tmp_path: Path):
    from documents_samples import make_card_pdf

    doc = read(make_card_pdf(tmp_path / "cards.pdf", cards=12))
    pages = {b.position.page for b in doc.blocks}
    assert len(pages) > 1
    cards = doc.tables()
    assert [sorted(ids(t.text)) for t in cards] == [[f"SFR-{i:03d}"] for i in range(1, 13)]
    for t in cards:
        assert t.rows[0] == ["요구사항 분류", "기능 요구사항"]
        assert t.rows[1][0] == "요구사항 고유번호"
        assert t.rows[-1][0] == "세부 내용" or t.end_position is not None


def test_hancom_sample_hwp(tmp_path: Path):
    """hwp-converter-ai ships a real Hancom "한글 2005 예제 파일" (MIT): properties, and a table
    read where it sits inside its paragraph (표 [table] 표끝)."""
    import importlib.resources
    import shutil

    path = tmp_path / "hancom.hwp"
    with importlib.resources.as_file(importlib.resources.files("hwp_converter_ai") / "hwp_template.hwp") as src:
        shutil.copy(src, path)
    doc = read(path)
    assert doc.properties["title"] == "제목입니다."
    assert doc.properties["author"] == "지은이입니다."
    texts = [(b.kind, b.text) for b in doc.blocks]
    i = texts.index(("paragraph", "표"))
    assert texts[i + 1][0] == "table" and doc.blocks[i + 1].rows[0] == ["A0", "B0"]
    assert texts[i + 2] == ("paragraph", "표끝")
    assert ("paragraph", "이건 각주이지요.") in texts  # footnotes are read in place


def test_hwpx_table_sits_where_it_is_in_the_paragraph(tmp_path: Path):
    import zipfile

    made = make_hwpx(tmp_path / "made.hwpx")
    path = tmp_path / "inline.hwpx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "Contents/section0.xml":
                xml = data.decode("utf-8")
                assert xml.count("<hp:tbl ") == 1
                xml = xml.replace("<hp:tbl ", "<hp:t>앞 글</hp:t><hp:tbl ").replace("</hp:tbl>", "</hp:tbl><hp:t>뒤 글</hp:t>")
                data = xml.encode("utf-8")
            dst.writestr(info, data)
    kinds = [(b.kind, b.text if b.kind != "table" else "") for b in read(path).blocks]
    i = kinds.index(("paragraph", "앞 글"))
    assert kinds[i + 1][0] == "table" and kinds[i + 2] == ("paragraph", "뒤 글")


HANCOM_SAMPLES = Path(__file__).parent / "data" / "extract-hwp"


def test_hancom_made_hwp_and_hwpx_agree():
    hwp = read(HANCOM_SAMPLES / "sample_document.hwp")
    hwpx = read(HANCOM_SAMPLES / "sample_document.hwpx")
    assert hwp.format == "hwp" and hwpx.format == "hwpx"
    assert hwp.blocks[0].text == "동해 물과 백두산이 마르고 닳도록"
    assert [b.text for b in hwp.blocks] == [b.text for b in hwpx.blocks]


def test_hancom_made_password_hwp():
    from balju.errors import InputError

    with pytest.raises(InputError) as info:
        read(HANCOM_SAMPLES / "protected_document.hwp")
    assert "암호" in info.value.message
