"""Conflicts on real multi-event clusters: how many newsfuse reports, and how many are real.

Run: python benchmarks/conflicts.py [--data ../shared/benchmarks/duc2006/clusters.jsonl]
     [--clusters D0601,D0606,...]

A DUC cluster gathers months of reports on one topic, often about several incidents (two embassy
bombings, a crash and its investigation), which is where a conflict finder goes wrong: figures for
different places, incidents, rates or projections set against each other. Each cluster is briefed
whole; every conflict is looked up in ``benchmarks/conflicts_duc.tsv`` (judged by reading, 1 real,
0 false) and printed with its judgment, or as unjudged for someone to read and add.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsfuse
from duc import DEFAULT_DUC2006, articles_of, load_clusters
from newsfuse.resources import Resources

LABELS = Path(__file__).resolve().parent / "conflicts_duc.tsv"
# the clusters judged so far: the first twelve of DUC 2006 and two about several incidents
DEFAULT_CLUSTERS = (
    "D0601,D0602,D0603,D0604,D0606,D0607,D0608,D0609,D0611,D0612,D0613,D0614,D0617,D0626"
)


def _key(cluster: str, topic: str, values) -> tuple[str, str, str]:
    return cluster, topic, ";".join(str(v) for v in sorted(values))


def load_labels(path: Path = LABELS) -> dict[tuple[str, str, str], str]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(c, t, v): label for c, t, v, label, *_ in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    parser.add_argument("--clusters", default=DEFAULT_CLUSTERS, help="comma-separated ids")
    args = parser.parse_args()
    wanted = args.clusters.split(",")
    labels = load_labels()
    resources = Resources()
    rows = []
    started = time.perf_counter()
    for cluster in load_clusters(args.data):
        if cluster["id"] not in wanted:
            continue
        articles = articles_of(cluster)
        brief = newsfuse.brief(articles, resources=resources)
        judged = {"1": 0, "0": 0, "?": 0}
        for conflict in brief.conflicts:
            values = [v.value for v in conflict.values]
            label = labels.get(_key(cluster["id"], conflict.topic, values), "?")
            judged[label] += 1
            print(f"{cluster['id']}  {label}  {conflict.topic}: {', '.join(map(str, values))}")
        rows.append((cluster["id"], len(brief.conflicts), judged["1"], judged["0"], judged["?"]))
    seconds = time.perf_counter() - started
    print()
    print(f"{'cluster':8} {'conflicts':>9} {'real':>5} {'false':>6} {'unjudged':>9}")
    for row in rows:
        print(f"{row[0]:8} {row[1]:9d} {row[2]:5d} {row[3]:6d} {row[4]:9d}")
    total = [sum(r[k] for r in rows) for k in range(1, 5)]
    print(f"{'all':8} {total[0]:9d} {total[1]:5d} {total[2]:6d} {total[3]:9d}")
    judged = total[1] + total[2]
    if judged:
        print(f"precision on judged conflicts: {total[1] / judged:.2f} ({total[1]}/{judged})")
    print(f"{len(rows)} clusters in {seconds:.0f} s")


if __name__ == "__main__":
    main()
