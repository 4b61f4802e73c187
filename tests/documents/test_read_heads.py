"""Paragraph head marks (문단 머리: 글머리표·문단 번호·개요) drawn from the paragraph shape.

The marks asserted on the real RFPs were checked against the document as unhwp 0.23.1 renders it
(its Markdown shows the marks Hangul draws), noted where we deliberately differ.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from balju.documents import read
from balju.documents._common import bullet_char
from balju.documents.heads import Counters, Level, number_text, render
from documents_helpers import read_cached
from documents_samples import make_hwpx

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _lines(doc) -> list[str]:
    """Every paragraph line and every line of every table cell, in reading order."""
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "table":
            out += [line for row in b.rows for cell in row for line in cell.split("\n")]
        else:
            out += b.text.split("\n")
    return out


def _after(lines: list[str], start: str, n: int) -> list[str]:
    i = next(i for i, line in enumerate(lines) if line.startswith(start))
    return lines[i : i + n]


def _read_without_marks(path: Path, monkeypatch) -> object:
    from balju.documents import docx, hwp5, hwpx

    with monkeypatch.context() as m:
        m.setattr(hwp5._SectionReader, "_mark", lambda self, header: "")
        m.setattr(hwpx._SectionReader, "_mark", lambda self, p: "")
        m.setattr(docx._BodyReader, "_mark", lambda self, ppr: "")
        return read(path)


def _only_marks_added(marked, plain) -> int:
    """The two reads differ only by a mark and one space at the start of paragraphs and cell
    lines: same blocks, kinds, heading levels, positions and rows. Returns the number of marks."""
    assert len(marked.blocks) == len(plain.blocks)
    added = 0
    for a, b in zip(marked.blocks, plain.blocks):
        assert (a.kind, a.level, a.position, a.spans) == (b.kind, b.level, b.position, b.spans)
        if a.kind == "table":
            assert len(a.rows) == len(b.rows)
            pairs = [(x, y) for ra, rb in zip(a.rows, b.rows) for ca, cb in zip(ra, rb)
                     for x, y in zip(ca.split("\n"), cb.split("\n"))]
            assert all(ca.count("\n") == cb.count("\n") for ra, rb in zip(a.rows, b.rows)
                       for ca, cb in zip(ra, rb))
        else:
            assert a.text.count("\n") == b.text.count("\n")
            pairs = list(zip(a.text.split("\n"), b.text.split("\n")))
        for x, y in pairs:
            if x != y:
                mark, _, rest = x.partition(" ")
                assert rest == y and mark and len(mark) <= 4, (x, y)
                added += 1
    return added


# --- HWP 5.0, real RFPs ------------------------------------------------------------------------
def test_hwp_bullets_in_a_requirement_cell(rfp_dir: Path):
    """WeHub SFR-005: ○ items with • sub-items, all drawn from bullet paragraph shapes (○ U+25CB and
    Wingdings U+F09F → •), one mark per paragraph of the cell."""
    doc = read_cached(str(rfp_dir / "20241103380.hwp"))
    card = next(t for t in doc.tables() if ["요구사항 고유번호", "SFR-005"] in t.rows)
    details = dict((r[0], r[1]) for r in card.rows)["요구사항 내용"].split("\n")
    assert details[:4] == [
        "○ 효과적인 시스템 운영을 위하여 아래의 기본적인 시스템 관리 항목을 제공하는 플랫폼을 구축 및 도입한다.",
        "○ 콘텐츠 관리(CMS)",
        "• 홈페이지의 콘텐츠를 관리자가 입력, 수정, 삭제할 수 있도록 구성",
        "• 신규 콘텐츠 및 메뉴 카테고리를 생성, 수정, 삭제할 수 있도록 구성",
    ]
    assert details[7:9] == ["○ 게시판 관리",
                            "• 관리자가 게시판을 생성할 수 있도록 구성하고 각 게시판 별로 관리 및 접근권한을 "
                            "설정하여 운영할 수 있도록 구성(읽기, 쓰기, 삭제)"]
    # body paragraphs too
    lines = _lines(doc)
    assert _after(lines, "1. 사업 개요", 2) == ["1. 사업 개요", "○ 사업명 : 2024 조선대학교 SW중심대학 "
                                                               "사업관리시스템(WeHub) 구축"]


def test_hwp_numbering_counts_and_restarts_deeper_levels(rfp_dir: Path):
    """20241211469.hwp: level 1 '^1.' (digits) and level 2 '^2.' (가나다) of one numbering; a
    level-1 paragraph restarts level 2; a new numbering definition in the next chapter starts at 1."""
    lines = _lines(read_cached(str(rfp_dir / "20241211469.hwp")))
    assert _after(lines, "1. 사업범위", 4) == [
        "1. 사업범위",
        "가. 실시간 현장 영상 중계 및 커뮤니케이션 플랫폼 개발",
        "❍ 실시간 영상 중계 서버 개발",  # Wingdings U+F06D
        "- 홍수감시를 위한 관내 CCTV 연동 시스템 구축",
    ]
    heads = [line for line in lines if re.match(r"^(?:\d+|[가-하])\. ", line)]
    i = heads.index("1. 사업범위")
    assert [h.split(" ", 1)[0] for h in heads[i : i + 8]] == ["1.", "가.", "나.", "다.", "라.", "2.", "3.", "1."]
    assert heads[i + 5] == "2. 추진체계"
    # Wingdings U+F0A7 is ▪ (unhwp writes •)
    assert _after(lines, "❍ 통합모니터링 기능 및 화면 구조 설계", 2)[1] == "▪ 각 수집 디바이스별, 기능별 정보 구조정의"


def test_hwp_numbering_past_nine_in_a_table_cell(rfp_dir: Path):
    doc = read_cached(str(rfp_dir / "20241001798.hwp"))
    cell = next(c for t in doc.tables() for r in t.rows for c in r if "대외비 등 그 밖에" in c)
    lines = cell.split("\n")
    assert lines[0] == "1. 기관 소유의 정보시스템의 내· 외부 IP주소"
    assert lines[-2:] == ["10. 대외비 등 그 밖에 각급기관의 장이 공개가 불가하다고 판단한 자료",
                          "※ 사업기간 중 공개불가 자료 발생 시 상호 협의하여 추가 할 수 있음"]
    numbers = [int(m.group(1)) for m in (re.match(r"^(\d+)\. ", x) for x in lines) if m]
    assert numbers == list(range(1, 11))


def test_hwp_odd_head_characters(rfp_dir: Path):
    """20240408682.hwp: a numbering whose format is '^ㅇ' (a '^' before no level number: Hangul
    shows the ㅇ; unhwp leaves the caret) and a '-' bullet list."""
    lines = _lines(read_cached(str(rfp_dir / "20240408682.hwp")))
    assert _after(lines, "ㅇ 기록물 온전성 검증", 2) == [
        "ㅇ 기록물 온전성 검증",
        "- 전자문서시스템 기록물 인수 시 메타 정보 및 실제 물리적 전자파일의 정합성을 검증(암호화, 압축, 파일 손상 검증)",
    ]
    assert not any(line.startswith("^") for line in lines)


def test_hwp_marks_change_nothing_else(rfp_dir: Path, monkeypatch):
    path = rfp_dir / "20241103380.hwp"
    added = _only_marks_added(read_cached(str(path)), _read_without_marks(path, monkeypatch))
    assert added > 400


# --- our samples -------------------------------------------------------------------------------
def test_samples_hwp_and_hwpx_have_no_drawn_marks(monkeypatch):
    """hwp-converter-ai writes list marks as text; its outline shapes are used by no paragraph."""
    for name in ("sample_rfp.hwp", "sample_rfp.hwpx"):
        path = EXAMPLES / name
        assert _only_marks_added(read(path), _read_without_marks(path, monkeypatch)) == 0


def test_sample_docx_list_bullets(monkeypatch):
    """python-docx's 'List Bullet' style: numbering.xml bullet U+F0B7 in the Symbol font → •."""
    path = EXAMPLES / "sample_rfp.docx"
    doc = read(path)
    lines = _lines(doc)
    assert _after(lines, "1.2 추진배경 및 필요성", 2)[1].startswith("• 가상시는 공공 체육시설 24개소")
    assert _only_marks_added(doc, _read_without_marks(path, monkeypatch)) == 40


# --- HWPX (header.xml bullets / numberings / paraPr heading) -----------------------------------
_HWPX_MD = """# 시험

글머리 하나

글머리 둘

번호 하나

번호 둘

번호 아래

번호 셋

개요 문단

| 요구사항 고유번호 | 내용 |
|---|---|
| SFR-001 | 칸 안 글머리 |

끝 문단.
"""
_PARA = ('<hh:paraPr id="{id}" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="1" '
         'suppressLineNumbers="0" checked="0"><hh:align horizontal="JUSTIFY" vertical="BASELINE"/>'
         '<hh:heading type="{type}" idRef="{ref}" level="{level}"/></hh:paraPr>')


def _hwpx_with_heads(tmp_path: Path) -> Path:
    """A generated HWPX given a Wingdings bullet, and paragraph shapes with BULLET / NUMBER / OUTLINE
    heads (ids 90–93), as Hangul writes them (KS X 6101 header: hh:bullet, hh:paraPr/hh:heading)."""
    made = make_hwpx(tmp_path / "made.hwpx", markdown=_HWPX_MD)
    path = tmp_path / "heads.hwpx"
    shapes = {"글머리 하나": 90, "글머리 둘": 90, "칸 안 글머리": 90, "번호 하나": 91, "번호 둘": 91,
              "번호 아래": 92, "번호 셋": 91, "개요 문단": 93}
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "Contents/header.xml":
                xml = data.decode("utf-8")
                bullets = ('<hh:bullets itemCnt="1"><hh:bullet id="1" char="\uf09f" useImg="0">'
                           '<hh:paraHead level="0" align="LEFT" numFormat="DIGIT"/></hh:bullet></hh:bullets>')
                assert "</hh:numberings>" in xml and "</hh:paraProperties>" in xml
                xml = xml.replace("</hh:numberings>", "</hh:numberings>" + bullets, 1)
                extra = "".join(_PARA.format(id=i, type=t, ref=r, level=lv) for i, t, r, lv in (
                    (90, "BULLET", 1, 0), (91, "NUMBER", 1, 0), (92, "NUMBER", 1, 1), (93, "OUTLINE", 0, 0)))
                xml = xml.replace("</hh:paraProperties>", extra + "</hh:paraProperties>", 1)
                data = xml.encode("utf-8")
            elif info.filename == "Contents/section0.xml":
                xml = data.decode("utf-8")
                for text, shape in shapes.items():
                    at = xml.index(f">{text}<")
                    start = xml.rindex("<hp:p ", 0, at)
                    tag_end = xml.index(">", start)
                    tag = re.sub(r'paraPrIDRef="\d+"', f'paraPrIDRef="{shape}"', xml[start:tag_end])
                    xml = xml[:start] + tag + xml[tag_end:]
                data = xml.encode("utf-8")
            dst.writestr(info, data)
    return path


def test_hwpx_bullets_numbers_and_outline(tmp_path: Path, monkeypatch):
    path = _hwpx_with_heads(tmp_path)
    doc = read(path)
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert texts[texts.index("• 글머리 하나") :][:7] == [
        "• 글머리 하나", "• 글머리 둘", "1. 번호 하나", "2. 번호 둘", "가. 번호 아래", "3. 번호 셋",
        "1. 개요 문단",  # outline numbers count apart from paragraph numbers of the same definition
    ]
    table = doc.tables()[0]
    assert table.rows[1] == ["SFR-001", "• 칸 안 글머리"]
    assert texts[-1] == "끝 문단."
    assert _only_marks_added(doc, _read_without_marks(path, monkeypatch)) == 8


# --- DOCX (w:numPr → numbering.xml) ------------------------------------------------------------
def test_docx_numbered_and_bulleted_lists(tmp_path: Path, monkeypatch):
    import docx

    d = docx.Document()
    d.add_paragraph("머리 문단")
    d.add_paragraph("첫째 항목", style="List Number")
    d.add_paragraph("둘째 항목", style="List Number")
    d.add_paragraph("딸린 목록", style="List Number 2")
    d.add_paragraph("셋째 항목", style="List Number")
    d.add_paragraph("글머리 항목", style="List Bullet")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "세부 내용"
    t.cell(0, 1).paragraphs[0].text = "칸 안 항목"
    t.cell(0, 1).paragraphs[0].style = d.styles["List Bullet"]
    path = tmp_path / "lists.docx"
    d.save(str(path))
    doc = read(path)
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert texts == ["머리 문단", "1. 첫째 항목", "2. 둘째 항목", "1. 딸린 목록", "3. 셋째 항목", "• 글머리 항목"]
    assert doc.tables()[0].rows == [["세부 내용", "• 칸 안 항목"]]
    assert _only_marks_added(doc, _read_without_marks(path, monkeypatch)) == 6


# --- the pieces --------------------------------------------------------------------------------
@pytest.mark.parametrize("n,shape,text", [
    (3, "DIGIT", "3"), (3, "CIRCLED_DIGIT", "③"), (21, "CIRCLED_DIGIT", "㉑"), (4, "ROMAN_CAPITAL", "Ⅳ"),
    (14, "ROMAN_CAPITAL", "XIV"), (2, "ROMAN_SMALL", "ⅱ"), (27, "LATIN_CAPITAL", "AA"), (3, "LATIN_SMALL", "c"),
    (1, "HANGUL_SYLLABLE", "가"), (14, "HANGUL_SYLLABLE", "하"), (15, "HANGUL_SYLLABLE", "가가"),
    (2, "CIRCLED_HANGUL_SYLLABLE", "㉯"), (3, "HANGUL_JAMO", "ㄷ"), (3, "CIRCLED_HANGUL_JAMO", "㉢"),
    (21, "HANGUL_PHONETIC", "이십일"), (10, "IDEOGRAPH", "十"), (3, "CIRCLED_IDEOGRAPH", "㊂"),
    (4294967295, "HANGUL_SYLLABLE", "4294967295"),  # a hostile start number stays small
])
def test_number_shapes(n, shape, text):
    assert number_text(n, shape) == text


def test_formats_and_counters():
    assert render("^1.^2)", [3, 2], ["DIGIT", "HANGUL_SYLLABLE"]) == "3.나)"
    assert render("^N", [1, 2], ["DIGIT", "DIGIT"]) == "1.2."
    assert render("(%1)", [4], ["CIRCLED_DIGIT"], word=True) == "(④)"
    levels = [Level("^1.", "DIGIT"), Level("^2)", "HANGUL_SYLLABLE"), Level("(^3)", "DIGIT", start=5)]
    c = Counters()
    marks = [c.mark("a", levels, k) for k in (0, 1, 1, 2, 0, 1, 2)] + [c.mark("b", levels, 0)]
    assert marks == ["1.", "가)", "나)", "(5)", "2.", "가)", "(5)", "1."]
    assert c.mark("a", levels, 7) == ""  # no such level: no mark


@pytest.mark.parametrize("ch,font,mark", [
    ("\uf09f", "", "•"), ("\uf0a7", "", "▪"), ("\uf06d", "", "❍"), ("\xad", "", "-"), ("\u0335", "", "-"),
    ("\uf0b7", "Symbol", "•"), ("§", "Wingdings", "▪"), ("Ø", "Wingdings", "➢"), ("o", "Courier New", "o"),
    ("○", "", "○"),
])
def test_bullet_characters(ch, font, mark):
    assert bullet_char(ch, font) == mark
