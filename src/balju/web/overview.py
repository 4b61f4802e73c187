"""연간 현황 (overview) in the web app: the page ``/overview`` and ``GET /api/overview``.

The same count as ``balju batch --overview`` (``balju.batch.overview``) over the stored reviews:
each RFP once (its newest review), optionally one year of 기준일 and a search.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from balju.batch.overview import SEVERITY_KO, Overview, corrections, overview
from balju.functions.model import TYPE_NAMES_KO
from balju.functions.stored import stored_functions
from balju.store import Store

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def count(store: Store, year: int | None, search: str | None, cache: dict | None = None) -> Overview:
    result = overview(store.iter_reviews(search=search, year=year, latest_per_file=True))
    result.corrections = corrections(store.correction_pairs(search=search, year=year),
                                     lambda summary: stored_functions(store, summary.id), cache)
    return result


def year_of(text: str | None) -> int | None:
    """?year= as a year in range; anything else means every year (a filter needs no error page)."""
    try:
        year = int(text or "")
    except ValueError:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


@pages.get("/overview")
async def overview_page(request: Request, year: str | None = None, q: str | None = None) -> Response:
    """연간 현황 화면."""
    chosen, search = year_of(year), (q or "").strip() or None
    result = await run_in_threadpool(count, request.app.state.store, chosen, search, request.app.state.change_cache)
    context: dict[str, Any] = {
        "o": result, "year": chosen, "q": search or "", "severity_ko": SEVERITY_KO,
        "missing": [c for c in result.compliance if c.missing][:10], "findings": result.findings[:10],
        "type_names": TYPE_NAMES_KO,
    }
    return request.app.state.templates.TemplateResponse(request, "overview.html.j2", context)


@api.get("/overview")
async def overview_json(
    request: Request,
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR, description="기준일의 해 (예: 2024)"),
    q: str | None = Query(None, description="사업명·발주기관·파일명 검색어"),
) -> dict[str, Any]:
    """연간 현황: 판정별 건수, 예산 차이, 자주 빠진 법제도 항목, 자주 나온 지적 (파일마다 최신 검토 하나)."""
    search = (q or "").strip() or None
    result = await run_in_threadpool(count, request.app.state.store, year, search, request.app.state.change_cache)
    return {"year": year, "q": search, **result.to_dict()}
