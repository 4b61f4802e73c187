"""Bad inputs give one clear InputError naming the file, what is wrong and the fix (오류 입력)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from balju.documents import _common, read
from balju.errors import InputError
from documents_samples import (
    garble_hwp_section,
    make_docx,
    make_encrypted_pdf,
    make_hwp,
    make_hwpx,
    make_pdf,
    make_scanned_pdf,
    set_hwp_flags,
    zip_bomb,
)


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read(path)
    err = info.value
    assert err.file == str(path)
    assert err.fix, "every input error tells the user what to do"
    assert "(" in err.message, "Korean first, English in parentheses"
    return err


@pytest.mark.parametrize("ext", [".hwp", ".hwpx", ".pdf", ".docx", ".txt", ".md"])
def test_empty_file(tmp_path: Path, ext: str):
    path = tmp_path / f"empty{ext}"
    path.write_bytes(b"")
    assert "빈 파일" in _error(path).message


@pytest.mark.parametrize("name", ["a.doc", "a.xlsx", "a.hwt", "noext"])
def test_unknown_extension(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"hello")
    err = _error(path)
    assert "지원하지 않는 파일 형식" in err.message
    assert ".hwp" in err.fix


def test_missing_file(tmp_path: Path):
    assert "파일이 없습니다" in _error(tmp_path / "nothere.hwp").message


def test_password_hwp(tmp_path: Path):
    path = set_hwp_flags(make_hwp(tmp_path / "pw.hwp"), 0x2)
    assert "암호" in _error(path).message


def test_distribution_hwp(tmp_path: Path):
    path = set_hwp_flags(make_hwp(tmp_path / "dist.hwp"), 0x4)
    err = _error(path)
    assert "배포용" in err.message and "distribution" in err.message


def test_corrupt_hwp_body(tmp_path: Path):
    path = garble_hwp_section(make_hwp(tmp_path / "bad.hwp"))
    assert "손상" in _error(path).message


def test_truncated_hwp(tmp_path: Path):
    whole = make_hwp(tmp_path / "whole.hwp").read_bytes()
    path = tmp_path / "cut.hwp"
    path.write_bytes(whole[: len(whole) // 3])
    assert "손상" in _error(path).message


def test_hwp3_is_refused(tmp_path: Path):
    path = tmp_path / "old.hwp"
    path.write_bytes(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + b"\0" * 200)
    assert "HWP 3.0" in _error(path).message


def test_random_bytes_as_hwp(tmp_path: Path):
    path = tmp_path / "noise.hwp"
    path.write_bytes(bytes(range(256)) * 8)
    assert "손상" in _error(path).message


@pytest.mark.parametrize(
    "real,claimed,expect",
    [
        ("pdf", "x.hwp", "PDF"),
        ("hwp", "x.pdf", "HWP 5.0"),
        ("hwpx", "x.docx", "HWPX"),
        ("docx", "x.hwpx", "DOCX"),
        ("hwpx", "x.hwp", "HWPX"),
        ("docx", "x.txt", "DOCX"),
    ],
)
def test_content_not_what_extension_says(tmp_path: Path, real: str, claimed: str, expect: str):
    makers = {"pdf": make_pdf, "hwp": make_hwp, "hwpx": make_hwpx, "docx": make_docx}
    made = makers[real](tmp_path / f"real.{real}") if real != "pdf" else make_pdf(tmp_path / "real.pdf", rows=3)
    path = tmp_path / claimed
    path.write_bytes(made.read_bytes())
    err = _error(path)
    assert "확장자" in err.message and expect in err.message
    assert f".{real}" in err.fix  # tells the right extension


def test_png_named_pdf(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "이미지" in _error(path).message


def test_scanned_pdf_suggests_ocr(tmp_path: Path):
    err = _error(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert "스캔" in err.message and "text layer" in err.message
    assert "OCR" in err.fix


def test_encrypted_pdf(tmp_path: Path):
    assert "암호" in _error(make_encrypted_pdf(tmp_path / "pw.pdf")).message


def test_corrupt_pdf(tmp_path: Path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage " * 100)
    assert "손상" in _error(path).message


def test_broken_zip_docx(tmp_path: Path):
    whole = make_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "손상" in _error(path).message


def test_bad_xml_docx(tmp_path: Path):
    path = tmp_path / "badxml.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>unclosed")
    assert "XML" in _error(path).message


def test_hwpx_zip_bomb_by_ratio(tmp_path: Path):
    path = zip_bomb(tmp_path / "bomb.hwpx", "mimetype",
                    {"mimetype": b"application/hwp+zip", "Contents/header.xml": b"<head/>"},
                    "Contents/section0.xml", bomb_mb=40)
    assert "압축 폭탄" in _error(path).message


def test_docx_zip_bomb_by_total_size(tmp_path: Path, monkeypatch):
    # the total inflated size is bounded; shown here with a small limit and an honest ratio
    monkeypatch.setattr(_common, "MAX_DECOMPRESSED_BYTES", 1024 * 1024)
    body = ("<w:p><w:r><w:t>" + "가나다라마바사" * 20 + "</w:t></w:r></w:p>") * 4000
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    assert "압축 폭탄" in _error(path).message


def test_docx_zip_bomb_by_ratio(tmp_path: Path):
    path = zip_bomb(tmp_path / "bomb.docx", "[Content_Types].xml",
                    {"[Content_Types].xml": b"<Types/>"}, "word/document.xml", bomb_mb=40)
    assert "압축 폭탄" in _error(path).message


def test_binary_txt(tmp_path: Path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    assert "확장자" in _error(path).message


def test_directory(tmp_path: Path):
    d = tmp_path / "dir.hwp"
    d.mkdir()
    assert "파일이 아닙니다" in _error(d).message


def test_hwp_inflate_is_bounded(tmp_path: Path, monkeypatch):
    path = make_hwp(tmp_path / "s.hwp")
    monkeypatch.setattr(_common, "MAX_DECOMPRESSED_BYTES", 2000)
    assert "압축 폭탄" in _error(path).message


def test_absurdly_deep_nesting_docx(tmp_path: Path):
    deep = "<w:sdt><w:sdtContent>" * 5000 + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 5000
    path = tmp_path / "deep.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body>{deep}</w:body></w:document>')
    assert "손상" in _error(path).message


def test_xml_entity_bomb_hwpx(tmp_path: Path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
            + ']><hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section">&i;</hs:sec>')
    path = tmp_path / "laughs.hwpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr("Contents/section0.xml", bomb)
    _error(path)  # expat refuses the expansion: reported as a corrupt file, quickly


def test_pdf_with_a_huge_grid_is_bounded(tmp_path: Path):
    """A page drawn with a 239×239 grid: tables are not looked for (bounded time), with a warning."""
    import time

    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("helvetica", size=6)
    pdf.text(30, 20, "SFR-001 over a drawing")
    n = 240
    for i in range(n):
        pdf.line(30, 30 + i * 3.0, 30 + (n - 1) * 2.2, 30 + i * 3.0)
        pdf.line(30 + i * 2.2, 30, 30 + i * 2.2, 30 + (n - 1) * 3.0)
    path = tmp_path / "grid.pdf"
    pdf.output(str(path))
    start = time.perf_counter()
    doc = read(path)
    assert time.perf_counter() - start < 5
    assert "SFR-001" in doc.text()
    assert any("표를 찾지 않은 쪽: 1" in w for w in doc.warnings)


def test_hwp_record_count_is_bounded(tmp_path: Path, monkeypatch):
    from balju.documents import hwp5

    monkeypatch.setattr(hwp5, "MAX_RECORDS", 10)
    err = _error(make_hwp(tmp_path / "s.hwp"))
    assert "레코드가 너무 많습니다" in err.message


def test_xml_part_size_is_bounded(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(_common, "MAX_XML_BYTES", 1000)
    err = _error(make_docx(tmp_path / "s.docx"))
    assert "XML" in err.message and "너무 큽니다" in err.message


def test_hwpx_section_too_large_says_so(tmp_path: Path, monkeypatch):
    path = make_hwpx(tmp_path / "s.hwpx")
    monkeypatch.setattr(_common, "MAX_XML_BYTES", 1000)
    assert "너무 큽니다" in _error(path).message
