"""The child process of ``benchmarks/fuzz.py``: loads the models once, then runs batches of cases
through ``newsfuse.brief`` (or ``read_inputs``) and judges what comes back.

A batch that raises is run again case by case, so that a crash is charged to the input that
caused it; so is a batch whose render shows planted markup or a leak. The parent kills a worker
that runs past its batch's limit: that is how a hang is counted rather than suffered.
"""

from __future__ import annotations

import resource
import sys
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_judge import html_findings, leaked, lost, markdown_findings

#: Address space of one worker: a memory bomb becomes a MemoryError (a crash), not a dead box.
MEMORY_BYTES = 6 * 1024**3


@dataclass(frozen=True, slots=True)
class Job:
    """Cases to run together: a batch of one class, or one case of a growing size."""

    key: tuple
    classes: tuple[str, ...]  # of each case
    api: str  # "brief" or "read_inputs"
    dirs: tuple[str, ...]
    # per case: the (path, record numbers) to account for
    expected: tuple[tuple[tuple[str, tuple[int, ...]], ...], ...]
    limit: float
    sizes: tuple[int, ...] = ()
    entries: tuple[int, ...] = ()


@dataclass(slots=True)
class Outcome:
    """What became of one case."""

    crash: str | None = None
    hang: bool = False
    lost: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    leaked: bool = False


def serve(conn: Connection) -> None:
    """Worker main loop: ``Job`` in, ``(key, seconds, [Outcome, ...])`` out, None to stop."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    from newsfuse.resources import Resources

    resources = Resources()
    _warm_up(resources)
    conn.send("ready")
    while (job := conn.recv()) is not None:
        started = time.perf_counter()
        outcomes = run_job(job, resources)
        seconds = time.perf_counter() - started
        if job.key[0] == "scale" and seconds < REPEAT_UNDER:  # short times are noisy: the best
            started = time.perf_counter()
            run_job(job, resources)
            seconds = min(seconds, time.perf_counter() - started)
        conn.send((job.key, seconds, outcomes))


#: A growth case that takes less than this is timed twice, and the faster time kept.
REPEAT_UNDER = 30.0


def _warm_up(resources: Any) -> None:
    """One brief of every kind of file, so that no timed case pays for the first import of a
    reader (trafilatura, feedparser, dateparser: two seconds together)."""
    import tempfile

    import newsfuse
    from newsfuse.render import render

    story = "Rescue teams reached the villages on Tuesday, officials said. " * 5
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "a.txt").write_text(story, encoding="utf-8")
        (here / "b.html").write_text(f"<html><body><p>{story}</p></body></html>", encoding="utf-8")
        (here / "c.jsonl").write_text(f'{{"text": "{story}", "published": "Jan 6"}}\n')
        (here / "d.rss").write_text(
            f"<rss><channel><item><title>t</title><description>{story}</description></item>"
            "</channel></rss>",
            encoding="utf-8",
        )
        brief = newsfuse.brief([here], resources=resources)
        for fmt in ("html", "md", "json"):
            render(brief, fmt)


def run_job(job: Job, resources: Any) -> list[Outcome]:
    """One outcome per case of ``job``; a batch that fails is run again case by case."""
    batch_crash = None
    try:
        together = _judged(job, job.dirs, job.expected, resources)
    except Exception as exc:  # a crash of the batch: find the case that caused it
        if len(job.dirs) == 1:
            return [Outcome(crash=signature(exc))]
        together, batch_crash = None, signature(exc)
    if together is not None and not any(o.html or o.markdown or o.leaked for o in together):
        return together
    # planted markup or a leak in a batch's render: charge it to its case
    alone = []
    for folder, expected in zip(job.dirs, job.expected, strict=True):
        try:
            alone += _judged(job, (folder,), (expected,), resources)
        except Exception as exc:
            alone.append(Outcome(crash=signature(exc)))
    if batch_crash and not any(o.crash for o in alone):  # only the cases together crash
        alone[0].crash = f"batch only: {batch_crash}"
    return alone


def _judged(
    job: Job,
    dirs: tuple[str, ...],
    expected: tuple[tuple[tuple[str, int], ...], ...],
    resources: Any,
) -> list[Outcome]:
    """Run ``dirs`` together through the job's API and judge each case's share of the result."""
    if job.api == "read_inputs":
        from newsfuse.ingest import read_inputs
        from newsfuse.settings import Settings

        articles, problems = read_inputs(list(dirs), Settings(), resources)
        sources = [a.path or a.url or "" for a in articles]
        texts = [t for a in articles for t in (a.text, a.title, a.outlet)]
        pages = {"html": "", "md": ""}
    else:
        import newsfuse
        from newsfuse.render import render

        brief = newsfuse.brief(list(dirs), resources=resources)
        pages = {}
        for fmt in ("html", "md", "json"):
            try:
                pages[fmt] = render(brief, fmt)
            except Exception as exc:
                raise RenderError(f"render {fmt}: {signature(exc)}") from exc
        sources = [s.path or s.url or "" for s in brief.sources]
        texts = [t for s in brief.sources for t in (s.text, s.title, s.outlet)]
        problems = list(brief.problems)
    problem_paths = [p.path for p in problems]
    html = html_findings(pages["html"])
    markdown = markdown_findings(pages["md"])
    leak = leaked(texts)
    return [
        Outcome(
            lost=lost([(Path(p), u) for p, u in case], sources, problem_paths),
            # markup and leaks are per batch here; a batch with any is run again case by case
            html=html,
            markdown=markdown,
            leaked=leak,
        )
        for case in expected
    ]


class RenderError(Exception):
    """A render of a brief raised; the message says which format and why."""


def signature(exc: BaseException) -> str:
    """'Type: message at module.py:line (function)' for the innermost newsfuse frame, and the
    innermost frame of all when that lies in another package."""
    if isinstance(exc, RenderError):
        return str(exc)
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/newsfuse/" in f.filename]
    where = []
    for frame in (ours[-1:] if ours else []) + frames[-1:]:
        spot = f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"
        if spot not in where:
            where.append(spot)
    message = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {message} at {' < '.join(reversed(where))}"
