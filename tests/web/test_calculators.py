"""POST /api/estimate and GET /api/eligible: the CLI's estimate and eligible over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from balju.cli import main
from balju.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(str(tmp_path_factory.mktemp("calc") / "c.db"))) as c:
        yield c


def cli_json(args: list[str], capsys) -> dict:
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_estimate_equals_the_cli(client, capsys):
    with (EXAMPLES / "functions.yaml").open("rb") as f:
        answer = client.post("/api/estimate", files={"file": ("기능목록.yaml", f)},
                             data={"as_of": "2025-01-01", "interface": "4", "profit_rate": "20%", "direct_expenses": "2,000,000"})
    assert answer.status_code == 200, answer.text
    expected = cli_json(["estimate", str(EXAMPLES / "functions.yaml"), "--as-of", "2025-01-01", "--interface", "4",
                         "--profit-rate", "20%", "--direct-expenses", "2000000", "--json"], capsys)
    assert answer.json() == expected
    # our hand count of the sample RFP is 247.5 FP by 간이법 (tests/functions/test_calibration.py)
    assert answer.json()["fp_total"] == 247.5 and answer.json()["direct_expenses"] == 2_000_000


def test_estimate_bad_input_in_korean(client):
    bad = client.post("/api/estimate", files={"file": ("틀린.csv", "기능명,유형\n회원 등록,XYZ\n".encode("utf-8"))})
    assert bad.status_code == 400
    body = bad.json()
    assert "틀린.csv" in (body["where"] or "") and "/tmp" not in json.dumps(body, ensure_ascii=False)
    assert client.post("/api/estimate", data={"as_of": "2025-01-01"}).status_code == 400
    with (EXAMPLES / "functions.yaml").open("rb") as f:
        level = client.post("/api/estimate", files={"file": ("f.yaml", f)}, data={"security": "high"})
    assert level.status_code == 400 and level.json()["where"] == "security"
    # the form's own field names, not the command line's options
    for field, value in (("as_of", "2025-13-01"), ("profit_rate", "NaN"), ("profit_rate", "이십%")):
        with (EXAMPLES / "functions.yaml").open("rb") as f:
            refused = client.post("/api/estimate", files={"file": ("f.yaml", f)}, data={field: value})
        assert refused.status_code == 400 and refused.json()["where"] == field, (field, value, refused.json())


def test_eligible_equals_the_cli(client, capsys):
    # 소프트웨어 진흥법 제48조 and its notice: a 중견기업 may bid only from 40억 (VAT included)
    answer = client.get("/api/eligible", params={"amount": "20억", "bidder": "중견", "as_of": "2025-01-01"})
    assert answer.status_code == 200
    assert answer.json() == cli_json(["eligible", "--amount", "20억", "--bidder", "중견", "--as-of", "2025-01-01", "--json"], capsys)
    assert answer.json()["eligible"] is False
    assert client.get("/api/eligible", params={"amount": "50억", "bidder": "중견", "as_of": "2025-01-01"}).json()["eligible"] is True
    bad = client.get("/api/eligible", params={"amount": "이십억", "bidder": "중견"})
    assert bad.status_code == 400 and bad.json()["where"] == "amount"


def test_behind_the_token_when_one_is_set(tmp_path):
    token = "calculator-token-0123456789"
    with TestClient(create_app(str(tmp_path / "t.db"), token=token)) as c:
        params = {"amount": "50억", "bidder": "중견", "as_of": "2025-01-01"}
        assert c.get("/api/eligible", params=params).status_code == 401
        assert c.get("/api/eligible", params=params, headers={"Authorization": f"Bearer {token}"}).json()["eligible"] is True
