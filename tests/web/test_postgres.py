"""The web API on PostgreSQL (the `postgres_url` fixture starts a throwaway cluster; skipped without the server)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from balju.web import create_app


def test_api_upload_list_get_on_postgresql(postgres_url, sample_hwp, expected):
    with TestClient(create_app(postgres_url)) as client:
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


def test_correction_round_on_postgresql(postgres_url, sample_hwp):
    """The RFP kept in PostgreSQL (bytea), re-priced from the hand count, and gone with its last review."""
    hand_count = sample_hwp.parent / "functions.yaml"
    with TestClient(create_app(postgres_url)) as client:
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
