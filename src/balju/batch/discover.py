"""Finding the RFP files of a batch (파일 찾기): folders walked, hidden and foreign files left out.

A year of tenders is usually a folder tree downloaded from 나라장터 with other things beside the
RFPs (공고문 images, zip archives, editor lock files). Only the suffixes balju reads are taken;
everything else is listed as ignored so the summary can say how many files were passed over.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from balju.errors import InputError

RFP_SUFFIXES = (".hwp", ".hwpx", ".pdf", ".docx", ".txt", ".md")
"""제안요청서로 읽는 확장자 (the suffixes a batch reviews)."""

_LOCK_PREFIXES = ("~$", ".~lock")
"""Word/한글 lock files beside an open document: never an RFP, and often unreadable while open."""


@dataclass
class Discovery:
    """찾은 파일: RFP files in a stable order, and the files passed over."""

    files: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    """Files under the given folders (or given by name) whose suffix balju does not read."""


def is_hidden(name: str) -> bool:
    """숨은 파일: '.name' (Unix) or an editor's lock file ('~$name.hwp')."""
    return name.startswith(".") or name.startswith(_LOCK_PREFIXES)


def is_rfp_name(path: Path) -> bool:
    """Whether balju reviews a file of this name (by suffix, case-insensitive)."""
    return path.suffix.lower() in RFP_SUFFIXES


def find_rfp_files(paths: Iterable[str | Path]) -> Discovery:
    """Every RFP file under ``paths`` (files or folders, folders walked recursively), sorted per path.

    Hidden files and folders are skipped when walking; a file named on its own is taken even when
    hidden, since the user asked for it. Each file appears once, however often it was named.
    Raises ``InputError`` for a path that does not exist.
    """
    found = Discovery()
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            candidates = _walk(path)
        elif path.is_file():
            candidates = [path]
        else:
            raise InputError(
                f"파일이나 폴더가 없습니다 (no such file or folder): {given}",
                file=str(given),
                fix="경로를 확인하세요. 폴더를 주면 그 아래의 제안요청서를 모두 찾습니다.",
            )
        for candidate in candidates:
            key = candidate.resolve()
            if key in seen:
                continue
            seen.add(key)
            (found.files if is_rfp_name(candidate) else found.ignored).append(candidate)
    return found


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in sorted order, hidden files and folders left out."""
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        # pruning in place keeps os.walk out of .git, .venv and the like
        dirs[:] = sorted(d for d in dirs if not is_hidden(d))
        files.extend(Path(root) / n for n in sorted(names) if not is_hidden(n))
    return files


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of the file's bytes (the key a stored review is found by; same as review JSON's source.sha256)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def report_folders(files: list[Path]) -> dict[Path, str]:
    """The folder name under --reports for each file: its stem, made unique within the run.

    ``sample_rfp.hwp`` and ``sample_rfp.pdf`` share a stem, and a year's tree may hold the same
    name in two folders; without this their reports would overwrite each other. A shared stem gets
    the suffix (``sample_rfp_hwp``), a name still taken a number (``sample_rfp_hwp_2``).
    """
    stems: dict[str, int] = {}
    for path in files:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    names: dict[Path, str] = {}
    used: set[str] = set()
    for path in files:
        base = path.stem if stems[path.stem] == 1 else f"{path.stem}_{path.suffix.lstrip('.').lower()}"
        name, number = base, 2
        while name in used:
            name, number = f"{base}_{number}", number + 1
        used.add(name)
        names[path] = name
    return names
