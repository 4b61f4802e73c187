"""Legal checks of an order (법제도 점검): 소프트웨어 진흥법과 국가계약법.

- ``eligibility(amount_krw, vat_included, bidder_class, exemption, as_of, ruleset)`` — may this bidder
  bid (대기업 참여제한, 제48조·별표 1)? ``joint_eligibility`` for a 공동수급체.
- ``check_subcontract_plan(plan, rules)`` — 하도급 50%, 재하도급 금지, 10% 공동수급 요청 (제51조).
- ``appropriate_duration(fp_total, rules, staff=None)`` — 적정 사업기간 from FP (제45조; table unverified).
- ``check_rfp(document, rules, facts=None)`` — the 18-item 법제도 점검 of an RFP (제57조).
- ``check(document, rules, facts=None, plan=None)`` — the findings of all of the above for one RFP.

Every threshold is a dated rule under ``rules/data/compliance``; the January 2024 reform lives under
``compliance.reform_2024`` and is used only when a caller selects ``ruleset="reform-2024"``.
"""

from __future__ import annotations

from balju.compliance.duration import DurationEstimate, appropriate_duration
from balju.compliance.eligibility import (
    BIDDER_CLASSES,
    CURRENT,
    EXEMPTIONS,
    REFORM_2024,
    RULESETS,
    Decision,
    eligibility,
    joint_eligibility,
)
from balju.compliance.rfp_check import ItemResult, RfpCheck, RfpFacts, check_rfp
from balju.compliance.subcontract import (
    Subcontract,
    SubcontractPlan,
    check_subcontract_plan,
    load_subcontract_plan,
)
from balju.documents.model import Document
from balju.findings import Finding
from balju.rules import Rules


def check(
    document: Document,
    rules: Rules,
    facts: RfpFacts | dict | None = None,
    plan: SubcontractPlan | None = None,
) -> list[Finding]:
    """Findings of the 18-item check of ``document`` and, when given, of a subcontracting plan."""
    findings = list(check_rfp(document, rules, facts).findings)
    if plan is not None:
        findings.extend(check_subcontract_plan(plan, rules).findings)
    return findings


__all__ = [
    "BIDDER_CLASSES",
    "CURRENT",
    "EXEMPTIONS",
    "REFORM_2024",
    "RULESETS",
    "Decision",
    "DurationEstimate",
    "ItemResult",
    "RfpCheck",
    "RfpFacts",
    "Subcontract",
    "SubcontractPlan",
    "appropriate_duration",
    "check",
    "check_rfp",
    "check_subcontract_plan",
    "eligibility",
    "joint_eligibility",
    "load_subcontract_plan",
]
