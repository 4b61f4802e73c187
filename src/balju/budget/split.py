"""The budget breakdown of an RFP (예산 내역 나누기): which part is software development, and which
is hardware, licences (상용SW), operation/maintenance or other items.

``split_budget(document)`` finds the stated budget ('사업예산 : 금133,812,000원(부가세 포함)'),
then looks for a breakdown in the blocks that follow it and in any table whose total equals it:
tables with an amount column ('설계 53,000,000 / 개발 90,000,000 / 합계 157,300,000') and lines
such as 'HW 구매 : 200,000천원'. Items are classified by the category word nearest the end of
their name (Korean puts the head noun last: '교육시스템 개발' is development). When no amounts are
given but hardware or licences are named near the budget ('BIT 55대', 'Oracle DB 라이선스'), the
split is *unknown* and the split says so: the stated budget then includes items that are not
development, by an amount nobody can tell.

The vocabulary lives in the rule ``budget.split_vocabulary`` (balju's own convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from balju.budget.amounts import find_amounts, parse_number, table_unit, vat_flag
from balju.cost.money import round_won
from balju.documents.model import Block, Document
from balju.rules import Rules

CATEGORY_KO = {
    "development": "SW개발",
    "hardware": "HW·장비",
    "licence": "상용SW·라이선스",
    "operation": "운영·유지관리",
    "other": "기타",
    "unknown": "미분류",
}
NON_DEVELOPMENT = ("hardware", "licence", "operation", "other")
_BULLETS = " \t-–—○●◦•·ㅇ❍□■◇◆▶▷※*>⦁∙󰊱"
_MIN_ITEM_WON = 10_000
"""A cell below 10,000원 is a count or a score, not a budget item (수량·배점 칸 거르기)."""


@dataclass
class BudgetItem:
    """One line of a budget breakdown (예산 내역 항목)."""

    category: str
    """development | hardware | licence | operation | other | unknown"""
    label: str
    amount: int
    """Won, as written (its VAT basis is the split's ``items_vat_included``)."""
    text: str
    where: str

    @property
    def category_ko(self) -> str:
        return CATEGORY_KO[self.category]


@dataclass
class BudgetSplit:
    """The stated budget and its breakdown as far as the RFP gives one (예산과 내역)."""

    total: int | None = None
    """The stated budget found in the document (사업예산·소요예산 …), won."""
    total_vat_included: bool | None = None
    total_text: str | None = None
    total_where: str | None = None
    items: list[BudgetItem] = field(default_factory=list)
    sums: list[int] = field(default_factory=list)
    """Amounts of 합계·소계 rows (used only to check the items)."""
    items_vat_included: bool | None = None
    """Whether the item amounts include VAT (decided from a VAT row or from how they add up)."""
    development: int | None = None
    """The development part on the same VAT basis as ``total``; None when no split is stated."""
    non_development: dict[str, int] = field(default_factory=dict)
    """hardware / licence / operation / other → won on the basis of ``total``."""
    mentions: dict[str, list[str]] = field(default_factory=dict)
    """Non-development items named near the budget without an amount (category → words)."""
    notes: list[str] = field(default_factory=list)
    """How the development part was obtained, in plain Korean."""

    @property
    def stated(self) -> bool:
        """A breakdown with amounts was found (내역이 금액으로 적혀 있음)."""
        return bool(self.items)

    @property
    def mixes_unknown(self) -> bool:
        """No amounts, but hardware/licences/operation are named: the split is unknown."""
        return not self.stated and bool(self.mentions)

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "total_vat_included": self.total_vat_included,
            "total_text": self.total_text,
            "total_where": self.total_where,
            "stated": self.stated,
            "items": [
                {"category": i.category, "category_ko": i.category_ko, "label": i.label,
                 "amount": i.amount, "text": i.text, "where": i.where}
                for i in self.items
            ],
            "items_vat_included": self.items_vat_included,
            "development": self.development,
            "non_development": dict(self.non_development),
            "mentions": {k: list(v) for k, v in self.mentions.items()},
            "notes": list(self.notes),
        }


@dataclass
class _Line:
    block: int
    text: str
    where: str


def split_budget(
    document: Document,
    rules: Rules | None = None,
    *,
    total: int | None = None,
    vat_included: bool | None = None,
) -> BudgetSplit:
    """Find the stated budget and its breakdown in ``document``.

    ``total``/``vat_included`` (e.g. from ``requirements.extract_facts``) are used when given;
    otherwise the budget sentence is looked for here.
    """
    if rules is None:
        from balju import rules as rules_module

        rules = rules_module.at()
    vocab = rules.value("budget.split_vocabulary")
    split = BudgetSplit()
    found = _find_total(document, vocab)
    anchor = None
    if found is not None:
        anchor, split.total, split.total_vat_included, split.total_text, split.total_where = found
    if total is not None:
        if split.total is not None and split.total != total:
            anchor = None if not _near(split.total, total, vocab) else anchor
        split.total = total
        if vat_included is not None or split.total_vat_included is None:
            split.total_vat_included = vat_included
    if anchor is None and split.total is not None:
        anchor = _block_with_amount(document, split.total)
    window = int(vocab["window_blocks"])
    blocks = document.blocks
    in_window = set(range(anchor, min(len(blocks), anchor + window + 1))) if anchor is not None else set()

    for index, block in enumerate(blocks):
        if block.kind == "table" and block.rows:
            items, sums = _table_items(block, blocks[index - 1] if index else None, vocab, split.total, rules)
            if not items or all(_period(i.label) for i in items):
                continue  # no items, or a payment schedule by year (연차별 예산), not a breakdown
            near = index in in_window and _money_table(block)
            matches_total = split.total is not None and any(
                _near(s, split.total, vocab) or _near(s * _vat_multiplier(rules), split.total, vocab) for s in sums
            )
            if near or matches_total:
                _add(split, items)
                split.sums.extend(sums)
        elif index in in_window and block.text:
            for line in block.text.splitlines():
                item = _line_item(line, block, vocab)
                if item is not None:
                    if item.category == "sum":
                        split.sums.append(item.amount)
                    else:
                        _add(split, [item])
    for index in sorted(in_window):
        _collect_mentions(blocks[index], vocab, split.mentions)
    _settle(split, rules, vocab)
    return split


# --- the stated budget ------------------------------------------------------------------------

def _spaced(word: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in word)


def _total_pattern(vocab: dict) -> re.Pattern:
    labels = sorted(vocab["total_labels"], key=len, reverse=True)
    alternation = "|".join(_spaced(w) for w in labels)
    return re.compile(rf"[\(（]?\s*(?:{alternation})\s*(?:[\)）]\s*[:：]?|[:：])\s*")


def _lines(block: Block) -> list[str]:
    if block.kind == "table" and block.rows:
        return [" : ".join(c.strip() for c in row if c and c.strip()) for row in block.rows]
    return block.text.splitlines() if block.text else []


def _find_total(document: Document, vocab: dict):
    pattern = _total_pattern(vocab)
    for index, block in enumerate(document.blocks):
        for line in _lines(block):
            for match in pattern.finditer(line):
                rest = line[match.end():]
                amounts = find_amounts(rest)
                if not amounts or amounts[0].start > 6:
                    continue
                amount = amounts[0]
                after = rest[amount.end: amount.end + 60]
                flag = vat_flag(rest[: amount.end] + after)
                quote = (line[match.start(): match.end()] + rest[: amount.end] + after).strip()
                return index, amount.value, flag, _short(quote), block.position.label()
    return None


def _block_with_amount(document: Document, total: int) -> int | None:
    """The first block that writes ``total`` (the budget given from the facts)."""
    for index, block in enumerate(document.blocks):
        for line in _lines(block):
            if any(a.value == total for a in find_amounts(line)):
                return index
    return None


def _near(a: int | Decimal, b: int, vocab: dict) -> bool:
    if not b:
        return False
    return abs(Decimal(a) - b) <= Decimal(vocab["vat_match_tolerance"]) * b


def _vat_multiplier(rules: Rules) -> Decimal:
    return 1 + Decimal(rules.value("cost.vat_rate"))


# --- items ------------------------------------------------------------------------------------

def _key(text: str) -> str:
    """Spaces and punctuation out, upper case; '/' kept (H/W, S/W)."""
    return re.sub(r"[\s\u3000·ㆍ,()\[\]（）:：\-_]+", "", text or "").upper()


def classify(label: str, vocab: dict) -> str:
    """The category of an item name: ``sum``, ``vat``, or the category whose word ends nearest
    the end of the name (longest word on a tie); ``unknown`` when none matches."""
    key = _key(label)
    if not key:
        return "unknown"
    if key.replace(".", "").replace("/", "") in {_key(w) for w in vocab["sum_labels"]}:
        return "sum"
    if len(key) <= 8 and any(_key(w) in key for w in vocab["vat_labels"]):
        return "vat"
    best: tuple[int, int] | None = None
    chosen = "unknown"
    for category, words in vocab["categories"].items():
        for word in words:
            probe = _key(word)
            position = key.rfind(probe) if probe else -1
            if position < 0:
                continue
            rank = (position + len(probe), len(probe))
            if best is None or rank > best:
                best, chosen = rank, category
    return chosen


_PERIOD_RE = re.compile(r"^\s*(?:\d{4}\s*년(?:도)?|\d+\s*차\s*(?:년도|연도)?|\d+\s*년\s*차|\d{4})(?:\s|$|\(|[가-힣]{0,4}$)")


def _period(label: str) -> bool:
    """'2024년', '1차년도', '2년차': a row of a payment schedule, not a budget category."""
    return bool(_PERIOD_RE.match(label or ""))


def _money_table(block: Block) -> bool:
    head = " ".join(" ".join(r) for r in (block.rows or [])[:2])
    return bool(re.search(r"금액|예산|비용|사업비|단위|원\)|산출", head))


def _table_items(
    block: Block, before: Block | None, vocab: dict, total: int | None = None, rules: Rules | None = None
) -> tuple[list[BudgetItem], list[int]]:
    unit = table_unit(" ".join(" ".join(r) for r in (block.rows or [])[:3]))
    if unit is None and before is not None and before.text:
        unit = table_unit(before.text[-80:])
    if unit is None:
        unit = _inferred_unit(block, total, vocab, rules)
    items: list[BudgetItem] = []
    sums: list[int] = []
    where = block.position.label()
    for number, row in enumerate(block.rows or [], start=1):
        amounts: list[int] = []
        labels: list[str] = []
        for cell in row:
            cell = (cell or "").strip()
            if not cell:
                continue
            value = parse_number(cell, unit)
            if value is None:
                found = find_amounts(cell)
                if found and len(found) == 1 and found[0].end >= len(cell.rstrip()) - 12:
                    value = found[0].value
            if value is not None:
                amounts.append(value)
            elif not re.fullmatch(r"[\d.,%\s]+|[\d.,\s]*(M/M|MM|식|대|개|ea|EA|명|개월|set|SET)\s*", cell):
                labels.append(cell)
        amounts = [a for a in amounts if a >= _MIN_ITEM_WON]
        if not amounts or not labels:
            continue
        label = " ".join(dict.fromkeys(labels))
        amount = max(amounts)
        first = classify(labels[0], vocab)
        category = first if first in ("sum", "vat") else classify(label, vocab)
        if category == "sum":
            sums.append(amount)
            continue
        items.append(BudgetItem(category, _short(label, 60), amount, _short(" | ".join(c for c in row if c), 120), f"{where} 표 {number}행"))
    return items, sums


def _inferred_unit(block: Block, total: int | None, vocab: dict, rules: Rules | None) -> int:
    """A table that does not say its unit: the unit (원, 천원, 만원, 백만원) under which one of its
    numbers equals the budget, or the budget without VAT; 원 when none does."""
    if not total or rules is None:
        return 1
    numbers = [
        value
        for row in block.rows or []
        for cell in row
        if (value := parse_number(cell or "")) is not None and value > 0
    ]
    multiplier = _vat_multiplier(rules)
    for unit in (1, 10**3, 10**4, 10**6):
        if any(_near(n * unit, total, vocab) or _near(n * unit * multiplier, total, vocab) for n in numbers):
            return unit
    return 1


def _line_item(line: str, block: Block, vocab: dict) -> BudgetItem | None:
    amounts = find_amounts(line)
    if len(amounts) != 1:
        return None
    amount = amounts[0]
    label = line[: amount.start].strip(_BULLETS).strip()
    label = re.sub(r"^[\(（]?[0-9가-힣A-Za-z][\)）.]\s+", "", label)
    label = label.rstrip(" :：=-–").strip()
    if not label or len(label) > 30:
        return None
    if _total_pattern(vocab).search(label + " :"):
        return None  # the budget sentence itself, or another total
    category = classify(label, vocab)
    if category == "unknown" or _period(label):
        return None  # a sum of money that is no budget item ('실적 1억원 이상', '2024년 …')
    if category == "sum":
        return BudgetItem("sum", label, amount.value, _short(line), block.position.label())
    return BudgetItem(category, _short(label, 60), amount.value, _short(line.strip()), block.position.label())


def _add(split: BudgetSplit, items: list[BudgetItem]) -> None:
    seen = {(i.label, i.amount) for i in split.items}
    for item in items:
        if (item.label, item.amount) not in seen:
            split.items.append(item)
            seen.add((item.label, item.amount))


def _collect_mentions(block: Block, vocab: dict, mentions: dict[str, list[str]]) -> None:
    text = _key(block.text or " ".join(" ".join(r) for r in block.rows or []))
    negations = [_key(w) for w in vocab.get("mention_negations", [])]
    reach = int(vocab.get("mention_negation_chars", 0))
    for category, words in vocab["mentions"].items():
        for word in words:
            probe = _key(word)
            if not probe:
                continue
            pattern = re.escape(probe)
            if probe.isascii():  # 'BIT', 'PC': not inside a longer Latin word ('ORBIT')
                pattern = rf"(?<![A-Z]){pattern}(?![A-Z])"
            for match in re.finditer(pattern, text):
                after = text[match.end(): match.end() + reach]
                if any(n and n in after for n in negations):
                    continue  # '상용소프트웨어 발주 과업 미포함', '전광판 … 연동'
                found = mentions.setdefault(category, [])
                if word not in found:
                    found.append(word)
                break


# --- settling the development part ------------------------------------------------------------

def _settle(split: BudgetSplit, rules: Rules, vocab: dict) -> None:
    if not split.items:
        return
    multiplier = _vat_multiplier(rules)
    vat_rows = [i for i in split.items if i.category == "vat"]
    parts = [i for i in split.items if i.category != "vat"]
    if not parts:
        split.items = []
        return
    items_sum = sum(i.amount for i in parts)
    total = split.total
    total_incl = split.total_vat_included
    items_incl: bool | None
    if vat_rows:
        items_incl = False
    elif total is not None and _near(items_sum, total, vocab):
        items_incl = total_incl
    elif total is not None and _near(items_sum * multiplier, total, vocab):
        items_incl = False
    else:
        items_incl = total_incl
        if total is not None:
            split.notes.append(
                f"내역 합계 {items_sum:,}원이 예산 {total:,}원과 맞지 않습니다 "
                "(the items do not add up to the budget) — 내역을 확인하세요."
            )
    split.items_vat_included = items_incl
    convert = Decimal(1)
    if total_incl is True and items_incl is False:
        convert = multiplier
        split.notes.append("내역 금액은 부가세 별도라서 1.1을 곱해 예산(부가세 포함)과 맞췄습니다.")
    by_category: dict[str, int] = {}
    for item in parts:
        by_category[item.category] = by_category.get(item.category, 0) + item.amount
    for category in NON_DEVELOPMENT:
        if category in by_category:
            split.non_development[category] = round_won(by_category[category] * convert, rules)
    development = by_category.get("development", 0) + by_category.get("unknown", 0)
    if by_category.get("unknown"):
        split.notes.append(
            f"분류하지 못한 내역 {by_category['unknown']:,}원을 개발비로 보았습니다 "
            "(unclassified items counted as development)."
        )
    if development == 0 and total is not None:
        rest = total - sum(split.non_development.values())
        split.development = max(rest, 0)
        split.notes.append(
            f"개발비 항목이 따로 없어 예산에서 비개발 항목({sum(split.non_development.values()):,}원)을 뺀 "
            f"{split.development:,}원을 개발비로 보았습니다."
        )
        return
    split.development = round_won(development * convert, rules)


def _short(text: str, limit: int = 100) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
