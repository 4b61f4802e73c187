"""Budget adequacy on worked cases, every number computed by hand in the comments.

The guide price of 100 FP on 2025-01-01 (default factor levels, all 1.00):
  보정전 = 100 × 605,784 = 60,578,400
  보정후 = 60,578,400 × 1.28 (규모, < 500 FP) = 77,540,352
  이윤   = 77,540,352 × 0.25 = 19,385,088
  SW개발비(부가세 별도) = 77,540,352 + 19,385,088 = 96,925,440
  부가세 = 9,692,544 → 사업금액(부가세 포함) = 106,617,984
"""

from __future__ import annotations

from balju.budget import assess, split_budget
from balju.functions.model import Function

from budget_helpers import document, functions_100fp

PRICE_100_INCL = 106_617_984
PRICE_100_EXCL = 96_925_440


def test_vat_included_budget_without_split_is_adequate(rules):
    # 100,000,000 − 106,617,984 = −6,617,984; ÷ 106,617,984 = −6.207% → −6.2% (within −10%)
    doc = document("□ 사업예산 : 금100,000,000원(금일억원, 부가세 포함)", "2. 추진 배경")
    split = split_budget(doc, rules)
    assert (split.total, split.total_vat_included, split.development) == (100_000_000, True, None)
    assert not split.stated and not split.mentions
    result = assess(split.total, split.total_vat_included, split.development, functions_100fp(), rules, split=split)
    assert result.guide_price == PRICE_100_INCL
    assert result.gap_won == -6_617_984
    assert result.gap_percent == -6.2
    assert (result.verdict, result.verdict_ko) == ("adequate", "적정")
    assert "예산 전체를 SW개발비로 보았습니다" in result.why
    assert result.vat_basis_included and "부가세" in result.price_basis


def test_vat_excluded_budget_is_compared_with_sw_development_cost(rules):
    # 부가세 별도 → compare with SW개발비 96,925,440.
    # 80,000,000 − 96,925,440 = −16,925,440; ÷ 96,925,440 = −17.462% → −17.5%, "17% 부족"
    doc = document("사업금액 : 금 80,000,000원 (VAT 별도)")
    split = split_budget(doc, rules)
    assert (split.total, split.total_vat_included) == (80_000_000, False)
    result = assess(split.total, split.total_vat_included, split.development, functions_100fp(), rules, split=split)
    assert result.guide_price == PRICE_100_EXCL
    assert result.gap_won == -16_925_440
    assert result.gap_percent == -17.5
    assert (result.verdict, result.verdict_ko) == ("short", "17% 부족")
    assert not result.vat_basis_included


def test_budget_with_hardware_and_licence_lines(rules):
    # 330,000,000 = HW 110,000,000 + 상용SW 55,000,000 + 개발 165,000,000 (same VAT basis: the
    # items add up to the total). Development 165,000,000 − 106,617,984 = 58,382,016;
    # ÷ 106,617,984 = 54.758% → 54.8%, "55% 초과"
    doc = document(
        "□ 사업예산 : 금 330,000,000원(부가세 포함)",
        "- HW 구매 : 110,000,000원",
        "- 상용SW 라이선스 : 55,000,000원",
        "- 응용SW 개발 : 165,000,000원",
    )
    split = split_budget(doc, rules)
    assert split.stated
    assert [i.category for i in split.items] == ["hardware", "licence", "development"]
    assert split.items_vat_included is True
    assert split.development == 165_000_000
    assert split.non_development == {"hardware": 110_000_000, "licence": 55_000_000}
    result = assess(split.total, True, split.development, functions_100fp(), rules, split=split)
    assert result.compared_is_development and result.compared_budget == 165_000_000
    assert result.gap_won == 58_382_016
    assert result.gap_percent == 54.8
    assert (result.verdict, result.verdict_ko) == ("over", "55% 초과")


def test_breakdown_table_in_thousands_with_a_vat_row(rules):
    # (단위: 천원) SW 개발비 80,000 + 서버 구매 20,000 + 부가세 10,000 = 합계 110,000.
    # A VAT row → items are VAT-excluded; budget is VAT-included, so ×1.1:
    # development 80,000,000 × 1.1 = 88,000,000; hardware 20,000,000 × 1.1 = 22,000,000.
    # 88,000,000 − 106,617,984 = −18,617,984; ÷ 106,617,984 = −17.462% → "17% 부족"
    # (the same −17.5% as 80,000,000 against 96,925,440: both sides carry the same 10%).
    doc = document(
        "□ 사업예산 : 110,000천원(부가세 포함)",
        "(단위: 천원)",
        [["구분", "금액", "비고"], ["SW 개발비", "80,000", ""], ["서버 구매", "20,000", "2식"],
         ["부가세", "10,000", ""], ["합계", "110,000", ""]],
    )
    split = split_budget(doc, rules)
    assert split.total == 110_000_000
    assert split.items_vat_included is False
    assert split.development == 88_000_000
    assert split.non_development == {"hardware": 22_000_000}
    assert 110_000_000 in split.sums
    result = assess(split.total, True, split.development, functions_100fp(), rules, split=split)
    assert result.gap_won == -18_617_984
    assert (result.verdict_ko, result.gap_percent) == ("17% 부족", -17.5)


def test_labour_table_with_vat_excluded_subtotal(rules):
    # A real shape (광주과학기술원 학사, 2024): 설계 53,000,000 + 개발 90,000,000 = 소계 143,000,000,
    # 합계 157,300,000 (VAT 포함) = 143,000,000 × 1.1 → items VAT-excluded, all development:
    # development = 143,000,000 × 1.1 = 157,300,000.
    doc = document(
        "다. 사업비  : 157,300,000원(VAT 포함)",
        [["항  목", "산출내역", "비고"], ["구분", "세부항목", "금액"],
         ["학사 조직 개편 및 학위 과정별 연계", "설계", "설계 및 분석(업무분석자)", "53,000,000", "총 11M/M"],
         ["개발자", "개발 및 테스트 (응용SW 개발자)", "90,000,000"],
         ["소 계", "143,000,000"], ["합계", "157,300,000", "견적서 제안가 (VAT포함)"]],
    )
    split = split_budget(doc, rules)
    assert [i.amount for i in split.items] == [53_000_000, 90_000_000]
    assert {i.category for i in split.items} == {"development"}
    assert split.items_vat_included is False
    assert split.development == 157_300_000
    assert split.non_development == {}


def test_no_split_but_hardware_named_cannot_tell(rules):
    # A bus-information project: BIT terminals and DB licences are bought, no amounts given.
    # The whole budget is far above the guide price (999,494,600 − 106,617,984 = 892,876,616;
    # ÷ 106,617,984 = 837.45% → 837.5%), but how much of it is development is unknown.
    doc = document(
        "가. 소요예산 :  ￦999,494,600원(부가세 포함)",
        "나. 사업내용",
        "○ 버스정보 안내단말기(BIT) 55개소 55대",
        "○ Oracle DB 라이선스 : 2ea",
        "○ 응용소프트웨어 개발 및 개선",
    )
    split = split_budget(doc, rules)
    assert not split.stated and split.development is None
    assert set(split.mentions) == {"hardware", "licence"}
    result = assess(split.total, True, None, functions_100fp(), rules, split=split)
    assert result.gap_percent == 837.5
    assert (result.verdict, result.verdict_ko) == ("cannot_tell", "판단 불가")
    assert "개발비 몫을 알 수 없습니다" in result.why


def test_no_split_hardware_named_but_whole_budget_already_short(rules):
    # Even the whole budget is short, so the development part is shorter still → "short".
    # 55,000,000 − 106,617,984 = −51,617,984; ÷ 106,617,984 = −48.414% → −48.4%, "48% 부족"
    doc = document("□ 사업예산 : 55백만원(VAT 포함)", "○ 무인 키오스크 3대 구매·설치")
    split = split_budget(doc, rules)
    assert split.total == 55_000_000 and split.mentions == {"hardware": ["키오스크"]}
    result = assess(split.total, True, None, functions_100fp(), rules, split=split)
    assert result.gap_percent == -48.4
    assert (result.verdict, result.verdict_ko) == ("short", "48% 부족")
    assert "개발비는 더 부족합니다" in result.why


def test_no_budget_stated(rules):
    doc = document("사업명 : 가상 시스템 구축", "사업기간 : 계약일로부터 6개월")
    split = split_budget(doc, rules)
    assert split.total is None
    result = assess(None, None, None, functions_100fp(), rules, split=split)
    assert result.verdict == "cannot_tell"
    assert result.gap_won is None and result.gap_percent is None
    assert result.guide_price == PRICE_100_INCL  # the price is still shown
    assert "사업예산" in result.why


def test_no_functional_requirements(rules):
    result = assess(100_000_000, True, None, [], rules)
    assert result.verdict == "cannot_tell" and result.guide_price is None
    assert "기능" in result.why


def test_vat_not_stated_is_assumed_included(rules):
    result = assess(100_000_000, None, None, functions_100fp(), rules)
    assert result.vat_basis_included and result.guide_price == PRICE_100_INCL
    assert any("부가세 포함 여부" in a for a in result.assumptions)


def test_a_list_of_only_uncertain_functions_has_no_zero_price(rules):
    # identifier v7 keeps a requirement's candidates when all are under 0.4; a list made only of such
    # functions, all dropped, would be 0 FP and 0원 — no price. The range runs from the proposal
    # error instead: 100 FP × 0.48 = 48 FP → 51,176,632 (worked below) up to the 정통법 '복잡' point,
    # 8 ILF × 15 + 10 EI × 6 = 180 FP, under 100 × 2.15 = 215 FP → 229,228,666.
    result = assess(100_000_000, True, None, functions_100fp(confidence=0.3), rules)
    keys = [p.key for p in result.points]
    assert "low_confidence_dropped" not in keys and "low_confidence_high" in keys
    assert next(p.fp_total for p in result.points if p.key == "low_confidence_high") == 180
    assert (result.guide_price_low, result.guide_price_high) == (51_176_632, 229_228_666)


def test_range_from_low_confidence_functions_and_the_measured_proposal_error(rules):
    # 2 of the 10 EI have confidence 0.3 (< 0.55, budget.low_confidence):
    # low-confidence dropped = 100 − 2 × 4.0 (간이법 EI) = 92 FP:
    #   92 × 605,784 = 55,732,128; × 1.28 = 71,337,123.84 → 71,337,124; 이윤 17,834,281;
    #   SW개발비 89,171,405; 부가세 8,917,140.5 → 8,917,140 (half-even); 합계 98,088,545
    # low-confidence high = 92 + 2 × 6 (정통법 EI 복잡) = 104 FP:
    #   104 × 605,784 = 63,001,536; × 1.28 = 80,641,966.08 → 80,641,966;
    #   이윤 20,160,491.5 → 20,160,492 (half-even); SW개발비 100,802,458;
    #   부가세 10,080,245.8 → 10,080,246; 합계 110,882,704
    # proposal error (budget.proposal_fp_ratio 0.48 / 2.15, the widest ratios measured on hand-counted RFPs
    # whose proposal was 100 FP or more; 100 FP is not under the small class's bound of 100):
    #   48 FP: 48 × 605,784 = 29,077,632; × 1.28 = 37,219,368.96 → 37,219,369;
    #          이윤 9,304,842.25 → 9,304,842; SW개발비 46,524,211;
    #          부가세 4,652,421.1 → 4,652,421; 합계 51,176,632
    #   215 FP: 215 × 605,784 = 130,243,560; × 1.28 = 166,711,756.8 → 166,711,757;
    #          이윤 41,677,939.25 → 41,677,939; SW개발비 208,389,696; 부가세 20,838,969.6 → 20,838,970;
    #          합계 229,228,666
    # calibrated (median 0.79, the untuned RFPs of 100 FP or more): 79 FP: 79 × 605,784 = 47,856,936;
    #          × 1.28 = 61,256,878.08 → 61,256,878; 이윤 15,314,219.5 → 15,314,220 (half-even);
    #          SW개발비 76,571,098; 부가세 7,657,109.8 → 7,657,110; 합계 84,228,208
    functions = functions_100fp(confidence=0.9)
    functions[-1].confidence = 0.3
    functions[-2].confidence = 0.3
    result = assess(100_000_000, True, None, functions, rules)
    prices = {p.key: p.price for p in result.points}
    assert prices == {
        "simple": PRICE_100_INCL,
        "low_confidence_dropped": 98_088_545,
        "low_confidence_high": 110_882_704,
        "proposal_calibrated": 84_228_208,
        "proposal_error_low": 51_176_632,
        "proposal_error_high": 229_228_666,
    }
    assert result.guide_price == PRICE_100_INCL
    assert (result.guide_price_low, result.guide_price_high) == (51_176_632, 229_228_666)
    assert (result.fp_low, result.fp_high) == (48, 215)
    assert result.low_confidence_functions == 2
    assert result.function_source == "proposal"


def test_a_proposal_with_left_out_candidates_is_priced_on_its_list(rules):
    # identifier v6 leaves the two 0.3 EIs of the test above out of the list (functions.leave_out_below
    # 0.4) and hands them over as candidates. The list is 92 FP, so the central price is the figure
    # worked out above for 92 FP: 98,088,545. The candidates come back as points: the list with them
    # (100 FP, PRICE_100_INCL) and with them at the 정통법 '복잡' EI weight (92 + 2 × 6 = 104 FP,
    # 110,882,704). The measured ratios multiply every candidate (100 FP), as they were measured on
    # v5's list: the same 84,228,208 / 51,176,632 / 229,228,666 as above.
    functions = functions_100fp(confidence=0.9)
    left_out = functions[-2:]
    for f in left_out:
        f.confidence = 0.3
    result = assess(100_000_000, True, None, functions[:-2], rules, left_out=left_out)
    prices = {p.key: p.price for p in result.points}
    assert prices == {
        "simple": 98_088_545,
        "left_out_included": PRICE_100_INCL,
        "left_out_high": 110_882_704,
        "proposal_calibrated": 84_228_208,
        "proposal_error_low": 51_176_632,
        "proposal_error_high": 229_228_666,
    }
    assert result.guide_price == 98_088_545 and result.fp_total == 92
    assert (result.left_out_functions, result.low_confidence_functions) == (2, 0)
    labels = {p.key: p.label for p in result.points}
    assert labels["left_out_included"] == "간이법, 신뢰도 0.4 미만이라 뺀 후보 2개까지"
    assert labels["proposal_calibrated"].startswith("후보 전체 FP × 0.79")
    assert result.to_dict()["left_out_functions"] == 2
    # a person's list has no candidates: they are not priced even when given
    corrected = [Function(f.name, f.type) for f in functions[:-2]]
    assert {p.key for p in assess(100_000_000, True, None, corrected, rules, left_out=left_out).points} == {"simple"}


def test_range_from_detailed_count_of_a_corrected_list(rules):
    # A person's list with DET/RET/FTR: ILF DET 10, RET 1 → 단순 7; EI DET 20, FTR 3 → 복잡 6.
    # 간이법 7.5 + 4.0 = 11.5 FP: 6,966,516 × 1.28 = 8,917,140.48 → 8,917,140; 이윤 2,229,285;
    #   SW개발비 11,146,425; 부가세 1,114,642.5 → 1,114,642; 합계 12,261,067
    # 정통법 7 + 6 = 13 FP: 7,875,192 × 1.28 = 10,080,245.76 → 10,080,246; 이윤 2,520,061.5 →
    #   2,520,062; SW개발비 12,600,308; 부가세 1,260,030.8 → 1,260,031; 합계 13,860,339
    # 13,000,000 − 12,261,067 = 738,933; ÷ 12,261,067 = 6.027% → 6.0% → 적정
    functions = [Function("회원", "ILF", det=10, ret=1), Function("회원 등록", "EI", det=20, ftr=3)]
    result = assess(13_000_000, True, None, functions, rules)
    assert result.function_source == "corrected"
    assert result.guide_price == 12_261_067
    assert (result.guide_price_low, result.guide_price_high) == (12_261_067, 13_860_339)
    assert result.gap_percent == 6.0 and result.verdict == "adequate"
    assert "투입공수" in result.why  # below 50,000,000원: the guide allows effort-based pricing


def test_fp_number_instead_of_functions(rules):
    result = assess(106_617_984, True, None, 100, rules)
    assert result.guide_price == PRICE_100_INCL and result.gap_won == 0 and result.gap_percent == 0.0
    assert result.function_source == "fp" and result.verdict == "adequate"


def test_to_dict_has_the_review_json_keys(rules):
    data = assess(100_000_000, True, None, functions_100fp(), rules).to_dict()
    for key in ("stated_budget", "vat_included", "development_budget", "guide_price", "guide_price_low",
                "guide_price_high", "gap_percent", "verdict", "verdict_ko", "why"):
        assert key in data
    assert isinstance(data["guide_price"], int) and isinstance(data["gap_percent"], float)


def test_table_unit_in_the_amount_header(rules):
    # A real shape (박물관 전시해설, 2025): 소요예산 200,000천원 = 전산개발비 140,000 + 자산및물품취득비
    # (장비 구입) 60,000, '예산(천원)' in the header → ×1,000. Items add up to the budget → same
    # VAT basis: development 140,000,000, hardware 60,000,000.
    # 140,000,000 − 106,617,984 = 33,382,016; ÷ 106,617,984 = 31.31% → "31% 초과"
    doc = document(
        "4. 소요예산 : 금200,000천원(금이억원) ※ 부가가치세 포함",
        [["예산과목", "주 요 내 용", "예산(천원)"],
         ["전산개발비", "○박물관 전시해설 시스템 구축", "140,000"],
         ["자산및물품취득비", "○박물관 전시해설 시스템 관련 장비 구입", "60,000"],
         ["계", "", "200,000"]],
    )
    split = split_budget(doc, rules)
    assert split.total == 200_000_000 and split.total_vat_included is True
    assert split.development == 140_000_000
    assert split.non_development == {"hardware": 60_000_000}
    result = assess(split.total, True, split.development, functions_100fp(), rules, split=split)
    assert (result.gap_won, result.gap_percent, result.verdict_ko) == (33_382_016, 31.3, "31% 초과")


def test_table_unit_inferred_from_the_total(rules):
    # No unit written: 50,000 + 30,000 + 부가세 8,000 = 88,000 and the budget is 88,000,000원 →
    # the table is in 천원. Items VAT-excluded (VAT row): development 50,000,000 × 1.1 = 55,000,000,
    # licence 30,000,000 × 1.1 = 33,000,000.
    doc = document(
        "□ 사업예산 : 88,000,000원(부가세 포함)",
        [["구분", "금액"], ["응용SW 개발", "50,000"], ["상용SW 구매", "30,000"], ["부가가치세", "8,000"], ["합 계", "88,000"]],
    )
    split = split_budget(doc, rules)
    assert split.development == 55_000_000
    assert split.non_development == {"licence": 33_000_000}


def test_total_restated_as_design_amount_is_not_a_split(rules):
    # '설계금액' is the agency's priced estimate (the budget), not a design-phase item.
    doc = document("설계금액 : 금 100,000,000원(부가세 포함)", "2. 사업 범위")
    split = split_budget(doc, rules)
    assert split.total == 100_000_000 and not split.stated and split.development is None


def test_document_without_functional_requirements_says_why(rules):
    # An ISP-like RFP: only consulting (CSR) and management (PMR) requirements → no functions;
    # the verdict explains that FP pricing does not apply.
    from balju.budget import assess_document
    from balju.requirements.model import Requirement

    doc = document("□ 사업예산 : 금 250,000,000원(부가세 포함)")
    requirements = [
        Requirement("CSR-001", "CSR", "현황 분석", "현행 정보시스템 현황을 분석하여 개선 과제를 도출한다"),
        Requirement("PMR-001", "PMR", "사업 관리", "착수보고, 중간보고, 완료보고를 수행한다"),
    ]
    result = assess_document(doc, rules, requirements=requirements, facts=None)
    assert result.stated_budget == 250_000_000
    assert result.verdict == "cannot_tell" and result.guide_price is None
    assert "기능 요구사항이 없습니다" in result.why and "투입공수" in result.why


def test_document_with_functions_already_proposed(rules):
    # The review pipeline identifies functions once and passes them with function_source="proposal":
    # the proposal-error points apply (100 FP × 0.48 / × 2.15 → 51,176,632 … 229,228,666).
    from balju.budget import assess_document

    doc = document("□ 사업예산 : 금 100,000,000원(부가세 포함)")
    functions = functions_100fp(confidence=0.8)
    result = assess_document(doc, rules, functions, facts=None, requirements=[], function_source="proposal")
    assert result.function_source == "proposal"
    assert (result.guide_price_low, result.guide_price_high) == (51_176_632, 229_228_666)
    corrected = assess_document(doc, rules, functions_100fp(), facts=None)
    assert corrected.function_source == "corrected"
    assert corrected.guide_price_low == corrected.guide_price_high == PRICE_100_INCL


def test_yearly_payment_schedule_is_not_a_breakdown(rules):
    # A multi-year project shows how the budget is paid by year; that says nothing about HW vs
    # development, so no split is stated.
    doc = document(
        "라. 사업예산 : 1,000,000,000원 (V.A.T 포함, 2년 분할 지급)",
        [["연도", "금액(원)"], ["2024년", "400,000,000"], ["2025년", "600,000,000"], ["합계", "1,000,000,000"]],
        "- 1차년도 : 400,000,000원",
    )
    split = split_budget(doc, rules)
    assert split.total == 1_000_000_000
    assert not split.stated and split.development is None


def test_over_with_proposed_functions_asks_to_check_them(rules):
    # 330,000,000 vs 106,617,984 → +209.5% over; proposed functions may be missing some.
    result = assess(330_000_000, True, None, functions_100fp(confidence=0.8), rules)
    assert result.verdict == "over" and "기능 목록을 확인하세요" in result.why


def test_budget_from_facts_prefers_the_budget_then_the_estimated_price():
    from balju.budget import stated_budget_from_facts
    from balju.requirements import ProjectFacts
    from balju.requirements.model import Fact

    facts = ProjectFacts()
    facts.budget = Fact("사업금액", 110_000_000)
    facts.vat_included = Fact("부가세 포함 여부", True)
    assert stated_budget_from_facts(facts) == (110_000_000, True, "사업금액")
    # Only 추정가격: VAT excluded by law (국가계약법 시행령 제2조제1호) unless the RFP says so.
    facts = ProjectFacts()
    facts.estimated_price = Fact("추정가격", 100_000_000)
    assert stated_budget_from_facts(facts) == (100_000_000, False, "추정가격")
    assert stated_budget_from_facts(ProjectFacts()) == (None, None, None)
    assert stated_budget_from_facts(None) == (None, None, None)


def test_short_on_a_proposal_says_how_far_proposals_were_from_a_hand_count(rules):
    # budget.proposal_fp_ratio: on proposals of 100 FP or more a person counted 0.48 … 2.15 × the
    # proposal (median 0.79) on RFPs the identifier had not seen. 100 proposed FP → range 51,176,632 … 229,228,666원 (worked above).
    functions = functions_100fp(confidence=0.9)
    within = assess(60_000_000, True, None, functions, rules)
    assert within.verdict == "short" and (within.guide_price_low, within.guide_price_high) == (51_176_632, 229_228_666)
    assert "0.48~2.15배" in within.why and "중앙값 0.79" in within.why
    assert "단정할 수 없습니다" in within.why
    assert "보정 추정" in within.why and "79FP이면 가이드 가격은 84,228,208원" in within.why
    below = assess(40_000_000, True, None, functions, rules)
    assert below.verdict == "short" and "가장 낮은 가격보다도 적습니다" in below.why
    corrected = assess(60_000_000, True, None, functions_100fp(confidence=None), rules)
    assert corrected.verdict == "short" and "0.48~2.15배" not in corrected.why


def test_over_on_a_proposal_says_it_may_be_missing_functions(rules):
    # The same 100 proposed FP (guide price 106,617,984원 at 100 FP incl. VAT, range up to
    # 229,228,666원 at × 2.15): a budget above the band but inside the range cannot be called too
    # much, because on RFPs it had not seen a person counted up to 2.15 × a proposal this size.
    functions = functions_100fp(confidence=0.9)
    inside = assess(200_000_000, True, None, functions, rules)
    assert inside.verdict == "over" and inside.guide_price_high == 229_228_666
    assert "0.48~2.15배" in inside.why and "많다고 단정할 수 없습니다" in inside.why
    beyond = assess(600_000_000, True, None, functions, rules)
    assert beyond.verdict == "over" and "가장 높은 가격보다도 많습니다" in beyond.why
    corrected = assess(200_000_000, True, None, functions_100fp(confidence=None), rules)
    assert corrected.verdict == "over" and "0.48~2.15배" not in corrected.why
