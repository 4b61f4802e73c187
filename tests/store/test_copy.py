"""Copying a whole store to another database (balju store copy): a real SQLite file to a real
PostgreSQL database and back, with every kind of row a team's store holds."""

from __future__ import annotations

import hashlib
import itertools

import pytest
from sqlalchemy import create_engine, text

from balju.cli import main
from balju.errors import InputError
from balju.store import Store
from balju.store.copy import copy_store, counts

_names = itertools.count(1)


@pytest.fixture
def empty_pg(postgres_url) -> str:
    """A new, empty database in the session's PostgreSQL cluster."""
    name = f"balju_copy_{next(_names)}"
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def filled(tmp_path, review) -> tuple[str, dict]:
    """A SQLite store as a team leaves it: a review with its kept file, a correction by a user, a
    failure, an editor, a disabled viewer, audit lines and the login secret."""
    url = f"sqlite:///{tmp_path / 'team.db'}"
    content = b"RFP bytes " * 1000
    review = {**review, "source": {**review["source"], "sha256": hashlib.sha256(content).hexdigest()}}
    facts: dict = {"review": review, "content": content}
    with Store(url) as store:
        facts["token"] = store.accounts.add("홍길동")
        viewer = store.accounts.add("김감사", role="viewer")
        store.accounts.disable("김감사")
        facts["viewer_token"] = viewer
        first = store.save_review(review, document=content, created_by="홍길동")
        store.delete_review(store.save_review(review))  # a gap in the numbers
        facts["child"] = store.save_review(review, parent_id=first, created_by="홍길동",
                                           function_list=[{"name": "회원정보", "type": "ILF", "det": 9}])
        facts["first"] = first
        store.delete_review(store.save_review(review))  # the newest deleted: its number stays used
        store.record_failure("깨진.hwp", "a" * 64, "HWP 파일을 열 수 없습니다")
        store.accounts.record("upload", "홍길동", first, "sample_rfp.hwp")
        store.accounts.record("correct", "홍길동", facts["child"], f"#{first}에서")
        facts["secret"] = store.accounts.session_secret()
    return url, facts


def check_copy(url: str, facts: dict) -> None:
    review = facts["review"]
    with Store(url) as store:
        assert counts(store) == {"users": 2, "reviews": 2, "failures": 1, "documents": 1, "audit": 2}
        assert store.get_review(facts["first"]) == review
        child = store.get_summary(facts["child"])
        assert (child.parent_id, child.created_by) == (facts["first"], "홍길동")
        assert store.get_function_list(facts["child"]) == [{"name": "회원정보", "type": "ILF", "det": 9}]
        assert store.get_document(review["source"]["sha256"]) == ("sample_rfp.hwp", facts["content"])
        assert store.accounts.user_for_token(facts["token"]) == "홍길동"
        assert store.accounts.user_for_token(facts["viewer_token"]) is None  # still disabled
        assert [(u.name, u.role, u.active) for u in store.accounts.list()] == [
            ("김감사", "viewer", False), ("홍길동", "editor", True)]
        assert [(e.action, e.review_id) for e in store.accounts.audit()] == [
            ("correct", facts["child"]), ("upload", facts["first"])]
        assert store.accounts.session_secret() == facts["secret"]  # logins made before stay valid
        assert [f.file_name for f in store.list_failures()] == ["깨진.hwp"]
        # the next review takes a new number: not a copied one, nor the one deleted before the copy
        assert store.save_review(review) == facts["child"] + 2
        assert store.accounts.record("delete", None, facts["first"]) > 2


def test_sqlite_to_postgresql_and_back(filled, empty_pg, review, tmp_path):
    url, facts = filled
    with Store(url) as source, Store(empty_pg) as target:
        assert copy_store(source, target) == {"users": 2, "reviews": 2, "failures": 1, "documents": 1, "audit": 2}
    with Store(url) as source:
        assert counts(source)["reviews"] == 2  # the source is only read
    back = f"sqlite:///{tmp_path / 'back.db'}"
    with Store(empty_pg) as source, Store(back) as target:
        copy_store(source, target)
    check_copy(empty_pg, facts)
    check_copy(back, facts)


def test_a_target_that_is_not_empty_or_the_same_is_refused(filled, tmp_path, review):
    url, _facts = filled
    other = f"sqlite:///{tmp_path / 'other.db'}"
    with Store(other) as store:
        store.save_review(review)
    with Store(url) as source, Store(other) as target:
        with pytest.raises(InputError, match="비어 있지 않습니다 \\(검토 1건\\)"):
            copy_store(source, target)
        with pytest.raises(InputError, match="같은 데이터베이스"):
            copy_store(source, source)


def test_a_copy_cut_short_leaves_the_target_empty(filled, tmp_path, monkeypatch):
    import balju.store.copy as copying
    from balju.store.models import AuditRow

    url, _facts = filled
    target_url = f"sqlite:///{tmp_path / 'half.db'}"
    real_insert = copying.insert

    def failing_insert(table):
        if table is AuditRow.__table__:
            raise RuntimeError("the disk filled up")
        return real_insert(table)

    monkeypatch.setattr(copying, "insert", failing_insert)
    with Store(url) as source, Store(target_url) as target:
        with pytest.raises(RuntimeError):
            copy_store(source, target)
        assert set(counts(target).values()) == {0}  # one transaction: nothing half-copied


def test_the_command(filled, tmp_path, capsys):
    url, _facts = filled
    target = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["store", "copy", url, target]) == 0
    out = capsys.readouterr().out
    assert "옮겼습니다" in out and "검토: 2" in out and "보관한 제안요청서: 1" in out
    assert main(["store", "info", "--db", target, "--json"]) == 0
    assert '"reviews": 2' in capsys.readouterr().out
    assert main(["store", "copy", url, target]) == 2
    assert "비어 있지 않습니다" in capsys.readouterr().err
