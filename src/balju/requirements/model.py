"""Requirement and project-fact models (요구사항, 사업 정보)."""

from __future__ import annotations

from dataclasses import dataclass, field

STANDARD_CATEGORIES = {
    "SFR": "기능 요구사항",
    "PER": "성능 요구사항",
    "SIR": "인터페이스 요구사항",
    "DAR": "데이터 요구사항",
    "TER": "테스트 요구사항",
    "SER": "보안 요구사항",
    "QUR": "품질 요구사항",
    "COR": "제약사항",
    "PMR": "프로젝트 관리 요구사항",
    "PSR": "프로젝트 지원 요구사항",
    "ECR": "시스템 장비 구성 요구사항",
}


@dataclass
class Requirement:
    """One requirement of an RFP (요구사항)."""

    id: str | None
    category: str
    """Standard prefix (SFR, PER …) or the variant the RFP uses (INR, MAR …)."""
    name: str
    text: str
    """The whole requirement text: definition and details."""
    definition: str = ""
    details: str = ""
    outputs: str = ""
    """산출정보."""
    related_ids: list[str] = field(default_factory=list)
    from_table: bool = True
    where: str = ""
    """Position label in the document (page or section/paragraph)."""
    source: str = ""
    """요구사항 출처 as the RFP states it."""
    category_label: str = ""
    """The category as the RFP writes it (e.g. "기능 요구사항(SFR)")."""
    kind: str = "detail"
    """Where it was read: ``detail`` (상세 표), ``list`` (총괄표·목록 only), ``text`` (running text)."""
    standard_category: str = ""
    """The standard category of rules.md 5.1 this one maps to (FUR → SFR, INR → SIR …)."""


@dataclass
class Fact:
    """One project fact with where it was found (사업 정보 항목)."""

    name: str
    value: object | None
    text: str | None = None
    """The quoted words it was read from."""
    where: str | None = None

    @property
    def found(self) -> bool:
        return self.value is not None
