"""The web API on PostgreSQL (the `postgres_db` fixture: a throwaway cluster, its tables emptied for each test; skipped without the server)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from balju.web import create_app


def test_api_upload_list_get_on_postgresql(postgres_db, sample_hwp, expected):
    with TestClient(create_app(postgres_db)) as client:
        assert client.app.state.store.url.startswith("postgresql+psycopg://")
        with sample_hwp.open("rb") as handle:
            response = client.post("/api/reviews", files={"file": ("가상시_제안요청서.hwp", handle)})
        assert response.status_code == 201
        created = response.json()
        assert created["project_name"] == expected.project
        assert created["stated_budget"] == expected.budget
        assert created["fp_total"] == pytest.approx(expected.fp_total)

        listed = client.get("/api/reviews", params={"q": "가상시_제안"}).json()
        assert listed["total"] == 1
        assert listed["items"][0]["id"] == created["id"]
        assert listed["items"][0]["file_name"] == "가상시_제안요청서.hwp"

        data = client.get(f"/api/reviews/{created['id']}").json()
        assert data["facts"]["project_name"]["value"] == expected.project
        assert data["estimate"]["fp_total"] == expected.fp_total
        assert data["source"]["file"] == "가상시_제안요청서.hwp"

        page = client.get(f"/reviews/{created['id']}")
        assert page.status_code == 200 and expected.project in page.text
        assert client.delete(f"/api/reviews/{created['id']}").status_code == 204
        assert client.get(f"/api/reviews/{created['id']}").status_code == 404


def test_correction_round_on_postgresql(postgres_db, sample_hwp):
    """The RFP kept in PostgreSQL (bytea), re-priced from the hand count, and gone with its last review."""
    hand_count = sample_hwp.parent / "functions.yaml"
    with TestClient(create_app(postgres_db)) as client:
        store = client.app.state.store
        with sample_hwp.open("rb") as handle:
            original = client.post("/api/reviews", files={"file": (sample_hwp.name, handle)}).json()
        assert store.get_document(original["sha256"]) == (sample_hwp.name, sample_hwp.read_bytes())
        with hand_count.open("rb") as handle:
            response = client.post(f"/api/reviews/{original['id']}/functions", files={"file": (hand_count.name, handle)})
        assert response.status_code == 201
        corrected = response.json()
        assert corrected["fp_total"] == 247.5 and corrected["parent_id"] == original["id"]
        assert corrected["sha256"] == original["sha256"]
        assert len(store.get_function_list(corrected["id"])) == 54
        assert client.delete(f"/api/reviews/{original['id']}").status_code == 204
        assert store.has_document(original["sha256"])  # the correction still uses it
        assert client.delete(f"/api/reviews/{corrected['id']}").status_code == 204
        assert not store.has_document(original["sha256"])


def test_a_users_token_on_postgresql(postgres_db, sample_hwp):
    """A personal token looked up in PostgreSQL: the upload and the audit line carry the name."""
    from balju.store import Store
    from balju.store.models import AuditRow, MetaRow, UserRow

    with Store(postgres_db) as store:
        token = store.accounts.add("박주무관")
    try:
        with TestClient(create_app(postgres_db)) as client:
            assert client.get("/api/reviews").status_code == 401  # the users close it
            bearer = {"Authorization": f"Bearer {token}"}
            with sample_hwp.open("rb") as handle:
                created = client.post("/api/reviews", headers=bearer, files={"file": (sample_hwp.name, handle)}).json()
            store = client.app.state.store
            assert store.get_summary(created["id"]).created_by == "박주무관"
            [line] = store.accounts.audit(review_id=created["id"])
            assert (line.user_name, line.action, line.detail) == ("박주무관", "upload", sample_hwp.name)
            assert client.delete(f"/api/reviews/{created['id']}", headers=bearer).status_code == 204
    finally:
        # the session's other tests use this database without access control
        with Store(postgres_db) as store, store.engine.begin() as conn:
            conn.execute(UserRow.__table__.delete())
            conn.execute(AuditRow.__table__.delete())
            conn.execute(MetaRow.__table__.delete().where(MetaRow.__table__.c.key == "session_secret"))
