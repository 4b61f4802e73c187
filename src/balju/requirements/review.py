"""Review of requirement quality (요구사항 품질 검토).

Checks (each a Finding with severity, requirement ID, quoted span, why and fix):

- ``req.vague-word``: vague or unmeasurable wording (등, 적절한, 신속하게 …), found by kiwipiepy
  morphology against the dictionary ``requirements.vague_words`` (lemma + part of speech), so
  등급·동등·적절성 are not taken for 등·적절한.
- ``req.perf-unmeasurable``: a performance requirement without a number and a unit.
- ``req.duplicate-id``: one ID given to two detailed requirements.
- ``req.id-mismatch``: an ID of the summary list without a detailed requirement, while the RFP has
  detailed tables (often a typo: MPR-004 in the list, MPRS-004 in the table).
- ``req.missing-category``: a requirement category the project type needs is absent.
- ``req.no-ids``: the RFP gives its requirements no IDs.
- ``req.multi-function``: several functions packed into one requirement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from balju.documents.heads import LIST_MARKS
from balju.documents.model import Document
from balju.findings import Finding
from balju.nlp import kiwi
from balju.requirements.model import Requirement
from balju.requirements.vocab import Vocabulary, load

_BULLET_LINE = re.compile(rf"^\s*(?:[{LIST_MARKS}]|\d{{1,2}}[.)]\s|[가-하][.)]\s|\(\d{{1,2}}\)|[①-⑳])")
_NAME_SPLIT = re.compile(r"\s*(?:\s및\s|,|·|ㆍ|、)\s*")
_SENTENCE = re.compile(r"[^\n.!?]*")


@dataclass(frozen=True)
class VagueHit:
    word: str
    kind: str
    fix: str
    start: int
    end: int


_Spec = tuple[str, frozenset]  # (lemma or "*", the POS tags it may carry)
_COMPILED: dict[int, list[tuple[dict, tuple[_Spec, ...]]]] = {}


def _compiled(vocab: Vocabulary) -> list[tuple[dict, tuple[_Spec, ...]]]:
    """The dictionary's patterns parsed once, longest first (so "가능한 한" is one hit)."""
    key = id(vocab.vague)
    if key not in _COMPILED:
        entries = sorted(vocab.vague, key=lambda e: -len(e["seq"]))
        _COMPILED[key] = [
            (e, tuple((str(spec[0]), frozenset(str(spec[1]).split("|"))) for spec in e["seq"])) for e in entries
        ]
    return _COMPILED[key]


def _token_matches(token, spec: _Spec) -> bool:
    lemma, tags = spec
    if token.tag not in tags:
        return False
    return lemma == "*" or lemma == token.form or lemma == getattr(token, "lemma", token.form)


def vague_words(text: str, vocab: Vocabulary | None = None, tokens: list | None = None) -> list[VagueHit]:
    """Vague expressions in ``text`` found by morphology (모호 표현 찾기).

    ``tokens``: Kiwi's analysis of ``text`` when the caller analysed many texts in one call."""
    vocab = vocab or load()
    if not text or not text.strip():
        return []
    if tokens is None:
        tokens = kiwi().tokenize(text)
    # Where each word starts, so a pattern is tried only where its first morpheme stands.
    starts: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        for word in {token.form, getattr(token, "lemma", token.form)}:
            starts.setdefault(word, []).append(i)
    everywhere = range(len(tokens))
    hits: list[VagueHit] = []
    taken: set[int] = set()
    for entry, seq in _compiled(vocab):
        first = seq[0][0]
        for i in everywhere if first == "*" else starts.get(first, ()):
            if i in taken or i + len(seq) > len(tokens):
                continue
            if all(_token_matches(tokens[i + k], seq[k]) for k in range(len(seq))):
                start = tokens[i].start
                last = tokens[i + len(seq) - 1]
                hits.append(VagueHit(entry["word"], entry["kind"], entry["fix"], start, last.start + last.len))
                taken.update(range(i, i + len(seq)))
    hits.sort(key=lambda h: h.start)
    return hits


_NUMBER_UNIT_CACHE: dict[tuple[str, ...], re.Pattern] = {}


def has_measure(text: str, vocab: Vocabulary | None = None) -> bool:
    """True when ``text`` has a number followed by a unit (3초, 99.5%, 1,000명, 100 TPS)."""
    vocab = vocab or load()
    key = tuple(vocab.perf_units)
    pattern = _NUMBER_UNIT_CACHE.get(key)
    if pattern is None:
        units = "|".join(re.escape(u) for u in sorted(key, key=len, reverse=True))
        # "예매 1일 전", "3일 후" are dates, not targets
        pattern = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:" + units + r")(?!\s*(?:전|후)(?:[\s,.)]|$))")
        _NUMBER_UNIT_CACHE[key] = pattern
    return bool(pattern.search(text or ""))


def is_performance(req: Requirement, vocab: Vocabulary | None = None) -> bool:
    vocab = vocab or load()
    if (req.standard_category or req.category) == "PER":
        return True
    if req.id is None:
        return any(k in req.name for k in vocab.perf_keywords)
    return False


def function_count(req: Requirement) -> tuple[int, int]:
    """(top-level bullet items in the details, function names joined in the name)."""
    bullets = sum(1 for line in (req.details or "").split("\n") if _BULLET_LINE.match(line))
    parts = [p for p in _NAME_SPLIT.split(req.name or "") if p.strip()]
    return bullets, len(parts)


def _quote(text: str, start: int, end: int, width: int = 40) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    a = max(a, line_start)
    b = min(b, line_end if line_end != -1 else len(text))
    return ("…" if a > line_start else "") + text[a:b].strip() + ("…" if b < (line_end if line_end != -1 else len(text)) else "")


def _norm(name: str) -> str:
    return re.sub(r"[\s·ㆍ]", "", name or "")


def _project_type(doc: Document | None, reqs: list[Requirement], vocab: Vocabulary) -> str | None:
    from balju.requirements.facts import extract_facts

    name = ""
    if doc is not None:
        name = extract_facts(doc).project_name.value or doc.properties.get("title", "") or ""
    prefixes = {r.standard_category for r in reqs}
    squeezed = name.replace(" ", "")
    with_id = [r for r in reqs if r.id]
    equipment = vocab.required.get("equipment")
    if equipment and with_id:
        share = sum(1 for r in with_id if r.standard_category == "ECR") / len(with_id)
        if share >= float(equipment.get("prefix_share", 1)) or any(
            k.replace(" ", "") in squeezed for k in equipment["keywords"]
        ):
            return "equipment"
    for kind in ("planning", "maintenance", "development"):
        if any(k.replace(" ", "") in squeezed for k in vocab.required[kind]["keywords"]):
            return kind
    # no word in the name: the requirement categories tell (MAR/MPR items: maintenance)
    if "MAR" in prefixes and "SFR" not in prefixes:
        return "maintenance"
    if "CSR" in prefixes and "SFR" not in prefixes:
        return "planning"
    return "development" if "SFR" in prefixes else None


def review(
    reqs: list[Requirement], doc: Document | None = None, *, day: dt.date | None = None
) -> list[Finding]:
    """Quality findings on the requirements of one RFP (요구사항 품질 검토 의견)."""
    vocab = load(day)
    refs = vocab.references
    findings: list[Finding] = []

    # vague wording: one finding per requirement and word; all texts analysed in one Kiwi call
    texts = [req.text for req in reqs if req.text and req.text.strip()]
    analysed = dict(zip(texts, kiwi().tokenize(texts))) if texts else {}
    for req in reqs:
        text = req.text
        per_word: dict[str, list[VagueHit]] = defaultdict(list)
        for hit in vague_words(text, vocab, analysed.get(text)):
            per_word[hit.word].append(hit)
        for word, hits in per_word.items():
            first = hits[0]
            severity = "info" if first.kind == "scope" else "warning"
            count = f" ({len(hits)}곳)" if len(hits) > 1 else ""
            findings.append(
                Finding(
                    code="req.vague-word",
                    severity=severity,
                    message=f"모호한 표현 '{word}'{count}: 검수 기준으로 쓸 수 없습니다 (vague wording).",
                    why="요구사항은 검수·시험할 수 있게 적어야 합니다. 이 표현은 사람마다 달리 읽혀 "
                    "과업 범위 다툼과 검수 거부의 원인이 됩니다 (rules.md 3.9 요구사항 상세화).",
                    fix=first.fix,
                    requirement_id=req.id,
                    quote=_quote(text, first.start, first.end),
                    where=req.where,
                    reference=refs["requirements.vague_words"],
                )
            )

    # performance requirements without a number and a unit
    for req in reqs:
        if req.kind == "list":  # only a name in the summary list: nothing to judge
            continue
        if is_performance(req, vocab) and not has_measure(req.text, vocab):
            findings.append(
                Finding(
                    code="req.perf-unmeasurable",
                    severity="warning",
                    message="성능 요구사항에 수치와 단위가 없습니다 (performance requirement without a number and unit).",
                    why="성능 요구사항은 응답시간·처리량·가용률처럼 잴 수 있는 목표값이 있어야 시험하고 검수할 수 있습니다.",
                    fix="목표값을 수치와 단위로 적으세요. 예: '조회 화면 응답시간 3초 이내(동시 사용자 500명)'.",
                    requirement_id=req.id,
                    quote=(req.name + " — " + (req.definition or req.details)[:80]).strip(" —"),
                    where=req.where,
                    reference=refs["requirements.performance_units"],
                )
            )

    # duplicate IDs among detailed requirements
    detailed = [r for r in reqs if r.id and r.kind == "detail"]
    counts = Counter(r.id for r in detailed)
    for rid, n in counts.items():
        if n > 1:
            places = [r for r in detailed if r.id == rid]
            names = " / ".join(dict.fromkeys(r.name for r in places if r.name))
            findings.append(
                Finding(
                    code="req.duplicate-id",
                    severity="error",
                    message=f"요구사항 ID {rid}가 {n}번 쓰였습니다 (duplicate requirement ID).",
                    why="ID가 겹치면 제안서 대응표·검수표에서 요구사항을 하나로 가리킬 수 없습니다.",
                    fix="겹치는 요구사항에 새 일련번호를 주고 총괄표·목록도 함께 고치세요.",
                    requirement_id=rid,
                    quote=names[:120],
                    where=", ".join(r.where for r in places),
                    reference=refs["requirements.id_prefixes"],
                )
            )

    # IDs of the summary list without a detailed requirement
    if detailed:
        listed_only = [r for r in reqs if r.kind == "list" and r.id]
        if 0 < len(listed_only) <= max(3, len(detailed) // 5):
            by_name = {_norm(r.name): r for r in detailed if r.name}
            for r in listed_only:
                twin = by_name.get(_norm(r.name))
                hint = f" 같은 명칭의 상세 표는 {twin.id}입니다." if twin and twin.id != r.id else ""
                findings.append(
                    Finding(
                        code="req.id-mismatch",
                        severity="warning",
                        message=f"총괄표·목록의 {r.id}에 해당하는 상세 요구사항 표가 없습니다.{hint} (listed ID without detail)",
                        why="목록과 상세 표의 ID가 다르면 어느 것이 과업인지 다툼이 생깁니다. 오타인 경우가 많습니다.",
                        fix="상세 요구사항 표의 ID와 목록의 ID를 맞추세요.",
                        requirement_id=r.id,
                        quote=r.name[:80],
                        where=r.where,
                    )
                )

    if not reqs:
        findings.append(
            Finding(
                code="req.no-requirements",
                severity="warning",
                message="요구사항을 찾지 못했습니다: 상세 요구사항 표도 요구사항 ID도 없습니다 (no requirements found).",
                why="제안요청서에는 기능·비기능 요구사항을 상세히 적어야 합니다 (소프트웨어 진흥법 제44조, rules.md 3.9). "
                "표가 그림으로만 들어 있어도 이렇게 보입니다.",
                fix="요구사항을 분류별 상세 표(요구사항 고유번호·명칭·정의·세부내용·산출정보)로 적으세요 (rules.md 5.2).",
                reference=refs["requirements.detail_labels"] if "requirements.detail_labels" in refs else None,
            )
        )
    with_id = [r for r in reqs if r.id]
    if not with_id and reqs:
        findings.append(
            Finding(
                code="req.no-ids",
                severity="warning",
                message="요구사항에 고유번호(ID)가 없습니다 (requirements have no IDs).",
                why="요구사항 고유번호가 있어야 제안서 대응, 기능점수 산정, 검수에서 요구사항을 추적할 수 있습니다.",
                fix="요구사항을 분류별 표(SFR-001 …)로 적으세요 (rules.md 5.1, 5.2).",
                where=reqs[0].where,
                reference=refs["requirements.id_prefixes"],
            )
        )

    # missing categories for the project type
    ptype = _project_type(doc, reqs, vocab) if with_id else None
    if ptype:
        present = {r.standard_category for r in with_id}
        for cat in vocab.required[ptype]["required"]:
            if cat not in present:
                label = next((v[0] for k, v in vocab.prefixes.items() if k == cat), cat)
                findings.append(
                    Finding(
                        code="req.missing-category",
                        severity="warning",
                        message=f"{label}({cat})이(가) 없습니다 (missing requirement category for a {ptype} project).",
                        why=f"사업 유형({ptype})의 RFP에는 {label}을(를) 적어야 제안사가 같은 기준으로 제안하고 "
                        "발주기관이 검수할 수 있습니다 (rules.md 3.9, 5.1, 5.2).",
                        fix=f"{cat}-001부터 {label}을(를) 추가하세요. 해당 사항이 없으면 '해당 없음'과 이유를 적으세요.",
                        reference=refs["requirements.required_categories"],
                    )
                )

    # several functions packed into one requirement
    for req in reqs:
        if (req.standard_category or req.category) != "SFR" or req.kind == "list":
            continue
        bullets, names = function_count(req)
        if bullets > vocab.max_bullets or names > vocab.max_names:
            why_part = (
                f"세부내용에 기능 항목이 {bullets}개" if bullets > vocab.max_bullets else f"명칭에 기능이 {names}개"
            )
            findings.append(
                Finding(
                    code="req.multi-function",
                    severity="info",
                    message=f"한 요구사항에 여러 기능이 묶였습니다: {why_part} (several functions in one requirement).",
                    why="기능이 묶이면 기능점수 산정과 검수에서 빠지는 기능이 생기고 변경 관리가 어렵습니다.",
                    fix="기능마다 요구사항을 나누어 고유번호를 주세요 (예: SFR-001-01, SFR-001-02).",
                    requirement_id=req.id,
                    quote=req.name[:80],
                    where=req.where,
                    reference=refs["requirements.multi_function_max_bullets"],
                )
            )
    return findings
