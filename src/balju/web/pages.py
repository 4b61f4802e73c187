"""The Korean pages (화면): 검토 목록 with search and paging, 올리기, 검토 결과, 보고서 내려받기, 지우기,
and 기능 목록 고치기 (download the functions and upload a corrected list, or edit them on the page;
then re-price).

With an access token, the forms that change something carry the session's CSRF field and their
handlers check it first (``balju.web.auth``)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from balju.functions.compare import counts as change_counts
from balju.functions.model import Function
from balju.functions.stored import stored_changes, stored_functions, stored_left_out
from balju.store import Store
from balju.web import views
from balju.web.app import error_page
from balju.web.audit import deleted, note
from balju.web.auth import CSRF_FIELD, CSRF_FIX, VIEWER_FIX, VIEWER_REFUSED, can_edit, csrf_refusal, user_of
from balju.web.corrections import (
    LIST_ACCEPTED, LIST_FORMATS, correct_upload, function_list_bytes, function_list_name, labelled_yaml, reprice_and_save,
)
from balju.web.editor import (
    EditRefused, EditRow, detailed_tables, dropped_functions, edited_functions, low_below, method_of, options_of, preview_weights,
    pricing_choices, read_form, rows_of, sections, sent_rows, table_base, type_options,
)
from balju.web.downloads import MEDIA_TYPES, content_disposition, download_name, report_bytes, with_saved
from balju.web.login import checked_form
from balju.web.uploads import ACCEPTED, MAX_UPLOAD_BYTES, UploadProblem, review_upload

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def store_of(request: Request) -> Store:
    return request.app.state.store


def page_number(text: str | None) -> int:
    """?page= as a number from 1 (anything else is the first page: a list needs no error for it)."""
    try:
        return max(1, int(text or 1))
    except ValueError:
        return 1


def list_context(store: Store, q: str | None, page: int, mine: str | None = None) -> dict[str, Any]:
    """검토 목록 of one page: rows, totals and the links to the other pages (``mine``: one user's)."""
    search = (q or "").strip() or None
    total = store.count_reviews(search=search, created_by=mine)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(page, pages)
    rows = store.list_reviews(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, search=search, created_by=mine)

    def link(number: int) -> str:
        query = {"q": search} if search else {}
        if mine:
            query["mine"] = "1"
        if number > 1:
            query["page"] = str(number)
        return "/" + (f"?{urlencode(query)}" if query else "")

    return {
        "rows": rows, "q": search or "", "total": total, "page": page, "pages": pages, "mine": bool(mine),
        "previous": link(page - 1) if page > 1 else None, "next": link(page + 1) if page < pages else None,
        "first_row": (page - 1) * PAGE_SIZE + 1 if rows else 0, "last_row": (page - 1) * PAGE_SIZE + len(rows),
    }


def index_page(request: Request, q: str | None = None, page: int = 1, problem: UploadProblem | None = None,
               as_of: str = "", deleted: bool = False, mine: bool = False) -> Response:
    # 내 검토만: the logged-in user's own reviews (nothing to filter by without a name)
    who = user_of(request) if mine else None
    context = list_context(store_of(request), q, page, who)
    context.update(problem=problem, as_of=as_of, accepted=ACCEPTED, max_bytes=MAX_UPLOAD_BYTES,
                   max_mb=MAX_UPLOAD_BYTES // (1024 * 1024), deleted=deleted)
    status = problem.status if problem else 200
    return request.app.state.templates.TemplateResponse(request, "index.html.j2", context, status_code=status)


def missing(request: Request, review_id: int) -> Response:
    return error_page(request, 404, f"{review_id}번 검토 결과가 없습니다 (review not found).",
                      fix="지워졌거나 번호가 틀렸습니다. 검토 목록에서 다시 찾아 주세요.")


@router.api_route("/", methods=["GET", "HEAD"])
def index(request: Request, q: str | None = None, page: str | None = None, deleted: str | None = None,
          mine: str | None = None) -> Response:
    """검토 목록과 올리기 양식 (``?mine=1``: 로그인한 사용자가 올리거나 고친 검토만)."""
    return index_page(request, q, page_number(page), deleted=bool(deleted), mine=bool(mine))


@router.post("/reviews")
async def upload(request: Request) -> Response:
    """올린 파일을 검토해 저장하고 그 결과 화면으로 보냅니다 (303); 실패하면 양식과 이유를 다시 보여 줍니다."""
    store = store_of(request)
    try:
        review_id, _data = await review_upload(request, store, request.app.state.review_lock, csrf=True)
    except UploadProblem as problem:
        # the form comes back with the date the person typed, beside the reason
        as_of = getattr(request.state, "as_of_text", "")
        return await run_in_threadpool(index_page, request, None, 1, problem, as_of)
    return RedirectResponse(f"/reviews/{review_id}", status_code=303)


def review_page(request: Request, review_id: int, data: dict[str, Any], problem: UploadProblem | None = None) -> Response:
    """검토 결과 화면 (with the correction form's problem, when a corrected list was refused)."""
    store = store_of(request)
    budget = data.get("budget") or {}
    estimate = data.get("estimate") or {}
    summary = store.get_summary(review_id)
    parent_id = summary.parent_id if summary else None
    parent = store.get_summary(parent_id) if parent_id else None
    # the original's two function lists only, not its whole JSON
    changes = stored_changes(store, parent_id, review_id, data) if parent is not None else None
    context = {
        "id": review_id, "data": data, "budget": budget, "estimate": estimate,
        "project_name": views.fact(data, "project_name"), "agency": views.fact(data, "agency"),
        "counts": views.severity_counts(data), "links": views.links(review_id),
        "source": data.get("source") or {},
        "corrected": data.get("function_source") == "corrected",
        "parent_id": parent_id,
        "created_by": summary.created_by if summary else None,
        "parent": parent,
        "changes": changes, "change_counts": change_counts(changes) if changes is not None else None,
        "fp_change": views.fp_change(parent, summary),
        "corrections": store.corrections_of(review_id),
        "kept": store.has_document((data.get("source") or {}).get("sha256")),
        "problem": problem, "list_accepted": LIST_ACCEPTED, "list_formats": list(LIST_FORMATS),
        "max_bytes": MAX_UPLOAD_BYTES,
    }
    status = problem.status if problem else 200
    return request.app.state.templates.TemplateResponse(request, "review.html.j2", context, status_code=status)


@router.get("/reviews/{review_id}")
def show(request: Request, review_id: int) -> Response:
    """검토 결과: 요약, 내려받기, 기능 목록 고치기, 지우기, 그리고 전체 HTML 보고서."""
    data = store_of(request).get_review(review_id)
    if data is None:
        return missing(request, review_id)
    return review_page(request, review_id, data)


@router.get("/reviews/{review_id}/functions.{fmt}")
async def download_functions(request: Request, review_id: int, fmt: str) -> Response:
    """기능 목록 내려받기 (xlsx, csv, yaml): the review's functions as ``write_function_list`` writes them,
    with a proposal's left-out candidates marked 빼기."""
    if fmt not in LIST_FORMATS:
        return error_page(request, 404, f"기능 목록 형식 '{fmt}'은(는) 없습니다 (unknown function list format).",
                          fix="xlsx, csv, yaml 중에서 고르세요.")
    store = store_of(request)
    data = await run_in_threadpool(store.get_review, review_id)
    if data is None:
        return missing(request, review_id)
    functions = await run_in_threadpool(stored_functions, store, review_id, data)
    # a proposal's left-out candidates go in marked 빼기, as the editor shows them
    body = await run_in_threadpool(function_list_bytes, functions, fmt, stored_left_out(data))
    disposition = content_disposition(function_list_name(data, review_id, fmt), f"balju-functions-{review_id}.{fmt}")
    return Response(body, media_type=LIST_FORMATS[fmt], headers={"Content-Disposition": disposition})


@router.post("/reviews/{review_id}/functions")
async def correct(request: Request, review_id: int) -> Response:
    """고친 기능 목록으로 다시 산정: a new review, then 303 to it; a refused list brings the page back with why."""
    store = store_of(request)
    try:
        new_id, _data = await correct_upload(request, store, request.app.state.review_lock, review_id, csrf=True)
    except UploadProblem as problem:
        data = await run_in_threadpool(store.get_review, review_id)
        if data is None:
            return missing(request, review_id)
        return await run_in_threadpool(review_page, request, review_id, data, problem)
    return RedirectResponse(f"/reviews/{new_id}", status_code=303)


def editor_page(request: Request, review_id: int, data: dict[str, Any], rows: list[EditRow],
                problem: UploadProblem | None = None, method: str | None = None,
                sent: dict[str, str] | None = None) -> Response:
    """기능 목록 고치기 화면: the table of rows (with a refused save's problem and marks)."""
    store = store_of(request)
    context = {
        "id": review_id, "data": data, "rows": rows, "problem": problem,
        "project_name": views.fact(data, "project_name"), "source": data.get("source") or {},
        "estimate": data.get("estimate") or {}, "corrected": data.get("function_source") == "corrected",
        "kept": store.has_document((data.get("source") or {}).get("sha256")),
        "low_below": low_below(data), "weights": preview_weights(data), "list_formats": list(LIST_FORMATS),
        "type_options": type_options,
        "sections": sections(rows, data), "detailed": detailed_tables(data),
        "pricing": pricing_choices(data), "sent": sent or {},
        "method": method or (data.get("estimate") or {}).get("method") or "simple",
    }
    status = problem.status if problem else 200
    response = request.app.state.templates.TemplateResponse(request, "functions_edit.html.j2", context,
                                                            status_code=status)
    response.headers["Cache-Control"] = "no-store"  # the rows are the person's unsaved work
    return response


@router.get("/reviews/{review_id}/functions/edit")
async def edit_functions(request: Request, review_id: int) -> Response:
    """기능 목록 고치기: the review's functions as an editable table."""
    store = store_of(request)
    data = await run_in_threadpool(store.get_review, review_id)
    if data is None:
        return missing(request, review_id)
    base, left_out = await run_in_threadpool(editor_base, store, review_id, data)
    return await run_in_threadpool(editor_page, request, review_id, data, rows_of(base, low_below(data), left_out))


def editor_base(store: Any, review_id: int, data: dict[str, Any]) -> tuple[list[Function], frozenset[int]]:
    """The review's functions with its left-out candidates in place (``editor.table_base``). Blocking."""
    return table_base(stored_functions(store, review_id, data), stored_left_out(data), data.get("requirements") or [])


@router.post("/reviews/{review_id}/functions/edit")
async def save_edited(request: Request, review_id: int) -> Response:
    """고친 표로 다시 산정 (303 to the new review), or the edited list as a file (``action`` = xlsx, csv,
    yaml). A refused save brings the table back as the person left it, with the reason."""
    store = store_of(request)
    data = await run_in_threadpool(store.get_review, review_id)
    if data is None:
        return missing(request, review_id)
    base, left_out = await run_in_threadpool(editor_base, store, review_id, data)
    threshold = low_below(data)
    rows: list[EditRow] = []
    form: dict[str, str] = {}
    try:
        form = await read_form(request)
        rows = sent_rows(form, base, threshold, left_out)
        refused = csrf_refusal(request, form.get(CSRF_FIELD))
        if refused:
            # the edits come back with the refusal instead of being thrown away
            raise EditRefused(UploadProblem(403, refused, where=CSRF_FIELD, fix=CSRF_FIX), rows)
        functions = edited_functions(rows, base)
        method = method_of(form, rows)
        options = options_of(form, rows)
    except EditRefused as refusal:
        shown_rows = refusal.rows or rows or rows_of(base, threshold, left_out)
        return await run_in_threadpool(editor_page, request, review_id, data, shown_rows, refusal.problem,
                                       form.get("method"), form)
    action = form.get("action", "save")
    if action not in LIST_FORMATS and not can_edit(request):
        # a viewer may download the edited list, not save it: the table comes back as it was sent
        return await run_in_threadpool(editor_page, request, review_id, data, rows,
                                       UploadProblem(403, VIEWER_REFUSED, fix=VIEWER_FIX), method, form)
    if action in LIST_FORMATS:
        # the rows ticked 빼기 go in marked, as the table shows them
        body = await run_in_threadpool(function_list_bytes, functions, action, dropped_functions(rows))
        name = function_list_name(data, review_id, action)
        disposition = content_disposition(name, f"balju-functions-{review_id}.{action}")
        return Response(body, media_type=LIST_FORMATS[action], headers={"Content-Disposition": disposition})
    try:
        new_id, _data = await run_in_threadpool(
            reprice_and_save, store, request.app.state.review_lock, review_id, data, functions, user_of(request),
            method, options)
    except UploadProblem as problem:
        return await run_in_threadpool(editor_page, request, review_id, data, rows, problem, method, form)
    changed = sum(1 for row in rows if row.changed)
    await run_in_threadpool(note, store, request, "correct", new_id,
                            f"#{review_id}에서: 화면에서 {changed}행 고침, 기능 {len(functions)}개"
                            + (", 정통법" if method == "detailed" else ""))
    return RedirectResponse(f"/reviews/{new_id}", status_code=303)


@router.get("/reviews/{review_id}/labelled.yaml")
async def labelled(request: Request, review_id: int) -> Response:
    """표지 파일 (YAML): a corrected review as labelled data for measuring the next identifier
    (``python -m balju.functions.evaluate``), as ``balju corrections -o`` writes it."""
    try:
        name, text = await run_in_threadpool(labelled_yaml, store_of(request), review_id)
    except UploadProblem as problem:
        return error_page(request, problem.status, problem.message, problem.where, problem.fix)
    disposition = content_disposition(name, f"balju-labelled-{review_id}.yaml")
    return Response(text.encode("utf-8"), media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": disposition})


@router.get("/reviews/{review_id}/report")
async def embedded_report(request: Request, review_id: int) -> Response:
    """The HTML report shown inside the review page (inline, not a download)."""
    from balju import report

    store = store_of(request)
    data = await run_in_threadpool(store.get_review, review_id)
    if data is None:
        return missing(request, review_id)
    data = with_saved(data, await run_in_threadpool(store.get_summary, review_id))
    html = await run_in_threadpool(report.render_html, data)
    return Response(html, media_type=MEDIA_TYPES["html"])


@router.get("/reviews/{review_id}/report.{fmt}")
async def download(request: Request, review_id: int, fmt: str) -> Response:
    """보고서 내려받기 (xlsx, pdf, html, json), 저장된 검토 결과에서 바로 씁니다."""
    if fmt not in MEDIA_TYPES:
        return error_page(request, 404, f"보고서 형식 '{fmt}'은(는) 없습니다 (unknown report format).",
                          fix="xlsx, pdf, html, json 중에서 고르세요.")
    store = store_of(request)
    data = await run_in_threadpool(store.get_review, review_id)
    if data is None:
        return missing(request, review_id)
    if fmt != "json":
        data = with_saved(data, await run_in_threadpool(store.get_summary, review_id))
    body = await run_in_threadpool(report_bytes, data, fmt)
    name = download_name(data, review_id, fmt)
    disposition = content_disposition(name, f"balju-review-{review_id}.{fmt}")
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": disposition})


@router.post("/reviews/{review_id}/delete")
async def delete(request: Request, review_id: int) -> Response:
    """검토 결과를 지우고 목록으로 돌아갑니다 (303); 접근 토큰이 있으면 CSRF 값부터 확인합니다 (403)."""
    refused = await checked_form(request)
    if isinstance(refused, Response):
        return refused
    if not can_edit(request):
        return error_page(request, 403, VIEWER_REFUSED, fix=VIEWER_FIX)
    if not await run_in_threadpool(deleted, store_of(request), request, review_id):
        return missing(request, review_id)
    return RedirectResponse("/?deleted=1", status_code=303)
