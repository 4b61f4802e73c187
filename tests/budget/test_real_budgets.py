"""The budget sentence and breakdown of the real RFPs (../shared/data/rfp/files).

The expected amounts are the notice amounts of manifest.csv (나라장터 metadata, VAT included),
not anything balju produced; the breakdowns were read by hand from the documents. Only amounts
and categories are asserted — nothing personal is printed.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from balju import rules as rules_module
from balju.budget import split_budget
from balju.documents import read

# Documents whose text states no budget at all (the notice amount is only in the metadata).
NO_BUDGET_IN_TEXT = {"nonotice-11.hwp", "20241120435.pdf"}


@pytest.fixture(scope="module")
def rules():
    return rules_module.at("2025-01-01")


@pytest.fixture(scope="module")
def manifest(shared_data):
    with (shared_data / "rfp" / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["file"].split("/")[-1]: row for row in csv.DictReader(handle)}


def _files(rfp_dir):
    return sorted(p for p in rfp_dir.iterdir() if p.suffix in (".hwp", ".hwpx", ".docx", ".pdf"))


@pytest.fixture(scope="module")
def splits(rfp_dir, rules):
    """Every real RFP read and split once for this module."""
    return {path.name: split_budget(read(path), rules) for path in _files(rfp_dir)}


def test_stated_budget_matches_the_notice_amount(splits, manifest):
    # Each budget on the VAT-included basis (×1.1 when the RFP says VAT 별도) must equal the notice
    # amount within 1% (one RFP says '103백만원 … 정도' for a notice of 102,253,417원).
    checked = 0
    for name, split in splits.items():
        expected = int(Decimal(manifest[name]["budget_krw"]))
        if name in NO_BUDGET_IN_TEXT:
            assert split.total is None, name
            continue
        assert split.total is not None, name
        if expected == 0:  # a pre-announcement (사전공개) listed with no amount
            continue
        included = split.total if split.total_vat_included is not False else split.total * Decimal("1.1")
        assert abs(Decimal(included) - expected) <= Decimal("0.01") * expected, (name, split.total, expected)
        checked += 1
    assert checked >= 28


@pytest.mark.parametrize(
    "name, development, non_development, stated",
    [
        # 설계 53,000,000 + 개발 90,000,000 = 143,000,000 (VAT 별도) × 1.1 = 157,300,000
        ("20241213403.hwp", 157_300_000, {}, True),
        # 예산(천원): 전산개발비 140,000 + 자산및물품취득비(장비 구입) 60,000 = 200,000
        ("R25BK00605617.hwp", 140_000_000, {"hardware": 60_000_000}, True),
        # BIT 단말기, NVR, Oracle DB 라이선스 are bought; no amounts → unknown split
        ("20240605366.hwp", None, {}, False),
    ],
)
def test_real_breakdowns(splits, name, development, non_development, stated):
    split = splits[name]
    assert split.stated is stated
    assert split.development == development
    assert split.non_development == non_development


def test_unknown_split_names_the_hardware(splits):
    # BIT 단말기·NVR·Oracle DB 라이선스 (bus information); '대회 정보화 시설 구축' (sports event)
    assert {"hardware", "licence"} <= set(splits["20240605366.hwp"].mentions)
    assert "hardware" in splits["20240910050.hwp"].mentions
    # '계측기, 전광판, 방송 장비 … 연동' is a link to equipment, not a purchase
    assert "전광판" not in splits["20240910050.hwp"].mentions.get("hardware", [])


def test_split_quotes_no_phone_numbers(splits):
    # The split quotes budget lines only; nothing that looks like a staff phone number.
    import json
    import re

    phone = re.compile(r"0\d{1,2}[-)\s.]\d{3,4}[-\s.]\d{4}")
    for name, split in splits.items():
        text = json.dumps(split.to_dict(), ensure_ascii=False)
        assert not phone.search(text), name
