"""From an RFP file to proposed functions (제안요청서 → 기능 제안): read, extract, propose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from balju.errors import InputError
from balju.functions.identify import is_functional, load_vocabulary, propose
from balju.functions.model import Proposal
from balju.requirements.model import Requirement


def requirements_of(path: str | Path, *, day: dt.date | None = None) -> list[Requirement]:
    """The requirements of an RFP file, by ``balju.documents.read`` and ``requirements.extract``."""
    from balju import documents
    from balju.requirements import extract

    reader = getattr(documents, "read", None)
    if reader is None:  # pragma: no cover - only while the document readers are being written
        raise InputError(
            "문서 읽기 기능(balju.documents.read)이 아직 없습니다 (the document reader is not available).",
            file=str(path),
            fix="balju를 최신 버전으로 올리세요.",
        )
    return extract(reader(path), day=day)


def propose_file(path: str | Path, *, day: dt.date | None = None) -> tuple[list[Requirement], Proposal]:
    """The functional requirements of an RFP and the functions proposed from them (with the
    candidates left out of the list)."""
    requirements = requirements_of(path, day=day)
    vocab = load_vocabulary(day)
    functional = [r for r in requirements if is_functional(r, vocab)]
    if not functional:
        raise InputError(
            f"기능 요구사항(SFR·FUR 등)을 찾지 못했습니다 (no functional requirements among "
            f"{len(requirements)} requirements).",
            file=str(path),
            fix="요구사항 표에 '요구사항 고유번호 | SFR-001' 같은 ID가 있는지 확인하세요. "
            "없으면 기능 목록을 직접 작성해 `balju estimate`로 산정하세요.",
        )
    return functional, propose(functional, vocabulary=vocab)
