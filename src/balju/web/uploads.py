"""Uploads (파일 올리기): from a multipart form to a saved review, or a Korean problem report.

The page form and ``POST /api/reviews`` share this path: read the form, keep the file under its own
name in a private temporary folder (the reader goes by the suffix, and the review records the name),
run ``balju.pipeline.review`` in a worker thread, save the dict together with the file's bytes (so
the review can be re-priced later from a corrected function list, ``balju.web.corrections``),
delete the folder. Every failure comes out as an ``UploadProblem`` with the HTTP status and the
message a person acts on; nothing is stored when the review fails.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from balju.errors import BaljuError
from balju.store import Store

log = logging.getLogger("balju.web")

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""The largest RFP the web app takes (50 MB); the readers themselves allow more on the command line."""
FORM_OVERHEAD_BYTES = 1024 * 1024
"""Room for the multipart boundaries and the other fields beside the file."""
MAX_NAME_BYTES = 200
"""File names are cut to this many UTF-8 bytes (most file systems allow 255)."""
ACCEPTED = ".hwp,.hwpx,.pdf,.docx,.txt,.md"


@dataclass
class UploadProblem(Exception):
    """올리기 실패: why an upload was not reviewed, for the page and the API alike."""

    status: int
    message: str
    file: str | None = None
    where: str | None = None
    fix: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def as_dict(self) -> dict[str, str | None]:
        """The API's error body: ``{"error", "file", "where", "fix"}``."""
        return {"error": self.message, "file": self.file, "where": self.where, "fix": self.fix}


@dataclass
class Upload:
    """A received file in its own temporary folder (지워야 할 임시 파일)."""

    name: str
    path: Path
    as_of: dt.date | None
    method: str = "simple"
    """산정 방법 of a corrected list: simple (간이법) or detailed (정통법)."""

    def discard(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


def too_large(size_bytes: int | None = None) -> UploadProblem:
    """파일 크기 초과 (413)."""
    size = f"{size_bytes / (1024 * 1024):.1f} MB > " if size_bytes else ""
    return UploadProblem(
        413,
        f"파일이 너무 큽니다 (file too large: {size}{MAX_UPLOAD_BYTES // (1024 * 1024)} MB).",
        fix="제안요청서 본문만 담은 50 MB 이하의 파일로 나누어 올려 주세요 (split the file, keep the RFP body).",
    )


def safe_name(raw: str | None) -> str:
    """The uploaded file's own name without any folder part, control characters or excess length.

    Browsers on Windows may send 'C:\\\\문서\\\\사업.hwp'; only '사업.hwp' is kept, so the name can never
    leave the temporary folder.
    """
    name = unicodedata.normalize("NFC", str(raw or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    if not name:
        return ""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = f".{suffix}"[:16] if dot else ""
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore") or "upload"
    return stem + suffix


def parse_as_of(text: str | None) -> dt.date | None:
    """기준일 from the form ('YYYY-MM-DD'; empty means the RFP's own date)."""
    from balju.rules.loader import parse_as_of as parse

    cleaned = (text or "").strip()
    try:
        return parse(cleaned, where="기준일(as_of)") if cleaned else None
    except BaljuError as error:
        raise UploadProblem(400, error.message, where=error.where, fix=error.fix) from None


NO_RFP = "검토할 파일을 고르세요 (no file uploaded)."
NO_RFP_FIX = f"제안요청서 파일({ACCEPTED})을 올려 주세요."


async def receive(request: Request, missing: str = NO_RFP, missing_fix: str = NO_RFP_FIX, csrf: bool = False) -> Upload:
    """Read the form: the file (field ``file``) into a temporary folder and the 기준일 (``as_of``).

    ``missing`` and ``missing_fix``: what to say when no file was chosen. ``csrf``: a page form,
    whose CSRF field is checked (403) before anything of it is used, when the app has a token.
    """
    from starlette.formparsers import MultiPartException

    from balju.web.auth import CSRF_FIELD, CSRF_FIX, csrf_refusal

    length = request.headers.get("content-length", "")
    # refuse an obviously oversized body before spooling it to disk
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES:
        raise too_large(int(length))
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise UploadProblem(
            400, "파일은 multipart/form-data 양식으로 올려야 합니다 (expected a multipart form).",
            fix="예: curl -F file=@사업.hwp -F as_of=2025-03-01 …/api/reviews",
        )
    try:
        form = await request.form(max_files=1, max_fields=20)
    except MultiPartException as exc:
        raise UploadProblem(400, f"올린 양식을 읽을 수 없습니다 (malformed form: {exc.message}).",
                            fix="파일 하나(file)와 기준일(as_of)만 보내 주세요.") from None
    try:
        refused = csrf_refusal(request, form.get(CSRF_FIELD)) if csrf else None
        if refused:
            raise UploadProblem(403, refused, where=CSRF_FIELD, fix=CSRF_FIX)
        as_of_field = form.get("as_of")
        request.state.as_of_text = as_of_field if isinstance(as_of_field, str) else ""
        as_of = parse_as_of(as_of_field if isinstance(as_of_field, str) else None)
        method = _method(form.get("method"))
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not (upload.filename or "").strip():
            raise UploadProblem(400, missing, where="file", fix=missing_fix)
        kept = await _keep(upload, as_of)
        kept.method = method
        return kept
    finally:
        await form.close()


def _method(field: Any) -> str:
    """The form's ``method`` (간이법 when absent); a wrong one is 400 with the Korean reason."""
    from balju.fp import parse_method

    try:
        return parse_method(field if isinstance(field, str) and field.strip() else "simple")
    except BaljuError as error:
        raise UploadProblem(400, error.message, where="method", fix=error.fix) from None


async def _keep(upload: UploadFile, as_of: dt.date | None) -> Upload:
    """Copy the upload into its own temporary folder, stopping at the size limit."""
    name = safe_name(upload.filename)
    if not name:
        raise UploadProblem(400, "파일 이름이 없습니다 (the file has no name).", fix="이름이 있는 파일을 올려 주세요.")
    folder = Path(tempfile.mkdtemp(prefix="balju-web-"))
    kept = Upload(name=name, path=folder / name, as_of=as_of)
    try:
        size = 0
        with kept.path.open("wb") as out:
            while chunk := await upload.read(1024 * 1024):
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise too_large()
                out.write(chunk)
    except BaseException:
        kept.discard()
        raise
    return kept


def run_review(lock: threading.Lock, upload: Upload, functions: Sequence[Any] | None = None,
               method: str = "simple", options: Any = None) -> dict[str, Any]:
    """The review dict of the kept file (``functions``: a person's corrected list instead of the
    proposal; ``method``: simple 간이법 or detailed 정통법). Blocking: call it in a worker thread."""
    from balju.pipeline import review, review_dict

    try:
        # One review at a time: it is CPU-bound (two in parallel only share the GIL) and keeps the
        # one Kiwi analyser of the process free of concurrent use.
        with lock:
            return review_dict(review(upload.path, upload.as_of, functions=functions, method=method, options=options))
    except BaljuError as error:
        raise shown(error, upload) from None
    except Exception:  # noqa: BLE001 - a bug must not show a traceback to a user; it goes to the log
        log.exception("review of %s failed", upload.name)
        raise UploadProblem(
            500,
            "검토 중 내부 오류가 났습니다 (internal error while reviewing).",
            file=upload.name,
            fix="이 파일 형식과 메시지를 적어 이슈로 알려 주세요. 서버 기록(log)에 자세한 내용이 있습니다.",
        ) from None


def saved(save: Callable[[], int]) -> int:
    """``save()``'s review id; a database failure is 503 (not the file's fault: the user can only retry)."""
    try:
        return save()
    except BaljuError as error:
        raise UploadProblem(503, error.message, file=error.file, where=error.where, fix=error.fix) from None


def review_and_save(store: Store, lock: threading.Lock, upload: Upload,
                    created_by: str | None = None) -> tuple[int, dict[str, Any]]:
    """Review the kept file and save it with its bytes (``created_by``: the user who uploaded it);
    (id, review dict). Blocking: call it in a worker thread."""
    data = run_review(lock, upload)
    content = upload.path.read_bytes()
    return saved(lambda: store.save_review(data, document=content, created_by=created_by)), data


async def review_upload(request: Request, store: Store, lock: threading.Lock,
                        csrf: bool = False) -> tuple[int, dict[str, Any]]:
    """Receive, review and save one upload; the temporary file is gone when this returns.
    ``csrf``: the page form (see ``receive``)."""
    from balju.web.audit import note
    from balju.web.auth import user_of

    refuse_viewer(request)
    upload = await receive(request, csrf=csrf)
    try:
        review_id, data = await run_in_threadpool(review_and_save, store, lock, upload, user_of(request))
    finally:
        upload.discard()
    await run_in_threadpool(note, store, request, "upload", review_id, upload.name)
    return review_id, data


def refuse_viewer(request: Request) -> None:
    """403 for a read-only user (열람), before anything of the request is read."""
    from balju.web.auth import VIEWER_FIX, VIEWER_REFUSED, can_edit

    if not can_edit(request):
        raise UploadProblem(403, VIEWER_REFUSED, fix=VIEWER_FIX)


def shown(error: BaljuError, upload: Upload) -> UploadProblem:
    """The error with the temporary folder replaced by the name the user uploaded."""

    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        return text.replace(str(upload.path), upload.name).replace(str(upload.path.parent), "")

    file = clean(error.file) if error.file else None
    where = clean(error.where)
    if where and where.startswith("--"):
        # the core names the command line's option ('--security'); here it is the form's field
        where = where[2:].replace("-", "_")
    return UploadProblem(400, clean(error.message) or "", file=file, where=where, fix=clean(error.fix))
