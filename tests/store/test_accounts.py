"""Users and the audit log (balju.store.accounts) on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import hashlib
import re

import pytest

from balju.errors import InputError
from balju.store import Store


def test_a_user_gets_a_token_shown_once_and_kept_as_its_sha256(store):
    token = store.accounts.add("  홍길동 ")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 random bytes, URL-safe
    assert store.accounts.user_for_token(token) == "홍길동"
    assert store.accounts.user_for_token(f"  {token}\n") == "홍길동"  # as pasted from a file
    assert store.accounts.user_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert store.accounts.user_for_token("") is None
    from balju.store.models import UserRow

    with store.engine.connect() as conn:
        [(kept,)] = conn.execute(UserRow.__table__.select().with_only_columns(UserRow.__table__.c.token_sha256))
    assert kept == hashlib.sha256(token.encode()).hexdigest() and token not in kept
    [user] = store.accounts.list()
    assert (user.name, user.active) == ("홍길동", True) and user.created_at.tzinfo is not None


def test_names_are_unique_and_checked(store):
    store.accounts.add("김감사")
    with pytest.raises(InputError, match="이미 있습니다") as exists:
        store.accounts.add("김감사")
    assert "balju users reset 김감사" in exists.value.fix
    for bad in ("", "   ", "가" * 61, "줄\n바꿈"):
        with pytest.raises(InputError, match="쓸 수 없습니다"):
            store.accounts.add(bad)
    assert [u.name for u in store.accounts.list()] == ["김감사"]


def test_reset_replaces_the_token_and_disable_stops_it(store):
    first = store.accounts.add("이컨설")
    second = store.accounts.reset("이컨설")
    assert store.accounts.user_for_token(first) is None and store.accounts.user_for_token(second) == "이컨설"
    store.accounts.disable("이컨설")
    assert store.accounts.user_for_token(second) is None and not store.accounts.is_active("이컨설")
    assert store.accounts.count_active() == 0
    [user] = store.accounts.list()
    assert not user.active and user.disabled_at >= user.created_at
    third = store.accounts.reset("이컨설")  # a reset enables again, with a new token
    assert store.accounts.user_for_token(third) == "이컨설" and store.accounts.is_active("이컨설")
    for call in (store.accounts.reset, store.accounts.disable):
        with pytest.raises(InputError, match="없습니다"):
            call("없는사람")


def test_the_session_secret_is_made_once_and_kept(store):
    secret = store.accounts.session_secret()
    assert len(secret) == 43 and store.accounts.session_secret() == secret
    with Store(store.url) as again:  # another process opening the same database
        assert again.accounts.session_secret() == secret


def test_the_audit_log_newest_first_by_user_and_review(store, review):
    rid = store.save_review(review, created_by="홍길동")
    assert store.get_summary(rid).created_by == "홍길동"
    store.accounts.record("upload", "홍길동", rid, "sample_rfp.hwp")
    store.accounts.record("correct", "김감사", rid + 1, f"#{rid}에서 화면으로 고침")
    store.accounts.record("delete", None, rid, "sample_rfp.hwp")
    entries = store.accounts.audit()
    assert [(e.action, e.action_ko, e.user_name, e.review_id) for e in entries] == [
        ("delete", "지우기", None, rid), ("correct", "다시 산정", "김감사", rid + 1), ("upload", "올리기", "홍길동", rid)]
    assert [e.action for e in store.accounts.audit(user="홍길동")] == ["upload"]
    assert [e.action for e in store.accounts.audit(review_id=rid)] == ["delete", "upload"]
    assert store.accounts.count_audit() == 3 and store.accounts.count_audit(review_id=rid) == 2
    assert [e.action for e in store.accounts.audit(limit=1, offset=1)] == ["correct"]
    assert entries[0].at.tzinfo is not None


def test_roles_editor_by_default_viewer_when_asked(store):
    store.accounts.add("홍길동")
    store.accounts.add("김감사", role="열람")  # the Korean word works too
    assert [(u.name, u.role, u.role_ko) for u in store.accounts.list()] == [
        ("김감사", "viewer", "열람"), ("홍길동", "editor", "편집")]
    assert store.accounts.set_role("김감사", "EDITOR") == "editor" and store.accounts.role_of("김감사") == "editor"
    store.accounts.disable("홍길동")
    assert store.accounts.role_of("홍길동") is None and store.accounts.role_of("없는사람") is None
    with pytest.raises(InputError, match="역할 'admin'을\\(를\\) 모릅니다"):
        store.accounts.add("박관리", role="admin")
    with pytest.raises(InputError, match="없습니다"):
        store.accounts.set_role("없는사람", "viewer")


def test_last_seen_is_each_users_latest_audit_line(store):
    store.accounts.add("홍길동")
    store.accounts.add("김감사")
    first = store.accounts.record("login", "홍길동")
    store.accounts.record("upload", "홍길동", 1)
    store.accounts.record("login", None)  # the shared token: no name
    seen = store.accounts.last_seen()
    assert set(seen) == {"홍길동"}  # 김감사 has done nothing yet
    [latest] = [e for e in store.accounts.audit() if e.action == "upload"]
    assert seen["홍길동"] == latest.at and first < latest.id
