"""The rule loader: dated values, and loud failures naming the file and key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from balju import rules
from balju.errors import RuleError
from balju.rules.loader import _load_cached

GOOD = """description: 시험 규칙
type: int
values:
  2020-01-01: {value: 1, verified: true, reference: 시험 근거 A}
  2024-05-13: {value: 2, verified: false, reference: 시험 근거 B}
"""


def _write(tmp_path: Path, text: str, name: str = "t/x.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _load_cached.cache_clear()
    return tmp_path


def test_value_in_force_on_a_day(tmp_path):
    data = _write(tmp_path, GOOD)
    assert rules.at("2024-05-12", data).value("t.x") == 1
    later = rules.at("2024-05-13", data)
    assert later.value("t.x") == 2
    assert [v.name for v in later.unverified_used()] == ["t.x"]
    assert "[미검증" in later.get("t.x").cite()
    with pytest.raises(RuleError, match="2020-01-01"):
        rules.at("2019-12-31", data).get("t.x")


@pytest.mark.parametrize(
    "text, where",
    [
        (GOOD.replace("reference: 시험 근거 A", "reference: ''"), "values.2020-01-01.reference"),
        (GOOD.replace("verified: true, ", ""), "values.2020-01-01.verified"),
        (GOOD.replace("value: 1,", "value: 1.5,"), "values.2020-01-01.value"),
        (GOOD.replace("2020-01-01:", "2020-13-01:"), "values.2020-13-01"),
        (GOOD.replace("description: 시험 규칙\n", ""), "description"),
        (GOOD.replace("type: int", "type: money"), "type"),
        ("description: x\nvalues: {}\n", "values"),
    ],
)
def test_invalid_files_fail_at_load_with_file_and_key(tmp_path, text, where):
    data = _write(tmp_path, text)
    with pytest.raises(RuleError) as error:
        rules.load(data)
    assert error.value.file.endswith("x.yaml")
    assert error.value.where == where


def test_unparseable_yaml_names_the_file(tmp_path):
    data = _write(tmp_path, "description: [unclosed\n")
    with pytest.raises(RuleError) as error:
        rules.load(data)
    assert error.value.file.endswith("x.yaml")


def test_shipped_rules_all_load_and_cite():
    loaded = rules.load()
    assert "cost.fp_unit_price" in loaded
    for name, parameter in loaded.items():
        for entry in parameter.history:
            assert entry.reference, name
            assert isinstance(entry.since, dt.date), name


def test_unknown_rule_name():
    with pytest.raises(RuleError, match="no rule named"):
        rules.at("2025-01-01").get("cost.nothing")
