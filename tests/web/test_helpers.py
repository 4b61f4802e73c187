"""The small pieces of the web app: upload names, download names, display formats, `balju web` errors."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from urllib.parse import unquote

import pytest

from balju.cli import main
from balju.web import views
from balju.web.downloads import content_disposition, download_name
from balju.web.uploads import MAX_NAME_BYTES, UploadProblem, parse_as_of, safe_name


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("사업.hwp", "사업.hwp"),
        ("C:\\문서\\2025\\사업.hwp", "사업.hwp"),          # old browsers on Windows send the whole path
        ("../../etc/passwd.pdf", "passwd.pdf"),            # never outside the temporary folder
        (".hidden.docx", "hidden.docx"),
        ("a\x00b\nc.txt", "abc.txt"),
        ("", ""),
        ("..", ""),
        ("이름없음", "이름없음"),
    ],
)
def test_safe_name(raw, kept):
    assert safe_name(raw) == kept


def test_safe_name_joins_decomposed_hangul():
    # macOS hands over file names in NFD: 'ㅅ+ㅏ+ㅇ…' must become the one-syllable form people type
    decomposed = unicodedata.normalize("NFD", "제안요청서.hwp")
    assert len(decomposed) > len("제안요청서.hwp")
    assert safe_name(decomposed) == "제안요청서.hwp"


def test_safe_name_cuts_long_names_and_keeps_the_suffix():
    kept = safe_name("가" * 300 + ".hwpx")
    assert kept.endswith(".hwpx")
    assert len(kept.encode("utf-8")) <= MAX_NAME_BYTES
    assert kept == "가" * ((MAX_NAME_BYTES - len(".hwpx")) // 3) + ".hwpx"  # whole syllables only (3 bytes each)


def test_parse_as_of():
    assert parse_as_of("2025-03-01") == dt.date(2025, 3, 1)
    assert parse_as_of("  ") is None and parse_as_of(None) is None
    with pytest.raises(UploadProblem) as caught:
        parse_as_of("3월 1일")
    assert caught.value.status == 400 and caught.value.where == "기준일(as_of)"
    assert caught.value.message == "기준일 '3월 1일'을(를) 읽을 수 없습니다 (not a date)."


def test_content_disposition_keeps_korean_names():
    header = content_disposition("체육시설 사업_검토.pdf", "balju-review-7.pdf")
    assert header.startswith('attachment; filename="balju-review-7.pdf"; ')
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert " " not in encoded and all(ord(c) < 128 for c in encoded)
    assert unquote(encoded) == "체육시설 사업_검토.pdf"
    assert content_disposition("a.html", "a.html", inline=True).startswith("inline; ")


def test_download_name():
    assert download_name({"source": {"file": "사업.hwp"}}, 3, "xlsx") == "사업_검토.xlsx"
    assert download_name({"source": {}}, 3, "pdf") == "review-3_검토.pdf"


def test_display_formats():
    assert views.won(330_000_000) == "330,000,000원" and views.won(None) == "—"
    assert views.points(Decimal("337.800")) == "337.8" and views.points(1234.5) == "1,234.5"
    assert views.points(Decimal("190")) == "190" and views.points(None) == "—"
    # stored in UTC, shown in Korean time (UTC+9)
    assert views.korean_time(dt.datetime(2026, 12, 2, 15, 30, tzinfo=dt.timezone.utc)) == "2026-12-03 00:30"
    assert views.plain(Decimal("337.8")) == 337.8 and views.plain(Decimal("190")) == 190
    assert views.plain(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)) == "2026-01-02T03:04:05Z"


def test_web_command_refuses_an_unreachable_database(capsys, free_port):
    code = main(["web", "--db", f"postgresql+psycopg://nobody@127.0.0.1:{free_port}/none", "--port", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert "데이터베이스를 쓰지 못했습니다" in err and "해결(fix):" in err
    assert "Traceback" not in err


@pytest.fixture
def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
