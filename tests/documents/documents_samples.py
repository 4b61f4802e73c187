"""Small documents made in the tests, in every format, with known content (생성 시료)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")

REQ_ROWS = [("SFR-001", "로그인", "사용자 로그인 기능"), ("SFR-002", "검색", "통합 검색 기능"),
            ("PER-001", "응답 시간", "3초 이내 응답")]

MARKDOWN = """# 제안요청서 시험

## 1. 사업 개요

본 사업은 한글 문서 읽기 시험입니다.

| 요구사항 고유번호 | 요구사항 명칭 | 내용 |
|---|---|---|
""" + "".join(f"| {a} | {b} | {c} |\n" for a, b, c in REQ_ROWS) + """
끝 문단.
"""


def make_hwp(path: Path, markdown: str = MARKDOWN) -> Path:
    from hwp_converter_ai import HwpWriter

    HwpWriter().from_markdown(markdown, Path(path))
    return Path(path)


def make_hwpx(path: Path, markdown: str = MARKDOWN) -> Path:
    from hwp_converter_ai import HwpxGenerator

    HwpxGenerator().from_markdown(markdown, output_path=Path(path))
    return Path(path)


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "시험 제안요청서"
    d.core_properties.author = "시험기관"
    d.add_heading("Ⅰ. 사업 개요", level=1)
    d.add_paragraph("본 사업은 Word 문서 읽기 시험입니다.")
    d.add_heading("요구사항 목록", level=2)
    t = d.add_table(rows=1 + len(REQ_ROWS), cols=3)
    for j, h in enumerate(("요구사항 고유번호", "요구사항 명칭", "내용")):
        t.cell(0, j).text = h
    for i, row in enumerate(REQ_ROWS, start=1):
        for j, value in enumerate(row):
            t.cell(i, j).text = value
    # a requirement "card" with merged cells: the label spans two rows, the ID spans two columns
    card = d.add_table(rows=3, cols=3)
    card.cell(0, 0).text = "요구사항 고유번호"
    card.cell(0, 1).merge(card.cell(0, 2)).text = "SFR-003"
    card.cell(1, 0).merge(card.cell(2, 0)).text = "세부 내용"
    card.cell(1, 1).text = "정의"
    card.cell(1, 2).text = "관리자 화면"
    card.cell(2, 1).text = "세부"
    card.cell(2, 2).text = "등록·수정·삭제"
    d.add_paragraph("끝 문단.")
    d.save(str(path))
    return Path(path)


def make_pdf(path: Path, rows: int = 80) -> Path:
    """A PDF with a heading, a paragraph and a ruled requirement table running over pages."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("Nanum", fname=str(FONT))
    pdf.set_font("Nanum", size=10)
    pdf.set_title("시험 제안요청서")
    pdf.set_author("시험기관")
    pdf.add_page()
    pdf.cell(text="Ⅰ. 사업 개요", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "본 사업은 한글 PDF 읽기를 시험하기 위한 사업이다.")
    with pdf.table(col_widths=(30, 40, 100), headings_style=FontFace()) as table:
        r = table.row()
        for c in ("요구사항 고유번호", "요구사항 명칭", "내용"):
            r.cell(c)
        for i in range(1, rows + 1):
            r = table.row()
            for c in (f"SFR-{i:03d}", f"기능 {i}", f"사용자가 기능 {i}을(를) 쓸 수 있어야 함"):
                r.cell(c)
    pdf.multi_cell(0, 6, "끝 문단.")
    pdf.output(str(path))
    return Path(path)


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is a picture (as a scanner makes): no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buf, x=10, y=10, w=180)
    pdf.output(str(path))
    return Path(path)


def make_encrypted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="secret")
    pdf.output(str(path))
    return Path(path)


def set_hwp_flags(path: Path, flags: int) -> Path:
    """Set bits of the HWP FileHeader property word (1 compressed, 2 password, 4 distribution)."""
    import struct

    import olefile

    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        header = bytearray(ole.openstream("FileHeader").read())
        (old,) = struct.unpack_from("<I", header, 36)
        struct.pack_into("<I", header, 36, old | flags)
        ole.write_stream("FileHeader", bytes(header))
    return path


def garble_hwp_section(path: Path) -> Path:
    """Overwrite the compressed body section with bytes that do not inflate."""
    import olefile

    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        size = len(ole.openstream("BodyText/Section0").read())
        ole.write_stream("BodyText/Section0", bytes([0xFF]) * size)
    return path


def zip_bomb(path: Path, first: str, members: dict[str, bytes], bomb_name: str,
             bomb_mb: int) -> Path:
    """A zip shaped like HWPX/DOCX whose ``bomb_name`` member inflates to ``bomb_mb`` MB of zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo(first), members.pop(first), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            z.writestr(name, data)
        with z.open(bomb_name, "w", force_zip64=True) as f:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(bomb_mb):
                f.write(chunk)
    return path


def make_card_pdf(path: Path, cards: int = 12) -> Path:
    """A PDF of requirement cards: one small ruled table per requirement, same first row each."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("Nanum", fname=str(FONT))
    pdf.set_font("Nanum", size=10)
    pdf.add_page()
    for i in range(1, cards + 1):
        with pdf.table(col_widths=(40, 130), headings_style=FontFace(), first_row_as_headings=False) as t:
            for label, value in (("요구사항 분류", "기능 요구사항"), ("요구사항 고유번호", f"SFR-{i:03d}"),
                                 ("요구사항 명칭", f"기능 {i}"),
                                 ("세부 내용", "\n".join(f"- 세부 항목 {k}" for k in range(1, 6)))):
                r = t.row()
                r.cell(label)
                r.cell(value)
        pdf.ln(5)  # cards are apart on the page, as agencies lay them out
    pdf.output(str(path))
    return Path(path)
