"""``balju read`` (명령줄)."""

from __future__ import annotations

import json
from pathlib import Path

from balju.cli import main
from documents_helpers import ids
from documents_samples import make_docx


def test_read_json_real_hwp(rfp_dir: Path, capsys):
    path = rfp_dir / "20241103380.hwp"
    assert main(["read", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "hwp"
    assert data["properties"]["title"]
    tables = [b for b in data["blocks"] if b["kind"] == "table"]
    assert any(["요구사항 고유번호", "ECR-001"] == row[:2] for t in tables for row in t["rows"])
    assert all({"section", "paragraph"} <= set(b["position"]) for b in data["blocks"])
    assert len(ids("\n".join(b["text"] for b in data["blocks"]))) >= 35


def test_read_markdown_default(tmp_path: Path, capsys):
    path = make_docx(tmp_path / "s.docx")
    assert main(["read", str(path)]) == 0
    out = capsys.readouterr().out
    assert "# Ⅰ. 사업 개요" in out
    assert "| SFR-001 | 로그인 | 사용자 로그인 기능 |" in out


def test_read_bad_file_exit_2_without_traceback(tmp_path: Path, capsys):
    path = tmp_path / "empty.hwp"
    path.write_bytes(b"")
    assert main(["read", str(path)]) == 2
    err = capsys.readouterr().err
    assert "빈 파일" in err and "Traceback" not in err
    assert str(path) in err
