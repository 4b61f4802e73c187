"""`balju web` and the access token: where it comes from, when the command refuses to start, and the
warning of `--no-token`. uvicorn.run is replaced by a recorder, so nothing listens on a port."""

from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from balju.cli import main
from balju.cli import web as web_command
from balju.web.auth import configured_token, is_loopback

TOKEN = "team-token-3Rk8Vw2Lq9Xz5Cn1"
ENV_TOKEN = "env-token-7Gd4Hs1Pa6Ye0Mu2"


@pytest.fixture
def served(monkeypatch) -> list[dict]:
    """What uvicorn.run was asked to serve (the app, host, port), instead of serving it."""
    runs: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: runs.append({"app": app, **options}))
    monkeypatch.setattr(web_command, "_warm_up", lambda: None)
    monkeypatch.delenv("BALJU_WEB_TOKEN", raising=False)
    return runs


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "balju.db"


def token_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "token"
    path.write_text(text, encoding="utf-8")
    return path


def web(db: Path, *options: str) -> int:
    return main(["web", "--db", f"sqlite:///{db}", "--port", "8765", *options])


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.0.10", "balju.example"])
def test_a_network_address_without_a_token_is_refused(served, db, capsys, host):
    assert web(db, "--host", host) == 2
    err = capsys.readouterr().err
    assert f"접근 토큰 없이 {host}에서는 시작하지 않습니다" in err
    assert "누구나 저장된 제안요청서와 보고서를 모두 내려받고 검토를 지울 수 있습니다" in err
    assert "--token-file" in err and "BALJU_WEB_TOKEN" in err and "--no-token" in err
    assert "secrets.token_urlsafe(32)" in err and "Traceback" not in err
    assert served == [] and not db.exists()  # refused before the database was opened


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True), ("LOCALHOST", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("localhost.example", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_loopback_without_a_token_runs_as_before(served, db, capsys):
    assert web(db) == 0
    out, err = capsys.readouterr()
    assert served[0]["host"] == "127.0.0.1" and served[0]["port"] == 8765
    assert served[0]["app"].state.gate is None
    assert out.startswith("balju 웹 서버: http://127.0.0.1:8765/") and "접근 제어" not in out
    assert "경고" not in err


def test_no_token_on_the_network_warns_in_korean(served, db, capsys):
    assert web(db, "--host", "0.0.0.0", "--no-token") == 0
    err = capsys.readouterr().err
    assert err.startswith("경고(warning): 접근 토큰 없이 0.0.0.0에서 엽니다 (--no-token)")
    assert served[0]["host"] == "0.0.0.0" and served[0]["app"].state.gate is None


def test_the_token_file_protects_the_app(served, db, tmp_path, capsys):
    # the first line is the token: a trailing newline, spaces and later lines are not part of it
    path = token_file(tmp_path, f"  {TOKEN}  \nsecond line is ignored\n")
    assert web(db, "--host", "0.0.0.0", "--token-file", str(path)) == 0
    out, err = capsys.readouterr()
    assert "접근 제어: 공용 접근 토큰이 있어야 씁니다" in out and TOKEN not in out + err
    client = TestClient(served[0]["app"], follow_redirects=False)
    assert client.get("/api/reviews").status_code == 401
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/").headers["location"] == "/login"


def test_the_environment_gives_the_token_and_the_file_wins(served, db, tmp_path, monkeypatch):
    monkeypatch.setenv("BALJU_WEB_TOKEN", ENV_TOKEN)
    assert web(db, "--host", "0.0.0.0") == 0
    client = TestClient(served[-1]["app"])
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {ENV_TOKEN}"}).status_code == 200

    assert web(db, "--host", "0.0.0.0", "--token-file", str(token_file(tmp_path, TOKEN))) == 0
    client = TestClient(served[-1]["app"])
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {ENV_TOKEN}"}).status_code == 401
    assert client.get("/api/reviews", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


@pytest.mark.parametrize(("text", "words"), [
    ("short-token\n", "접근 토큰이 너무 짧습니다 (11자 < 16자)"),
    ("", "접근 토큰이 너무 짧습니다 (0자 < 16자)"),
    ("\n" + TOKEN + "\n", "접근 토큰이 너무 짧습니다 (0자 < 16자)"),  # the first line, not the first non-empty one
])
def test_a_short_token_is_refused(served, db, tmp_path, capsys, text, words):
    assert web(db, "--host", "0.0.0.0", "--token-file", str(token_file(tmp_path, text))) == 2
    err = capsys.readouterr().err
    assert words in err and "(첫 줄)" in err and "해결(fix):" in err
    assert served == [] and not db.exists()


def test_a_short_token_in_the_environment_is_refused(served, db, monkeypatch, capsys):
    monkeypatch.setenv("BALJU_WEB_TOKEN", "tooshort")
    assert web(db) == 2  # even on loopback: a token that is given must be a good one
    err = capsys.readouterr().err
    assert "접근 토큰이 너무 짧습니다 (8자 < 16자)" in err and "환경 변수 BALJU_WEB_TOKEN" in err
    assert served == []


def test_a_missing_token_file_is_refused(served, db, tmp_path, capsys):
    assert web(db, "--host", "0.0.0.0", "--token-file", str(tmp_path / "없는 파일")) == 2
    assert "토큰 파일을 읽을 수 없습니다" in capsys.readouterr().err
    assert served == []


def test_no_token_and_a_token_together_are_refused(served, db, tmp_path, capsys):
    assert web(db, "--host", "0.0.0.0", "--no-token", "--token-file", str(token_file(tmp_path, TOKEN))) == 2
    assert "--no-token과 접근 토큰(--token-file 또는 BALJU_WEB_TOKEN)을 함께 줄 수 없습니다" in capsys.readouterr().err
    assert served == []


def test_configured_token(tmp_path):
    assert configured_token(None, {}) is None
    assert configured_token(None, {"BALJU_WEB_TOKEN": "  "}) is None  # empty counts as unset, like BALJU_DB=
    assert configured_token(None, {"BALJU_WEB_TOKEN": f"{ENV_TOKEN}\n"}) == ENV_TOKEN
    assert configured_token(token_file(tmp_path, f"\ufeff{TOKEN}\r\n"), {"BALJU_WEB_TOKEN": ENV_TOKEN}) == TOKEN
