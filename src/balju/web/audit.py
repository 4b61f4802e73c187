"""작업 기록 (audit log) in the web app: who uploaded, re-priced, deleted, logged in and out.

Each of those handlers calls ``note`` after its work is saved. The person is the user of the
request's personal token or login (``balju.web.auth.user_of``); with the shared token, or in an app
without access control, the line has no name. The page ``/audit`` and ``GET /api/audit`` read it
back, newest first, for one user or one review when asked.
"""

from __future__ import annotations

import logging
import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from balju.errors import BaljuError
from balju.store import Store
from balju.store.accounts import ACTIONS_KO, AuditEntry
from balju.web.auth import user_of
from balju.web.downloads import content_disposition

log = logging.getLogger("balju.web")
pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])
PAGE_SIZE = 50


def note(store: Store, request: Request, action: str, review_id: int | None = None, detail: str | None = None) -> None:
    """Write one line of the audit log for this request's user. Blocking: call it in a worker thread.

    The work it records is already saved: a failure to write the line goes to the server log and
    does not undo or refuse that work.
    """
    try:
        store.accounts.record(action, user_of(request), review_id, detail)
    except BaljuError as error:
        log.warning("audit line not written (%s %s): %s", action, review_id, error.message)


def deleted(store: Store, request: Request, review_id: int) -> bool:
    """Delete a review and note it with the file's name and 사업명; False when there is none.
    Blocking: call it in a worker thread."""
    summary = store.get_summary(review_id)
    if summary is None or not store.delete_review(review_id):
        return False
    what = " · ".join(part for part in (summary.file_name, summary.project_name) if part)
    note(store, request, "delete", review_id, what)
    return True


def entry_json(entry: AuditEntry) -> dict[str, Any]:
    return {"id": entry.id, "at": entry.at.isoformat(), "user": entry.user_name, "action": entry.action,
            "action_ko": entry.action_ko, "review_id": entry.review_id, "detail": entry.detail}


def _review_of(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@pages.get("/audit")
async def audit_page(request: Request, user: str | None = None, review: str | None = None,
                     page: str | None = None) -> Response:
    """작업 기록 화면 (50줄씩, ?user= 한 사람, ?review= 한 검토)."""
    store: Store = request.app.state.store
    who, review_id = (user or "").strip() or None, _review_of(review)
    total = await run_in_threadpool(store.accounts.count_audit, user=who, review_id=review_id)
    pages_count = max(1, math.ceil(total / PAGE_SIZE))
    number = min(max(1, int(page) if page and page.isdigit() else 1), pages_count)
    entries = await run_in_threadpool(store.accounts.audit, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE,
                                      user=who, review_id=review_id)
    users = await run_in_threadpool(store.accounts.list)

    def link(n: int) -> str:
        query = {k: v for k, v in (("user", who), ("review", review_id and str(review_id))) if v}
        if n > 1:
            query["page"] = str(n)
        return "/audit" + (f"?{urlencode(query)}" if query else "")

    context = {
        "entries": entries, "total": total, "user": who or "", "review": review_id, "users": users,
        "page": number, "pages": pages_count, "actions_ko": ACTIONS_KO,
        "previous": link(number - 1) if number > 1 else None, "next": link(number + 1) if number < pages_count else None,
    }
    return request.app.state.templates.TemplateResponse(request, "audit.html.j2", context)


CSV_COLUMNS = ("시각(UTC)", "사용자", "작업", "검토", "내용")


def audit_csv_bytes(entries: list[AuditEntry]) -> bytes:
    """The audit lines as CSV for Excel (UTF-8 with BOM, so Korean opens as Korean)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([e.at.isoformat(timespec="seconds"), _as_text(e.user_name), e.action_ko, e.review_id or "",
                         _as_text(e.detail)])
    return out.getvalue().encode("utf-8-sig")


def _as_text(value: str | None) -> str:
    """A cell Excel would read as a formula (=, +, -, @: a file or user name can start so) stays text."""
    text = value or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@pages.get("/audit.csv")
async def audit_csv(request: Request, user: str | None = None, review: str | None = None) -> Response:
    """작업 기록 내려받기 (CSV, 전체; ?user=, ?review= 로 좁힘)."""
    store: Store = request.app.state.store
    who, review_id = (user or "").strip() or None, _review_of(review)
    total = await run_in_threadpool(store.accounts.count_audit, user=who, review_id=review_id)
    entries = await run_in_threadpool(store.accounts.audit, limit=max(total, 1), user=who, review_id=review_id)
    body = await run_in_threadpool(audit_csv_bytes, entries)
    disposition = content_disposition("작업기록.csv", "balju-audit.csv")
    return Response(body, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": disposition})


@api.get("/audit")
async def audit_json(
    request: Request,
    user: str | None = Query(None, description="한 사용자의 기록만"),
    review: int | None = Query(None, ge=1, description="한 검토의 기록만"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    """작업 기록: 누가 언제 무엇을 했는지 (올리기, 다시 산정, 지우기, 로그인, 로그아웃), 최신 것부터."""
    store: Store = request.app.state.store
    who = (user or "").strip() or None
    total = await run_in_threadpool(store.accounts.count_audit, user=who, review_id=review)
    entries = await run_in_threadpool(store.accounts.audit, limit=limit, offset=offset, user=who, review_id=review)
    return {"total": total, "entries": [entry_json(e) for e in entries]}
