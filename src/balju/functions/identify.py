"""Propose function points from requirement text (요구사항 문장에서 기능 제안).

``identify(requirements)`` reads the functional requirements (SFR, FUR … see the rule
``functions.functional_categories``) and proposes data functions (ILF/EIF) and transactions
(EI/EO/EQ) by the identification conventions of the KOSA guide (rules.md 1.3):

* each clause of the details is analysed with kiwipiepy (morphemes, not substrings);
* a run of nouns is an *object* ('XX 정보'); the process nouns after it (등록·수정·삭제 …,
  ``functions.process_verbs``) are its elementary processes; '…관리' expands to
  등록·수정·삭제·조회 (``functions.manage_expansion``);
* an object that the system registers or changes becomes an ILF; data read over a link
  (연계·연동, ``functions.interface_words``) becomes an EIF and the EQ that reads it;
* objects with an excluded morpheme (코드, 이력, 첨부, 로그 …) and clauses that only state
  guidelines (준수, 방안 제시 …) give nothing;
* the same object and process found twice — in one requirement or across requirements — is one
  function (common functions counted once), kept at its first requirement;
* a proposal whose rule a person matched less often than ``functions.leave_out_below`` (its
  신뢰도) is left out of the list and kept apart as a candidate (``propose(...).left_out``, v6).

Every word list is rule data under ``rules/data/functions``. The output is deterministic: the
same requirements in the same order give the same functions in the same order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from balju import rules as _rules
from balju.functions.model import Function, Proposal
from balju.nlp import kiwi
from balju.requirements.model import Requirement

TYPE_ORDER = {"ILF": 0, "EIF": 1, "EI": 2, "EO": 3, "EQ": 4}
_NOUN_TAGS = {"NNG", "NNP", "SL", "SH", "SN", "XSN", "XR"}
_SEP_FORMS = {",", "/", "·", "・", "ㆍ", "및", "또는", "&", "+"}
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_BULLETS = "○●❍□■◆◇￮◎▶►❏➢✓◯‣❑\ue000-\uf8ff"  # \ue000-\uf8ff: private-use glyphs of HWP symbol fonts
_TOP = re.compile(rf"^\s*(?:[{_BULLETS}]|\d{{1,2}}[\.\)]|[가-하][\.\)]|[①-⑳])")
_SUB_SPLIT = re.compile(rf"\s+(?:-|–|/|※|▪|•|·)\s+|\s(?=[{_BULLETS}◦※•▪]\s)")
_INLINE_ENUM = re.compile(r"[ \t]+(?=[①-⑳]\s)")
_LEAD = re.compile(rf"^\s*(?:[\-–•◦▪※*>·{_BULLETS}]+|o(?=\s)|\d{{1,2}}[\.\)]|[가-하][\.\)]|[①-⑳])\s*")


@dataclass(frozen=True)
class Vocabulary:
    """The identification vocabulary in force on a day (기능 식별 어휘)."""

    verbs: dict
    manage_words: frozenset
    manage_expands: tuple
    manage_absorbs: frozenset
    manage_acts: frozenset
    excluded: frozenset
    outputs: frozenset
    link_words: frozenset
    outbound_words: frozenset
    link_internal: frozenset
    system_heads: frozenset
    nonfunctional: frozenset
    fillers: frozenset
    actors: frozenset
    categories: frozenset
    confidence: dict
    """{type: {rule: 신뢰도}} and {type: 신뢰도} for rules the labelled set never saw."""
    suffixes: tuple
    relations: frozenset
    overview_names: tuple
    references: dict
    leave_out_below: float
    """신뢰도 below this leaves a proposal out of the list (``functions.leave_out_below``)."""


def _confidence_table(raw: dict) -> dict:
    """신뢰도 of each rule: the share of its proposals a person's count matched on the labelled
    RFPs, shrunk toward its type's share by ``shrink`` proposals so that a rule seen a few times is
    not given 0 or 1: (matched + shrink × type share) / (proposed + shrink)."""
    shrink = raw["shrink"]
    by_rule: dict[str, dict[str, float]] = {}
    by_type: dict[str, float] = {}
    everything = [cell for rules in raw["counts"].values() for cell in rules.values()]
    overall = sum(m for m, _n in everything) / sum(n for _m, n in everything)
    for kind, rules in raw["counts"].items():
        proposed = sum(n for _m, n in rules.values())
        share = sum(m for m, _n in rules.values()) / proposed if proposed else overall
        by_type[kind] = round(share, 2)
        by_rule[kind] = {rule: round((m + shrink * share) / (n + shrink), 2) for rule, (m, n) in rules.items()}
    for kind in TYPE_ORDER:
        by_type.setdefault(kind, round(overall, 2))
    return {"rule": by_rule, "type": by_type}


def load_vocabulary(day: dt.date | str | None = None) -> Vocabulary:
    if isinstance(day, str):
        day = _rules.loader.parse_date(day)
    return _vocabulary(day or dt.date.today())


@lru_cache(maxsize=4)
def _vocabulary(day: dt.date) -> Vocabulary:
    r = _rules.at(day)
    manage = r.value("functions.manage_expansion")
    link = r.value("functions.interface_words")
    names = sorted(r.names("functions."))
    return Vocabulary(
        verbs={k: dict(v) for k, v in r.value("functions.process_verbs").items()},
        manage_words=frozenset(manage["words"]),
        manage_expands=tuple(manage["expands_to"]),
        manage_absorbs=frozenset(manage["absorbs"]),
        manage_acts=frozenset(manage.get("acts", [])),
        excluded=frozenset(r.value("functions.excluded_words")),
        outputs=frozenset(r.value("functions.output_nouns")),
        link_words=frozenset(link["link"]),
        outbound_words=frozenset(link["outbound"]),
        link_internal=frozenset(link.get("internal", [])),
        system_heads=frozenset(link.get("system_heads", [])),
        nonfunctional=frozenset(r.value("functions.nonfunctional_words")),
        fillers=frozenset(r.value("functions.filler_nouns")),
        actors=frozenset(r.value("functions.actor_nouns")),
        categories=frozenset(str(c) for c in r.value("functions.functional_categories")),
        confidence=_confidence_table(r.value("functions.confidence")),
        suffixes=tuple(r.value("functions.object_suffixes")),
        relations=frozenset(r.value("functions.relation_nouns")),
        overview_names=tuple(r.value("functions.overview_names")),
        references={n: r.get(n).cite() for n in names},
        leave_out_below=float(r.value("functions.leave_out_below")),
    )


_TOKEN_CACHE: dict[str, list] = {}
_TOKEN_CACHE_LIMIT = 100_000


# --------------------------------------------------------------------------- clause analysis


@dataclass
class _Tok:
    form: str
    tag: str
    start: int
    end: int


@dataclass
class _Phrase:
    toks: list[_Tok] = field(default_factory=list)
    role: str = ""  # "" | obj (을/를) | subj (이/가, 은/는) | about (에 대한) | adv (other 부사격)

    def text(self, clause: str) -> str:
        return clause[self.toks[0].start : self.toks[-1].end].strip() if self.toks else ""

    def words(self) -> tuple[str, ...]:
        return tuple(t.form for t in self.toks)


@dataclass
class _Hit:
    """One (object, process) pair found in a clause (단위 프로세스 후보)."""

    obj_words: tuple[str, ...]
    obj_text: str
    process: str  # the verb word as written (등록) or '' for an output object
    kind: str  # explicit | manage | output | link | outbound
    carried: bool = False


def _tokens(clause: str) -> list[_Tok]:
    cached = _TOKEN_CACHE.get(clause)
    if cached is None:
        _prefetch([clause])
        cached = _TOKEN_CACHE[clause]
    return cached


def _prefetch(clauses: Iterable[str]) -> None:
    """Analyse many clauses in one Kiwi call (much faster than one call per clause)."""
    todo = list(dict.fromkeys(c for c in clauses if c not in _TOKEN_CACHE))
    if not todo:
        return
    if len(_TOKEN_CACHE) + len(todo) > _TOKEN_CACHE_LIMIT:
        _TOKEN_CACHE.clear()
    for clause, tokens in zip(todo, kiwi().tokenize(todo)):
        _TOKEN_CACHE[clause] = [_Tok(t.form, t.tag, t.start, t.start + t.len) for t in tokens]


def _clauses(text: str) -> list[tuple[str, int]]:
    """Clauses of the details with their level: 0 for a top bullet (○, □, 1.), 1 for the rest.

    A line is split at inner bullets and at ' - ' / ' / ' separators; the parts after the first
    are sub-clauses of it.
    """
    out: list[tuple[str, int]] = []
    # '① 가입 … ② 수정 …' on one line (a cell whose lines a converter joined) is one item per number
    for line in _INLINE_ENUM.sub("\n", text.replace("\r", "\n")).split("\n"):
        top = bool(_TOP.match(line))
        line = _PAREN.sub(" ", line)
        parts = []
        for n, part in enumerate(_SUB_SPLIT.split(line)):
            # '공지사항관리 : 공지사항 등록/삭제/수정' is a label and its description
            label, colon, rest = part.partition(" : ") if " : " in part else part.partition("：")
            parts.append((label, 0 if (top and n == 0) else 1))
            if colon:
                parts.append((rest, 1))
        for part, level in parts:
            part = _LEAD.sub("", part or "").strip(" \t-–:;.")
            if part and re.search(r"[가-힣A-Za-z]", part):
                out.append((part, level))
    return out


class _Analyzer:
    def __init__(self, vocab: Vocabulary):
        self.v = vocab

    def is_proc(self, tok: _Tok, nxt: _Tok | None, prev: _Tok | None = None, clause: str = "") -> bool:
        if prev is not None and prev.form in _COMPOUND_HEADS and clause[prev.end : tok.start] == "":
            return False  # '운영관리', '통합관리', '자동승인' are nouns, not processes
        if (
            tok.form in self.v.manage_words
            and prev is not None
            and prev.tag == "EC"
            and prev.form in _CONNECTIVES
            and clause[prev.end : tok.start].strip() == ""
        ):
            return False  # '분리하여 관리할 수 있도록': the first verb acts, '관리' only keeps
        if nxt is not None and nxt.tag == "XSN" and nxt.form in _PERSON_SUFFIXES and clause[tok.end : nxt.start] == "":
            return False  # '신청인', '등록자': the person, not the process
        entry = self.v.verbs.get(tok.form)
        if entry is not None:
            if entry.get("stem"):
                after_verb = prev is not None and prev.tag.startswith("E") and clause[prev.end : tok.start] == ""
                return tok.tag.startswith("VV") and nxt is not None and nxt.form == "기" and not after_verb
            return tok.tag in ("NNG", "NNP", "SL", "XR")
        return tok.form in self.v.manage_words and tok.tag == "NNG"

    def clause_hits(self, clause: str, carry: tuple[tuple[str, ...], str] | None) -> tuple[list[_Hit], tuple | None]:
        toks = _tokens(clause)
        forms = {t.form for t in toks}
        if forms & self.v.nonfunctional:
            return [], carry
        hits: list[_Hit] = []
        phrases: list[_Phrase] = []
        cur = _Phrase()
        groups: list[list[_Tok]] = []  # process runs: adjacent process nouns, split by separators
        in_run = False
        link_seen = False

        def close_phrase():
            nonlocal cur
            if cur.toks:
                phrases.append(cur)
            cur = _Phrase()

        def target(link: bool = False) -> tuple[tuple[str, ...], str, bool] | None:
            cands = list(phrases) + ([cur] if cur.toks else [])
            cands = [p for p in cands if p.toks]
            if not cands:
                if carry:
                    return carry[0], carry[1], True
                return None
            usable = [p for p in cands if not (p.role == "subj" and p.toks[-1].form in self.v.actors)]
            if not usable:
                return (carry[0], carry[1], True) if carry else None
            best = usable[-1]
            if best.role == "adv" and not link:
                better = [p for p in usable if p.role != "adv"]
                if better:
                    best = better[-1]
            words, text = best.words(), best.text(clause)
            if words.count(",") >= 2:
                # '기관사별, 소속별, 기간별 조회': criteria of the 을/를 object; '반입일시, 반입차수,
                # 반입장소 등록': fields of the heading's object
                objs = [p for p in usable if p is not best and p.role == "obj" and p.words().count(",") < 2]
                if objs:
                    return objs[-1].words(), objs[-1].text(clause), False
                if carry:
                    return carry[0], carry[1], True
            if words and words[-1] == "별":
                # '위원회 안건별 표결' acts on 위원회 안건; '유형별 신청' names no object
                if len(words) <= 2:
                    return None
                words = words[:-1]
                text = re.sub(r"별$", "", text)
            if words and all(w in _GENERIC or w in _SEP_FORMS for w in words):
                # 'X에 대한 정보 등록': a generic object takes the noun it is about
                before = [p for p in usable if p is not best and p.role == "about"]
                if before:
                    words = before[-1].words() + words
                    text = before[-1].text(clause) + " " + text
            return words, text, False

        def flush_run():
            nonlocal groups, in_run, link_seen
            if not groups:
                return
            is_link = any(t.form in self.v.link_words for g in groups for t in g)
            tgt = target(link=is_link)
            prefix: list[_Tok] = []
            procs: list[tuple[str, str]] = []  # (word, kind)
            for gi, group in enumerate(groups):
                words = [t.form for t in group]
                if words[-1] in self.v.manage_words and len(words) > 1 and words[-2] in self.v.manage_acts:
                    if gi == 0:
                        prefix.extend(group[:-2])
                    procs.append((words[-2], "explicit"))  # '권한 설정관리' is 설정
                elif words[-1] in self.v.manage_words:
                    lead = [t for t in group[:-1] if t.form not in self.v.manage_absorbs]
                    if gi == 0:
                        prefix.extend(lead)
                    procs.append((words[-1], "manage"))
                else:
                    if gi == 0:
                        prefix.extend(group[:-1])
                    procs.append((words[-1], "explicit"))
            if tgt is None and not prefix:
                groups = []
                in_run = False
                return
            obj_words = (tgt[0] if tgt else ()) + tuple(t.form for t in prefix)
            obj_text = (tgt[1] if tgt else "")
            if prefix:
                extra = clause[prefix[0].start : prefix[-1].end]
                obj_text = (obj_text + " " + extra).strip() if obj_text else extra
            carried = bool(tgt and tgt[2])
            for word, kind in procs:
                if word in self.v.link_words:
                    link_seen = True
                    hits.append(_Hit(obj_words, obj_text, word, "link", carried))
                else:
                    hits.append(_Hit(obj_words, obj_text, word, kind, carried))
            groups = []
            in_run = False

        for i, tok in enumerate(toks):
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            prev = toks[i - 1] if i > 0 else None
            if self.is_proc(tok, nxt, prev, clause) or tok.form in self.v.link_words:
                if not in_run:
                    groups = [[tok]]
                    in_run = True
                elif groups[-1] and _adjacent(groups[-1][-1], tok, clause):
                    groups[-1].append(tok)
                else:
                    groups.append([tok])
                continue
            if in_run and (tok.form in _SEP_FORMS or tok.tag == "JC"):
                if groups[-1]:
                    groups.append([])  # a list of processes continues after the separator
                continue
            if in_run:
                sep_after = bool(groups) and not groups[-1]
                groups = [g for g in groups if g]
                last = groups[-1][-1] if groups else None
                if (
                    not sep_after
                    and len(groups) == 1
                    and last is not None
                    and tok.tag in ("NNG", "NNP", "SL")
                    and (
                        tok.form not in self.v.fillers
                        or tok.form in _MODIFIED_FILLERS
                        or (tok.form in _COMPOUND_TAILS and clause[last.end : tok.start] == "")
                    )
                ):
                    # '수강신청변경원', '등록 과정': a process noun before a noun modifies it
                    cur.toks.extend(groups[0])
                    cur.toks.append(tok)
                    groups, in_run = [], False
                    continue
                if _modifier(toks, i, self.v.manage_words):
                    # '등록된 자료', '관리를 위한', '변경에 대비한': not a process of this clause
                    groups, in_run = [], False
                    close_phrase()
                    continue
                flush_run()
                close_phrase()
            if tok.tag == "NNB" and cur.toks and tok.form not in ("등", "수", "것", "때") and (
                clause[cur.toks[-1].end : tok.start] == "" or cur.toks[-1].form in _SEP_FORMS
            ):
                cur.toks.append(tok)  # '평가산식' is 평가+산+식(NNB)
                continue
            if tok.tag == "XPN" and nxt is not None and nxt.tag in _NOUN_TAGS and _adjacent(tok, nxt, clause):
                cur.toks.append(tok)  # '부적합', '미납': a prefix belongs to the noun it starts
                continue
            if tok.tag in _NOUN_TAGS and tok.form not in self.v.fillers:
                if tok.tag == "XSN" and not cur.toks:
                    continue
                cur.toks.append(tok)
                continue
            if tok.form in _SEP_FORMS or tok.tag == "JC":
                if cur.toks:
                    cur.toks.append(tok)  # 'A 및 B' stays one object
                continue
            if tok.tag in ("XSV", "XSA") and cur.toks:
                if cur.role == "obj" or len(cur.toks) == 1:
                    cur.toks.pop()  # '선택하여', '대비한': the verbal noun is a verb here
                else:
                    cur.toks.clear()  # '서비스 시각화하고 수정': a verb phrase, not the object
            if tok.tag == "JKO":
                cur.role = "obj"
            elif tok.tag in ("JKS", "JX"):
                cur.role = "subj"
            elif tok.tag == "JKB":
                cur.role = "about" if nxt is not None and nxt.form == "대하" else "adv"
            elif tok.tag == "JKG":
                _trim(cur)
                close_phrase()  # 'X의 Y': the object is Y
                continue
            _trim(cur)
            close_phrase()
        if in_run:
            groups = [g for g in groups if g]
            flush_run()
        _trim(cur)
        close_phrase()
        # output nouns without a process ('졸업대상자총괄표', '각종 통계')
        used = [h.obj_words for h in hits]
        for p in phrases:
            _trim(p)
            w = p.words()
            if "및" in w and w[: w.index("및")][-1:] and w[: w.index("및")][-1] in self.v.outputs:
                w = w[: w.index("및")]  # '부적합 운행사유 통계 및 상세': the output is the 통계
            if (
                len(w) >= 2
                and w[-1] in self.v.outputs
                and not any(u[: len(w)] == w for u in used)
                and w.count(",") < 2
            ):
                hits.append(_Hit(w, clause[p.toks[0].start : p.toks[len(w) - 1].end].strip(), "", "output"))
        # outbound links: a link in a clause that sends (발송, 결재 상신 …) is one EQ, or none when
        # the clause already names the sending process
        links = [h for h in hits if h.kind == "link"]
        for extra in links[1:]:
            extra.kind = "skip"
        if links and not (forms & self.v.outbound_words):
            for h in hits:
                if h.kind == "explicit" and self.v.verbs.get(h.process, {}).get("as") == "조회":
                    h.kind = "skip"
        if link_seen and forms & self.v.outbound_words:
            sends = any(h.kind == "explicit" and self.v.verbs.get(h.process, {}).get("as") == "발송" for h in hits)
            for h in hits:
                if h.kind == "link":
                    h.kind = "skip" if sends else "outbound"
        # the clause's last real object is carried to the next clause that names none
        new_carry = carry
        for h in hits:
            if h.obj_words and not h.carried and h.kind in ("explicit", "manage"):
                new_carry = (h.obj_words, h.obj_text)
        if not hits and phrases:
            last = [p for p in phrases if p.toks and not (p.role == "subj" and p.toks[-1].form in self.v.actors)]
            if last and len(clause) <= 40:
                new_carry = (last[0].words(), last[0].text(clause))
        return hits, new_carry


_COMPOUND_HEADS = {"운영", "통합", "자동"}
_CONNECTIVES = {"어", "아", "여", "어서", "아서"}
_PERSON_SUFFIXES = {"인", "자"}
_MODIFIED_FILLERS = {"사항", "여부"}  # '승인 사항 비교', '등록 여부 체크': the process names what is compared
_COMPOUND_TAILS = {"시스템", "엔진", "모듈"}  # '관리시스템' is a noun; '조회기능' is still 조회
_GENERIC = {"정보", "자료", "데이터", "내역", "목록", "시스템", "내부", "외부", "내", "타", "기타", "내·외부", "관련", "대상", "내용"}


def _modifier(toks: list[_Tok], i: int, manage_words: frozenset = frozenset()) -> bool:
    """Whether the process run ending before ``toks[i]`` modifies what follows instead of acting."""
    if toks[i].form == "등" and toks[i].tag == "NNB":
        if i + 1 < len(toks) and toks[i + 1].tag in ("NNG", "NNP", "MM"):
            # '조회, 입력, 삭제 등 권한': the processes name kinds of 권한; '자금운용관리, …,
            # 보조금관리 등 모든 보고서': the '관리' list names modules of the reports
            return True
        i += 1
        if i >= len(toks):
            return False
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    after = toks[i + 2] if i + 2 < len(toks) else None
    if any(t.form in ("위하", "통하", "대비") for t in toks[i : i + 4]):
        return True  # '관리하기 위한', '관리를 통하여'
    if tok.tag == "XSV" and nxt is not None and nxt.tag == "ETM":
        # '등록된 자료', '등록한 정보' modify; '삭제할 수 있도록' acts
        return not (after is not None and after.form == "수")
    if tok.tag in ("XSV", "XSA") and (tok.form in ("되", "됨") or (nxt is not None and nxt.form == "되")):
        return True  # '변경 또는 추가될 수 있음': a passive describes, it does not act
    if tok.tag == "XR":
        return True  # '관리 용이한 형태'

    if tok.tag == "JKB":
        return True
    if tok.tag == "JKG" and toks[i - 1].form in manage_words:
        return True  # '의전관리, 출입관리의 …시스템' names a domain; '배차현황의 확인' still acts
    if tok.form == "중" and tok.tag == "NNB":
        return True  # '운영사가 관리 중': a state, not a function
    if tok.form in ("없이", "없"):
        return True  # '이중 관리 없이': what the system spares, not what it does
    if tok.tag == "JKO" and nxt is not None and nxt.form in ("위하", "통하"):
        return True
    return False


def _adjacent(a: _Tok, b: _Tok, clause: str) -> bool:
    return not clause[a.end : b.start].strip()


def _trim(p: _Phrase) -> None:
    while p.toks and (p.toks[-1].form in _SEP_FORMS or p.toks[-1].tag in ("JC", "SP")):
        p.toks.pop()


# --------------------------------------------------------------------------- functions


@dataclass
class _Cand:
    type: str
    key: tuple
    name: str
    obj_key: tuple
    requirement_id: str | None
    evidence: str
    rule: str
    order: tuple


def is_functional(req: Requirement, vocab: Vocabulary) -> bool:
    cat = (req.category or "").strip()
    if cat in vocab.categories:
        return True
    if req.id:
        prefix = req.id.split("-")[0].upper()
        return prefix in vocab.categories
    return False


def _obj_key(words: Sequence[str], vocab: Vocabulary) -> tuple[str, ...]:
    """The object as compared for merging: its morphemes without separators, fillers and a trailing
    정보/데이터/내역/목록/대장 (``functions.object_suffixes``): '회원 정보' and '회원' are one key."""
    ws = [w for w in words if w not in _SEP_FORMS and w not in vocab.fillers]
    changed = True
    while changed and len(ws) > 1:
        changed = False
        for s in vocab.suffixes:
            if ws[-1] == s and len(ws) > 1:
                ws.pop()
                changed = True
    return tuple(ws)


def identify(
    requirements: Iterable[Requirement],
    *,
    as_of: dt.date | str | None = None,
    vocabulary: Vocabulary | None = None,
) -> list[Function]:
    """Proposed functions of the functional requirements, traced to requirement and words
    (the list of ``propose``; the candidates it leaves out are not in it)."""
    return propose(requirements, as_of=as_of, vocabulary=vocabulary).functions


def propose(
    requirements: Iterable[Requirement],
    *,
    as_of: dt.date | str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Proposal:
    """The proposed functions and the low-신뢰도 candidates left out of them."""
    vocab = vocabulary or load_vocabulary(as_of)
    return Proposal(_proposals(requirements, vocab), vocab.leave_out_below)


def _proposals(requirements: Iterable[Requirement], vocab: Vocabulary) -> list[Function]:
    """Every proposal, before the low-신뢰도 ones are set apart."""
    analyzer = _Analyzer(vocab)
    cands: list[_Cand] = []
    functional = [req for req in requirements if is_functional(req, vocab)]
    _prefetch(
        clause
        for req in functional
        for text in (req.details or req.text or req.definition or "", req.definition, req.name)
        for clause, _level in _clauses(text or "")
    )
    for r_index, req in enumerate(functional):
        if _overview(req, functional[r_index + 1 :], vocab):
            continue  # '…기능명세' lists the menus that the requirements after it detail
        body = req.details or req.text or req.definition or ""
        prose, table = _split_table_rows(body)
        if prose.strip() and table:
            # a table inside the details ('구분 | 내용') repeats or lists fields of what the text says;
            # it is read only when the text itself names no function
            if _requirement_hits(analyzer, prose):
                body = prose
        name_hits = _requirement_hits(analyzer, req.name) if req.name else []
        manages = any(h.kind == "manage" for _, h in name_hits)
        found = _requirement_hits(analyzer, body, manages)
        if not found and req.definition and req.definition != body:
            found = _requirement_hits(analyzer, req.definition)
        if not found and req.name:
            found = name_hits
        elif req.name:
            # the name may say '…관리' of an object the details only register
            keys = {_obj_key(h.obj_words, vocab) for _, h in found}
            for clause, h in name_hits:
                k = _obj_key(h.obj_words, vocab)
                match = [
                    fk for fk in sorted(keys)
                    if fk and k and min(len(k), len(fk)) >= 2 and (fk[-len(k):] == k or k[-len(fk):] == fk)
                ]
                if match and h.kind == "manage" and _creates(found, match[0], vocab):
                    found.append((clause, _Hit(match[0], _text_for(found, match[0], vocab) or h.obj_text, h.process, "manage", True)))
        for c_index, (clause, hit) in enumerate(found):
            for cand in _candidates(hit, clause, req, vocab, (r_index, c_index)):
                cands.append(cand)
    return _merge(cands, vocab)


def _creates(found, key, vocab) -> bool:
    """Whether the details register the object but do not manage it already."""
    kinds = [(h.kind, h.process) for _, h in found if _obj_key(h.obj_words, vocab) == key]
    return any(k == "explicit" and vocab.verbs.get(p, {}).get("as") == "등록" for k, p in kinds) and not any(
        k == "manage" for k, _ in kinds
    )


def _text_for(found, key, vocab) -> str | None:
    for _, h in found:
        if _obj_key(h.obj_words, vocab) == key:
            return h.obj_text
    return None


def _overview(req: Requirement, later: Sequence[Requirement], vocab: Vocabulary) -> bool:
    """Whether a requirement is an overview table of the requirements after it (총괄 요구사항)."""
    name = req.name or ""
    return len(later) >= 2 and any(w in name for w in vocab.overview_names)


def _split_table_rows(text: str) -> tuple[str, str]:
    """The details' prose lines and their table rows ('구분 | 내용'), each joined by newlines."""
    prose, table = [], []
    for line in text.split("\n"):
        (table if " | " in line else prose).append(line)
    return "\n".join(prose), "\n".join(table)


def _noun_line(analyzer: _Analyzer, clause: str) -> _Hit | None:
    """A line that only names business data ('학생상담일지', '계절개설강좌'), read as its '관리'
    when the requirement is a '…관리' requirement; a line with a work noun (고도화, 구축, 기능 …),
    a list, or more than four nouns is a title, not an object."""
    toks = _tokens(clause)
    v = analyzer.v
    if not toks or len(toks) > 4 or any(t.tag not in ("NNG", "NNP", "SL", "SN", "NNB") for t in toks):
        return None
    words = tuple(t.form for t in toks)
    if any(w in v.fillers or w in v.nonfunctional or w in v.excluded or w in _GENERIC for w in words):
        return None
    if words[-1] in v.outputs or len("".join(words)) < 3:
        return None
    manage = min(v.manage_words)  # the vocabulary's word for '관리' (one word today)
    return _Hit(words, clause[toks[0].start : toks[-1].end], manage, "manage", True)


def _requirement_hits(analyzer: _Analyzer, text: str, manages: bool = False) -> list[tuple[str, _Hit]]:
    """Hits of every clause. A top bullet whose sub-clauses name functions of their own is a
    heading: its hits repeat theirs and are dropped; a heading on excluded data (코드, 이력 …)
    excludes its sub-clauses too."""
    clauses = _clauses(text)
    per: list[list[_Hit]] = []
    carry = None
    for clause, _level in clauses:
        hits, carry = analyzer.clause_hits(clause, carry)
        per.append(hits)
    if manages:
        for k, (clause, level) in enumerate(clauses):
            heading = level == 0 and k + 1 < len(clauses) and clauses[k + 1][1] == 1
            if not per[k] and not heading:
                hit = _noun_line(analyzer, clause)
                per[k] = [hit] if hit else []
    out = []
    i = 0
    while i < len(clauses):
        clause, level = clauses[i]
        j = i + 1
        while j < len(clauses) and clauses[j][1] == 1:
            j += 1
        if level == 0 and j > i + 1:
            head = per[i]
            subs = [h for k in range(i + 1, j) for h in per[k]]
            if head and any(_excluded(h.obj_words, analyzer.v) for h in head):
                i = j
                continue
            if any(h.kind == "output" for h in head):
                # '관람객 이용통계 기능' over '시간대별 통계 조회', '통계 정보의 출력': one report
                for k in range(i + 1, j):
                    per[k] = [h for h in per[k] if not _reports(h, analyzer.v)]
                subs = [h for k in range(i + 1, j) for h in per[k]]
            if subs and head and not any(h.carried for h in subs):
                sub_procs = {_canon(h, analyzer.v) for h in subs}
                sub_keys = {_obj_key(h.obj_words, analyzer.v) for h in subs}
                head = [
                    h
                    for h in head
                    if not (
                        (h.kind == "manage" and _obj_key(h.obj_words, analyzer.v) not in sub_keys)
                        or (h.kind == "explicit" and _canon(h, analyzer.v) in sub_procs)
                    )
                ]
            out.extend((clause, h) for h in head)
            for k in range(i + 1, j):
                out.extend((clauses[k][0], h) for h in per[k])
            i = j
            continue
        out.extend((clause, h) for h in per[i])
        i += 1
    return out


def _reports(hit: _Hit, vocab: Vocabulary) -> bool:
    """Whether a hit is a report: an output object, or 조회·출력 of an object named as one."""
    if hit.kind == "output":
        return True
    named = bool(hit.obj_words) and hit.obj_words[-1] in vocab.outputs
    return named or vocab.verbs.get(hit.process, {}).get("type") == "EO"


def _canon(hit: _Hit, vocab: Vocabulary) -> str:
    return vocab.verbs.get(hit.process, {}).get("as", hit.process)


def _excluded(words: Sequence[str], vocab: Vocabulary) -> bool:
    return any(w in vocab.excluded for w in words)


def _candidates(hit, clause, req, vocab, order) -> list[_Cand]:
    out: list[_Cand] = []
    if hit.kind == "skip":
        return out
    words = hit.obj_words
    if _excluded(words, vocab) or (hit.process and hit.process in vocab.excluded):
        return out
    key = _obj_key(words, vocab)
    if key and len("".join(key)) < 2:
        return out  # '건', '사': one syllable names no data group
    obj = _display(hit.obj_text)
    evidence = _evidence(clause, hit.obj_text, hit.process)
    rid = req.id

    def cand(typ, proc, name, rule, sub=0):
        return _Cand(
            type=typ,
            key=(typ, key, proc),
            name=name,
            obj_key=key,
            requirement_id=rid,
            evidence=evidence,
            rule=rule,
            order=order + (sub,),
        )

    entry = vocab.verbs.get(hit.process) or {}
    stores = entry.get("type") == "EI" and hit.process not in ("작성",)
    if hit.kind == "output" or (
        key and key[-1] in vocab.outputs and (hit.kind == "manage" or (hit.kind == "explicit" and not stores))
    ):
        if not key:
            return out
        return [cand("EO", "", obj, "통계·보고서·출력 → EO")]
    if hit.kind in ("link", "outbound"):
        if not key or all(w in _GENERIC for w in key):
            return out
        if hit.kind == "link" and all(w in vocab.link_internal or w in _GENERIC for w in key):
            return out  # 'DB 연동', 'CDN 연동', '메인페이지 연동': storage or screens inside the project
        if hit.kind == "outbound":
            # named by the receiving system: the last two words after any '및' ('전자결재')
            tail = list(words[len(words) - 1 - words[::-1].index("및") + 1 :] if "및" in words else words)
            tail = [w for w in tail if w not in _SEP_FORMS][-2:]
            target = "".join(tail)
            return [
                _Cand("EQ", ("EQ", tuple(tail), "연계"), f"{target} 연계", tuple(tail), rid, evidence,
                      "내보내는 연계(발송·결재) → EQ", order + (0,))
            ]
        return [
            cand("EIF", "", obj, "경계 밖 데이터 → EIF 1 + EQ 1", 0),
            cand("EQ", "조회", f"{obj} 조회", "경계 밖 데이터 → EIF 1 + EQ 1", 1),
        ]
    if key and key[-1] in vocab.relations and hit.kind in ("manage", "explicit") and entry.get("type", "EI") == "EI":
        # '사용자별 권한관리': a relation made only of keys; its maintenance is one 설정 (EI)
        return [cand("EI", "설정", f"{obj} 설정", "관계 데이터(키만) → 설정 EI")]
    if hit.kind == "manage":
        if not key:
            return out
        out.append(cand("ILF", "", obj, "관리되는 데이터 → ILF"))
        for i, verb in enumerate(vocab.manage_expands):
            entry = vocab.verbs[verb]
            out.append(cand(entry["type"], entry["as"], f"{obj} {verb}", f"'…관리' 확장 → {verb} ({entry['type']})", i + 1))
        return out
    if not entry:
        return out
    canon = entry["as"]
    if entry.get("standalone"):
        return [_Cand(entry["type"], (entry["type"], (), canon), canon, (), rid, evidence, f"{hit.process} → {entry['type']}", order + (0,))]
    if not key:
        return out
    shown = canon if canon in ("찾기",) else hit.process
    if entry["type"] == "EI" and entry.get("ilf"):
        out.append(cand("ILF", "", obj, "등록·변경되는 데이터 → ILF"))
    out.append(cand(entry["type"], canon, f"{obj} {shown}", f"{hit.process} → {entry['type']}", 1))
    return out


def _confidence(c: _Cand, vocab: Vocabulary) -> float:
    """신뢰도 by the rule the proposal came from (``functions.confidence``)."""
    return vocab.confidence["rule"].get(c.type, {}).get(c.rule, vocab.confidence["type"][c.type])


def _system(key: tuple, vocab: Vocabulary) -> tuple:
    """The external system a link object names: its words up to the first system head ('통합 업무
    관리 시스템 데이터베이스' → '통합 업무 관리 시스템'), or () when it names none or only a generic one."""
    for i, w in enumerate(key):
        if w in vocab.system_heads:
            name = key[: i + 1]
            return () if all(x in _GENERIC or x in vocab.system_heads for x in name) else name
    return ()


def _display(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,/·및")
    return text


_EVIDENCE_CHARS = 120
"""근거 문구 길이: about one table-cell line, enough to show the words and a little context."""


def _evidence(clause: str, obj_text: str = "", process: str = "") -> str:
    """The clause, or in a long clause the part around the object and its process (…cut…).

    A cell whose lines were joined into one (a converter that writes one paragraph per cell) can
    run to hundreds of characters; cutting it at the start would show every function of the cell
    the same words, none of them its own.
    """
    clause = re.sub(r"\s+", " ", clause).strip()
    if len(clause) <= _EVIDENCE_CHARS:
        return clause
    focus = _focus(clause, re.sub(r"\s+", " ", obj_text).strip(), process)
    if focus is None:
        return clause[: _EVIDENCE_CHARS - 3] + "…"
    begin, end = focus
    # start at the enumerator or separator the focus sits after, when it is near
    lead = max((clause.rfind(mark, 0, begin) for mark in (" ①", " ②", " ③", " ④", " ⑤", " ⑥", " ⑦", " ⑧",
                                                          " ⑨", " ⑩", ". ", ", ", ": ")), default=-1)
    start = lead + 1 if 0 <= lead and begin - lead <= 40 else max(0, begin - 20)
    stop = min(len(clause), max(end, start + _EVIDENCE_CHARS - 2))
    text = clause[start:stop].strip()
    return ("…" if start > 0 else "") + text + ("…" if stop < len(clause) else "")


def _focus(clause: str, obj: str, process: str) -> tuple[int, int] | None:
    """(begin, end) of the object followed by its process in the clause, or of either alone."""
    if obj and process:
        for found in re.finditer(re.escape(obj), clause):
            at = clause.find(process, found.end(), found.end() + 60)
            if at >= 0:
                return found.start(), at + len(process)
    for word in (process, obj):
        at = clause.find(word) if word else -1
        if at >= 0:
            return at, at + len(word)
    return None


def _merge(cands: list[_Cand], vocab: Vocabulary) -> list[Function]:
    """One function per (type, object, process): duplicates across requirements merged."""
    # objects written with and without a qualifier ('기관생명윤리 임상연구 변경신청' and
    # '임상연구 변경신청') are one object when the shorter has two words or more
    # '대회별 참가 학생선수' (per 대회) is another object than '학생선수': no merge across '별'
    keys = sorted({c.obj_key for c in cands if c.obj_key}, key=lambda k: (len(k), k))
    data_keys = {c.obj_key for c in cands if c.type == "ILF"}
    canon: dict[tuple, tuple] = {}
    for k in keys:
        target = k
        for short in keys:
            if (
                len(short) >= 2
                and len(short) < len(k)
                and k[-len(short):] == short
                and short in data_keys
                and "별" not in k[: len(k) - len(short)]
            ):
                target = canon.get(short, short)
                break
        if target == k and "및" in k:
            head = k[: k.index("및")]
            if len(head) >= 2 and head in canon:
                target = canon[head]  # '심의위원 출결 및 이석' is '심의위원 출결'
        canon[k] = target
    # one external system is one EIF for the whole RFP ('통합업무관리시스템', '통합업무관리시스템
    # 데이터베이스', '통합업무관리시스템 및 티켓시스템'): named by the words up to the first system head
    first_system: dict[tuple, tuple] = {}
    for c in cands:
        if c.type == "EIF" and c.obj_key:
            ok = canon.get(c.obj_key, c.obj_key)
            system = _system(ok, vocab)
            if system:
                canon[c.obj_key] = first_system.setdefault(system, ok)
    # objects of one requirement that start with the same two words ('상정안건' and '상정안건 기초
    # 정보') are one logical file with more record types, and their processes are one process each
    first_ilf: dict[tuple, tuple] = {}
    for c in cands:
        if c.type == "ILF" and len(c.obj_key) >= 2 and "별" not in c.obj_key[:2]:
            # not across '별': '트랙별 교과목' and '트랙별 동일교과목' are two files
            ok = canon.get(c.obj_key, c.obj_key)
            head = (c.requirement_id, ok[:2])
            target = first_ilf.setdefault(head, ok)
            if target != ok:
                canon[c.obj_key] = target
    # data functions of one requirement with the same head noun ('공지게시판', 'FAQ 게시판') are
    # one logical file; their transactions stay apart
    ilf_canon: dict[tuple, tuple] = {}
    first_head: dict[tuple, tuple] = {}
    for c in cands:
        if c.type == "ILF" and c.obj_key:
            ok = canon.get(c.obj_key, c.obj_key)
            ilf_canon[ok] = first_head.setdefault((c.requirement_id, ok[-1]), ok)
    best: dict[tuple, _Cand] = {}
    for c in cands:
        ok = canon.get(c.obj_key, c.obj_key)
        if c.type == "ILF":
            ok = ilf_canon.get(ok, ok)
        key = (c.key[0], ok, c.key[2])
        best.setdefault(key, c)
    out = sorted(best.values(), key=lambda c: (c.order[0], c.order[1], TYPE_ORDER[c.type], c.order[2], c.name))
    return [
        Function(
            name=c.name,
            type=c.type,
            requirement_id=c.requirement_id,
            evidence=c.evidence,
            confidence=_confidence(c, vocab),
            note=c.rule,
            source="balju functions (제안)",
        )
        for c in out
    ]
