"""The run's stored summaries (요약): looked up in the store, written as CSV for Excel.

The figures come from the store's summaries (``ReviewSummary``), not from the review dicts, so
the CSV and ``balju batch --list`` always show what the database holds.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from balju.batch.runner import BatchResult

if TYPE_CHECKING:
    from balju.store import ReviewSummary, Store

VERDICT_KO = {"adequate": "적정", "short": "부족", "over": "초과", "cannot_tell": "판단 불가"}
"""판정 by its code, for the totals (verdict_ko itself carries the size: '19% 부족')."""
NO_VERDICT = "판정 없음"

CSV_COLUMNS = [
    "파일", "경로", "상태", "검토ID", "사업명", "발주기관", "기준일", "사업예산(원)", "가이드 가격(원)",
    "차이(%)", "판정", "기능점수", "기능 수", "오류", "경고", "참고", "SHA-256", "메시지",
]
"""One row per file found: its stored summary, or the reason it was skipped or failed."""

def summaries_for(store: Store, ids: Iterable[int]) -> dict[int, ReviewSummary]:
    """``{id: ReviewSummary}`` for the stored reviews ``ids`` (missing ids are left out)."""
    return store.get_summaries(ids)


def verdict_totals(summaries: Iterable[ReviewSummary]) -> dict[str, int]:
    """판정별 건수: 적정 n, 부족 n, 초과 n, 판단 불가 n, 판정 없음 n (only those present, in that order)."""
    counts = Counter(VERDICT_KO.get(s.verdict, s.verdict) if s.verdict else NO_VERDICT for s in summaries)
    order = [*VERDICT_KO.values(), NO_VERDICT]
    return {k: counts[k] for k in sorted(counts, key=lambda k: order.index(k) if k in order else len(order))}


def fp_text(value: Decimal | None) -> str:
    """기능점수 as written (337.8, not 337.800); empty when there is none."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def gap_text(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


def csv_rows(result: BatchResult, summaries: dict[int, ReviewSummary]) -> list[list]:
    """The CSV rows of a run: integer won, 기능점수 as a plain decimal, empty where nothing was found."""
    rows = []
    for outcome in result.outcomes:
        s = summaries.get(outcome.review_id) if outcome.review_id is not None else None
        message = outcome.message if outcome.status == "failed" else outcome.note
        rows.append([
            outcome.name, str(outcome.path), outcome.status_ko, outcome.review_id or "",
            _or_empty(s and s.project_name), _or_empty(s and s.agency),
            s.as_of.isoformat() if s and s.as_of else "",
            _or_empty(s and s.stated_budget), _or_empty(s and s.guide_price),
            gap_text(s.gap_percent) if s else "", _or_empty(s and s.verdict_ko),
            fp_text(s.fp_total) if s else "", s.function_count if s else "",
            s.errors if s else "", s.warnings if s else "", s.infos if s else "",
            outcome.sha256 or "", _or_empty(message),
        ])
    return rows


def write_csv(path: str | Path, result: BatchResult, summaries: dict[int, ReviewSummary]) -> Path:
    """Write the run's summary CSV: UTF-8 with a BOM, so Excel opens the Korean as Korean."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(result, summaries))
    return path


def _or_empty(value) -> object:
    return "" if value is None or value is False else value
