"""The PDF report opens, starts with the summary, agrees with the JSON and embeds NanumGothic.

The pages are also rendered with ``pdftoppm -png -r 50`` so a person can look at them; docs/reports.md
says what was seen.
"""

from __future__ import annotations

import ctypes
import re
import subprocess

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from balju import report
from balju.report.html import TEMPLATES
from balju.report.view import won


@pytest.fixture(scope="module")
def pages(written) -> list[str]:
    pdf = pdfium.PdfDocument(str(written["pdf"]))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def flat(text: str) -> str:
    """Text with line breaks and spacing removed (table cells wrap anywhere)."""
    return re.sub(r"\s+", "", text)


def section(pages: list[str], start: str, end: str | None) -> str:
    text = "\n".join(pages)
    first = text.index(start)
    return text[first: text.index(end, first) if end else len(text)]


def test_summary_page_first(pages, review_data):
    first = pages[0]
    est = review_data["estimate"]
    assert review_data["facts"]["project_name"]["value"] in first
    assert review_data["facts"]["agency"]["value"] in first
    assert review_data["as_of"] in first
    assert won(est["total"]) in first
    rng = review_data["estimate_range"]
    assert f"{won(rng['low'])} ~ {won(rng['high'])}" in first
    assert review_data["budget"]["verdict_ko"] in flat(first) or flat(review_data["budget"]["verdict_ko"]) in flat(first)
    assert "사람이 확인할 것" in first and "미검증 규칙" in first
    for rule in review_data["uncertainty"]["unverified_rules"]:
        assert flat(rule["description"]) in flat(first)
    for item in review_data["uncertainty"]["to_confirm"]:
        assert flat(item) in flat(first)
    errors = [f for f in review_data["findings"] if f["severity"] == "error"]
    for f in errors:  # every error is among the top findings
        assert flat(f["message"]) in flat(first)


def test_summary_is_one_page(pages):
    assert pages[1].startswith("1. 사업 정보")


def test_uncertainty_section(pages, review_data):
    text = flat(section(pages, "6. 불확실한 점", None))
    for rule in review_data["uncertainty"]["unverified_rules"]:
        assert flat(rule["name"]) in text and flat(rule["reference"]) in text


def test_page_numbers_n_of_n(pages):
    total = len(pages)
    assert total >= 5
    for i, text in enumerate(pages, start=1):
        assert f"{i} / {total}" in text


def test_totals_agree(pages, review_data):
    text = flat("\n".join(pages))
    est = review_data["estimate"]
    for line in est["lines"]:
        if line["amount"] is not None:
            assert flat(won(line["amount"])) in text, line["key"]
    fp = section(pages, "2. 기능점수 산정표", "3. 개발원가 산정표")
    assert f"합계 ({len(review_data['functions'])}개 기능) {est['fp_total']}" in fp.replace("\n", " ")
    for f in review_data["functions"]:
        assert flat(f["name"]) in flat(fp)


def test_each_compliance_status(pages, review_data):
    text = section(pages, "4. 법제도 점검표", "5. 요구사항 검토의견")
    rows = flat(text)
    summary = review_data["compliance"]["summary"]
    labels = {"found": "적합", "missing": "누락", "not_applicable": "해당없음"}
    assert f"적합 {summary['found']} · 누락 {summary['missing']} · 해당없음 {summary['not_applicable']}" in text
    for status in ("found", "missing"):  # once per item, once in the line above ("해당 없음" is also a fix)
        assert rows.count(labels[status]) == summary[status] + 1, status
    for item in review_data["compliance"]["items"]:
        if item.get("note"):
            assert flat(item["note"]) in rows
    # each item: its number and name followed by its status
    for item in review_data["compliance"]["items"]:
        assert flat(f"{item['no']}{item['name']}{labels[item['status']]}") in rows, item["name"]


def test_findings_count(pages, review_data):
    """All findings are counted; errors and warnings are listed one by one, 참고 by kind."""
    text = section(pages, "5. 요구사항 검토의견", "6. 불확실한 점")
    findings = review_data["findings"]
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    assert f"모두 {len(findings)}건 — 오류 {counts['error']} · 경고 {counts['warning']} · 참고 {counts['info']}" in text
    assert f"오류·경고 {counts['error'] + counts['warning']}건" in text
    rows = flat(text)
    for f in findings:
        if f["severity"] != "info":
            assert flat(f["message"]) in rows
    # the table of kinds: one row per (severity, code) with its count; the counts add up to all findings
    kinds: dict[tuple[str, str], int] = {}
    for f in findings:
        kinds[(f["severity"], f["code"])] = kinds.get((f["severity"], f["code"]), 0) + 1
    labels = {"error": "오류", "warning": "경고", "info": "참고"}
    kind_table = flat(text.split("검토 의견 (오류·경고")[0])
    for (severity, code), n in kinds.items():
        assert f"{labels[severity]}" in kind_table and f"{code}{n}" in kind_table, code
    assert sum(kinds.values()) == len(findings)
    assert "부록. 요구사항 목록" not in "".join(pages)  # in the XLSX and HTML only


def _fonts(path) -> list[tuple[str, bool]]:
    """(base font name, embedded) of every text object, read with pdfium."""
    found = set()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
                font = raw.FPDFTextObj_GetFont(obj.raw)
                size = raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFFont_GetBaseFontName(font, buffer, size)
                name = bytes(buffer).rstrip(b"\0").decode("latin-1")
                found.add((name, bool(raw.FPDFFont_GetIsEmbedded(font))))
    finally:
        pdf.close()
    return sorted(found)


def test_nanum_gothic_embedded(written):
    fonts = _fonts(written["pdf"])
    assert fonts, "no text objects"
    assert all("NanumGothic" in name and embedded for name, embedded in fonts), fonts
    # poppler-utils is installed by scripts/install-system.sh
    out = subprocess.run(["pdffonts", str(written["pdf"])], capture_output=True, text=True, check=True).stdout
    nanum = [line for line in out.splitlines() if "NanumGothic" in line]
    assert nanum and all(" yes " in line for line in nanum), out


def test_tables_break_cleanly_template():
    """Every PDF table comes from one Typst function: header repeated on each page, rows never split."""
    typ = (TEMPLATES / "report.typ").read_text(encoding="utf-8")
    assert "set table.cell(breakable: false)" in typ
    assert "table.header(" in typ
    assert len(re.findall(r"(?<![-.\w])table\(", typ)) == 1  # no table outside grid-table
    assert 'counter(page).display("1 / 1", both: true)' in typ


def test_long_table_repeats_its_header_and_keeps_rows_whole(review, tmp_path):
    """A findings table over several pages: the header again at the top of each page, no row cut."""
    warnings = [f for f in review["findings"] if f["severity"] == "warning"]
    review["findings"] = [dict(f, message=f"{f['message']} [{i}]") for i in range(12) for f in warnings]
    path = report.write(review, "pdf", tmp_path / "long.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    start = next(i for i, t in enumerate(texts) if t.startswith("5. 요구사항 검토의견"))
    end = next(i for i, t in enumerate(texts) if "6. 불확실한 점" in t)
    assert end - start >= 2, "the table should run over pages"
    for text in texts[start + 1:end + 1]:
        assert flat(text).startswith("번호심각도요구사항의견과인용조치"), text[:80]
    listed = flat("".join(texts[start:end + 1]))
    for f in review["findings"]:  # every message whole on one page
        assert flat(f["message"]) in listed


def test_pages_render_to_png(written, tmp_path, pages):
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(written["pdf"]), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(pages)
    assert all(p.stat().st_size > 5_000 for p in images)


def test_summary_stays_one_page_with_long_lists(review, tmp_path):
    """Real reviews carry ~10 unverified rules and long notes; the summary must still be page 1 alone."""
    unc = review["uncertainty"]
    base = list(unc["unverified_rules"])
    unc["unverified_rules"] = [
        {**base[i % len(base)], "name": f"rule.{i}", "description": base[i % len(base)]["description"] + " — 설명"}
        for i in range(10)
    ]
    unc["to_confirm"] = [item + " — 발주기관 산정 양식과 대조해 확인하세요." for item in unc["to_confirm"]] * 3
    review["budget"]["why"] = review["budget"]["why"] * 2
    path = report.write(review, "pdf", tmp_path / "long.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        first = pdf[0].get_textpage().get_text_range()
        second = pdf[1].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert second.startswith("1. 사업 정보")
    assert re.search(r"외 \d+개는 6절", first) and "외 2개." in first


def test_no_text_outside_the_page_margins(written):
    """A table wider than the page (widths adding past 100 % with padding) would cut text off."""
    pdf = pdfium.PdfDocument(str(written["pdf"]))
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            width = page.get_width()
            margin = 13 / 25.4 * 72 - 2  # 13 mm side margins in the CSS, less 2 pt of slack
            text = page.get_textpage()
            for i in range(text.count_chars()):
                left, _, right, _ = text.get_charbox(i)
                if right > left and not text.get_text_range(i, 1).isspace():  # skip spaces and line ends
                    assert margin <= left and right <= width - margin, (number + 1, text.get_text_range(i, 1))
    finally:
        pdf.close()


def test_pdf_groups_functions_by_requirement(pages, review_data):
    """The PDF's 기능점수 산정표 has one row per requirement; the rows add up to the JSON's FP total."""
    from balju.report.view import build

    view = build(review_data)
    groups = view.function_groups
    assert sum(sum(g.count_by_type.values()) for g in groups) == len(review_data["functions"])
    assert round(sum(g.fp for g in groups), 2) == round(review_data["estimate"]["fp_total"], 2)
    by_requirement: dict[str, float] = {}
    for f in review_data["functions"]:
        by_requirement[f["requirement_id"]] = by_requirement.get(f["requirement_id"], 0) + f["weight"]
    assert {g.requirement_id: g.fp for g in groups} == pytest.approx(by_requirement)
    table = flat(section(pages, "2. 기능점수 산정표", "3. 개발원가 산정표"))
    for g in groups:
        assert g.requirement_id in table
