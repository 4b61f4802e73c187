"""Clause analysis (문장 분석): the details split into clauses, each clause analysed with kiwipiepy
into (object, process) hits — the morphology the identifier reads requirements by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from balju.functions.vocabulary import Vocabulary
from balju.nlp import kiwi

TYPE_ORDER = {"ILF": 0, "EIF": 1, "EI": 2, "EO": 3, "EQ": 4}
_NOUN_TAGS = {"NNG", "NNP", "SL", "SH", "SN", "XSN", "XR"}
SEP_FORMS = {",", "/", "·", "・", "ㆍ", "및", "또는", "&", "+"}
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_BULLETS = "○●❍□■◆◇￮◎▶►❏➢✓◯‣❑\ue000-\uf8ff"  # \ue000-\uf8ff: private-use glyphs of HWP symbol fonts
_TOP = re.compile(rf"^\s*(?:[{_BULLETS}]|\d{{1,2}}[\.\)]|[가-하][\.\)]|[①-⑳])")
_SUB_SPLIT = re.compile(rf"\s+(?:-|–|/|※|▪|•|·)\s+|\s(?=[{_BULLETS}◦※•▪]\s)")
_INLINE_ENUM = re.compile(r"[ \t]+(?=[①-⑳]\s)")
_LEAD = re.compile(rf"^\s*(?:[\-–•◦▪※*>·{_BULLETS}]+|o(?=\s)|\d{{1,2}}[\.\)]|[가-하][\.\)]|[①-⑳])\s*")

_TOKEN_CACHE: dict[str, list] = {}
_TOKEN_CACHE_LIMIT = 100_000


@dataclass
class Token:
    form: str
    tag: str
    start: int
    end: int


@dataclass
class Phrase:
    toks: list[Token] = field(default_factory=list)
    role: str = ""  # "" | obj (을/를) | subj (이/가, 은/는) | about (에 대한) | adv (other 부사격)

    def text(self, clause: str) -> str:
        return clause[self.toks[0].start : self.toks[-1].end].strip() if self.toks else ""

    def words(self) -> tuple[str, ...]:
        return tuple(t.form for t in self.toks)


@dataclass
class Hit:
    """One (object, process) pair found in a clause (단위 프로세스 후보)."""

    obj_words: tuple[str, ...]
    obj_text: str
    process: str  # the verb word as written (등록) or '' for an output object
    kind: str  # explicit | manage | output | link | outbound
    carried: bool = False


def tokens(clause: str) -> list[Token]:
    cached = _TOKEN_CACHE.get(clause)
    if cached is None:
        prefetch([clause])
        cached = _TOKEN_CACHE[clause]
    return cached


def prefetch(clauses: Iterable[str]) -> None:
    """Analyse many clauses in one Kiwi call (much faster than one call per clause)."""
    todo = list(dict.fromkeys(c for c in clauses if c not in _TOKEN_CACHE))
    if not todo:
        return
    if len(_TOKEN_CACHE) + len(todo) > _TOKEN_CACHE_LIMIT:
        _TOKEN_CACHE.clear()
    for clause, tokens in zip(todo, kiwi().tokenize(todo)):
        _TOKEN_CACHE[clause] = [Token(t.form, t.tag, t.start, t.start + t.len) for t in tokens]


def split_clauses(text: str) -> list[tuple[str, int]]:
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


class Analyzer:
    def __init__(self, vocab: Vocabulary):
        self.v = vocab

    def is_proc(self, tok: Token, nxt: Token | None, prev: Token | None = None, clause: str = "") -> bool:
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

    def clause_hits(self, clause: str, carry: tuple[tuple[str, ...], str] | None) -> tuple[list[Hit], tuple | None]:
        toks = tokens(clause)
        forms = {t.form for t in toks}
        if forms & self.v.nonfunctional:
            return [], carry
        hits: list[Hit] = []
        phrases: list[Phrase] = []
        cur = Phrase()
        groups: list[list[Token]] = []  # process runs: adjacent process nouns, split by separators
        in_run = False
        link_seen = False

        def close_phrase():
            nonlocal cur
            if cur.toks:
                phrases.append(cur)
            cur = Phrase()

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
            if words and all(w in GENERIC or w in SEP_FORMS for w in words):
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
            prefix: list[Token] = []
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
                    hits.append(Hit(obj_words, obj_text, word, "link", carried))
                else:
                    hits.append(Hit(obj_words, obj_text, word, kind, carried))
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
            if in_run and (tok.form in SEP_FORMS or tok.tag == "JC"):
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
                clause[cur.toks[-1].end : tok.start] == "" or cur.toks[-1].form in SEP_FORMS
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
            if tok.form in SEP_FORMS or tok.tag == "JC":
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
                hits.append(Hit(w, clause[p.toks[0].start : p.toks[len(w) - 1].end].strip(), "", "output"))
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
GENERIC = {"정보", "자료", "데이터", "내역", "목록", "시스템", "내부", "외부", "내", "타", "기타", "내·외부", "관련", "대상", "내용"}


def _modifier(toks: list[Token], i: int, manage_words: frozenset = frozenset()) -> bool:
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


def _adjacent(a: Token, b: Token, clause: str) -> bool:
    return not clause[a.end : b.start].strip()


def _trim(p: Phrase) -> None:
    while p.toks and (p.toks[-1].form in SEP_FORMS or p.toks[-1].tag in ("JC", "SP")):
        p.toks.pop()
