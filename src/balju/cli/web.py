"""``balju web``: serve the web app and REST API (웹 서버) with uvicorn."""

from __future__ import annotations

from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command("web")
    def web_command(
        db: Optional[str] = typer.Option(
            None, "--db", help="데이터베이스 주소 또는 SQLite 파일 (기본: $BALJU_DB, 없으면 sqlite:///balju.db)"
        ),
        host: str = typer.Option("127.0.0.1", "--host", help="받을 주소 (모두에게 열려면 0.0.0.0)"),
        port: int = typer.Option(8000, "--port", help="포트"),
    ) -> None:
        """웹 화면과 REST API를 띄웁니다 (serve the web app and the REST API; Ctrl+C로 끝냄)."""
        import threading

        import uvicorn

        from balju.store import database_url
        from balju.web import create_app

        url = database_url(db)
        web = create_app(url)  # opens the store now, so a bad --db fails before the server starts
        # Kiwi's model takes about a second to load: load it while the server starts, not on the first upload
        threading.Thread(target=_warm_up, daemon=True).start()
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        print(f"balju 웹 서버: http://{shown_host}:{port}/ (API: http://{shown_host}:{port}/api, "
              f"DB: {_without_password(url)}) — 끝내려면 Ctrl+C", flush=True)
        uvicorn.run(web, host=host, port=port, log_level="info")


def _warm_up() -> None:
    from balju.nlp import kiwi

    kiwi().tokenize("제안요청서")


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for the start-up line; the store has already accepted it
        return url
