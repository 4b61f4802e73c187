"""The requirement vocabulary read from the rule data (요구사항 사전: 규칙 데이터에서 읽음)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from balju import rules as _rules


def _key(text: str) -> str:
    """A label as compared: no spaces, line breaks, bold marks, colons or bullets."""
    return re.sub(r"[\s*:：·•○●▪■□◦❍\-–]", "", text or "")


@dataclass(frozen=True)
class Vocabulary:
    prefixes: dict[str, tuple[str, str]]
    """prefix → (국문 이름, 표준 분류)."""
    labels: dict[str, str]
    """label key → field (id, category, name, definition, details, outputs, related, source, container)."""
    category_keywords: dict[str, list[str]]
    required: dict[str, dict]
    perf_units: list[str]
    perf_keywords: list[str]
    vague: list[dict]
    max_bullets: int
    max_names: int
    references: dict[str, str]

    def label(self, text: str) -> str | None:
        if not text or len(text) > 40:
            return None
        return self.labels.get(_key(text))

    def standard(self, prefix: str | None) -> str | None:
        if not prefix:
            return None
        entry = self.prefixes.get(prefix)
        return entry[1] if entry else None


def load(day: dt.date | None = None) -> Vocabulary:
    return _load(day or dt.date.today())


@lru_cache(maxsize=4)
def _load(day: dt.date) -> Vocabulary:
    r = _rules.at(day)
    prefixes = {k: (v[0], v[1]) for k, v in r.value("requirements.id_prefixes").items()}
    labels: dict[str, str] = {}
    for field_name, words in r.value("requirements.detail_labels").items():
        for w in words:
            labels.setdefault(_key(w), field_name)
    perf = r.value("requirements.performance_units")
    names = [
        "requirements.id_prefixes",
        "requirements.vague_words",
        "requirements.required_categories",
        "requirements.performance_units",
        "requirements.multi_function_max_bullets",
        "requirements.multi_function_max_names",
        "requirements.category_keywords",
        "requirements.detail_labels",
    ]
    return Vocabulary(
        prefixes=prefixes,
        labels=labels,
        category_keywords=dict(r.value("requirements.category_keywords")),
        required=dict(r.value("requirements.required_categories")),
        perf_units=list(perf["units"]),
        perf_keywords=list(perf["keywords"]),
        vague=list(r.value("requirements.vague_words")),
        max_bullets=int(r.value("requirements.multi_function_max_bullets")),
        max_names=int(r.value("requirements.multi_function_max_names")),
        references={n: r.get(n).cite() for n in names},
    )
