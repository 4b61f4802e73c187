"""Function model (기능 모델): data functions and transactions of the IFPUG/KOSA count."""

from __future__ import annotations

from dataclasses import dataclass

FUNCTION_TYPES = ("ILF", "EIF", "EI", "EO", "EQ")
DATA_FUNCTION_TYPES = ("ILF", "EIF")
"""데이터 기능: 내부논리파일(ILF), 외부연계파일(EIF). RET를 쓴다; 트랜잭션(EI/EO/EQ)은 FTR을 쓴다."""

TYPE_NAMES_KO = {
    "ILF": "내부논리파일",
    "EIF": "외부연계파일",
    "EI": "외부입력",
    "EO": "외부출력",
    "EQ": "외부조회",
}


@dataclass
class Function:
    """One counted function (단위 기능) with the trace to where it came from."""

    name: str
    type: str
    det: int | None = None
    """DET (데이터 요소 유형 수): 정통법에서만 필요."""
    ret: int | None = None
    """RET (레코드 요소 유형 수): ILF/EIF의 정통법에서만 필요."""
    ftr: int | None = None
    """FTR (참조 파일 유형 수): EI/EO/EQ의 정통법에서만 필요."""
    requirement_id: str | None = None
    """근거 요구사항 ID (예: SFR-001)."""
    evidence: str | None = None
    """근거 문구: 이 기능을 정당화하는 요구사항의 낱말."""
    confidence: float | None = None
    """제안 신뢰도 0~1 (사람이 쓴 목록이면 비움)."""
    note: str | None = None
    source: str | None = None
    """이 기능을 읽어 온 파일과 행 (오류 메시지용)."""

    @property
    def is_data(self) -> bool:
        return self.type in DATA_FUNCTION_TYPES

    @property
    def records(self) -> int | None:
        """RET for a data function, FTR for a transaction."""
        return self.ret if self.is_data else self.ftr


@dataclass(frozen=True)
class Proposal:
    """What the identifier found (기능 제안): every candidate, in list order, and the 신뢰도
    under which a candidate is left out of the list (``functions.leave_out_below``)."""

    candidates: list[Function]
    """Every proposal (what v5 proposed): the base of the 보정 추정."""
    leave_out_below: float

    @property
    def functions(self) -> list[Function]:
        """제안 기능 — the list a person reviews and the guide price counts."""
        kept = self._kept()
        return [f for i, f in enumerate(self.candidates) if i in kept]

    @property
    def left_out(self) -> list[Function]:
        """빼 둔 후보 — a person matched their rule too rarely to count them by default; they are
        shown apart, for a person to restore."""
        kept = self._kept()
        return [f for i, f in enumerate(self.candidates) if i not in kept]

    def _kept(self) -> set[int]:
        """The candidates in the list: those at or above the bound, and every candidate of a
        requirement that has none there (v7: a functional requirement is not left with no function;
        a person counted some on 19 of the 29 such requirements, docs/functions.md step 27)."""
        sure = {f.requirement_id for f in self.candidates if not self._below(f)}
        return {i for i, f in enumerate(self.candidates) if not self._below(f) or f.requirement_id not in sure}

    def _below(self, f: Function) -> bool:
        return f.confidence is not None and f.confidence < self.leave_out_below
