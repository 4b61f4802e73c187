"""Rules as dated data (규칙 데이터): every number of the guide and the law, with its source.

Each YAML file under ``data/`` is one parameter. Its name is its path with dots
(``data/cost/fp_unit_price.yaml`` → ``cost.fp_unit_price``). Values are keyed by the date from
which they are in force; each carries the reference it came from and whether it was verified::

    description: 기능점수당 단가
    unit: KRW
    type: int
    values:
      2024-05-13: {value: 605784, verified: true, reference: "SW사업 대가산정 가이드 2024 …"}

``at(day)`` gives the rules in force on a day. Files are checked when loaded: a malformed file
fails with its path and key, never later with a wrong number.
"""

from __future__ import annotations

from balju.rules.loader import Parameter, RuleValue, Rules, at, load

__all__ = ["Parameter", "RuleValue", "Rules", "at", "load"]
