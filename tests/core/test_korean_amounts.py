"""Korean amounts: the one reader of 억/만/천 that facts, budget and CLI amounts share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balju.compliance.amount import parse_krw
from balju.korean_amounts import hangul_number, sum_units
from balju.requirements.money import parse_amount


@pytest.mark.parametrize(
    "text, won",
    [("2억 4천3백만", 243_000_000), ("243,000천", 243_000_000), ("19.99억", 1_999_000_000),
     ("1억 5천만", 150_000_000), ("196백만", 196_000_000), ("3십만", 300_000)],
)
def test_sum_units(text, won):
    assert sum_units(text) == Decimal(won)


def test_hangul_number():
    assert hangul_number("이억사천삼백만") == 243_000_000
    assert hangul_number("삼억삼천만") == 330_000_000
    assert hangul_number("십") == 10
    assert hangul_number("이억x") is None


def test_the_three_readers_agree():
    # The RFP sentence, the budget table and the CLI option all read 330,000,000원 the same way.
    assert parse_amount("사업예산: 금 삼억삼천만원(₩330,000,000, 부가가치세 포함)")[0] == 330_000_000
    assert parse_amount("금3억3천만원")[0] == 330_000_000
    assert parse_krw("3.3억") == parse_krw("330,000,000") == 330_000_000
