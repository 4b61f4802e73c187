"""The function list of a stored review (저장된 검토의 기능 목록), as ``balju.functions.listfile`` reads it.

A review re-priced from a person's list hands back that list in full (DET, RET, FTR and 비고
included, which the review dict does not keep: ``Store.get_function_list``); any other review gives
the functions its dict records.
"""

from __future__ import annotations

from typing import Any

from balju.functions.listfile import FIELDS
from balju.functions.model import Function

DICT_FIELDS = ("name", "type", "requirement_id", "evidence", "confidence")
"""The columns of the list that a review dict's ``functions`` keep (docs/review-json.md)."""


def stored_functions(store: Any, review_id: int, data: dict[str, Any] | None = None) -> list[Function]:
    """The review's functions (``data``: its dict, when already read). Blocking: a store read."""
    if data is None:
        # only the two lists, not the whole review (a review's JSON is mostly its findings and text)
        records, listed = store.get_functions(review_id)
    else:
        records, listed = store.get_function_list(review_id), data.get("functions") or []
    if records is None:
        records = [{key: item.get(key) for key in DICT_FIELDS} for item in listed]
    return [_function(record, FIELDS) for record in records]


def _function(record: dict[str, Any], fields: tuple[str, ...]) -> Function:
    return Function(**{key: record.get(key) for key in fields})


def stored_left_out(data: dict[str, Any]) -> list[Function]:
    """The candidates a proposal left out for their low 신뢰도 (빼 둔 후보, ``left_out_functions`` of
    the review dict, identifier v6); none for a person's list or a review made before v6."""
    if data.get("function_source") != "proposal":
        return []
    listed = data.get("left_out_functions") or []
    return [_function(item, DICT_FIELDS) for item in listed if isinstance(item, dict)]


def stored_changes(store: Any, before_id: int, after_id: int, after_data: dict[str, Any] | None = None) -> list[Any]:
    """What changed from one stored review's functions to another's (``balju.functions.compare``);
    ``after_data``: the second review's dict, when already read. Blocking: store reads."""
    from balju.functions.compare import compare

    return compare(stored_functions(store, before_id), stored_functions(store, after_id, after_data))


NOT_LISTED = "고친 목록이 저장되어 있지 않습니다"
NOT_KEPT = "원본 파일이 보관되어 있지 않습니다"


def labelled_review(store: Any, summary: Any) -> tuple[Any, list[Function]] | str:
    """A corrected review (``summary``: its ``ReviewSummary``) as a labelled RFP and what today's
    identifier proposes for its kept RFP (``balju.functions.corrections.labelled_from``); or, when it
    cannot be one, the Korean reason (no person's list, or the RFP file not kept). Blocking: it
    reads the RFP again."""
    from balju.functions.corrections import labelled_from

    listed = store.get_function_list(summary.id)
    kept = store.get_document(summary.sha256) if summary.sha256 else None
    if not listed:
        return NOT_LISTED
    if kept is None:
        return NOT_KEPT
    return labelled_from(store.get_review(summary.id) or {}, listed, kept[0], kept[1])
