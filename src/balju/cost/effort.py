"""Effort-based prices (투입공수 방식): roles × person-months/days/hours at the KOSA average wage.

rules.md 1.7::

    직접인건비 = Σ 직무별 SW기술자 평균임금(월·일·시간) × 투입량 (× 인원)
    제경비     = 직접인건비 × 제경비율           (effort.overhead_rate: 범위, 개정판별)
    기술료     = (직접인건비 + 제경비) × 기술료율  (effort.tech_fee_rate: 20~40%)
    사업대가   = 직접인건비 + 제경비 + 기술료 + 직접경비        (부가세 별도)

Wages are ``wages.average_wage`` of the year of the 기준일 (KOSA applies a table from 1 January
to 31 December). Where KOSA's published value of the unit asked is not known (2026: only daily
wages; 2024: a few roles), balju refuses by default. With ``allow_derived=True`` it derives the
value the way KOSA computes it (일평균 = 월평균 ÷ 근무일수, 시간평균 = 일평균 ÷ 8; so 월평균 ≈
일평균 × 근무일수), marks the line unverified and says so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable

import yaml

from balju.cost.priced import (
    INPUT_REFERENCE,
    PriceLine,
    PriceResult,
    RuleTracker,
    add_vat,
    finish,
    number,
    percent,
    rule_line,
    won,
)
from balju.errors import InputError
from balju.rules import Rules

UNITS = {"MM": "monthly", "MD": "daily", "MH": "hourly"}
UNIT_NAMES = {"MM": "월(M/M)", "MD": "일(M/D)", "MH": "시간(M/H)"}
_UNIT_ALIASES = {
    "MM": "MM", "M/M": "MM", "월": "MM", "개월": "MM", "인월": "MM",
    "MD": "MD", "M/D": "MD", "일": "MD", "인일": "MD",
    "MH": "MH", "M/H": "MH", "시간": "MH", "인시": "MH",
}

PURPOSES = {
    "개발": "개발", "development": "개발", "sw개발": "개발",
    "운영": "운영", "operation": "운영",
    "유지관리": "유지관리", "maintenance": "유지관리",
    "devops": "DevOps",
    "isp": "ISP", "ismp": "ISMP", "ea": "EA",
    "컨설팅": "컨설팅", "consulting": "컨설팅",
    "기타": "기타", "other": "기타",
}

MAX_RATE_PERCENT = 1000


@dataclass(frozen=True)
class Assignment:
    """One role's effort (직무별 투입량): ``quantity`` of ``unit`` for each of ``people``."""

    role: str
    quantity: Decimal
    unit: str = "MM"
    people: int = 1
    source: str | None = None
    """Where it came from, for error messages: ``--role`` or ``roles.csv 3행``."""


def parse_quantity(text: str, *, where: str, file: str | None = None) -> tuple[Decimal, str]:
    """``'3MM'`` → (3, 'MM'); ``'60 MD'``, ``'2.5 M/M'``, ``'10시간'`` also work."""
    match = re.fullmatch(r"\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Za-z/가-힣]*)\s*", str(text))
    unit = _UNIT_ALIASES.get(match.group(2).upper()) if match and match.group(2) else None
    if not match or unit is None:
        raise InputError(
            f"투입량 '{text}'을(를) 읽을 수 없습니다 (cannot read the effort quantity).",
            file=file,
            where=where,
            fix="숫자 뒤에 단위를 붙이세요: 3MM(인월), 60MD(인일), 16MH(인시). 예: 응용SW개발자=3MM",
        )
    quantity = Decimal(match.group(1).replace(",", ""))
    if quantity <= 0:
        raise InputError(
            f"투입량 '{text}'은(는) 0보다 커야 합니다 (quantity must be positive).",
            file=file,
            where=where,
            fix="0보다 큰 투입량을 적으세요.",
        )
    return quantity, unit


def parse_role_option(text: str) -> Assignment:
    """``'응용SW개발자=3MM'`` (or ``'응용SW개발자=3MM×2'`` for two people) → an :class:`Assignment`."""
    role, sep, rest = str(text).partition("=")
    if not sep or not role.strip() or not rest.strip():
        raise InputError(
            f"--role '{text}'의 형식이 틀렸습니다 (expected ROLE=QUANTITY).",
            where="--role",
            fix="--role 응용SW개발자=3MM 처럼 '직무=투입량단위'로 적으세요. 두 명이면 3MM*2.",
        )
    people = 1
    quantity_text = rest
    split = re.split(r"\s*[x×*]\s*", rest.strip(), maxsplit=1)
    if len(split) == 2:
        quantity_text, people_text = split
        people = _parse_people(people_text, where=f"--role {text}")
    quantity, unit = parse_quantity(quantity_text, where=f"--role {text}")
    return Assignment(role.strip(), quantity, unit, people, source=f"--role {text}")


def _parse_people(text, *, where: str, file: str | None = None) -> int:
    try:
        people = int(str(text).strip())
    except ValueError:
        people = 0
    if people < 1:
        raise InputError(
            f"인원 '{text}'은(는) 1 이상의 정수여야 합니다 (people must be a whole number >= 1).",
            file=file,
            where=where,
            fix="인원을 1, 2, 3 … 처럼 적으세요.",
        )
    return people


_COLUMNS = {
    "role": ("role", "직무", "역할"),
    "quantity": ("quantity", "투입량", "공수", "투입공수"),
    "unit": ("unit", "단위"),
    "people": ("people", "인원", "인원수"),
}


def read_assignments(path: str | Path) -> list[Assignment]:
    """Read roles and efforts from a YAML or CSV file.

    CSV: a header row with 직무(role), 투입량(quantity), 단위(unit, optional if the quantity has
    one, e.g. ``3MM``), 인원(people, optional). YAML: a list of ``{role, quantity, unit, people}``
    (Korean keys too), or a mapping ``응용SW개발자: 3MM``.
    """
    file = str(path)
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            "투입공수 파일이 없습니다 (roles file not found).",
            file=file,
            fix="파일 경로를 확인하세요.",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"투입공수 파일을 읽을 수 없습니다 (cannot read the roles file): {exc}",
            file=file,
            fix="UTF-8로 저장된 .csv 또는 .yaml 파일을 주세요.",
        ) from None
    suffix = p.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(text, file)
    elif suffix in (".yaml", ".yml"):
        rows = _yaml_rows(text, file)
    else:
        raise InputError(
            f"투입공수 파일 형식 '{p.suffix}'은(는) 지원하지 않습니다 (unsupported roles file type).",
            file=file,
            fix=".csv 또는 .yaml 파일을 주세요.",
        )
    if not rows:
        raise InputError(
            "투입공수 파일에 직무가 하나도 없습니다 (no roles in the file).",
            file=file,
            fix="직무,투입량,단위 머리행 아래에 한 줄에 한 직무씩 적으세요.",
        )
    return [_row_assignment(row, where, file) for row, where in rows]


def _csv_rows(text: str, file: str) -> list[tuple[dict, str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    mapping = {}
    for key, names in _COLUMNS.items():
        for h_raw, h in zip(reader.fieldnames or [], header):
            if h.lower() in names:
                mapping[key] = h_raw
    for key in ("role", "quantity"):
        if key not in mapping:
            raise InputError(
                f"CSV 머리행에 '{_COLUMNS[key][1]}({key})' 열이 없습니다 (missing column).",
                file=file,
                where="1행 (header)",
                fix="머리행을 '직무,투입량,단위,인원' 또는 'role,quantity,unit,people'로 적으세요.",
            )
    rows = []
    for number_, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        rows.append(({k: (raw.get(h) or "").strip() for k, h in mapping.items()}, f"{number_}행"))
    return rows


def _yaml_rows(text: str, file: str) -> list[tuple[dict, str]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(
            f"YAML을 읽을 수 없습니다 (cannot parse YAML): {exc}",
            file=file,
            fix="YAML 문법을 확인하세요. 예: '- {직무: 응용SW개발자, 투입량: 3, 단위: MM}'",
        ) from None
    if isinstance(data, dict) and "roles" in data:
        data = data["roles"]
    rows = []
    if isinstance(data, dict):
        for i, (role, quantity) in enumerate(data.items(), start=1):
            rows.append(({"role": str(role), "quantity": str(quantity)}, f"{i}번째 항목 ({role})"))
        return rows
    if not isinstance(data, list):
        raise InputError(
            "YAML 최상위는 직무 목록이어야 합니다 (top level must be a list of roles).",
            file=file,
            fix="'- {직무: 응용SW개발자, 투입량: 3, 단위: MM}' 또는 '응용SW개발자: 3MM' 형식으로 적으세요.",
        )
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InputError(
                "각 항목은 {직무, 투입량, 단위, 인원} 형식이어야 합니다 (each item must be a mapping).",
                file=file,
                where=f"{i}번째 항목",
                fix="'- {직무: 응용SW개발자, 투입량: 3, 단위: MM}'처럼 적으세요.",
            )
        row = {}
        for key, names in _COLUMNS.items():
            for name, value in item.items():
                if str(name).strip().lower() in names and value is not None:
                    row[key] = str(value).strip()
        rows.append((row, f"{i}번째 항목"))
    return rows


def _row_assignment(row: dict, where: str, file: str) -> Assignment:
    role = row.get("role", "")
    if not role:
        raise InputError(
            "직무(role)가 비었습니다 (empty role).",
            file=file,
            where=where,
            fix="직무 17종 중 하나를 적으세요. 예: 응용SW개발자",
        )
    quantity_text = row.get("quantity", "")
    unit_text = row.get("unit", "")
    if unit_text:
        quantity_text = f"{quantity_text}{unit_text}"
    quantity, unit = parse_quantity(quantity_text, where=f"{where} 투입량", file=file)
    people = _parse_people(row["people"], where=f"{where} 인원", file=file) if row.get("people") else 1
    return Assignment(role, quantity, unit, people, source=f"{Path(file).name} {where}")


def _key(name: str) -> str:
    return re.sub(r"[\s·ㆍ/・]", "", name).lower()


def resolve_role(name: str, rules: Rules, *, source: str | None = None) -> tuple[str, str | None]:
    """The canonical KOSA role for ``name`` and a note when it was an included duty (포함직무)."""
    roles = rules.value("wages.roles")
    key = _key(name)
    for role, duties in roles.items():
        if _key(role) == key:
            return role, None
    for role, duties in roles.items():
        for duty in duties or []:
            if _key(duty) == key:
                return role, f"'{name}'은(는) '{role}'의 포함직무이므로 {role} 임금을 적용했습니다."
    raise InputError(
        f"직무 '{name}'은(는) SW기술자 평균임금 직무 17종에 없습니다 (unknown role).",
        where=source,
        fix="다음 중 하나로 적으세요: " + ", ".join(roles),
    )


@dataclass(frozen=True)
class Wage:
    """One role's wage per unit, and whether it was published or derived."""

    role: str
    unit: str
    amount: int
    formula: str
    derived: bool


def wage(role: str, unit: str, tracker: RuleTracker, *, allow_derived: bool = False,
         source: str | None = None) -> Wage:
    """The KOSA average wage of ``role`` per ``unit`` (MM/MD/MH) in the tracker's year."""
    wage_rule = tracker.get("wages.average_wage")
    table = wage_rule.value
    published = table[role]
    key = UNITS[unit]
    year = wage_rule.since.year
    if published.get(key) is not None:
        return Wage(role, unit, int(published[key]), f"{year}년 적용 공표값", False)
    if not allow_derived:
        known = [u for u, k in UNITS.items() if published.get(k) is not None]
        raise InputError(
            f"{year}년 적용 평균임금에서 '{role}'의 {UNIT_NAMES[unit]} 값은 공표값을 확인하지 못했습니다 "
            f"(the {UNITS[unit]} wage of this role for {year} is not known).",
            where=source,
            fix=(f"확인된 단위({', '.join(known)})로 투입량을 적거나, " if known else "")
            + "일평균×근무일수 같은 추정값(미검증)을 쓰려면 --allow-derived를 지정하세요.",
        )
    days_rule = tracker.get("wages.working_days")
    hours_rule = tracker.get("wages.hours_per_day")
    rounding = "wages.derivation_rounding"
    mode = tracker.get(rounding).value["mode"]
    days, hours = Decimal(days_rule.value), Decimal(hours_rule.value)
    monthly, daily = published.get("monthly"), published.get("daily")
    if unit == "MM" and daily is not None:
        amount = tracker.round(Decimal(daily) * days, rounding)
        formula = f"일평균 {won(daily)} × 근무일수 {number(days)}일 → {won(amount)} ({mode}, 추정)"
    elif unit == "MD" and monthly is not None:
        amount = tracker.round(Decimal(monthly) / days, rounding)
        formula = f"월평균 {won(monthly)} ÷ 근무일수 {number(days)}일 → {won(amount)} ({mode}, 추정)"
    elif unit == "MH" and (daily is not None or monthly is not None):
        if daily is None:
            daily = tracker.round(Decimal(monthly) / days, rounding)
        amount = tracker.round(Decimal(daily) / hours, rounding)
        formula = f"일평균 {won(daily)} ÷ {hours}시간 → {won(amount)} ({mode}, 추정)"
    else:
        raise InputError(
            f"{year}년 적용 평균임금에서 '{role}'의 값을 하나도 확인하지 못해 환산할 수 없습니다 "
            f"(no published wage of this role for {year}).",
            where=source,
            fix="다른 기준일(--as-of, 예: 2025-06-30)을 쓰거나 공표표로 규칙 파일 "
            "wages/average_wage.yaml을 채우세요.",
        )
    return Wage(role, unit, amount, formula, True)


def effort_price(
    assignments: Iterable[Assignment],
    rules: Rules,
    *,
    overhead_rate: Decimal | int | None = None,
    tech_fee_rate: Decimal | int | None = None,
    direct_expenses: int = 0,
    purpose: str | None = None,
    exception: int | None = None,
    allow_derived: bool = False,
) -> PriceResult:
    """투입공수 방식 대가. Rates are percents (150 = 150%); by default the range's lower bound."""
    assignments = list(assignments)
    if not assignments:
        raise InputError(
            "투입 직무가 하나도 없습니다 (no roles given).",
            where="--role / ROLES_FILE",
            fix="--role 응용SW개발자=3MM 처럼 직무와 투입량을 주거나 투입공수 파일(.csv/.yaml)을 주세요.",
        )
    if not isinstance(direct_expenses, int) or isinstance(direct_expenses, bool) or direct_expenses < 0:
        raise InputError(
            f"직접경비 '{direct_expenses}'은(는) 0 이상인 정수 원이어야 합니다 (direct expenses).",
            where="--direct-expenses",
            fix="--direct-expenses 1335600 처럼 쉼표 없이 원 단위로 적으세요.",
        )
    purpose_name = _purpose(purpose)
    tracker = RuleTracker(rules)
    rounding = "effort.rounding"
    mode = tracker.get(rounding).value["mode"]
    wage_rule = tracker.get("wages.average_wage")
    result = PriceResult(kind="effort", title="투입공수 방식 대가", as_of=rules.day)
    if purpose_name:
        result.title += f" ({purpose_name})"
    if wage_rule.since.year != rules.day.year:
        result.warnings.append(
            f"기준일 {rules.day.isoformat()}의 연도에 적용할 평균임금이 규칙 데이터에 없어 "
            f"{wage_rule.since.year}년 적용분을 썼습니다 (no wage table for {rules.day.year}). "
            "KOSA 공표표로 wages/average_wage.yaml을 갱신하세요."
        )

    labour = 0
    for item in assignments:
        role, note = resolve_role(item.role, rules, source=item.source)
        if note:
            result.notes.append(note)
        w = wage(role, item.unit, tracker, allow_derived=allow_derived, source=item.source)
        amount = tracker.round(Decimal(w.amount) * item.quantity * item.people, rounding)
        labour += amount
        people = f" × {item.people}명" if item.people != 1 else ""
        formula = (
            f"{won(w.amount)}/{UNIT_NAMES[item.unit]} × {number(item.quantity)}{item.unit}{people}"
            f" = {won(amount)}"
        )
        if w.derived:
            formula += f" [임금 {w.formula}]"
            result.warnings.append(
                f"'{role}'의 {UNIT_NAMES[item.unit]} 임금은 공표값이 아니라 추정값입니다: {w.formula} "
                "(derived wage, not published — verify against the KOSA table)."
            )
        key = f"labour.{role}.{item.unit}"
        taken = {line.key for line in result.lines}
        if key in taken:
            key = next(f"{key}#{n}" for n in range(2, len(taken) + 3) if f"{key}#{n}" not in taken)
        result.lines.append(
            rule_line(
                key,
                f"직접인건비: {role}" + (f" ({item.role})" if item.role != role else ""),
                amount,
                formula,
                wage_rule,
                verified=wage_rule.verified and not w.derived,
            )
        )
    result.lines.append(
        PriceLine("labour", "직접인건비 합계", labour, "Σ 직무별 인건비", "합계 (sum)", subtotal=True)
    )

    overhead_rule = tracker.get("effort.overhead_rate")
    o_rate = _rate(overhead_rate, overhead_rule, "--overhead-rate", "제경비율", result)
    overhead = tracker.round(Decimal(labour) * o_rate / 100, rounding)
    result.lines.append(
        rule_line(
            "overhead",
            "제경비",
            overhead,
            f"{won(labour)} × {percent(o_rate)} = {won(overhead)} "
            f"(범위 {overhead_rule.value['min']}~{overhead_rule.value['max']}%)",
            overhead_rule,
        )
    )
    fee_rule = tracker.get("effort.tech_fee_rate")
    f_rate = _rate(tech_fee_rate, fee_rule, "--tech-fee-rate", "기술료율", result)
    base = labour + overhead
    fee = tracker.round(Decimal(base) * f_rate / 100, rounding)
    result.lines.append(
        rule_line(
            "tech_fee",
            "기술료",
            fee,
            f"({won(labour)} + {won(overhead)}) × {percent(f_rate)} = {won(fee)} "
            f"(범위 {fee_rule.value['min']}~{fee_rule.value['max']}%)",
            fee_rule,
        )
    )
    result.lines.append(
        PriceLine("direct_expenses", "직접경비", direct_expenses, "실비 (rules.md 1.9)", INPUT_REFERENCE)
    )
    result.total = labour + overhead + fee + direct_expenses
    result.lines.append(
        PriceLine(
            "total",
            "사업대가 합계 (부가세 별도)",
            result.total,
            f"{won(labour)} + {won(overhead)} + {won(fee)} + {won(direct_expenses)}",
            "합계 (sum)",
            subtotal=True,
        )
    )
    add_vat(result, tracker, rounding)
    result.notes.append(f"반올림: 직무별 인건비·제경비·기술료·부가세마다 원 단위 {mode}.")
    if any(not line.verified for line in result.lines if line.key.startswith("labour.")):
        result.notes.append(
            f"평균임금: {wage_rule.cite()} — {wage_rule.note or ''}".rstrip(" —")
        )
    days_note = _working_days_note(rules, wage_rule.since.year)
    if days_note:
        result.notes.append(days_note)
    if exception is not None and purpose_name != "개발":
        result.notes.append(
            f"--exception {exception}은(는) SW개발(--purpose 개발)을 투입공수로 산정할 때만 봅니다."
        )
    _purpose_checks(result, tracker, purpose_name, exception)
    return finish(result, tracker)


def _working_days_note(rules: Rules, year: int) -> str | None:
    """The year's working days (월평균 ÷ 근무일수 = 일평균), shown so 1MM can be read in days."""
    from balju.errors import RuleError

    try:
        days = rules.get("wages.working_days")
    except RuleError:
        return None
    mark = "" if days.verified else " (미검증)"
    return f"{year}년 적용 평균임금의 월 근무일수 {number(days.value)}일{mark}: 일평균 = 월평균 ÷ 근무일수 ({days.cite()})"


def _purpose(purpose: str | None) -> str | None:
    if purpose is None or not str(purpose).strip():
        return None
    name = PURPOSES.get(str(purpose).strip().lower())
    if name is None:
        raise InputError(
            f"사업 성격 '{purpose}'을(를) 알 수 없습니다 (unknown purpose).",
            where="--purpose",
            fix="개발·운영·유지관리·DevOps·ISP·ISMP·EA·컨설팅·기타 중 하나로 적으세요.",
        )
    return name


def _rate(given, rule, option: str, name: str, result: PriceResult) -> Decimal:
    low, high = Decimal(rule.value["min"]), Decimal(rule.value["max"])
    if given is None:
        result.notes.append(
            f"{name}을 지정하지 않아 가이드 범위({low}~{high}%)의 하한 {low}%를 썼습니다 "
            f"({option} not given: used the lower bound)."
        )
        return low
    try:
        rate = Decimal(str(given).strip().rstrip("%"))
    except InvalidOperation:
        rate = Decimal(-1)
    if not rate.is_finite() or rate < 0 or rate > MAX_RATE_PERCENT:
        raise InputError(
            f"{name} '{given}'은(는) 0~{MAX_RATE_PERCENT} 사이의 백분율이어야 합니다 (rate in percent).",
            where=option,
            fix=f"{option} {low} 처럼 백분율 숫자로 적으세요 (가이드 범위 {low}~{high}%).",
        )
    if not low <= rate <= high:
        result.warnings.append(
            f"{name} {percent(rate)}는 가이드 범위 {low}~{high}%를 벗어납니다 "
            f"({option} outside the guide's range). 근거: {rule.cite()}"
        )
    return rate


def _purpose_checks(result: PriceResult, tracker: RuleTracker, purpose: str | None,
                    exception: int | None) -> None:
    exceptions_rule = tracker.get("effort.fp_exceptions")
    exceptions = {int(k): v for k, v in exceptions_rule.value.items()}
    if exception is not None and exception not in exceptions:
        raise InputError(
            f"예외 번호 '{exception}'이(가) 없습니다 (no such exception).",
            where="--exception",
            fix="가이드 2.1.5의 1~5 중 하나: "
            + "; ".join(f"{k}. {v}" for k, v in sorted(exceptions.items())),
        )
    if purpose == "개발":
        limit_rule = tracker.get("effort.small_budget_limit")
        limit = int(limit_rule.value)
        small = result.total_with_vat < limit
        listing = "; ".join(f"{k}. {v}" for k, v in sorted(exceptions.items()))
        if exception == 5 and not small:
            result.warnings.append(
                f"예외 5(예산 {won(limit)} 미만)를 들었지만 사업금액(부가세 포함)이 "
                f"{won(result.total_with_vat)}입니다. 기능점수 방식으로 산정해야 합니다 "
                f"(exception 5 does not hold). 근거: {limit_rule.cite()}"
            )
        elif exception is not None:
            result.notes.append(
                f"투입공수 방식 예외 {exception}: {exceptions[exception]} — 근거를 과업내용서에 "
                f"적으세요. ({exceptions_rule.cite()})"
            )
        elif small:
            result.notes.append(
                f"사업금액(부가세 포함) {won(result.total_with_vat)}이 {won(limit)} 미만이라 "
                f"예외 5에 해당합니다. ({limit_rule.cite()})"
            )
        else:
            result.warnings.append(
                "SW개발을 투입공수 방식으로 산정했습니다. 가이드는 기능점수 방식을 원칙으로 하고 "
                f"다음 5종만 투입공수 방식을 허용합니다: {listing}. 해당하면 --exception N으로 "
                "밝히고, 아니면 기능점수 방식(balju estimate)으로 산정하세요 "
                f"(FP-priceable development priced by effort). 근거: {exceptions_rule.cite()}"
            )
    elif purpose in ("ISP", "ISMP", "EA"):
        rule = tracker.get("effort.planning_method")
        result.notes.append(f"{purpose}: {rule.value[purpose]} ({rule.cite()})")
    elif purpose in ("운영", "DevOps"):
        rule = tracker.get("effort.operation_method")
        text = rule.value.get(purpose) or rule.value["운영"]
        result.notes.append(f"{purpose}: {text} ({rule.cite()})")


def wage_table(rules: Rules) -> dict:
    """The KOSA wage table in force on the rules' day, as plain data (17 roles; None = unknown)."""
    from balju.errors import RuleError

    rule = rules.get("wages.average_wage")
    try:
        days_rule = rules.get("wages.working_days")
        days, days_reference = str(days_rule.value), days_rule.cite()
    except RuleError:
        days, days_reference = None, "근무일수 미확인 (rules.md 2.1)"
    return {
        "year": rule.since.year,
        "as_of": rules.day.isoformat(),
        "roles": [
            {"role": role, **{k: (None if v is None else int(v)) for k, v in values.items()}}
            for role, values in rule.value.items()
        ],
        "working_days": days,
        "working_days_reference": days_reference,
        "reference": rule.cite(),
        "verified": rule.verified,
        "note": rule.note,
    }
