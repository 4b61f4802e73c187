"""The XLSX report written by a helper process started before the review (one-shot CLI runs).

A cold ``balju review`` spends about a second loading Kiwi's model, and Kiwi holds the GIL while it
loads, so a thread cannot use that time. A helper process started at the same moment imports
openpyxl (≈ 0.2 s with the numpy it pulls in) on the other core and waits; when the Review is ready
it writes the XLSX — the slowest report on big RFPs — while this process writes the PDF, HTML and
JSON.

Protocol: ``python -m balju.report.worker`` reads one pickled request on stdin and writes one
pickled answer on stdout, then exits (end of input without a request: it exits at once). If the
helper cannot start, dies or answers nonsense, the XLSX is written here as usual; an error while
writing (disk full …) is raised here as if it had happened here.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HELPER_FORMATS = ("xlsx",)
SRC = str(Path(__file__).resolve().parents[2])
"""The folder that holds the ``balju`` package, so the helper imports this very copy."""


class ReportWorker:
    """A started helper process; ``write_all`` hands it the Review, ``close`` ends it."""

    def __init__(self, process: subprocess.Popen):
        self.process = process

    @classmethod
    def start(cls, formats: Iterable[str]) -> ReportWorker | None:
        """Start the helper if one of ``formats`` is its; ``None`` when there is no use or no way."""
        if not any(f in HELPER_FORMATS for f in formats):
            return None
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, env.get("PYTHONPATH")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "balju.report.worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=None if os.environ.get("BALJU_DEBUG") else subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            return None
        return cls(process)

    def write_all(self, review: dict, out_dir: str | Path, formats: Iterable[str],
                  stem: str = "review") -> dict[str, Path]:
        """Like ``report.write_all``: the helper's formats there, the others here, at the same time."""
        from balju import report

        keys = report.format_keys(formats)
        helper = [k for k in keys if k in HELPER_FORMATS]
        local = [k for k in keys if k not in HELPER_FORMATS]
        sent = bool(helper) and self._send({"review": review, "out_dir": str(out_dir), "formats": helper, "stem": stem})
        paths = report.write_all(review, out_dir, local, stem) if local else {}
        if helper:
            answer = self._answer() if sent else None
            if answer is None:  # no helper after all: write here
                paths.update(report.write_all(review, out_dir, helper, stem))
            elif "error" in answer:
                raise answer["error"]
            else:
                paths.update(answer["paths"])
        return {k: paths[k] for k in keys}

    def _send(self, request: dict[str, Any]) -> bool:
        try:
            pickle.dump(request, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.close()
            return True
        except (OSError, ValueError, pickle.PicklingError):
            return False

    def _answer(self) -> dict[str, Any] | None:
        try:
            answer = pickle.load(self.process.stdout)
        except Exception:  # noqa: BLE001 - a dead or confused helper: the caller writes the file itself
            return None
        if not isinstance(answer, dict) or not ("paths" in answer or isinstance(answer.get("error"), BaseException)):
            return None
        return answer

    def close(self) -> None:
        """End the helper: it exits on the end of its input; one that does not is killed."""
        process = self.process
        for stream in (process.stdin, process.stdout):
            try:
                if stream and not stream.closed:
                    stream.close()
            except OSError:
                pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> ReportWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(stdin, stdout) -> None:
    """The helper's side: import the writers now, then answer one request."""
    from balju import report
    from balju.report import xlsx  # noqa: F401 - the import this process is started early for

    try:
        request = pickle.load(stdin)
    except EOFError:
        return  # the review failed or wrote no report: nothing to do
    try:
        answer: dict[str, Any] = {
            "paths": report.write_all(request["review"], request["out_dir"], request["formats"], request["stem"])
        }
    except Exception as exc:  # noqa: BLE001 - every error goes back to the caller, who raises it
        answer = {"error": exc}
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        data = pickle.dumps({"error": RuntimeError(f"{type(answer['error']).__name__}: {answer['error']}")})
    stdout.write(data)
    stdout.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
