"""Correcting the proposed functions (기능 목록 고치기): download the list, upload a corrected one, re-price.

balju's proposed functions are uncertain (docs/functions.md), so a person downloads a review's
functions as the editable list of ``balju.functions.listfile`` (XLSX, CSV or YAML, Korean columns),
corrects it, and uploads it. The kept RFP file (``Store.get_document``, keyed by the review's
``source.sha256``) is then reviewed again with that list and the same 기준일, and saved as a new
review linked to the one it came from (``parent_id``); the old review stays as it was. This is
``balju functions`` + ``balju review --functions`` of the command line, in the web app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, Sequence

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from balju.errors import BaljuError
from balju.fp import parse_method
from balju.functions.listfile import FIELDS, functions_from_rows, read_function_list, write_function_list
from balju.functions.model import Function
from balju.store import Store
from balju.web.audit import note
from balju.web.auth import user_of
from balju.web.downloads import MEDIA_TYPES
from balju.web.uploads import Upload, UploadProblem, receive, refuse_viewer, run_review, safe_name, saved, shown

LIST_FORMATS = {
    "xlsx": MEDIA_TYPES["xlsx"],
    "csv": "text/csv; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
}
"""기능 목록 파일 형식 → media type (what ``write_function_list`` writes)."""
LIST_ACCEPTED = ".xlsx,.csv,.yaml,.yml"
def list_records(functions: list[Function]) -> list[dict[str, Any]]:
    """The functions as the store keeps a person's list: the file's columns, empty ones left out."""
    kept = []
    for function in functions:
        values = dataclasses.asdict(function)
        kept.append({key: values[key] for key in FIELDS if values[key] is not None})
    return kept


def function_list_bytes(functions: list[Function], fmt: str, left_out: Sequence[Function] = ()) -> bytes:
    """The list written by ``write_function_list`` (``left_out`` marked 빼기) as bytes. Blocking: run
    it in a worker thread."""
    with tempfile.TemporaryDirectory(prefix="balju-functions-") as folder:
        return write_function_list(functions, Path(folder) / f"functions.{fmt}", left_out=left_out).read_bytes()


def function_list_name(data: dict[str, Any], review_id: int, fmt: str) -> str:
    """'사업_기능목록.xlsx': the reviewed file's stem and 기능목록."""
    source = str((data.get("source") or {}).get("file") or "")
    stem = Path(source).stem.strip() or f"review-{review_id}"
    return f"{stem}_기능목록.{fmt}"


def not_found(review_id: int) -> UploadProblem:
    return UploadProblem(404, f"{review_id}번 검토 결과가 없습니다 (review not found).",
                         fix="지워졌거나 번호가 틀렸습니다. 검토 목록에서 다시 찾아 주세요.")


def not_kept(data: dict[str, Any]) -> UploadProblem:
    """원본 미보관 (409): the review was saved without its RFP file, so it cannot be reviewed again."""
    return UploadProblem(
        409,
        "이 검토의 원본 제안요청서 파일은 보관되어 있지 않아 다시 산정할 수 없습니다 (the RFP file is not kept).",
        file=(data.get("source") or {}).get("file"),
        fix="제안요청서를 첫 화면(/)에서 다시 올려 검토한 뒤, 그 검토에서 고친 기능 목록을 올려 주세요. "
            "balju batch나 balju review --db로 저장한 검토는 --keep-files/--keep-file을 주었을 때만 원본 파일을 보관합니다.",
    )


def correct_and_save(
    store: Store, lock: threading.Lock, parent_id: int, parent: dict[str, Any], listed: Upload,
    created_by: str | None = None,
) -> tuple[int, dict[str, Any]]:
    """Read the corrected list, review the kept RFP with it on the parent's 기준일, save a new review.

    Returns (new id, review dict). Blocking: call it in a worker thread. Nothing is stored when the
    list is bad (400) or the RFP is not kept (409).
    """
    try:
        functions = read_function_list(listed.path)
    except BaljuError as error:
        raise shown(error, listed) from None
    return reprice_and_save(store, lock, parent_id, parent, functions, created_by, listed.method)


def reprice_and_save(
    store: Store, lock: threading.Lock, parent_id: int, parent: dict[str, Any], functions: list[Function],
    created_by: str | None = None, method: str = "simple", options: Any = None,
) -> tuple[int, dict[str, Any]]:
    """Review the parent's kept RFP with ``functions`` on the parent's 기준일, by ``method`` (간이법 or
    정통법); save it as a new review (``created_by``: the user who corrected it).

    Returns (new id, review dict); 409 when the RFP is not kept. Blocking: call it in a worker thread.
    """
    source = parent.get("source") or {}
    kept = store.get_document(str(source.get("sha256") or ""))
    if kept is None:
        raise not_kept(parent)
    # the RFP under the name it was reviewed by: the reader goes by the suffix, the review records the name
    name = safe_name(str(source.get("file") or "")) or safe_name(kept[0]) or "rfp"
    folder = Path(tempfile.mkdtemp(prefix="balju-web-"))
    rfp = Upload(name=name, path=folder / name, as_of=_day(parent.get("as_of")))
    try:
        rfp.path.write_bytes(kept[1])
        data = run_review(lock, rfp, functions, method, options)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    records = list_records(functions)
    return saved(lambda: store.save_review(data, parent_id=parent_id, function_list=records,
                                           created_by=created_by)), data


async def correctable(request: Request, store: Store, review_id: int) -> dict[str, Any]:
    """The review a corrected list is for, asked before the list is read: the user may edit (403), the
    review exists (404) and its RFP is kept (409), since without it there is nothing to re-price."""
    refuse_viewer(request)
    parent = await run_in_threadpool(store.get_review, review_id)
    if parent is None:
        raise not_found(review_id)
    if not await run_in_threadpool(store.has_document, (parent.get("source") or {}).get("sha256")):
        raise not_kept(parent)
    return parent


async def correct_upload(request: Request, store: Store, lock: threading.Lock, review_id: int,
                         csrf: bool = False) -> tuple[int, dict[str, Any]]:
    """Receive a corrected function list for review ``review_id`` and re-price it; (new id, dict).
    ``csrf``: the page form, whose CSRF field is checked (``uploads.receive``)."""
    parent = await correctable(request, store, review_id)
    listed = await receive(request, "고친 기능 목록 파일을 고르세요 (no file uploaded).",
                           f"기능 목록 파일({LIST_ACCEPTED.replace(',', ' ')})을 올려 주세요.", csrf=csrf)
    try:
        new_id, data = await run_in_threadpool(correct_and_save, store, lock, review_id, parent, listed,
                                               user_of(request))
    finally:
        listed.discard()
    await run_in_threadpool(note, store, request, "correct", new_id, f"#{review_id}에서: 파일 {listed.name}")
    return new_id, data


MAX_JSON_BYTES = 8 * 1024 * 1024
"""The largest JSON function list ``POST /api/reviews/{id}/functions`` takes (thousands of functions)."""
JSON_FILE = "요청 본문(JSON)"
"""How a problem in a JSON list names where it is."""


async def json_functions(request: Request) -> tuple[list[Function], str]:
    """A corrected list sent as JSON: ``{"functions": [{"name", "type", …}], "method": "simple"}`` or
    the bare list, with the columns of the list file (``FIELDS``, or their Korean headers), and the
    method (simple 간이법, the default, or detailed 정통법). Each item is checked as a row of a list
    file; a problem names ``functions[n]`` and the field (400)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_JSON_BYTES:
            raise UploadProblem(413, f"기능 목록 JSON이 너무 큽니다 (body larger than {MAX_JSON_BYTES // (1024 * 1024)} MB).",
                                file=JSON_FILE, fix="기능 목록을 파일(XLSX·CSV·YAML)로 올리거나 나누어 보내세요.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UploadProblem(400, f"JSON을 읽을 수 없습니다 (invalid JSON: {exc}).", file=JSON_FILE,
                            fix='{"functions": [{"name": "회원 등록", "type": "EI"}]} 형식의 UTF-8 JSON을 보내세요.') from None
    items = data.get("functions") if isinstance(data, dict) else data
    method = data.get("method", "simple") if isinstance(data, dict) else "simple"
    if not isinstance(items, list):
        raise UploadProblem(400, "JSON에 functions 목록이 없습니다 (expected a 'functions' list).", file=JSON_FILE,
                            fix='{"functions": [{"name": "회원 등록", "type": "EI"}]} 형식으로 보내세요.')
    rows = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise UploadProblem(400, "기능 항목은 JSON 객체여야 합니다 (each function must be an object).",
                                file=JSON_FILE, where=f"functions[{index}]",
                                fix='{"name": "회원 등록", "type": "EI"}처럼 적으세요.')
        rows.append((f"functions[{index}]", item))
    try:
        return functions_from_rows(rows, JSON_FILE), parse_method(str(method))
    except BaljuError as error:
        raise UploadProblem(400, error.message, file=error.file, where=error.where, fix=error.fix) from None


async def correct_json(request: Request, store: Store, lock: threading.Lock, review_id: int) -> tuple[int, dict[str, Any]]:
    """A corrected list sent as JSON for review ``review_id``, re-priced and saved; (new id, dict)."""
    parent = await correctable(request, store, review_id)
    functions, method = await json_functions(request)
    new_id, data = await run_in_threadpool(reprice_and_save, store, lock, review_id, parent, functions,
                                           user_of(request), method)
    await run_in_threadpool(note, store, request, "correct", new_id, f"#{review_id}에서: JSON 기능 {len(functions)}개")
    return new_id, data


def _day(text: Any) -> dt.date | None:
    """The parent's 기준일 ('YYYY-MM-DD'), so the new review is priced by the same rules."""
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


def labelled_yaml(store: Store, review_id: int) -> tuple[str, str]:
    """(file name, YAML): a corrected review as a labelled file of ``tests/functions`` (the person's
    list under the requirements the identifier reads from the kept RFP), what ``balju corrections -o``
    writes for it. Blocking: it reads the RFP again (about a second).

    404 for a review that is not a correction, 409 when its RFP file is not kept.
    """
    from balju import rules
    from balju.functions.corrections import to_yaml
    from balju.functions.development_set import identifier, seen_of
    from balju.functions.stored import NOT_KEPT, labelled_review

    summary = store.get_summary(review_id)
    if summary is None:
        raise not_found(review_id)
    try:
        found = labelled_review(store, summary) if summary.parent_id is not None else None
    except BaljuError as error:
        raise UploadProblem(400, error.message, file=summary.file_name, where=error.where, fix=error.fix) from None
    if found == NOT_KEPT:
        raise not_kept(store.get_review(review_id) or {})
    if found is None or isinstance(found, str):
        raise UploadProblem(404, f"{review_id}번 검토는 사람이 고친 기능 목록으로 다시 산정한 검토가 아닙니다 "
                                 "(not a corrected review).",
                            fix="고친 목록으로 다시 산정한 검토(목록의 '수정 #N')에서 내려받으세요.")
    item, _proposed = found
    ident = identifier(rules.at())
    text = to_yaml(item, review_id=review_id, agency=summary.agency, corrected_by=summary.created_by,
                   seen=seen_of(ident, summary), identifier=ident.name)
    return f"review-{review_id}-{Path(summary.file_name).stem}.yaml", text
