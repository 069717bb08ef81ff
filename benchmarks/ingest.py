"""Throughput of ingest + clean + segment + reuse beside a bare spaCy pass, and reuse scaling.

Run: python benchmarks/ingest.py [--data ../shared/benchmarks/duc2006/clusters.jsonl] [--limit N]

Part 1: the 1,000 DUC 2006 articles are written to a temporary JSONL file; newsfuse reads it
(ingest), cleans, segments and measures reuse over all of them as one corpus, and, on the same
texts, spaCy's ``nlp.pipe`` runs the bare English pipeline (the cost the extract stage will add).
Model loading is timed apart from both. The figure is the ratio of the two.

Part 2: reuse alone on growing slices of the corpus, with MinHash LSH candidates and, up to
``--exact-max`` articles, with all pairs: candidate pairs, seconds, and whether LSH found every
pair that all-pairs alignment reports as shared wire copy.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsfuse
from duc import DEFAULT_DUC2006, iter_documents, load_clusters
from newsfuse.resources import Resources
from newsfuse.reuse import WordIndex, candidate_pairs, find_reuse
from newsfuse.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--exact-max", type=int, default=250, help="largest all-pairs run")
    args = parser.parse_args()

    docs = [d for _, d in iter_documents(load_clusters(args.data))][: args.limit]
    words = sum(len(d["text"].split()) for d in docs)
    resources = Resources()
    started = time.perf_counter()
    nlp = resources.nlp
    resources.detect_language("warm up the language identifier with a short English text")
    load_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "duc2006.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for d in docs:
                record = {
                    "text": d["text"],
                    "title": d["headline"],
                    "published": d["date"],
                    "url": d["id"],
                }
                handle.write(json.dumps(record) + "\n")
        marks: dict[str, float] = {}

        def progress(stage: str, done: int, total: int) -> None:
            marks[stage] = time.perf_counter()

        started = time.perf_counter()
        brief = newsfuse.brief([path], resources=resources, progress=progress)
        pipeline_seconds = time.perf_counter() - started

    texts = [d["text"] for d in docs]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_seconds = time.perf_counter() - started

    print(
        f"Part 1: {len(docs):,} DUC 2006 articles, {words:,} words; model loading {load_seconds:.1f} s (not counted)\n"
    )
    print(f"{'run':44} {'seconds':>8} {'articles/s':>10} {'x spaCy':>8}")
    rows = [
        ("newsfuse ingest+clean+segment+reuse", pipeline_seconds),
        ("spaCy nlp.pipe, en_core_web_sm 3.8 (bare)", spacy_seconds),
    ]
    for name, seconds in rows:
        print(
            f"{name:44} {seconds:8.1f} {len(docs) / seconds:10.1f} {seconds / spacy_seconds:8.3f}"
        )
    previous = started_stage = None
    stages = []
    for stage, mark in marks.items():
        stages.append((stage, mark - (previous or mark)))
        previous = mark
    del started_stage
    print("  stages (s): " + ", ".join(f"{s} {t:.1f}" for s, t in stages[1:]))
    print(
        f"  found {len(brief.reuse)} reusing pairs, {len(brief.wire_groups)} wire groups, {len(brief.problems)} problems\n"
    )

    print("Part 2: reuse alone (cleaning skipped: raw DUC texts)")
    print(
        f"{'articles':>8} {'all pairs':>10} {'LSH cand.':>9} {'LSH s':>7} {'exact s':>8} {'x':>6} {'wire pairs':>10} {'LSH recall':>10}"
    )
    settings_lsh = Settings(lsh_min_sources=0)
    settings_all = Settings(lsh_min_sources=10**9)
    size = 125
    while size <= len(docs):
        texts_n = {f"S{n}": d["text"] for n, d in enumerate(docs[:size], start=1)}
        indexes = {sid: WordIndex.of(t) for sid, t in texts_n.items()}
        started = time.perf_counter()
        cands = candidate_pairs(indexes, settings_lsh)
        lsh = find_reuse(texts_n, settings_lsh)
        lsh_s = time.perf_counter() - started
        all_pairs = size * (size - 1) // 2
        if size <= args.exact_max:
            started = time.perf_counter()
            exact = find_reuse(texts_n, settings_all)
            exact_s = time.perf_counter() - started
            wire = {r.sources for r in exact if r.share >= settings_all.wire_share}
            found = {r.sources for r in lsh}
            recall = f"{len(wire & found)}/{len(wire)}"
            exact_txt, ratio = f"{exact_s:8.1f}", f"{exact_s / lsh_s:6.1f}"
        else:
            wire = {r.sources for r in lsh if r.share >= settings_lsh.wire_share}
            recall, exact_txt, ratio = "-", f"{'-':>8}", f"{'-':>6}"
        print(
            f"{size:8} {all_pairs:10,} {len(cands):9,} {lsh_s:7.1f} {exact_txt} {ratio} {len(wire):10} {recall:>10}"
        )
        size *= 2


if __name__ == "__main__":
    main()
