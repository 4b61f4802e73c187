"""Access control with a shared token: the API's Bearer header, the login page and its cookie, CSRF
fields on the page forms, and `next` without open redirects — through FastAPI's TestClient on a
real SQLite file with the real sample RFP.

The session cookie is checked against the scheme docs/web.md describes, computed here from the
token with hashlib/hmac (key = HMAC-SHA256(token, "balju web session v1"), signature =
HMAC-SHA256(key, "issued.nonce") in unpadded base64url), not by asking the app.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import re
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from balju.errors import InputError
from balju.store import Store
from balju.web import auth, create_app
from page_forms import csrf_of, form_of, logged_in_client

TOKEN = "balju-test-token-6Vq2xN8pLr0Zs4Kd"
OTHER_TOKEN = "another-valid-token-9Hf3Jw7Qm1Tb"
HAND_COUNT = Path(__file__).resolve().parents[2] / "examples" / "functions.yaml"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
CSRF_WORDS = "보안 확인 값(CSRF 토큰)이 없거나 맞지 않아"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def signed_cookie(token: str, issued: int, nonce: str = "Nonce-For-The-Test0") -> str:
    """A session cookie value made the documented way, independently of the app's code."""
    key = hmac.new(token.encode(), b"balju web session v1", hashlib.sha256).digest()
    payload = f"{issued}.{nonce}"
    return f"{payload}.{b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())}"


def changed_signature(cookie: str) -> str:
    """The cookie with the first character of its signature replaced: that character carries six
    whole bits, while the last of 43 base64 characters carries only four, so replacing the last one
    could leave the signature's bytes as they were (and the cookie valid)."""
    payload, signature = cookie.rsplit(".", 1)
    first = "B" if signature[0] == "A" else "A"
    return f"{payload}.{first}{signature[1:]}"


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('web-auth') / 'balju.db'}"


@pytest.fixture(scope="module")
def app(db_url):
    web = create_app(db_url, token=TOKEN)
    with TestClient(web):  # runs the lifespan once for the module (the store closes at the end)
        yield web


def anonymous(app) -> TestClient:
    """A client of its own (its own cookie jar), not following redirects."""
    return TestClient(app, follow_redirects=False)


def logged_in(app, next_path: str = "/") -> TestClient:
    return logged_in_client(app, TOKEN, next_path)


@pytest.fixture(scope="module")
def review_id(app, sample_hwp) -> int:
    """The sample HWP uploaded once through the API with the Bearer header."""
    with sample_hwp.open("rb") as handle:
        response = anonymous(app).post("/api/reviews", headers=BEARER, files={"file": (sample_hwp.name, handle)})
    assert response.status_code == 201
    return response.json()["id"]


def stored_copy(db_url: str, review_id: int) -> int:
    """Another stored review (a copy of the first, saved straight into the store) to be deleted."""
    with Store(db_url) as store:
        data = copy.deepcopy(store.get_review(review_id))
        data["source"]["file"] = "지울 사본.hwp"
        return store.save_review(data)


def exists(db_url: str, rid: int) -> bool:
    with Store(db_url) as store:
        return store.get_review(rid) is not None


def count(db_url: str) -> int:
    with Store(db_url) as store:
        return store.count_reviews()


# --- the API ---------------------------------------------------------------------------------------

def test_health_stays_open(app):
    assert anonymous(app).get("/api/health").json()["status"] == "ok"
    assert anonymous(app).get("/api/health", headers={"Authorization": "Bearer wrong"}).status_code == 200


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/api/reviews"), ("GET", "/api/reviews/1"), ("POST", "/api/reviews"), ("DELETE", "/api/reviews/1"),
    ("GET", "/api/reviews/1/functions"), ("GET", "/api/no-such-thing"),
])
def test_api_without_a_token_is_401_in_korean(app, method, path):
    response = anonymous(app).request(method, path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="balju"'
    body = response.json()
    assert body["error"] == "접근 토큰이 필요합니다 (authentication required)."
    assert "Authorization: Bearer" in body["fix"]


@pytest.mark.parametrize("header", [
    "Bearer wrong-token-but-long-enough",
    f"Bearer {TOKEN}x",            # the token and more
    f"Bearer {TOKEN[:-1]}",        # all but the last character
    f"Bearer {OTHER_TOKEN}",
    f"Basic {TOKEN}",              # another scheme
    f"Bearer {TOKEN.upper()}",
    "Bearer",
])
def test_api_with_a_wrong_token_is_401(app, review_id, db_url, header):
    client = anonymous(app)
    response = client.get("/api/reviews", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="balju", error="invalid_token"'
    assert response.json()["error"] == "접근 토큰이 맞지 않습니다 (invalid token)."
    assert client.delete(f"/api/reviews/{review_id}", headers={"Authorization": header}).status_code == 401
    assert exists(db_url, review_id)


def test_api_with_the_token(app, review_id, db_url, expected):
    client = anonymous(app)
    listed = client.get("/api/reviews", headers=BEARER)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()["items"]] == [review_id]
    data = client.get(f"/api/reviews/{review_id}", headers={"Authorization": f"bearer {TOKEN}"}).json()
    assert data["facts"]["project_name"]["value"] == expected.project
    # the links of a summary lead to report downloads outside /api: the same header opens them
    report = client.get(f"/reviews/{review_id}/report.json", headers=BEARER)
    assert report.status_code == 200 and report.json() == data
    assert client.get("/openapi.json", headers=BEARER).status_code == 200
    assert client.get("/api/no-such-thing", headers=BEARER).status_code == 404
    spare = stored_copy(db_url, review_id)
    assert client.delete(f"/api/reviews/{spare}", headers=BEARER).status_code == 204
    assert not exists(db_url, spare)


def test_a_login_cookie_does_not_open_the_api(app):
    client = logged_in(app)
    assert client.get("/").status_code == 200
    response = client.get("/api/reviews")
    assert response.status_code == 401 and response.json()["error"].startswith("접근 토큰이 필요합니다")


def test_secrets_are_compared_in_constant_time(app, monkeypatch):
    """Wrong guesses, long or short, cost the same: one compare_digest of two 32-byte digests."""
    calls: list[tuple[int, int]] = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    client = anonymous(app)
    for guess in ("x", TOKEN[:8], TOKEN + "-and-much-more-text-after-it"):
        calls.clear()
        assert client.post("/login", data={"token": guess}).status_code == 401
        assert calls == [(32, 32)], guess
        calls.clear()
        assert client.get("/api/reviews", headers={"Authorization": f"Bearer {guess}"}).status_code == 401
        assert calls == [(32, 32)], guess


# --- pages and the login --------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "path", "login"), [
    ("GET", "/", "/login"),
    ("GET", "/?q=%EC%B2%B4%EC%9C%A1&page=2", "/login?next=%2F%3Fq%3D%25EC%25B2%25B4%25EC%259C%25A1%26page%3D2"),
    ("GET", "/reviews/1", "/login?next=%2Freviews%2F1"),
    ("GET", "/reviews/1/report.pdf", "/login?next=%2Freviews%2F1%2Freport.pdf"),
    ("HEAD", "/", "/login"),
    ("GET", "/openapi.json", "/login?next=%2Fopenapi.json"),
    ("POST", "/reviews", "/login"),
    ("POST", "/reviews/1/delete", "/login"),
    ("POST", "/reviews/1/functions", "/login"),
    ("GET", "/reviews/1/functions/edit", "/login?next=%2Freviews%2F1%2Ffunctions%2Fedit"),
    ("POST", "/reviews/1/functions/edit", "/login"),
    ("POST", "/logout", "/login"),
])
def test_pages_redirect_to_the_login(app, method, path, login):
    response = anonymous(app).request(method, path)
    assert response.status_code == 303
    assert response.headers["location"] == login


def test_anonymous_posts_change_nothing(app, review_id, db_url, sample_hwp):
    before = count(db_url)
    client = anonymous(app)
    with sample_hwp.open("rb") as handle:
        assert client.post("/reviews", files={"file": (sample_hwp.name, handle)}).status_code == 303
    assert client.post(f"/reviews/{review_id}/delete").status_code == 303
    assert count(db_url) == before and exists(db_url, review_id)


def test_the_login_page_and_static_files_are_open(app):
    client = anonymous(app)
    page = client.get("/login", params={"next": "/reviews/1?x=1"})
    assert page.status_code == 200
    assert '<input type="password" name="token"' in page.text
    assert '<input type="hidden" name="next" value="/reviews/1?x=1">' in page.text
    assert "로그아웃" not in page.text  # nobody is logged in
    assert client.get("/static/style.css").status_code == 200


@pytest.mark.parametrize("given", ["wrong-token-but-long-enough", TOKEN[:-1], ""])
def test_a_wrong_token_shows_a_korean_error_and_sets_no_cookie(app, given):
    client = anonymous(app)
    response = client.post("/login", data={"token": given, "next": "/reviews/1"})
    assert response.status_code == 401
    problem = re.search(r'<p class="message">(.*?)</p>', response.text).group(1)
    assert problem == ("접근 토큰을 넣어 주세요 (token required)." if not given else "접근 토큰이 맞지 않습니다 (wrong token).")
    assert "set-cookie" not in response.headers
    assert '<input type="hidden" name="next" value="/reviews/1">' in response.text  # kept for the next try
    assert client.get("/").status_code == 303


def test_login_sets_a_signed_httponly_strict_cookie_and_the_pages_work(app, review_id, expected):
    client = anonymous(app)
    before = int(time.time())
    response = client.post("/login", data={"token": TOKEN, "next": f"/reviews/{review_id}"})
    assert response.status_code == 303 and response.headers["location"] == f"/reviews/{review_id}"
    header = response.headers["set-cookie"]
    morsel = SimpleCookie(header)["balju_session"]
    assert morsel["httponly"] is True and morsel["samesite"].lower() == "strict"
    assert morsel["max-age"] == str(12 * 60 * 60) and morsel["path"] == "/"
    assert not morsel["secure"]  # plain http here: TLS belongs to the proxy in front
    value = morsel.value
    assert TOKEN not in value and TOKEN[:8] not in value
    issued, nonce, _signature = value.split(".")
    assert before <= int(issued) <= time.time() + 1
    assert value == signed_cookie(TOKEN, int(issued), nonce)  # HMAC under the key derived from the token

    page = client.get(f"/reviews/{review_id}")
    assert page.status_code == 200 and expected.project in page.text
    assert '<form class="logout" method="post" action="/logout">' in page.text
    assert client.get("/").status_code == 200
    assert client.get(f"/reviews/{review_id}/report.xlsx").status_code == 200
    # the login page itself now sends a logged-in person on
    again = client.get("/login", params={"next": f"/reviews/{review_id}"})
    assert again.status_code == 303 and again.headers["location"] == f"/reviews/{review_id}"


def test_over_https_the_cookie_is_secure(app):
    # behind a TLS proxy uvicorn sets the scheme from X-Forwarded-Proto; here the client speaks https
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    response = client.post("/login", data={"token": TOKEN})
    assert SimpleCookie(response.headers["set-cookie"])["balju_session"]["secure"] is True
    assert client.get("/").status_code == 200


def test_a_wrong_bearer_header_on_a_page_is_401_not_a_login_page(app, review_id):
    # a program that sent a token is told it is wrong, not handed an HTML form
    response = anonymous(app).get(f"/reviews/{review_id}/report.json", headers={"Authorization": "Bearer wrong-token-long-enough"})
    assert response.status_code == 401
    assert response.json()["error"] == "접근 토큰이 맞지 않습니다 (invalid token)."


def test_next_survives_the_redirect_and_the_login(app):
    client = anonymous(app)
    login = client.get("/reviews/7?tab=functions").headers["location"]
    page = client.get(login)
    target = re.search(r'name="next" value="([^"]+)"', page.text).group(1)
    assert target == "/reviews/7?tab=functions"
    assert client.post("/login", data={"token": TOKEN, "next": target}).headers["location"] == target


@pytest.mark.parametrize("target", [
    "//evil.example", "//evil.example/reviews", "https://evil", "http:/evil.example", "/\\evil.example",
    "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "evil.example",
    "/login", "/logout", "",
])
def test_next_never_leaves_the_site(app, target):
    response = anonymous(app).post("/login", data={"token": TOKEN, "next": target})
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    page = anonymous(app).get("/login", params={"next": target})
    assert '<input type="hidden" name="next" value="/">' in page.text


@pytest.mark.parametrize("forged", [
    signed_cookie(OTHER_TOKEN, int(time.time())),                   # signed with another token
    changed_signature(signed_cookie(TOKEN, int(time.time()))),      # signature changed
    signed_cookie(TOKEN, int(time.time()))[:-2],                    # signature cut
    f"{int(time.time())}.Nonce-For-The-Test0.",                     # no signature
    TOKEN,                                                          # the token itself
    "²³.Nonce-For-The-Test0." + "A" * 43,                           # digits Python reads, not ASCII
    "garbage",
])
def test_a_forged_cookie_is_refused(app, forged):
    client = anonymous(app)
    # sent as raw header bytes: a browser may send any byte, and the server reads them as Latin-1
    response = client.get("/", headers={"Cookie": f"balju_session={forged}".encode("latin-1")})
    assert response.status_code == 303
    assert response.headers["location"] == "/login?expired=1"
    assert "다시 로그인해 주세요" in client.get(response.headers["location"]).text


def test_an_expired_cookie_is_refused_and_a_fresh_one_accepted(app):
    now = int(time.time())
    for issued, works in ((now - 12 * 3600 - 5, False), (now + 3600, False), (now - 12 * 3600 + 120, True), (now, True)):
        client = anonymous(app)
        client.cookies.set("balju_session", signed_cookie(TOKEN, issued))
        assert client.get("/").status_code == (200 if works else 303), issued - now


def test_logout_ends_the_session(app):
    client = logged_in(app)
    cookie = client.cookies["balju_session"]
    response = client.post("/logout", data={"csrf": csrf_of(client)})
    assert response.status_code == 303 and response.headers["location"] == "/login?out=1"
    gone = SimpleCookie(response.headers["set-cookie"])["balju_session"]
    assert gone.value == "" and gone["max-age"] == "0"
    assert "로그아웃했습니다" in client.get("/login?out=1").text
    assert client.get("/").status_code == 303
    # the old cookie, replayed, is refused too: logged out on the server, not only in the browser
    replay = anonymous(app)
    replay.cookies.set("balju_session", cookie)
    assert replay.get("/").status_code == 303
    assert logged_in(app).get("/").status_code == 200  # other sessions go on


def test_a_changed_token_ends_every_session(db_url):
    client = logged_in(create_app(db_url, token=TOKEN))
    cookie = client.cookies["balju_session"]
    other = anonymous(create_app(db_url, token=OTHER_TOKEN))
    other.cookies.set("balju_session", cookie)
    assert other.get("/").status_code == 303
    same = anonymous(create_app(db_url, token=TOKEN))  # a restart with the same token keeps it
    same.cookies.set("balju_session", cookie)
    assert same.get("/").status_code == 200


# --- CSRF ---------------------------------------------------------------------------------------

def assert_csrf_refused(response) -> None:
    assert response.status_code == 403
    assert CSRF_WORDS in response.text and "해결(fix):" in response.text
    assert response.headers["content-type"].startswith("text/html")


@pytest.fixture(scope="module")
def session(app) -> TestClient:
    return logged_in(app)


@pytest.mark.parametrize("field", [None, "", "x" * 43, "wrong"])
def test_upload_without_the_right_csrf_is_refused(app, session, db_url, sample_hwp, field):
    before = count(db_url)
    data = {"as_of": ""} if field is None else {"as_of": "", "csrf": field}
    with sample_hwp.open("rb") as handle:
        response = session.post("/reviews", data=data, files={"file": (sample_hwp.name, handle)})
    assert_csrf_refused(response)
    assert '<form id="upload"' in response.text  # the form comes back, with a fresh field to try again
    assert count(db_url) == before


def test_the_csrf_of_another_session_is_refused(app, session, review_id, db_url):
    stranger = logged_in(app)
    assert csrf_of(stranger) != csrf_of(session)
    assert_csrf_refused(session.post(f"/reviews/{review_id}/delete", data={"csrf": csrf_of(stranger)}))
    assert exists(db_url, review_id)


def test_upload_with_the_csrf_field(app, session, db_url, sample_hwp, expected):
    with sample_hwp.open("rb") as handle:
        response = session.post("/reviews", data={"as_of": "", "csrf": csrf_of(session)},
                                files={"file": ("체육시설.hwp", handle)})
    assert response.status_code == 303
    page = session.get(response.headers["location"])
    assert expected.project in page.text and "체육시설.hwp" in page.text


@pytest.mark.parametrize("field", [None, "x" * 43])
def test_delete_without_the_right_csrf_is_refused(app, session, review_id, db_url, field):
    spare = stored_copy(db_url, review_id)
    response = session.post(f"/reviews/{spare}/delete", data={} if field is None else {"csrf": field})
    assert_csrf_refused(response)
    assert exists(db_url, spare)
    assert session.post(f"/reviews/{spare}/delete", data={"csrf": csrf_of(session)}).headers["location"] == "/?deleted=1"
    assert not exists(db_url, spare)


def test_corrected_list_without_the_right_csrf_is_refused(app, session, review_id, db_url):
    before = count(db_url)
    with HAND_COUNT.open("rb") as handle:
        response = session.post(f"/reviews/{review_id}/functions", files={"file": (HAND_COUNT.name, handle)})
    assert_csrf_refused(response)
    assert count(db_url) == before
    with HAND_COUNT.open("rb") as handle:
        response = session.post(f"/reviews/{review_id}/functions", data={"csrf": csrf_of(session, f"/reviews/{review_id}")},
                                files={"file": (HAND_COUNT.name, handle)})
    assert response.status_code == 303
    assert "247.5 FP" in session.get(response.headers["location"]).text


def test_edited_table_without_the_right_csrf_comes_back_unsaved(app, session, review_id, db_url):
    before = count(db_url)
    form = form_of(session.get(f"/reviews/{review_id}/functions/edit").text)
    field = form.pop("csrf")
    form["name0"] = "회원 정보 (고침)"
    response = session.post(f"/reviews/{review_id}/functions/edit", data={**form, "csrf": "x" * 43})
    assert_csrf_refused(response)
    assert 'value="회원 정보 (고침)"' in response.text  # the edit is shown again, not thrown away
    assert count(db_url) == before
    response = session.post(f"/reviews/{review_id}/functions/edit", data={**form, "csrf": field, "action": "save"})
    assert response.status_code == 303 and count(db_url) == before + 1


def test_logout_without_the_csrf_is_refused(app):
    client = logged_in(app)
    assert_csrf_refused(client.post("/logout"))
    assert client.get("/").status_code == 200  # still logged in


def test_bearer_page_posts_need_no_csrf(app, review_id, db_url):
    # a browser never adds an Authorization header to a request another site makes it send
    spare = stored_copy(db_url, review_id)
    response = anonymous(app).post(f"/reviews/{spare}/delete", headers=BEARER)
    assert response.status_code == 303 and not exists(db_url, spare)


# --- the token ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("token", "words"), [
    ("short", "접근 토큰이 너무 짧습니다 (5자 < 16자)"),
    ("  fifteen-chars-  ", "접근 토큰이 너무 짧습니다 (14자 < 16자)"),
    ("한글로 된 아주 긴 접근 토큰입니다 정말로", "ASCII"),
    ("has spaces in the middle of it", "빈칸"),
])
def test_create_app_refuses_a_bad_token(db_url, token, words):
    with pytest.raises(InputError) as caught:
        create_app(db_url, token=token)
    assert words in caught.value.describe()


def test_without_a_token_nothing_changes(db_url):
    client = TestClient(create_app(db_url), follow_redirects=False)
    assert client.get("/").status_code == 200 and client.get("/api/reviews").status_code == 200
    assert 'name="csrf"' not in client.get("/").text and "로그아웃" not in client.get("/").text
    assert client.get("/login").headers["location"] == "/"
