"""Kept RFP files (documents) and corrected reviews (parent_id, function_list), on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from balju.errors import InputError
from balju.store.models import DocumentRow

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_rfp.hwp"


@pytest.fixture(scope="module")
def rfp() -> bytes:
    return SAMPLE.read_bytes()


def for_file(review: dict, content: bytes, name: str = "sample_rfp.hwp") -> dict:
    """The fixture review as if it were the review of ``content`` (its source names the file)."""
    copied = copy.deepcopy(review)
    copied["source"].update(file=name, sha256=hashlib.sha256(content).hexdigest(), bytes=len(content))
    return copied


def test_a_document_is_kept_once_by_content(store, rfp):
    sha = store.save_document("체육시설.hwp", rfp)
    # the key is the SHA-256 of the bytes (what `sha256sum examples/sample_rfp.hwp` prints)
    assert sha == "45297c894f81cc8b431223bd18bfeec945b22bb7ac0f004802e406db8e160b90"
    assert store.save_document("다른 이름.hwp", rfp) == sha  # same content: kept once, first name stays
    assert store.get_document(sha) == ("체육시설.hwp", rfp)
    assert store.has_document(sha) is True
    assert store.get_document("0" * 64) is None
    assert store.has_document("0" * 64) is False and store.has_document(None) is False
    with store.engine.connect() as conn:
        count, size = conn.execute(select(func.count(), func.sum(DocumentRow.size))).one()
    assert (count, int(size)) == (1, SAMPLE.stat().st_size)  # one row, its size as the file system has it


def test_a_review_keeps_its_file_in_the_same_save(store, review, rfp):
    data = for_file(review, rfp)
    rid = store.save_review(data, document=rfp)
    assert store.get_review(rid) == data
    assert store.get_document(data["source"]["sha256"]) == ("sample_rfp.hwp", rfp)


def test_a_document_that_is_not_the_reviewed_file_is_refused_and_nothing_saved(store, review, rfp):
    data = for_file(review, rfp)
    with pytest.raises(InputError, match="검토한 파일과 다릅니다"):
        store.save_review(data, document=rfp + b"\x00")
    assert store.count_reviews() == 0
    assert not store.has_document(hashlib.sha256(rfp + b"\x00").hexdigest())
    assert not store.has_document(data["source"]["sha256"])


def test_a_document_goes_with_its_last_review(store, review, rfp):
    data = for_file(review, rfp)
    sha = data["source"]["sha256"]
    first = store.save_review(data, document=rfp)
    second = store.save_review(data)  # a later review of the same content (as `balju batch` saves it)
    other = store.save_document("따로.pdf", b"%PDF-1.4 another file")
    without_file = store.save_review(review)  # the fixture names a file whose bytes were never kept
    assert store.delete_review(first) is True
    assert store.has_document(sha)  # the second review still uses it
    assert store.delete_review(second) is True
    assert not store.has_document(sha)  # no review uses it any more
    assert store.has_document(other)  # kept by save_document alone: no review of it was deleted
    assert store.delete_review(without_file) is True and store.delete_review(without_file) is False


def test_a_corrected_review_links_its_parent_and_keeps_the_persons_list(store, review, rfp):
    data = for_file(review, rfp)
    parent = store.save_review(data, document=rfp)
    corrected = copy.deepcopy(data)
    corrected["function_source"] = "corrected"
    listed = [
        {"name": "회원정보", "type": "ILF", "det": 9, "ret": 1, "requirement_id": "SFR-001", "note": "잠금 항목 제외"},
        {"name": "회원 가입", "type": "EI", "det": 11, "ftr": 1, "evidence": "아이디, 비밀번호, 성명"},
    ]
    child = store.save_review(corrected, parent_id=parent, function_list=listed)
    assert store.get_summary(child).parent_id == parent
    assert store.get_summary(parent).parent_id is None
    assert [(s.id, s.parent_id) for s in store.list_reviews()] == [(child, parent), (parent, None)]
    assert store.get_function_list(child) == listed
    assert store.get_function_list(parent) is None  # a proposal: no list of a person's
    assert store.get_function_list(child + 100) is None
    again = store.save_review(corrected, parent_id=parent, function_list=listed[:1])
    assert store.corrections_of(parent) == [again, child] and store.corrections_of(child) == []
    # deleting the parent keeps the child, its link (as history) and the shared RFP file
    assert store.delete_review(parent)
    assert store.get_summary(child).parent_id == parent
    assert store.has_document(data["source"]["sha256"])
