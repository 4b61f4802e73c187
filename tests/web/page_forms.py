"""Reading a page's form the way a browser would send it (for tests that post the page's own form)."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields form#edit would send: inputs (checkboxes only when checked) and each select's
    selected option, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.inside = False
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == "edit"
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self.select = a["name"]
            self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in a:
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_of(page: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(page)
    return parser.fields


def csrf_of(client, path: str = "/") -> str:
    """The session's hidden CSRF field (the same in every form of one session; the logout form is on
    every page)."""
    found = set(re.findall(r'<input type="hidden" name="csrf" value="([^"]+)">', client.get(path).text))
    assert len(found) == 1, found
    return found.pop()


def logged_in_client(app, token: str, next_path: str = "/"):
    """A TestClient of its own (its own cookie jar, not following redirects) logged in with ``token``."""
    from fastapi.testclient import TestClient

    client = TestClient(app, follow_redirects=False)
    response = client.post("/login", data={"token": token, "next": next_path})
    assert response.status_code == 303, response.text
    return client
