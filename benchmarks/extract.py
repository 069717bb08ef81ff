"""Cost of the whole pipeline per article beside a bare spaCy pass over the same texts.

Run: python benchmarks/extract.py [--data ../shared/benchmarks/duc2006/clusters.jsonl] [--clusters N]

newsfuse builds one brief per DUC 2006 cluster (25 articles each: ingest, clean, segment, reuse,
the spaCy pass, entities, dates, quantities, quotes, timeline, facts, conflicts); spaCy's
``nlp.pipe`` runs the bare English pipeline over the same article texts. Models are loaded once,
before timing, and their load time is printed apart. The example corpus is timed too.

It also prints what a stream user waits for: the start-up time of ``newsfuse --help`` (a fresh
process, median of 7), the peak memory of the brief of one 25-article cluster (a fresh process),
and the cost of keeping a story's brief current in a store: the brief of a 25-article story made
from scratch against adding the 25th article to the 24 stored (its analysis) and fusing the 25
kept analyses.

The two runs take turns cluster by cluster, so that the machine's drift falls on both, and each
has its own copy of the spaCy pipeline: a pipeline that has already seen a text's words parses it
10-25% faster (its vocabulary and tokenizer cache are filled), which would favour whichever ran
second.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy

import newsfuse
from duc import DEFAULT_DUC2006, ROOT, articles_of, load_clusters
from newsfuse.resources import Resources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    parser.add_argument("--clusters", type=int, default=8, help="DUC clusters to brief (default 8)")
    args = parser.parse_args()

    resources = Resources()
    started = time.perf_counter()
    resources.nlp  # noqa: B018 (loads the model)
    resources.detect_language("warm up the language identifier with a short English text")
    load = time.perf_counter() - started
    bare = spacy.load(resources.spacy_model)

    example = ROOT / "examples" / "kazakhstan-2022"
    warm_up = newsfuse.brief([example], resources=resources)  # warm caches (dateparser, text2num)
    for _ in bare.pipe([source.text for source in warm_up.sources]):
        pass
    started = time.perf_counter()
    example_brief = newsfuse.brief([example], resources=resources)
    example_seconds = time.perf_counter() - started

    clusters = load_clusters(args.data, limit=args.clusters)
    stage_seconds: dict[str, float] = defaultdict(float)
    articles = 0
    texts = []
    pipeline_seconds = spacy_seconds = 0.0
    for cluster in clusters:
        batch = articles_of(cluster)
        texts += [a.text for a in batch]
        articles += len(batch)
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int, last=last) -> None:
            now = time.perf_counter()
            stage_seconds[stage] += now - last[0]
            last[0] = now

        started = time.perf_counter()
        newsfuse.brief(batch, resources=resources, progress=progress)
        pipeline_seconds += time.perf_counter() - started

        started = time.perf_counter()
        for _ in bare.pipe([a.text for a in batch], batch_size=16):
            pass
        spacy_seconds += time.perf_counter() - started

    words = sum(len(t.split()) for t in texts)
    print(f"models loaded once in {load:.1f} s (not counted below)")
    print(
        f"example corpus ({len(example_brief.sources)} reports): brief in {example_seconds:.2f} s "
        "after models are loaded\n"
    )
    print(f"{len(clusters)} DUC 2006 clusters, {articles} articles, {words:,} words\n")
    print(f"{'run':46} {'seconds':>8} {'ms/article':>11} {'x spaCy':>8}")
    for name, seconds in (
        ("newsfuse brief, whole pipeline, per cluster", pipeline_seconds),
        ("spaCy nlp.pipe, en_core_web_sm 3.8 (bare)", spacy_seconds),
    ):
        print(
            f"{name:46} {seconds:8.1f} {1000 * seconds / articles:11.1f} {seconds / spacy_seconds:8.2f}"
        )
    total = sum(stage_seconds.values())
    print(
        "  newsfuse stages (share of its time): "
        + ", ".join(f"{stage} {100 * s / total:.0f}%" for stage, s in stage_seconds.items())
    )
    print_stream_costs(args.data, clusters[0], resources)


def startup_seconds(runs: int = 7) -> float:
    """Median wall time of ``newsfuse --help`` in a fresh process."""
    command = [sys.executable, "-m", "newsfuse", "--help"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cluster_peak_mb(data: Path) -> float:
    """Peak memory (MB) of a fresh process that briefs the first cluster of ``data``."""
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from duc import articles_of, load_clusters; import newsfuse;"
        "from pathlib import Path;"
        "newsfuse.brief(articles_of(load_clusters(Path(sys.argv[2]), limit=1)[0]));"
        "from newsfuse.memory import peak_rss_mb; print(peak_rss_mb())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent), str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def store_rebrief(cluster: dict, resources: Resources) -> dict[str, float]:
    """Seconds of a 25-article brief made from scratch, and of keeping it current in a store:
    adding the 25th article to the 24 stored (its analysis) and fusing the 25 kept analyses.

    The 25 are fused as one story whatever the clusterer made of them (DUC 2006 clusters are
    topics, which it may split): this times the brief of a story, not the clustering."""
    from newsfuse.corpus import add, story_analyses
    from newsfuse.pipeline import fuse_analyses
    from newsfuse.store import Store

    articles = [a.model_copy(update={"id": f"a{n}"}) for n, a in enumerate(articles_of(cluster))]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "story.db"
        started = time.perf_counter()
        newsfuse.brief(articles, resources=resources)
        brief_seconds = time.perf_counter() - started
        add(articles[:-1], db=db, resources=resources)
        started = time.perf_counter()
        add(articles[-1:], db=db, resources=resources)
        add_seconds = time.perf_counter() - started
        started = time.perf_counter()
        with Store(db) as store:
            members = store.articles()
            result = fuse_analyses(story_analyses(store, members, resources), resources=resources)
        rebrief_seconds = time.perf_counter() - started
    return {
        "first brief": brief_seconds,
        "add one": add_seconds,
        "brief again": rebrief_seconds,
        "members": len(result.sources),
    }


def print_stream_costs(data: Path, cluster: dict, resources: Resources) -> None:
    print(f"\nnewsfuse --help in a fresh process: {startup_seconds():.2f} s (median of 7)")
    print(
        f"peak memory of one 25-article cluster's brief (fresh process): {cluster_peak_mb(data):.0f} MB"
    )
    costs = store_rebrief(cluster, resources)
    again = costs["add one"] + costs["brief again"]
    print(
        f"\nkeeping a stored story current ({cluster['id']}, {costs['members']:.0f} articles fused):"
    )
    print(
        f"  brief of the 25 from scratch (analysis, fusion)   {costs['first brief']:6.2f} s  1.00"
    )
    print(
        f"  add the 25th to 24 stored + fuse the 25 kept     {again:6.2f} s  "
        f"{again / costs['first brief']:.2f}  (add {costs['add one']:.2f} s, brief {costs['brief again']:.2f} s)"
    )


if __name__ == "__main__":
    main()
