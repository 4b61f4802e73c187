"""``balju store``: the store itself (저장소) — what it holds, and copying it to another database.

``balju store copy sqlite:///balju.db postgresql+psycopg://…`` moves what one person saved into the
team's PostgreSQL server, every review with its number, kept file, user and audit line.
"""

from __future__ import annotations

import time
from typing import Optional

import typer

from balju.cli.output import console, print_json



def register(app: typer.Typer) -> None:
    store_app = typer.Typer(help="저장소: 담긴 것 보기, 다른 데이터베이스로 옮기기", no_args_is_help=True)
    app.add_typer(store_app, name="store")

    @store_app.command("info")
    def info(db: Optional[str] = typer.Option(None, "--db", help="저장소 주소 (기본: $BALJU_DB, 없으면 sqlite:///balju.db)"),
             as_json: bool = typer.Option(False, "--json", help="JSON으로 출력")) -> None:
        """저장소의 주소, 스키마 판, 표마다 행 수."""
        from balju.store import Store
        from balju.store.copy import NAMES_KO, counts
        from balju.store.models import SCHEMA_VERSION

        with Store(db) as store:
            found = counts(store)
            shown = store.shown_url
        if as_json:
            print_json({"database": shown, "schema_version": SCHEMA_VERSION, "rows": found})
            return
        out = console()
        out.print(f"저장소 {shown} (스키마 {SCHEMA_VERSION}판)", highlight=False)
        for name, n in found.items():
            out.print(f"  {NAMES_KO[name]} ({name}): {n:,}", highlight=False)

    @store_app.command("copy")
    def copy(source: str = typer.Argument(..., help="원본 저장소 주소 또는 SQLite 파일"),
             target: str = typer.Argument(..., help="대상 저장소 주소 (비어 있어야 함; 표는 새로 만듦)"),
             as_json: bool = typer.Option(False, "--json", help="JSON으로 출력")) -> None:
        """저장소 전체를 빈 데이터베이스로 옮깁니다 (검토 번호·보관 파일·사용자·작업 기록 그대로; 원본은 읽기만)."""
        from balju.store import Store
        from balju.store.copy import NAMES_KO, copy_store

        began = time.perf_counter()
        with Store(source) as src, Store(target) as dst:
            copied = copy_store(src, dst)
            shown = (src.shown_url, dst.shown_url)
        seconds = round(time.perf_counter() - began, 2)
        if as_json:
            print_json({"source": shown[0], "target": shown[1], "copied": copied, "seconds": seconds})
            return
        out = console()
        out.print(f"옮겼습니다: {shown[0]} → {shown[1]} ({seconds} s)", highlight=False)
        for name, n in copied.items():
            out.print(f"  {NAMES_KO[name]}: {n:,}", highlight=False)
