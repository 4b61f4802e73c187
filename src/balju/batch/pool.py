"""Running the tasks (작업 프로세스): in this process, or in a pool of worker processes.

Each worker loads Kiwi once and reviews file after file; big files go first. A worker that dies
(a crash inside a native reader) is replaced, and the files it and the others were holding are
retried one at a time, so that only the file that kills a worker is marked failed.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from balju.batch.worker import Task, TaskResult, review_file, start_worker

_CRASH = "BrokenProcessPool"


def _biggest_first(tasks: list[Task]) -> list[Task]:
    """Big files first, so that no worker starts the slowest file when the others are nearly done."""

    def size(task: Task) -> int:
        try:
            return os.stat(task.path).st_size
        except OSError:
            return 0

    return sorted(tasks, key=size, reverse=True)


def _in_process(tasks: list[Task]) -> Iterator[tuple[Task, TaskResult]]:
    """--workers 1: one file after another in this process (Kiwi loads here, once)."""
    for task in tasks:
        yield task, review_file(task)


class _PoolUnavailable(Exception):
    """No worker process could be started (no semaphores in a sandbox, a script without a main guard …)."""


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Workers are born ignoring Ctrl-C (an ignored signal stays ignored across exec, and Python then
    installs no KeyboardInterrupt handler), so a Ctrl-C while they import cannot kill them with a
    traceback on the user's screen; the parent alone handles it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread; a Ctrl-C does not reach here then
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ping() -> bool:
    return True


def _executor(workers: int, initializer: Callable[[], None] = start_worker) -> ProcessPoolExecutor:
    """A pool whose workers are starting (one has answered), or ``_PoolUnavailable``.

    A worker that cannot start at all breaks the pool exactly like a file that kills its worker;
    asking each worker for a trivial answer first keeps that from being blamed on the files.
    """
    try:
        # spawn, not fork: the parent may hold threads (the progress bar, a database pool) that a
        # forked child would inherit mid-lock; each worker pays its imports once, like Kiwi's load.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=initializer)
    except (OSError, ImportError, NotImplementedError, ValueError) as error:
        raise _PoolUnavailable(f"{type(error).__name__}: {error}") from None
    ready = False
    try:
        # one ping per worker starts them all now (the pool spawns a process per waiting call)
        with _sigint_ignored():
            pings = [pool.submit(_ping) for _ in range(workers)]
        while not ready:
            done, pending = wait(pings, return_when=FIRST_COMPLETED)
            ready = any(f.exception() is None for f in done)
            if not ready and not pending:
                error = next(iter(done)).exception()
                raise _PoolUnavailable(f"{type(error).__name__}: {error}")
            pings = list(pending)
    except (OSError, BrokenProcessPool) as error:
        raise _PoolUnavailable(f"{type(error).__name__}: {error}") from None
    finally:
        if not ready:
            _stop(pool, graceful=False)
    return pool


Call = Callable[[Task], TaskResult]


def _pooled(tasks: list[Task], workers: int, call: Call = review_file,
            initializer: Callable[[], None] = start_worker) -> Iterator[tuple[Task, TaskResult]]:
    """Answers as they arrive from a pool of ``workers``; a dead worker takes only its own file down.

    When a worker dies the pool is broken and every file in flight is lost with it; those files
    are retried one at a time in a pool of one, where a second death names the culprit.
    (``call`` and ``initializer`` are module-level functions; tests give ones that crash on cue.)
    """
    queue = deque(tasks)
    while queue:
        suspects = yield from _pool_pass(queue, workers, call, initializer)
        for task in suspects:
            yield from _alone(task, call, initializer)


def _pool_pass(queue: deque[Task], workers: int, call: Call, initializer: Callable[[], None]):
    """Feed ``queue`` to one pool until it is empty or the pool breaks; returns the files in flight then."""
    pool = _executor(workers, initializer)
    in_flight: dict[Future, Task] = {}
    finished = False
    try:
        while queue or in_flight:
            # no more files in flight than workers: when one dies, these are the only suspects
            while queue and len(in_flight) < workers:
                task = queue.popleft()
                try:
                    in_flight[pool.submit(call, task)] = task
                except BrokenProcessPool:
                    queue.appendleft(task)
                    break
            if not in_flight:  # the pool broke before taking anything: try the next file alone
                finished = True
                return [queue.popleft()]
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = [f for f in done if isinstance(f.exception(), BrokenProcessPool)]
            if broken:
                # the others in flight are failed by the pool at once; keep those that finished first
                wait(in_flight)
                suspects = []
                for future, task in in_flight.items():
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects.append(task)
                    else:
                        yield task, _answer(future, task)
                in_flight.clear()
                finished = True
                return suspects
            for future in [f for f in in_flight if f in done]:
                task = in_flight.pop(future)
                yield task, _answer(future, task)
        finished = True
        return []
    finally:
        _stop(pool, graceful=finished)


def _alone(task: Task, call: Call, initializer: Callable[[], None]) -> Iterator[tuple[Task, TaskResult]]:
    """One file in a pool of its own: if its worker dies again, the file is the cause."""
    pool = _executor(1, initializer)
    finished = False
    try:
        future = pool.submit(call, task)
        wait([future])
        if isinstance(future.exception(), BrokenProcessPool):
            answer = TaskResult(path=task.path, unexpected=f"{_CRASH}: {future.exception()}")
        else:
            answer = _answer(future, task)
        finished = True
    finally:
        _stop(pool, graceful=finished)
    yield task, answer


def _answer(future: Future, task: Task) -> TaskResult:
    """The worker's answer, or an 'unexpected' one if the call itself failed (e.g. the answer did not pickle)."""
    error = future.exception()
    if error is None:
        return future.result()
    import traceback

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return TaskResult(path=task.path, unexpected=text)


def _stop(pool: ProcessPoolExecutor, graceful: bool) -> None:
    """Shut the pool: wait for idle workers to exit, or, on an interrupt or error, stop them now."""
    if graceful:
        pool.shutdown(wait=True)
        return
    # taken before shutdown, which forgets them; a worker in the middle of a big file would
    # otherwise hold Ctrl-C up until it finishes
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:  # reaped here, so no worker outlives the run
        with contextlib.suppress(Exception):
            process.join(timeout=5)
