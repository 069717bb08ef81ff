"""``newsfuse index`` on synthetic corpora of 10k, 100k and 1M articles made from real text,
with planted wire copy, beside the single-process ``add`` up to the size it can hold.

How the corpora are made (``compose``): every DUC 2004 and 2006 article is cleaned and cut into
sentences (about 35,000 of six words or more). A synthetic article is 12 sentences drawn at
random from 12 different real articles. Drawn sentences repeat across a large corpus, and two
articles that drew the same sentence would share a real passage; to keep the corpus from being
one web of accidental wire copy, one word in four of every drawn sentence (never the first) is
replaced by a word drawn from the corpus vocabulary, so that no five-word shingle survives
between two draws of a sentence but by chance. Each article gets a random date in 1996–2000
and one of 200 synthetic outlets, in paragraphs of three sentences. **Planted wire copy**: for one article in 50 (a pair), a
passage of 5 consecutive sentences of an earlier article is copied into a later article
dated 0–3 days after it, lightly edited (one word in 40 dropped, and the passage's first
letter lower-cased), replacing 5 of its sentences. Recall is the share of planted pairs that
``index`` reports as sharing passages; precision the share of reported pairs that were planted.

Each size runs in one process with a fresh LocalCluster of 2 workers:

    python benchmarks/scale.py [--sizes 10000,100000] [--single-max 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

SENTENCES, PASSAGE, PLANT_EVERY, SHARD = 12, 5, 50, 10_000
START, DAYS, OUTLETS = dt.date(1996, 1, 1), 5 * 365, 200


def sentence_pool() -> tuple[list[list[str]], list[str]]:
    """Sentences of every DUC article (by article), and the vocabulary of their words."""
    from newsfuse.clean import clean_article
    from newsfuse.model import Article
    from newsfuse.segment import segment_text
    from stories import load_stream

    by_article, vocabulary = [], set()
    for doc in load_stream():
        text = clean_article(Article(text=doc["text"], language="en")).text
        sentences = [s.text for s in segment_text(text) if len(s.text.split()) >= 6]
        if len(sentences) >= 2:
            by_article.append(sentences)
            for sentence in sentences:
                vocabulary.update(w for w in sentence.split() if w.isalpha())
    return by_article, sorted(vocabulary)


def _mutated(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = sentence.split()
    for k in range(1 + rng.randrange(4), len(words), 4):
        words[k] = rng.choice(vocabulary)
    return " ".join(words)


def _edited(sentences: list[str], rng: random.Random) -> list[str]:
    """The passage with one word in 40 dropped and its first letter lower-cased."""
    kept = [w for w in " ".join(sentences).split() if rng.random() >= 1 / 40]
    kept[0] = kept[0][:1].lower() + kept[0][1:]
    return [" ".join(kept)]


def _paragraphs(sentences: list[str]) -> str:
    """Paragraphs of three sentences, as news paragraphs run."""
    return "\n\n".join(" ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3))


def compose(size: int, folder: Path, seed: int = 0) -> set[tuple[str, str]]:
    """Write ``size`` synthetic articles as JSONL shards into ``folder``; returns the planted
    (earlier id, later id) pairs."""
    rng = random.Random(seed)
    by_article, vocabulary = sentence_pool()
    dates = sorted(START + dt.timedelta(days=rng.randrange(DAYS)) for _ in range(size))
    bodies: list[list[str]] = []
    for _ in range(size):
        sources = rng.sample(range(len(by_article)), SENTENCES)
        bodies.append([_mutated(rng.choice(by_article[a]), rng, vocabulary) for a in sources])
    planted, used = set(), set()
    for earlier in rng.sample(range(size), size // PLANT_EVERY):
        # a later article dated 0-3 days after (the dates are sorted)
        last = bisect.bisect_right(dates, dates[earlier] + dt.timedelta(days=3)) - 1
        if last <= earlier:
            continue
        later = rng.randint(earlier + 1, last)
        # an article in one pair only: a later plant must not overwrite a copied passage
        if {earlier, later} & used:
            continue
        used.update((earlier, later))
        start = rng.randrange(SENTENCES - PASSAGE + 1)
        copied = _edited(bodies[earlier][start : start + PASSAGE], rng)
        at = rng.randrange(SENTENCES - PASSAGE + 1)
        bodies[later][at : at + PASSAGE] = copied
        planted.add((f"syn-{earlier}", f"syn-{later}"))
    folder.mkdir(parents=True, exist_ok=True)
    for first in range(0, size, SHARD):
        with (folder / f"shard-{first // SHARD:04d}.jsonl").open("w", encoding="utf-8") as out:
            for n in range(first, min(first + SHARD, size)):
                record = {
                    "id": f"syn-{n}",
                    "title": bodies[n][0][:80],
                    "outlet": f"Outlet {rng.randrange(OUTLETS)}",
                    "published": dates[n].isoformat(),
                    "language": "en",
                    "text": _paragraphs(bodies[n]),
                }
                out.write(json.dumps(record) + "\n")
    return planted


def planted_order(a: str, b: str) -> tuple[str, str]:
    """A pair of ids ("syn-N") as ``compose`` plants them: the earlier article first."""
    return (a, b) if int(a.split("-")[1]) <= int(b.split("-")[1]) else (b, a)


def found_pairs(db: Path) -> set[tuple[str, str]]:
    from newsfuse.store import Store

    with Store(db) as store:
        rows = store.db.execute(
            "SELECT x.key, y.key FROM reuse r JOIN articles x ON x.id = r.a "
            "JOIN articles y ON y.id = r.b"
        ).fetchall()
    return {planted_order(*r) for r in rows}


class StageClock:
    """index's progress callback: prints each stage's wall time as it ends, the workers' peak
    memory once the distributed stages are done, and the story stage's cost per 100k."""

    STORIES_EVERY = 100_000

    def __init__(self, client: object, size: int, work: Path, planted: set) -> None:
        self.client, self.size, self.work, self.planted = client, size, work, planted
        self.stage, self.since = "", time.perf_counter()
        self.placed, self.placed_at = 0, 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != self.stage:
            if self.stage:
                print(f"  [{self.size:,}] {self.stage}: {now - self.since:.1f} s", flush=True)
            if stage == "stories":
                from newsfuse.memory import peak_rss_mb

                peaks = self.client.run(peak_rss_mb)
                print(
                    f"  [{self.size:,}] workers' peak MB: {[round(v) for v in sorted(peaks.values())]}",
                    flush=True,
                )
                self.print_confirmed()
                self.placed_at = now
            self.stage, self.since = stage, now
        if stage == "stories" and done - self.placed >= self.STORIES_EVERY:
            rate = 1000 * (now - self.placed_at) / (done - self.placed)
            print(f"  [{self.size:,}] stories {done:,}: {rate:.2f} ms an article", flush=True)
            self.placed, self.placed_at = done, now

    def print_confirmed(self) -> None:
        """Recall and precision of the pairs the alignment confirmed (``work/confirmed``), so
        that a run stopped during the story stage still has them."""
        import pyarrow.parquet as pq

        key_of: dict[int, str] = {}
        for folder in sorted((self.work / "ordered").glob("*")):
            table = pq.read_table(folder, columns=["ordinal", "key"])
            key_of.update(zip(table["ordinal"].to_pylist(), table["key"].to_pylist(), strict=True))
        found = set()
        for path in (self.work / "confirmed").glob("*/*.parquet"):
            table = pq.read_table(path, columns=["earlier", "later"])
            for pair in zip(table["earlier"].to_pylist(), table["later"].to_pylist(), strict=True):
                found.add(planted_order(*(key_of[o] for o in pair)))
        hits = len(found & self.planted)
        print(
            f"  [{self.size:,}] confirmed pairs: {len(found):,}, planted recall "
            f"{hits / max(len(self.planted), 1):.4f}, precision {hits / max(len(found), 1):.4f}",
            flush=True,
        )


def run_size(size: int, single_max: int, keep: Path | None) -> None:
    from newsfuse.corpus import add
    from newsfuse.memory import peak_rss_mb
    from newsfuse.scale import dask_client, index

    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"scale-{size}-", dir=keep))
    started = time.perf_counter()
    # in a child process: composing holds every body (GBs at 1M), and this process's peak
    # memory is reported as the client's
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        planted = pool.submit(compose, size, folder / "shards").result()
    made = time.perf_counter() - started
    started = time.perf_counter()
    # the benchmark holds the LocalCluster (index's own, made the same way) so that it can read
    # the workers' peaks while the story stage still runs: a 1M run's stage lines are printed
    # as they end, and survive a run stopped during the (sequential) story stage
    with dask_client(None, 2) as client:
        clock = StageClock(client, size, folder / "out" / "work", planted)
        result = index(
            [folder / "shards"],
            folder / "out",
            scheduler=client.scheduler.address,
            workers=2,
            progress=clock,
        )
    wall = time.perf_counter() - started
    found = found_pairs(result.db)
    hits = len(found & planted)
    all_pairs = size * (size - 1) // 2
    print(f"\n## {size:,} articles (composed in {made:.0f} s, {len(planted)} planted pairs)")
    print(
        "| path | wall s | articles/s | peak MB per worker | client peak MB | candidate pairs | "
        "of all pairs | planted recall | precision |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    peak = max(result.worker_peak_mb.values(), default=0)
    print(
        f"| index, LocalCluster of 2 | {wall:.0f} | {size / wall:.1f} | {peak:.0f} | "
        f"{peak_rss_mb():.0f} | "
        f"{result.candidate_pairs:,} | {result.candidate_pairs / all_pairs:.2e} | "
        f"{hits / max(len(planted), 1):.4f} | {hits / max(len(found), 1):.4f} |",
        flush=True,
    )
    if size <= single_max:
        started = time.perf_counter()
        single = add(
            sorted((folder / "shards").glob("*.jsonl")), db=folder / "single.db", analyse=False
        )
        seconds = time.perf_counter() - started
        single.store.close()
        mine = found_pairs(folder / "single.db")
        print(
            f"| add, one process | {seconds:.0f} | {size / seconds:.1f} | - | "
            f"{peak_rss_mb():.0f} (index's and add's) | "
            f"- | - | {len(mine & planted) / max(len(planted), 1):.4f} | "
            f"{len(mine & planted) / max(len(mine), 1):.4f} |"
        )
    print("\nms per article by stage (wall time of the stage over the articles):")
    print(" · ".join(f"{k} {1000 * v / size:.2f}" for k, v in result.seconds.items()))
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--single-max", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpora under DIR")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, args.single_max, args.keep)


if __name__ == "__main__":
    main()
