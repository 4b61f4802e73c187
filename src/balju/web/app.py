"""The app (앱): one ``Store`` per app, the page and API routers, and Korean errors everywhere.

With an access token (``create_app(url, token)``, ``balju web --token-file``) every page and API
call needs it (``balju.web.auth``); without one the app is open to whoever reaches the port, which
``balju web`` allows only on this machine's own address unless told ``--no-token``.

Errors never show a traceback: under ``/api`` they are ``{"error", "where", "fix"}`` JSON with the
right status; on pages they are a short Korean page. A database failure (``BaljuError`` raised by
the store) is 503 — the user's files are not at fault.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

from balju import __version__
from balju.errors import BaljuError
from balju.store import Store
from balju.web import views
from balju.web.downloads import MEDIA_TYPES
from balju.web.auth import (
    AccessControl, Gate, can_edit, checked_token, configured_token, csrf_input, signed_in, user_of,
)

HERE = Path(__file__).resolve().parent
STATUS_KO = {
    400: "잘못된 요청 (bad request)",
    401: "인증 필요 (unauthorized)",
    403: "거절됨 (forbidden)",
    404: "찾을 수 없음 (not found)",
    405: "허용되지 않는 방법 (method not allowed)",
    413: "파일이 너무 큼 (too large)",
    500: "내부 오류 (internal error)",
    503: "데이터베이스 오류 (database unavailable)",
}


def create_app(store_url: str | None = None, token: str | None = None) -> FastAPI:
    """The web app over one store: ``store_url``, else $BALJU_DB, else ``sqlite:///balju.db``.

    ``token``: the shared access token (접근 토큰, at least 16 characters). When the store has active
    users (``balju users add``), their personal tokens open it too and say who is working. With
    neither the app is open.
    """
    from balju.web import api, audit, calculators, login, overview, pages

    if token is not None:
        token = checked_token(token, "create_app(token=…)")  # before the store is opened
    store = Store(store_url)
    gate = None
    if token is not None or store.accounts.count_active() > 0:
        accounts = store.accounts
        secret = None if token is not None else accounts.session_secret()
        gate = Gate(token, users=accounts, secret=secret)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="balju 제안요청서 검토 API",
        description="공공SW사업 제안요청서를 올리면 검토하고 저장합니다 (docs/web.md).",
        version=__version__,
        lifespan=lifespan,
        # FastAPI's Swagger and ReDoc pages load their scripts from a CDN; the machine-readable
        # description stays at /openapi.json, and the pages here need nothing from outside
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.gate = gate
    app.state.review_lock = threading.Lock()
    app.state.change_cache = {}  # (original id, corrected id) → what people changed, per type (연간 현황)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(overview.api)
    app.include_router(calculators.router)
    app.include_router(overview.pages)
    app.include_router(login.router)
    app.include_router(audit.api)
    app.include_router(audit.pages)
    app.include_router(pages.router)
    # pages and JSON travel compressed (the function editor of a large RFP is about 1 MB of HTML);
    # XLSX and PDF are compressed already. Added first, so it is the inner layer: a request the
    # gate refuses is never compressed.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6,
                       exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf", MEDIA_TYPES["xlsx"]))
    if gate is not None:
        app.add_middleware(AccessControl, gate=gate)
    _handle_errors(app)
    return app


def app_from_env() -> FastAPI:
    """``create_app`` with the store of $BALJU_DB and the token of $BALJU_WEB_TOKEN, for
    ``uvicorn --factory balju.web:app_from_env`` (another ASGI server than ``balju web``)."""
    return create_app(None, configured_token())


def templates() -> Jinja2Templates:
    """The page templates with the display filters (원, FP, 한국 시간)."""
    found = Jinja2Templates(directory=str(HERE / "templates"))
    # starlette escapes only *.html names; ours end in .j2, and file names and RFP text are user input
    found.env.autoescape = True
    found.env.filters.update(won=views.won, points=views.points, korean_time=views.korean_time)
    found.env.globals.update(version=__version__, csrf_input=csrf_input, signed_in=signed_in, user_of=user_of,
                             can_edit=can_edit)
    return found


def is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_json(status: int, message: str, where: str | None = None, fix: str | None = None,
               headers: dict[str, str] | None = None) -> JSONResponse:
    """The API's error body (Korean first)."""
    return JSONResponse({"error": message, "where": where, "fix": fix}, status_code=status, headers=headers)


def error_page(request: Request, status: int, message: str, where: str | None = None,
               fix: str | None = None) -> Response:
    """A short Korean page for an error outside the upload form."""
    context: dict[str, Any] = {"status": status, "title": STATUS_KO.get(status, str(status)), "message": message,
                               "where": where, "fix": fix}
    return request.app.state.templates.TemplateResponse(request, "error.html.j2", context, status_code=status)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, dict) else {"error": str(exc.detail)}
        if exc.status_code == 404 and detail["error"] in ("Not Found", ""):
            detail = {"error": f"주소 {request.url.path}에 해당하는 것이 없습니다 (no such address).",
                      "fix": "API 경로는 /openapi.json과 docs/web.md에 있습니다." if is_api(request) else "첫 화면(/)에서 다시 찾아 주세요."}
        elif exc.status_code == 405:
            detail = {"error": f"{request.method} 방법은 이 주소에 쓸 수 없습니다 (method not allowed).",
                      "fix": "docs/web.md의 경로와 방법을 확인하세요."}
        headers = getattr(exc, "headers", None)
        if is_api(request):
            return error_json(exc.status_code, detail["error"], detail.get("where"), detail.get("fix"), headers)
        return error_page(request, exc.status_code, detail["error"], detail.get("where"), detail.get("fix"))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = exc.errors()
        # a malformed id in the path names no stored review: that is "not found", not a bad request
        if any(p.get("loc", [None])[0] == "path" for p in problems):
            message, status = "그런 번호의 검토 결과가 없습니다 (no such review).", 404
            where, fix = None, "검토 번호는 양의 정수입니다."
        else:
            fields = ", ".join(".".join(str(part) for part in p.get("loc", [])[1:]) for p in problems)
            message, status = f"요청 값이 올바르지 않습니다 (invalid parameter): {fields}", 400
            where, fix = fields, "limit은 1~500, offset은 0 이상의 정수입니다."
        if is_api(request):
            return error_json(status, message, where, fix)
        return error_page(request, status, message, where, fix)

    @app.exception_handler(BaljuError)
    async def store_error(request: Request, exc: BaljuError) -> Response:
        # only the store raises BaljuError outside an upload: the database is unreachable or full
        if is_api(request):
            return error_json(503, exc.message, exc.where, exc.fix)
        return error_page(request, 503, exc.message, exc.where, exc.fix)
