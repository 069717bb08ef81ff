"""Statement alignment: the lexical fallback beside MiniLM embeddings, on labelled pairs.

Run: python benchmarks/align.py [--data ../shared/benchmarks/duc2006/clusters.jsonl]

Quality: ``benchmarks/align_pairs.tsv`` holds 74 cross-source sentence pairs of the example corpus
labelled by hand (42 state the same thing): the most similar pairs by either method. Every other
cross-source pair counts as a negative. Each method scores all pairs as ``align`` does (vector
cosine plus the shared-entity and shared-number bonuses); the table gives precision, recall and
F1 at the method's threshold and at its best threshold on these pairs (optimistic for both).
Speed: sentences embedded per second over DUC 2006 sentences, and the cost of a whole brief of
the example corpus with each embedder.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsfuse
from duc import DEFAULT_DUC2006, ROOT, load_clusters
from newsfuse import pipeline
from newsfuse.align import lexical_vectors, similarity
from newsfuse.embed import MiniLMEmbedder
from newsfuse.resources import Resources
from newsfuse.segment import segment_text
from newsfuse.settings import Settings

EXAMPLE = ROOT / "examples" / "kazakhstan-2022"
PAIRS = Path(__file__).resolve().parent / "align_pairs.tsv"


def statements_of_example(resources: Resources):
    captured = {}
    original = pipeline.build_facts

    def spy(statements, vectors, *args, **kwargs):
        captured["statements"] = statements
        return original(statements, vectors, *args, **kwargs)

    pipeline.build_facts = spy
    try:
        newsfuse.brief([EXAMPLE], resources=resources)
    finally:
        pipeline.build_facts = original
    return captured["statements"]


def prf(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float, float]:
    predicted = scores >= threshold
    tp = int((predicted & labels).sum())
    precision = tp / max(1, int(predicted.sum()))
    recall = tp / max(1, int(labels.sum()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    parser.add_argument("--sentences", type=int, default=2000, help="DUC sentences to embed")
    args = parser.parse_args()

    resources = Resources()
    statements = statements_of_example(resources)
    index = {f"{s.span.source}:{s.span.start}": n for n, s in enumerate(statements)}
    with PAIRS.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    labelled = {(index[a], index[b]): label == "1" for label, a, b, *_ in rows[1:]}
    labelled.update({(j, i): v for (i, j), v in list(labelled.items())})
    # every other cross-source pair (outside the AFP wire group) scored low by both methods and
    # counts as a negative, so precision is measured against the pairs a run really meets
    pairs, truth = [], []
    for i, a in enumerate(statements):
        for j in range(i + 1, len(statements)):
            b = statements[j]
            if a.span.source == b.span.source or {a.span.source, b.span.source} == {"S2", "S3"}:
                continue
            pairs.append((i, j))
            truth.append(labelled.get((i, j), False))
    labels = np.array(truth)

    minilm = MiniLMEmbedder()
    methods = {
        "lexical (TF-IDF stems)": (lexical_vectors(statements), Settings().same_statement_lexical),
        "minilm (int8 ONNX)": (
            minilm([s.text for s in statements]),
            Settings().same_statement_minilm,
        ),
    }
    print(f"{len(pairs)} cross-source pairs, {int(labels.sum())} labelled as the same statement\n")
    print(f"{'method':24} {'threshold':>9} {'P':>5} {'R':>5} {'F1':>5}   {'best thr':>8} {'F1':>5}")
    for name, (vectors, threshold) in methods.items():
        scores_matrix = similarity(statements, vectors)
        scores = np.array([scores_matrix[i, j] for i, j in pairs])
        p, r, f = prf(scores, labels, threshold)
        best = max(np.arange(0.2, 1.2, 0.02), key=lambda t: (prf(scores, labels, t)[2], t))
        print(
            f"{name:24} {threshold:9.2f} {p:5.2f} {r:5.2f} {f:5.2f}   {best:8.2f} {prf(scores, labels, best)[2]:5.2f}"
        )

    texts = []
    for cluster in load_clusters(args.data, limit=10):
        for document in cluster["documents"]:
            texts += [s.text for s in segment_text(document["text"])]
    texts = texts[: args.sentences]
    started = time.perf_counter()
    lexical_vectors_input = [type("S", (), {"stems": tuple(t.lower().split())})() for t in texts]
    lexical_vectors(lexical_vectors_input)
    lexical_s = time.perf_counter() - started
    started = time.perf_counter()
    minilm(texts)
    minilm_s = time.perf_counter() - started
    print(f"\nspeed over {len(texts)} DUC 2006 sentences (one core):")
    print(f"{'lexical':24} {len(texts) / lexical_s:10,.0f} sentences/s")
    print(
        f"{'minilm':24} {len(texts) / minilm_s:10,.0f} sentences/s   ({minilm_s / lexical_s:.0f}x slower)"
    )

    for name in ("lexical", "minilm"):
        settings = Settings(embedder=name)
        newsfuse.brief([EXAMPLE], resources=resources, settings=settings)
        started = time.perf_counter()
        brief = newsfuse.brief([EXAMPLE], resources=resources, settings=settings)
        seconds = time.perf_counter() - started
        multi = sum(1 for f in brief.facts if f.independent_sources >= 2)
        print(
            f"example brief with {name:8}: {seconds:.2f} s, {len(brief.facts)} facts, "
            f"{multi} with two or more independent sources"
        )


if __name__ == "__main__":
    main()
