"""`balju review` end to end on our own sample RFP in every format (examples/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balju.cli import main
from balju.pipeline import review

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FORMATS = ["hwp", "hwpx", "docx", "pdf", "md"]


@pytest.fixture(scope="module")
def reviews():
    return {fmt: review(EXAMPLES / f"sample_rfp.{fmt}") for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_review_reads_the_facts_the_answer_key_gives(reviews, fmt):
    result = reviews[fmt]
    data = result.to_dict()
    json.dumps(data, ensure_ascii=False)  # JSON-ready throughout
    assert data["as_of"] == "2026-11-01"  # "2026. 11." on the cover (examples/README.md §1)
    assert data["facts"]["budget"]["value"] == 330_000_000
    assert data["facts"]["vat_included"]["value"] is True
    assert data["requirement_summary"]["total"] == 28
    assert data["requirement_summary"]["by_category"]["SFR"] == 12
    # The estimate prices exactly the functions listed, at the unit price in force on 2026-11-01.
    assert data["estimate"]["unit_price"] == 605_784
    weights = {"ILF": 7.5, "EIF": 5.4, "EI": 4.0, "EO": 5.2, "EQ": 3.9}
    assert data["estimate"]["fp_total"] == pytest.approx(sum(weights[f["type"]] for f in data["functions"]))
    assert data["budget"]["stated_budget"] == 330_000_000
    assert data["uncertainty"]["unverified_rules"], "the rounding rule is unverified and must be listed"


def test_formats_agree(reviews):
    ids = {fmt: [r.id for r in reviews[fmt].requirements] for fmt in FORMATS}
    assert all(ids[fmt] == ids["hwp"] for fmt in FORMATS), ids


def test_the_proposal_is_the_same_from_hwp_hwpx_docx_and_markdown(reviews):
    # The HWP and HWPX writers put a table cell in one paragraph, so the detail lines '① 회원 가입 …',
    # '② 회원정보 수정 …' arrive joined on one line (scripts/make_examples.py); the DOCX and the
    # Markdown source keep them apart. Read as one item per circled number, the four give the same
    # proposal: 73 candidates, of which v6 leaves out 6 EI under 신뢰도 0.4 (functions.leave_out_below),
    # so the list is 67 functions, ILF 12 × 7.5 + EI 28 × 4.0 + EO 2 × 5.2 + EQ 25 × 3.9 = 309.9 FP.
    # (The PDF's cells wrap mid-phrase, docs/readers.md, and it proposes 77 candidates.)
    listed = {fmt: [(f.requirement_id, f.type, f.name) for f in reviews[fmt].functions + reviews[fmt].left_out]
              for fmt in ("hwp", "hwpx", "docx", "md")}
    assert all(listed[fmt] == listed["md"] for fmt in listed), {fmt: len(v) for fmt, v in listed.items()}
    assert (len(reviews["hwp"].functions), len(reviews["hwp"].left_out)) == (67, 6)
    assert {(f.type, f.note) for f in reviews["hwp"].left_out} == {("EI", "입력 → EI"), ("EI", "변경 → EI")}
    by_type = {t: sum(1 for f in reviews["hwp"].functions if f.type == t) for t in ("ILF", "EIF", "EI", "EO", "EQ")}
    assert by_type == {"ILF": 12, "EIF": 0, "EI": 28, "EO": 2, "EQ": 25}
    assert reviews["hwp"].to_dict()["estimate"]["fp_total"] == 12 * 7.5 + 28 * 4.0 + 2 * 5.2 + 25 * 3.9 == 309.9
    # each function's 근거 is its own item of the cell, not the cell's first words
    login = next(f for f in reviews["hwp"].functions if f.name == "로그인")
    assert login.evidence.startswith("회원 로그인") and "회원 가입" not in login.evidence


def test_the_left_out_candidates_travel_in_the_json_and_the_report(reviews):
    """v6's six candidates (docs/review-json.md): listed apart, not priced in the list, priced as a
    budget point with the list (309.9 + 6 × 4.0 = 333.9 FP), named for a person to confirm, and
    counted in the report's 불확실한 점."""
    from balju.report import render_html

    data = reviews["hwp"].to_dict()
    left_out = data["left_out_functions"]
    assert [(f["requirement_id"], f["type"], f["weight"]) for f in left_out] == [
        ("SFR-001", "EI", 4), ("SFR-001", "EI", 4), ("SFR-003", "EI", 4), ("SFR-003", "EI", 4),
        ("SFR-003", "EI", 4), ("SFR-009", "EI", 4)]
    assert all(f["confidence"] < 0.4 and f["note"] for f in left_out)
    assert not {f["name"] for f in left_out} & {f["name"] for f in data["functions"] if f["requirement_id"] == "SFR-003"}
    assert (data["uncertainty"]["left_out_functions"], data["uncertainty"]["left_out_below"]) == (6, 0.4)
    assert data["budget"]["left_out_functions"] == 6
    points = {p["key"]: p["fp_total"] for p in data["budget"]["points"]}
    assert (points["simple"], points["left_out_included"], points["proposal_calibrated"]) == (309.9, 333.9, 263.781)
    assert any(line.startswith("신뢰도 0.4 미만이라 목록에서 뺀 후보 6개가 있습니다") for line in data["uncertainty"]["to_confirm"])
    assert "신뢰도가 낮아 목록에서 뺀 후보 6개" in render_html(data)


def test_cli_review_writes_reports_that_agree_with_the_json(tmp_path, capsys):
    code = main(["review", str(EXAMPLES / "sample_rfp.hwp"), "-o", str(tmp_path), "--json", "--quiet"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".html", ".json", ".pdf", ".xlsx"]
    saved = json.loads((tmp_path / "sample_rfp.json").read_text(encoding="utf-8"))
    assert saved["estimate"] == data["estimate"]

    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "sample_rfp.xlsx")
    values = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
    assert data["estimate"]["development_cost"] in values or data["estimate"]["total"] in values

    import pypdfium2

    pdf = pypdfium2.PdfDocument(tmp_path / "sample_rfp.pdf")
    first_page = pdf[0].get_textpage().get_text_range()
    assert f"{data['estimate']['total']:,}" in first_page or f"{data['estimate']['development_cost']:,}" in first_page


def test_cli_review_summary_in_korean(tmp_path, capsys):
    code = main(["review", str(EXAMPLES / "sample_rfp.docx"), "-o", str(tmp_path), "-f", "json", "--as-of", "2024-05-12"])
    assert code == 0
    out = capsys.readouterr().out
    assert "사업예산: 330,000,000원" in out and "553,114원/FP" in out


@pytest.mark.parametrize(
    "args, text",
    [(["missing.hwp"], "missing.hwp"), (["--as-of", "2024-13-01"], "YYYY-MM-DD"), (["-f", "doc"], "doc")],
)
def test_cli_review_bad_input_exit_2(tmp_path, capsys, args, text):
    if args[0].startswith("-"):
        args = [str(EXAMPLES / "sample_rfp.md"), *args]
    else:
        args = [str(tmp_path / args[0])]
    assert main(["review", *args, "-o", str(tmp_path / "out")]) == 2
    assert text in capsys.readouterr().err


def test_review_of_an_rfp_dated_before_the_sw_promotion_act(tmp_path):
    """An RFP priced on 2019-06-30: 2014 unit price, and the 18-item check (from 2020-12-10) says it
    did not run instead of failing."""
    result = review(EXAMPLES / "sample_rfp.md", "2019-06-30")
    data = result.to_dict()
    assert data["estimate"]["unit_price"] == 519_203
    assert data["compliance"]["items"] == []
    assert any(f["code"] == "law.rfp-check-not-in-force" for f in data["findings"])


def test_review_with_a_corrected_function_list(tmp_path, capsys):
    """A person's list (examples/functions.yaml, 247.5 FP by hand) replaces the proposal: the review
    prices exactly what `balju estimate` prices for that list, and the budget verdict follows it."""
    corrected = EXAMPLES / "functions.yaml"
    assert main(["estimate", str(corrected), "--as-of", "2026-11-01", "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert main(["review", str(EXAMPLES / "sample_rfp.hwpx"), "--functions", str(corrected),
                 "-o", str(tmp_path), "-f", "json", "--json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["function_source"] == "corrected"
    assert data["budget"]["function_source"] == "corrected"
    assert data["estimate"]["fp_total"] == alone["fp_total"] == 247.5
    assert data["estimate"]["development_cost"] == alone["development_cost"]
    # 247.5 FP → 사업금액 (VAT incl.) compared with the 330,000,000원 budget on the same basis
    assert data["budget"]["guide_price"] == alone["total"]
    expected_gap = round((330_000_000 - alone["total"]) / alone["total"] * 100, 1)
    assert data["budget"]["gap_percent"] == pytest.approx(expected_gap, abs=0.1)


def test_cli_review_saves_into_the_store_when_asked(tmp_path, capsys, monkeypatch):
    from balju.store import Store

    monkeypatch.delenv("BALJU_DB", raising=False)
    db = tmp_path / "db" / "balju.db"
    args = ["review", str(EXAMPLES / "sample_rfp.hwp"), "-o", str(tmp_path / "out"), "-f", "json"]
    assert main([*args, "--db", str(db)]) == 0
    assert "저장: 검토 #1" in capsys.readouterr().out
    written = json.loads((tmp_path / "out" / "sample_rfp.json").read_text(encoding="utf-8"))
    with Store(str(db)) as store:
        [summary] = store.list_reviews()
        # the sample's 사업예산 (examples/sample_rfp.md) and its 간이법 total (67 functions, 309.9 FP)
        assert (summary.stated_budget, str(summary.fp_total), summary.function_count) == (330_000_000, "309.9", 67)
        assert store.get_review(summary.id)["estimate"] == written["estimate"]
    # BALJU_DB saves too; without either nothing is written
    monkeypatch.setenv("BALJU_DB", str(db))
    assert main([*args, "-q"]) == 0
    monkeypatch.delenv("BALJU_DB")
    assert main([*args, "-q"]) == 0
    with Store(str(db)) as store:
        assert store.count_reviews() == 2


def test_cli_review_bad_db_fails_before_the_review(tmp_path, capsys):
    code = main(["review", str(EXAMPLES / "sample_rfp.md"), "-o", str(tmp_path / "out"),
                 "--db", "postgresql+psycopg://u:pw@127.0.0.1:notaport/x"])
    assert code == 2
    assert "데이터베이스 주소를 읽을 수 없습니다" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_review_keeps_the_file_only_when_asked(tmp_path, capsys, monkeypatch):
    import hashlib

    from balju.store import Store

    monkeypatch.delenv("BALJU_DB", raising=False)
    rfp = EXAMPLES / "sample_rfp.md"
    sha = hashlib.sha256(rfp.read_bytes()).hexdigest()
    db = tmp_path / "k.db"
    base = ["review", str(rfp), "-o", str(tmp_path / "out"), "-f", "json", "-q"]
    assert main([*base, "--db", str(db)]) == 0
    with Store(str(db)) as store:
        assert not store.has_document(sha)
    assert main([*base, "--db", str(db), "--keep-file"]) == 0
    with Store(str(db)) as store:
        assert store.get_document(sha) == ("sample_rfp.md", rfp.read_bytes())
    assert main([*base, "--keep-file"]) == 2
    assert "--keep-file" in capsys.readouterr().err


def test_the_review_names_the_bytes_it_read(tmp_path, monkeypatch):
    import hashlib
    import shutil

    import balju.pipeline
    from balju.errors import InputError

    rfp = tmp_path / "rfp.md"
    shutil.copy(EXAMPLES / "sample_rfp.md", rfp)
    content = rfp.read_bytes()
    result = review(rfp)
    rfp.write_text("# 나중에 바뀐 파일\n", encoding="utf-8")  # after the review, before its dict
    source = result.to_dict()["source"]
    assert (source["sha256"], source["bytes"]) == (hashlib.sha256(content).hexdigest(), len(content))

    # a file saved over while the reader reads it is refused, naming the file
    shutil.copy(EXAMPLES / "sample_rfp.md", rfp)
    real_read = balju.pipeline.read

    def read_while_saved_over(path):
        document = real_read(path)
        Path(path).write_text("# 다른 내용\n", encoding="utf-8")
        return document

    monkeypatch.setattr(balju.pipeline, "read", read_while_saved_over)
    with pytest.raises(InputError) as refused:
        review(rfp)
    assert "읽는 동안 바뀌었습니다" in refused.value.message and refused.value.file == str(rfp)
