"""A schema-2 database on a real PostgreSQL server (the raw DDL of commit 66eb31b, compiled for
PostgreSQL) upgraded in place to today's schema: teams keep their store on PostgreSQL, so the
upgrade steps (ALTER TABLE … ADD COLUMN, the new tables) must work there too."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect, text

from balju.store import Store

V2_POSTGRES = """
CREATE TABLE balju_meta ( key VARCHAR(40) NOT NULL, value VARCHAR(200) NOT NULL, PRIMARY KEY (key) );
CREATE TABLE documents ( sha256 VARCHAR(64) NOT NULL, file_name VARCHAR(500) NOT NULL, size BIGINT NOT NULL,
  data BYTEA NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (sha256) );
CREATE TABLE failures ( id SERIAL NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, file_name VARCHAR(500) NOT NULL,
  sha256 VARCHAR(64), message TEXT NOT NULL, "where" TEXT, fix TEXT, PRIMARY KEY (id) );
CREATE INDEX ix_failures_sha256 ON failures (sha256);
CREATE INDEX ix_failures_created_at ON failures (created_at);
CREATE TABLE reviews ( id SERIAL NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, file_name VARCHAR(500) NOT NULL,
  sha256 VARCHAR(64), format VARCHAR(10), project_name TEXT, agency TEXT, as_of DATE, stated_budget BIGINT,
  guide_price BIGINT, fp_total NUMERIC(14, 3), function_count INTEGER NOT NULL, verdict VARCHAR(40),
  verdict_ko VARCHAR(200), gap_percent FLOAT, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
  balju_version VARCHAR(40), review JSON NOT NULL, parent_id INTEGER, function_list JSON, PRIMARY KEY (id) );
CREATE INDEX ix_reviews_sha256 ON reviews (sha256);
CREATE INDEX ix_reviews_parent_id ON reviews (parent_id);
CREATE INDEX ix_reviews_created_at ON reviews (created_at);
INSERT INTO balju_meta (key, value) VALUES ('schema_version', '2');
"""


def test_a_version_2_postgresql_database_is_upgraded_in_place(postgres_url, review):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE balju_v2"))
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/balju_v2"
    old = create_engine(url)
    with old.begin() as conn:
        for statement in filter(str.strip, V2_POSTGRES.split(";")):
            conn.execute(text(statement))
        conn.execute(text(
            "INSERT INTO reviews (created_at, file_name, sha256, function_count, errors, warnings, infos, review)"
            " VALUES ('2026-11-20 01:02:03+00', 'sample_rfp.hwp', :sha, 40, 0, 9, 3, CAST(:review AS JSON))"),
            {"sha": review["source"]["sha256"], "review": json.dumps(review, ensure_ascii=False)})
    old.dispose()

    with Store(url) as store:
        [summary] = store.list_reviews()
        assert store.get_review(summary.id) == review and summary.created_by is None
        token = store.accounts.add("홍길동", role="viewer")
        assert (store.accounts.user_for_token(token), store.accounts.role_of("홍길동")) == ("홍길동", "viewer")
        made = store.save_review(review, created_by="홍길동")
        assert made == summary.id + 1 and store.get_summary(made).created_by == "홍길동"
        store.accounts.record("upload", "홍길동", made)
        columns = {c["name"] for c in inspect(store.engine).get_columns("reviews")}
        users = [c["name"] for c in inspect(store.engine).get_columns("users")]
        with store.engine.connect() as conn:
            version = conn.execute(text("SELECT value FROM balju_meta WHERE key = 'schema_version'")).scalar()
    assert "created_by" in columns and users[-1] == "role" and version == "5"
    with Store(url) as again:  # opening it again changes nothing
        assert again.count_reviews() == 2 and [e.action for e in again.accounts.audit()] == ["upload"]


V3_POSTGRES_USERS = """
CREATE TABLE users ( id SERIAL NOT NULL, name VARCHAR(60) NOT NULL, token_sha256 VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL, disabled_at TIMESTAMP WITH TIME ZONE, PRIMARY KEY (id),
  UNIQUE (name), UNIQUE (token_sha256) );
CREATE TABLE audit ( id SERIAL NOT NULL, at TIMESTAMP WITH TIME ZONE NOT NULL, user_name VARCHAR(60),
  action VARCHAR(20) NOT NULL, review_id INTEGER, detail TEXT, PRIMARY KEY (id) );
ALTER TABLE reviews ADD COLUMN created_by VARCHAR(60);
UPDATE balju_meta SET value = '3' WHERE key = 'schema_version';
INSERT INTO users (name, token_sha256, created_at) VALUES ('홍길동', :sha, '2026-12-02 17:00:00+00');
"""


def test_a_version_3_postgresql_database_keeps_its_users_as_editors(postgres_url):
    import hashlib

    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE balju_v3"))
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/balju_v3"
    token = "a-token-made-by-balju-users-add-at-v3"
    old = create_engine(url)
    with old.begin() as conn:
        for statement in filter(str.strip, (V2_POSTGRES + V3_POSTGRES_USERS).split(";")):
            conn.execute(text(statement), {"sha": hashlib.sha256(token.encode()).hexdigest()}
                         if ":sha" in statement else {})
    old.dispose()
    with Store(url) as store:
        [user] = store.accounts.list()
        assert (user.name, user.role, user.active) == ("홍길동", "editor", True)
        assert store.accounts.user_for_token(token) == "홍길동"
