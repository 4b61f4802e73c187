"""Findings (검토 의견): what a reviewer tells the agency or the bidder, with its reason."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
"""error: 법령 위반·산정 불가 / warning: 고쳐야 할 문제 / info: 참고."""


@dataclass
class Finding:
    code: str
    """Stable identifier of the check, e.g. ``req.vague-word`` or ``law.subcontract-limit``."""
    severity: str
    message: str
    """한 줄 요약 (Korean)."""
    why: str | None = None
    fix: str | None = None
    requirement_id: str | None = None
    quote: str | None = None
    where: str | None = None
    reference: str | None = None
    """근거: 가이드 표 또는 법 조문."""
