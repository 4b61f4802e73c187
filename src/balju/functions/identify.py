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
  신뢰도) is left out of the list and kept apart as a candidate (``propose(...).left_out``, v6),
  unless its requirement would then have no function at all (v7: it keeps them).

Every word list is rule data under ``rules/data/functions``. The output is deterministic: the
same requirements in the same order give the same functions in the same order.

The parts: ``vocabulary`` (the word lists), ``clauses`` (kiwipiepy analysis into hits),
``evidence`` (근거), ``merge`` (duplicates merged, 신뢰도); this module turns hits into candidates.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from balju.functions.clauses import GENERIC, SEP_FORMS, Analyzer, Hit, prefetch, split_clauses, tokens
from balju.functions.evidence import display, evidence_of
from balju.functions.merge import Candidate, merge
from balju.functions.model import Function, Proposal
from balju.functions.vocabulary import Vocabulary, load_vocabulary
from balju.requirements.model import Requirement

__all__ = ["Vocabulary", "identify", "is_functional", "load_vocabulary", "propose"]


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
    ws = [w for w in words if w not in SEP_FORMS and w not in vocab.fillers]
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
    analyzer = Analyzer(vocab)
    cands: list[Candidate] = []
    functional = [req for req in requirements if is_functional(req, vocab)]
    prefetch(
        clause
        for req in functional
        for text in (req.details or req.text or req.definition or "", req.definition, req.name)
        for clause, _level in split_clauses(text or "")
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
                    found.append((clause, Hit(match[0], _text_for(found, match[0], vocab) or h.obj_text, h.process, "manage", True)))
        for c_index, (clause, hit) in enumerate(found):
            for cand in _candidates(hit, clause, req, vocab, (r_index, c_index)):
                cands.append(cand)
    return merge(cands, vocab)


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


def _noun_line(analyzer: Analyzer, clause: str) -> Hit | None:
    """A line that only names business data ('학생상담일지', '계절개설강좌'), read as its '관리'
    when the requirement is a '…관리' requirement; a line with a work noun (고도화, 구축, 기능 …),
    a list, or more than four nouns is a title, not an object."""
    toks = tokens(clause)
    v = analyzer.v
    if not toks or len(toks) > 4 or any(t.tag not in ("NNG", "NNP", "SL", "SN", "NNB") for t in toks):
        return None
    words = tuple(t.form for t in toks)
    if any(w in v.fillers or w in v.nonfunctional or w in v.excluded or w in GENERIC for w in words):
        return None
    if words[-1] in v.outputs or len("".join(words)) < 3:
        return None
    manage = min(v.manage_words)  # the vocabulary's word for '관리' (one word today)
    return Hit(words, clause[toks[0].start : toks[-1].end], manage, "manage", True)


def _requirement_hits(analyzer: Analyzer, text: str, manages: bool = False) -> list[tuple[str, Hit]]:
    """Hits of every clause. A top bullet whose sub-clauses name functions of their own is a
    heading: its hits repeat theirs and are dropped; a heading on excluded data (코드, 이력 …)
    excludes its sub-clauses too."""
    clauses = split_clauses(text)
    per: list[list[Hit]] = []
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


def _reports(hit: Hit, vocab: Vocabulary) -> bool:
    """Whether a hit is a report: an output object, or 조회·출력 of an object named as one."""
    if hit.kind == "output":
        return True
    named = bool(hit.obj_words) and hit.obj_words[-1] in vocab.outputs
    return named or vocab.verbs.get(hit.process, {}).get("type") == "EO"


def _canon(hit: Hit, vocab: Vocabulary) -> str:
    return vocab.verbs.get(hit.process, {}).get("as", hit.process)


def _excluded(words: Sequence[str], vocab: Vocabulary) -> bool:
    return any(w in vocab.excluded for w in words)


def _candidates(hit, clause, req, vocab, order) -> list[Candidate]:
    out: list[Candidate] = []
    if hit.kind == "skip":
        return out
    words = hit.obj_words
    if _excluded(words, vocab) or (hit.process and hit.process in vocab.excluded):
        return out
    key = _obj_key(words, vocab)
    if key and len("".join(key)) < 2:
        return out  # '건', '사': one syllable names no data group
    obj = display(hit.obj_text)
    evidence = evidence_of(clause, hit.obj_text, hit.process)
    rid = req.id

    def cand(typ, proc, name, rule, sub=0):
        return Candidate(
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
        if not key or all(w in GENERIC for w in key):
            return out
        if hit.kind == "link" and all(w in vocab.link_internal or w in GENERIC for w in key):
            return out  # 'DB 연동', 'CDN 연동', '메인페이지 연동': storage or screens inside the project
        if hit.kind == "outbound":
            # named by the receiving system: the last two words after any '및' ('전자결재')
            tail = list(words[len(words) - 1 - words[::-1].index("및") + 1 :] if "및" in words else words)
            tail = [w for w in tail if w not in SEP_FORMS][-2:]
            target = "".join(tail)
            return [
                Candidate("EQ", ("EQ", tuple(tail), "연계"), f"{target} 연계", tuple(tail), rid, evidence,
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
        return [Candidate(entry["type"], (entry["type"], (), canon), canon, (), rid, evidence, f"{hit.process} → {entry['type']}", order + (0,))]
    if not key:
        return out
    shown = canon if canon in ("찾기",) else hit.process
    if entry["type"] == "EI" and entry.get("ilf"):
        out.append(cand("ILF", "", obj, "등록·변경되는 데이터 → ILF"))
    out.append(cand(entry["type"], canon, f"{obj} {shown}", f"{hit.process} → {entry['type']}", 1))
    return out
