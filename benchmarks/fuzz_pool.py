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
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import wait
from multiprocessing.context import SpawnContext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_worker import Job, Outcome, serve

BISECT_HANGS = 10
#: How long a new worker may take to load its models.
START_LIMIT = 180.0

#: A job and what came of it: its seconds (None: it hung or its worker died) and its outcomes.
Result = tuple[Job, float | None, list[Outcome]]


class _Worker:
    """One child process running :func:`fuzz_worker.serve`, and the job it holds."""

    def __init__(self, context: SpawnContext) -> None:
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


class _Pool:
    """Workers, the queue of jobs, and what to do with each result."""

    def __init__(
        self,
        jobs: list[Job],
        workers: int,
        limit_of: Callable[[Job], float],
        progress: Callable[[Result], None],
    ) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.queue = deque(jobs)
        self.limit_of = limit_of
        self.progress = progress
        self.hangs = 0
        self.workers = [_Worker(self.context) for _ in range(workers)]

    def run(self) -> None:
        try:
            while self.queue or any(w.job for w in self.workers):
                for worker in self.workers:
                    if worker.ready and worker.job is None and self.queue:
                        worker.give(self.queue.popleft())
                soonest = min(w.deadline for w in self.workers)
                ready = wait([w.conn for w in self.workers], max(0.05, soonest - time.monotonic()))
                for conn in ready:
                    self._receive(next(w for w in self.workers if w.conn is conn))
                for worker in list(self.workers):
                    if time.monotonic() > worker.deadline:
                        self._replace(worker, died=False)
        finally:
            for worker in self.workers:
                worker.stop()

    def _receive(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: a crash outside Python, or out of memory
            self._replace(worker, died=True)
            return
        worker.deadline = float("inf")
        if message == "ready":
            worker.ready = True
            return
        job, worker.job = worker.job, None
        _, seconds, outcomes = message
        self.progress((job, seconds, outcomes))

    def _replace(self, worker: _Worker, *, died: bool) -> None:
        """Kill ``worker``, start another in its place, and deal with the job it held."""
        job, code = worker.job, worker.process.exitcode
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.context)
        if job is None:
            if not worker.ready:
                raise RuntimeError("a fuzz worker could not start (see its error above)")
            return
        if len(job.dirs) > 1 and self.hangs < BISECT_HANGS:
            half = len(job.dirs) // 2
            for part in (slice(half, None), slice(0, half)):
                piece = _part(job, part)
                self.queue.appendleft(replace(piece, limit=self.limit_of(piece)))
            return
        self.hangs += 1
        why = f"worker died (exit code {code})" if died else None
        first = Outcome(hang=why is None, crash=why)
        rest = [Outcome() for _ in job.dirs[1:]]  # not judged: the batch did not finish
        self.progress((job, None, [first, *rest]))


def run_jobs(
    jobs: list[Job],
    workers: int,
    limit_of: Callable[[Job], float],
    progress: Callable[[Result], None],
) -> None:
    """Run every job on ``workers`` processes; ``progress`` gets each result."""
    _Pool(jobs, workers, limit_of, progress).run()


def _part(job: Job, part: slice) -> Job:
    """The cases ``part`` of ``job``, as a job of their own."""
    return replace(
        job,
        key=(*job.key, part.start),
        classes=job.classes[part],
        dirs=job.dirs[part],
        expected=job.expected[part],
        sizes=job.sizes[part],
        entries=job.entries[part],
    )
