"""balju.store on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from balju.errors import InputError
from balju.store import Store, database_url


def test_database_url_choice(monkeypatch):
    monkeypatch.delenv("BALJU_DB", raising=False)
    assert database_url() == "sqlite:///balju.db"
    assert database_url("out/x.db") == "sqlite:///out/x.db"
    monkeypatch.setenv("BALJU_DB", "postgresql+psycopg://u@h:5432/d")
    assert database_url() == "postgresql+psycopg://u@h:5432/d"
    assert database_url("sqlite:///a.db") == "sqlite:///a.db"


def test_a_saved_review_comes_back_whole_with_its_headline_figures(store, review):
    rid = store.save_review(review)
    assert store.get_review(rid) == review
    [summary] = store.list_reviews()
    # the fixture's figures (written by hand, tests/report/fixtures/make_review.py): 40 functions of
    # 191.9 FP, budget 330,000,000원 against a guide price of 221,274,805원 (+49.1%), 3 errors,
    # 7 warnings and 4 notes
    assert (summary.id, summary.file_name, summary.format) == (rid, "sample_rfp.hwp", "hwp")
    assert summary.project_name == "가상시 시민 체육시설 예약관리시스템 구축 사업"
    assert summary.agency == "가상시청 체육진흥과"
    assert summary.as_of == dt.date(2026, 11, 1)
    assert (summary.stated_budget, summary.guide_price) == (330_000_000, 221_274_805)
    assert (summary.fp_total, summary.function_count) == (Decimal("191.9"), 40)
    assert (summary.verdict, summary.verdict_ko, summary.gap_percent) == ("above_range", "충분 (산정 범위보다 많음)", 49.1)
    assert (summary.errors, summary.warnings, summary.infos) == (3, 7, 4)
    assert summary.created_at.tzinfo is not None
    assert abs(dt.datetime.now(dt.timezone.utc) - summary.created_at) < dt.timedelta(minutes=5)


def test_list_search_paging_and_delete(store, review):
    ids = []
    for i, (name, agency) in enumerate([("도서관 좌석 예약", "가상구청"), ("체육관 대관 시스템", "나라시"), ("100%_할인 관리", "다도군")]):
        r = copy.deepcopy(review)
        r["facts"]["project_name"]["value"] = name
        r["facts"]["agency"]["value"] = agency
        r["source"]["file"] = f"rfp{i}.hwp"
        r["source"]["sha256"] = f"{i:064d}"
        ids.append(store.save_review(r))
    assert [s.id for s in store.list_reviews()] == ids[::-1]  # newest first
    assert [s.id for s in store.list_reviews(limit=1, offset=1)] == [ids[1]]
    assert [s.project_name for s in store.list_reviews(search="체육")] == ["체육관 대관 시스템"]
    assert [s.id for s in store.list_reviews(search="가상")] == [ids[0]]  # 기관 '가상구청'
    assert [s.id for s in store.list_reviews(search="RFP2")] == [ids[2]]  # file name, any case
    # '%' and '_' are letters, not patterns
    assert [s.id for s in store.list_reviews(search="100%_")] == [ids[2]]
    assert store.count_reviews("%") == 1 and store.count_reviews() == 3
    assert store.find_by_sha256(f"{1:064d}") == ids[1] and store.find_by_sha256("f" * 64) is None
    assert store.delete_review(ids[1]) is True and store.delete_review(ids[1]) is False
    assert store.get_review(ids[1]) is None and store.count_reviews() == 2


def test_find_by_sha256_gives_the_newest(store, review):
    first, second = store.save_review(review), store.save_review(review)
    assert second > first and store.find_by_sha256(review["source"]["sha256"]) == second


def test_failures_are_kept(store):
    fid = store.record_failure("깨진.hwp", "ab" * 32, "HWP 파일을 열 수 없습니다", where="BodyText/Section0", fix="한글에서 다시 저장하세요")
    [failure] = store.list_failures()
    assert (failure.id, failure.file_name, failure.message, failure.where, failure.fix) == (
        fid, "깨진.hwp", "HWP 파일을 열 수 없습니다", "BodyText/Section0", "한글에서 다시 저장하세요")


def test_not_a_review_is_refused_and_nothing_is_saved(store):
    with pytest.raises(InputError, match="검토 결과가 아닙니다"):
        store.save_review({"facts": {}})
    assert store.count_reviews() == 0


def test_bad_urls_give_korean_messages(tmp_path):
    with pytest.raises(InputError, match="데이터베이스 주소를 읽을 수 없습니다"):
        Store("postgresql+psycopg://user@host:notaport/db")
    with pytest.raises(InputError, match="쓸 수 없습니다"):
        Store("oracle+nosuchdriver://u@h/d")


def test_an_unreachable_server_names_it_without_the_password(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError) as caught:
        Store(f"postgresql+psycopg://balju:secret@127.0.0.1:{port}/balju")
    error = caught.value
    assert "데이터베이스를 쓰지 못했습니다" in error.message
    assert "secret" not in str(error) and f"127.0.0.1:{port}" in (error.file or "")


def test_a_database_of_another_schema_is_refused_and_left_alone(tmp_path, review):
    path = tmp_path / "old.db"
    with Store(str(path)) as s:
        s.save_review(review)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE balju_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(InputError, match="schema 99"):
        Store(str(path))
    with sqlite3.connect(path) as conn:  # the saved review is still there
        assert conn.execute("SELECT count(*) FROM reviews").fetchone() == (1,)


def test_a_read_only_database_reports_instead_of_losing_data(tmp_path, review):
    path = tmp_path / "ro.db"
    with Store(str(path)) as s:
        s.save_review(review)
    # opened read-only (as a shared copy on a read-only disk would be): reading works, saving
    # says why it failed, and the saved review stays
    with Store(f"sqlite:///file:{path}?mode=ro&uri=true") as s:
        assert s.count_reviews() == 1
        with pytest.raises(InputError, match="데이터베이스를 쓰지 못했습니다") as caught:
            s.save_review(review)
        assert "readonly" in caught.value.message
        assert s.count_reviews() == 1


def test_get_summary_is_the_list_row(store, review):
    rid = store.save_review(review)
    assert store.get_summary(rid) == store.list_reviews()[0]
    assert store.get_summary(rid + 1) is None


def test_summaries_and_failures_by_key(store, review):
    first, second = store.save_review(review), store.save_review(review)
    assert store.get_summaries([second, first, 9999]) == {first: store.get_summary(first), second: store.get_summary(second)}
    assert store.get_summaries([]) == {}
    older = store.record_failure("a.hwp", "c" * 64, "첫 실패")
    newer = store.record_failure("a.hwp", "c" * 64, "둘째 실패")
    assert store.find_failure_by_sha256("c" * 64).id == newer != older
    assert store.find_failure_by_sha256("d" * 64) is None


def test_iter_reviews_pages_filters_by_year_and_counts_each_file_once(store, review):
    def saved(sha: str, as_of: str, name: str) -> int:
        r = copy.deepcopy(review)
        r["source"]["sha256"], r["as_of"] = sha, as_of
        r["facts"]["project_name"]["value"] = name
        return store.save_review(r)

    a1 = saved("a" * 64, "2024-03-01", "가 사업")
    b = saved("b" * 64, "2024-12-31", "나 사업")
    c = saved("c" * 64, "2025-01-01", "다 사업")
    a2 = saved("a" * 64, "2024-05-01", "가 사업 (다시)")  # the same file reviewed again
    everything = [s.id for s, _r in store.iter_reviews(page=2)]  # pages of 2: all four, oldest first
    assert everything == [a1, b, c, a2]
    assert [s.id for s, _r in store.iter_reviews(year=2024, page=1)] == [a1, b, a2]
    assert [s.id for s, _r in store.iter_reviews(latest_per_file=True)] == [b, c, a2]
    assert [s.id for s, _r in store.iter_reviews(year=2024, latest_per_file=True, search="사업")] == [b, a2]
    summary, whole = next(store.iter_reviews(search="다 사업"))
    assert summary.id == c and whole["facts"]["project_name"]["value"] == "다 사업"


def test_the_function_lists_come_without_the_rest_of_the_review(store, review):
    rid = store.save_review(review)
    assert store.get_functions(rid) == (None, review["functions"])
    person = [{"name": "회원정보", "type": "ILF", "det": 9, "ret": 1}]
    child = store.save_review(review, parent_id=rid, function_list=person)
    assert store.get_functions(child) == (person, review["functions"])
    assert store.get_functions(999_999) == (None, [])


def test_a_deleted_newest_review_gives_its_number_to_no_other(store, review):
    # /reviews/12 and the audit log's #12 keep meaning one review (SQLite by AUTOINCREMENT, PostgreSQL by its sequence)
    first = store.save_review(review)
    second = store.save_review(review)
    assert store.delete_review(second)
    assert store.save_review(review) == second + 1 and first < second


def test_list_corrected_keeps_a_correction_whose_original_is_gone(store, review):
    original = store.save_review(review)
    fixed = store.save_review(review, parent_id=original, function_list=[{"name": "회원정보", "type": "ILF"}])
    store.save_review(review)  # not a correction
    assert store.delete_review(original)
    assert [s.id for s in store.list_corrected()] == [fixed]
    assert store.correction_pairs() == []  # the pairs need both sides; the labelled data does not
