"""Requirements out of a Document (요구사항 추출).

Three sources, in order of trust:

1. 상세 요구사항 표 (detail tables): label/value rows such as 요구사항 고유번호 | SFR-001,
   요구사항 명칭, 정의, 세부내용, 산출정보, 관련 요구사항, 요구사항 출처. A table that continues
   on the next page (a table without an ID right after a detail table) is the same item.
2. 요구사항 총괄표·목록 (summary lists): rows with an ID cell and a name cell. They fill in IDs the
   detail tables do not have, never a second item for an ID already detailed.
3. Running text: a paragraph that starts with an ID (PDF pages where tables were not recognised).

Documents without IDs: bullet items under a 과업/요구사항 heading become items without ID, with a
category chosen from their words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from balju.documents.heads import LIST_MARKS
from balju.documents.model import Block, Document
from balju.requirements.ids import ID_RE, find_ids, is_placeholder, normalize, whole_id
from balju.requirements.model import Requirement
from balju.requirements.privacy import redact
from balju.requirements.vocab import Vocabulary, _key, load

_BULLET = re.compile(rf"^\s*(?:[{LIST_MARKS}※\-–·*>]+|\d{{1,2}}[.)]|[가-하][.)]|\(\d{{1,2}}\)|[①-⑳])?\s*")
_SPACES = re.compile(r"[ \t\u00a0]+")
_INLINE_ID = re.compile(r"^(요구사항\s*(고유\s*)?(번호|ID))\s*[:：]?\s*(.+)$", re.S)
_TEXT_ITEM_HEADINGS = re.compile(r"(요구사항|과업\s*내용|과업\s*범위|과업\s*지시|세부\s*과업|주요\s*과업)")


def _clean(text: str | None) -> str:
    if not text:
        return ""
    text = text.replace("\r", "\n")
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _dedup(row: list[str]) -> list[str]:
    """Cells of a row without empty cells and without the repeats of a merged cell."""
    out: list[str] = []
    for cell in row:
        c = _clean(cell)
        if not c or (out and out[-1] == c):
            continue
        out.append(c)
    return out


@dataclass
class _Item:
    id: str | None
    kind: str  # detail | list | text
    where: str
    block: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    category_label: str = ""

    def add(self, name: str, value: str) -> None:
        if value:
            self.fields.setdefault(name, []).append(value)

    def get(self, name: str) -> str:
        return "\n".join(self.fields.get(name, []))


class _Extractor:
    def __init__(self, doc: Document, vocab: Vocabulary):
        self.doc = doc
        self.vocab = vocab
        self.known = set(vocab.prefixes) | self._context_prefixes()
        self.items: list[_Item] = []
        self.current: _Item | None = None  # detail item being filled
        self.current_field: str | None = None
        self.last_detail_block: int | None = None
        fields = ("name", "definition", "details", "outputs", "related", "source", "category", "other", "container")
        keys = sorted((k for k, f in vocab.labels.items() if f in fields and len(k) >= 2), key=len, reverse=True)
        self.label_line = re.compile(
            r"^\s*(" + "|".join("\\s*".join(re.escape(ch) for ch in k) for k in keys) + r")\s*[:：]?\s*(.*)$", re.S
        )

    # -- which prefixes count -------------------------------------------------------------
    def _context_prefixes(self) -> set[str]:
        """Prefixes outside the dictionary accepted because the RFP puts them in an ID cell."""
        found: set[str] = set()
        whole_cells: dict[str, set[str]] = {}
        for block in self.doc.blocks:
            if block.kind != "table" or not block.rows:
                continue
            for row in block.rows:
                cells = _dedup(row)
                for a, b in zip(cells, cells[1:]):
                    if self.vocab.label(a) in ("id", "category"):
                        m = whole_id(b)
                        if m:
                            found.add(m.prefix)
                for cell in cells:
                    m = whole_id(cell)
                    if m and m.prefix.endswith("R"):
                        whole_cells.setdefault(m.prefix, set()).add(m.id)
        # an agency's own …R prefix used only in a summary list: several distinct IDs as whole cells
        found.update(p for p, ids in whole_cells.items() if len(ids) >= 3)
        return found

    def _whole(self, text: str):
        m = whole_id(text)
        return m if m and m.prefix in self.known else None

    # -- walking the document --------------------------------------------------------------
    def run(self) -> list[_Item]:
        text_item: _Item | None = None
        for index, block in enumerate(self.doc.blocks):
            where = block.position.label()
            if block.kind == "table" and block.rows:
                text_item = None
                if self._is_detail_table(block):
                    if self._repeats_current(block, index):
                        self._fill_rows(block, index, continuation=True)
                        self.last_detail_block = index
                    else:
                        self._detail_table(block, index)
                elif self._is_continuation(block, index):
                    self._fill_rows(block, index, continuation=True)
                    self.last_detail_block = index
                else:
                    self._finish()
                    self._list_table(block, index)
                continue
            text = _clean(block.text)
            if not text:
                continue
            if block.kind == "heading":
                text_item = None
                if not _short_noise(text):
                    self._finish()
                continue
            lead = _BULLET.sub("", text, count=1)
            lead = re.sub(r"^(요구사항\s*(고유\s*)?(번호|ID)\s*[:：]?\s*)", "", lead)
            lead = lead.lstrip("[(【<")
            m = ID_RE.match(lead)
            if m and m.group(1) in self.known and not is_placeholder(m.group(2)):
                if not _short_noise(text):
                    self._finish()
                rid = normalize(m.group(1), m.group(2))
                text_item = _Item(rid, "text", where, index)
                rest = lead[m.end():].lstrip("])】>:： .-")
                first, _, more = rest.partition("\n")
                text_item.add("name", first.strip())
                text_item.add("details", more.strip())
                self.items.append(text_item)
                continue
            if not _short_noise(text):
                self._finish()
                if text_item is not None:
                    lab = self.label_line.match(text)
                    fld = self.vocab.label(lab.group(1)) if lab else None
                    while fld == "container":  # "요구사항 상세설명 정의 …"
                        inner = self.label_line.match(lab.group(2))
                        if inner is None:
                            fld = "details"
                            break
                        lab, fld = inner, self.vocab.label(inner.group(1))
                    if fld == "category":
                        text_item.category_label = lab.group(2).strip()
                    elif fld and fld != "other":
                        text_item.add(fld, lab.group(2).strip())
                    elif fld is None:
                        text_item.add("details", text)
        self._finish()
        return self.items

    def _finish(self) -> None:
        self.current = None
        self.current_field = None
        self.last_detail_block = None

    # -- detail tables ----------------------------------------------------------------------
    def _is_detail_table(self, block: Block) -> bool:
        for row in block.rows or []:
            cells = _dedup(row)
            for i, cell in enumerate(cells):
                kind = self.vocab.label(cell)
                if kind in ("id", "category"):
                    nxt = cells[i + 1] if i + 1 < len(cells) else ""
                    if self._whole(nxt) or (kind == "id" and find_ids(nxt, self.known)):
                        return True
                if kind is None and i == 0:
                    m = _INLINE_ID.match(cell)
                    if m and self._whole(m.group(4)):
                        return True
        # a detail table whose ID cell is empty or "-": the labels alone tell
        labels = {self.vocab.label(c) for row in block.rows or [] for c in _dedup(row)[:2]}
        return {"id", "name"} <= labels and bool(labels & {"definition", "details"})

    def _repeats_current(self, block: Block, index: int) -> bool:
        """A table split over pages whose header row (with the ID) is repeated on the next page."""
        if self.current is None or self.current.id is None or self.last_detail_block is None:
            return False
        between = self.doc.blocks[self.last_detail_block + 1 : index]
        if any(b.kind in ("heading", "table") for b in between) or sum(len(b.text or "") for b in between) > 60:
            return False
        ids = [self._whole(c) for row in (block.rows or [])[:2] for c in _dedup(row)]
        ids = [m.id for m in ids if m]
        if not ids or ids[0] != self.current.id or len(set(ids)) != 1:
            return False
        # a second table with its own, different name is a second requirement under the same ID
        for row in block.rows or []:
            cells = _dedup(row)
            for a, b in zip(cells, cells[1:]):
                if self.vocab.label(a) == "name" and self.vocab.label(b) is None:
                    return _key(b) == _key(self.current.get("name"))
        return True

    def _is_continuation(self, block: Block, index: int) -> bool:
        if self.current is None or self.last_detail_block is None:
            return False
        between = self.doc.blocks[self.last_detail_block + 1 : index]
        if any(b.kind in ("heading", "table") for b in between):
            return False
        if sum(len(b.text or "") for b in between) > 60:
            return False
        for row in block.rows or []:
            for cell in _dedup(row):
                if self._whole(cell):
                    return False
        first = _dedup(block.rows[0]) if block.rows else []
        labels = {self.vocab.label(c) for row in block.rows for c in _dedup(row)}
        if labels & {"definition", "details", "outputs", "related", "source"}:
            return True
        return bool(first) and self.vocab.label(first[0]) is None

    def _detail_table(self, block: Block, index: int) -> None:
        self._finish()
        self._fill_rows(block, index, continuation=False)
        self.last_detail_block = index

    def _fill_rows(self, block: Block, index: int, continuation: bool) -> None:
        where = block.position.label()
        pending_category = ""
        for row in block.rows or []:
            cells = _dedup(row)
            for cell in cells:
                kind = self.vocab.label(cell)
                if kind == "container":
                    self.current_field = "details"
                    continue
                if kind is not None:
                    self.current_field = kind
                    continue
                inline = _INLINE_ID.match(cell)
                if inline and self._whole(inline.group(4)) and not continuation:
                    self.current_field = "id"
                    cell = inline.group(4)
                fld = self.current_field
                if continuation and fld in ("id", "category") and self.current is not None:
                    m = self._whole(cell)
                    if m is not None and m.id == self.current.id:
                        continue
                if fld in ("id", "category"):
                    m = self._whole(cell)
                    if m is None and fld == "id":
                        ids = find_ids(cell, self.known)
                        m = ids[0] if ids else None
                    if m is not None:
                        self.current = _Item(m.id, "detail", where, index)
                        if pending_category:
                            self.current.category_label = pending_category
                            pending_category = ""
                        self.items.append(self.current)
                        continue
                    if fld == "category":
                        if self.current is not None and not self.current.category_label:
                            self.current.category_label = cell
                        else:
                            pending_category = cell
                        continue
                    if self.current is None:
                        # an ID cell without an ID ("-", blank): an item without ID
                        self.current = _Item(None, "detail", where, index)
                        self.current.category_label = pending_category
                        pending_category = ""
                        self.items.append(self.current)
                        continue
                if self.current is None:
                    continue
                self.current.add(fld or "details", cell)

    # -- summary lists -----------------------------------------------------------------------
    def _list_table(self, block: Block, index: int) -> None:
        where = block.position.label()
        header: dict[int, str] = {}
        category = ""
        for raw in block.rows or []:
            cells = [_clean(c) for c in raw]
            labels = [self.vocab.label(c) for c in cells]
            nonempty = [c for c in cells if c]
            if len(nonempty) >= 2 and all(lb for c, lb in zip(cells, labels) if c):
                header = {i: lb for i, lb in enumerate(labels) if lb}
                continue
            id_pos = None
            for i, c in enumerate(cells):
                if self._whole(c):
                    id_pos = i
                    break
            if id_pos is None:
                continue
            m = self._whole(cells[id_pos])
            item = _Item(m.id, "list", where, index)
            before = [c for c in cells[:id_pos] if c and not re.fullmatch(r"[\d.\s]+", c)]
            if before:
                category = before[-1]
            item.category_label = category
            if header:
                for i, c in enumerate(cells):
                    fld = header.get(i)
                    if fld in ("name", "definition", "details", "outputs", "related", "source"):
                        item.add(fld, c)
                    elif fld == "category" and c:
                        item.category_label = c
            if not item.fields.get("name"):
                for c in cells[id_pos + 1 :]:
                    if c and not self._whole(c) and not re.fullmatch(r"[\d.,\s]+", c):
                        item.add("name", c)
                        break
            self.items.append(item)


def _short_noise(text: str) -> bool:
    """Page numbers and running headers between the pieces of a split table."""
    return len(text) <= 12 and not ID_RE.search(text)


def _category_from_label(label: str, vocab: Vocabulary) -> str | None:
    """The category an ID-less item's 요구사항 분류 cell names: "(SFR)" or "기능 요구사항"."""
    if not label:
        return None
    for code in re.findall(r"[A-Z]{2,4}", label):
        if code in vocab.prefixes:
            return vocab.prefixes[code][1]
    squeezed = re.sub(r"\s", "", label)
    for code, (name, standard) in vocab.prefixes.items():
        if code == standard and re.sub(r"\s", "", name) in squeezed:
            return standard
    return None


def _category_from_text(text: str, vocab: Vocabulary) -> str:
    best, score = "SFR", 0
    for cat, words in vocab.category_keywords.items():
        s = sum(text.count(w) for w in words)
        if s > score:
            best, score = cat, s
    return best


def _to_requirement(item: _Item, vocab: Vocabulary) -> Requirement:
    # the readers draw a paragraph's head mark ('• 시스템 시험운영', '□ …'); a name or a
    # definition's first line carries no list mark
    name = _BULLET.sub("", redact(item.get("name").replace("\n", " ")), count=1).strip()
    definition = _BULLET.sub("", redact(item.get("definition")), count=1)
    details = redact(item.get("details"))
    text = "\n".join(p for p in (name, definition, details) if p)
    prefix = item.id.split("-", 1)[0] if item.id else None
    category = prefix or _category_from_label(item.category_label, vocab) or _category_from_text(text, vocab)
    related: list[str] = []
    for m in find_ids(item.get("related"), set(vocab.prefixes) | ({prefix} if prefix else set())):
        if m.id not in related and m.id != item.id:
            related.append(m.id)
    return Requirement(
        id=item.id,
        category=category,
        name=name,
        text=text,
        definition=definition,
        details=details,
        outputs=redact(item.get("outputs")),
        related_ids=related,
        from_table=item.kind in ("detail", "list"),
        where=item.where,
        source=item.get("source"),
        category_label=item.category_label.replace("\n", " "),
        kind=item.kind,
        standard_category=vocab.standard(prefix) or (category if not prefix else prefix),
    )


def extract(doc: Document, *, day: dt.date | None = None) -> list[Requirement]:
    """Every requirement in ``doc``, one item per requirement (요구사항 목록)."""
    vocab = load(day)
    items = _Extractor(doc, vocab).run()
    detailed = {it.id for it in items if it.kind == "detail" and it.id}
    seen_other: dict[str, _Item] = {}
    keep: list[_Item] = []
    for it in items:
        if it.kind == "detail":
            if it.id is None and not (it.fields.get("name") or it.fields.get("details")):
                continue
            keep.append(it)
            continue
        if it.id in detailed:
            _merge_listing(items, it)
            continue
        prev = seen_other.get(it.id)
        if prev is not None:
            # a list row beats a text mention; between two text items the fuller one wins
            if _rank(it) < _rank(prev) or (_rank(it) == _rank(prev) == 2 and _size(it) > _size(prev)):
                keep[[id(k) for k in keep].index(id(prev))] = it
                seen_other[it.id] = it
            continue
        seen_other[it.id] = it
        keep.append(it)
    # the order of first mention (the summary list's order when there is one)
    first: dict[str, int] = {}
    for pos, it in enumerate(items):
        if it.id and it.id not in first:
            first[it.id] = pos
    own = {id(it): pos for pos, it in enumerate(items)}
    order = {id(it): (first[it.id] if it.id else own[id(it)], own[id(it)]) for it in keep}
    keep.sort(key=lambda it: order[id(it)])
    reqs = [_to_requirement(it, vocab) for it in keep]
    if sum(1 for r in reqs if r.id) < 3:
        reqs.extend(_untagged(doc, vocab))
    return reqs


def _size(item: _Item) -> int:
    return sum(len(v) for key, vals in item.fields.items() if key != "name" for v in vals)


def _rank(item: _Item) -> int:
    return {"detail": 0, "list": 1, "text": 2}[item.kind]


def _merge_listing(items: list[_Item], listing: _Item) -> None:
    """Keep the summary-list name on the detailed item (used to spot a list/detail mismatch)."""
    for it in items:
        if it.kind == "detail" and it.id == listing.id:
            if listing.get("name") and "listed_name" not in it.fields:
                it.fields["listed_name"] = [listing.get("name")]
            return


def _untagged(doc: Document, vocab: Vocabulary) -> list[Requirement]:
    """Bullet items under a 과업/요구사항 heading in an RFP that has no requirement IDs."""
    out: list[Requirement] = []
    active = False
    for block in doc.blocks:
        text = _clean(block.text)
        if block.kind == "heading":
            active = bool(_TEXT_ITEM_HEADINGS.search(text))
            continue
        if not active or block.kind != "paragraph" or not text:
            continue
        if not re.match(r"^\s*[○●◦❍•▪■□\-–]", text):
            continue
        body = _BULLET.sub("", text, count=1).strip()
        if len(body) < 8:
            continue
        name = body.split("\n", 1)[0][:60]
        out.append(
            Requirement(
                id=None,
                category=_category_from_text(body, vocab),
                name=name,
                text=body,
                details=body,
                from_table=False,
                where=block.position.label(),
                kind="text",
                standard_category=_category_from_text(body, vocab),
            )
        )
    return out
