"""Who may bid (입찰 참여 가능 여부): 대기업 참여제한, 소프트웨어 진흥법 제48조와 지침 별표 1.

사업금액 = 추정가격 + 부가가치세. A user who gives the amount without VAT gets the VAT added by
the rule ``cost.vat_rate`` (rounded by ``cost.rounding``). All floors are dated rules under
``rules/data/compliance``. The January 2024 reform (700억·30억·설계·기획 개방) is kept as a
separate rule set, ``reform-2024``, used only when the caller names it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Sequence

from balju.cost.money import format_won, round_won
from balju.errors import InputError
from balju.rules import Rules
from balju.rules.loader import parse_as_of
from balju.rules import at as rules_at

# 참여자 구분 (bidder classes). Canonical Korean key → accepted spellings.
CHAEBOL = "상호출자제한"
LARGE_8000 = "대기업8천억이상"
LARGE = "대기업8천억미만"
EARLY_MIDSIZE = "초기중견"
SME = "중소"

BIDDER_CLASSES: dict[str, str] = {
    CHAEBOL: "상호출자제한기업집단 소속회사",
    LARGE_8000: "매출액 8천억원 이상 대기업",
    LARGE: "매출액 8천억원 미만 대기업(중견기업 포함)",
    EARLY_MIDSIZE: "중소기업 졸업 후 5년 미만 중견기업(초기 중견)",
    SME: "중소 SW사업자",
}
_CLASS_ALIASES = {
    CHAEBOL: ["상호출자제한기업집단", "상호출자제한기업집단소속", "chaebol", "cross-shareholding"],
    LARGE_8000: ["대기업8000억이상", "8천억이상", "large-8000", "large-8000+", "large8000"],
    LARGE: ["대기업", "대기업8000억미만", "중견", "중견기업", "large", "midsize", "large-under-8000"],
    EARLY_MIDSIZE: ["초기중견기업", "중소졸업중견", "early-midsize", "early-mid"],
    SME: ["중소기업", "중소sw사업자", "중소소프트웨어사업자", "sme"],
}

EXEMPTIONS = ("국가안보", "신기술", "민간투자형")
_EXEMPTION_ALIASES = {
    "국가안보": ["안보", "국방", "security", "national-security"],
    "신기술": ["신기술인정", "신기술적용", "new-tech", "newtech"],
    "민간투자형": ["민간투자", "private-investment", "ppp"],
}

CURRENT = "current"
REFORM_2024 = "reform-2024"
RULESETS = {
    CURRENT: "현행 규칙 (시행 중)",
    REFORM_2024: "2024-01-31 발표 개편안 (700억·30억·설계·기획 개방) — 시행 여부 미확인, 명시적으로 고를 때만",
}
_RULESET_ALIASES = {CURRENT: ["현행", "default", "now"], REFORM_2024: ["reform2024", "개편안", "reform"]}

ART_48 = "소프트웨어 진흥법 제48조, 「중소 소프트웨어사업자의 사업 참여 지원에 관한 지침」 별표 1"


@dataclass
class Decision:
    """May this bidder bid (참여 가능 여부), why, and on which article."""

    eligible: bool
    reason: str
    """Korean, one or two sentences."""
    reference: str
    """조문·별표."""
    amount_krw: int
    """사업금액 (VAT 포함)."""
    estimated_price_krw: int | None = None
    """추정가격 (VAT 제외) when the user gave it."""
    bidder: str | list[str] = SME
    exemption: str | None = None
    ruleset: str = CURRENT
    as_of: str = ""
    notes: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    """Citations of the rules used that are not verified (미검증 규칙)."""

    def as_dict(self) -> dict:
        return asdict(self)


def _canon(value: str, aliases: dict[str, list[str]], what: str, choices: Sequence[str], where: str) -> str:
    key = value.strip().replace(" ", "").replace("_", "").lower()
    for canon, spellings in aliases.items():
        if key == canon.lower() or key in (s.lower() for s in spellings):
            return canon
    raise InputError(
        f"{what} '{value}'을(를) 알 수 없습니다 (unknown {where.strip('-')}).",
        where=where,
        fix=f"다음 중 하나로 적으세요: {', '.join(choices)}",
    )


def parse_bidder_class(value: str) -> str:
    return _canon(value, _CLASS_ALIASES, "참여자 구분", list(BIDDER_CLASSES), "--bidder")


def parse_exemption(value: str | None) -> str | None:
    if value is None or not str(value).strip() or str(value).strip() in ("없음", "none"):
        return None
    return _canon(value, _EXEMPTION_ALIASES, "예외사업 구분", EXEMPTIONS, "--exemption")


def parse_ruleset(value: str | None) -> str:
    if value is None:
        return CURRENT
    return _canon(value, _RULESET_ALIASES, "규칙 묶음", list(RULESETS), "--ruleset")


def project_amount(amount_krw: int, vat_included: bool, rules: Rules) -> tuple[int, int | None]:
    """사업금액 (VAT 포함) and, when the user gave it, the 추정가격 (VAT 제외)."""
    if isinstance(amount_krw, bool) or not isinstance(amount_krw, int):
        raise InputError(
            f"금액은 원 단위 정수여야 합니다 (amount must be integer won): {amount_krw!r}",
            where="--amount",
            fix="예: 2000000000",
        )
    if amount_krw <= 0:
        raise InputError(
            f"사업금액은 0원보다 커야 합니다 (amount must be positive): {amount_krw}",
            where="--amount",
            fix="VAT 포함 사업금액(원)을 적으세요. 예: 2000000000",
        )
    if vat_included:
        return amount_krw, None
    vat = round_won(Decimal(amount_krw) * Decimal(rules.value("cost.vat_rate")), rules)
    return amount_krw + vat, amount_krw


def _day(as_of: dt.date | str | None) -> dt.date:
    return parse_as_of(as_of) or dt.date.today()


def eligibility(
    amount_krw: int,
    vat_included: bool = True,
    bidder_class: str = SME,
    exemption: str | None = None,
    as_of: dt.date | str | None = None,
    ruleset: str | None = CURRENT,
    *,
    planning_project: bool = False,
    rules: Rules | None = None,
) -> Decision:
    """May a bidder of ``bidder_class`` bid on a project of ``amount_krw``?

    ``planning_project`` marks a 설계·기획(ISP 등) project; it matters only under ``reform-2024``.
    """
    day = _day(as_of)
    rules = rules or rules_at(day)
    cls = parse_bidder_class(bidder_class)
    exempt = parse_exemption(exemption)
    rs = parse_ruleset(ruleset)
    amount, estimated = project_amount(amount_krw, vat_included, rules)
    decision = _decide(amount, cls, exempt, rs, planning_project, rules)
    decision.estimated_price_krw = estimated
    decision.bidder = cls
    decision.exemption = exempt
    decision.ruleset = rs
    decision.as_of = day.isoformat()
    if estimated is not None:
        vat = rules.get("cost.vat_rate")
        decision.notes.insert(
            0,
            f"추정가격 {format_won(estimated)}에 부가가치세({float(vat.value * 100):g}%)를 더한 "
            f"사업금액 {format_won(amount)}으로 판단했습니다 ({vat.reference}).",
        )
    decision.unverified = [v.cite() for v in rules.unverified_used()]
    return decision


def _decide(amount: int, cls: str, exempt: str | None, rs: str, planning: bool, rules: Rules) -> Decision:
    won = format_won(amount)
    reform = rs == REFORM_2024
    notes: list[str] = []
    if reform:
        notes.append(
            "2024-01-31 발표 개편안(reform-2024)을 적용한 결과입니다. 개편안의 시행 여부는 확인되지 "
            "않았습니다 — 실제 입찰에는 현행 규칙을 확인하세요."
        )

    if cls == SME:
        return Decision(
            True,
            "중소 SW사업자는 사업금액과 관계없이 참여할 수 있습니다.",
            ART_48,
            amount,
            notes=notes,
        )

    if exempt is not None:
        table = rules.value("compliance.exemptions")
        entry = table[exempt]
        ref = rules.get("compliance.exemptions")
        return Decision(
            True,
            f"{entry['name']}으로 인정받은 예외사업({exempt})은 대기업 참여제한을 적용하지 않으므로 "
            f"{BIDDER_CLASSES[cls]}도 참여할 수 있습니다. 예외사업 인정(고시) 여부를 공고문에서 확인하세요.",
            f"{entry['reference']} ({ref.since.isoformat()} 시행)",
            amount,
            notes=notes,
        )

    if reform and planning and rules.value("compliance.reform_2024.planning_open"):
        ref = rules.get("compliance.reform_2024.planning_open")
        return Decision(
            True,
            "개편안에 따르면 설계·기획(ISP 등) 사업은 대기업 참여제한을 적용하지 않으므로 참여할 수 있습니다.",
            _cite_reform(ref),
            amount,
            notes=notes,
        )
    if planning and not reform:
        notes.append(
            "설계·기획 사업의 대기업 참여 개방은 2024-01 발표 개편안의 내용으로, 현행 규칙에는 없습니다 "
            "(개편안으로 보려면 --ruleset reform-2024)."
        )

    sme_below = rules.get("compliance.reform_2024.sme_only_below" if reform else "compliance.sme_only_below")
    if cls == CHAEBOL:
        excluded = rules.get("compliance.chaebol_excluded")
        if reform:
            floor = rules.get("compliance.reform_2024.chaebol_floor")
            if amount >= floor.value:
                return Decision(
                    True,
                    f"개편안에 따르면 사업금액 {format_won(floor.value)} 이상 사업은 상호출자제한기업집단 "
                    f"소속회사도 참여할 수 있습니다 (사업금액 {won}).",
                    _cite_reform(floor),
                    amount,
                    notes=notes,
                )
            return Decision(
                False,
                f"개편안에서도 상호출자제한기업집단 소속회사는 사업금액 {format_won(floor.value)} 미만 사업에 "
                f"참여할 수 없습니다 (사업금액 {won}). 예외사업 인정을 받으면 참여할 수 있습니다.",
                _cite_reform(floor),
                amount,
                notes=notes,
            )
        if not excluded.value:  # pragma: no cover - a future repeal
            floor = rules.get("compliance.large_firm_floor_8000")
            return _floor_decision(amount, cls, floor, sme_below, notes)
        reform_floor = rules.parameters.get("compliance.reform_2024.chaebol_floor")
        if reform_floor is not None:
            entry = reform_floor.at(rules.day)
            if entry is not None and amount >= entry.value:
                notes.append(
                    f"2024-01 발표 개편안({format_won(entry.value)} 이상 허용)은 시행 여부가 확인되지 않아 "
                    "적용하지 않았습니다 (개편안으로 보려면 --ruleset reform-2024)."
                )
        return Decision(
            False,
            "상호출자제한기업집단 소속회사는 사업금액과 관계없이 참여할 수 없습니다. "
            "국가안보·신기술·민간투자형 예외사업으로 인정받은 사업만 참여할 수 있습니다.",
            excluded.cite(),
            amount,
            notes=notes,
        )

    if cls == LARGE_8000:
        floor = rules.get("compliance.large_firm_floor_8000")
    elif cls == LARGE:
        floor = rules.get("compliance.large_firm_floor_under_8000")
    else:  # EARLY_MIDSIZE
        floor = rules.get(
            "compliance.reform_2024.early_midsize_floor" if reform else "compliance.early_midsize_floor"
        )
    return _floor_decision(amount, cls, floor, sme_below, notes)


def _cite_reform(value) -> str:
    """A reform rule's citation: its date is the announcement, not a date in force."""
    return f"{value.reference} ({value.since.isoformat()} 발표, 시행 미확인) [미검증 UNVERIFIED]"


def _cite(value) -> str:
    return _cite_reform(value) if value.name.startswith("compliance.reform_2024.") else value.cite()


def _floor_decision(amount, cls, floor, sme_below, notes) -> Decision:
    won = format_won(amount)
    who = BIDDER_CLASSES[cls]
    if amount >= floor.value:
        return Decision(
            True,
            f"{who}은(는) 사업금액 {format_won(floor.value)} 이상 사업에 참여할 수 있습니다 (사업금액 {won}).",
            _cite(floor),
            amount,
            notes=notes,
        )
    if amount < sme_below.value:
        reason = (
            f"사업금액 {won}은 {format_won(sme_below.value)} 미만으로 중소 SW사업자만 참여할 수 있습니다. "
            f"{who}의 참여 하한은 {format_won(floor.value)}입니다."
        )
    else:
        reason = (
            f"{who}은(는) 사업금액 {format_won(floor.value)} 이상 사업에만 참여할 수 있습니다 (사업금액 {won})."
        )
    return Decision(False, reason, _cite(floor), amount, notes=notes)


def joint_eligibility(
    amount_krw: int,
    vat_included: bool = True,
    bidder_classes: Sequence[str] = (),
    exemption: str | None = None,
    as_of: dt.date | str | None = None,
    ruleset: str | None = CURRENT,
    *,
    planning_project: bool = False,
) -> Decision:
    """May this joint bid (공동수급체) bid? Every member must be eligible, and 매출 8천억 이상
    SW사업자끼리는 공동수급체를 구성할 수 없다."""
    if not bidder_classes:
        raise InputError("참여자 구분이 없습니다 (no bidder class).", where="--bidder", fix="--bidder 중소")
    if len(bidder_classes) == 1:
        return eligibility(
            amount_krw, vat_included, bidder_classes[0], exemption, as_of, ruleset, planning_project=planning_project
        )
    day = _day(as_of)
    rules = rules_at(day)
    classes = [parse_bidder_class(c) for c in bidder_classes]
    members = [
        eligibility(amount_krw, vat_included, c, exemption, day, ruleset, planning_project=planning_project, rules=rules)
        for c in classes
    ]
    first = members[0]
    base = dict(
        amount_krw=first.amount_krw,
        estimated_price_krw=first.estimated_price_krw,
        bidder=classes,
        exemption=first.exemption,
        ruleset=first.ruleset,
        as_of=day.isoformat(),
        notes=list(dict.fromkeys(n for m in members for n in m.notes)),
    )
    for i, m in enumerate(members, 1):
        if not m.eligible:
            d = Decision(
                False,
                f"공동수급체 구성원 {i}({BIDDER_CLASSES[classes[i - 1]]})이(가) 참여할 수 없습니다: {m.reason}",
                m.reference,
                **base,
            )
            d.unverified = [v.cite() for v in rules.unverified_used()]
            return d
    big = sum(1 for c in classes if c == LARGE_8000)
    rule = rules.get("compliance.joint_bid_8000_forbidden")
    if big >= 2 and rule.value:
        d = Decision(
            False,
            "매출액 8천억원 이상 SW사업자끼리는 공동수급체를 구성할 수 없습니다 "
            f"(구성원 중 {big}개사가 8천억원 이상). 8천억원 이상과 미만 대기업 사이의 공동수급은 허용됩니다.",
            rule.cite(),
            **base,
        )
    else:
        d = Decision(
            True,
            f"공동수급체 구성원 {len(classes)}개사 모두 참여할 수 있고, 매출액 8천억원 이상 SW사업자끼리의 "
            "공동수급에 해당하지 않습니다.",
            f"{ART_48}; {rule.cite()}",
            **base,
        )
        if any(c == CHAEBOL for c in classes):
            d.notes.append(
                "상호출자제한기업집단 소속 구성원의 매출액이 8천억원 이상이면 8천억 이상 간 공동수급 제한도 받습니다."
            )
    d.unverified = [v.cite() for v in rules.unverified_used()]
    return d
