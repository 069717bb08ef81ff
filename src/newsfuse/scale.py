"""scale: ``newsfuse index``, a corpus of JSONL and Parquet shards indexed on Dask.

The same stage functions as the single-machine path run as Dask tasks over partitions
(:mod:`newsfuse.scale_tasks`), and the corpus moves between stages as Parquet files that the
tasks write themselves:

1. **read** each partition (a JSONL byte range or a Parquet row group): ingest, clean,
   segment, profile (stems, names, word-shingle fingerprints) — the per-article work;
2. the client orders the articles by publication date (the order ``add`` places them in);
3. **scatter** each article's keys (content hash, fingerprints) to hash buckets and its row to
   its range of the order: the shuffle;
4. per bucket: **duplicates** (same content hash) and fingerprint **hits** (each article on the
   latest earlier articles that share a fingerprint, as the store's posting lists give them);
5. per bucket of hits: the **candidate** pairs (an article's earlier articles with the most
   shared fingerprints), written by the range of the later article; a pair is compared only
   where its keys meet, never all pairs;
6. per range: **lend** the texts that later ranges' candidates need to those ranges, then
   **align** the candidates of each range word by word (``reuse.compare_pair``);
7. the client puts the articles in **stories** in order, with ``corpus.place_article`` (what
   ``add`` runs), in a store, and writes the Parquet outputs from it.

Without a scheduler address a ``LocalCluster`` of ``workers`` processes is started, so it runs
on a laptop with nothing else installed.

Why fingerprints rather than MinHash LSH bands for the shuffle keys: a wire story of 150 words
inside a 1,500-word article shares about 10% of the longer text's shingles, so an LSH band
threshold that catches it would have to sit near 0.05, where its buckets fill with unrelated
articles; a sampled shingle is shared by both texts of a copied passage whatever their lengths
(see ``stories.fingerprints_of``), and it is what the single-machine path uses, so both find the
same wire copy.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .memory import peak_rss_mb
from .scale_tasks import (
    Partition,
    candidates_in_bucket,
    confirm_pairs,
    duplicates_in_bucket,
    hits_in_bucket,
    lend_texts,
    read_partition,
    scatter_partition,
)
from .settings import Settings

Progress = Callable[[str, int, int], None]

#: Most bytes of JSONL per partition; a small corpus is cut finer, into at least
#: ``PARTS_PER_WORKER`` partitions a worker, so that every worker has work.
BLOCK_BYTES = 32_000_000
PARTS_PER_WORKER = 4
#: Articles per range of the publication order (what the story stage holds at once).
RANGE_SIZE = 5_000
SHARD_SUFFIXES = (".jsonl", ".parquet")


@dataclass
class IndexResult:
    """What one :func:`index` run did: counts per output, problems, seconds per stage."""

    out: Path
    db: Path
    articles: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    candidate_pairs: int = 0
    lent_texts: int = 0  # texts sent to another ordinal range for its alignment
    range_size: int = RANGE_SIZE
    worker_peak_mb: dict[str, float] = field(default_factory=dict)  # per worker process


def shard_files(shards: Sequence[str | Path]) -> tuple[list[Path], list[dict]]:
    """The shard files of ``shards`` (folders give their .jsonl and .parquet files, sorted),
    and a problem for each input that is none."""
    found, problems = [], []
    for given in map(Path, shards):
        if given.is_dir():
            inside = sorted(p for p in given.rglob("*") if p.suffix.lower() in SHARD_SUFFIXES)
            if not inside:
                problems.append(_problem(given, f"{given} holds no .jsonl or .parquet shards"))
            found.extend(inside)
        elif not given.exists():
            problems.append(_problem(given, f"{given} does not exist"))
        elif given.suffix.lower() not in SHARD_SUFFIXES:
            problems.append(
                _problem(given, f"{given} is not a shard; index reads .jsonl and .parquet files")
            )
        else:
            found.append(given)
    return found, problems


def _problem(path: Path, error: str) -> dict:
    return {"path": str(path), "error": error, "severity": "error"}


def partitions(files: Sequence[Path], block_bytes: int = BLOCK_BYTES) -> list[Partition]:
    """JSONL files cut at line ends into blocks of about ``block_bytes``; Parquet files by row
    group. Reading each file's line ends once here gives every block its first line number."""
    import pyarrow.parquet as pq

    parts: list[Partition] = []
    for path in files:
        if path.suffix.lower() == ".parquet":
            for group in range(pq.ParquetFile(path).num_row_groups):
                parts.append(Partition(len(parts), str(path), "parquet", offset=group))
            continue
        for offset, length, first_line in _jsonl_blocks(path, block_bytes):
            parts.append(Partition(len(parts), str(path), "jsonl", offset, length, first_line))
    return parts


def _jsonl_blocks(path: Path, block_bytes: int) -> Iterator[tuple[int, int, int]]:
    start, line, position, lines_in_block = 0, 1, 0, 0
    with path.open("rb") as handle:
        for raw in handle:
            position += len(raw)
            lines_in_block += 1
            if position - start >= block_bytes:
                yield start, position - start, line
                start, line, lines_in_block = position, line + lines_in_block, 0
    if position > start:
        yield start, position - start, line


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, else of a LocalCluster of ``workers``
    single-threaded processes (the stages hold the GIL: threads would not run in parallel)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken by another cluster
            memory_limit="3GiB",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
        # workers first, while the scheduler still answers them: closing both at once has a
        # worker's heartbeat meet a closed scheduler and log a traceback (dask/distributed#7192)
        cluster.scale(0)  # only queued: wait until the scheduler has seen them go
        deadline = time.monotonic() + 10
        while client.scheduler_info()["workers"] and time.monotonic() < deadline:
            time.sleep(0.05)


def _run(
    client: Any, stage: str, function: Callable, args: Sequence[tuple], report: Progress
) -> list:
    """``function(*a)`` for each ``a`` of ``args`` on the workers, results in order."""
    from distributed import as_completed

    futures = [client.submit(function, *a, pure=False) for a in args]
    index = {f.key: n for n, f in enumerate(futures)}
    results: list = [None] * len(futures)
    report(stage, 0, len(futures))
    for done, future in enumerate(as_completed(futures), 1):
        results[index[future.key]] = future.result()
        report(stage, done, len(futures))
    return results


def index(
    shards: Sequence[str | Path],
    out: str | Path,
    *,
    db: str | Path | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    settings: Settings | None = None,
    progress: Progress | None = None,
    block_bytes: int | None = None,
    keep_work: bool = False,
    range_size: int = RANGE_SIZE,
) -> IndexResult:
    """Index ``shards`` into ``out`` (Parquet outputs) and a store (``db``, default
    ``out/newsfuse.db``) that ``newsfuse stories``, ``brief --story`` and ``serve`` open."""
    settings = settings or Settings()
    if range_size < 1:
        raise ConfigError(f"range_size must be at least 1 (got {range_size})")
    report = progress or (lambda stage, done, total: None)
    out = Path(out)
    files, problems = shard_files(shards)
    if not files:
        raise ConfigError("no shards to index: give .jsonl or .parquet files or folders of them")
    result = IndexResult(
        out=out,
        db=Path(db) if db else out / "newsfuse.db",
        problems=problems,
        range_size=range_size,
    )
    _check_new_store(result.db)
    out.mkdir(parents=True, exist_ok=True)
    if block_bytes is None:
        total = sum(f.stat().st_size for f in files)
        block_bytes = max(1_000_000, min(BLOCK_BYTES, total // (PARTS_PER_WORKER * workers)))
    parts = partitions(files, block_bytes)
    with dask_client(scheduler, workers) as client:
        ordinals = _read_and_order(client, parts, out, settings, result, report)
        dropped = _shuffle(client, parts, ordinals, out, settings, result, report)
        result.worker_peak_mb = client.run(peak_rss_mb)
    _place(out, result, dropped, settings, report)
    if not keep_work:
        import shutil

        shutil.rmtree(out / "work", ignore_errors=True)
    return result


def _check_new_store(db: Path) -> None:
    """index fills a new store: the wire copy it finds is among the indexed articles only."""
    from .store import Store

    if not db.exists():
        return
    with Store(db) as store:
        held = store.article_count()
    if held:
        raise ConfigError(
            f"{db} already holds {held} articles; index makes a new store (give another --db "
            "or --out), and newsfuse add grows an existing one"
        )


def _timed(result: IndexResult, stage: str) -> contextlib.AbstractContextManager:
    @contextlib.contextmanager
    def clock() -> Iterator[None]:
        started = time.perf_counter()
        yield
        result.seconds[stage] = result.seconds.get(stage, 0.0) + time.perf_counter() - started

    return clock()


def _read_and_order(
    client: Any,
    parts: Sequence[Partition],
    out: Path,
    settings: Settings,
    result: IndexResult,
    report: Progress,
) -> list[list[int]]:
    with _timed(result, "read"):
        read = _run(
            client, "read", read_partition, [(p, str(out), settings) for p in parts], report
        )
    for part in read:
        result.problems.extend(part["problems"])
    # publication order, undated articles last, ties in input order: the order add places in;
    # as arrays (12 bytes an article), not tuples, for the client's memory
    import numpy as np

    days = np.concatenate([np.asarray(part["days"], dtype=np.int64) for part in read] or [[]])
    days[days < 0] = np.iinfo(np.int64).max
    order = np.argsort(days, kind="stable")  # input order is part by part, row by row
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    bounds = np.cumsum([0] + [len(part["days"]) for part in read])
    ordinals = [ranks[bounds[n] : bounds[n + 1]].tolist() for n in range(len(read))]
    result.articles = len(order)
    return ordinals


def _shuffle(
    client: Any,
    parts: Sequence[Partition],
    ordinals: Sequence[Sequence[int]],
    out: Path,
    settings: Settings,
    result: IndexResult,
    report: Progress,
) -> frozenset[int]:
    from .corpus import WIRE_CANDIDATES

    buckets = max(4, min(256, result.articles // 2_000 + 1))
    where = str(out)
    with _timed(result, "scatter"):
        _run(
            client,
            "scatter",
            scatter_partition,
            [(p.number, ordinals[p.number], where, buckets, result.range_size) for p in parts],
            report,
        )
    with _timed(result, "wire copy"):
        found = _run(
            client, "dupes", duplicates_in_bucket, [(where, b) for b in range(buckets)], report
        )
        dropped = frozenset(o for bucket in found for o in bucket)
        # one object, sent to every worker once (a bare set would be scattered item by item)
        [shared] = client.scatter([dropped], broadcast=True)
        _run(
            client,
            "hits",
            hits_in_bucket,
            [(where, b, shared, buckets) for b in range(buckets)],
            report,
        )
        counted = _run(
            client,
            "pairs",
            candidates_in_bucket,
            [(where, b, WIRE_CANDIDATES, result.range_size) for b in range(buckets)],
            report,
        )
        result.candidate_pairs = sum(counted)
        work = out / "work"
        lent = _run(
            client,
            "lend",
            lend_texts,
            [(where, number) for number in _ranges_in(work / "wanted")],
            report,
        )
        result.lent_texts = sum(lent)
        _run(
            client,
            "align",
            confirm_pairs,
            [(where, number, settings, result.range_size) for number in _ranges_in(work / "pairs")],
            report,
        )
    return dropped


def _ranges_in(folder: Path) -> list[int]:
    return sorted(int(p.name) for p in folder.glob("*")) if folder.exists() else []


def _place(
    out: Path, result: IndexResult, dropped: frozenset[int], settings: Settings, report: Progress
) -> None:
    from .corpus import _clustering
    from .scale_load import place_all, write_outputs
    from .store import Store

    ranges = result.articles // result.range_size + 1
    with Store(result.db) as store:
        chosen = _clustering(store, settings)
        with _timed(result, "stories"):
            place_all(out, store, result.articles, ranges, dropped, chosen, report)
        with _timed(result, "outputs"):
            result.counts = write_outputs(out, store, chosen, result.problems)
