"""A bidder's subcontracting plan checked against the law (하도급 계획 점검; 소프트웨어 진흥법 제51조).

Limits are rules: ``compliance.subcontract_limit`` (도급금액의 50% 초과 금지),
``compliance.resubcontract_forbidden`` (재하도급 원칙적 금지),
``compliance.subcontractor_joint_request_share`` (10% 이상 하수급인은 공동수급 참여 요청 가능),
``compliance.subcontract_approval_days`` (사전 서면 승인, 14일 이내 통지).

Plan file (YAML)::

    contract_amount: 1000000000        # 도급금액(사업금액, 원) — 또는 "10억"
    subcontracts:
      - name: 가나소프트
        work: DB 구축                  # 하도급 과업 (선택)
        amount: 300000000              # 하도급 금액(원), 또는 share: 30% / 0.3
        goods: false                   # 상용SW·PC 등 단순물품 구매 (하도급 비율에서 제외)
        resubcontract: false           # 이 하수급인이 다시 하도급을 주는가
        approved_exception: false      # 재하도급이 장애 개선 등 불가피하여 발주기관 사전 승인을 받았는가
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from balju.compliance.amount import parse_krw
from balju.cost.money import format_won
from balju.errors import InputError
from balju.findings import Finding
from balju.rules import Rules


@dataclass
class Subcontract:
    name: str
    amount_krw: int
    work: str = ""
    goods: bool = False
    resubcontract: bool = False
    approved_exception: bool = False


@dataclass
class SubcontractPlan:
    contract_amount_krw: int
    subcontracts: list[Subcontract] = field(default_factory=list)
    file: str | None = None


@dataclass
class ShareLine:
    name: str
    amount_krw: int
    share: Decimal
    counted: bool
    """False for 단순물품 구매 (excluded from the ratio)."""


@dataclass
class SubcontractCheck:
    contract_amount_krw: int
    counted_amount_krw: int
    """하도급 비율에 넣는 금액 (단순물품 제외)."""
    share: Decimal
    """counted / contract."""
    limit: Decimal
    lines: list[ShareLine]
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def as_dict(self) -> dict:
        return {
            "contract_amount_krw": self.contract_amount_krw,
            "counted_amount_krw": self.counted_amount_krw,
            "share": str(self.share),
            "limit": str(self.limit),
            "ok": self.ok,
            "lines": [
                {"name": l.name, "amount_krw": l.amount_krw, "share": str(l.share), "counted": l.counted}
                for l in self.lines
            ],
            "findings": [vars(f) for f in self.findings],
        }


def _pct(x: Decimal) -> str:
    return f"{(x * 100).quantize(Decimal('0.01'))}%"


def check_subcontract_plan(plan: SubcontractPlan, rules: Rules) -> SubcontractCheck:
    """Shares per subcontractor and in total against 50%, 재하도급 금지, and the 10% 공동수급 note."""
    limit_rule = rules.get("compliance.subcontract_limit")
    resub_rule = rules.get("compliance.resubcontract_forbidden")
    joint_rule = rules.get("compliance.subcontractor_joint_request_share")
    days_rule = rules.get("compliance.subcontract_approval_days")
    limit = Decimal(limit_rule.value)
    joint = Decimal(joint_rule.value)
    contract = plan.contract_amount_krw
    if contract <= 0:
        raise InputError(
            "도급금액(contract_amount)은 0원보다 커야 합니다 (contract amount must be positive).",
            file=plan.file,
            where="contract_amount",
            fix="사업금액(원)을 적으세요. 예: contract_amount: 1000000000",
        )
    lines: list[ShareLine] = []
    findings: list[Finding] = []
    counted = 0
    for i, sub in enumerate(plan.subcontracts):
        share = Decimal(sub.amount_krw) / Decimal(contract)
        lines.append(ShareLine(sub.name, sub.amount_krw, share, not sub.goods))
        if not sub.goods:
            counted += sub.amount_krw
        where = f"subcontracts[{i}] {sub.name}"
        if sub.resubcontract and resub_rule.value:
            if sub.approved_exception:
                findings.append(Finding(
                    code="law.resubcontract-approved",
                    severity="warning",
                    message=f"{sub.name}의 재하도급은 장애 개선 등 불가피한 경우로서 발주기관의 사전 서면 승인을 받은 때만 허용됩니다.",
                    why="재하도급은 원칙적으로 금지됩니다.",
                    fix="승인 문서를 계획서에 첨부하세요.",
                    where=where,
                    reference=resub_rule.cite(),
                ))
            else:
                findings.append(Finding(
                    code="law.resubcontract",
                    severity="error",
                    message=f"{sub.name}이(가) 다시 하도급을 줍니다 — 재하도급은 원칙적으로 금지입니다.",
                    why="재하도급은 중대한 장애 개선 등 불가피하여 발주기관의 사전 승인을 받은 경우만 예외입니다.",
                    fix="재하도급을 없애거나, 예외 사유와 발주기관 사전 승인을 확인하세요 (approved_exception: true).",
                    where=where,
                    reference=resub_rule.cite(),
                ))
        if not sub.goods and share >= joint:
            boundary = " (정확히 기준값: '이상/초과' 표기가 출처마다 달라 확인 필요)" if share == joint else ""
            findings.append(Finding(
                code="law.subcontract-joint-request",
                severity="info",
                message=(
                    f"{sub.name}은(는) 사업금액의 {_pct(share)}를 하도급받습니다 — {_pct(joint)} 이상 하수급인에게는 "
                    f"공동수급체 참여를 요청할 수 있습니다{boundary}."
                ),
                why="하수급인이 요청받으면 특별한 사유가 없는 한 공동수급에 응합니다.",
                fix="공동수급체 구성을 검토하세요.",
                where=where,
                reference=joint_rule.cite(),
            ))
    share_total = Decimal(counted) / Decimal(contract)
    if share_total > limit:
        findings.insert(0, Finding(
            code="law.subcontract-limit",
            severity="error",
            message=(
                f"하도급 합계 {format_won(counted)}는 도급금액 {format_won(contract)}의 {_pct(share_total)}로 "
                f"한도 {_pct(limit)}를 넘습니다."
            ),
            why=f"도급금액의 {_pct(limit)}를 넘는 하도급은 금지됩니다 (상용SW 등 단순물품 구매금액은 제외).",
            fix=f"하도급 금액을 {format_won(int(Decimal(contract) * limit))} 이하로 줄이세요.",
            where="subcontracts",
            reference=limit_rule.cite(),
        ))
    if plan.subcontracts:
        findings.append(Finding(
            code="law.subcontract-approval",
            severity="info",
            message=(
                f"하도급·재하도급은 계약 전에 발주기관의 서면 승인을 받아야 합니다 (신청 후 {days_rule.value}일 이내 통지)."
            ),
            fix="하도급 계획서(대상 기술·금액 비율·대금지급 방식)를 입찰 때 제출하세요.",
            reference=days_rule.cite(),
        ))
    return SubcontractCheck(contract, counted, share_total, limit, lines, findings)


def _bool(value, file, where) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise InputError(f"'{where}'은(는) true 또는 false여야 합니다 (must be true/false): {value!r}", file=file, where=where)


def _share_amount(value, contract: int, file: str, where: str) -> int:
    text = str(value).strip()
    try:
        share = Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise InputError(f"비율 '{value}'을(를) 읽을 수 없습니다 (not a share).", file=file, where=where,
                         fix="예: share: 30% 또는 share: 0.3") from None
    if text.endswith("%"):
        share /= 100
    if not 0 <= share <= 1:
        raise InputError(f"비율 '{value}'은(는) 0~100% 사이여야 합니다.", file=file, where=where)
    return int(share * contract)  # the plan's own share; whole won, truncated


def load_subcontract_plan(path: str | Path) -> SubcontractPlan:
    """Read a plan file (YAML). Bad input → InputError naming the key."""
    path = Path(path)
    file = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"하도급 계획 파일이 없습니다 (file not found): {path}", file=file,
                         fix="파일 경로를 확인하세요.") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"하도급 계획 파일을 읽을 수 없습니다 (cannot parse YAML): {exc}", file=file) from None
    if not isinstance(raw, dict) or "contract_amount" not in raw:
        raise InputError("하도급 계획에 contract_amount(도급금액)가 없습니다.", file=file, where="contract_amount",
                         fix="contract_amount: 1000000000 과 subcontracts: 목록을 적으세요.")
    contract = parse_krw(raw["contract_amount"], where="contract_amount") if not isinstance(raw["contract_amount"], float) else None
    if contract is None:
        raise InputError("contract_amount는 원 단위 정수여야 합니다.", file=file, where="contract_amount")
    subs_raw = raw.get("subcontracts") or []
    if not isinstance(subs_raw, list):
        raise InputError("subcontracts는 목록이어야 합니다 (must be a list).", file=file, where="subcontracts")
    subs = []
    for i, item in enumerate(subs_raw):
        where = f"subcontracts[{i}]"
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise InputError("하수급인마다 name이 있어야 합니다.", file=file, where=where, fix="name: 가나소프트")
        if "amount" in item:
            if isinstance(item["amount"], float):
                raise InputError("amount는 원 단위 정수여야 합니다.", file=file, where=f"{where}.amount")
            amount = parse_krw(item["amount"], where=f"{where}.amount")
        elif "share" in item:
            amount = _share_amount(item["share"], contract, file, f"{where}.share")
        else:
            raise InputError("하수급인마다 amount(원) 또는 share(%)가 있어야 합니다.", file=file, where=where,
                             fix="amount: 300000000 또는 share: 30%")
        subs.append(Subcontract(
            name=str(item["name"]).strip(),
            amount_krw=amount,
            work=str(item.get("work") or ""),
            goods=_bool(item.get("goods"), file, f"{where}.goods"),
            resubcontract=_bool(item.get("resubcontract"), file, f"{where}.resubcontract"),
            approved_exception=_bool(item.get("approved_exception"), file, f"{where}.approved_exception"),
        ))
    return SubcontractPlan(contract, subs, file)
