"""The line that says which stored review a report was written from (View.saved_note)."""

from __future__ import annotations

import pytest

from balju.report.view import build


@pytest.mark.parametrize(("saved", "note"), [
    (None, None),
    ({}, None),
    ("#3", None),
    ({"id": 3}, "저장 검토 #3"),
    ({"id": 3, "created_by": "홍길동"}, "저장 검토 #3 · 올린 사람 홍길동"),
    ({"id": 4, "parent_id": 3, "created_by": "김감사"}, "저장 검토 #4 (#3을 고쳐 다시 산정) · 고친 사람 김감사"),
    ({"id": 4, "parent_id": 3, "created_by": None}, "저장 검토 #4 (#3을 고쳐 다시 산정)"),
])
def test_saved_note(review, saved, note):
    assert build({**review, "saved": saved}).saved_note == note
