"""Older databases upgraded in place on real SQLite files: schema 1 (as the first balju made it),
schema 2 (until user accounts came) and schema 3 (users without roles) to today's schema 5 (which
also makes SQLite's reviews table again, with AUTOINCREMENT).

The old tables are written here as the raw SQL those versions created (SQLAlchemy's DDL of the
models at commits c17d643, 66eb31b and 0c035b4, src/balju/store/models.py), not made by the current
code.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal

import pytest

from balju.errors import InputError
from balju.store import Store

V1_TABLES = """
CREATE TABLE balju_meta (
    "key" VARCHAR(40) NOT NULL, value VARCHAR(200) NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE failures (
    id INTEGER NOT NULL, created_at DATETIME NOT NULL, file_name VARCHAR(500) NOT NULL, sha256 VARCHAR(64),
    message TEXT NOT NULL, "where" TEXT, fix TEXT, PRIMARY KEY (id));
CREATE INDEX ix_failures_created_at ON failures (created_at);
CREATE INDEX ix_failures_sha256 ON failures (sha256);
CREATE TABLE reviews (
    id INTEGER NOT NULL, created_at DATETIME NOT NULL, file_name VARCHAR(500) NOT NULL, sha256 VARCHAR(64),
    format VARCHAR(10), project_name TEXT, agency TEXT, as_of DATE, stated_budget BIGINT, guide_price BIGINT,
    fp_total NUMERIC(14, 3), function_count INTEGER NOT NULL, verdict VARCHAR(40), verdict_ko VARCHAR(200),
    gap_percent FLOAT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
    balju_version VARCHAR(40), review JSON NOT NULL, PRIMARY KEY (id));
CREATE INDEX ix_reviews_sha256 ON reviews (sha256);
CREATE INDEX ix_reviews_created_at ON reviews (created_at);
INSERT INTO balju_meta ("key", value) VALUES ('schema_version', '1');
"""


def make_v1(path, review: dict) -> None:
    """A version-1 database with the fixture review and one failure, as the first balju saved them."""
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_TABLES)
        conn.execute(
            "INSERT INTO reviews (id, created_at, file_name, sha256, format, project_name, agency, as_of,"
            " stated_budget, guide_price, fp_total, function_count, verdict, verdict_ko, gap_percent,"
            " errors, warnings, infos, balju_version, review)"
            " VALUES (7, '2026-11-02 05:06:07.000000', 'sample_rfp.hwp', ?, 'hwp', ?, ?, '2026-11-01',"
            " 330000000, 221274805, 191.900, 40, 'above_range', ?, 49.1, 3, 7, 4, '0.1.0', ?)",
            (review["source"]["sha256"], review["facts"]["project_name"]["value"],
             review["facts"]["agency"]["value"], review["budget"]["verdict_ko"],
             json.dumps(review, ensure_ascii=False)),
        )
        conn.execute("INSERT INTO failures (id, created_at, file_name, message) VALUES"
                     " (1, '2026-11-02 05:06:08.000000', '깨진.hwp', 'HWP 파일을 열 수 없습니다')")
    conn.close()


def columns(path, table: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    conn.close()
    return names


def version(path) -> str:
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT value FROM balju_meta WHERE key = 'schema_version'").fetchone()[0]
    conn.close()
    return found


def test_a_version_1_database_is_upgraded_in_place_keeping_its_reviews(tmp_path, review):
    path = tmp_path / "v1.db"
    make_v1(path, review)
    assert "parent_id" not in columns(path, "reviews") and columns(path, "documents") == []

    with Store(str(path)) as store:
        assert store.get_review(7) == review
        summary = store.get_summary(7)
        assert (summary.file_name, summary.fp_total, summary.stated_budget, summary.parent_id) == (
            "sample_rfp.hwp", Decimal("191.9"), 330_000_000, None)
        assert summary.created_at == dt.datetime(2026, 11, 2, 5, 6, 7, tzinfo=dt.timezone.utc)
        assert [f.message for f in store.list_failures()] == ["HWP 파일을 열 수 없습니다"]
        # the version-2 parts work on the upgraded file
        kept = store.save_document("체육시설.hwp", b"HWP bytes")
        child = store.save_review(review, parent_id=7, function_list=[{"name": "회원정보", "type": "ILF"}])
        assert store.get_document(kept) == ("체육시설.hwp", b"HWP bytes")
        assert store.get_summary(child).parent_id == 7 and child > 7
        assert store.get_function_list(child) == [{"name": "회원정보", "type": "ILF"}]

    assert version(path) == "5"
    assert {"parent_id", "function_list", "created_by"} <= set(columns(path, "reviews"))
    assert columns(path, "documents") == ["sha256", "file_name", "size", "data", "created_at"]
    with sqlite3.connect(path) as conn:
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(reviews)")}
    conn.close()
    assert "ix_reviews_parent_id" in indexes
    with Store(str(path)) as again:  # opening an upgraded file again changes nothing
        assert again.count_reviews() == 2 and again.get_review(7) == review


def test_an_upgrade_cut_short_is_finished_on_the_next_open(tmp_path, review):
    # SQLite commits DDL at once: a crash after the first new column leaves version '1' with it
    path = tmp_path / "half.db"
    make_v1(path, review)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE reviews ADD COLUMN parent_id INTEGER")
    conn.close()
    with Store(str(path)) as store:
        assert store.get_review(7) == review
        assert store.get_function_list(7) is None
    assert version(path) == "5" and "function_list" in columns(path, "reviews")


@pytest.mark.parametrize("stored", ["6", "0", "둘"])
def test_a_newer_or_unknown_version_is_refused_and_left_alone(tmp_path, review, stored):
    path = tmp_path / "other.db"
    make_v1(path, review)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE balju_meta SET value = ? WHERE key = 'schema_version'", (stored,))
    conn.close()
    with pytest.raises(InputError, match=f"schema {stored}, this balju 5"):
        Store(str(path))
    assert version(path) == stored and "parent_id" not in columns(path, "reviews")
    assert columns(path, "documents") == []  # not even the new table was made


V2_TABLES = """
CREATE TABLE balju_meta ("key" VARCHAR(40) NOT NULL, value VARCHAR(200) NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE documents (
    sha256 VARCHAR(64) NOT NULL, file_name VARCHAR(500) NOT NULL, size BIGINT NOT NULL, data BLOB NOT NULL,
    created_at DATETIME NOT NULL, PRIMARY KEY (sha256));
CREATE TABLE failures (
    id INTEGER NOT NULL, created_at DATETIME NOT NULL, file_name VARCHAR(500) NOT NULL, sha256 VARCHAR(64),
    message TEXT NOT NULL, "where" TEXT, fix TEXT, PRIMARY KEY (id));
CREATE INDEX ix_failures_created_at ON failures (created_at);
CREATE INDEX ix_failures_sha256 ON failures (sha256);
CREATE TABLE reviews (
    id INTEGER NOT NULL, created_at DATETIME NOT NULL, file_name VARCHAR(500) NOT NULL, sha256 VARCHAR(64),
    format VARCHAR(10), project_name TEXT, agency TEXT, as_of DATE, stated_budget BIGINT, guide_price BIGINT,
    fp_total NUMERIC(14, 3), function_count INTEGER NOT NULL, verdict VARCHAR(40), verdict_ko VARCHAR(200),
    gap_percent FLOAT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
    balju_version VARCHAR(40), review JSON NOT NULL, parent_id INTEGER, function_list JSON, PRIMARY KEY (id));
CREATE INDEX ix_reviews_created_at ON reviews (created_at);
CREATE INDEX ix_reviews_parent_id ON reviews (parent_id);
CREATE INDEX ix_reviews_sha256 ON reviews (sha256);
INSERT INTO balju_meta ("key", value) VALUES ('schema_version', '2');
"""


def test_a_version_2_database_gains_users_and_the_audit_log(tmp_path, review):
    path = tmp_path / "v2.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(V2_TABLES)
        conn.execute(
            "INSERT INTO reviews (id, created_at, file_name, sha256, function_count, errors, warnings, infos,"
            " review, parent_id, function_list) VALUES (3, '2026-11-20 01:02:03.000000', 'sample_rfp.hwp', ?,"
            " 40, 0, 9, 3, ?, NULL, NULL)",
            (review["source"]["sha256"], json.dumps(review, ensure_ascii=False)))
        conn.execute("INSERT INTO documents VALUES (?, 'sample_rfp.hwp', 9, X'485750206279746573', '2026-11-20')",
                     (review["source"]["sha256"],))
    conn.close()
    assert "created_by" not in columns(path, "reviews") and columns(path, "users") == []

    with Store(str(path)) as store:
        assert store.get_review(3) == review and store.get_summary(3).created_by is None
        assert store.get_document(review["source"]["sha256"]) == ("sample_rfp.hwp", b"HWP bytes")
        token = store.accounts.add("홍길동")
        assert store.accounts.user_for_token(token) == "홍길동"
        made = store.save_review(review, created_by="홍길동")
        store.accounts.record("upload", "홍길동", made, "sample_rfp.hwp")
        assert store.get_summary(made).created_by == "홍길동"
        assert [(e.user_name, e.action, e.review_id) for e in store.accounts.audit()] == [("홍길동", "upload", made)]

    assert version(path) == "5" and "created_by" in columns(path, "reviews")
    assert columns(path, "users") == ["id", "name", "token_sha256", "created_at", "disabled_at", "role"]
    with sqlite3.connect(path) as conn:
        made = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'reviews'").fetchone()[0]
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(reviews)")}
    conn.close()
    assert "AUTOINCREMENT" in made and {"ix_reviews_sha256", "ix_reviews_parent_id", "ix_reviews_created_at"} <= indexes
    with Store(str(path)) as store:
        # the newest review deleted, the next one takes a new number, never its
        newest = max(r.id for r in store.list_reviews())
        assert store.delete_review(newest) and store.save_review(review) == newest + 1
        assert store.get_review(3) == review
    assert columns(path, "audit") == ["id", "at", "user_name", "action", "review_id", "detail"]


V3_USERS = """
CREATE TABLE users (
    id INTEGER NOT NULL, name VARCHAR(60) NOT NULL, token_sha256 VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL,
    disabled_at DATETIME, PRIMARY KEY (id), UNIQUE (name), UNIQUE (token_sha256));
CREATE TABLE audit (
    id INTEGER NOT NULL, at DATETIME NOT NULL, user_name VARCHAR(60), action VARCHAR(20) NOT NULL, review_id INTEGER,
    detail TEXT, PRIMARY KEY (id));
CREATE INDEX ix_audit_at ON audit (at);
CREATE INDEX ix_audit_review_id ON audit (review_id);
CREATE INDEX ix_audit_user_name ON audit (user_name);
ALTER TABLE reviews ADD COLUMN created_by VARCHAR(60);
UPDATE balju_meta SET value = '3' WHERE "key" = 'schema_version';
"""


def test_a_version_3_database_keeps_its_users_as_editors(tmp_path):
    import hashlib

    path = tmp_path / "v3.db"
    token = "a-token-made-by-balju-users-add-at-v3"
    with sqlite3.connect(path) as conn:
        conn.executescript(V2_TABLES + V3_USERS)
        conn.execute("INSERT INTO users (id, name, token_sha256, created_at) VALUES (1, '홍길동', ?, '2026-12-02 17:00:00')",
                     (hashlib.sha256(token.encode()).hexdigest(),))
    conn.close()
    with Store(str(path)) as store:
        [user] = store.accounts.list()
        assert (user.name, user.role, user.active) == ("홍길동", "editor", True)
        assert store.accounts.user_for_token(token) == "홍길동" and store.accounts.role_of("홍길동") == "editor"
        store.accounts.add("김감사", role="viewer")
        assert store.accounts.role_of("김감사") == "viewer"
    assert version(path) == "5" and columns(path, "users")[-1] == "role"


@pytest.mark.parametrize("cut", ["after the new table was filled", "after the old table was dropped"])
def test_a_rebuild_of_the_reviews_table_cut_short_is_finished(tmp_path, review, cut):
    # the 4 → 5 step makes reviews_new, fills it, drops reviews and renames reviews_new: SQLite commits
    # each statement at once, so a crash can leave either state, the version still the old one
    path = tmp_path / "cut.db"
    make_v1(path, review)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE reviews_new AS SELECT * FROM reviews")
        if cut == "after the old table was dropped":
            conn.execute("DROP TABLE reviews")
    conn.close()
    with Store(str(path)) as store:
        assert store.get_review(7) == review and store.count_reviews() == 1
    assert "reviews_new" not in tables(path) and version(path) == "5"
    with sqlite3.connect(path) as conn:
        assert "AUTOINCREMENT" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'reviews'").fetchone()[0]
    conn.close()


def tables(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    conn.close()
    return names
