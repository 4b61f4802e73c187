"""``balju requirements`` and ``balju lint`` run in-process (명령줄)."""

from __future__ import annotations

import json
import re

from balju.cli import main

BIFF = "20240611774.hwp"
_PHONE = re.compile(r"\d{2,3}\)?[-. ]\d{3,4}[-. ]\d{4}")


def test_requirements_json(rfp_dir, capsys):
    assert main(["requirements", str(rfp_dir / BIFF), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"facts", "requirements"}
    assert data["facts"]["budget"]["value"] == 243_000_000
    assert data["facts"]["budget"]["where"]
    first = data["requirements"][0]
    assert {"id", "category", "name", "text"} <= set(first)
    assert first["id"] == "SFR-001" and first["category"] == "SFR" and first["name"] == "공통 사항"
    assert len({r["id"] for r in data["requirements"]}) == 58


def test_requirements_table(rfp_dir, capsys):
    assert main(["requirements", str(rfp_dir / BIFF)]) == 0
    out = capsys.readouterr().out
    assert "243,000,000" in out and "SFR-001" in out and "공통 사항" in out
    assert not _PHONE.search(out)


def test_lint(rfp_dir, capsys):
    code = main(["lint", str(rfp_dir / BIFF), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == (1 if data["counts"]["error"] else 0)
    codes = {f["code"] for f in data["findings"]}
    assert "req.vague-word" in codes
    assert all(f["severity"] in ("error", "warning", "info") for f in data["findings"])
    assert not _PHONE.search(json.dumps(data, ensure_ascii=False))


def test_lint_text_and_severity_filter(rfp_dir, capsys):
    main(["lint", str(rfp_dir / BIFF), "--min-severity", "warning"])
    out = capsys.readouterr().out
    assert "[경고]" in out and "[참고]" not in out and "고칠 점(fix)" in out


def test_bad_input(tmp_path, capsys):
    assert main(["requirements", str(tmp_path / "없는파일.hwp")]) == 2
    assert "오류" in capsys.readouterr().err
    assert main(["lint", str(tmp_path / "x.hwp"), "--min-severity", "fatal"]) == 2


MD_DUPLICATE = """# 가상 제안요청서

## 상세 요구사항

| 요구사항 고유번호 | SFR-001 |
|---|---|
| 요구사항 명칭 | 회원 관리 |
| 세부내용 | 회원 가입과 정보 수정 |

| 요구사항 고유번호 | SFR-001 |
|---|---|
| 요구사항 명칭 | 게시판 |
| 세부내용 | 게시물 등록과 조회 |
"""


def test_lint_exit_code_1_on_error(tmp_path, capsys):
    rfp = tmp_path / "rfp.md"
    rfp.write_text(MD_DUPLICATE, encoding="utf-8")
    assert main(["lint", str(rfp)]) == 1
    out = capsys.readouterr().out
    assert "[오류] SFR-001" in out and "2번" in out
    assert main(["requirements", str(rfp), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in data["requirements"]] == ["회원 관리", "게시판"]
    assert data["facts"]["budget"]["found"] is False
