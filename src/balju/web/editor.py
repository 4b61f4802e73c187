"""기능 목록 화면 편집 (editing the function list in the browser), for ``/reviews/{id}/functions/edit``.

The same correction as downloading the list, fixing it in a spreadsheet and uploading it
(``balju.web.corrections``), done on one page: a table of the review's functions where a person
renames a function, changes its type or requirement, adds a note, leaves a row out (빼기) or adds a
row. The page sends every row back; this module turns that form into the list of functions.

A row also carries the 정통법 inputs: DET and one "RET·FTR" value, read as RET for a data function
(ILF, EIF) and as FTR for a transaction (EI, EO, EQ). The page prices by 간이법 or 정통법 (``method``).

A row keeps what the browser does not edit from the function it started as (``origin``): its 근거
(the words it came from). Its 신뢰도 is balju's confidence in *that* function,
so it is kept only while the name and type are unchanged; a person's new or changed row has none,
as in a list a person wrote (``Function.confidence``).

A proposal's left-out candidates (빼 둔 후보: under ``functions.leave_out_below``, identifier v6) are
rows of the table too, under their requirement and already left out; a person counts one by
clearing its 빼기.

A refused form comes back with every row as the person left it and each bad row marked, so no edit
is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from markupsafe import Markup
from starlette.requests import Request

from balju.errors import InputError
from balju.functions.listfile import function_from_record, functions_from_rows, has_content
from balju.functions.model import DATA_FUNCTION_TYPES, TYPE_NAMES_KO, Function
from balju.functions.quantities import CODE as QUANTITY_CODE
from balju.web.uploads import UploadProblem

MAX_ROWS = 5000
"""The most rows the page sends back (the largest labelled RFP proposes about 900 functions)."""
MAX_FORM_BYTES = 8 * 1024 * 1024
"""Room for MAX_ROWS rows of percent-encoded Korean names and notes."""
FIELDS_PER_ROW = 8
"""o (origin), name, type, req, note, det, rf (RET or FTR), drop."""
BLANK_ROWS = 3
"""Empty rows at the end of the table, so a row can be added without JavaScript."""
FORM_FILE = "기능 목록 화면"
"""How a problem names the 'file' it is in: the page, not an upload."""


@dataclass
class EditRow:
    """One row of the editing table (편집 행), as shown and as sent back."""

    origin: int | None
    """Index of the function this row started as in the review's list; None for an added row."""
    name: str = ""
    type: str = ""
    requirement_id: str = ""
    note: str = ""
    det: str = ""
    rf: str = ""
    """RET for a data function, FTR for a transaction (정통법)."""
    drop: bool = False
    evidence: str = ""
    confidence: float | None = None
    low: bool = False
    """신뢰도 below ``budget.low_confidence``: the rows to check first."""
    left_out: bool = False
    """A candidate the proposal left out (빼 둔 후보): it starts as 빼기."""
    changed: bool = False
    problem: str | None = None


@dataclass
class EditRefused(Exception):
    """고친 목록을 받을 수 없음: the problem to show and the rows to show it on."""

    problem: UploadProblem
    rows: list[EditRow] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.problem.message)


def _type_options(current: str) -> Markup:
    known = "".join(f'<option value="{code}"{" selected" if code == current else ""}>{code} {ko}</option>'
                    for code, ko in TYPE_NAMES_KO.items())
    if not current:
        return Markup('<option value="" selected>—</option>' + known)
    if current in TYPE_NAMES_KO:
        return Markup(known)
    return Markup(known) + Markup('<option value="{0}" selected>{0} (?)</option>').format(current)


_TYPE_OPTIONS = {code: _type_options(code) for code in ("", *TYPE_NAMES_KO)}


def type_options(current: str | None) -> Markup:
    """A row's 유형 list (<option>s) with its type selected; a type not in the guide is kept, marked (?).

    The six common lists are built once: a page of 800 rows otherwise escapes 12,000 option texts.
    """
    return _TYPE_OPTIONS.get(current or "") or _type_options(str(current))


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def table_base(functions: list[Function], left_out: list[Function],
               requirements: list[dict[str, Any]]) -> tuple[list[Function], frozenset[int]]:
    """The functions the table starts from: the list, with each left-out candidate placed after the
    last row of its requirement (or, for a requirement with no row, before the first row of a later
    requirement); and the places of the candidates."""
    if not left_out:
        return list(functions), frozenset()
    order = {str(r.get("id")): n for n, r in enumerate(requirements) if isinstance(r, dict)}
    end = len(order)

    def place(f: Function) -> int:
        return order.get(f.requirement_id or "", end)

    last = {f.requirement_id or "": n for n, f in enumerate(functions)}
    after: dict[int, list[Function]] = {}  # the candidates that follow the n-th function (-1: before all)
    for candidate in left_out:
        at = last.get(candidate.requirement_id or "")
        if at is None:
            later = next((n for n, f in enumerate(functions) if place(f) > place(candidate)), len(functions))
            at = later - 1
        after.setdefault(at, []).append(candidate)
    rows: list[Function] = []
    placed: set[int] = set()
    for n, f in [(-1, None), *enumerate(functions)]:
        if f is not None:
            rows.append(f)
        for candidate in after.get(n, []):
            placed.add(len(rows))
            rows.append(candidate)
    return rows, frozenset(placed)


def rows_of(functions: list[Function], low_below: float | None, left_out: frozenset[int] = frozenset()) -> list[EditRow]:
    """The table of a review's functions (``left_out``: the places of left-out candidates, shown as
    빼기), then ``BLANK_ROWS`` empty rows."""
    rows = [
        EditRow(
            origin=index, name=f.name, type=f.type, requirement_id=f.requirement_id or "", note=f.note or "",
            det=_number(f.det), rf=_number(f.records),
            evidence=f.evidence or "", confidence=f.confidence,
            low=f.confidence is not None and low_below is not None and f.confidence < low_below,
            drop=index in left_out, left_out=index in left_out,
        )
        for index, f in enumerate(functions)
    ]
    return rows + [EditRow(origin=None) for _ in range(BLANK_ROWS)]


async def read_form(request: Request) -> dict[str, str]:
    """The page's URL-encoded form (first value of each field), at most ``MAX_FORM_BYTES``.

    Starlette's own form reader stops at 1,000 fields; a list of 900 functions sends about 5,400.
    """
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise EditRefused(UploadProblem(400, "기능 목록 화면의 양식으로 보내야 합니다 (expected the page's form).",
                                        fix="기능 목록 화면을 새로 고친 뒤 다시 저장하세요."))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise EditRefused(UploadProblem(
                413, f"보낸 기능 목록이 너무 큽니다 (form larger than {MAX_FORM_BYTES // (1024 * 1024)} MB).",
                fix=f"기능은 {MAX_ROWS:,}개까지 고칠 수 있습니다. 더 큰 목록은 파일로 내려받아 고친 뒤 올려 주세요."))
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                          max_num_fields=MAX_ROWS * FIELDS_PER_ROW + 10)
    except (UnicodeDecodeError, ValueError):
        raise EditRefused(UploadProblem(400, "보낸 양식을 읽을 수 없습니다 (malformed form).",
                                        fix="기능 목록 화면을 새로 고친 뒤 다시 저장하세요.")) from None
    return {name: values[0] for name, values in fields.items()}


def sent_rows(form: dict[str, str], base: list[Function], low_below: float | None,
              left_out: frozenset[int] = frozenset()) -> list[EditRow]:
    """The rows as the page sent them back (``n`` rows; fields ``o{i}``, ``name{i}``, ``type{i}``,
    ``req{i}``, ``note{i}``, ``det{i}``, ``rf{i}``, ``drop{i}``). An origin that is not a row of the
    review is an added row; ``left_out``: the places in ``base`` of candidates that started as 빼기."""
    try:
        count = int(form.get("n", ""))
    except ValueError:
        count = -1
    if not 0 <= count <= MAX_ROWS:
        raise EditRefused(UploadProblem(400, "기능 목록 화면의 행 수(n)가 없거나 틀립니다 (bad row count).",
                                        where="n", fix="기능 목록 화면을 새로 고친 뒤 다시 고쳐 주세요."))
    rows = []
    for i in range(count):
        origin_text = form.get(f"o{i}", "")
        origin = int(origin_text) if origin_text.isdigit() and int(origin_text) < len(base) else None
        start = base[origin] if origin is not None else None
        row = EditRow(
            origin=origin,
            name=form.get(f"name{i}", "").strip(),
            type=form.get(f"type{i}", "").strip(),
            requirement_id=form.get(f"req{i}", "").strip(),
            note=form.get(f"note{i}", "").strip(),
            det=form.get(f"det{i}", "").strip(),
            rf=form.get(f"rf{i}", "").strip(),
            drop=bool(form.get(f"drop{i}")),
            evidence=(start.evidence or "") if start else "",
        )
        if start is not None:
            row.left_out = origin in left_out
            row.changed = (row.name, row.type, row.requirement_id, row.note, row.det, row.rf) != (
                start.name, start.type, start.requirement_id or "", start.note or "",
                _number(start.det), _number(start.records)) or row.drop != row.left_out
            row.confidence = start.confidence if (row.name, row.type) == (start.name, start.type) else None
            row.low = row.confidence is not None and low_below is not None and row.confidence < low_below
        else:
            row.changed = has_content({"name": row.name, "type": row.type, "det": row.det, "rf": row.rf})
        rows.append(row)
    return rows


def edited_functions(rows: list[EditRow], base: list[Function]) -> list[Function]:
    """The corrected list: the rows not left out, each checked like a row of a list file.

    Every bad row is marked with its problem (not only the first), and ``EditRefused`` names the first.
    """
    kept: list[tuple[str, dict[str, Any]]] = []
    problems: list[tuple[EditRow, InputError]] = []
    for number, row in enumerate(rows, start=1):
        if row.drop:
            continue
        record = _record_of(row)
        if not _has_content(row):
            continue  # an empty row, or a proposal emptied out: nothing to count
        where = f"{number}번 행"
        try:
            function_from_record(record, FORM_FILE, where)
        except InputError as error:
            row.problem = error.message
            problems.append((row, error))
            continue
        kept.append((where, record))
    if problems:
        first = problems[0][1]
        more = f" 그 밖에 {len(problems) - 1}개 행도 고쳐야 합니다 (빨간 행)." if len(problems) > 1 else ""
        raise EditRefused(UploadProblem(400, first.message + more, file=FORM_FILE, where=first.where,
                                        fix="표시된 행의 기능명과 유형(ILF·EIF·EI·EO·EQ)을 적거나, 그 행의 '빼기'를 고르세요."),
                          rows)
    try:
        return functions_from_rows(kept, FORM_FILE)
    except InputError as error:  # every row left out
        raise EditRefused(UploadProblem(400, error.message, file=FORM_FILE,
                                        fix="기능을 하나 이상 남기세요. 목록 전체를 다시 만들려면 파일로 올려 주세요."),
                          rows) from None


def dropped_functions(rows: list[EditRow]) -> list[Function]:
    """The rows ticked 빼기 that still read as functions: a downloaded list carries them marked 빼기,
    as the table shows them (a ticked row that does not read is left out of the file, as of the count)."""
    out = []
    for number, row in enumerate(rows, start=1):
        if row.drop and _has_content(row):
            try:
                out.append(function_from_record(_record_of(row), FORM_FILE, f"{number}번 행"))
            except InputError:
                continue
    return out


def _record_of(row: EditRow) -> dict[str, Any]:
    """A table row as a list file's record (RET for a data function, FTR for a transaction)."""
    data = row.type.upper() in DATA_FUNCTION_TYPES or row.type in ("내부논리파일", "외부연계파일")
    return {
        "name": row.name, "type": row.type, "requirement_id": row.requirement_id, "note": row.note,
        "evidence": row.evidence or None, "det": row.det,
        "ret": row.rf if data else None, "ftr": None if data else row.rf,
        "confidence": row.confidence,
    }


def _has_content(row: EditRow) -> bool:
    return has_content({"name": row.name, "type": row.type, "requirement_id": row.requirement_id, "note": row.note})


def low_below(data: dict[str, Any]) -> float | None:
    """The 신뢰도 under which the review marked a proposal for checking (its own recorded threshold)."""
    from balju.report.view import low_confidence_below

    return low_confidence_below(data, data.get("uncertainty") or {})


def rule_values(data: dict[str, Any], *names: str) -> tuple[Any, ...] | None:
    """The values of rules ``names`` on the review's 기준일; None when the review's date or the rules
    cannot be read (the page is still drawn, without what needs them)."""
    from balju import rules
    from balju.rules.loader import parse_as_of

    try:
        day = rules.at(parse_as_of(data.get("as_of")))
        return tuple(day.value(name) for name in names)
    except Exception:  # noqa: BLE001 - a damaged review must not stop its editing page
        return None


def preview_weights(data: dict[str, Any]) -> dict[str, float] | None:
    """간이법 weights of the review's 기준일 (``fp.simple_weights``), for the page's running total.

    The web app re-prices a corrected list by 간이법, so the preview is the figure the save gives.
    """
    found = rule_values(data, "fp.simple_weights")
    if found is None:
        return None  # a damaged review is still editable, without the preview
    return {kind: float(weight) for kind, weight in found[0].items()}


@dataclass
class Section:
    """요구사항 묶음: a requirement's header and the rows under it, in the table's order."""

    key: str
    """What the page's script groups rows by: the requirement ID, or '' for rows under none."""
    requirement: dict[str, Any] | None
    """The review's requirement (id, name, text …); None for the rows that name no requirement."""
    functional: bool = False
    rows: list[tuple[int, EditRow]] = field(default_factory=list)
    quantity: str | None = None
    """The review's stated-quantity finding on this requirement ('36종 …'), to read its table."""


def sections(rows: list[EditRow], data: dict[str, Any]) -> list[Section]:
    """The table cut into requirements, keeping the rows' order (a row's number is its place in the
    form, which error messages name).

    A new section starts where a row's requirement differs from the row before. Each functional
    requirement (``functions.functional_categories``) without a row gets an empty section in its
    document place, so a person sees what the proposal found nothing in. Empty rows join the last
    section of rows that name no requirement.
    """
    requirements = [r for r in data.get("requirements") or [] if isinstance(r, dict) and r.get("id")]
    by_id = {str(r["id"]): r for r in requirements}
    functional = _functional_ids(requirements, data)
    quantities = {str(f.get("requirement_id")): str(f.get("message") or "") for f in data.get("findings") or []
                  if isinstance(f, dict) and f.get("code") == QUANTITY_CODE}
    out: list[Section] = []
    for index, row in enumerate(rows):
        key = row.requirement_id if row.requirement_id in by_id else ""
        if not out or out[-1].key != key:
            out.append(Section(key, by_id.get(key), key in functional, quantity=quantities.get(key)))
        out[-1].rows.append((index, row))
    shown = {section.key for section in out}
    order = {str(r["id"]): n for n, r in enumerate(requirements)}
    for rid in (r for r in functional if r not in shown):
        empty = Section(rid, by_id[rid], True, quantity=quantities.get(rid))
        # before the first section of a requirement that comes after it in the document, else after
        # the last section that names a requirement
        later = [n for n, s in enumerate(out) if s.key and order.get(s.key, -1) > order[rid]]
        keyed = [n + 1 for n, s in enumerate(out) if s.key]
        out.insert(later[0] if later else (keyed[-1] if keyed else 0), empty)
    return out


def _functional_ids(requirements: list[dict[str, Any]], data: dict[str, Any]) -> list[str]:
    """IDs of the functional requirements (SFR, FUR, BFR …), the ones functions are proposed from."""
    found = rule_values(data, "functions.functional_categories")
    if found is None:
        return []  # a damaged review still shows its rows, without the empty sections
    categories = {str(c) for c in found[0]}
    return [str(r["id"]) for r in requirements
            if str(r.get("category") or "") in categories or str(r["id"]).split("-")[0].upper() in categories]


def method_of(form: dict[str, str], rows: list[EditRow]) -> str:
    """산정 방법 of the page: 'simple' (간이법) or 'detailed' (정통법)."""
    from balju.fp import parse_method

    try:
        return parse_method(form.get("method") or "simple")
    except InputError as error:
        raise EditRefused(UploadProblem(400, error.message, where="산정 방법(method)", fix=error.fix), rows) from None


def detailed_tables(data: dict[str, Any]) -> dict[str, Any] | None:
    """정통법 of the review's 기준일 for the page's running total: the complexity matrix
    (``fp.complexity_matrix``: DET and RET/FTR bounds per type) and the weights (``fp.detailed_weights``)."""
    found = rule_values(data, "fp.complexity_matrix", "fp.detailed_weights")
    if found is None:
        return None  # a damaged review is still editable, without the preview
    matrix, weights = found
    by_type = {}
    for spec in matrix.values():
        for kind in spec["types"]:
            by_type[kind] = {"det": [int(b) for b in spec["det_upper"]], "records": [int(b) for b in spec["record_upper"]],
                             "grid": spec["grid"], "min_records": 1 if kind in DATA_FUNCTION_TYPES else 0}
    return {"matrix": by_type, "weights": {k: {c: float(w) for c, w in v.items()} for k, v in weights.items()}}


def pricing_choices(data: dict[str, Any]) -> dict[str, Any] | None:
    """The 보정계수 of the review's 기준일 (``cost.correction_factors``) for the page's selects, each with
    the level the review was priced with when a person chose it (not the rule's default), and its
    이윤율 and 직접경비 when given."""
    found = rule_values(data, "cost.correction_factors")
    if found is None:
        return None  # a damaged review is still editable, priced by the defaults
    spec = found[0]
    estimate = data.get("estimate") or {}
    assumed = " ".join(str(a) for a in estimate.get("assumptions") or [])
    used = estimate.get("levels") or {}
    factors = []
    for key in spec["order"]:
        entry = spec[key]
        chosen = used.get(key) if f"{entry['name']}: 수준을 정하지 않아" not in assumed else None
        factors.append({
            "key": key, "name": entry["name"], "default": int(entry["default_level"]),
            "chosen": "" if chosen is None else str(chosen),
            "levels": [(int(n), level["meaning"], str(level["factor"])) for n, level in sorted(entry["levels"].items())],
        })
    rate = estimate.get("profit_rate")
    profit = "" if rate is None or "이윤율을 정하지 않아" in assumed else f"{float(rate) * 100:g}%"
    expenses = estimate.get("direct_expenses") or 0
    return {"factors": factors, "profit_rate": profit, "direct_expenses": str(expenses) if expenses else ""}


def options_of(form: dict[str, str], rows: list[EditRow]):
    """The page's pricing choices as ``DevelopmentOptions`` (a bad one refused, naming its field)."""
    from balju.inputs import development_options

    try:
        return development_options(form)
    except InputError as error:
        raise EditRefused(UploadProblem(400, error.message, where=error.where, fix=error.fix), rows) from None
