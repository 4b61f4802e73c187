"""Stand-ins for the worker's call in the pool tests: a file named '...die' kills its worker process
the way a crash inside a native reader would (no Python exception, the process is simply gone)."""

from __future__ import annotations

import os

from balju.batch.worker import Task, TaskResult


def call(task: Task) -> TaskResult:
    if task.path.endswith("die"):
        os._exit(3)
    return TaskResult(path=task.path, data={"path": task.path, "pid": os.getpid()})


def no_init() -> None:
    """No Kiwi: these workers review nothing."""
