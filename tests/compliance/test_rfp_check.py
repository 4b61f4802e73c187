"""18개 항목 점검 — hand-built Documents (one clause per item, Korean spacing variants, thresholds)."""

from __future__ import annotations

import json

import pytest

import balju.rules
from balju.cli import main
from balju.compliance.rfp_check import FOUND, MISSING, NOT_APPLICABLE, RfpFacts, check_rfp, sanitize
from balju.documents.model import Block, Document, Position

RULES = balju.rules.at("2025-01-01")

# One clause that satisfies each item, as agencies write them (some with odd spacing).
CLAUSES = {
    1: "본 사업은 소프트웨어 진흥법 제50조에 따라 과업심의위원회 심의 결과를 반영하였음",
    2: "상용SW 직접구매 대상: 해당 없음(단일 SW 5천만원 미만)",
    3: "본 사업은 사업금액이 20억원 미만으로 대기업 및 중견기업은 입찰에 참여할 수 없음",
    4: "하 도 급은 사업금액의 100분의 50을 초과할 수 없으며 재하도급은 금지함",
    5: "작업장소는 상호 협의하여 결정하며, 제안사는 원격지 개발 장소를 제안할 수 있음",
    6: "공급자는 지식재산권의 활용을 위하여 SW산출물의 반출을 요청할 수 있음",
    7: "본 사업을 통해 개발되는 소프트웨어는 타 기관과 공동활용할 계획이 없음",
    8: "하자담보 책임기간은 검수 완료일로부터 1년으로 함",
    9: "제안요청서는 최소 요구조건이며 동등 이상의 성능을 제안할 수 있음",
    10: "계약방법: 협상에 의한 계약",
    11: "평가비율: 기술능력평가 90점, 가격평가 10점",
    12: "소프트웨어 기술성 평가기준 지침을 준용하여 평가함",
    13: "본 사업은 제안서 보상 대상이 아님",
    14: "SFR-001 회원 관리 기능",
    15: "본 사업은 소프트웨어 개발사업 적정 사업기간 산정 기준에 따른 사업임",
    16: "기능점수 방식 사업이므로 투입인력은 관리하지 않음",
    17: "붙임: 소프트웨어사업 영향평가 결과서",
    18: "수주자는 SW사업정보 저장소에 사업정보를 제출하여야 함",
}


def doc(*paragraphs: str, title: str = "테스트 시스템 구축 사업") -> Document:
    blocks = [Block("paragraph", p, position=Position(page=i + 1)) for i, p in enumerate(paragraphs)]
    return Document(path="test.txt", format="txt", blocks=blocks, properties={"title": title})


def statuses(result) -> dict[int, str]:
    return {i.no: i.status for i in result.items}


def test_every_item_found_with_evidence_and_page():
    result = check_rfp(doc(*CLAUSES.values()), RULES, RfpFacts(amount_krw=500_000_000, pricing="fp"))
    assert statuses(result) == {n: FOUND for n in range(1, 19)}
    for item in result.items:
        if item.no in (9, 16):
            continue  # prohibitions: found = no breach; evidence is the statement when present
        assert item.evidence is not None and item.evidence.page == item.no, item
        assert item.reference
    assert not [f for f in result.findings if f.severity in ("error", "warning")]


def test_empty_rfp_everything_missing_and_disclosure_error():
    result = check_rfp(doc("사업 개요"), RULES, RfpFacts(amount_krw=500_000_000))
    s = statuses(result)
    assert [n for n, v in s.items() if v == MISSING] == [n for n in range(1, 19) if n not in (9, 16)]
    assert s[9] == FOUND and s[16] == FOUND  # nothing breached
    codes = [f.code for f in result.findings]
    assert codes[0] == "law.rfp-check-disclosure"
    assert any(f.severity == "error" for f in result.findings)
    missing = next(f for f in result.findings if f.code == "law.rfp-item-03")
    assert "대기업 참여제한" in missing.fix and "제48조" in missing.reference


@pytest.mark.parametrize(
    "amount, expected",
    [(299_999_999, NOT_APPLICABLE), (300_000_000, MISSING), (None, MISSING)],
)
def test_commercial_sw_applies_from_3억(amount, expected):
    result = check_rfp(doc("사업 개요"), RULES, RfpFacts(amount_krw=amount))
    assert statuses(result)[2] == expected


def test_commercial_sw_boundary_via_vat_excluded_amount_in_rfp():
    # 추정가격 272,727,273원 + VAT 27,272,727원(27,272,727.3 반올림) = 300,000,000원 → 대상
    result = check_rfp(doc("사업예산: 272,727,273원 (부가세 별도)"), RULES)
    assert result.facts.amount_krw == 300_000_000
    assert statuses(result)[2] == MISSING
    result = check_rfp(doc("사업예산: 272,727,272원 (부가세 별도)"), RULES)
    assert result.facts.amount_krw == 299_999_999
    assert statuses(result)[2] == NOT_APPLICABLE


def test_small_project_findings_are_info_only():
    result = check_rfp(doc("사업 개요"), RULES, RfpFacts(amount_krw=99_000_000))
    assert statuses(result)[15] == NOT_APPLICABLE  # 적정 사업기간: 1억 이상 개발사업
    assert all(f.severity == "info" for f in result.findings)
    assert result.findings[0].code == "law.rfp-check-scope"


def test_planning_project_not_development():
    result = check_rfp(doc("사업 개요"), RULES, RfpFacts(amount_krw=500_000_000, development=False))
    s = statuses(result)
    assert s[15] == NOT_APPLICABLE and s[16] == NOT_APPLICABLE


def test_mm_priced_project_staff_item_not_applicable():
    result = check_rfp(doc("투입인력 현황을 매월 제출"), RULES, RfpFacts(amount_krw=500_000_000, pricing="mm"))
    assert statuses(result)[16] == NOT_APPLICABLE


def test_staff_management_in_fp_project_is_error_when_pricing_given():
    text = "투입인력 변경 시 발주기관의 승인을 받아야 함"
    given = check_rfp(doc(text), RULES, RfpFacts(amount_krw=500_000_000, pricing="fp"))
    item = next(i for i in given.items if i.no == 16)
    assert item.status == MISSING and "승인" in item.quote
    assert any(f.code == "law.staff-management" and f.severity == "error" for f in given.findings)
    guessed = check_rfp(doc(text, "기능점수 산정"), RULES, RfpFacts(amount_krw=500_000_000))
    assert any(f.code == "law.staff-management" and f.severity == "warning" for f in guessed.findings)


def test_tech_price_ratio_80_20_is_error():
    result = check_rfp(doc("협상에 의한 계약", "기술평가(80%) + 가격평가(20%)"), RULES, RfpFacts(amount_krw=500_000_000))
    item = next(i for i in result.items if i.no == 11)
    assert item.status == MISSING and item.suspects
    assert any(f.code == "law.tech-price-ratio" and f.severity == "error" for f in result.findings)


def test_brand_spec_suspect():
    result = check_rfp(doc("CPU: Intel i3-10100 (4-core)"), RULES, RfpFacts(amount_krw=500_000_000))
    item = next(i for i in result.items if i.no == 9)
    assert item.status == MISSING and "i3-10100" in item.quote
    # 휴대폰 'HP' 표기, '동일모델' 같은 낱말은 상표가 아니다
    clean = check_rfp(doc("연락처 ☎ : HP :", "동일모델 제품군은 샘플 점검"), RULES, RfpFacts(amount_krw=500_000_000))
    assert next(i for i in clean.items if i.no == 9).status == FOUND


def test_task_review_not_held_and_remote_forbidden_warn():
    result = check_rfp(
        doc("과업심의위원회를 미개최한 사업임", "작업장소는 상호 협의하여 결정", "원격 작업 금지"),
        RULES, RfpFacts(amount_krw=500_000_000),
    )
    s = statuses(result)
    assert s[1] == FOUND and s[5] == FOUND
    codes = {f.code for f in result.findings}
    assert {"law.task-review-not-held", "law.remote-work-forbidden"} <= codes


@pytest.mark.parametrize(
    "text, item",
    [
        ("과 업 심 의 위 원 회 심의 결과 반영", 1),
        ("하도급을 불허함", 4),
        ("본 사업은 하도급을 허용하지 않음", 4),
        ("하자보수 기간은 검사완료일로부터 12개월로 함", 8),
        ("구축 완료 이후 하자 기간(1년) 동안 지원", 8),
        ("종합평가점수 = 기술능력 평가(90%) + 입찰가격 평가(10%)", 11),
        ("기술 능력 평가 (90)", 11),
        ("제안서에 대한 작성비용은 보상하지 않는다", 13),
        ("2. 개발 SW 공동활용 — 해당사항 없음", 7),
        ("S/W 사업정보 저장소 데이터 작성 및 제출", 18),
    ],
)
def test_korean_variants(text, item):
    result = check_rfp(doc(text), RULES, RfpFacts(amount_krw=500_000_000))
    assert statuses(result)[item] == FOUND


@pytest.mark.parametrize(
    "text, item",
    [
        ("개인정보 영향평가 결과를 반영", 17),  # 개인정보 영향평가는 SW사업 영향평가가 아님
        ("콘텐츠 공동 활용 방안", 7),
        ("행정정보의 공동활용에 필요한 행정코드", 7),
        ("분리발주된 SW공급자와의 협력방안을 기술", 2),
        ("장비 및 작업장소의 준비 및 대응방안을 제시", 5),
        ("보안 위반 시 사업참여 제한", 3),
        ("인력 교체는 동등 이상의 자격을 갖춘 자로 함", 9),
    ],
)
def test_look_alikes_do_not_count(text, item):
    result = check_rfp(doc(text), RULES, RfpFacts(amount_krw=500_000_000))
    expected = MISSING if item != 9 else FOUND
    item_result = next(i for i in result.items if i.no == item)
    assert item_result.status == expected
    if item == 9:
        assert item_result.evidence is None


def test_sanitize_removes_staff_contacts():
    text = "문의처: 홍길동 02-123-4567, hong@example.go.kr, 담당자 김철수 (010-9876-5432)"
    out = sanitize(text)
    assert "123-4567" not in out and "9876" not in out and "@" not in out
    assert "홍길동" not in out and "김철수" not in out


def test_quotes_never_carry_phone_numbers():
    result = check_rfp(doc("하도급은 금지함. 담당자 홍길동 (051-123-4567)"), RULES, RfpFacts(amount_krw=500_000_000))
    item = next(i for i in result.items if i.no == 4)
    assert "4567" not in item.quote and "홍길동" not in item.quote


# ── CLI ──────────────────────────────────────────────────────────────────────

def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_check_complete_rfp_exit_0(tmp_path, capsys):
    path = _write(tmp_path, "rfp.txt", "\n\n".join(CLAUSES.values()))
    code = main(["check", str(path), "--amount", "5억", "--pricing", "fp", "--as-of", "2025-01-01", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["counts"] == {"found": 18, "missing": 0, "not-applicable": 0}
    assert data["facts"]["amount_krw"] == 500_000_000
    assert {"no", "name", "status", "evidence", "fix", "reference"} <= set(data["items"][0])


def test_cli_check_bad_rfp_exit_1(tmp_path, capsys):
    path = _write(tmp_path, "rfp.txt", "사업명: 시험 구축\n\n기술평가(80%) + 가격평가(20%)\n")
    code = main(["check", str(path), "--amount", "5억", "--as-of", "2025-01-01"])
    out = capsys.readouterr().out
    assert code == 1
    assert "누락" in out and "90:10" in out


def test_cli_check_with_subcontract_plan(tmp_path, capsys):
    path = _write(tmp_path, "rfp.txt", "\n\n".join(CLAUSES.values()))
    plan = _write(tmp_path, "plan.yaml", "contract_amount: 1000000000\nsubcontracts:\n  - {name: A, amount: 600000000}\n")
    code = main(["check", str(path), "--amount", "10억", "--pricing", "fp", "--subcontract-plan", str(plan), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["subcontract_plan"]["ok"] is False
    assert any(f["code"] == "law.subcontract-limit" for f in data["findings"])


@pytest.mark.parametrize(
    "extra",
    [["--amount", "오억"], ["--pricing", "xx"], ["--as-of", "2025/01/01"]],
)
def test_cli_check_bad_options_exit_2(tmp_path, capsys, extra):
    path = _write(tmp_path, "rfp.txt", "사업 개요")
    assert main(["check", str(path), *extra]) == 2
    assert "오류" in capsys.readouterr().err


def test_cli_check_missing_file_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "none.hwp")]) == 2


def test_facts_as_dict_and_unverified_in_json(tmp_path, capsys):
    result = check_rfp(doc("사업 개요"), RULES, {"amount_krw": 250_000_000, "pricing": "mm"})
    s = statuses(result)
    assert s[2] == NOT_APPLICABLE and s[16] == NOT_APPLICABLE
    assert result.facts.pricing_source == "given"
    path = _write(tmp_path, "rfp.md", "# 사업 개요\n\n적정 사업기간 산정 기준에 따른 사업\n")
    main(["check", str(path), "--amount", "2억", "--as-of", "2025-01-01", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert any("UNVERIFIED" in u for u in data["unverified"])  # 적정 사업기간 대상 금액 (V1)


def test_check_function_returns_findings_of_rfp_and_plan():
    from balju.compliance import SubcontractPlan, Subcontract, check

    plan = SubcontractPlan(1_000_000_000, [Subcontract("A", 600_000_000)])
    findings = check(doc(*CLAUSES.values()), RULES, RfpFacts(amount_krw=1_000_000_000, pricing="fp"), plan)
    assert [f.code for f in findings if f.severity == "error"] == ["law.subcontract-limit"]


def test_sme_item_note_and_mismatch():
    text = "본 사업은 20억원 미만인 사업으로서 대기업 및 중견기업은 입찰에 참여할 수 없음"
    small = check_rfp(doc(text), RULES, RfpFacts(amount_krw=1_500_000_000))
    item = next(i for i in small.items if i.no == 3)
    assert item.status == FOUND and "중소 SW사업자만" in item.note and not item.suspects
    big = check_rfp(doc(text), RULES, RfpFacts(amount_krw=4_500_000_000))
    item = next(i for i in big.items if i.no == 3)
    assert "매출 8천억 미만 대기업" in item.note and "매출 8천억 이상" not in item.note
    assert any(f.code == "law.sme-statement-mismatch" for f in big.findings)
