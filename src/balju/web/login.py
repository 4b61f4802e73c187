"""The login and logout pages (로그인·로그아웃) of a ``balju web`` started with an access token.

``GET /login`` shows a form for the token; ``POST /login`` checks it (constant time) and sets the
session cookie, then goes to ``next`` when that is a path of this site; ``POST /logout`` (with the
CSRF field) ends the session. Without a token the app has no login: these addresses go to ``/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from balju.web.app import error_page
from balju.web.auth import (
    CSRF_FIELD, CSRF_FIX, SESSION_COOKIE, Gate, access_of, csrf_refusal, safe_next,
)

router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 16 * 1024
"""A login, logout or delete form is a few short fields; a bigger body is not one of ours."""


class FormTooLarge(Exception):
    """More than ``MAX_FORM_BYTES`` sent to a small form."""


async def small_form(request: Request) -> dict[str, str]:
    """The fields of a small URL-encoded form (first value of each), read to at most 16 KB.

    ``/login`` is open to anyone who can reach the port, so its body is never read without a limit.
    """
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormTooLarge
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=20)
    return {name: values[0] for name, values in fields.items()}


def form_too_large(request: Request) -> Response:
    return error_page(request, 413, "보낸 양식이 너무 큽니다 (form too large).",
                      fix="화면의 양식으로만 보내 주세요.")


async def checked_form(request: Request) -> dict[str, str] | Response:
    """A small form whose CSRF field matches the session, or the page that refuses it (413, 403)."""
    try:
        form = await small_form(request)
    except FormTooLarge:
        return form_too_large(request)
    refused = csrf_refusal(request, form.get(CSRF_FIELD))
    if refused:
        return error_page(request, 403, refused, where=CSRF_FIELD, fix=CSRF_FIX)
    return form


def gate_of(request: Request) -> Gate | None:
    return request.app.state.gate


def is_https(request: Request) -> bool:
    # behind a TLS proxy uvicorn takes the scheme from X-Forwarded-Proto (see docs/web.md)
    return request.url.scheme == "https"


def login_page(request: Request, next_path: str, status: int = 200, problem: str | None = None,
               fix: str | None = None, notice: str | None = None) -> Response:
    context: dict[str, Any] = {"next": next_path, "problem": problem, "fix": fix, "notice": notice}
    response = request.app.state.templates.TemplateResponse(request, "login.html.j2", context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.api_route("/login", methods=["GET", "HEAD"])
def login_form(request: Request, next: str | None = None, out: str | None = None,  # noqa: A002 - the query's name
               expired: str | None = None) -> Response:
    """로그인 화면: the token field; a person already logged in goes straight on."""
    target = safe_next(next)
    if gate_of(request) is None or access_of(request).kind == "cookie":
        return RedirectResponse(target, status_code=303)
    notice = None
    if out:
        notice = "로그아웃했습니다 (logged out)."
    elif expired:
        notice = "로그인이 끝났습니다 (12시간이 지났거나 로그아웃함). 다시 로그인해 주세요 (session expired)."
    return login_page(request, target, notice=notice)


@router.post("/login")
async def login(request: Request) -> Response:
    """토큰을 확인하고 로그인 쿠키를 준 뒤 ``next``로 보냅니다 (303); 틀리면 401과 이유."""
    gate = gate_of(request)
    if gate is None:
        return RedirectResponse("/", status_code=303)
    try:
        form = await small_form(request)
    except FormTooLarge:
        return form_too_large(request)
    target = safe_next(form.get("next"))
    given = form.get("token", "")
    valid, user = await run_in_threadpool(gate.who, given)
    if not valid:
        empty = not given.strip()
        return login_page(
            request, target, status=401,
            problem="접근 토큰을 넣어 주세요 (token required)." if empty else "접근 토큰이 맞지 않습니다 (wrong token).",
            fix=("balju users add로 받은 개인 토큰이나, balju web을 띄운 사람에게 받은 공용 토큰(--token-file 파일의 "
                 "첫 줄, 또는 BALJU_WEB_TOKEN)을 그대로 넣어 주세요. 개인 토큰을 잃어버렸으면 관리자에게 "
                 "balju users reset <이름>을 부탁하세요."),
        )
    cookie = await run_in_threadpool(gate.new_cookie, None, user)
    await run_in_threadpool(_note_as, request, user, "login")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, max_age=gate.max_age, path="/",
                        secure=is_https(request), httponly=True, samesite="strict")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """로그아웃: the session ends here and in the browser; then the login page (303)."""
    gate = gate_of(request)
    if gate is None:
        return RedirectResponse("/", status_code=303)
    form = await checked_form(request)
    if isinstance(form, Response):
        return form
    session = access_of(request).session
    if session is not None:
        gate.revoke(session)
        await run_in_threadpool(_note_as, request, session.user, "logout")
    response = RedirectResponse("/login?out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=is_https(request), httponly=True, samesite="strict")
    return response


def _note_as(request: Request, user: str | None, action: str) -> None:
    """A login or logout line of the audit log (the login's user is not on the request yet)."""
    from balju.errors import BaljuError
    from balju.web.audit import log

    try:
        request.app.state.store.accounts.record(action, user)
    except BaljuError as error:
        log.warning("audit line not written (%s): %s", action, error.message)
