"""Loading, validating and dating the parameter files (규칙 파일 읽기·검증)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml

from balju.errors import InputError, RuleError

DATA_DIR = Path(__file__).parent / "data"
VALUE_TYPES = ("int", "decimal", "table", "text", "any")


class _DecimalLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML loader that reads 0.4057 as Decimal('0.4057'), never as a binary float.

    On libyaml's parser when PyYAML has it (the rule files load in 0.02 s instead of 0.13 s: a
    cold `balju review` pays this once); the same constructors, so the same values either way.
    """


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)
# Dates stay text so that a bad one (2020-13-01) is reported with its key, not as a YAML crash.
_DecimalLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass(frozen=True)
class DatedValue:
    since: dt.date
    value: Any
    reference: str
    verified: bool
    note: str | None = None


@dataclass(frozen=True)
class Parameter:
    """One rule parameter with its whole history (규칙 항목)."""

    name: str
    description: str
    unit: str | None
    type: str
    history: tuple[DatedValue, ...]
    file: str

    def at(self, day: dt.date) -> DatedValue | None:
        found = None
        for entry in self.history:
            if entry.since <= day:
                found = entry
        return found


@dataclass(frozen=True)
class RuleValue:
    """A parameter's value in force on a day, with where it came from (적용 규칙값)."""

    name: str
    value: Any
    since: dt.date
    reference: str
    verified: bool
    description: str
    unit: str | None = None
    note: str | None = None

    def cite(self) -> str:
        """The reference as shown beside a number, marked when unverified."""
        mark = "" if self.verified else " [미검증 UNVERIFIED]"
        return f"{self.reference} ({self.since.isoformat()} 시행){mark}"


@dataclass
class Rules:
    """The rules in force on one day (기준일의 규칙). Remembers which ones were used."""

    day: dt.date
    parameters: dict[str, Parameter]
    used: dict[str, RuleValue] = field(default_factory=dict)

    def get(self, name: str) -> RuleValue:
        param = self.parameters.get(name)
        if param is None:
            raise RuleError(
                f"규칙 '{name}'이(가) 없습니다 (no rule named '{name}').",
                file=str(DATA_DIR),
                fix="규칙 데이터 파일 이름을 확인하세요.",
            )
        entry = param.at(self.day)
        if entry is None or entry.value is None:
            first = param.history[0].since.isoformat()
            raise RuleError(
                f"{self.day.isoformat()}에 시행 중인 '{param.description}' 값이 없습니다 "
                f"(no value of '{name}' in force on {self.day.isoformat()}; "
                f"the earliest is {first}).",
                file=param.file,
                fix=f"기준일(--as-of)을 {first} 이후로 지정하세요.",
            )
        value = RuleValue(
            name=name,
            value=entry.value,
            since=entry.since,
            reference=entry.reference,
            verified=entry.verified,
            description=param.description,
            unit=param.unit,
            note=entry.note,
        )
        self.used[name] = value
        return value

    def value(self, name: str) -> Any:
        return self.get(name).value

    def __contains__(self, name: str) -> bool:
        return name in self.parameters

    def names(self, prefix: str = "") -> Iterator[str]:
        return (n for n in sorted(self.parameters) if n.startswith(prefix))

    def unverified_used(self) -> list[RuleValue]:
        return [v for v in self.used.values() if not v.verified]


def at(day: dt.date | str | None = None, data_dir: Path | None = None) -> Rules:
    """The rules in force on ``day`` (default: today)."""
    if day is None:
        day = dt.date.today()
    elif isinstance(day, str):
        day = parse_date(day)
    return Rules(day=day, parameters=load(data_dir))


def parse_date(text: str, *, file: str | None = None, where: str | None = None) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise RuleError(
            f"날짜 '{text}'을(를) 읽을 수 없습니다 (not a date).",
            file=file,
            where=where,
            fix="YYYY-MM-DD 형식으로 적으세요. 예: 2024-05-13",
        ) from None


def parse_as_of(value: dt.date | str | None, where: str = "--as-of") -> dt.date | None:
    """A user's 기준일: a date, 'YYYY-MM-DD' or None (None stays None: the caller picks the default)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            f"기준일 '{value}'을(를) 읽을 수 없습니다 (not a date).",
            where=where,
            fix="YYYY-MM-DD 형식으로 적으세요. 예: 2025-03-01",
        ) from None


def load(data_dir: Path | None = None) -> dict[str, Parameter]:
    """Every parameter under ``data_dir``, validated. Cached per directory."""
    return dict(_load_cached(str(data_dir or DATA_DIR)))


@lru_cache(maxsize=8)
def _load_cached(data_dir: str) -> tuple[tuple[str, Parameter], ...]:
    root = Path(data_dir)
    if not root.is_dir():
        raise RuleError(f"규칙 폴더가 없습니다 (rule folder missing): {root}", file=str(root))
    params = []
    for path in sorted(root.rglob("*.yaml")):
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        params.append((name, _load_file(path, name)))
    if not params:
        raise RuleError(f"규칙 파일이 하나도 없습니다 (no rule files) in {root}", file=str(root))
    return tuple(params)


def _load_file(path: Path, name: str) -> Parameter:
    file = str(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_DecimalLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(f"규칙 파일을 읽을 수 없습니다 (cannot parse): {exc}", file=file) from None
    if not isinstance(raw, dict):
        raise RuleError("규칙 파일의 최상위는 key: value 목록이어야 합니다.", file=file)
    description = _require(raw, "description", str, file, "description")
    value_type = raw.get("type", "any")
    if value_type not in VALUE_TYPES:
        raise RuleError(
            f"type은 {', '.join(VALUE_TYPES)} 중 하나여야 합니다 (got {value_type!r}).",
            file=file,
            where="type",
        )
    values = _require(raw, "values", dict, file, "values")
    if not values:
        raise RuleError("values에 값이 하나도 없습니다 (no dated values).", file=file, where="values")
    history = []
    for since, entry in values.items():
        key = f"values.{since}"
        if isinstance(since, str):
            since = parse_date(since, file=file, where=key)
        if not isinstance(since, dt.date):
            raise RuleError("values의 키는 시행일(YYYY-MM-DD)이어야 합니다.", file=file, where=key)
        if not isinstance(entry, dict):
            raise RuleError("값 항목은 {value, reference, verified} 형식이어야 합니다.", file=file, where=key)
        if "value" not in entry:
            raise RuleError("value가 없습니다 (missing value).", file=file, where=f"{key}.value")
        reference = _require(entry, "reference", str, file, f"{key}.reference")
        verified = _require(entry, "verified", bool, file, f"{key}.verified")
        _check_type(entry["value"], value_type, file, f"{key}.value")
        history.append(
            DatedValue(since, entry["value"], reference.strip(), verified, entry.get("note"))
        )
    history.sort(key=lambda e: e.since)
    return Parameter(name, description.strip(), raw.get("unit"), value_type, tuple(history), file)


def _require(mapping: dict, key: str, kind: type, file: str, where: str) -> Any:
    value = mapping.get(key)
    if value is None or not isinstance(value, kind) or (kind is str and not value.strip()):
        raise RuleError(
            f"'{key}'이(가) 없거나 형식이 틀렸습니다 (missing or not {kind.__name__}).",
            file=file,
            where=where,
        )
    return value


def _check_type(value: Any, value_type: str, file: str, where: str) -> None:
    if value is None:  # a rule repealed from this date
        return
    ok = {
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "decimal": lambda v: isinstance(v, (int, Decimal)) and not isinstance(v, bool),
        "table": lambda v: isinstance(v, (dict, list)) and _all_leaves_plain(v),
        "text": lambda v: isinstance(v, str),
        "any": lambda v: True,
    }[value_type]
    if not ok(value):
        raise RuleError(
            f"값의 형식이 '{value_type}'이 아닙니다 (value is not {value_type}): {value!r}",
            file=file,
            where=where,
        )


def _all_leaves_plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_all_leaves_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_all_leaves_plain(v) for v in value)
    return isinstance(value, (int, Decimal, str, bool)) or value is None
