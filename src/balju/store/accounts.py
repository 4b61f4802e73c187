"""사용자와 작업 기록 (users and the audit log) of a team's store.

A team that runs ``balju web`` gives each person a name and a personal access token
(``balju users add 홍길동``), instead of, or beside, one shared token. The web app then knows who
uploaded, corrected or deleted a review, writes it in the review (``created_by``) and in the audit
log, and a person who leaves is disabled without changing anyone else's token.

Only a token's SHA-256 is kept; the token itself is shown once, when it is made. Tokens are 43
random URL-safe characters (256 bits), so nothing is gained by a slow hash: there is no word list
to try.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update

from balju.errors import InputError
from balju.store.models import AuditRow, MetaRow, UserRow, utc_now

if TYPE_CHECKING:
    from balju.store import Store

NAME_MAX = 60
SECRET_KEY = "session_secret"
"""``balju_meta`` key of the random key that signs login cookies when there is no shared token."""
ROLES_KO = {"editor": "편집", "viewer": "열람"}
"""역할: an editor uploads, corrects and deletes; a viewer (an auditor, a monitor) reads and downloads."""
ACTIONS_KO = {
    "upload": "올리기", "correct": "다시 산정", "delete": "지우기", "login": "로그인", "logout": "로그아웃",
}
"""작업 이름: what the audit log records, and how the pages say it."""


@dataclass(frozen=True)
class User:
    """사용자: a name, when it was made, and when it was disabled (None: active)."""

    name: str
    created_at: dt.datetime
    disabled_at: dt.datetime | None
    role: str = "editor"

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    @property
    def role_ko(self) -> str:
        return ROLES_KO.get(self.role, self.role)


@dataclass(frozen=True)
class AuditEntry:
    """작업 기록 한 줄."""

    id: int
    at: dt.datetime
    user_name: str | None
    action: str
    review_id: int | None
    detail: str | None

    @property
    def action_ko(self) -> str:
        return ACTIONS_KO.get(self.action, self.action)


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8", "surrogatepass")).hexdigest()


def checked_role(role: str) -> str:
    """'editor'/'편집' or 'viewer'/'열람'."""
    by_word = {**{k: k for k in ROLES_KO}, **{v: k for k, v in ROLES_KO.items()}}
    found = by_word.get((role or "").strip().lower())
    if found is None:
        raise InputError(f"역할 '{role}'을(를) 모릅니다 (unknown role).", where="역할(--role)",
                         fix="editor(편집: 올리기·고치기·지우기) 또는 viewer(열람: 보기·내려받기만) 중 하나를 쓰세요.")
    return found


def checked_name(name: str) -> str:
    """A user name: 1–60 characters without control characters, spaces at the ends removed."""
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > NAME_MAX or re.search(r"[\x00-\x1f\x7f]", cleaned):
        raise InputError(
            f"사용자 이름 '{cleaned[:80]}'은(는) 쓸 수 없습니다 (a user name is 1–{NAME_MAX} characters).",
            where="사용자 이름",
            fix=f"1~{NAME_MAX}자의 이름을 쓰세요. 예: balju users add 홍길동",
        )
    return cleaned


class Accounts:
    """The users and the audit log of one store (``Store.accounts``)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # users

    def add(self, name: str, role: str = "editor") -> str:
        """Make a user (``role``: editor or viewer); returns the personal token (shown once, never kept)."""
        name, role = checked_name(name), checked_role(role)
        token = secrets.token_urlsafe(32)
        try:
            with self._store._write() as session:
                session.add(UserRow(name=name, token_sha256=token_sha256(token), role=role))
        except InputError as error:
            if self.get(name) is not None:
                raise InputError(f"사용자 '{name}'은(는) 이미 있습니다 (user exists).", where="사용자 이름",
                                 fix=f"다른 이름을 쓰거나, 토큰을 잃어버렸다면 balju users reset {name}") from None
            raise error
        return token

    def reset(self, name: str) -> str:
        """A new token for ``name`` (the old one stops working); also enables a disabled user."""
        token = secrets.token_urlsafe(32)
        with self._store._write() as session:
            changed = session.execute(
                update(UserRow).where(UserRow.name == name.strip())
                .values(token_sha256=token_sha256(token), disabled_at=None)
            ).rowcount
        if not changed:
            raise _no_user(name)
        return token

    def set_role(self, name: str, role: str) -> str:
        """Make ``name`` an editor or a viewer; the role as stored."""
        role = checked_role(role)
        with self._store._write() as session:
            changed = session.execute(update(UserRow).where(UserRow.name == name.strip()).values(role=role)).rowcount
        if not changed:
            raise _no_user(name)
        return role

    def role_of(self, name: str) -> str | None:
        """The active user's role; None when disabled or unknown."""
        found = self.profile(name)
        return found[1] if found else None

    def disable(self, name: str) -> None:
        """Stop ``name``'s token and end their sessions; what they did stays in the records."""
        with self._store._write() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
            if row is None:
                raise _no_user(name)
            if row.disabled_at is None:
                row.disabled_at = utc_now()

    def get(self, name: str) -> User | None:
        with self._store._read() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
            return _user(row) if row else None

    def list(self) -> list[User]:
        with self._store._read() as session:
            return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]

    def count_active(self) -> int:
        with self._store._read() as session:
            return session.scalar(select(func.count()).select_from(UserRow).where(UserRow.disabled_at.is_(None))) or 0

    def user_for_token(self, token: str) -> str | None:
        """The active user whose token this is, else None."""
        if not token or not token.strip():
            return None
        with self._store._read() as session:
            return session.scalar(
                select(UserRow.name).where(UserRow.token_sha256 == token_sha256(token), UserRow.disabled_at.is_(None))
            )

    def profile(self, name: str) -> tuple[str, str] | None:
        """(token mark, role) of an active user in one read; None when disabled or unknown. The mark is
        the start of the current token's SHA-256: a login cookie is signed with it, so a new token or a
        disable ends the user's sessions."""
        with self._store._read() as session:
            found = session.execute(
                select(UserRow.token_sha256, UserRow.role).where(UserRow.name == name, UserRow.disabled_at.is_(None))
            ).first()
        return (found[0][:16], found[1] or "editor") if found else None

    def is_active(self, name: str) -> bool:
        with self._store._read() as session:
            return session.scalar(
                select(UserRow.id).where(UserRow.name == name, UserRow.disabled_at.is_(None))
            ) is not None

    def session_secret(self) -> bytes:
        """The random key that signs login cookies of an app without a shared token, made on first use
        and kept in the database, so logins survive a restart and several server processes agree."""
        meta = MetaRow.__table__
        with self._store._read() as session:
            found = session.scalar(select(meta.c.value).where(meta.c.key == SECRET_KEY))
        if found is None:
            try:
                with self._store._write() as session:
                    session.execute(meta.insert().values(key=SECRET_KEY, value=secrets.token_urlsafe(32)))
            except InputError:
                pass  # another process made it first: read theirs
            with self._store._read() as session:
                found = session.scalar(select(meta.c.value).where(meta.c.key == SECRET_KEY))
        return str(found).encode("ascii")

    # the audit log

    def record(self, action: str, user: str | None = None, review_id: int | None = None,
               detail: str | None = None) -> int:
        """Write one line of the audit log; its id."""
        row = AuditRow(action=action, user_name=user, review_id=review_id, detail=(detail or None) and detail[:2000])
        with self._store._write() as session:
            session.add(row)
            session.flush()
            return row.id

    def audit(self, *, limit: int = 50, offset: int = 0, user: str | None = None,
              review_id: int | None = None) -> list[AuditEntry]:
        """The audit log, newest first (one user's, or one review's, when asked)."""
        query = _audit_query(select(AuditRow), user, review_id).order_by(AuditRow.id.desc()).limit(limit).offset(offset)
        with self._store._read() as session:
            return [_entry(row) for row in session.scalars(query)]

    def last_seen(self) -> dict[str, dt.datetime]:
        """Each user's last line in the audit log (a login, an upload …): who still uses the app."""
        query = select(AuditRow.user_name, func.max(AuditRow.at)).where(AuditRow.user_name.is_not(None)).group_by(AuditRow.user_name)
        with self._store._read() as session:
            return {name: _utc(at) for name, at in session.execute(query)}

    def count_audit(self, *, user: str | None = None, review_id: int | None = None) -> int:
        with self._store._read() as session:
            return session.scalar(_audit_query(select(func.count()).select_from(AuditRow), user, review_id)) or 0


def _audit_query(query, user: str | None, review_id: int | None):
    if user:
        query = query.where(AuditRow.user_name == user)
    if review_id is not None:
        query = query.where(AuditRow.review_id == review_id)
    return query


def _no_user(name: str) -> InputError:
    return InputError(f"사용자 '{name.strip()}'이(가) 없습니다 (no such user).", where="사용자 이름",
                      fix="balju users list로 이름을 확인하세요.")


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; they were written in UTC
    return value if value is None or value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _user(row: UserRow) -> User:
    return User(row.name, _utc(row.created_at), _utc(row.disabled_at), row.role or "editor")


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(row.id, _utc(row.at), row.user_name, row.action, row.review_id, row.detail)


__all__ = ["ACTIONS_KO", "ROLES_KO", "Accounts", "AuditEntry", "User", "checked_name", "checked_role", "token_sha256"]
