"""제안요청서 법제도 점검 18개 항목 (소프트웨어 진흥법 제57조; rules.md 3.11).

For each item: found / missing / not-applicable, with the quoted evidence and its place, the fix and
the article. Evidence is found by keyword patterns with Korean spacing variants (the text is
searched with its white space removed, so "하 도 급" and "과업 심의" match). Applicability comes
from the project amount where the law has a threshold (상용SW 직접구매 from 3억, 적정 사업기간 from
1억, the whole check from 1억), read from the RFP or given in ``facts``.

Some items are prohibitions (9 특정규격 명시 금지, 16 투입인력 관리금지). Their status says whether the
RFP states the rule; clauses that look like a breach are listed as ``suspects`` and raise findings.

Quotes never carry phone numbers, e-mail addresses or the name after 담당자/성명 (staff details).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from balju.cost.money import format_won, round_won
from balju.documents.model import Block, Document
from balju.errors import RuleError
from balju.findings import Finding
from balju.rules import Rules

FOUND = "found"
MISSING = "missing"
NOT_APPLICABLE = "not-applicable"
STATUS_KO = {FOUND: "반영", MISSING: "누락", NOT_APPLICABLE: "해당 없음"}


@dataclass
class Evidence:
    quote: str
    where: str
    page: int | None = None
    block: int | None = None


@dataclass
class ItemResult:
    no: int
    name: str
    status: str
    evidence: Evidence | None = None
    fix: str = ""
    reference: str = ""
    note: str = ""
    suspects: list[Evidence] = field(default_factory=list)
    """Clauses that look like a breach of the item (prohibition items, 원격 작업 금지 …)."""

    @property
    def quote(self) -> str | None:
        return self.evidence.quote if self.evidence else None

    @property
    def where(self) -> str | None:
        return self.evidence.where if self.evidence else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["status_ko"] = STATUS_KO[self.status]
        return data


@dataclass
class RfpFacts:
    """What the check needs to know about the project (사업 정보). Unknown stays None."""

    amount_krw: int | None = None
    """사업금액, VAT 포함."""
    pricing: str | None = None
    """'fp' (기능점수 방식) or 'mm' (투입공수 방식)."""
    pricing_source: str | None = None
    """'given' (the user said so) or 'text' (guessed from words in the RFP)."""
    development: bool | None = None
    """SW 개발(구축) 사업인가."""
    amount_quote: str | None = None
    amount_where: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class RfpCheck:
    items: list[ItemResult]
    findings: list[Finding]
    facts: RfpFacts

    def counts(self) -> dict[str, int]:
        out = {FOUND: 0, MISSING: 0, NOT_APPLICABLE: 0}
        for item in self.items:
            out[item.status] += 1
        return out

    def as_dict(self) -> dict:
        return {
            "facts": asdict(self.facts),
            "counts": self.counts(),
            "items": [i.as_dict() for i in self.items],
            "findings": [asdict(f) for f in self.findings],
        }


# ── text helpers ──────────────────────────────────────────────────────────────

_WS = re.compile(r"\s+")
_PHONE = re.compile(r"(?<!\d)(?:\+?82[-\s.]?)?0\d{1,2}[-\s.)]\s?\d{3,4}[-\s.]\d{4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_AFTER = re.compile(r"((?:담당자|담당|성명|연락처|문의처?|작성자|책임자)\s*[:：]?\s*(?:\([^)]*\)\s*)?)[가-힣]{2,4}(?=\s|$|[,(/·])")


def sanitize(text: str) -> str:
    """Remove staff contact details from a quote (phone, e-mail, the name after 담당자 …)."""
    text = _PHONE.sub("☎(생략)", text)
    text = _EMAIL.sub("✉(생략)", text)
    return _NAME_AFTER.sub(lambda m: m.group(1) + "○○○", text)


@dataclass
class _Indexed:
    block: Block
    index: int
    text: str
    compact: str
    starts: list[int]
    """starts[i] = position in ``text`` of compact[i]."""


def _index(doc: Document) -> list[_Indexed]:
    out = []
    for i, block in enumerate(doc.blocks):
        text = block.text or ""
        if block.kind == "table" and block.rows and not text:
            text = "\n".join(" | ".join(r) for r in block.rows)
        if not text.strip():
            continue
        chars, starts = [], []
        for pos, ch in enumerate(text):
            if not ch.isspace():
                chars.append(ch)
                starts.append(pos)
        out.append(_Indexed(block, i, text, "".join(chars), starts))
    return out


def _quote(entry: _Indexed, start: int, end: int, width: int = 70) -> str:
    a = entry.starts[start]
    b = entry.starts[max(start, end - 1)] + 1
    lo, hi = max(0, a - width), min(len(entry.text), b + width)
    snippet = _WS.sub(" ", entry.text[lo:hi]).strip()
    if lo > 0:
        snippet = "…" + snippet
    if hi < len(entry.text):
        snippet += "…"
    return sanitize(snippet)


def _evidence(entry: _Indexed, m: re.Match) -> Evidence:
    pos = entry.block.position
    return Evidence(_quote(entry, m.start(), m.end()), pos.label(), pos.page, entry.index)


def _search(index: list[_Indexed], patterns: list[re.Pattern], exclude: re.Pattern | None = None) -> Evidence | None:
    """The first block matching the strongest pattern (patterns are in order of strength)."""
    for pattern in patterns:
        for entry in index:
            for m in pattern.finditer(entry.compact):
                if exclude is not None and exclude.search(entry.compact[max(0, m.start() - 8) : m.end() + 8]):
                    continue
                return _evidence(entry, m)
    return None


def _search_all(index: list[_Indexed], pattern: re.Pattern, limit: int = 5) -> list[Evidence]:
    out: list[Evidence] = []
    for entry in index:
        for m in pattern.finditer(entry.compact):
            out.append(_evidence(entry, m))
            if len(out) >= limit:
                return out
            break  # one per block
    return out


def _c(*patterns: str) -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


# ── the item patterns (searched in text with white space removed) ────────────

SW = r"(?:SW|S/W|소프트웨어)"
PATTERNS: dict[str, list[re.Pattern]] = {
    "task_review": _c(r"과업(?:내용)?(?:종합)?심의(?:위원회|결과)", r"과업심의", r"과업내용(?:의)?확정.{0,20}심의"),
    "commercial_sw": _c(
        r"상용" + SW + r".{0,15}직접구매",
        r"직접구매(?:대상|품목|제외|여부|하는|한다|함|를|할)",
        r"분리발주(?:대상|품목|제외|여부|하는|한다|함|를|할)(?!소프트웨어\()",
        r"품질성능평가시험",
        r"(?:상용|SW|S/W|소프트웨어).{0,20}(?:BMT|벤치마크테스트)",
    ),
    "sme_support": _c(
        r"(?:대기업|중견기업|상호출자제한).{0,40}(?:참여|입찰).{0,20}(?:제한|불가|할수없|허용|가능)",
        r"중소(?:소프트웨어|SW)사업자.{0,30}(?:만|참여)",
        r"(?:소프트웨어|SW)(?:산업)?진흥법제48조",
        r"대기업인?(?:소프트웨어|SW)?사업자가?참여할수있는사업금액의하한",
        r"대기업(?:의)?참여(?:제한|하한)",
    ),
    "subcontract": _c(
        r"하도급(?:을|은|는)?(?:불허|허용하지|금지|불가|할수없)",
        r"하도급.{0,40}(?:100분의50|50(?:%|퍼센트|％))",
        r"재하도급",
        r"하도급.{0,30}(?:사전승인|승인|제한)",
        r"하도급계획서",
    ),
    "work_place": _c(
        r"작업장소.{0,15}(?:상호)?협의", r"작업장소(?:를|등을)?(?:제시|제안)할수있", r"원격지?개발",
    ),
    "output_use": _c(
        r"산출물(?:의)?반출", r"산출물의활용",
        r"지식재산권(?:은|는|을|이)?.{0,30}(?:공동(?:으로)?소유|귀속(?:된|한|하며|함|됨|주체)|소유(?:함|하며|한다|로))",
        r"산출물.{0,8}활용(?:절차|보장|할수)",
    ),
    "shared_use": _c(
        r"(?:타|다른)기관(?:과|과의|에서|이)?공동활용", r"공동활용(?:할|하는)?계획",
        r"(?:개발|구축)(?:되는|된|한)(?:SW|소프트웨어|S/W|시스템|프로그램).{0,60}공동활용",
        r"개발(?:SW|소프트웨어|S/W)(?:의)?공동활용",
    ),
    "warranty": _c(
        r"\d+년간?의?무상하자(?:보수|담보|보증)",
        r"하자(?:담보|보수|보증)(?:책임)?기간(?:은|는|을)?.{0,30}(?:\d+년|\d+개월|일년)",
        r"하자(?:담보|보수|보증).{0,30}(?:\d+년|\d+개월|일년)",
        r"\d+(?:년|개월)이내.{0,25}하자.{0,15}(?:담보|보수)책임",
        r"하자(?:담보|보수|보증)?(?:책임)?기간\(\d+(?:년|개월)\)",
        r"하자담보책임기간", r"하자(?:에대하여|에대한)?(?:담보|보수)책임",
    ),
    "no_brand_spec": _c(
        r"특정(?:규격|제품|상표|업체|모델|브랜드).{0,30}(?:명시|지정|요구|배제|금지|제한)",
        r"동등(?:이상|수준이상)의?(?:성능|규격|제품|사양|기능|품질|기술)",
        r"(?:성능|규격|사양|제품).{0,15}동등(?:이상|수준)",
    ),
    "negotiation": _c(r"협상에의한계약", r"경쟁적대화"),
    "tech_90": _c(
        r"기술(?:능력)?(?:평가)?(?:점수)?[(\[]?90(?:점|%|％)[)\]]?.{0,40}가격(?:평가)?(?:점수)?[(\[]?10(?:점|%|％)",
        r"90[:：]10",
        r"기술(?:능력)?평가?\(?90(?:점|%|％)",
        r"기술능력평가\(90(?:점)?\)",
    ),
    "tech_eval_criteria": _c(r"(?:소프트웨어|SW)기술성평가기준", r"기술성평가기준"),
    "proposal_compensation": _c(r"제안서(?:작성)?(?:비용)?보상", r"제안서.{0,25}보상"),
    "detailed_requirements": _c(
        r"(?:SFR|PER|SIR|DAR|TER|SER|QUR|COR|PMR|PSR|ECR)-\d{2,4}",
        r"(?:상세요구사항|요구사항상세|요구사항세부내용|요구사항정의서|요구사항고유번호)",
    ),
    "appropriate_duration": _c(r"적정사업기간", r"사업기간산정"),
    "no_staff_management": _c(
        r"투입인력.{0,30}(?:관리하지|요구하지|관리(?:를)?금지|관리할수없|요구할수없|관리(?:를)?하지)",
        r"인력(?:관리|투입).{0,10}(?:금지|요구하지)",
    ),
    "impact_assessment": _c(r"(?:소프트웨어|SW)사업영향평가", r"사업영향평가", r"영향평가결과서"),
    "project_info": _c(r"(?:SW|소프트웨어)사업정보", r"사업정보저장소", r"spir\.kr|SPIR"),
}
_NOT_SW_IMPACT = re.compile(r"개인정보영향평가|개인정보보호영향평가|보안영향평가|환경영향평가")

# Clauses that look like a breach.
_TASK_REVIEW_NOT_HELD = re.compile(r"과업심의위원회(?:를|는)?(?:미개최|개최하지않|생략)")
_REMOTE_FORBIDDEN = re.compile(r"원격지?(?:개발|작업|근무)(?:을|은|는)?(?:금지|불가|허용하지|불허|할수없)")
_STAFF_MANAGEMENT = re.compile(
    r"투입인력.{0,20}(?:변경|교체|철수).{0,20}(?:승인|동의|허락)"
    r"|(?:투입인력|참여인력)(?:현황|내역서|명단|투입계획|이력)"
    r"|(?:상주|투입)인력.{0,20}(?:출근|근태|출퇴근)"
    r"|인력투입계획"
    r"|(?:제안|제시)한?투입인력.{0,30}(?:투입되지|교체|변경)"
)
_BRANDS = (
    r"Oracle|오라클|Tibero|티베로|MS-?SQL|SQLServer|Microsoft|마이크로소프트|Cisco|시스코|VMware|IBM|(?<![A-Za-z])HPE(?![A-Za-z])|"
    r"Dell|Lenovo|레노버|삼성전자|Samsung|Intel|인텔|NVIDIA|엔비디아|Fortinet|포티넷|Citrix|시트릭스|RedHat|레드햇|"
    r"(?<![A-Za-z])SAP(?![A-Za-z])|Adobe|어도비|Juniper|주니퍼|Nutanix|뉴타닉스|Synology|시놀로지|AhnLab|안랩"
)
_BRAND_SPEC = re.compile(
    r"(?:(?:" + _BRANDS + r").{0,12}(?:모델|제품|사(?:의)?규격|[A-Za-z]{0,4}-?\d{3,5}[A-Za-z]?(?!\d))"
    r"|(?:모델명|제조사|제품명)[:：]?(?:" + _BRANDS + r"))"
)
_RATIO_ANY = re.compile(
    r"기술(?:능력)?(?:평가)?(?:점수)?[(\[]?(\d{2})(?:점|%|％)[)\]]?.{0,40}?가격(?:평가)?(?:점수)?[(\[]?(\d{1,2})(?:점|%|％)"
)
_QUALIFY_85 = re.compile(r"기술(?:능력)?평가.{0,30}?85(?:%|％)이상|85(?:%|％)이상.{0,20}협상")
_FP_PRICED = re.compile(r"기능점수|FP방식|간이법|정통법|FunctionPoint", re.IGNORECASE)
_MM_PRICED = re.compile(r"투입공수(?:방식|기준|에의한)|M/?M방식|맨먼스방식|인월방식")
_DEVELOPMENT = re.compile(r"개발|구축|고도화|재개발|재구축")
_PLANNING = re.compile(r"ISP|ISMP|정보화전략|마스터플랜|EA수립|컨설팅|타당성조사|기본계획수립", re.IGNORECASE)


# ── facts ─────────────────────────────────────────────────────────────────────


def facts_from_document(doc: Document, rules: Rules) -> RfpFacts:
    """사업금액 (VAT 포함) from the RFP via ``balju.requirements.facts``, and the pricing basis."""
    facts = RfpFacts()
    try:
        from balju.requirements.facts import extract_facts
    except ImportError:  # pragma: no cover - the extractor is another module
        extract_facts = None
    name = doc.properties.get("title", "") or ""
    if extract_facts is not None:
        pf = extract_facts(doc)
        if pf.project_name.found:
            name = str(pf.project_name.value)
        if pf.budget.found:
            amount = int(pf.budget.value)
            vat_in = pf.vat_included.value
            if vat_in is False:
                vat = round_won(Decimal(amount) * Decimal(rules.value("cost.vat_rate")), rules)
                facts.notes.append(f"RFP의 금액 {format_won(amount)}은 부가세 별도로 적혀 있어 부가세를 더했습니다.")
                amount += vat
            elif vat_in is None:
                facts.notes.append("RFP의 사업금액에 부가세 포함 여부가 없어 포함으로 보았습니다.")
            facts.amount_krw = amount
            facts.amount_quote = sanitize(pf.budget.text or "")[:160] or None
            facts.amount_where = pf.budget.where
        elif pf.estimated_price.found:
            est = int(pf.estimated_price.value)
            vat = round_won(Decimal(est) * Decimal(rules.value("cost.vat_rate")), rules)
            facts.amount_krw = est + vat
            facts.amount_quote = sanitize(pf.estimated_price.text or "")[:160] or None
            facts.amount_where = pf.estimated_price.where
            facts.notes.append("추정가격에 부가세를 더해 사업금액으로 보았습니다.")
    compact = _WS.sub("", doc.text())
    if _MM_PRICED.search(compact):
        facts.pricing, facts.pricing_source = "mm", "text"
    elif _FP_PRICED.search(compact):
        facts.pricing, facts.pricing_source = "fp", "text"
    if _PLANNING.search(_WS.sub("", name)):
        facts.development = False
        facts.notes.append(f"사업명('{name[:60]}')으로 보아 설계·기획(컨설팅) 사업으로 보았습니다.")
    else:
        facts.development = True if _DEVELOPMENT.search(compact[:20000]) else None  # unknown, not "no"
    if facts.amount_krw is None:
        facts.notes.append("사업금액을 찾지 못해 금액 기준 항목은 해당하는 것으로 보고 점검했습니다.")
    return facts


def _merge(base: RfpFacts, given) -> RfpFacts:
    if given is None:
        return base
    if isinstance(given, dict):
        given = RfpFacts(**given)
    for name in ("amount_krw", "pricing", "development", "amount_quote", "amount_where"):
        value = getattr(given, name)
        if value is not None:
            setattr(base, name, value)
    if given.pricing is not None:
        base.pricing_source = "given"
    if given.amount_krw is not None:
        base.notes = [n for n in base.notes if "사업금액" not in n and "부가세" not in n]
    base.notes.extend(given.notes)
    return base


# ── the check ─────────────────────────────────────────────────────────────────

FIXES = {
    "task_review": "과업심의위원회 심의 결과(과업내용 확정)를 반영했음을 밝히고 '과업내용 종합 심의 결과서'를 붙이세요.",
    "commercial_sw": "상용SW 직접구매(분리발주) 대상 여부와 대상 SW 목록(또는 제외 사유와 사전 검토 결과)을 적으세요.",
    "sme_support": "대기업 참여제한(참여 하한) 적용 여부와 그 근거(소프트웨어 진흥법 제48조, 사업금액, 예외 인정 여부)를 적으세요.",
    "subcontract": "하도급은 사업금액의 {limit} 이하, 재하도급 원칙적 금지, 계약 전 발주기관 서면 승인과 하도급 계획서 제출을 적으세요.",
    "work_place": "작업장소는 협의로 정하며 보안요건을 충족하면 사업자가 원격지 작업장소를 제안할 수 있음을 적으세요.",
    "output_use": "산출물(지식재산권)의 귀속·공동소유와 반출·활용 절차를 적으세요.",
    "shared_use": "개발한 SW를 다른 기관이 공동활용할 수 있음을 미리 적으세요.",
    "warranty": "하자담보 책임기간(예: 검수 후 1년)과 범위를 적으세요.",
    "no_brand_spec": "특정 상표·모델·업체를 지정하지 말고 성능·기능 규격으로 적으세요 ('동등 이상' 표기만으로는 부족).",
    "negotiation": "협상에 의한 계약(또는 경쟁적 대화에 의한 계약)으로 사업자를 선정함을 적으세요.",
    "tech_90": "기술능력평가 {technical}점 : 가격평가 {price}점, 기술능력평가 배점의 {qualify} 이상을 협상적격자로 함을 적으세요.",
    "tech_eval_criteria": "소프트웨어 기술성 평가기준을 적용한 평가항목·배점표를 붙이세요.",
    "proposal_compensation": "제안서 보상 대상 여부(대상이면 보상 기준과 예산, 아니면 그 사유)를 적으세요.",
    "detailed_requirements": "기능·비기능 요구사항을 고유번호별로 상세히 적으세요 (상세 요구사항 분석·적용기준).",
    "appropriate_duration": "'적정 사업기간 산정 기준에 따른 사업'임을 밝히고 적정 사업기간 종합 산정서(별지 제4호서식)를 붙이세요.",
    "no_staff_management": "기능점수 방식 사업에서는 투입인력(인원·인적사항·투입기간)을 요구·관리하지 않음을 적고, 그런 요구를 빼세요.",
    "impact_assessment": "SW사업 영향평가 결과서를 붙이세요 (입찰공고 {normal}일 전까지, 긴급하면 {urgent}일 전까지 실시).",
    "project_info": "수주자가 SW사업정보(수행·실적정보)를 SW사업정보저장소에 제출함을 적으세요.",
}


def _pct(value) -> str:
    return f"{float(value) * 100:g}%"


def _fix(key: str, rules: Rules) -> str:
    """The fix text with the numbers taken from the rules in force."""
    text = FIXES[key]
    if key == "subcontract":
        return text.format(limit=_pct(rules.value("compliance.subcontract_limit")))
    if key == "tech_90":
        ratio = rules.value("compliance.tech_price_ratio")
        return text.format(technical=ratio["technical"], price=ratio["price"],
                           qualify=_pct(rules.value("compliance.negotiation_qualify_ratio")))
    if key == "impact_assessment":
        days = _in_force(rules, "compliance.impact_assessment_days")
        if days is None:  # before the 2023 amendment fixed the days: say it without numbers
            return "SW사업 영향평가 결과서를 붙이세요 (입찰공고 전에 실시)."
        return text.format(**days.value)
    return text


def _in_force(rules: Rules, name: str):
    """The rule's value on the rules' day, or None when no value was in force yet."""
    try:
        return rules.get(name)
    except RuleError:
        return None


def check_rfp(document: Document, rules: Rules, facts: RfpFacts | dict | None = None) -> RfpCheck:
    """The 18-item 법제도 점검 of one RFP. ``facts`` overrides what is read from the document."""
    index = _index(document)
    merged = _merge(facts_from_document(document, rules), facts)
    items_rule = rules.get("compliance.rfp_check_items")
    results: list[ItemResult] = []
    for spec in items_rule.value:
        key = spec["key"]
        exclude = _NOT_SW_IMPACT if key == "impact_assessment" else None
        evidence = _search(index, PATTERNS[key], exclude)
        result = ItemResult(
            no=int(spec["number"]),
            name=spec["name"],
            status=FOUND if evidence else MISSING,
            evidence=evidence,
            fix=_fix(key, rules),
            reference=spec["reference"],
        )
        _applicability(result, key, merged, rules)
        if key == "commercial_sw" and result.status == MISSING:
            _no_commercial_purchase(result, index)
        _suspects(result, key, index, merged, rules)
        if key in PROHIBITIONS and result.status != NOT_APPLICABLE:
            _prohibition_status(result)
        results.append(result)
    findings = _findings(results, merged, rules)
    return RfpCheck(results, findings, merged)


# "본 사업은 별도 상용SW 구매를 포함하지 않는다", "상용SW 구매 없음": nothing to buy, so nothing to buy directly.
_NO_PURCHASE = _c(
    r"상용" + SW + r"(?:를|의)?(?:별도)?(?:구매|도입|구입)(?:를|은|는)?(?:포함하지않|하지않|없|미포함|해당없)",
    r"(?:별도)?상용" + SW + r"(?:구매|도입|구입)?(?:없음|없다|없으며|해당없)",
    r"상용" + SW + r"[:：]?본사업은(?:별도)?상용" + SW + r"(?:구매|도입)를포함하지않",
)


def _no_commercial_purchase(result: ItemResult, index: list[_Indexed]) -> None:
    """An RFP that states it buys no commercial SW has answered item 2: not applicable."""
    evidence = _search(index, _NO_PURCHASE)
    if evidence is not None:
        result.status = NOT_APPLICABLE
        result.evidence = evidence
        result.note = (result.note + " " if result.note else "") + "제안요청서가 상용SW 구매가 없다고 밝혔습니다."


PROHIBITIONS = ("no_brand_spec", "no_staff_management")
"""Items the RFP meets by *not* doing something: found = no breach seen, missing = a breach clause seen."""


def _prohibition_status(result: ItemResult) -> None:
    if result.suspects:
        result.status = MISSING
        result.evidence = result.suspects[0]
        result.note = (result.note + " " if result.note else "") + "위반으로 보이는 문구가 있습니다 (자동 검색, 확인 필요)."
    else:
        result.status = FOUND
        result.note = (result.note + " " if result.note else "") + (
            "위반으로 보이는 문구를 찾지 못했습니다." + ("" if result.evidence else " (금지 취지를 밝힌 문구도 없음)")
        )


def _applicability(result: ItemResult, key: str, facts: RfpFacts, rules: Rules) -> None:
    amount = facts.amount_krw
    if key == "commercial_sw":
        floor = rules.get("compliance.commercial_sw_min_amount")
        if amount is not None and amount < floor.value:
            result.note = (
                f"사업금액 {format_won(amount)}이 상용SW 직접구매 기준 {format_won(floor.value)}(VAT 포함) 미만입니다 "
                f"({floor.cite()})."
            )
            result.status = NOT_APPLICABLE
        elif amount is not None:
            result.note = (
                f"사업금액 {format_won(amount)} ≥ {format_won(floor.value)}: 단일 SW "
                f"{format_won(rules.value('compliance.commercial_sw_single_min'))} 이상, 조달청 쇼핑몰 등록 SW, "
                "GS·CC 등 인증 SW가 있으면 직접구매 대상입니다."
            )
    elif key == "sme_support" and amount is not None:
        below = rules.get("compliance.sme_only_below")
        if amount < below.value:
            result.note = (
                f"사업금액 {format_won(amount)}은 {format_won(below.value)} 미만 — 중소 SW사업자만 참여할 수 있는 사업입니다 "
                "(대기업·중견기업 참여 제한과 그 근거를 밝혀야 함)."
            )
        else:
            floors = [
                ("초기 중견", rules.value("compliance.early_midsize_floor")),
                ("매출 8천억 미만 대기업", rules.value("compliance.large_firm_floor_under_8000")),
                ("매출 8천억 이상 대기업", rules.value("compliance.large_firm_floor_8000")),
            ]
            allowed = [name for name, floor in floors if amount >= floor]
            result.note = (
                f"사업금액 {format_won(amount)}: 현행 하한으로는 중소 SW사업자와 {', '.join(allowed)}까지 참여할 수 있고 "
                "상호출자제한기업집단 소속은 예외사업이 아니면 참여할 수 없습니다 (balju eligible로 확인)."
            )
            eok = below.value // 100_000_000  # the RFP writes the line in 억원
            claim = re.compile(rf"(?<!\d){eok}억원?미만(?:인|의)?(?:사업|소프트웨어사업)")
            if result.evidence and claim.search(_WS.sub("", result.evidence.quote)):
                result.suspects.append(result.evidence)
    elif key == "appropriate_duration":
        floor = rules.get("compliance.duration_plan_min_amount")
        if facts.development is False:
            result.note = "SW 개발(구축) 사업이 아닌 것으로 보입니다 — 적정 사업기간 산정은 개발사업이 대상입니다."
            if result.status == MISSING:
                result.status = NOT_APPLICABLE
        elif amount is not None and amount < floor.value:
            result.note = f"사업금액 {format_won(amount)}이 산정 대상 {format_won(floor.value)} 미만입니다 ({floor.cite()})."
            result.status = NOT_APPLICABLE
    elif key == "no_staff_management":
        if facts.development is False and not (facts.pricing == "fp" and facts.pricing_source == "given"):
            result.note = "설계·기획(컨설팅) 사업으로 보입니다 — 투입인력 관리금지는 기능점수 방식 개발사업에 적용됩니다."
            result.status = NOT_APPLICABLE
        elif facts.pricing == "mm":
            result.note = "투입공수(M/M) 방식으로 대가를 산정한 사업으로 보입니다 — 투입인력 관리금지는 기능점수 방식 사업에 적용됩니다."
            if result.status == MISSING:
                result.status = NOT_APPLICABLE
        elif facts.pricing is None:
            result.note = "대가산정 방식(기능점수/투입공수)을 알 수 없어 기능점수 방식으로 보고 점검했습니다."
    elif key == "proposal_compensation":
        floor = rules.get("compliance.proposal_compensation_min_amount")
        if amount is not None and amount < floor.value:
            result.note = (
                f"사업금액 {format_won(amount)}은 보상 대상 기준(미검증 {format_won(floor.value)}) 미만일 수 있습니다 — "
                "그래도 '보상 대상 아님'을 밝히는 것이 점검항목입니다."
            )


def _suspects(result: ItemResult, key: str, index: list[_Indexed], facts: RfpFacts, rules: Rules) -> None:
    if key == "task_review":
        result.suspects = _search_all(index, _TASK_REVIEW_NOT_HELD, 2)
    elif key == "work_place":
        result.suspects = _search_all(index, _REMOTE_FORBIDDEN, 3)
    elif key == "no_brand_spec":
        result.suspects = _search_all(index, _BRAND_SPEC, 5)
    elif key == "no_staff_management" and result.status != NOT_APPLICABLE:
        result.suspects = _search_all(index, _STAFF_MANAGEMENT, 5)
    elif key == "tech_90":
        q = rules.get("compliance.negotiation_qualify_ratio")
        line = _search(index, [_QUALIFY_85])
        if line is not None:
            result.note = f"협상적격 기준(기술능력평가 배점의 {float(q.value) * 100:g}% 이상) 문구: {line.where}"
        else:
            result.note = f"협상적격 기준(기술능력평가 배점의 {float(q.value) * 100:g}% 이상) 문구를 찾지 못했습니다."
        ratio = rules.value("compliance.tech_price_ratio")
        want = (int(ratio["technical"]), int(ratio["price"]))
        for entry in index:
            m = _RATIO_ANY.search(entry.compact)
            if m and (int(m.group(1)), int(m.group(2))) != want and int(m.group(1)) + int(m.group(2)) == 100:
                result.suspects.append(_evidence(entry, m))
                break


def _findings(results: list[ItemResult], facts: RfpFacts, rules: Rules) -> list[Finding]:
    findings: list[Finding] = []
    floor = rules.get("compliance.rfp_check_min_amount")
    small = facts.amount_krw is not None and facts.amount_krw < floor.value
    for r in results:
        code = f"law.rfp-item-{r.no:02d}"
        if r.status == MISSING and not r.suspects:
            findings.append(Finding(
                code=code,
                severity="info" if small else "warning",
                message=f"[{r.no}] {r.name}: 제안요청서에서 관련 문구를 찾지 못했습니다 (not found in the RFP).",
                why=r.note or None,
                fix=r.fix,
                reference=r.reference,
            ))
        for s in r.suspects:
            findings.append(_suspect_finding(r, s, facts))
    missing = sum(1 for r in results if r.status == MISSING)
    limit = _in_force(rules, "compliance.rfp_check_disclosure_missing")  # published lists since 2022
    if limit is not None and missing >= limit.value and not small:
        findings.insert(0, Finding(
            code="law.rfp-check-disclosure",
            severity="error",
            message=(
                f"18개 점검항목 중 {missing}개가 누락되어 반영률 80% 미만(미준수 {limit.value}개 이상) 공개 대상이 될 수 있습니다."
            ),
            fix="누락 항목을 제안요청서에 반영하세요 (자동 검색 결과이므로 항목별로 확인하세요).",
            reference=limit.cite(),
        ))
    if small:
        findings.insert(0, Finding(
            code="law.rfp-check-scope",
            severity="info",
            message=f"사업금액 {format_won(facts.amount_krw)}은 18개 항목 점검 대상({format_won(floor.value)} 이상) 미만입니다 — 참고용 결과입니다.",
            reference=floor.cite(),
        ))
    return findings


_SUSPECTS = {
    1: ("law.task-review-not-held", "warning",
        "과업심의위원회를 열지 않았다고 적혀 있습니다 — 2020-12-10부터 모든 공공SW사업은 과업내용 확정 때 과업심의위원회를 거칩니다."),
    3: ("law.sme-statement-mismatch", "warning",
        "제안요청서는 중소 SW사업자 전용 구간(금액 미만) 사업이라고 하지만 사업금액은 {amount}입니다 — "
        "대기업 참여제한 적용 여부와 근거를 다시 확인하세요."),
    5: ("law.remote-work-forbidden", "warning",
        "원격지 작업을 일률적으로 금지합니다 — 보안요건을 충족하는 작업장소는 사업자가 제안할 수 있어야 합니다."),
    9: ("law.brand-spec", "warning", "특정 상표·모델을 지정한 것으로 보이는 규격이 있습니다 (확인 필요)."),
    11: ("law.tech-price-ratio", "error", "기술:가격 평가 비율이 90:10이 아닙니다."),
    16: ("law.staff-management", "warning",
         "투입인력을 요구·관리하는 조항으로 보입니다 — 기능점수 방식 사업에서는 금지됩니다."),
}
"""What a clause that looks like a breach of item N means: (code, severity, message)."""


def _suspect_finding(r: ItemResult, s: Evidence, facts: RfpFacts) -> Finding:
    code, severity, message = _SUSPECTS[r.no]
    if r.no == 16 and facts.pricing == "fp" and facts.pricing_source == "given":
        severity = "error"  # the user said the project is priced by FP: managing staff is forbidden
    return Finding(code=code, severity=severity, message=message.format(amount=format_won(facts.amount_krw or 0)),
                   fix=r.fix, quote=s.quote, where=s.where, reference=r.reference)
