"""Fuzz: mutated and truncated files never crash the reader or hang it (퍼즈 시험).

Every outcome must be a Document or an InputError; each read must finish within a few seconds.
"""

from __future__ import annotations

import signal
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balju.documents import Document, read
from balju.errors import InputError
from documents_samples import make_docx, make_hwp, make_hwpx, make_pdf

SECONDS = 20  # far above the slowest real read (~2 s); a hang fails the test


@lru_cache(maxsize=None)
def seed(fmt: str, rfp_dir: Path) -> bytes:
    if fmt == "real-hwp":
        return (rfp_dir / "20241103380.hwp").read_bytes()
    if fmt == "hancom-hwpx":
        return (Path(__file__).parent / "data" / "extract-hwp" / "sample_document.hwpx").read_bytes()
    d = Path(tempfile.mkdtemp(prefix="balju-fuzz-"))
    maker = {"hwp": make_hwp, "hwpx": make_hwpx, "docx": make_docx}.get(fmt)
    path = maker(d / f"seed.{fmt}") if maker else make_pdf(d / "seed.pdf", rows=40)
    return path.read_bytes()


@contextmanager
def time_limit(seconds: int):
    def on_alarm(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"read took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _check(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory(prefix="balju-fuzz-") as d:
        path = Path(d) / f"fuzz{ext}"
        path.write_bytes(data)
        with time_limit(SECONDS):
            try:
                doc = read(path)
            except InputError as exc:
                assert exc.file == str(path) and exc.fix
                return
        assert isinstance(doc, Document)
        for b in doc.blocks:
            assert b.kind in ("heading", "paragraph", "table")
            if b.kind == "table":
                assert b.rows is not None


FORMATS = ["hwp", "real-hwp", "hwpx", "hancom-hwpx", "docx", "pdf"]
EXT = {"hwp": ".hwp", "real-hwp": ".hwp", "hwpx": ".hwpx", "hancom-hwpx": ".hwpx", "docx": ".docx", "pdf": ".pdf"}

mutations = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1,
                     max_size=24)


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fmt=st.sampled_from(FORMATS), changes=mutations, cut=st.one_of(st.none(), st.floats(0.05, 1)))
def test_mutated_files(rfp_dir: Path, fmt: str, changes, cut):
    data = bytearray(seed(fmt, rfp_dir))
    for where, value in changes:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: max(1, int(cut * len(data)))]
    _check(bytes(data), EXT[fmt])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(ext=st.sampled_from([".hwp", ".hwpx", ".docx", ".pdf", ".txt", ".md"]),
       prefix=st.sampled_from([b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"%PDF-1.7\n",
                               b"\xef\xbb\xbf", b"\xff\xfe"]),
       body=st.binary(min_size=0, max_size=2048))
def test_random_bytes(ext: str, prefix: bytes, body: bytes):
    _check(prefix + body, ext)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seeds_read(rfp_dir: Path, fmt: str):
    _check(seed(fmt, rfp_dir), EXT[fmt])
