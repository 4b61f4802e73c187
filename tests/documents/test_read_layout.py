"""Lines → paragraphs and headings, for formats without paragraph marks (문단·제목 판단)."""

from __future__ import annotations

import pytest

from balju.documents.layout import heading_level, join_lines, refine_heading


@pytest.mark.parametrize(
    "line,level",
    [("Ⅰ. 사업 개요", 1), ("제2장 제안요청 내용", 1), ("1. 추진 배경", 2), ("Ⅳ 제안요청 내용", 1),
     ("1. 관리자 및 사용자가 플랫폼을 쉽게 쓸 수 있도록 정보를 제공해야 함", None),
     ("본 사업은 시험입니다.", None), ("- 세부 항목", None), ("", None)],
)
def test_heading_level(line, level):
    assert heading_level(line) == level


@pytest.mark.parametrize(
    "text,claimed,level",
    [("가. 인사관리 시스템", 1, 3), ("2. 추진배경", 1, 2), ("Ⅱ 현황", 3, 1), ("1) 기능 요구사항", 1, 4),
     ("- 인사발령 데이터 이관 방안", 1, None), ("❍ 오픈은 계약 후 3개월 이내", 1, None),
     ("시스템을 구축하여야 함.", 1, None), ("사업 개요", 2, 2)],
)
def test_refine_heading(text, claimed, level):
    assert refine_heading(text, claimed) == level


def test_join_lines_pdf_wrap():
    lines = ["본 과업의 범위는 아래와 같다. 세부 업무내용은 “3. 과업 내용”에서 기술한", "다.",
             "- 극저온시스템 모니터링 ", "- 주요 수치 기록 및", "분석", "Ⅱ 대상업무 현황", "1. 기존 연계 현황"]
    assert join_lines(lines) == [
        "본 과업의 범위는 아래와 같다. 세부 업무내용은 “3. 과업 내용”에서 기술한다.",
        "- 극저온시스템 모니터링",
        "- 주요 수치 기록 및분석",
        "Ⅱ 대상업무 현황",
        "1. 기존 연계 현황",
    ]


def test_join_lines_text_file_keeps_spaces():
    assert join_lines(["본 사업은", "시험입니다."], korean_wrap=False) == ["본 사업은 시험입니다."]


# --- PDF table cells: the layout engine's wraps (셀 안 줄바꿈) ---------------------------------------


def test_unwrap_lines_joins_the_lines_that_ran_to_the_edge():
    from balju.documents.layout import unwrap_lines

    lines = [
        "1. 기존 사용자 계정에 관한 권한 설정 기능 유지",  # stopped short: the writer ended it
        "2. 각각의 계정은 사용자별 접근 권한 설정을 통하여 플랫폼 내 서비스에 접",  # wrapped mid-word
        "근 할 수 있는 권한을 설정하게 해야 함",
        "3. 클러스터링, 다이어그램, 차트, 플롯 등을 통해 데이터 시각화를 제공하여야 하며 ",  # at a space
        "최적의 화면을 제안하여야 함",
    ]
    assert unwrap_lines(lines, [False, True, False, True, False]).split("\n") == [
        "1. 기존 사용자 계정에 관한 권한 설정 기능 유지",
        "2. 각각의 계정은 사용자별 접근 권한 설정을 통하여 플랫폼 내 서비스에 접근 할 수 있는 권한을 설정하게 해야 함",
        "3. 클러스터링, 다이어그램, 차트, 플롯 등을 통해 데이터 시각화를 제공하여야 하며 최적의 화면을 제안하여야 함",
    ]


def test_unwrap_lines_keeps_what_the_writer_ended():
    from balju.documents.layout import unwrap_lines

    # lines that stopped short stay apart, however they end
    assert unwrap_lines(["학사정보 연계 데이터 관리", "성적"], [False, False]) == "학사정보 연계 데이터 관리\n성적"
    # a full line that ends a sentence, or is followed by a mark or a form's next field, stays too
    assert unwrap_lines(["결과를 제공해야 함.", "다음 자료를 보냄"], [True, False]) == "결과를 제공해야 함.\n다음 자료를 보냄"
    assert unwrap_lines(["데이터를 관리하는 기능", "- 등록"], [True, False]) == "데이터를 관리하는 기능\n- 등록"
    assert unwrap_lines(["발 행 일 : 2024. 10. 30", "페 이 지 : 3/19"], [True, False]) == "발 행 일 : 2024. 10. 30\n페 이 지 : 3/19"
