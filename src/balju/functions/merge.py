"""Merging candidates into functions (중복 병합): one function per (type, object, process), the
same object named two ways counted once, one external system one EIF, and each function's 신뢰도."""

from __future__ import annotations

from dataclasses import dataclass

from balju.functions.clauses import GENERIC
from balju.functions.model import Function
from balju.functions.vocabulary import TYPE_ORDER, Vocabulary


@dataclass
class Candidate:
    """One proposal before merging (병합 전 후보): its merge key, rule and place in the RFP."""

    type: str
    key: tuple
    name: str
    obj_key: tuple
    requirement_id: str | None
    evidence: str
    rule: str
    order: tuple



def _confidence(c: Candidate, vocab: Vocabulary) -> float:
    """신뢰도 by the rule the proposal came from (``functions.confidence``)."""
    return vocab.confidence["rule"].get(c.type, {}).get(c.rule, vocab.confidence["type"][c.type])


def _system(key: tuple, vocab: Vocabulary) -> tuple:
    """The external system a link object names: its words up to the first system head ('통합 업무
    관리 시스템 데이터베이스' → '통합 업무 관리 시스템'), or () when it names none or only a generic one."""
    for i, w in enumerate(key):
        if w in vocab.system_heads:
            name = key[: i + 1]
            return () if all(x in GENERIC or x in vocab.system_heads for x in name) else name
    return ()



def merge(cands: list[Candidate], vocab: Vocabulary) -> list[Function]:
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
    best: dict[tuple, Candidate] = {}
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
