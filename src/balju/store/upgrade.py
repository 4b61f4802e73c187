"""Schema versions (스키마 판): make a new database, upgrade an older one in place, refuse a newer one.

``balju_meta.schema_version`` says which tables a database has. Opening a database of an older
version runs the steps from its version up to ``SCHEMA_VERSION`` and keeps every saved review; a
database of a newer version (made by a later balju) is refused and left as it is, since this code
cannot know what its tables mean.

Each step checks what is already there before it adds anything: SQLite runs DDL outside the
transaction (Python's sqlite3 commits it at once), so a step interrupted half-way is simply run
again on the next open.
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import Connection, inspect, select, text, update
from sqlalchemy.schema import CreateTable

from balju.errors import InputError
from balju.store.models import SCHEMA_VERSION, Base, MetaRow, ReviewRow, UserRow

VERSION_KEY = "schema_version"


def prepare(conn: Connection, shown_url: str) -> None:
    """Bring the database to ``SCHEMA_VERSION``: tables created when missing, older versions upgraded."""
    finish_rebuild(conn)
    found = stored_version(conn)
    if found is not None and found != str(SCHEMA_VERSION):
        for version in _steps_from(found, shown_url):
            STEPS[version](conn)
    Base.metadata.create_all(conn)
    meta = MetaRow.__table__
    if found is None:
        conn.execute(meta.insert().values(key=VERSION_KEY, value=str(SCHEMA_VERSION)))
    elif found != str(SCHEMA_VERSION):
        conn.execute(update(meta).where(meta.c.key == VERSION_KEY).values(value=str(SCHEMA_VERSION)))


def stored_version(conn: Connection) -> str | None:
    """The database's schema version as written; None for an empty database.

    A ``reviews`` table without ``balju_meta`` can only be the first version's (every later one
    writes the version with its tables).
    """
    inspector = inspect(conn)
    if inspector.has_table(MetaRow.__tablename__):
        meta = MetaRow.__table__
        value = conn.scalar(select(meta.c.value).where(meta.c.key == VERSION_KEY))
        if value is not None:
            return str(value)
    return "1" if inspector.has_table(ReviewRow.__tablename__) else None


def _steps_from(found: str, shown_url: str) -> range:
    """The upgrade steps from version ``found``; a newer or unknown version is refused."""
    version = int(found) if found.isdigit() else None
    if version is None or not 1 <= version < SCHEMA_VERSION:
        raise InputError(
            f"이 데이터베이스는 다른 판의 balju가 만들었습니다 (schema {found}, this balju {SCHEMA_VERSION}).",
            file=shown_url,
            fix="새 데이터베이스 파일을 쓰거나(--db, BALJU_DB) 그 판의 balju를 쓰세요.",
        )
    return range(version, SCHEMA_VERSION)


def _v1_to_v2(conn: Connection) -> None:
    """1 → 2: reviews gain ``parent_id`` (수정 원본) and ``function_list`` (고친 기능 목록); the
    ``documents`` table is made by ``create_all`` after the steps."""
    reviews = ReviewRow.__table__
    _add_columns(conn, reviews, ("parent_id", "function_list"))
    for index in reviews.indexes:
        if [column.name for column in index.columns] == ["parent_id"]:
            index.create(conn, checkfirst=True)


def _v2_to_v3(conn: Connection) -> None:
    """2 → 3: reviews gain ``created_by`` (올린 사람); the ``users`` and ``audit`` tables are made by
    ``create_all`` after the steps."""
    _add_columns(conn, ReviewRow.__table__, ("created_by",))


def _add_columns(conn: Connection, table, names: tuple[str, ...], defaults: dict[str, str] | None = None) -> None:
    """ALTER TABLE … ADD COLUMN for each of ``names`` the table does not have yet (``defaults``: the
    SQL literal the existing rows get)."""
    present = {column["name"] for column in inspect(conn).get_columns(table.name)}
    for name in names:
        if name not in present:
            kind = table.c[name].type.compile(dialect=conn.dialect)
            default = f" NOT NULL DEFAULT {defaults[name]}" if defaults and name in defaults else ""
            conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}{default}"))


def _v3_to_v4(conn: Connection) -> None:
    """3 → 4: users gain ``role`` (편집 editor / 열람 viewer; every existing user is an editor). A
    database coming from version 2 has no ``users`` yet: ``create_all`` makes it with the column."""
    if inspect(conn).has_table(UserRow.__tablename__):
        _add_columns(conn, UserRow.__table__, ("role",), defaults={"role": "'editor'"})


REBUILT = f"{ReviewRow.__tablename__}_new"
"""The name the reviews table is made under during the 4 → 5 rebuild on SQLite."""


def _v4_to_v5(conn: Connection) -> None:
    """4 → 5: on SQLite, the reviews table is made again with AUTOINCREMENT and its rows copied over,
    so a deleted last review's number is never given to another (SQLite cannot add it in place).
    PostgreSQL's sequences never reuse a number: nothing to do there.

    The old table stays until the new one is full: a rebuild cut short (SQLite commits DDL at once)
    leaves either the old table and a partial ``reviews_new``, which is made again, or only a full
    ``reviews_new``, which ``finish_rebuild`` names ``reviews`` before anything else is run."""
    if conn.dialect.name != "sqlite":
        return
    table = ReviewRow.__table__
    made = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table.name,)).scalar()
    if made and "AUTOINCREMENT" in made.upper():
        return
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {REBUILT}")
    create = str(CreateTable(table).compile(dialect=conn.dialect))
    conn.exec_driver_sql(create.replace(f"CREATE TABLE {table.name} ", f"CREATE TABLE {REBUILT} ", 1))
    names = ", ".join(f'"{column.name}"' for column in table.columns)
    conn.exec_driver_sql(f"INSERT INTO {REBUILT} ({names}) SELECT {names} FROM {table.name}")
    conn.exec_driver_sql(f"DROP TABLE {table.name}")  # its indexes go with it
    finish_rebuild(conn)


def finish_rebuild(conn: Connection) -> None:
    """A full ``reviews_new`` without ``reviews`` (a 4 → 5 rebuild cut short after the old table was
    dropped) becomes ``reviews`` again, with its indexes."""
    if conn.dialect.name != "sqlite":
        return
    inspector = inspect(conn)
    table = ReviewRow.__table__
    if inspector.has_table(REBUILT) and not inspector.has_table(table.name):
        conn.exec_driver_sql(f"ALTER TABLE {REBUILT} RENAME TO {table.name}")
        present = {column["name"] for column in inspect(conn).get_columns(table.name)}
        for index in table.indexes:
            if {column.name for column in index.columns} <= present:  # a later step adds the others
                index.create(conn, checkfirst=True)


STEPS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}
"""version → the step that makes it version + 1."""
