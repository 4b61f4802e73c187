"""``balju web``: serve the web app and REST API (웹 서버) with uvicorn.

On this machine's own address (127.0.0.1, the default) it runs open, as a tool for one person.
On any other address it needs the shared access token (접근 토큰: ``--token-file`` or
``$BALJU_WEB_TOKEN``) or users with personal tokens in the store (``balju users add``), or
``--no-token`` said out loud: otherwise everyone on the network could download every stored RFP
and report and delete reviews. A store with users asks for a login on every address.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Optional

import typer

from balju.errors import InputError


def register(app: typer.Typer) -> None:
    @app.command("web")
    def web_command(
        db: Optional[str] = typer.Option(
            None, "--db", help="데이터베이스 주소 또는 SQLite 파일 (기본: $BALJU_DB, 없으면 sqlite:///balju.db)"
        ),
        host: str = typer.Option("127.0.0.1", "--host", help="받을 주소 (모두에게 열려면 0.0.0.0: 접근 토큰이 필요합니다)"),
        port: int = typer.Option(8000, "--port", help="포트"),
        token_file: Optional[Path] = typer.Option(
            None, "--token-file",
            help="접근 토큰 파일 (첫 줄, 16자 이상; 없으면 $BALJU_WEB_TOKEN). 화면은 로그인, API는 'Authorization: Bearer <토큰>'",
        ),
        no_token: bool = typer.Option(
            False, "--no-token", help="127.0.0.1이 아닌 주소에서도 토큰 없이 엽니다 (네트워크의 누구나 쓰고 지울 수 있음)"
        ),
    ) -> None:
        """웹 화면과 REST API를 띄웁니다 (serve the web app and the REST API; Ctrl+C로 끝냄)."""
        import threading

        import uvicorn

        from balju.store import database_url
        from balju.web import create_app

        url = database_url(db)
        token = access_token(host, token_file, no_token, users=lambda: _active_users(url))  # refuses before serving
        web = create_app(url, token)  # opens the store now, so a bad --db fails before the server starts
        # Kiwi's model takes about a second to load: load it while the server starts, not on the first upload
        threading.Thread(target=_warm_up, daemon=True).start()
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        print(f"balju 웹 서버: http://{shown_host}:{port}/ (API: http://{shown_host}:{port}/api, "
              f"DB: {web.state.store.shown_url}) — 끝내려면 Ctrl+C", flush=True)
        gate = web.state.gate
        if gate is not None:
            kinds = " 또는 ".join(k for k, on in (("공용 접근 토큰", gate.has_shared_token),
                                                 ("사용자의 개인 토큰(balju users)", gate.users is not None
                                                  and web.state.store.accounts.count_active() > 0)) if on)
            print(f"접근 제어: {kinds}이 있어야 씁니다 — 화면은 /login에서 로그인, API는 "
                  "'Authorization: Bearer <토큰>' 헤더 (/api/health만 열려 있음)", flush=True)
        uvicorn.run(web, host=host, port=port, log_level="info")


def access_token(host: str, token_file: Path | None, no_token: bool,
                 users: Callable[[], int] = lambda: 0) -> str | None:
    """The shared token to run with (None: none), or an ``InputError`` (exit 2) when that would be unsafe.

    Loopback without a token works as before; any other address needs a token or active users
    (``users()`` counts them in the store), or ``--no-token``, which prints a Korean warning.
    ``--no-token`` cannot open a store that has users: they log in.
    """
    from balju.web.auth import MAKE_TOKEN, TOKEN_ENV, configured_token, is_loopback

    token = configured_token(token_file)
    if token is not None and no_token:
        raise InputError(
            "--no-token과 접근 토큰(--token-file 또는 BALJU_WEB_TOKEN)을 함께 줄 수 없습니다 (conflicting options).",
            fix=f"토큰으로 보호하려면 --no-token을 빼고, 열어 두려면 --token-file을 빼고 {TOKEN_ENV}를 비우세요.",
        )
    if token is not None:
        return token
    if (not is_loopback(host) or no_token) and users() > 0:
        if no_token:
            raise InputError(
                "이 저장소에는 사용자가 있어 로그인 없이 열 수 없습니다 (--no-token with user accounts).",
                where="--no-token",
                fix="--no-token을 빼세요: 사용자는 개인 토큰으로 로그인합니다 (balju users list).",
            )
        return None
    if is_loopback(host):
        return None
    if not no_token:
        raise InputError(
            f"접근 토큰 없이 {host}에서는 시작하지 않습니다: 이 주소에 닿는 누구나 저장된 제안요청서와 보고서를 "
            "모두 내려받고 검토를 지울 수 있습니다 (refusing to serve without an access token on a network address).",
            where=f"--host {host}",
            fix=(f"토큰을 만들어 주세요: {MAKE_TOKEN} 그리고 balju web --host {host} --token-file ~/.balju-token "
                 f"(또는 환경 변수 {TOKEN_ENV}). 팀원은 화면에서 그 토큰으로 로그인하고, API는 "
                 "'Authorization: Bearer <토큰>' 헤더를 붙입니다. 이 컴퓨터에서만 쓰려면 --host 127.0.0.1(기본), "
                 "정말 토큰 없이 열려면 --no-token."),
        )
    print(f"경고(warning): 접근 토큰 없이 {host}에서 엽니다 (--no-token) — 이 주소에 닿는 누구나 저장된 "
          "제안요청서와 보고서를 내려받고 검토를 지울 수 있습니다. 믿을 수 있는 네트워크에서만 쓰세요.",
          file=sys.stderr, flush=True)
    return None


def _active_users(url: str) -> int:
    """Active users in the store; a SQLite file that does not exist yet has none (and is not made)."""
    from sqlalchemy.engine import make_url

    from balju.store import Store

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - Store says what is wrong with the address
        parsed = None
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).exists():
            return 0
    with Store(url) as store:
        return store.accounts.count_active()


def _warm_up() -> None:
    from balju.nlp import kiwi

    kiwi().tokenize("제안요청서")
