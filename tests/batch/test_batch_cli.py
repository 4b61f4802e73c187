"""`balju batch` as a user types it: the Korean summary, the CSV for Excel, --list, --json, and the
exit codes of bad input (2, a Korean message, never a traceback, and no database left behind)."""

from __future__ import annotations

import csv
import json

import pytest
from batch_helpers import PROJECT_NAME

from balju.batch import CSV_COLUMNS
from balju.cli import main


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory, batch_folder):
    """`balju batch rfps --db … --workers 1 --csv …` once; its output, database and CSV."""
    import contextlib
    import io

    root = tmp_path_factory.mktemp("cli")
    db, table = root / "balju.db", root / "요약.csv"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["batch", str(batch_folder), "--db", str(db), "--workers", "1", "--csv", str(table)])
    return code, out.getvalue(), db, table


def test_the_summary(cli_run, reference):
    code, out, _, _ = cli_run
    assert code == 0, out
    assert "찾은 제안요청서 3개: 검토 2, 건너뜀 0, 실패 1" in out
    assert "제안요청서가 아닌 파일 1개는 건너뛰었습니다: notes.xlsx" in out
    for title in ("파일", "사업명", "발주기관", "사업예산", "가이드 가격", "차이 %", "판정", "기능점수", "오류/경고"):
        assert title in out
    hwp, pdf = reference["hwp"], reference["pdf"]
    for data in (hwp, pdf):  # the table shows each file's figures as `balju review` computed them
        assert f"{data['budget']['guide_price']:,}" in out
        assert f"{data['budget']['gap_percent']:+.1f}" in out
        assert data["budget"]["verdict_ko"] in out
        assert f"{data['estimate']['fp_total']}" in out
    assert "330,000,000" in out and "309.9" in out
    verdicts = [hwp["budget"]["verdict"], pdf["budget"]["verdict"]]
    names = {"adequate": "적정", "short": "부족", "over": "초과", "cannot_tell": "판단 불가"}
    totals = ", ".join(f"{names[v]} {verdicts.count(v)}" for v in names if v in verdicts)
    assert f"판정별: {totals}" in out
    assert "검토하지 못한 파일 1개" in out and "- x.hwp: 파일이 손상되었거나 읽을 수 없습니다" in out
    assert "Traceback" not in out


def test_the_csv_opens_in_excel_with_integer_won(cli_run, reference):
    _, _, _, table = cli_run
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8 Korean
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == CSV_COLUMNS
    by_file = {row[0]: dict(zip(CSV_COLUMNS, row)) for row in rows[1:]}
    assert set(by_file) == {"sample_rfp.hwp", "sample_rfp.pdf", "x.hwp"}
    for name, data in (("sample_rfp.hwp", reference["hwp"]), ("sample_rfp.pdf", reference["pdf"])):
        row = by_file[name]
        assert row["상태"] == "검토함" and row["사업명"] == PROJECT_NAME
        assert row["발주기관"] == data["facts"]["agency"]["value"]
        assert row["사업예산(원)"] == "330000000"
        assert row["가이드 가격(원)"] == str(data["budget"]["guide_price"])
        assert row["판정"] == data["budget"]["verdict_ko"]
        assert row["기능점수"] == str(data["estimate"]["fp_total"])
        assert row["기능 수"] == str(len(data["functions"]))
        assert row["기준일"] == data["as_of"] and row["SHA-256"] == data["source"]["sha256"]
    assert by_file["sample_rfp.hwp"]["기능점수"] == "309.9"
    broken = by_file["x.hwp"]
    assert broken["상태"] == "실패" and broken["사업명"] == "" and broken["메시지"].startswith("파일이 손상되었거나")


def test_a_second_run_skips_everything(cli_run, batch_folder, capsys):
    _, _, db, _ = cli_run
    code = main(["batch", str(batch_folder), "--db", str(db), "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "찾은 제안요청서 3개: 검토 0, 건너뜀 3, 실패 0" in out
    assert "전에 실패해 건너뛴 파일 1개" in out and "x.hwp" in out


def test_list_and_json(cli_run, batch_folder, capsys):
    _, _, db, _ = cli_run
    assert main(["batch", "--list", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "저장된 검토 2건" in out and "330,000,000" in out

    assert main(["batch", "--list", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["total"] == 2
    assert sorted(r["file_name"] for r in listed["reviews"]) == ["sample_rfp.hwp", "sample_rfp.pdf"]
    assert {r["project_name"] for r in listed["reviews"]} == {PROJECT_NAME}

    assert main(["batch", str(batch_folder), "--db", str(db), "--json"]) == 0
    ran = json.loads(capsys.readouterr().out)
    assert (ran["found"], ran["reviewed"], ran["skipped"], ran["failed"]) == (3, 0, 3, 0)
    assert [f["file"] for f in ran["files"]] == ["sample_rfp.hwp", "x.hwp", "sample_rfp.pdf"]
    assert [r["stated_budget"] for r in ran["reviews"]] == [330_000_000, 330_000_000]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "검토할 파일이나 폴더를 주세요"),
        (["{tmp}/nowhere"], "파일이나 폴더가 없습니다"),
        (["{tmp}/foreign"], "검토할 제안요청서 파일을 찾지 못했습니다"),
        (["{folder}", "--as-of", "2025-13-01"], "기준일 '2025-13-01'을(를) 읽을 수 없습니다"),
        (["{folder}", "--workers", "0"], "작업 프로세스 수는 1 이상이어야 합니다"),
        (["{folder}", "--reports", "{tmp}/r", "--format", "doc"], "보고서 형식 'doc'은(는) 지원하지 않습니다"),
        (["--list", "{folder}"], "--list는 경로 없이 씁니다"),
    ],
    ids=["no-path", "missing", "no-rfp", "bad-date", "workers-0", "bad-format", "list-with-path"],
)
def test_bad_input_exits_2_in_korean_without_a_database(args, message, batch_folder, tmp_path, capsys):
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    db = tmp_path / "never.db"
    argv = [a.format(tmp=tmp_path, folder=batch_folder) for a in args]
    code = main(["batch", *argv, "--db", str(db)])
    captured = capsys.readouterr()
    assert code == 2
    assert message in captured.err and captured.err.startswith("오류(error): ")
    assert "Traceback" not in captured.err + captured.out
    assert not db.exists()


@pytest.mark.parametrize("url", ["postgresql+nosuch://x/y", "mysql+nodriver://u@h/db"])
def test_a_bad_database_url_exits_2(url, batch_folder, capsys):
    code = main(["batch", str(batch_folder), "--db", url])
    err = capsys.readouterr().err
    assert code == 2 and "데이터베이스" in err and "Traceback" not in err
