"""Statement alignment: the lexical fallback beside MiniLM embeddings, on labelled pairs.

Run: python benchmarks/align.py [--data ../shared/benchmarks/duc2006/clusters.jsonl]

Quality, on two labelled sets: ``benchmarks/align_pairs.tsv`` holds 74 cross-source sentence pairs
of the example corpus labelled by hand (42 state the same thing), ``benchmarks/align_pairs_duc.tsv``
122 pairs of two DUC 2006 clusters (EgyptAir 990, the 1998 embassy bombings; 75 the same): in each,
the most similar pairs by either method. On the example every other cross-source pair counts as a
negative; a DUC cluster has far more similar pairs than were labelled, so its sets are scored on
their labelled pairs only (near misses against paraphrases, and different figures for one count
are labelled different: a conflict is not corroboration). Each method scores all pairs as ``align`` does (vector
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
from duc import DEFAULT_DUC2006, ROOT, articles_of, load_clusters
from newsfuse import pipeline
from newsfuse.align import lexical_vectors, similarity
from newsfuse.embed import MiniLMEmbedder
from newsfuse.resources import Resources
from newsfuse.segment import segment_text
from newsfuse.settings import Settings

EXAMPLE = ROOT / "examples" / "kazakhstan-2022"
PAIRS = Path(__file__).resolve().parent / "align_pairs.tsv"
DUC_PAIRS = Path(__file__).resolve().parent / "align_pairs_duc.tsv"


def statements_of(inputs: list, resources: Resources):
    """The statements ``align`` sees for ``inputs``, keyed 'path:start', and the wire groups."""
    captured = {}
    original = pipeline.build_facts

    def spy(statements, vectors, reuse, order, groups=(), *args, **kwargs):
        captured.update(statements=statements, groups=groups)
        return original(statements, vectors, reuse, order, groups, *args, **kwargs)

    pipeline.build_facts = spy
    try:
        brief = newsfuse.brief(inputs, resources=resources)
    finally:
        pipeline.build_facts = original
    path = {s.id: Path(s.path).name if s.path else s.id for s in brief.sources}
    witness = {sid: g.sources[0] for g in captured["groups"] for sid in g.sources}
    return captured["statements"], path, witness


def labelled_pairs(statements, path, witness, rows, *, only_labelled: bool = False):
    """Every cross-source pair outside a wire group (or only the labelled ones), and whether it
    is labelled the same."""
    index = {f"{path[s.span.source]}:{s.span.start}": n for n, s in enumerate(statements)}

    def find(key: str, text: str) -> int:
        # offsets move when cleaning improves (a code or a note taken out before the sentence),
        # so a label whose offset no longer starts a statement is found by its text in its file
        if key in index:
            return index[key]
        name, head = key.rsplit(":", 1)[0], " ".join(text.split())[:50]
        return next(
            n
            for n, s in enumerate(statements)
            if path[s.span.source] == name and " ".join(s.text.split()).startswith(head)
        )

    labelled = {}
    for label, a, b, text_a, text_b in rows:
        i, j = find(a, text_a), find(b, text_b)
        labelled[i, j] = labelled[j, i] = label == "1"
    pairs, truth = [], []
    for i, a in enumerate(statements):
        for j in range(i + 1, len(statements)):
            sa, sb = a.span.source, statements[j].span.source
            if sa == sb or witness.get(sa, sa) == witness.get(sb, sb):
                continue
            if only_labelled and (i, j) not in labelled:
                continue
            pairs.append((i, j))
            truth.append(labelled.get((i, j), False))
    return pairs, np.array(truth)


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]


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
    minilm = MiniLMEmbedder()
    sets = []
    statements, path, witness = statements_of([EXAMPLE], resources)
    rows = [(label, a, b, ta, tb) for label, a, b, ta, tb, *_ in read_rows(PAIRS)]
    # the example's labels name sources by their S-number
    path = {sid: sid for sid in path}
    sets.append(("example corpus", statements, *labelled_pairs(statements, path, witness, rows)))
    duc_rows = read_rows(DUC_PAIRS)
    clusters = {c["id"]: c for c in load_clusters(args.data)}
    for cluster_id in dict.fromkeys(r[1] for r in duc_rows):
        cluster = clusters[cluster_id]
        articles = articles_of(cluster)
        statements, path, witness = statements_of(articles, resources)
        rows = [(lab, a, b, ta, tb) for lab, cid, a, b, ta, tb, *_ in duc_rows if cid == cluster_id]
        # a 25-article cluster has hundreds of similar pairs beyond the 80 candidates labelled, so
        # these sets are scored on their labelled pairs only: how well each method separates the
        # same statement from a near miss, not a precision over the whole cluster
        found = labelled_pairs(statements, path, witness, rows, only_labelled=True)
        sets.append((f"DUC {cluster_id}", statements, *found))

    thresholds = {
        "lexical (TF-IDF stems)": Settings().same_statement_lexical,
        "minilm (int8 ONNX)": Settings().same_statement_minilm,
    }
    scored: dict[str, dict[str, np.ndarray]] = {name: {} for name in thresholds}
    for set_name, statements, pairs, _ in sets:
        for name in thresholds:
            vectors = (
                lexical_vectors(statements)
                if name.startswith("lexical")
                else minilm([s.text for s in statements])
            )
            matrix = similarity(statements, vectors)
            scored[name][set_name] = np.array([matrix[i, j] for i, j in pairs])
    header = f"{'set':16} {'method':24} {'threshold':>9} {'P':>5} {'R':>5} {'F1':>5}   {'best thr':>8} {'F1':>5}"
    print(header)
    groups = [(n, [n]) for n, *_ in sets] + [("DUC (pooled)", [n for n, *_ in sets[1:]])]
    truth_of = {n: labels for n, _, _, labels in sets}
    for group_name, members in groups:
        labels = np.concatenate([truth_of[m] for m in members])
        pairs_count = len(labels)
        for name, threshold in thresholds.items():
            scores = np.concatenate([scored[name][m] for m in members])
            p, r, f = prf(scores, labels, threshold)
            best = max(np.arange(0.2, 1.2, 0.02), key=lambda t: (prf(scores, labels, t)[2], t))
            print(
                f"{group_name:16} {name:24} {threshold:9.2f} {p:5.2f} {r:5.2f} {f:5.2f}   "
                f"{best:8.2f} {prf(scores, labels, best)[2]:5.2f}"
            )
        kind = "labelled pairs" if group_name.startswith("DUC") else "cross-source pairs"
        print(f"{'':16} ({pairs_count} {kind}, {int(labels.sum())} labelled the same)")

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
