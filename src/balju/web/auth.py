"""Access control (접근 제어) for a team that runs ``balju web`` on a network.

Two kinds of token open the app: the shared access token (공용 접근 토큰: ``--token-file`` or
``$BALJU_WEB_TOKEN``), and each user's personal token (개인 토큰, ``balju users add``; only its
SHA-256 is in the store). A personal token also says who the person is: the app writes that name
in what they save and in the audit log (``balju.store.accounts``). Either kind, or both, may be set.

- Programs send ``Authorization: Bearer <token>``; ``/api/…`` takes nothing else (401 with a Korean
  JSON error and ``WWW-Authenticate: Bearer`` otherwise). A Bearer header also opens the pages and
  report downloads (the API's ``links`` point there), and needs no CSRF field: a browser never adds
  that header to a request another site makes it send.
- People log in at ``/login`` with the token and get a session cookie (로그인 쿠키): HttpOnly,
  SameSite=Strict, 12 hours, holding ``issued.nonce.signature`` — an HMAC-SHA256 under a key
  derived from the token, never the token itself. Changing the token ends every session.
  Unauthenticated page requests are sent (303) to ``/login?next=…``.
- State-changing page forms (upload, delete, corrected list or table, logout) carry a per-session CSRF
  token (보안 확인 값) in a hidden field, derived from the session's nonce; the handlers refuse a
  missing or wrong one with 403.
- A user is an editor or a viewer (``can_edit``): a viewer's request that would change something is
  refused with 403 by the handler.
- ``/api/health``, ``/login`` and ``/static/`` stay open (the login page needs its stylesheet).

Every comparison of a secret goes through ``hmac.compare_digest`` on fixed-length digests, so the
time taken says nothing about how much of a guess was right, not even its length.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from balju.errors import InputError

MIN_TOKEN_LENGTH = 16
TOKEN_ENV = "BALJU_WEB_TOKEN"
SESSION_COOKIE = "balju_session"
SESSION_MAX_AGE = 12 * 60 * 60
"""A login lasts a working day (12 h); then the person logs in again."""
CLOCK_SKEW = 60
"""Seconds a cookie may claim to be from the future (clocks of several server processes differ)."""
CSRF_FIELD = "csrf"
COOKIE_SHAPE = (r"[0-9]{1,12}", r"[A-Za-z0-9_-]{8,64}", r"[A-Za-z0-9_-]{43}")
"""issued (Unix seconds), nonce, signature (SHA-256 in unpadded base64url); a user's session has the
user's name (UTF-8 in base64url, ``USER_SHAPE``) between the nonce and the signature."""
USER_SHAPE = r"[A-Za-z0-9_-]{2,256}"
USER_CHECK_SECONDS = 5.0
"""How long the answer to 'whose token is this' and 'is this user still active' is reused: a
disabled user is shut out within 5 seconds, and the store is not asked on every request."""
OPEN_PATHS = frozenset({"/api/health", "/login"})
OPEN_PREFIXES = ("/static/",)
LOOPBACK_NAMES = frozenset({"localhost", "localhost."})
MAKE_TOKEN = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > ~/.balju-token && chmod 600 ~/.balju-token"
"""How to make a good token: 43 random URL-safe characters, readable only by the owner."""

CSRF_REFUSED = "보안 확인 값(CSRF 토큰)이 없거나 맞지 않아 요청을 거절했습니다 (CSRF check failed)."
CSRF_FIX = ("이 화면을 새로 고친 뒤(F5) 다시 해 주세요. 직접 누르지 않았는데 이 화면이 보이면 "
            "다른 사이트가 보낸 요청이니 무시하세요.")
TOKEN_MISSING = "접근 토큰이 필요합니다 (authentication required)."
TOKEN_WRONG = "접근 토큰이 맞지 않습니다 (invalid token)."
BEARER_FIX = ("Authorization: Bearer <토큰> 헤더를 붙여 주세요. "
              "예: curl -H \"Authorization: Bearer $BALJU_WEB_TOKEN\" http://서버:8000/api/reviews")


# --- the token itself -----------------------------------------------------------------------------

def checked_token(token: str, source: str) -> str:
    """The token without surrounding white space, or a Korean ``InputError`` naming ``source``.

    At least 16 visible ASCII characters and no spaces: it travels in an HTTP header
    (``Authorization: Bearer …``), and a short one can be guessed.
    """
    cleaned = token.strip()
    if len(cleaned) < MIN_TOKEN_LENGTH:
        raise InputError(
            f"접근 토큰이 너무 짧습니다 ({len(cleaned)}자 < {MIN_TOKEN_LENGTH}자) (access token too short).",
            where=source,
            fix=f"{MIN_TOKEN_LENGTH}자 이상의 무작위 토큰을 쓰세요. 예: {MAKE_TOKEN}",
        )
    if not re.fullmatch(r"[\x21-\x7e]+", cleaned):
        raise InputError(
            "접근 토큰에는 빈칸 없는 영문·숫자·기호(ASCII)만 쓸 수 있습니다 (token must be visible ASCII, no spaces).",
            where=source,
            fix=f"HTTP 헤더로 보내는 값이라 한글과 빈칸은 쓸 수 없습니다. 예: {MAKE_TOKEN}",
        )
    return cleaned


def read_token_file(path: Path) -> str:
    """The token in the first line of ``path`` (``--token-file``), checked."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"토큰 파일을 읽을 수 없습니다 (cannot read the token file): {error.__class__.__name__}",
            file=str(path),
            fix=f"첫 줄에 토큰 하나를 적은 파일을 주세요. 예: {MAKE_TOKEN}",
        ) from None
    first = text.splitlines()[0] if text.strip() else ""
    return checked_token(first, f"--token-file {path} (첫 줄)")


def configured_token(token_file: Path | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """The access token: ``--token-file`` first, else ``$BALJU_WEB_TOKEN``; None when neither is set.

    An empty ``BALJU_WEB_TOKEN`` counts as unset (the way ``BALJU_DB=`` does).
    """
    if token_file is not None:
        return read_token_file(token_file)
    value = (os.environ if environ is None else environ).get(TOKEN_ENV, "")
    return checked_token(value, f"환경 변수 {TOKEN_ENV}") if value.strip() else None


def is_loopback(host: str) -> bool:
    """Only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost): no token is needed there."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name or 0.0.0.0-like wildcard: reachable from the network


# --- sessions and CSRF tokens ---------------------------------------------------------------------

def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Session:
    """A login (로그인 세션): when it was issued, its random nonce, and whose it is (None: the shared token)."""

    issued: int
    nonce: str
    user: str | None = None


@dataclass(frozen=True)
class Access:
    """How a request proved itself: ``"bearer"``, ``"cookie"`` or None (not at all)."""

    kind: str | None
    session: Session | None = None
    csrf: str | None = None
    """The CSRF token the forms of a cookie session carry (None for Bearer and anonymous requests)."""
    stale_cookie: bool = False
    """A session cookie came but was refused (expired, logged out or forged)."""
    user: str | None = None
    """Who: the user of a personal token; None for the shared token or an anonymous request."""
    role: str | None = None
    """'editor' or 'viewer' for a request that proved itself; None for an anonymous one."""


class Users(Protocol):
    """What the gate asks about users (``balju.store.accounts.Accounts``)."""

    def user_for_token(self, token: str) -> str | None: ...

    def profile(self, name: str) -> tuple[str, str] | None: ...


class Gate:
    """The tokens' checks (토큰 검사기): Bearer headers, login attempts, session cookies, CSRF tokens.

    The session key is derived from the shared token, so sessions survive a restart of the server
    and end when the token changes; without a shared token it comes from ``secret`` (kept in the
    store). The cookie never carries a token.
    """

    def __init__(self, token: str | None, max_age: int = SESSION_MAX_AGE, clock: Callable[[], float] = time.time,
                 users: Users | None = None, secret: bytes | None = None) -> None:
        if token is not None:
            token = checked_token(token, "create_app(token=…)")
            base = token.encode("ascii")
        elif users is not None and secret:
            base = secret
        else:
            raise ValueError("Gate needs the shared token, or users and a secret")
        self.max_age = max_age
        self._clock = clock
        self._key = hmac.new(base, b"balju web session v1", hashlib.sha256).digest()
        self._token_digest = self._digest(token.encode("ascii")) if token is not None else None
        self.users = users
        self._revoked: dict[str, int] = {}
        self._lock = threading.Lock()
        self._owners: dict[bytes, tuple[str | None, float]] = {}
        self._profiles: dict[str, tuple[tuple[str, str] | None, float]] = {}

    @property
    def has_shared_token(self) -> bool:
        return self._token_digest is not None

    def _digest(self, value: bytes) -> bytes:
        # a fixed-length digest of the guess: compare_digest then leaks neither its content nor its length
        return hmac.new(self._key, b"token:" + value, hashlib.sha256).digest()

    def who(self, given: str | bytes) -> tuple[bool, str | None]:
        """(valid, user): the shared token gives (True, None), a user's token (True, their name).

        The shared token is compared in constant time; a personal token is looked up by its SHA-256.
        """
        raw = (given.encode("utf-8", "surrogatepass") if isinstance(given, str) else given).strip()
        digest = self._digest(raw)
        if self._token_digest is not None and hmac.compare_digest(digest, self._token_digest):
            return True, None
        if self.users is None or not raw or not raw.isascii():
            return False, None
        name = self._remembered(self._owners, digest, lambda: self.users.user_for_token(raw.decode("ascii")))
        return (True, name) if name else (False, None)

    def token_ok(self, given: str | bytes) -> bool:
        """Is ``given`` the shared token or an active user's token?"""
        return self.who(given)[0]

    def bearer_ok(self, authorization: str) -> bool:
        """Is the ``Authorization`` header ``Bearer <token>`` (the scheme in any case, RFC 6750)?"""
        return self.bearer(authorization)[0]

    def bearer(self, authorization: str) -> tuple[bool, str | None]:
        """(valid, user) of an ``Authorization: Bearer <token>`` header."""
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() != "bearer":
            return False, None
        # header values arrive decoded as Latin-1: back to the bytes that were sent
        return self.who(value.strip().encode("latin-1"))

    def role(self, name: str | None) -> str:
        """'editor' or 'viewer': the shared token edits; a user has their own role (reused for a few
        seconds); a disabled or unknown user only views."""
        if name is None:
            return "editor"
        found = self._profile(name)
        return found[1] if found else "viewer"

    def _mark(self, name: str) -> str | None:
        """The user's current token mark (None: disabled or unknown), reused for a few seconds."""
        found = self._profile(name)
        return found[0] if found else None

    def _profile(self, name: str) -> tuple[str, str] | None:
        """(token mark, role) of an active user, one store read reused for a few seconds."""
        if self.users is None:
            return None
        return self._remembered(self._profiles, name, lambda: self.users.profile(name))

    def _remembered(self, cache: dict, key: Any, ask: Callable[[], Any]) -> Any:
        """``ask()``'s answer for ``key``, reused for ``USER_CHECK_SECONDS``."""
        now = self._clock()
        with self._lock:
            found = cache.get(key)
        if found is not None and found[1] > now:
            return found[0]
        answer = ask()
        with self._lock:
            if len(cache) > 10_000:  # wrong tokens tried at random must not grow it without end
                cache.clear()
            cache[key] = (answer, now + USER_CHECK_SECONDS)
        return answer

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def new_cookie(self, issued: int | None = None, user: str | None = None) -> str:
        """A fresh session cookie value ``issued.nonce.signature`` (``issued.nonce.user.signature``
        for a user's login, signed together with the mark of the user's current token, so that a new
        token or a disable ends the session)."""
        stamp = int(self._clock()) if issued is None else issued
        payload = f"{stamp}.{secrets.token_urlsafe(16)}"
        if user is None:
            return f"{payload}.{self._sign(payload)}"
        payload += "." + _b64(user.encode("utf-8"))
        return f"{payload}.{self._sign(f'{payload}.{self._mark(user)}')}"

    def session(self, cookie: str | None) -> Session | None:
        """The session of a cookie value, or None when it is forged, expired or logged out."""
        if not cookie:
            return None
        parts = cookie.split(".")
        user_part = parts.pop(2) if len(parts) == 4 else None
        # the shape first: only then is it worth an HMAC (and str.isdigit would take '²')
        if len(parts) != 3 or not all(re.fullmatch(shape, part) for shape, part in zip(COOKIE_SHAPE, parts)):
            return None
        if user_part is not None and not re.fullmatch(USER_SHAPE, user_part):
            return None
        user = None
        if user_part is None:
            signed = f"{parts[0]}.{parts[1]}"
        else:
            try:
                user = base64.urlsafe_b64decode(user_part + "=" * (-len(user_part) % 4)).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                return None
            mark = self._mark(user)
            if mark is None:
                return None  # disabled since the login
            signed = f"{parts[0]}.{parts[1]}.{user_part}.{mark}"
        if not hmac.compare_digest(self._sign(signed), parts[2]):
            return None
        issued, now = int(parts[0]), self._clock()
        if now - issued > self.max_age or issued > now + CLOCK_SKEW:
            return None
        with self._lock:
            if parts[1] in self._revoked:
                return None
        return Session(issued, parts[1], user)

    def csrf_token(self, session: Session) -> str:
        """The CSRF token of one session (the same on every form of it)."""
        return self._sign(f"csrf.{session.nonce}")

    def csrf_ok(self, session: Session | None, given: Any) -> bool:
        if session is None or not isinstance(given, str) or not given.isascii():
            return False
        return hmac.compare_digest(self.csrf_token(session), given)

    def revoke(self, session: Session) -> None:
        """Log a session out for good in this process (the cookie is also deleted in the browser)."""
        now = int(self._clock())
        with self._lock:
            # forget the revoked sessions that would have expired anyway
            for nonce in [n for n, until in self._revoked.items() if until < now]:
                del self._revoked[nonce]
            self._revoked[session.nonce] = session.issued + self.max_age + CLOCK_SKEW

    def access(self, headers: Headers) -> tuple[Access, bool]:
        """(how the request proves itself, whether it sent an Authorization header that failed)."""
        authorization = headers.get("authorization")
        if authorization is not None:
            valid, user = self.bearer(authorization)
            if valid:
                return Access("bearer", user=user, role=self.role(user)), False
            return Access(None), True
        cookie = cookie_parser(headers.get("cookie", "")).get(SESSION_COOKIE)
        session = self.session(cookie)
        if session is None:
            return Access(None, stale_cookie=bool(cookie)), False
        return Access("cookie", session, self.csrf_token(session), user=session.user,
                      role=self.role(session.user)), False


# --- the middleware -------------------------------------------------------------------------------

def safe_next(value: str | None) -> str:
    """Where to go after logging in: a path of this site, else ``/`` (no open redirect).

    Refused: absolute URLs (``https://evil``), scheme-relative ones (``//evil.example``), backslashes
    (browsers read ``/\\evil`` as ``//evil``), control characters (browsers drop tabs and newlines, so
    ``/\\t/evil`` becomes ``//evil``), and the login and logout pages themselves.
    """
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if re.search(r"[\x00-\x20\x7f]", value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path in ("/login", "/logout"):
        return "/"
    return value


def login_address(next_path: str | None = None, **flags: str) -> str:
    """``/login?next=…`` (the path to come back to, when there is one worth coming back to)."""
    query = {"next": next_path} if next_path and safe_next(next_path) != "/" else {}
    query.update(flags)
    return "/login" + (f"?{urlencode(query)}" if query else "")


def unauthorized(wrong: bool) -> JSONResponse:
    """401 for the API: the Korean error and the Bearer challenge (RFC 6750)."""
    challenge = 'Bearer realm="balju", error="invalid_token"' if wrong else 'Bearer realm="balju"'
    return JSONResponse(
        {"error": TOKEN_WRONG if wrong else TOKEN_MISSING, "where": "Authorization", "fix": BEARER_FIX},
        status_code=401, headers={"WWW-Authenticate": challenge, "Cache-Control": "no-store"},
    )


class AccessControl:
    """ASGI middleware: lets a request in only with the token (Bearer header or login cookie).

    Plain ASGI rather than a ``BaseHTTPMiddleware``, so a 50 MB upload streams through untouched.
    It records how each request proved itself in ``request.state.access`` for the handlers
    (CSRF check) and the templates (logout button, hidden CSRF field).
    """

    def __init__(self, app: ASGIApp, gate: Gate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        access, failed_header = self.gate.access(Headers(scope=scope))
        scope.setdefault("state", {})["access"] = access
        if path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        api = path == "/api" or path.startswith("/api/")
        if access.kind == "bearer" or (access.kind == "cookie" and not api):
            await self.app(scope, receive, send)
            return
        if api or failed_header:
            # a program: a wrong token is said so, never turned into a login page
            response = unauthorized(wrong=failed_header)
        else:
            response = RedirectResponse(self._login_for(scope, access), status_code=303,
                                        headers={"Cache-Control": "no-store"})
        await response(scope, receive, send)

    @staticmethod
    def _login_for(scope: Scope, access: Access) -> str:
        flags = {"expired": "1"} if access.stale_cookie else {}
        if scope["method"] not in ("GET", "HEAD"):
            # a form sent without a login has nothing to come back to: start again from the list
            return login_address(None, **flags)
        query = scope.get("query_string", b"").decode("latin-1")
        return login_address(scope["path"] + (f"?{query}" if query else ""), **flags)


# --- what the handlers and templates ask ----------------------------------------------------------

def access_of(request: Any) -> Access:
    """How this request proved itself (anonymous when the app has no token)."""
    return request.scope.get("state", {}).get("access") or Access(None)


def csrf_refusal(request: Any, given: Any) -> str | None:
    """The Korean reason to refuse a page form, or None when it may go on.

    Only a cookie session needs the field: without a token there is nothing to protect, and a
    Bearer header is never added by a browser to another site's request.
    """
    gate: Gate | None = getattr(request.app.state, "gate", None)
    access = access_of(request)
    if gate is None or access.kind != "cookie":
        return None
    return None if gate.csrf_ok(access.session, given) else CSRF_REFUSED


def csrf_input(request: Any) -> str:
    """The hidden CSRF field of a form (empty when the request has no cookie session)."""
    from markupsafe import Markup, escape

    token = access_of(request).csrf
    if not token:
        return Markup("")
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">')


def signed_in(request: Any) -> bool:
    """Logged in with a cookie (the page shows 로그아웃)."""
    return access_of(request).kind == "cookie"


def user_of(request: Any) -> str | None:
    """The user the request came from (a personal token or its login); None otherwise."""
    return access_of(request).user


VIEWER_REFUSED = "열람 전용 사용자는 올리거나, 고쳐 다시 산정하거나, 지울 수 없습니다 (read-only user)."
VIEWER_FIX = "편집 권한이 필요하면 관리자에게 'balju users role <이름> editor'를 부탁하세요."


def can_edit(request: Any) -> bool:
    """May this request upload, re-price or delete? Yes in an app without access control and with
    the shared token; a user only with the editor role."""
    gate: Gate | None = getattr(request.app.state, "gate", None)
    return gate is None or access_of(request).role == "editor"
