"""The editable function list (기능 목록 파일): YAML, CSV and XLSX, read and written.

``balju functions`` writes a proposal; a person corrects it in a spreadsheet or editor;
``balju estimate`` reads it back. Reading a file that ``write_function_list`` wrote gives the
same functions back.

The candidates a proposal left out (빼 둔 후보) can be written too, each after the last row of its
requirement and marked in a 빼기 column (``left_out: true`` in YAML). A marked row is read but not
counted; clearing its mark counts it — the file does what the web editor's 빼기 box does.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from balju.errors import InputError
from balju.functions.model import FUNCTION_TYPES, TYPE_NAMES_KO, Function

FIELDS = ("name", "type", "det", "ret", "ftr", "requirement_id", "evidence", "confidence", "note")
HEADERS_KO = {
    "name": "기능명",
    "type": "유형",
    "det": "DET",
    "ret": "RET",
    "ftr": "FTR",
    "requirement_id": "요구사항ID",
    "evidence": "근거",
    "confidence": "신뢰도",
    "note": "비고",
}
_HEADER_ALIASES = {
    **{k: k for k in FIELDS},
    **{v.lower(): k for k, v in HEADERS_KO.items()},
    "기능": "name", "단위기능": "name", "단위프로세스": "name", "function": "name",
    "기능유형": "type", "구분": "type",
    "요구사항 id": "requirement_id", "요구사항": "requirement_id", "요구사항번호": "requirement_id",
    "요구사항 고유번호": "requirement_id",
}
LEFT_OUT = "left_out"
LEFT_OUT_KO = "빼기"
"""The column that marks a row left out of the count (빼 둔 후보); not a field of a function."""
_LEFT_OUT_KEYS = {LEFT_OUT, LEFT_OUT_KO, "제외", "left out"}
_MARKED = {"true", "1", "y", "yes", "o", "v", "✓", "✔", "예", "빼기", "빼", "제외"}
_UNMARKED = {"false", "0", "n", "no", "x", "아니오", "아니요"}
_TYPE_ALIASES = {**{t: t for t in FUNCTION_TYPES}, **{v: k for k, v in TYPE_NAMES_KO.items()}}
_INT_FIELDS = ("det", "ret", "ftr")
SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")


def read_function_list(path: str | Path) -> list[Function]:
    """Read a function list; every problem names the file, row and field."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"기능 목록은 YAML, CSV, XLSX 파일이어야 합니다 (unsupported file type '{suffix}').",
            file=str(path),
            fix="확장자를 .yaml, .csv, .xlsx 중 하나로 하세요.",
        )
    if not path.is_file():
        raise InputError("파일이 없습니다 (file not found).", file=str(path), fix="경로를 확인하세요.")
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        rows = _csv_rows(path)
    else:
        rows = _yaml_rows(path)
    return functions_from_rows(rows, str(path))


def functions_from_rows(rows: Iterable[tuple[str, dict[str, Any]]], file: str) -> list[Function]:
    """Functions from (where, record) rows of any source: a file's rows, a web form, a JSON body.

    Keys are the list's columns or their Korean headers; empty rows are skipped; a bad row raises
    ``InputError`` naming ``file``, its ``where`` and the column.
    """
    functions, marked = [], 0
    for where, record in rows:
        if not has_content(record):
            continue
        if _marked_left_out(record, file, where):
            marked += 1  # 빼 둔 후보: in the file for a person to restore, not in the count
            continue
        functions.append(function_from_record(record, file, where))
    if not functions:
        raise InputError(
            "기능이 하나도 없습니다 (the function list is empty)"
            + (f" — {marked}행 모두 '{LEFT_OUT_KO}' 표시가 있습니다." if marked else "."),
            file=file,
            fix=(f"세려는 행의 '{LEFT_OUT_KO}' 칸을 비우세요." if marked
                 else "기능명(name)과 유형(type) 열이 있는 행을 하나 이상 넣으세요."),
        )
    return functions


def _marked_left_out(record: dict[str, Any], file: str, where: str) -> bool:
    """Whether a row's 빼기 cell marks it left out: O, 예, 빼기, true, 1 … do; empty, X, 아니오, false, 0 do not."""
    for raw_key, value in record.items():
        if str(raw_key).strip().lower() not in _LEFT_OUT_KEYS or value is None:
            continue
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _MARKED:
            return True
        if text == "" or text in _UNMARKED:
            return False
        raise InputError(
            f"'{LEFT_OUT_KO}' 값 '{value}'을(를) 모릅니다 (unknown left-out mark).",
            file=file,
            where=f"{where}, '{LEFT_OUT_KO}' 열",
            fix="빼려면 O(또는 빼기), 세려면 칸을 비우세요.",
        )
    return False


def write_function_list(functions: Iterable[Function], path: str | Path, left_out: Iterable[Function] = ()) -> Path:
    """Write functions as YAML, CSV or XLSX by the file's suffix; ``left_out`` candidates go in too,
    marked 빼기, each after the last row of its requirement (reading the file skips them)."""
    path = Path(path)
    suffix = path.suffix.lower()
    rows = _with_left_out(list(functions), list(left_out))
    records = [{**_record(f), **({LEFT_OUT: True} if out else {})} for f, out in rows]
    columns = FIELDS + ((LEFT_OUT,) if any(out for _f, out in rows) else ())
    headers = {**HEADERS_KO, LEFT_OUT: LEFT_OUT_KO}
    if suffix in (".yaml", ".yml"):
        text = (
            "# balju 기능 목록 — 고친 뒤 `balju estimate` 로 다시 산정하세요.\n"
            "# type: ILF(내부논리파일) EIF(외부연계파일) EI(외부입력) EO(외부출력) EQ(외부조회)\n"
            + yaml.safe_dump({"functions": records}, allow_unicode=True, sort_keys=False, width=120)
        )
        path.write_text(text, encoding="utf-8")
    elif suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([headers[k] for k in columns])
        for record in records:
            writer.writerow([_cell(record.get(k)) for k in columns])
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")  # BOM: Excel opens Korean CSV right
    elif suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        book = Workbook()
        sheet = book.active
        sheet.title = "기능목록"
        sheet.append([headers[k] for k in columns])
        for row, record in enumerate(records, start=2):
            for column, key in enumerate(columns, start=1):
                value = record.get(key)
                if key == LEFT_OUT:
                    value = _cell(value) or None
                if isinstance(value, str):
                    # control characters HWP text can carry are not allowed in a cell
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell = sheet.cell(row=row, column=column, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text from the RFP stays text, never a formula
        sheet.freeze_panes = "A2"
        for column, width in zip("ABCDEFGHIJ", (32, 6, 6, 6, 6, 12, 40, 8, 30, 6)):
            sheet.column_dimensions[column].width = width
        book.save(path)
    else:
        raise InputError(
            f"기능 목록은 YAML, CSV, XLSX로만 쓸 수 있습니다 (unsupported output '{suffix}').",
            file=str(path),
            fix="출력 파일 확장자를 .yaml, .csv, .xlsx 중 하나로 하세요.",
        )
    return path


def _with_left_out(functions: list[Function], left_out: list[Function]) -> list[tuple[Function, bool]]:
    """The list's rows, each left-out candidate after the last row of its requirement (at the end
    when its requirement has none), as (function, left out)."""
    rows = [(f, False) for f in functions]
    for candidate in left_out:
        at = max((i for i, (f, _out) in enumerate(rows) if f.requirement_id == candidate.requirement_id), default=len(rows) - 1)
        rows.insert(at + 1, (candidate, True))
    return rows


def _cell(value: Any) -> Any:
    """A CSV/XLSX cell: empty for None, 'O' for a 빼기 mark."""
    if value is True:
        return "O"
    return "" if value is None else value


def _record(function: Function) -> dict[str, Any]:
    return {k: getattr(function, k) for k in FIELDS if getattr(function, k) is not None}


def has_content(record: dict[str, Any]) -> bool:
    """A row with anything in it (an empty row of a sheet or form is skipped, not an error)."""
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in record.values())


def function_from_record(record: dict[str, Any], file: str, where: str) -> Function:
    """One row as a Function; a bad value raises ``InputError`` naming ``file``, ``where`` and the column."""
    source = f"{file} {where}"
    values: dict[str, Any] = {}
    for raw_key, raw_value in record.items():
        key = _field_key(raw_key)
        if key is None:
            continue  # extra columns a person added (and 빼기) are kept out of the count, not an error
        if isinstance(raw_value, (dict, list, tuple, set)):
            # a JSON body or YAML item can nest; a cell cannot, and str() of it would be a silent wrong name
            raise InputError(
                f"'{key}' 값은 글자나 수 하나여야 합니다 (expected a single value, got a {type(raw_value).__name__}).",
                file=file,
                where=f"{where}, '{key}' 열",
                fix=f"{HEADERS_KO[key]}에 값 하나만 적으세요.",
            )
        value = raw_value.strip() if isinstance(raw_value, str) else raw_value
        values[key] = None if value == "" else value
    name = values.get("name")
    if not name:
        raise InputError(
            "기능명(name)이 비어 있습니다 (missing function name).",
            file=file,
            where=f"{where}, 'name' 열",
            fix="기능명을 적거나 빈 행을 지우세요.",
        )
    raw_type = str(values.get("type") or "").strip()
    function_type = _TYPE_ALIASES.get(raw_type.upper(), _TYPE_ALIASES.get(raw_type))
    if function_type is None:
        raise InputError(
            f"기능 유형 '{raw_type}'을(를) 모릅니다 (unknown function type) — 기능 '{name}'.",
            file=file,
            where=f"{where}, 'type' 열",
            fix="ILF, EIF, EI, EO, EQ 중 하나를 적으세요.",
        )
    numbers = {}
    for key in _INT_FIELDS:
        numbers[key] = _int_field(values.get(key), file, where, key, name)
    confidence = values.get("confidence")
    if confidence is not None:
        try:
            confidence = float(confidence)
            if not 0 <= confidence <= 1:  # also refuses NaN
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            raise InputError(
                f"신뢰도 '{confidence}'는 0~1 사이 수여야 합니다 — 기능 '{name}'.",
                file=file,
                where=f"{where}, 'confidence' 열",
                fix="0과 1 사이의 수를 적거나 비우세요.",
            ) from None
    return Function(
        name=str(name),
        type=function_type,
        det=numbers["det"],
        ret=numbers["ret"],
        ftr=numbers["ftr"],
        requirement_id=_text(values.get("requirement_id")),
        evidence=_text(values.get("evidence")),
        confidence=confidence,
        note=_text(values.get("note")),
        source=source,
    )


@lru_cache(maxsize=256)
def _field_key(raw_key: Any) -> str | None:
    return _HEADER_ALIASES.get(str(raw_key).strip().lower())


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _int_field(value: Any, file: str, where: str, key: str, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isdigit():
        number = int(value)
    else:
        try:
            number = float(value)
            number = int(number) if number == int(number) else None
        except (TypeError, ValueError, OverflowError):
            number = None
    if number is None or number < 0:
        raise InputError(
            f"{key.upper()} 값 '{value}'은(는) 0 이상의 정수여야 합니다 "
            f"({key.upper()} must be a whole number ≥ 0) — 기능 '{name}'.",
            file=file,
            where=f"{where}, '{key}' 열",
            fix=f"{key.upper()}에 0 이상의 정수를 적거나 비우세요.",
        )
    return number


def _yaml_rows(path: Path) -> list[tuple[str, dict]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(
            f"YAML을 읽을 수 없습니다 (cannot parse YAML): {exc}",
            file=str(path),
            fix="UTF-8 YAML인지, 들여쓰기가 맞는지 확인하세요.",
        ) from None
    items = data.get("functions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(
            "YAML에 functions 목록이 없습니다 (expected a 'functions:' list).",
            file=str(path),
            fix="functions: 아래에 '- name: …, type: EI' 형식의 항목을 적으세요.",
        )
    rows = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(
                "기능 항목은 key: value 형식이어야 합니다 (each function must be a mapping).",
                file=str(path),
                where=f"functions[{index}]",
                fix="'- name: 회원 등록' 다음 줄에 '  type: EI'처럼 적으세요.",
            )
        rows.append((f"functions[{index}]", item))
    return rows


def _csv_rows(path: Path) -> list[tuple[str, dict]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_bytes().decode("cp949")  # Excel on Korean Windows saves CSV in CP949
        except UnicodeDecodeError:
            raise InputError(
                "CSV의 글자 인코딩을 알 수 없습니다 (not UTF-8 or CP949).",
                file=str(path),
                fix="UTF-8로 다시 저장하세요.",
            ) from None
    reader = csv.DictReader(io.StringIO(text))
    _check_header(reader.fieldnames or [], str(path))
    return [(f"{line}행", row) for line, row in enumerate(reader, start=2)]


def _xlsx_rows(path: Path) -> list[tuple[str, dict]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(
            f"XLSX 파일을 열 수 없습니다 (cannot open XLSX): {type(exc).__name__}",
            file=str(path),
            fix="Excel에서 .xlsx로 다시 저장하세요.",
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    _check_header(header, str(path))
    result = [
        (f"'{sheet.title}' 시트 {line}행", dict(zip(header, row)))
        for line, row in enumerate(rows, start=2)
    ]
    book.close()
    return result


def _check_header(header: list[str], file: str) -> None:
    known = {_HEADER_ALIASES.get(h.strip().lower()) for h in header if h}
    missing = [k for k in ("name", "type") if k not in known]
    if missing:
        raise InputError(
            f"머리행에 {', '.join(HEADERS_KO[k] + '(' + k + ')' for k in missing)} 열이 없습니다 "
            "(missing header column).",
            file=file,
            where="1행",
            fix="첫 행에 기능명, 유형(그리고 필요하면 DET, RET, FTR, 요구사항ID) 열 이름을 두세요.",
        )
