"""Tables of the store (저장소 테이블): one row per saved review, one per file that failed, one per
kept RFP file.

The review itself is kept whole as JSON (the dict every report is written from); the columns
beside it are copies of its headline figures, so lists and searches need not read the JSON.
An uploaded RFP is kept once per content (``documents``, keyed by its SHA-256, the same key as the
review's ``source.sha256``), so a person can correct the proposed functions and have it re-priced.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Date, DateTime, Float, Integer, LargeBinary, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 5
"""Raise it with every change of the tables and add the step from the version before
(``balju.store.upgrade``); ``Store`` upgrades an older database and refuses a newer one.

1: reviews, failures, balju_meta.
2: + documents (the uploaded RFP files); reviews + parent_id, function_list (re-pricing with a
   person's corrected function list).
3: + users (사용자: a name and the SHA-256 of a personal access token), audit (작업 기록: who did
   what, when); reviews + created_by.
4: users + role (편집 editor, 열람 viewer).
5: SQLite's reviews table numbers with AUTOINCREMENT (a deleted last review's number is never given
   again: /reviews/12 and the audit log's #12 keep meaning one review).
"""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Key → value facts about the database itself (schema version)."""

    __tablename__ = "balju_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class ReviewRow(Base):
    """저장된 검토: a review of one RFP file."""

    __tablename__ = "reviews"
    # SQLite would give a deleted last row's number to the next review; PostgreSQL's sequence never does
    __table_args__ = {"sqlite_autoincrement": True}
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    format: Mapped[str | None] = mapped_column(String(10))
    project_name: Mapped[str | None] = mapped_column(Text)
    agency: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    stated_budget: Mapped[int | None] = mapped_column(BigInteger)
    guide_price: Mapped[int | None] = mapped_column(BigInteger)
    fp_total: Mapped[Decimal | None] = mapped_column(Numeric(14, 3))
    function_count: Mapped[int] = mapped_column(Integer, default=0)
    verdict: Mapped[str | None] = mapped_column(String(40))
    verdict_ko: Mapped[str | None] = mapped_column(String(200))
    gap_percent: Mapped[float | None] = mapped_column(Float)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    balju_version: Mapped[str | None] = mapped_column(String(40))
    review: Mapped[dict] = mapped_column(JSON)
    parent_id: Mapped[int | None] = mapped_column(Integer, index=True)
    """수정 원본: the review whose functions a person corrected to make this one (no foreign key: the
    link stays, as history, when that review is deleted)."""
    function_list: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    """고친 기능 목록: the person's list in full (DET, RET, FTR and 비고 too, which the review dict does
    not keep), so it is handed back as it was given."""
    created_by: Mapped[str | None] = mapped_column(String(60))
    """올린 사람: the user (``users.name``) who uploaded or corrected it; None without user accounts.
    A copy of the name, not a key, so the record stays when the user is disabled."""


class FailureRow(Base):
    """검토하지 못한 파일: what went wrong, where, and the fix."""

    __tablename__ = "failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    message: Mapped[str] = mapped_column(Text)
    where: Mapped[str | None] = mapped_column(Text)
    fix: Mapped[str | None] = mapped_column(Text)


class DocumentRow(Base):
    """보관한 제안요청서: an uploaded RFP file, once per content."""

    __tablename__ = "documents"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class UserRow(Base):
    """사용자: a person of the team, who proves who they are with a personal access token.

    Only the token's SHA-256 is kept: the token is shown once, when it is made. A token is 43
    random characters, so a fast hash is enough (nothing to guess from a dictionary)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    role: Mapped[str] = mapped_column(String(10), default="editor", server_default="editor")
    """편집 (editor: upload, correct, delete) or 열람 (viewer: read and download only)."""


class AuditRow(Base):
    """작업 기록: one thing a person did in the web app (올리기, 다시 산정, 지우기, 로그인 …)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    user_name: Mapped[str | None] = mapped_column(String(60), index=True)
    """Who: a user's name; None for the shared token or an app without access control."""
    action: Mapped[str] = mapped_column(String(20))
    review_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str | None] = mapped_column(Text)
