"""Cost of the whole pipeline per article beside a bare spaCy pass over the same texts.

Run: python benchmarks/extract.py [--data ../shared/benchmarks/duc2006/clusters.jsonl] [--clusters N]

newsfuse builds one brief per DUC 2006 cluster (25 articles each: ingest, clean, segment, reuse,
the spaCy pass, entities, dates, quantities, quotes, timeline, facts, conflicts); spaCy's
``nlp.pipe`` runs the bare English pipeline over the same article texts. Models are loaded once,
before timing, and their load time is printed apart. The example corpus is timed too.

The two runs take turns cluster by cluster, so that the machine's drift falls on both, and each
has its own copy of the spaCy pipeline: a pipeline that has already seen a text's words parses it
10-25% faster (its vocabulary and tokenizer cache are filled), which would favour whichever ran
second.
"""

from __future__ import annotations

import argparse
import sys
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


if __name__ == "__main__":
    main()
