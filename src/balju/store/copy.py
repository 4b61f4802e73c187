"""Copying a whole store to another database (저장소 옮기기), e.g. from the SQLite file one person
started with to the PostgreSQL server of the team.

Every row is copied with its own id, so the links between reviews (``parent_id``), the audit log's
review numbers and the web addresses (``/reviews/12``) stay the same. The target must be empty:
the copy runs in one transaction there, so it is all or nothing, and the source is only read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from sqlalchemy import func, insert, select, text

from balju.errors import InputError
from balju.store.accounts import SECRET_KEY
from balju.store.models import AuditRow, DocumentRow, FailureRow, MetaRow, ReviewRow, UserRow

if TYPE_CHECKING:
    from balju.store import Store

TABLES = (UserRow, ReviewRow, FailureRow, DocumentRow, AuditRow)
"""What is copied, in this order (the session secret of ``balju_meta`` too; the schema version is the
target's own)."""
BATCH = {DocumentRow: 8}
"""Rows sent at once: kept RFP files are up to a few MB each, the other rows small."""
DEFAULT_BATCH = 200
NAMES_KO = {"users": "사용자", "reviews": "검토", "failures": "실패한 파일", "documents": "보관한 제안요청서",
            "audit": "작업 기록"}


def counts(store: Store) -> dict[str, int]:
    """Rows per table (사용자, 검토, 실패, 보관 파일, 작업 기록)."""
    with store.engine.connect() as conn:
        return {model.__tablename__: conn.scalar(select(func.count()).select_from(model.__table__)) or 0
                for model in TABLES}


def copy_store(source: Store, target: Store, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; the rows copied per table."""
    if source.url == target.url:
        raise InputError("원본과 대상이 같은 데이터베이스입니다 (source and target are the same).",
                         where=target.shown_url, fix="다른 데이터베이스 주소를 대상으로 주세요.")
    already = {name: n for name, n in counts(target).items() if n}
    if already:
        listed = ", ".join(f"{NAMES_KO[name]} {n}건" for name, n in already.items())
        raise InputError(
            f"대상 데이터베이스가 비어 있지 않습니다 ({listed}) (target is not empty).",
            file=target.shown_url,
            fix="새 데이터베이스를 대상으로 주세요. 옮긴 뒤의 번호(/reviews/12)가 원본과 같아야 하므로 합치지 않습니다.",
        )
    copied: dict[str, int] = {}
    with source.engine.connect() as src, target.engine.begin() as dst:
        for model in TABLES:
            table, size = model.__table__, BATCH.get(model, DEFAULT_BATCH)
            rows = src.execution_options(yield_per=size, stream_results=True).execute(
                select(table).order_by(*table.primary_key.columns))
            done = 0
            for part in rows.partitions(size):
                dst.execute(insert(table), [dict(row._mapping) for row in part])
                done += len(part)
                if progress:
                    progress(table.name, done)
            copied[table.name] = done
        meta = MetaRow.__table__
        secret = src.scalar(select(meta.c.value).where(meta.c.key == SECRET_KEY))
        if secret is not None:
            dst.execute(insert(meta).values(key=SECRET_KEY, value=secret))
        # rows came with their ids: the next new review must take none of them, nor the number of a
        # review deleted before the copy that the audit log or a correction still names
        highest = _highest_review_number(src)
        if dst.dialect.name == "postgresql":
            for model in (UserRow, ReviewRow, FailureRow, AuditRow):
                name = model.__tablename__
                floor = highest if model is ReviewRow else 0
                dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                 f"GREATEST(COALESCE((SELECT MAX(id) FROM {name}), 0), {int(floor)}) + 1, false)"))
        elif dst.dialect.name == "sqlite" and highest:
            dst.execute(text("UPDATE sqlite_sequence SET seq = MAX(seq, :n) WHERE name = 'reviews'"), {"n": highest})
            if not dst.execute(text("SELECT 1 FROM sqlite_sequence WHERE name = 'reviews'")).first():
                dst.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('reviews', :n)"), {"n": highest})
    return copied


def _highest_review_number(src) -> int:
    """The highest review number the source has used: its rows, the numbers its corrections and
    audit log name, and its own counter (SQLite's sqlite_sequence, PostgreSQL's sequence)."""
    numbers = [
        src.scalar(select(func.max(ReviewRow.id))),
        src.scalar(select(func.max(ReviewRow.parent_id))),
        src.scalar(select(func.max(AuditRow.review_id))),
    ]
    if src.dialect.name == "sqlite":
        numbers.append(src.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'reviews'")).scalar()
                       if src.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).first()
                       else None)
    elif src.dialect.name == "postgresql":
        # last_value is the next number until one is taken (is_called false)
        numbers.append(src.execute(text(
            "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM reviews_id_seq")).scalar())
    return max((int(n) for n in numbers if n is not None), default=0)
