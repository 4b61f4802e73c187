"""The other core calls over HTTP (계산기 API), as the CLI has them: ``POST /api/estimate`` prices a
function list (``balju estimate``) and ``GET /api/eligible`` says who may bid (``balju eligible``).
Nothing is stored; a bad input answers 400 with the Korean message, where and fix."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from balju.errors import BaljuError
from balju.web.app import error_json

router = APIRouter(prefix="/api")
MAX_LIST_BYTES = 5 * 1024 * 1024
"""A function list of thousands of rows is well under 1 MB; more is not a function list."""


def _refused(error: BaljuError) -> Response:
    return error_json(400, error.message, ", ".join(p for p in (error.file, error.where) if p) or None, error.fix)


def _estimate(path: Path, fields: dict[str, Any], phases: list[str]) -> dict[str, Any]:
    """What `balju estimate FILE --json` prints, for the fields of the form."""
    from balju import rules as rules_module
    from balju.cost.summary import priced_list
    from balju.fp import parse_method
    from balju.functions.listfile import read_function_list
    from balju.inputs import development_options
    from balju.rules.loader import parse_as_of

    functions = read_function_list(path)
    rules = rules_module.at(parse_as_of(fields.get("as_of") or None, where="as_of"))
    method = parse_method(fields.get("method") or "simple")
    options = development_options(fields, phases)
    return priced_list(functions, method, rules, options)


@router.post("/estimate")
async def estimate(request: Request) -> Response:
    """기능 목록으로 기능점수와 SW개발비를 산정합니다 (multipart: ``file`` .yaml/.csv/.xlsx; optional
    ``as_of``, ``method`` simple|detailed, ``interface``/``performance``/``compatibility``/``security`` 1~5,
    ``profit_rate``, ``direct_expenses``, ``phase`` (여러 번)): ``balju estimate --json``과 같은 JSON."""
    form = await request.form(max_files=1, max_fields=20)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return error_json(400, "기능 목록 파일을 주세요 (no function list uploaded).", "file",
                              "multipart 'file'에 .yaml, .csv, .xlsx 기능 목록을 넣어 주세요.")
        content = await upload.read(MAX_LIST_BYTES + 1)
        if len(content) > MAX_LIST_BYTES:
            return error_json(413, "기능 목록 파일이 너무 큽니다 (over 5 MB).", "file", "기능 목록만 담은 파일을 주세요.")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        phases = [v for v in form.getlist("phase") if isinstance(v, str) and v.strip()]
        name = Path(upload.filename).name
    finally:
        await form.close()
    with tempfile.TemporaryDirectory(prefix="balju-estimate-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            summary = await run_in_threadpool(_estimate, path, fields, phases)
        except BaljuError as error:
            if error.file:
                error.file = name  # the user's name, not the temporary path
            return _refused(error)
    return JSONResponse(summary)


@router.get("/eligible")
def eligible(
    amount: str = Query(..., description="사업금액 (원, VAT 포함; 예: 2000000000, 20억, 19.99억)"),
    bidder: list[str] = Query(..., description="참여자 구분 (공동수급이면 구성원마다 한 번씩)"),
    vat_excluded: bool = Query(False, description="amount가 추정가격(VAT 제외)이면 true"),
    exemption: str | None = Query(None, description="예외사업 인정"),
    as_of: str | None = Query(None, description="기준일 YYYY-MM-DD (기본: 오늘)"),
    ruleset: str = Query("current", description="규칙 묶음"),
    planning: bool = Query(False, description="설계·기획(ISP 등) 사업이면 true"),
) -> Response:
    """사업금액과 참여자 구분으로 입찰 참여 가능 여부 (``balju eligible --json``과 같은 JSON)."""
    from balju.compliance.amount import parse_krw
    from balju.compliance.eligibility import joint_eligibility

    try:
        won = parse_krw(amount, where="amount")
        decision = joint_eligibility(won, vat_included=not vat_excluded, bidder_classes=bidder, exemption=exemption or None,
                                     as_of=as_of or None, ruleset=ruleset, planning_project=planning)
    except BaljuError as error:
        return _refused(error)
    return JSONResponse(decision.as_dict())
