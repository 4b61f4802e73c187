"""Extraction from hand-built Documents (합성 문서로 본 요구사항 추출)."""

from __future__ import annotations

from balju.documents.model import Block, Document, Position
from balju.requirements import extract
from balju.requirements.ids import find_ids, is_placeholder, whole_id


def _table(rows, paragraph=1, page=None):
    return Block("table", text="\n".join(" | ".join(r) for r in rows), rows=rows, position=Position(page=page, section=0 if page is None else None, paragraph=paragraph))


def _para(text, paragraph=1):
    return Block("paragraph", text=text, position=Position(section=0, paragraph=paragraph))


DETAIL = [
    ["요구사항 분류", "", "기능 요구사항"],
    ["요구사항 고유번호", "", "SFR-001"],
    ["요구사항 명칭", "", "회원 관리"],
    ["요구사항 상세설명", "정의", "회원 가입과 정보 수정"],
    ["요구사항 상세설명", "세부내용", "○ 회원 가입\n○ 회원 정보 수정"],
    ["산출정보", "", "화면설계서"],
    ["관련 요구사항", "", "SER-001, SFR-002"],
    ["요구사항 출처", "", "발주기관"],
]


def test_detail_table_fields():
    doc = Document("x.hwp", "hwp", [_table(DETAIL, 10)])
    (req,) = extract(doc)
    assert req.id == "SFR-001"
    assert req.category == "SFR"
    assert req.name == "회원 관리"
    assert req.definition == "회원 가입과 정보 수정"
    assert "회원 정보 수정" in req.details
    assert req.outputs == "화면설계서"
    assert req.related_ids == ["SER-001", "SFR-002"]
    assert req.source == "발주기관"
    assert req.category_label == "기능 요구사항"
    assert req.from_table and req.kind == "detail"
    assert req.where == "구역 0 문단 10"
    assert "회원 관리" in req.text and "회원 가입" in req.text


def test_table_continued_on_next_page_is_one_item():
    first = DETAIL[:5]
    rest = [["", "", "○ 탈퇴 처리"], ["산출정보", "", "화면설계서"]]
    doc = Document("x.docx", "docx", [_table(first, 1), _para("- 12 -", 2), _table(rest, 3)])
    (req,) = extract(doc)
    assert "탈퇴 처리" in req.details
    assert req.outputs == "화면설계서"


def test_summary_list_does_not_duplicate_detail():
    summary = [
        ["구분", "요구사항 ID", "요구사항 명칭"],
        ["기능 요구사항(SFR)", "SFR-001", "회원 관리"],
        ["", "SFR-002", "게시판"],
        ["성능 요구사항(PER)", "PER-001", "응답시간"],
    ]
    count = [["기능 요구사항", "SFR-000", "2"], ["성능 요구사항", "PER-000", "1"]]
    doc = Document("x.hwp", "hwp", [_table(count, 1), _table(summary, 2), _table(DETAIL, 3)])
    reqs = extract(doc)
    assert [r.id for r in reqs] == ["SFR-001", "SFR-002", "PER-001"]
    by_id = {r.id: r for r in reqs}
    assert by_id["SFR-001"].kind == "detail"
    assert by_id["SFR-002"].kind == "list" and by_id["SFR-002"].name == "게시판"
    assert by_id["PER-001"].category == "PER"


def test_variant_and_unknown_prefixes_in_id_cells():
    rows = [
        ["요구사항 고유번호", "MPRS-004"],
        ["요구사항 명칭", "유지보수"],
        ["요구사항 고유번호", "SFR-포털-009"],
        ["요구사항 명칭", "지능형 검색"],
    ]
    doc = Document("x.hwp", "hwp", [_table(rows)])
    reqs = extract(doc)
    assert [(r.id, r.category, r.name) for r in reqs] == [
        ("MPRS-004", "MPRS", "유지보수"),
        ("SFR-포털-009", "SFR", "지능형 검색"),
    ]
    assert reqs[0].standard_category == "MAR"


def test_running_text_requirements():
    doc = Document(
        "x.pdf",
        "pdf",
        [
            Block("heading", text="상세 요구사항", position=Position(page=3)),
            Block("paragraph", text="SFR-001 회원 관리", position=Position(page=3)),
            Block("paragraph", text="회원 가입 기능을 제공한다.", position=Position(page=3)),
            Block("paragraph", text="[PER-001] 응답시간", position=Position(page=4)),
            Block("paragraph", text="조회 응답은 3초 이내", position=Position(page=4)),
            Block("paragraph", text="관련 요구사항은 SFR-001을 참고한다.", position=Position(page=4)),
        ],
    )
    reqs = extract(doc)
    assert [(r.id, r.name, r.from_table) for r in reqs] == [("SFR-001", "회원 관리", False), ("PER-001", "응답시간", False)]
    assert "회원 가입" in reqs[0].details
    assert reqs[1].where == "4쪽"


def test_items_without_ids_get_a_category_from_content():
    doc = Document(
        "x.hwp",
        "hwp",
        [
            Block("heading", text="과업 내용", position=Position(section=0, paragraph=1)),
            _para("○ 서버와 스토리지 장비를 도입하여 설치한다", 2),
            _para("○ 개인정보 암호화와 접근통제를 적용한다", 3),
            _para("○ 조회 응답시간과 동시사용자 처리 성능을 확보한다", 4),
        ],
    )
    reqs = extract(doc)
    assert [r.id for r in reqs] == [None, None, None]
    assert [r.category for r in reqs] == ["ECR", "SER", "PER"]
    assert all(not r.from_table for r in reqs)


def test_id_helpers():
    assert is_placeholder("000") and is_placeholder("00") and not is_placeholder("001")
    assert whole_id("**SFR-001**").id == "SFR-001"
    assert whole_id("DAR – 010").id == "DAR-010"
    assert whole_id("SFR-001 회원") is None
    assert [m.id for m in find_ids("UTF-8, SFR-01-001, SFR-000", {"SFR"})] == ["SFR-01-001"]


def test_detail_table_without_id_takes_the_category_cell():
    rows = [["요구사항 분류", "보안 요구사항"], ["요구사항 고유번호", "-"], ["요구사항 명칭", "접근 통제"], ["세부내용", "관리자 화면은 내부망에서만 접속"]]
    (req,) = extract(Document("x.hwp", "hwp", [_table(rows)]))
    assert req.id is None and req.category == "SER" and req.name == "접근 통제"


def test_unknown_r_prefix_in_a_summary_list():
    rows = [["분류", "ID", "명칭"], ["운영", "XOR-001", "가"], ["", "XOR-002", "나"], ["", "XOR-003", "다"], ["", "HDR-10", "해상도"]]
    reqs = extract(Document("x.hwp", "hwp", [_table(rows)]))
    assert [r.id for r in reqs] == ["XOR-001", "XOR-002", "XOR-003"]
