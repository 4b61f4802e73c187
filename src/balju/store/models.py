"""Tables of the store (저장소 테이블): one row per saved review, one per file that failed.

The review itself is kept whole as JSON (the dict every report is written from); the columns
beside it are copies of its headline figures, so lists and searches need not read the JSON.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Date, DateTime, Float, Integer, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 1
"""Raise it with every change of the tables; ``Store`` refuses a database of another version."""


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
