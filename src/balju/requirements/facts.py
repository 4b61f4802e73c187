"""Project facts out of an RFP (사업 정보 추출): 사업명, 사업금액, 추정가격, 사업기간, 발주기관, 계약방법,
기술:가격 평가 비율, 협상적격 기준 — each with the words it was read from and where, or not found."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from decimal import Decimal

from balju import rules as _rules
from balju.cost.money import round_won

from balju.documents.model import Document
from balju.requirements.extract import _clean, _dedup
from balju.requirements.model import Fact
from balju.requirements.privacy import redact
from balju.requirements.money import parse_amount

_SEP = r"\s*(?:\*\*)?\s*(?:\)|\]|】)?\s*(?:\*\*)?\s*(?:[:：]|\||(?<=[)\]】])|\s(?=금|일금|\d|￦))\s*"
_LEAD = r"(?:^|[\s○●◦❍•▪■□ㅇ￮◯‣❑\-–·*(\[【]|[가-하]\.|\d\.|\d\))\s*"


def _spaced(words: list[str]) -> str:
    r"""사업비 → 사\s*업\s*비 (agencies space out short labels: "사 업 비")."""
    alts = sorted(("\\s*".join(re.escape(ch) for ch in w.replace(" ", "")) for w in words), key=len, reverse=True)
    return "(?:" + "|".join(alts) + ")"


_LABELS = {
    "project_name": _spaced(["사업명", "용역명", "과업명", "사업의 명칭", "건명"]),
    "budget": _spaced(["총사업예산", "사업예산", "총사업금액", "사업금액", "총사업비", "사업비", "소요예산",
                        "예산소요액", "배정예산", "설계금액", "용역금액", "기초금액", "사업규모", "예산"]),
    "estimated_price": _spaced(["추정가격"]),
    "period": _spaced(["사업기간", "계약기간", "용역기간", "과업기간", "수행기간", "사업수행기간"]),
    "period_generic": _spaced(["기간", "용역기간"]),
    "agency": _spaced(["발주기관", "수요기관", "발주처", "주관기관", "계약기관", "사업주관기관", "발주기관명"]),
    "contract_method": _spaced(["계약방법", "계약방식", "입찰방법", "입찰방식", "낙찰자결정방법", "계약체결방법"]),
}
_NOT_NAME = re.compile(r"개\s*요|\d+\s*$|작업유형|구분")
_ORG = re.compile(r"(청|시|도|군|구|원|단|부|처|과|팀|실|공사|공단|재단|협회|회|대학교|대학|학교|위원회|센터|본부|㈜|\(주\)|주식회사|소|관|국|사|원회)\s*$")
_NOT_BUDGET = re.compile(r"^\s*(?:\([^)]*\))?\s*(미만|이상|이하|초과|인\s|이면|을\s초과)")
_VAT_IN = re.compile(r"(VAT|부가세|부가가치세|V\.A\.T\.?)\s*(등\s*)?(포함|包含)|(포함)\s*\(?\s*(VAT|부가세|부가가치세)")
_VAT_OUT = re.compile(r"(VAT|부가세|부가가치세|V\.A\.T\.?)\s*(별도|제외|미포함|불포함)")
_RATIO = re.compile(
    r"(?:기술|제안서)\s*(?:능력)?\s*(?:평가)?\s*(?:점수)?\s*(?:\(|\[|:|：)?\s*(\d{2})\s*(?:%|점|퍼센트)?\s*[)\]]?"
    r"[^\n]{0,40}?(?:입찰)?가격\s*(?:평가)?\s*(?:점수)?\s*(?:\(|\[|:|：)?\s*(\d{1,2})\s*(?:%|점|퍼센트)?(?!\d)"
)
_RATIO_COLON = re.compile(r"기술[^\n]{0,20}?가격[^\n]{0,20}?(\d{2})\s*[:：]\s*(\d{1,2})(?!\d)")
_RATIO_COLON2 = re.compile(r"(\d{2})\s*[:：]\s*(\d{1,2})(?!\d)\s*[)\]]?[^\n]{0,6}?(?:기술|비율)")
_TECH_ALONE = re.compile(r"^\W{0,3}(?:[가-하]\.|\d\.|\d\))?\s*기술\s*(?:능력)?\s*평가\s*[:：(]\s*(\d{2})\s*(?:점|%)")
_PRICE_ALONE = re.compile(r"^\W{0,3}(?:[가-하]\.|\d\.|\d\))?\s*(?:입찰)?\s*가격\s*평가\s*[:：(]\s*(\d{1,2})\s*(?:점|%)")
_PCT = r"(\d{2}(?:\.\d)?)\s*%\s*(?:\([^)]{0,12}\))?\s*이상"
_QUALIFY = re.compile(
    r"(?:(?:기술|제안서)\s*(?:능력)?\s*평가[^\n]{0,60}?" + _PCT + r"[^\n]{0,60}?(?:협상|적격))"
    r"|(?:(?:협상|적격)[^\n]{0,80}?(?:기술|제안서)\s*(?:능력)?\s*평가[^\n]{0,60}?" + _PCT + ")"
    r"|(?:(?:기술|제안서)\S*\s*평가[^\n]{0,40}?100\s*점\s*만점[^\n]{0,20}?(\d{2}(?:\.\d)?)\s*점\s*이상[^\n]{0,40}?(?:협상|적격))"
)
_NEGOTIATION = re.compile(r"협상에\s*의한\s*계약")


@dataclass
class ProjectFacts:
    """The facts a reviewer looks for first (사업 정보). Each is a Fact, found or not."""

    project_name: Fact = field(default_factory=lambda: Fact("사업명", None))
    budget: Fact = field(default_factory=lambda: Fact("사업금액", None))
    vat_included: Fact = field(default_factory=lambda: Fact("부가세 포함 여부", None))
    budget_with_vat: Fact = field(default_factory=lambda: Fact("사업금액(부가세 포함)", None))
    estimated_price: Fact = field(default_factory=lambda: Fact("추정가격", None))
    period: Fact = field(default_factory=lambda: Fact("사업기간", None))
    agency: Fact = field(default_factory=lambda: Fact("발주기관", None))
    contract_method: Fact = field(default_factory=lambda: Fact("계약방법", None))
    evaluation_ratio: Fact = field(default_factory=lambda: Fact("기술:가격 평가 비율", None))
    negotiation_threshold: Fact = field(default_factory=lambda: Fact("협상적격 기준(기술평가 %)", None))

    def redacted(self) -> "ProjectFacts":
        for key, fact in self.items():
            fact.text = redact(fact.text)
            if isinstance(fact.value, str):
                fact.value = redact(fact.value)
        return self

    def items(self) -> list[tuple[str, Fact]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def as_dict(self) -> dict[str, dict]:
        out = {}
        for key, fact in self.items():
            value = fact.value
            if isinstance(value, tuple):
                value = list(value)
            out[key] = {
                "name": fact.name,
                "value": value,
                "found": fact.found,
                "text": fact.text,
                "where": fact.where,
            }
        return out


def _lines(doc: Document) -> list[tuple[str, str]]:
    """(text, where) for every paragraph line and every table row (label : value pairs)."""
    out: list[tuple[str, str]] = []
    for block in doc.blocks:
        where = block.position.label()
        if block.kind == "table" and block.rows:
            for row in block.rows:
                cells = [c.replace("\n", " ") for c in _dedup(row)]
                for a, b in zip(cells, cells[1:]):
                    out.append((f"{a} : {b}", where))
                if len(cells) == 1:
                    out.append((cells[0], where))
        else:
            for line in _clean(block.text).split("\n"):
                out.append((line, where))
    return out


def _labelled(lines: list[tuple[str, str]], key: str):
    pattern = re.compile(_LEAD + "(" + _LABELS[key] + ")" + _SEP + r"(?P<value>.+)$")
    for text, where in lines:
        m = pattern.search(text)
        if m:
            yield m.group("value").strip(), text.strip(), where


def _is_org(value: str) -> bool:
    core = re.sub(r"\s*\([^)]*\)\s*$", "", value).strip()
    squeezed = core.replace(" ", "")
    if len(squeezed) < 3 or squeezed.endswith("당시") or re.search(r"\d{2}", core):
        return False
    return bool(_ORG.search(core) or _ORG.search(value.strip()))


def _agency_from_cover(doc: Document) -> Fact:
    """The agency as printed on the cover: a short line naming an organisation on the first blocks."""
    for block in doc.blocks[:40]:
        if block.kind == "heading" or (block.kind == "paragraph" and re.match(r"^\s*(목\s*차|[IⅠ1]\.)", block.text or "")):
            break  # the cover ends where the contents or the first heading start
        if block.kind == "table":
            continue
        for line in _clean(block.text).split("\n"):
            line = line.strip(" ·-")
            if (
                3 <= len(line) <= 30
                and re.match(r"^[가-힣A-Za-z]", line)
                and "(" not in line
                and _is_org(line)
                and not re.search(r"[:：]|사업|용역|구축|요청서|개발|시스템|장\s*소|일원", line)
            ):
                return Fact("발주기관", line, line, block.position.label() + " (표지)")
    return Fact("발주기관", None)


def _vat(context: str, where: str) -> Fact | None:
    m = _VAT_OUT.search(context)
    if m:
        return Fact("부가세 포함 여부", False, m.group(0), where)
    m = _VAT_IN.search(context)
    if m:
        return Fact("부가세 포함 여부", True, m.group(0), where)
    return None


def _with_vat(facts: "ProjectFacts", day: dt.date | None) -> Fact:
    """사업금액 with VAT: as stated when the RFP says VAT is included, else stated × (1 + 부가세율)."""
    name = "사업금액(부가세 포함)"
    budget = facts.budget
    if not budget.found:
        return Fact(name, None)
    if facts.vat_included.value is False:
        rules = _rules.at(day or dt.date.today())
        rate = rules.get("cost.vat_rate")
        amount = round_won(Decimal(budget.value) * (1 + rate.value), rules)
        return Fact(name, amount, f"{budget.text} × (1 + {rate.value}) — {rate.cite()}", budget.where)
    return Fact(name, budget.value, budget.text, budget.where)


def extract_facts(doc: Document, *, day: dt.date | None = None) -> ProjectFacts:
    """사업 정보: every fact with its quote and place, or not found (``Fact.value is None``)."""
    facts = ProjectFacts()
    lines = _lines(doc)

    for value, quote, where in _labelled(lines, "project_name"):
        value = re.split(r"\s{2,}|\s\|\s", value)[0].strip(" :「」『』\"“”")
        if len(value) >= 4 and not re.fullmatch(r"[가-힣]{1,6}", value) and not _NOT_NAME.search(value):
            facts.project_name = Fact("사업명", value, quote[:200], where)
            break
    if not facts.project_name.found and doc.properties.get("title"):
        facts.project_name = Fact("사업명", doc.properties["title"], doc.properties["title"], "문서 속성")

    for i, (value, quote, where) in enumerate(_labelled(lines, "budget")):
        amount = parse_amount(value)
        if amount is None:
            continue
        won, words = amount
        if won < 1_000_000:  # a unit price or a page number, not a project budget
            continue
        after = value[value.find(words) + len(words):] if words in value else ""
        if _NOT_BUDGET.match(after):  # "사업금액 20억원 미만인 사업" is a rule, not this budget
            continue
        facts.budget = Fact("사업금액", won, quote[:200], where)
        context = quote
        idx = next((k for k, (t, w) in enumerate(lines) if t.strip() == quote), None)
        if idx is not None:
            context += " " + " ".join(t for t, _ in lines[idx + 1 : idx + 3] if len(t) < 80)
        vat = _vat(context, where)
        if vat is not None:
            facts.vat_included = vat
        break

    for value, quote, where in _labelled(lines, "estimated_price"):
        amount = parse_amount(value)
        if amount and amount[0] >= 1_000_000:
            after = value[value.find(amount[1]) + len(amount[1]):] if amount[1] in value else ""
            if _NOT_BUDGET.match(after):
                continue
            facts.estimated_price = Fact("추정가격", amount[0], quote[:200], where)
            if not facts.budget.found:
                # the RFP states only 추정가격 (e.g. "(추정가격) 140,000,000원(부가세 포함) 이내")
                facts.budget = Fact("사업금액", amount[0], quote[:200], where)
                vat = _vat(quote, where)
                if vat is not None:
                    facts.vat_included = vat
            break
    facts.budget_with_vat = _with_vat(facts, day)

    for value, quote, where in [*_labelled(lines, "period"), *_labelled(lines, "period_generic")]:
        value = re.split(r"\s+[□○❍◦■▪※]\s*|\s\*\s", value)[0].strip()
        if re.search(r"\d.*(개월|일|년|까지|~)|계약일|착수일|체결일", value) and not re.match(r"^[\d\s.]+$|^\d+\s+\d", value) and not re.search(r"\.\s*\.\s*\.", value):
            facts.period = Fact("사업기간", value[:120], quote[:200], where)
            break

    for value, quote, where in _labelled(lines, "agency"):
        value = value.strip(" :")
        if 2 <= len(value) <= 60 and _is_org(value):
            facts.agency = Fact("발주기관", value, quote[:200], where)
            break

    if not facts.agency.found:
        facts.agency = _agency_from_cover(doc)

    for value, quote, where in _labelled(lines, "contract_method"):
        if re.search(r"입찰|계약|협상|경쟁|수의", value) and not re.match(r"^\d", value):
            facts.contract_method = Fact("계약방법", value[:120], quote[:200], where)
            break
    if not facts.contract_method.found:
        for text, where in lines:
            if _NEGOTIATION.search(text):
                facts.contract_method = Fact("계약방법", "협상에 의한 계약", text.strip()[:200], where)
                break

    for text, where in lines:
        m = _RATIO.search(text)
        if m and int(m.group(1)) + int(m.group(2)) == 100:
            facts.evaluation_ratio = Fact("기술:가격 평가 비율", (int(m.group(1)), int(m.group(2))), text.strip()[:200], where)
            break
    if not facts.evaluation_ratio.found:
        for text, where in lines:
            m = _RATIO_COLON.search(text) or _RATIO_COLON2.search(text)
            if m and int(m.group(1)) + int(m.group(2)) == 100:
                facts.evaluation_ratio = Fact("기술:가격 평가 비율", (int(m.group(1)), int(m.group(2))), text.strip()[:200], where)
                break

    if not facts.evaluation_ratio.found:
        tech = price = None
        for text, where in lines:
            t = _TECH_ALONE.search(text)
            if t and tech is None:
                tech = (int(t.group(1)), text.strip(), where)
            p = _PRICE_ALONE.search(text)
            if p and price is None:
                price = (int(p.group(1)), text.strip(), where)
            if tech and price:
                break
        if tech and price and tech[0] + price[0] == 100:
            facts.evaluation_ratio = Fact(
                "기술:가격 평가 비율", (tech[0], price[0]), f"{tech[1][:90]} / {price[1][:90]}", tech[2]
            )
        elif price and not tech and 0 < price[0] < 50:
            # only the price part is stated as points out of 100 ("입찰가격평가 : 10점")
            facts.evaluation_ratio = Fact(
                "기술:가격 평가 비율", (100 - price[0], price[0]), f"{price[1][:120]} (기술 = 100 − 가격)", price[2]
            )

    for text, where in lines:
        m = _QUALIFY.search(text)
        if m:
            pct = Decimal(m.group(1) or m.group(2) or m.group(3))
            value = int(pct) if pct == pct.to_integral_value() else pct
            facts.negotiation_threshold = Fact("협상적격 기준(기술평가 %)", value, text.strip()[:200], where)
            break
    return facts.redacted()
