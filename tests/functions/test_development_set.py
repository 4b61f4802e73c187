"""The identifier's development set (functions.identifier): which corrected lists are first measurements."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from balju import rules
from balju.functions.development_set import identifier, seen_because

ROOT = Path(__file__).resolve().parents[2]
SHARED_RFP = ROOT.parent / "shared" / "data" / "rfp"
LABELLED = sorted(Path(__file__).parent.glob("*/*.yaml"))
UTC = dt.timezone.utc
AFTER = dt.datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

IDENT = identifier(rules.at())


def test_the_shipped_identifier():
    assert IDENT.name == "v7"
    # v7 keeps a requirement's candidates when all are under 0.4 (docs/functions.md step 27); v6 was
    # frozen by commit 374ee80 at 2026-12-02 19:05:47 (step 22)
    assert IDENT.frozen == dt.datetime(2026, 12, 3, 7, 15, 0, tzinfo=UTC)
    assert IDENT.target_error == Decimal("0.10")


def test_the_set_is_what_the_script_derives_from_the_shared_data():
    spec = importlib.util.spec_from_file_location("development_set_script", ROOT / "scripts" / "development_set.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    derived = script.development_set(SHARED_RFP)
    # 31 shared files and the 5 formats of our sample RFP
    assert len(derived["sha256"]) == 36
    assert (frozenset(derived["sha256"]), frozenset(derived["notices"]), frozenset(derived["file_names"])) == (
        IDENT.sha256, IDENT.notices, IDENT.file_names)


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_labelled_rfp_is_in_the_set(path):
    rfp = yaml.safe_load(path.read_text(encoding="utf-8"))["rfp"]
    if rfp.startswith("data_list.csv#"):  # heldout8: counted from the extract, no file
        assert rfp.split("#")[1] in IDENT.notices
    else:
        digest = hashlib.sha256((SHARED_RFP / rfp).read_bytes()).hexdigest()
        assert seen_because(IDENT, sha256=digest, file_name="renamed.hwp", saved_at=AFTER) == "식별기 v7을 만들고 잰 RFP"


def test_a_development_rfp_is_known_by_its_hash_name_or_notice_number():
    sample = hashlib.sha256((ROOT / "examples" / "sample_rfp.hwp").read_bytes()).hexdigest()
    seen = "식별기 v7을 만들고 잰 RFP"
    assert seen_because(IDENT, sha256=sample, file_name="체육시설.hwp", saved_at=AFTER) == seen
    # another copy of a tender (other bytes): its 나라장터 notice number in the name, or its published name
    assert seen_because(IDENT, sha256="0" * 64, file_name="20240408682_GKL_그룹웨어_v2.hwp", saved_at=AFTER) == seen
    published = "인천광역시_도시계획위원회 통합관리시스템 구축용역.hwp"
    assert seen_because(IDENT, sha256=None, file_name=f"/tmp/upload/{published}", saved_at=AFTER) == seen


def test_a_new_rfp_is_a_first_measurement_only_after_the_freeze():
    new = {"sha256": "f" * 64, "file_name": "20261201999_가상군_민원.hwp"}
    assert seen_because(IDENT, **new, saved_at=AFTER) is None
    assert seen_because(IDENT, **new, saved_at=dt.datetime(2026, 12, 3, 7, 15, 1, tzinfo=UTC)) is None
    # saved at the freeze or before it: the list existed while v7 was made
    before = "식별기 v7 동결(2026-12-03 07:15 UTC) 전에 저장한 목록"
    assert seen_because(IDENT, **new, saved_at=dt.datetime(2026, 12, 3, 7, 15, 0, tzinfo=UTC)) == before
    # SQLite hands back naive UTC times
    assert seen_because(IDENT, **new, saved_at=dt.datetime(2026, 11, 30, 10, 0)) == before
