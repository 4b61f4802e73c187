"""`balju review` on every real RFP in ../shared/data/rfp: it runs, and its reports open and agree
with its JSON (issue 8). The RFPs stay outside the repository; reports go to a temporary folder."""

from __future__ import annotations

import csv
import json

import pytest

from balju import report
from balju.pipeline import review

SHARED_RFP = __import__("pathlib").Path(__file__).resolve().parents[3] / "shared" / "data" / "rfp"
MANIFEST = list(csv.DictReader((SHARED_RFP / "manifest.csv").open(encoding="utf-8"))) if SHARED_RFP.is_dir() else []


@pytest.mark.parametrize("row", MANIFEST, ids=[r["file"].split("/")[-1] for r in MANIFEST])
def test_review_every_real_rfp(row, tmp_path):
    path = SHARED_RFP / row["file"]
    data = review(path).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    paths = report.write_all(data, tmp_path, ["xlsx", "pdf", "json"], stem="r")

    # JSON on disk is the review.
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["estimate"] == json.loads(text)["estimate"]

    # XLSX opens and carries the same FP total and development cost.
    from openpyxl import load_workbook

    book = load_workbook(paths["xlsx"])
    cells = {c for sheet in book.worksheets for r in sheet.iter_rows(values_only=True) for c in r if c is not None}
    assert data["estimate"]["development_cost"] in cells
    assert len(book.worksheets) >= 5

    # PDF opens; its first page shows the estimate's total.
    import pypdfium2

    pdf = pypdfium2.PdfDocument(paths["pdf"])
    assert len(pdf) >= 2
    first = pdf[0].get_textpage().get_text_range().replace("\r", "")
    assert f"{data['estimate']['total']:,}" in first or f"{data['estimate']['development_cost']:,}" in first

    # The estimate is the count of the listed functions, and the 18 items are all judged.
    assert len(data["functions"]) == sum(data["estimate"]["function_count_by_type"].values())
    assert len(data["compliance"]["items"]) == 18
    # Budget read from the document agrees with the notice amount where both exist (issue 4: ≥ 90%).
    notice = int(row["budget_krw"] or 0)
    stated = data["budget"]["stated_budget"]
    if notice and stated:
        assert abs(stated - notice) <= notice * 0.01 or stated * 1.1 == pytest.approx(notice, rel=0.01)
