"""Worker processes for ``benchmarks/fuzz.py``, each job under a wall-clock limit.

A worker that runs past its job's limit (or dies) is killed and replaced; the job is split in
halves and run again, down to the one case that hangs, so that a hang is charged to its input.
Once :data:`BISECT_HANGS` hangs are charged, a batch that hangs again counts one hang (on its
first case) and is not split further: each split costs a limit's wait.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import wait
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_worker import Job, Outcome, serve

BISECT_HANGS = 10
#: How long a new worker may take to load its models.
START_LIMIT = 180.0

Result = tuple[Job, float | None, list[Outcome]]


class _Worker:
    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.ready = False
        self.deadline = time.monotonic() + START_LIMIT

    def give(self, job: Job) -> None:
        self.job = job
        self.deadline = time.monotonic() + job.limit
        self.conn.send(job)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(10)
        if self.process.is_alive():
            self.kill()


def run_jobs(
    jobs: list[Job],
    workers: int,
    split_limit: Callable[[Job], float],
    progress: Callable[[Result], None],
) -> None:
    """Run every job; ``progress`` gets each result (seconds None: the job hung or died)."""
    context = multiprocessing.get_context("spawn")
    queue = deque(jobs)
    pool = [_Worker(context) for _ in range(workers)]
    hangs: Counter[str] = Counter()
    try:
        while queue or any(w.job for w in pool):
            for worker in pool:
                if worker.ready and worker.job is None and queue:
                    worker.give(queue.popleft())
            timeout = max(0.05, min(w.deadline for w in pool) - time.monotonic())
            for conn in wait([w.conn for w in pool], timeout=timeout):
                worker = next(w for w in pool if w.conn is conn)
                _receive(worker, pool, context, queue, hangs, split_limit, progress)
            for n, worker in enumerate(pool):
                if time.monotonic() > worker.deadline:
                    pool[n] = _replace(worker, context, queue, hangs, split_limit, progress)
    finally:
        for worker in pool:
            worker.stop()


def _receive(worker, pool, context, queue, hangs, split_limit, progress) -> None:
    try:
        message = worker.conn.recv()
    except (EOFError, OSError):  # the worker died: a crash outside Python (or out of memory)
        pool[pool.index(worker)] = _replace(
            worker, context, queue, hangs, split_limit, progress, died=True
        )
        return
    if message == "ready":
        worker.ready = True
        worker.deadline = float("inf")
        return
    job, worker.job = worker.job, None
    worker.deadline = float("inf")
    _, seconds, outcomes = message
    progress((job, seconds, outcomes))


def _replace(worker, context, queue, hangs, split_limit, progress, died: bool = False):
    """Kill ``worker``, start another, and deal with the job it held."""
    job = worker.job
    code = worker.process.exitcode
    worker.kill()
    fresh = _Worker(context)
    if job is None:
        if not worker.ready:
            raise RuntimeError("a fuzz worker could not start (see its error above)")
        return fresh
    why = f"worker died (exit code {code})" if died else None
    if len(job.dirs) > 1 and hangs["all"] < BISECT_HANGS:
        half = len(job.dirs) // 2
        for part in (slice(0, half), slice(half, None)):
            piece = _part(job, part)
            queue.appendleft(replace(piece, limit=split_limit(piece)))
        return fresh
    hangs["all"] += 1
    first = Outcome(hang=why is None, crash=why)
    rest = [Outcome() for _ in job.dirs[1:]]  # not judged: the batch did not finish
    progress((job, None, [first, *rest]))
    return fresh


def _part(job: Job, part: slice) -> Job:
    return replace(
        job,
        key=(*job.key, part.start),
        dirs=job.dirs[part],
        expected=job.expected[part],
        sizes=job.sizes[part],
        entries=job.entries[part],
        classes=job.classes[part],
    )
