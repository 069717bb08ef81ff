"""Shared clauses: how often two clauses that newsfuse matches across reports state the same thing.

Run: python benchmarks/clauses.py [--data ../shared/benchmarks/duc2006/clusters.jsonl]

``benchmarks/clauses_duc.tsv`` holds 60 clause pairs from DUC 2006 clusters that the loose rule
matched (the shared words carry half of the smaller clause's weight), judged by reading. Each
cluster's articles are cleaned, segmented and parsed as ``newsfuse brief`` does it, every article
counting as its own witness; each judged pair is found by the first words of its two clauses, and
every rule, run side by side on the same clauses, is scored on whether it matches the pair:
precision (judged the same among those it matches) and the share of the judged-same pairs it
keeps. The rule newsfuse uses is ``clauses.LARGER`` (the larger clause must share that share of
its words); the loose rule sets it to 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc import DEFAULT_DUC2006, articles_of, load_clusters
from newsfuse import clauses
from newsfuse.analysis import analyse, as_source
from newsfuse.resources import Resources

LABELS = Path(__file__).resolve().parent / "clauses_duc.tsv"


def load_labels(path: Path = LABELS) -> list[tuple[str, str, str, bool]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(cluster, first, second, same == "1") for cluster, first, second, same in rows]


def cluster_clauses(cluster: dict, resources: Resources) -> tuple[list, dict[str, str]]:
    """Every clause of the cluster's statements, and the cleaned text of each source."""
    ids = [f"{cluster['id']}-{k}" for k in range(len(cluster["documents"]))]
    analyses = [
        as_source(found, sid)
        for found, sid in zip(analyse(articles_of(cluster), resources), ids, strict=True)
    ]
    found = [c for a in analyses for group in a.clauses for c in group]
    return found, {sid: a.cleaned.text for sid, a in zip(ids, analyses, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    args = parser.parse_args()

    labels = load_labels()
    wanted = {cluster for cluster, *_ in labels}
    clusters = [c for c in load_clusters(args.data) if c["id"] in wanted]
    resources = Resources()
    rules = {"loose (LARGER = 0)": 0.0, f"newsfuse (LARGER = {clauses.LARGER})": clauses.LARGER}
    default = clauses.LARGER
    matched: dict[str, set[tuple[str, str, str]]] = {name: set() for name in rules}
    counts = dict.fromkeys(rules, 0)
    missing = []
    started = time.perf_counter()
    for cluster in clusters:
        units, texts = cluster_clauses(cluster, resources)
        text_of = [" ".join(texts[u.span.source][u.span.start : u.span.end].split()) for u in units]
        rows = [r for r in labels if r[0] == cluster["id"]]
        for name, larger in rules.items():
            clauses.LARGER = larger
            pairs = clauses.matching_pairs(units)
            counts[name] += len(pairs) // 2
            for _, first, second, _ in rows:
                a_of = [i for i, t in enumerate(text_of) if t.startswith(first)]
                b_of = [i for i, t in enumerate(text_of) if t.startswith(second)]
                if not a_of or not b_of:
                    missing.append((cluster["id"], first, second))
                    continue
                if any((a, b) in pairs for a in a_of for b in b_of):
                    matched[name].add((cluster["id"], first, second))
        clauses.LARGER = default
    same = {(c, a, b) for c, a, b, s in labels if s}
    print(
        f"\nDUC 2006, {len(labels)} judged clause pairs ({len(same)} state the same thing) "
        f"from {len(clusters)} clusters, {time.perf_counter() - started:.0f} s"
    )
    print(f"{'rule':28} {'matched':>7} {'precision':>9} {'kept of same':>12} {'pairs/cluster':>13}")
    for name in rules:
        hits = matched[name]
        precision = len(hits & same) / len(hits) if hits else 0.0
        kept = len(hits & same) / len(same) if same else 0.0
        per = counts[name] / len(clusters)
        print(f"{name:28} {len(hits):7} {precision:9.2f} {kept:12.2f} {per:13.0f}")
    if missing:
        print(f"\n{len(set(missing)) // len(rules)} judged pairs not found among the clauses:")
        for row in sorted(set(missing)):
            print("  ", *row, sep=" | ")


if __name__ == "__main__":
    main()
