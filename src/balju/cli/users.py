"""``balju users``: the team's users of ``balju web`` (사용자) — add, list, role, reset, disable.

Each person gets a personal access token, printed once by ``add`` (and by ``reset``, which replaces
it); the store keeps only its SHA-256. With at least one active user, ``balju web`` asks everyone
to log in, and writes the person's name in what they upload or correct and in the audit log
(``/audit``). Start (or restart) ``balju web`` after adding the first user.

A user is an editor (편집: upload, correct, delete) or a viewer (열람: read and download only, for
auditors and monitors).
"""

from __future__ import annotations

from typing import Optional

import typer

from balju.cli.output import console, print_json

DB_HELP = "저장소 주소 (기본: $BALJU_DB, 없으면 sqlite:///balju.db) — balju web과 같은 곳"


def register(app: typer.Typer) -> None:
    users = typer.Typer(help="balju web의 사용자: 개인 토큰 만들기·목록·다시 만들기·사용 중지", no_args_is_help=True)
    app.add_typer(users, name="users")

    @users.command("add")
    def add(name: str = typer.Argument(..., help="사용자 이름 (1~60자, 예: 홍길동)"),
            role: str = typer.Option("editor", "--role", help="editor(편집: 올리기·고치기·지우기) 또는 viewer(열람: 보기·내려받기)"),
            db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
        """사용자를 만들고 개인 토큰을 한 번 보여 줍니다."""
        from balju.store import Store

        with Store(db) as store:
            token = store.accounts.add(name, role)
            _show_token(name.strip(), token, store.shown_url, first=store.accounts.count_active() == 1)

    @users.command("reset")
    def reset(name: str = typer.Argument(..., help="사용자 이름"),
              db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
        """새 개인 토큰을 만듭니다 (이전 토큰과 로그인은 끝남; 사용 중지된 사용자는 다시 쓸 수 있게 됨)."""
        from balju.store import Store

        with Store(db) as store:
            token = store.accounts.reset(name)
            _show_token(name.strip(), token, store.shown_url, first=False)

    @users.command("role")
    def set_role(name: str = typer.Argument(..., help="사용자 이름"),
                 role: str = typer.Argument(..., help="editor(편집) 또는 viewer(열람)"),
                 db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
        """역할을 바꿉니다 (몇 초 안에 로그인 중인 화면에도 적용)."""
        from balju.store import Store
        from balju.store.accounts import ROLES_KO

        with Store(db) as store:
            stored = store.accounts.set_role(name, role)
        console().print(f"'{name.strip()}'의 역할: {ROLES_KO[stored]} ({stored})")

    @users.command("disable")
    def disable(name: str = typer.Argument(..., help="사용자 이름"),
                db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
        """사용을 멈춥니다: 토큰과 로그인이 몇 초 안에 끝나고, 그 사람이 한 일의 기록은 남습니다."""
        from balju.store import Store

        with Store(db) as store:
            store.accounts.disable(name)
        console().print(f"'{name.strip()}'의 사용을 멈췄습니다. 그 토큰과 로그인은 5초 안에 더는 통하지 않습니다 "
                      f"(다시 쓰게 하려면 balju users reset {name.strip()}).")

    @users.command("list")
    def list_users(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
                   as_json: bool = typer.Option(False, "--json", help="JSON으로 출력")) -> None:
        """사용자 목록 (이름, 만든 때, 사용 중지한 때)."""
        from balju.store import Store

        with Store(db) as store:
            found = store.accounts.list()
            seen = store.accounts.last_seen()
        if as_json:
            print_json([{"name": u.name, "role": u.role, "created_at": u.created_at.isoformat(),
                         "last_seen": seen[u.name].isoformat() if u.name in seen else None,
                         "disabled_at": u.disabled_at.isoformat() if u.disabled_at else None} for u in found])
            return
        if not found:
            console().print("사용자가 없습니다. balju users add 이름 으로 만드세요.")
            return
        for user in found:
            state = "사용 중" if user.active else f"사용 중지 {user.disabled_at:%Y-%m-%d %H:%M} UTC"
            last = f"마지막 작업 {seen[user.name]:%Y-%m-%d %H:%M} UTC" if user.name in seen else "작업 기록 없음"
            console().print(f"{user.name}\t{user.role_ko}\t{user.created_at:%Y-%m-%d %H:%M} UTC 만듦\t{state}\t{last}")


def _show_token(name: str, token: str, shown_url: str, *, first: bool) -> None:
    # the token on a line of its own, so it can be copied (or cut out with `tail -1`)
    console().print(f"사용자 '{name}'의 개인 토큰입니다. 지금 한 번만 보여 줍니다: 본인에게만 전하세요 "
                  f"(저장소 {shown_url}에는 SHA-256만 남습니다).", highlight=False)
    if first:
        console().print("첫 사용자입니다: balju web을 (다시) 띄우면 모두 로그인해야 씁니다.", highlight=False)
    print(token, flush=True)
