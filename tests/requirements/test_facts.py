"""Project facts from hand-built Documents (합성 문서로 본 사업 정보)."""

from __future__ import annotations

from balju.documents.model import Block, Document, Position
from balju.requirements import extract_facts
from balju.requirements.money import hangul_number, parse_amount


def _doc(*lines, table=None):
    blocks = [Block("paragraph", text=t, position=Position(section=0, paragraph=i)) for i, t in enumerate(lines, 1)]
    if table:
        blocks.append(Block("table", text="", rows=table, position=Position(section=0, paragraph=99)))
    return Document("x.hwp", "hwp", blocks)


def test_overview_lines():
    f = extract_facts(
        _doc(
            "가. 사 업 명 : 가상시 체육시설 예약관리시스템 구축",
            "나. 사업기간 : 계약일로부터 6개월",
            "다. 사업예산 : 금243,000,000원(금이억사천삼백만 원) (VAT 포함)",
            "라. 계약방법 : 제한경쟁입찰(협상에 의한 계약)",
            "본 사업은 총 사업금액 20억원 미만 사업으로 대기업은 참여할 수 없다.",
            "종합평가점수 : 기술능력평가(90점) + 입찰가격평가(10점)",
            "기술능력평가 점수가 배점한도의 85% 이상인 자를 협상적격자로 선정한다.",
        )
    )
    assert f.project_name.value == "가상시 체육시설 예약관리시스템 구축"
    assert f.period.value == "계약일로부터 6개월"
    assert f.budget.value == 243_000_000
    assert f.vat_included.value is True
    assert f.budget_with_vat.value == 243_000_000
    assert f.budget.where == "구역 0 문단 3"
    assert "243,000,000" in f.budget.text
    assert f.contract_method.value == "제한경쟁입찰(협상에 의한 계약)"
    assert f.evaluation_ratio.value == (90, 10)
    assert f.negotiation_threshold.value == 85
    assert not f.estimated_price.found and f.estimated_price.value is None


def test_vat_exclusive_budget_gets_vat_added_by_the_rule():
    f = extract_facts(_doc("3. 사업예산 : 996,356,000원(부가세 별도)"))
    assert f.budget.value == 996_356_000
    assert f.vat_included.value is False
    assert f.budget_with_vat.value == 1_095_991_600  # × 1.1, 부가가치세법 제30조
    assert "부가가치세" in f.budget_with_vat.text or "0.1" in f.budget_with_vat.text


def test_rule_sentences_are_not_the_budget():
    f = extract_facts(_doc("본 사업은 사업금액 20억원 미만인 사업으로서 대기업은 참여할 수 없다."))
    assert not f.budget.found


def test_facts_in_a_table_and_spaced_labels():
    f = extract_facts(
        _doc(
            "ㅇ (사 업 비) 260,000,000원",
            "※ 부가가치세 포함",
            table=[["사 업 명", "GKL 그룹웨어 시스템 구축사업"], ["주관기관", "그랜드코리아레저(주)"]],
        )
    )
    assert f.budget.value == 260_000_000 and f.vat_included.value is True
    assert f.project_name.value == "GKL 그룹웨어 시스템 구축사업"
    assert f.agency.value == "그랜드코리아레저(주)"


def test_only_estimated_price_stated():
    f = extract_facts(_doc("□ (추정가격) 140,000,000원(부가세 포함) 이내"))
    assert f.estimated_price.value == 140_000_000
    assert f.budget.value == 140_000_000 and f.vat_included.value is True


def test_ratio_written_as_colon():
    f = extract_facts(_doc("평가는 기술과 가격을 90:10 비율로 한다."))
    assert f.evaluation_ratio.value == (90, 10)


def test_not_found_everywhere():
    f = extract_facts(_doc("목 차"))
    assert all(not fact.found for _, fact in f.items())
    assert f.as_dict()["budget"]["found"] is False


def test_amounts():
    assert parse_amount("금 1억 5천만원")[0] == 150_000_000
    assert parse_amount("243,000천원")[0] == 243_000_000
    assert parse_amount("103백만원")[0] == 103_000_000
    assert parse_amount("일금 이억사천삼백만원정")[0] == 243_000_000
    assert hangul_number("일억삼천삼백팔십일만이천") == 133_812_000
    assert parse_amount("원") is None


def test_contact_details_are_masked():
    from balju.requirements.privacy import redact

    assert redact("담당 02)6421-6466, a.b@agency.go.kr") == "담당 (연락처 생략), (연락처 생략)"
    assert redact("010-1234-5678") == "(연락처 생략)"
    assert redact("금 243,000,000원, 2024. 12. 31.") == "금 243,000,000원, 2024. 12. 31."
    f = extract_facts(_doc("발주기관 : 가상시청 정보과 (문의 02-000-0000)"))
    assert "02-000-0000" not in (f.agency.text or "") + str(f.agency.value)
