"""A real browser (Debian Chromium through pytest-playwright) against a live `balju web` server.

The server is the real command, started on a free port with its own SQLite file: a person's path from
upload to download to delete, seen the way a person sees it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import openpyxl
import pytest

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(folder, token: str = ""):
    """`balju web` on a free port with its own SQLite file: (base URL, the first line it printed).
    ``token``: run it with that access token (BALJU_WEB_TOKEN), as a team would."""
    port = free_port()
    command = [sys.executable, "-m", "balju", "web", "--db", f"sqlite:///{folder / 'balju.db'}", "--port", str(port)]
    log = (folder / "server.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8",
                              env={**os.environ, "BALJU_DB": "", "BALJU_WEB_TOKEN": token})
    base = f"http://127.0.0.1:{port}"
    try:
        first_line = server.stdout.readline().strip()
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"balju web did not start: {first_line}\n{log.read()}")
                time.sleep(0.1)
        yield base, first_line
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
        log.close()


def upload_through_the_form(page, rfp) -> None:
    """Choose ``rfp`` in the list page's upload form, press 검토하기, wait for the review's page."""
    page.set_input_files("form#upload input[name=file]", str(rfp))
    page.click("button:has-text('검토하기')")
    page.wait_for_url(re.compile(r"/reviews/\d+$"), timeout=60_000)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """`balju web` as one person runs it: on 127.0.0.1, without a token."""
    with serve(tmp_path_factory.mktemp("web-live")) as running:
        yield running


def test_the_command_prints_the_korean_url_line(live_server):
    base, first_line = live_server
    assert first_line.startswith(f"balju 웹 서버: {base}/ (API: {base}/api, DB: sqlite:///")
    assert first_line.endswith("끝내려면 Ctrl+C")


def test_upload_view_download_list_delete(page, live_server, sample_hwp, expected, tmp_path):
    base, _ = live_server
    page.goto(f"{base}/")
    assert page.locator("p.empty").inner_text().startswith("아직 저장된 검토 결과가 없습니다")

    # upload through the form and land on the review's page
    page.set_input_files("input[name=file]", str(sample_hwp))
    page.click("button:has-text('검토하기')")
    page.wait_for_url(re.compile(r"/reviews/\d+$"), timeout=60_000)
    review_url = page.url
    assert page.locator("h1.project").inner_text() == expected.project
    figures = page.locator("dl.figures")
    assert figures.locator("div:has(dt:text-is('판정')) dd").inner_text() == expected.verdict_ko
    assert figures.locator("div:has(dt:text-is('사업예산')) dd").inner_text() == "330,000,000원"

    # the embedded report is the HTML report of the same review
    report = page.frame_locator("iframe#report")
    assert expected.project in report.locator("body").inner_text(timeout=30_000)

    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0

    # download the XLSX: a Korean name, a workbook that opens with the project in it
    with page.expect_download() as caught:
        page.click("a.button:has-text('XLSX')")
    download = caught.value
    assert download.suggested_filename == "sample_rfp_검토.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    book = openpyxl.load_workbook(saved, read_only=True)
    assert {row[0]: row[1] for row in book["요약"].iter_rows(values_only=True) if row and row[0]}["사업명"] == expected.project

    # back to the list: the row is there, with its figures
    page.click("text=← 검토 목록")
    page.wait_for_url(f"{base}/")
    row = page.locator("table.reviews tbody tr", has_text=expected.project)
    assert row.count() == 1
    assert "309.9" in row.inner_text() and expected.verdict_ko in row.inner_text()

    # open it again and delete it (accepting the confirmation)
    row.locator("a").click()
    page.wait_for_url(review_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button.danger:has-text('지우기')")
    page.wait_for_url(f"{base}/?deleted=1")
    assert page.locator("p.notice").inner_text() == "검토 결과를 지웠습니다."
    assert page.locator("table.reviews tbody tr", has_text=expected.project).count() == 0


def test_a_bad_file_shows_the_reason_on_the_form(page, live_server, tmp_path):
    base, _ = live_server
    empty = tmp_path / "빈 제안요청서.hwp"
    empty.write_bytes(b"")
    page.goto(f"{base}/")
    page.set_input_files("input[name=file]", str(empty))
    page.click("button:has-text('검토하기')")
    page.wait_for_load_state()
    problem = page.locator("#problem")
    assert "빈 파일입니다" in problem.inner_text()
    assert "빈 제안요청서.hwp" in problem.inner_text()


def test_correct_the_functions_and_reprice(page, live_server, sample_hwp, tmp_path):
    """Download the proposed functions, upload a corrected list, land on the new review, go back."""
    base, _ = live_server
    page.goto(f"{base}/")
    upload_through_the_form(page, sample_hwp)
    original_url = page.url

    with page.expect_download() as caught:
        page.click("a.button:has-text('기능 목록 내려받기 (XLSX)')")
    download = caught.value
    assert download.suggested_filename == "sample_rfp_기능목록.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(str(saved))
    rows = list(openpyxl.load_workbook(saved, read_only=True)["기능목록"].iter_rows(values_only=True))
    # the 67 proposed functions and the 6 left-out candidates marked 빼기 (not counted)
    assert rows[0][:2] == ("기능명", "유형") and rows[0][-1] == "빼기" and len(rows) - 1 == 73
    assert sum(1 for r in rows[1:] if r[-1] is None) == 67

    # a list with an unknown type comes back with the row named, and the page stays
    broken = tmp_path / "고친목록.csv"
    broken.write_text("기능명,유형\n회원정보,ILF\n회원 가입,XYZ\n", encoding="utf-8")
    page.set_input_files("form#correct input[name=file]", str(broken))
    page.click("button:has-text('다시 산정하기')")
    page.wait_for_load_state()
    problem = page.locator("#problem").inner_text()
    assert "'XYZ'" in problem and "고친목록.csv, 3행" in problem

    # the hand count re-prices it as a new review that links back
    page.set_input_files("form#correct input[name=file]", str(sample_hwp.parent / "functions.yaml"))
    page.click("button:has-text('다시 산정하기')")
    page.wait_for_url(lambda url: re.search(r"/reviews/\d+$", url) is not None and url != original_url, timeout=60_000)
    figures = page.locator("dl.figures")
    assert figures.locator("div:has(dt:text-is('기능점수')) dd").inner_text().startswith("247.5 FP")
    assert "사람이 고친 기능 목록으로 다시 산정한 검토입니다" in page.locator("p.corrected").inner_text()
    page.click("p.corrected a")
    page.wait_for_url(original_url)
    assert figures.locator("div:has(dt:text-is('기능점수')) dd").inner_text().startswith("309.9 FP")


def test_edit_the_functions_on_the_page_and_reprice(page, live_server, sample_hwp):
    """Leave one function out, retype one, add one: the running total follows each change by the
    간이법 weights (ILF 7.5, EI 4.0, EO 5.2, EQ 3.9), and the saved review has the same total."""
    base, _ = live_server
    page.goto(f"{base}/")
    upload_through_the_form(page, sample_hwp)
    original_url = page.url
    page.click("a.button:has-text('화면에서 고치기')")
    page.wait_for_url(f"{original_url}/functions/edit")
    total = page.locator(".tally-fp")
    count = page.locator(".tally-count")
    assert (total.inner_text(), count.inner_text()) == ("309.9", "67")  # the 6 left-out candidates not counted
    assert page.input_value("input[name=name0]") == "회원" and page.input_value("select[name=type0]") == "ILF"
    assert page.input_value("input[name=name1]") == "회원 가입" and page.input_value("select[name=type1]") == "EI"

    # Enter in a cell moves down a row; it does not save the table
    page.fill("input[name=note0]", "확인함")
    page.press("input[name=note0]", "Enter")
    assert page.url.endswith("/functions/edit") and page.evaluate("document.activeElement.name") == "note1"
    page.fill("input[name=note0]", "")
    page.check("input[name=drop0]")
    assert (total.inner_text(), count.inner_text()) == ("302.4", "66")  # − 7.5
    page.select_option("select[name=type1]", "EQ")
    assert total.inner_text() == "302.3"  # − 4.0 + 3.9
    assert page.locator(".tally-changed").inner_text() == "2"
    page.click("button:has-text('행 추가')")
    assert page.input_value("input[name=n]") == "77"  # 67 functions, 6 left-out candidates, 3 empty rows, the added one
    page.fill("input[name=name76]", "월별 이용 통계")
    page.select_option("select[name=type76]", "EO")
    assert (total.inner_text(), count.inner_text()) == ("307.5", "67")  # + 5.2

    # under one requirement: SFR-006 (이용 통계 보고서) holds two EOs, 2 × 5.2 = 10.4 FP
    head = page.locator("tr.req[data-section='SFR-006']")
    assert (head.locator(".sec-count").inner_text(), head.locator(".sec-fp").inner_text()) == ("2", "10.4")
    head.locator("summary").click()
    assert "이용 통계" in head.locator(".req-text").inner_text()  # the requirement's own text
    head.locator("button.add-here").click()
    assert page.input_value("input[name=n]") == "78"
    assert page.input_value("input[name=req77]") == "SFR-006"
    page.fill("input[name=name77]", "시설별 이용률 통계")
    page.select_option("select[name=type77]", "EO")
    assert (head.locator(".sec-count").inner_text(), head.locator(".sec-fp").inner_text()) == ("3", "15.6")
    assert (total.inner_text(), count.inner_text()) == ("312.7", "68")  # + 5.2
    # it sits right under SFR-006's rows, before SFR-007's header
    assert page.locator("tr.req[data-section='SFR-007']").evaluate("h => h.previousElementSibling.id") == "row-78"
    page.check("input[name=drop77]")
    assert (total.inner_text(), count.inner_text()) == ("307.5", "67")
    # 모두 빼기 on SFR-006 leaves out its two EOs (−10.4); again, it brings back all three rows (+15.6)
    head.locator("button.drop-all").click()
    assert (total.inner_text(), head.locator(".sec-count").inner_text()) == ("297.1", "0")
    head.locator("button.drop-all").click()
    assert (total.inner_text(), head.locator(".sec-count").inner_text()) == ("312.7", "3")
    page.check("input[name=drop77]")
    assert (total.inner_text(), head.locator(".sec-count").inner_text()) == ("307.5", "2")

    # a left-out candidate counts once its 빼기 is cleared: '선택 입력' (EI, SFR-003) + 4.0
    assert page.input_value("input[name=name30]") == "선택 입력" and page.is_checked("input[name=drop30]")
    assert page.locator("#row-31 .left-out-mark").inner_text() == "빼 둔 후보"
    page.uncheck("input[name=drop30]")
    assert (total.inner_text(), count.inner_text()) == ("311.5", "68")
    page.check("input[name=drop30]")
    assert (total.inner_text(), count.inner_text()) == ("307.5", "67")

    # 신뢰도 낮은 행만 보기: the six candidates under 0.4, left out
    page.check("input.only-low")
    assert page.locator("table.functions-edit tbody tr:visible").count() == 6
    page.uncheck("input.only-low")

    page.click("button:has-text('다시 산정해 저장')")
    page.wait_for_url(lambda url: re.search(r"/reviews/\d+$", url) is not None and url != original_url, timeout=60_000)
    figures = page.locator("dl.figures")
    assert figures.locator("div:has(dt:text-is('기능점수')) dd").inner_text().startswith("307.5 FP")
    assert "사람이 고친 기능 목록으로 다시 산정한 검토입니다" in page.locator("p.corrected").inner_text()


def test_the_detailed_method_on_the_page(page, live_server, sample_hwp):
    """정통법 in the browser: every row needs its DET and RET/FTR; one filled row is priced by the
    기준일's matrix (ILF DET 25 RET 2 → average, 10 FP) and the total waits for the rest."""
    base, _ = live_server
    page.goto(f"{base}/")
    upload_through_the_form(page, sample_hwp)
    page.goto(page.url + "/functions/edit")
    page.select_option("select.method", "detailed")
    assert page.locator(".tally-method").inner_text() == "정통법" and page.locator(".tally-fp").inner_text() == "—"
    # the 67 functions of the list (the 6 left-out candidates are not counted, so need no values)
    assert page.locator(".tally-missing").is_visible() and page.locator(".tally-missing-count").inner_text() == "67"
    assert "needs" in page.locator("#row-1").get_attribute("class")
    page.fill("input[name=det0]", "25")
    page.fill("input[name=rf0]", "2")
    assert page.locator(".tally-missing-count").inner_text() == "66"
    assert "needs" not in page.locator("#row-1").get_attribute("class")
    # SFR-001's subtotal counts the filled row at 10 (the rest of its rows wait for their values)
    assert page.locator("tr.req[data-section='SFR-001'] .sec-fp").inner_text() == "10"
    page.select_option("select.method", "simple")
    assert (page.locator(".tally-method").inner_text(), page.locator(".tally-fp").inner_text()) == ("간이법", "309.9")
    assert not page.locator(".tally-missing").is_visible()


TEAM_TOKEN = "browser-team-token-4Fp8Wq2Zx6Lm"


def test_login_upload_delete_and_logout_with_a_token(page, tmp_path_factory, sample_hwp, expected):
    """A team's server: the login page first, a wrong token refused, then the forms work (each carries
    its CSRF field), and after logging out the list is closed again."""
    with serve(tmp_path_factory.mktemp("web-token"), token=TEAM_TOKEN) as (base, _):
        page.goto(f"{base}/")
        assert page.url == f"{base}/login"
        page.fill("input[name=token]", "not-the-team-token-at-all")
        page.click("button:has-text('로그인')")
        page.wait_for_load_state()
        assert page.locator("#problem .message").inner_text() == "접근 토큰이 맞지 않습니다 (wrong token)."

        page.fill("input[name=token]", TEAM_TOKEN)
        page.click("button:has-text('로그인')")
        page.wait_for_url(f"{base}/")
        assert page.locator("p.empty").inner_text().startswith("아직 저장된 검토 결과가 없습니다")
        cookie = next(c for c in page.context.cookies() if c["name"] == "balju_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TEAM_TOKEN not in cookie["value"]

        upload_through_the_form(page, sample_hwp)
        assert page.locator("h1.project").inner_text() == expected.project
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("button.danger:has-text('지우기')")
        page.wait_for_url(f"{base}/?deleted=1")
        assert page.locator("p.notice").inner_text() == "검토 결과를 지웠습니다."

        page.click("button:has-text('로그아웃')")
        page.wait_for_url(f"{base}/login?out=1")
        assert "로그아웃했습니다" in page.locator("p.notice").inner_text()
        page.goto(f"{base}/")
        assert page.url == f"{base}/login"


def test_a_user_logs_in_with_a_personal_token_and_the_audit_log_names_them(page, tmp_path_factory, sample_hwp):
    """A team store with one user (as `balju users add 홍길동` makes it): the server asks for a login
    without a shared token, shows who is logged in, and the review and the audit log name them."""
    from balju.store import Store

    folder = tmp_path_factory.mktemp("web-users")
    with Store(f"sqlite:///{folder / 'balju.db'}") as store:
        token = store.accounts.add("홍길동")
    with serve(folder) as (base, _):
        page.goto(f"{base}/")
        assert page.url == f"{base}/login"
        page.fill("input[name=token]", token)
        page.click("button:has-text('로그인')")
        page.wait_for_url(f"{base}/")
        assert page.locator("header .who").inner_text() == "홍길동"
        upload_through_the_form(page, sample_hwp)
        review_url = page.url
        who = page.locator("dl.figures div:has(dt:text-is('올린 사람')) dd")
        assert who.inner_text().startswith("홍길동")
        who.locator("a", has_text="홍길동").click()
        page.wait_for_url(re.compile(r"/audit\?user="))
        actions = page.locator("table.audit tbody tr td:nth-child(3)").all_inner_texts()
        assert actions == ["올리기", "로그인"]
        assert page.locator("table.audit tbody tr").first.locator("a[href^='/reviews/']").get_attribute("href") == \
            review_url.removeprefix(base)
