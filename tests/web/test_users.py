"""Personal tokens (balju users) in the web app: who logs in, who uploads, corrects and deletes, what
the audit log says, and what a disable or a new token ends. A real SQLite file; the users are made
through the store, as `balju users add` makes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from balju.cli import main
from balju.store import Store
from balju.web import auth, create_app
from page_forms import csrf_of, form_of, logged_in_client

SHARED = "shared-team-token-9Qw2Er4Ty6Ui"
HAND_COUNT = Path(__file__).resolve().parents[2] / "examples" / "functions.yaml"


@pytest.fixture
def instant(monkeypatch):
    """A disable or a new token takes effect at once (the gate normally reuses answers for 5 s)."""
    monkeypatch.setattr(auth, "USER_CHECK_SECONDS", 0.0)


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'balju.db'}"


@pytest.fixture
def tokens(db_url) -> dict[str, str]:
    with Store(db_url) as store:
        return {name: store.accounts.add(name) for name in ("홍길동", "김감사")}


def client_of(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


def log_in(app, token: str) -> TestClient:
    return logged_in_client(app, token)


def audit_lines(db_url: str) -> list[tuple]:
    with Store(db_url) as store:
        return [(e.user_name, e.action, e.review_id) for e in reversed(store.accounts.audit(limit=500))]


def test_users_alone_close_the_app_and_say_who_is_working(db_url, tokens, sample_hwp):
    app = create_app(db_url)  # no shared token: the users' tokens are the only way in
    with TestClient(app):
        anonymous = client_of(app)
        assert anonymous.get("/").headers["location"] == "/login"
        assert anonymous.get("/api/reviews").status_code == 401
        assert anonymous.post("/login", data={"token": SHARED}).status_code == 401

        hong = log_in(app, tokens["홍길동"])
        cookie = hong.cookies.get("balju_session")
        assert cookie.count(".") == 3 and tokens["홍길동"] not in cookie  # issued.nonce.user.signature
        page = hong.get("/").text
        assert '<span class="who" title="로그인한 사용자">홍길동</span>' in page
        with sample_hwp.open("rb") as handle:
            uploaded = hong.post("/reviews", data={"csrf": csrf_of(hong)}, files={"file": ("체육시설.hwp", handle)})
        assert uploaded.status_code == 303
        rid = int(uploaded.headers["location"].rsplit("/", 1)[1])
        assert "올린 사람" in hong.get(f"/reviews/{rid}").text
        listed = hong.get("/").text
        assert "<th>올린·고친 사람</th>" in listed and '<td class="who">홍길동</td>' in listed
        assert 'name="mine"' in listed  # 내 검토만, for a named user

        # a program with 김감사's token: the corrected list and the delete are hers
        bearer = {"Authorization": f"Bearer {tokens['김감사']}"}
        api = client_of(app)
        with HAND_COUNT.open("rb") as handle:
            corrected = api.post(f"/api/reviews/{rid}/functions", headers=bearer, files={"file": ("f.yaml", handle)})
        assert corrected.status_code == 201
        cid = corrected.json()["id"]
        assert api.delete(f"/api/reviews/{rid}", headers=bearer).status_code == 204

    with Store(db_url) as store:
        assert store.get_summary(cid).created_by == "김감사"
        assert [r.id for r in store.list_reviews(created_by="김감사")] == [cid]
        assert store.count_reviews(created_by="홍길동") == 0  # 홍길동's upload was deleted
    assert audit_lines(db_url) == [
        ("홍길동", "login", None), ("홍길동", "upload", rid), ("김감사", "correct", cid), ("김감사", "delete", rid)]
    with Store(db_url) as store:
        [deleted] = store.accounts.audit(review_id=rid, limit=1)
    assert deleted.detail == "체육시설.hwp · 가상시 시민 체육시설 예약관리시스템 구축 사업"


def test_the_audit_page_and_api(db_url, tokens, sample_hwp):
    app = create_app(db_url)
    with TestClient(app):
        hong = log_in(app, tokens["홍길동"])
        with sample_hwp.open("rb") as handle:
            rid = int(hong.post("/reviews", data={"csrf": csrf_of(hong)},
                                files={"file": (sample_hwp.name, handle)}).headers["location"].rsplit("/", 1)[1])
        form = form_of(hong.get(f"/reviews/{rid}/functions/edit").text)
        form.update({"drop0": "1", "action": "save"})
        cid = int(hong.post(f"/reviews/{rid}/functions/edit", data=form).headers["location"].rsplit("/", 1)[1])
        assert hong.post("/logout", data={"csrf": csrf_of(hong)}).status_code == 303

        kim = log_in(app, tokens["김감사"])
        page = kim.get("/audit").text
        rows = re.findall(r'<tr data-action="(\w+)">', page)
        assert rows == ["login", "logout", "correct", "upload", "login"]  # newest first
        assert "화면에서 1행 고침, 기능 66개" in page and f'<a href="/reviews/{cid}">#{cid}</a>' in page
        only_hong = kim.get("/audit", params={"user": "홍길동"}).text
        assert re.findall(r'<tr data-action="(\w+)">', only_hong) == ["logout", "correct", "upload", "login"]
        one_review = kim.get("/audit", params={"review": str(rid)}).text
        assert re.findall(r'<tr data-action="(\w+)">', one_review) == ["upload"]

        download = kim.get("/audit.csv", params={"user": "홍길동"})
        assert download.headers["content-type"].startswith("text/csv") and download.content.startswith(b"\xef\xbb\xbf")
        lines = download.content.decode("utf-8-sig").splitlines()
        assert lines[0] == "시각(UTC),사용자,작업,검토,내용" and len(lines) == 1 + 4
        assert lines[1].split(",")[1:3] == ["홍길동", "로그아웃"] and lines[-1].split(",")[2] == "로그인"
        bearer = {"Authorization": f"Bearer {tokens['김감사']}"}
        body = client_of(app).get("/api/audit", params={"user": "홍길동", "limit": 2}, headers=bearer).json()
        assert body["total"] == 4
        assert [(e["user"], e["action"], e["action_ko"]) for e in body["entries"]] == [
            ("홍길동", "logout", "로그아웃"), ("홍길동", "correct", "다시 산정")]
        assert client_of(app).get("/api/audit").status_code == 401


def test_a_disable_or_a_new_token_ends_the_users_sessions(db_url, tokens, instant):
    app = create_app(db_url)
    with TestClient(app):
        hong = log_in(app, tokens["홍길동"])
        kim = log_in(app, tokens["김감사"])
        bearer = {"Authorization": f"Bearer {tokens['홍길동']}"}
        assert client_of(app).get("/api/reviews", headers=bearer).status_code == 200
        with Store(db_url) as store:
            store.accounts.disable("홍길동")
        assert hong.get("/").headers["location"] == "/login?expired=1"
        assert client_of(app).get("/api/reviews", headers=bearer).status_code == 401
        assert kim.get("/").status_code == 200  # the others go on

        with Store(db_url) as store:
            new = store.accounts.reset("김감사")
        assert kim.get("/").headers["location"] == "/login?expired=1"  # the old login ended
        assert client_of(app).post("/login", data={"token": tokens["김감사"]}).status_code == 401
        assert log_in(app, new).get("/").status_code == 200


def test_a_cookie_cannot_be_moved_to_another_user(db_url, tokens):
    app = create_app(db_url)
    with TestClient(app):
        cookie = log_in(app, tokens["홍길동"]).cookies.get("balju_session")
        issued, nonce, user, signature = cookie.split(".")
        other = auth._b64("김감사".encode())
        forged = client_of(app)
        forged.cookies.set("balju_session", f"{issued}.{nonce}.{other}.{signature}")
        assert forged.get("/").status_code == 303
        unknown = client_of(app)
        unknown.cookies.set("balju_session", f"{issued}.{nonce}.{auth._b64('없는사람'.encode())}.{signature}")
        assert unknown.get("/").status_code == 303


def test_the_shared_token_and_personal_tokens_together(db_url, tokens, sample_hwp):
    app = create_app(db_url, token=SHARED)
    with TestClient(app):
        for token, who in ((SHARED, None), (tokens["김감사"], "김감사")):
            with sample_hwp.open("rb") as handle:
                created = client_of(app).post("/api/reviews", headers={"Authorization": f"Bearer {token}"},
                                              files={"file": (sample_hwp.name, handle)})
            assert created.status_code == 201
            with Store(db_url) as store:
                assert store.get_summary(created.json()["id"]).created_by == who
        shared = log_in(app, SHARED)
        assert '<span class="who"' not in shared.get("/").text  # the shared token names no one


def test_without_users_or_token_nothing_changes(db_url, sample_hwp):
    app = create_app(db_url)
    with TestClient(app):
        assert app.state.gate is None
        client = client_of(app)
        with sample_hwp.open("rb") as handle:
            rid = client.post("/api/reviews", files={"file": (sample_hwp.name, handle)}).json()["id"]
        listed = client.get("/").text
        assert f'data-id="{rid}"' in listed and "올린·고친 사람" not in listed  # no column without names
        assert client.delete(f"/api/reviews/{rid}").status_code == 204
    assert audit_lines(db_url) == [(None, "upload", rid), (None, "delete", rid)]


def test_the_command_line_with_users(tmp_path, capsys, monkeypatch):
    import uvicorn

    from balju.cli import web as web_command

    runs: list = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: runs.append(app))
    monkeypatch.setattr(web_command, "_warm_up", lambda: None)
    monkeypatch.delenv("BALJU_WEB_TOKEN", raising=False)
    db = f"sqlite:///{tmp_path / 'team.db'}"
    assert main(["users", "add", "홍길동", "--db", db]) == 0
    out = capsys.readouterr().out
    token = out.strip().splitlines()[-1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token) and "한 번만 보여 줍니다" in out and "첫 사용자" in out
    assert main(["users", "add", "홍길동", "--db", db]) == 2
    assert "이미 있습니다" in capsys.readouterr().err
    # a network address needs no shared token when there are users; --no-token cannot open them
    assert main(["web", "--db", db, "--host", "0.0.0.0", "--port", "8765"]) == 0
    assert "사용자의 개인 토큰(balju users)이 있어야 씁니다" in capsys.readouterr().out
    assert runs and runs[-1].state.gate is not None
    assert main(["web", "--db", db, "--host", "0.0.0.0", "--no-token"]) == 2
    assert "로그인 없이 열 수 없습니다" in capsys.readouterr().err
    assert main(["users", "disable", "홍길동", "--db", db]) == 0
    assert main(["users", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "사용 중지" in listed and "작업 기록 없음" in listed
    # with no active user left, a network address is refused again
    assert main(["web", "--db", db, "--host", "0.0.0.0"]) == 2


def test_a_viewer_reads_and_downloads_but_changes_nothing(db_url, sample_hwp, instant):
    with Store(db_url) as store:
        editor = store.accounts.add("홍길동")
        viewer = store.accounts.add("김감사", role="viewer")
    app = create_app(db_url)
    with TestClient(app):
        hong = log_in(app, editor)
        with sample_hwp.open("rb") as handle:
            rid = int(hong.post("/reviews", data={"csrf": csrf_of(hong)},
                                files={"file": (sample_hwp.name, handle)}).headers["location"].rsplit("/", 1)[1])
        with Store(db_url) as store:
            before = store.count_reviews()

        kim = log_in(app, viewer)
        index = kim.get("/").text
        assert '<form id="upload"' not in index and "열람 전용 사용자입니다" in index
        page = kim.get(f"/reviews/{rid}").text
        assert 'action="/reviews/%d/delete"' % rid not in page and '<form id="correct"' not in page
        assert kim.get(f"/reviews/{rid}/report.xlsx").status_code == 200  # downloads stay open
        field = csrf_of(kim)
        with sample_hwp.open("rb") as handle:
            refused = kim.post("/reviews", data={"csrf": field}, files={"file": (sample_hwp.name, handle)})
        assert refused.status_code == 403 and "열람 전용 사용자는" in refused.text
        assert kim.post(f"/reviews/{rid}/delete", data={"csrf": field}).status_code == 403
        editing = kim.get(f"/reviews/{rid}/functions/edit").text
        assert 'value="save"' not in editing and 'value="xlsx"' in editing
        form = form_of(editing)
        form.update({"name0": "회원정보 (감사 의견)", "action": "save"})
        kept = kim.post(f"/reviews/{rid}/functions/edit", data=form)
        assert kept.status_code == 403 and 'value="회원정보 (감사 의견)"' in kept.text  # the edit is not lost
        assert kim.post(f"/reviews/{rid}/functions/edit", data={**form, "action": "xlsx"}).status_code == 200

        bearer = {"Authorization": f"Bearer {viewer}"}
        api = client_of(app)
        assert api.get(f"/api/reviews/{rid}", headers=bearer).status_code == 200
        assert api.delete(f"/api/reviews/{rid}", headers=bearer).status_code == 403
        with HAND_COUNT.open("rb") as handle:
            assert api.post(f"/api/reviews/{rid}/functions", headers=bearer,
                            files={"file": ("f.yaml", handle)}).status_code == 403
        assert api.post(f"/api/reviews/{rid}/functions", headers=bearer,
                        json={"functions": [{"name": "회원 등록", "type": "EI"}]}).json()["error"].startswith("열람 전용")
        with sample_hwp.open("rb") as handle:
            assert api.post("/api/reviews", headers=bearer, files={"file": (sample_hwp.name, handle)}).status_code == 403
        with Store(db_url) as store:
            assert store.count_reviews() == before

        # made an editor, the same login may delete (within the reuse time; here at once)
        with Store(db_url) as store:
            store.accounts.set_role("김감사", "editor")
        assert kim.post(f"/reviews/{rid}/delete", data={"csrf": field}).status_code == 303


def test_reports_of_a_stored_review_say_which_review_and_who(db_url, tokens, sample_hwp):
    import io
    import re as regex

    import openpyxl
    import pypdfium2 as pdfium

    app = create_app(db_url)
    with TestClient(app):
        hong, kim = log_in(app, tokens["홍길동"]), log_in(app, tokens["김감사"])
        with sample_hwp.open("rb") as handle:
            rid = int(hong.post("/reviews", data={"csrf": csrf_of(hong)},
                                files={"file": (sample_hwp.name, handle)}).headers["location"].rsplit("/", 1)[1])
        form = form_of(kim.get(f"/reviews/{rid}/functions/edit").text)
        form.update({"drop0": "1", "action": "save", "csrf": csrf_of(kim)})
        cid = int(kim.post(f"/reviews/{rid}/functions/edit", data=form).headers["location"].rsplit("/", 1)[1])

        expected = f"저장 검토 #{cid} (#{rid}을 고쳐 다시 산정) · 고친 사람 김감사"
        assert expected in hong.get(f"/reviews/{cid}/report.html").text
        assert expected in hong.get(f"/reviews/{cid}/report").text  # the one shown in the page
        assert f"저장 검토 #{rid} · 올린 사람 홍길동" in hong.get(f"/reviews/{rid}/report.html").text
        book = openpyxl.load_workbook(io.BytesIO(hong.get(f"/reviews/{cid}/report.xlsx").content), read_only=True)
        assert any(expected in str(cell) for row in book["요약"].iter_rows(max_row=3, values_only=True) for cell in row if cell)
        pdf = pdfium.PdfDocument(hong.get(f"/reviews/{cid}/report.pdf").content)
        try:
            first = regex.sub(r"\s+", "", pdf[0].get_textpage().get_text_range())
        finally:
            pdf.close()
        assert regex.sub(r"\s+", "", expected) in first
        assert "saved" not in hong.get(f"/reviews/{cid}/report.json").json()  # the stored dict, as it is


def test_a_user_name_with_markup_is_shown_as_text(db_url, sample_hwp):
    with Store(db_url) as store:
        token = store.accounts.add('<img src=x onerror="alert(1)">')
    app = create_app(db_url)
    with TestClient(app):
        client = log_in(app, token)
        for path in ("/", "/audit"):
            page = client.get(path).text
            assert '<img src=x' not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page, path


def test_my_reviews_only(db_url, tokens, sample_hwp):
    app = create_app(db_url)
    with TestClient(app):
        hong, kim = log_in(app, tokens["홍길동"]), log_in(app, tokens["김감사"])
        made = {}
        for who, client in (("홍길동", hong), ("김감사", kim)):
            with sample_hwp.open("rb") as handle:
                location = client.post("/reviews", data={"csrf": csrf_of(client)},
                                       files={"file": (f"{who}.hwp", handle)}).headers["location"]
            made[who] = int(location.rsplit("/", 1)[1])
        everyone = re.findall(r'<tr data-id="(\d+)">', hong.get("/").text)
        mine = re.findall(r'<tr data-id="(\d+)">', hong.get("/", params={"mine": "1"}).text)
        assert sorted(map(int, everyone)) == sorted(made.values()) and mine == [str(made["홍길동"])]
        assert re.findall(r'<tr data-id="(\d+)">', kim.get("/", params={"mine": "1"}).text) == [str(made["김감사"])]


def test_the_audit_csv_keeps_formulas_as_text():
    import datetime as dt

    from balju.store.accounts import AuditEntry
    from balju.web.audit import audit_csv_bytes

    at = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.timezone.utc)
    body = audit_csv_bytes([AuditEntry(1, at, "=HYPERLINK(1)", "upload", 3, "@SUM(A1).hwp")]).decode("utf-8-sig")
    assert body.splitlines()[1] == "2026-12-02T08:00:00+00:00,'=HYPERLINK(1),올리기,3,'@SUM(A1).hwp"
