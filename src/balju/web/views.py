"""What the pages and the API show (표시): stored summaries as JSON, and the few figures of a review.

Everything here only reads what ``balju.store`` and ``review_dict`` already hold; nothing is computed
anew, so the list, the page, the API and the downloaded reports always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from balju.store import ReviewSummary

KST = dt.timezone(dt.timedelta(hours=9), "KST")
"""Korea has kept UTC+9 without daylight saving since 1988, so a fixed offset is exact."""
REPORT_FORMATS = ("xlsx", "pdf", "html", "json")


def plain(value: Any) -> Any:
    """A value of a summary as JSON: dates in ISO, Decimal as a number."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def links(review_id: int) -> dict[str, str]:
    """The addresses of one review: the API record, the page, each report, and its function list
    (GET to download it, POST a corrected one to re-price)."""
    found = {"self": f"/api/reviews/{review_id}", "page": f"/reviews/{review_id}"}
    found.update({fmt: f"/reviews/{review_id}/report.{fmt}" for fmt in REPORT_FORMATS})
    found["functions"] = f"/api/reviews/{review_id}/functions"
    return found


def summary_json(summary: ReviewSummary) -> dict[str, Any]:
    """검토 요약 as the API returns it: every ``ReviewSummary`` field, plus ``links``."""
    body = {field.name: plain(getattr(summary, field.name)) for field in dataclasses.fields(summary)}
    body["links"] = links(summary.id)
    return body


def fp_change(before: ReviewSummary | None, after: ReviewSummary | None) -> str | None:
    """'333.9 → 331.5 FP (−2.4)': the 기능점수 of a review and of the one corrected from it."""
    if before is None or after is None or before.fp_total is None or after.fp_total is None:
        return None
    delta = Decimal(after.fp_total) - Decimal(before.fp_total)
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    return f"{points(before.fp_total)} → {points(after.fp_total)} FP ({sign}{points(abs(delta))})"


def fact(data: dict[str, Any], key: str) -> Any:
    """The value of one 사업 정보 fact of a review dict (None when not found)."""
    found = (data.get("facts") or {}).get(key)
    return found.get("value") if isinstance(found, dict) else None


def severity_counts(data: dict[str, Any]) -> dict[str, int]:
    """지적 사항 by severity: {'error': n, 'warning': n, 'info': n}."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in data.get("findings") or []:
        severity = finding.get("severity") if isinstance(finding, dict) else None
        if severity in counts:
            counts[severity] += 1
    return counts


def korean_time(value: dt.datetime | None) -> str:
    """A stored UTC time as Korean local time: '2026-12-02 14:30'."""
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(KST).strftime("%Y-%m-%d %H:%M")


def won(amount: Any) -> str:
    """'330,000,000원'; '—' when missing."""
    if amount is None or isinstance(amount, bool):
        return "—"
    try:
        return f"{int(amount):,}원"
    except (TypeError, ValueError):
        return str(amount)


def points(value: Any) -> str:
    """A function-point total without trailing zeros: '337.8'; '—' when missing."""
    if value is None or isinstance(value, bool):
        return "—"
    try:
        text = f"{Decimal(str(value)):,.3f}"
    except ArithmeticError:
        return str(value)
    return text.rstrip("0").rstrip(".")
