"""The REST API (``/api``): upload, list, read and delete reviews as JSON; download a review's
function list and re-price it from a corrected one.

Errors are ``{"error", "where", "fix"}`` (Korean first): 400 bad input, 404 unknown id, 409 the
RFP file is not kept (no re-pricing), 413 too large, 500 a bug (logged), 503 database unavailable.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from balju import __version__
from balju.store import Store
from balju.web import views
from balju.functions.stored import stored_changes, stored_functions, stored_left_out
from balju.web.audit import deleted
from balju.web.auth import VIEWER_FIX, VIEWER_REFUSED, can_edit
from balju.web.corrections import (
    LIST_FORMATS, correct_json, correct_upload, function_list_bytes, function_list_name,
)
from balju.web.downloads import content_disposition
from balju.web.uploads import UploadProblem, review_upload

router = APIRouter(prefix="/api", tags=["api"])
MAX_LIMIT = 500


def multipart_body(**properties: dict[str, str]) -> dict:
    """The OpenAPI request body of a multipart form whose ``file`` is required."""
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"], "properties": properties,
    }}}}}


UPLOAD_BODY = multipart_body(
    file={"type": "string", "format": "binary", "description": "제안요청서 (.hwp .hwpx .pdf .docx .txt .md, 50 MB 이하)"},
    as_of={"type": "string", "format": "date",
           "description": "기준일 YYYY-MM-DD (없으면 문서에 적힌 날짜, 그것도 없으면 오늘)"},
)
FUNCTIONS_BODY = multipart_body(
    file={"type": "string", "format": "binary",
          "description": "고친 기능 목록 (.xlsx .csv .yaml; 열 기능명, 유형, DET, RET, FTR, 요구사항ID, 근거, 신뢰도, 비고)"},
    method={"type": "string", "enum": ["simple", "detailed"], "description": "산정 방법: simple(간이법, 기본) 또는 detailed(정통법)"},
)
_FUNCTION_ITEM = {"type": "object", "required": ["name", "type"], "properties": {
    "name": {"type": "string", "description": "기능명"},
    "type": {"type": "string", "enum": ["ILF", "EIF", "EI", "EO", "EQ"], "description": "유형 (한국어 이름도 받음)"},
    **{key: {"type": ["integer", "null"], "minimum": 0} for key in ("det", "ret", "ftr")},
    **{key: {"type": ["string", "null"]} for key in ("requirement_id", "evidence", "note")},
    "confidence": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
}}
FUNCTIONS_BODY["requestBody"]["content"]["application/json"] = {"schema": {
    "type": "object", "required": ["functions"], "properties": {"functions": {"type": "array", "items": _FUNCTION_ITEM}},
    "description": "고친 기능 목록을 JSON으로: 항목마다 기능 목록 파일의 열 (name, type 필수)",
}}


def store_of(request: Request) -> Store:
    return request.app.state.store


def not_found(review_id: int) -> JSONResponse:
    return JSONResponse(
        {"error": f"{review_id}번 검토 결과가 없습니다 (review not found).", "where": None,
         "fix": "GET /api/reviews로 저장된 검토 번호를 확인하세요."},
        status_code=404,
    )


@router.get("/health")
def health() -> dict[str, str]:
    """서버 상태: ``{"status": "ok", "version": …}``."""
    return {"status": "ok", "version": __version__}


@router.post("/reviews", status_code=201, openapi_extra=UPLOAD_BODY)
async def create_review(request: Request) -> Response:
    """제안요청서를 올려 검토하고 저장합니다: 201, 요약 + ``id`` + ``links``, ``Location`` 헤더."""
    store = store_of(request)
    try:
        review_id, _data = await review_upload(request, store, request.app.state.review_lock)
    except UploadProblem as problem:
        return JSONResponse(problem.as_dict(), status_code=problem.status)
    summary = await run_in_threadpool(store.get_summary, review_id)
    body = views.summary_json(summary) if summary else {"id": review_id, "links": views.links(review_id)}
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/reviews/{review_id}"})


@router.get("/reviews")
def list_reviews(
    request: Request,
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description="한 번에 줄 수 (1~500)"),
    offset: int = Query(0, ge=0, description="건너뛸 수"),
    q: str | None = Query(None, description="사업명·발주기관·파일명 검색어"),
) -> dict[str, Any]:
    """검토 목록 (최신순): ``{"total": n, "items": [요약…]}``."""
    store = store_of(request)
    search = (q or "").strip() or None
    return {
        "total": store.count_reviews(search=search),
        "limit": limit,
        "offset": offset,
        "items": [views.summary_json(s) for s in store.list_reviews(limit=limit, offset=offset, search=search)],
    }


@router.get("/reviews/{review_id}")
def get_review(request: Request, review_id: int) -> Response:
    """검토 결과 전체 (docs/review-json.md의 dict)."""
    data = store_of(request).get_review(review_id)
    if data is None:
        return not_found(review_id)
    return JSONResponse(data)


@router.delete("/reviews/{review_id}", status_code=204)
def delete_review(request: Request, review_id: int) -> Response:
    """검토 결과를 지웁니다: 204, 없는 번호는 404."""
    if not can_edit(request):
        return JSONResponse({"error": VIEWER_REFUSED, "where": None, "fix": VIEWER_FIX}, status_code=403)
    if not deleted(store_of(request), request, review_id):
        return not_found(review_id)
    return Response(status_code=204)


@router.get("/reviews/{review_id}/functions")
async def get_functions(
    request: Request,
    review_id: int,
    format: str = Query("xlsx", description="기능 목록 형식: xlsx, csv, yaml"),  # noqa: A002 - the API's own word
) -> Response:
    """기능 목록 내려받기: the review's functions (proposal or corrected) as an editable list file, a
    proposal's left-out candidates marked 빼기."""
    fmt = format.strip().lower()
    if fmt not in LIST_FORMATS:
        return JSONResponse(
            {"error": f"기능 목록 형식 '{format}'은(는) 없습니다 (unknown function list format).",
             "where": "format", "fix": "format=xlsx, csv, yaml 중에서 고르세요."},
            status_code=400,
        )
    store = store_of(request)
    data = await run_in_threadpool(store.get_review, review_id)
    if data is None:
        return not_found(review_id)
    functions = await run_in_threadpool(stored_functions, store, review_id, data)
    body = await run_in_threadpool(function_list_bytes, functions, fmt, stored_left_out(data))
    disposition = content_disposition(function_list_name(data, review_id, fmt), f"balju-functions-{review_id}.{fmt}")
    return Response(body, media_type=LIST_FORMATS[fmt], headers={"Content-Disposition": disposition})


@router.get("/reviews/{review_id}/changes")
def get_changes(request: Request, review_id: int) -> Response:
    """고친 목록의 바뀐 점: what a corrected review changed against the review it came from (the FP
    of both, and each function left out, added, retyped or renamed)."""
    from balju.functions.compare import counts

    store = store_of(request)
    summary = store.get_summary(review_id)
    if summary is None:
        return not_found(review_id)
    parent = store.get_summary(summary.parent_id) if summary.parent_id is not None else None
    if parent is None:
        why = ("고친 기능 목록으로 다시 산정한 검토가 아닙니다 (not a corrected review)." if summary.parent_id is None
               else f"원래 검토 #{summary.parent_id}이(가) 지워졌습니다 (the original review was deleted).")
        return JSONResponse({"error": f"{review_id}번 검토는 {why}", "where": None,
                             "fix": "parent_id가 있는 검토에 물어 주세요 (GET /api/reviews)."}, status_code=404)
    changes = stored_changes(store, parent.id, review_id)
    return JSONResponse({
        "id": review_id, "parent_id": parent.id,
        "fp_before": views.plain(parent.fp_total), "fp_after": views.plain(summary.fp_total),
        "counts": counts(changes), "changes": [c.to_dict() for c in changes],
    })


@router.post("/reviews/{review_id}/functions", status_code=201, openapi_extra=FUNCTIONS_BODY)
async def correct_functions(request: Request, review_id: int) -> Response:
    """고친 기능 목록으로 다시 산정: the kept RFP re-reviewed with the list on the same 기준일 and saved
    as a new review (``parent_id`` = this one): 201, its summary, ``Location`` header."""
    store = store_of(request)
    try:
        if request.headers.get("content-type", "").split(";")[0].strip() == "application/json":
            new_id, _data = await correct_json(request, store, request.app.state.review_lock, review_id)
        else:
            new_id, _data = await correct_upload(request, store, request.app.state.review_lock, review_id)
    except UploadProblem as problem:
        return JSONResponse(problem.as_dict(), status_code=problem.status)
    summary = await run_in_threadpool(store.get_summary, new_id)
    body = views.summary_json(summary) if summary else {"id": new_id, "links": views.links(new_id)}
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/reviews/{new_id}"})
