"""Timeline entries and quotes on real clusters: a seeded sample, judged by reading.

Run: python benchmarks/timeline_quotes.py [--sets heldout] [--per-set 50] [--seed 7]
     [--show-unjudged]

Each cluster of a set (the sets of ``benchmarks/conflicts.py``) is briefed whole; from all the
timeline entries of a set, ``--per-set`` are drawn with a seeded generator, and as many quotes.
Every drawn item is looked up in ``timeline_quotes_duc.tsv`` (judged by reading its passage and
its source: for a timeline entry, ``date`` right or wrong and ``event`` yes or no; for a quote,
``speaker`` right or wrong and ``quote`` yes or no) and counted; one not judged yet is printed
with ``--show-unjudged`` for someone to read and add. The table gives, per set: dates right
among the entries that are events, non-events among all, speakers right among the quotes, and
non-quotes among all.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conflicts import DEFAULT_DUC2004, SETS, cluster_briefs
from duc import DEFAULT_DUC2006

JUDGED = Path(__file__).resolve().parent / "timeline_quotes_duc.tsv"
COLUMNS = ("set", "cluster", "kind", "key", "right", "real", "why")


def _key(text: str) -> str:
    return " ".join(text.split())[:90]


def load_judged() -> dict[tuple[str, str, str], tuple[str, str]]:
    """{(cluster, kind, key): (right, real)}: right is 1/0 (date or speaker), real 1/0."""
    if not JUDGED.exists():
        return {}
    with JUDGED.open(encoding="utf-8") as handle:
        rows = csv.DictReader((ln for ln in handle if not ln.startswith("#")), delimiter="\t")
        return {(r["cluster"], r["kind"], r["key"]): (r["right"], r["real"]) for r in rows}


def collect(cluster_ids: list[str]) -> tuple[list[dict], list[dict]]:
    """Every timeline entry and quote of the clusters, as plain dicts with their passage."""
    entries, quotes = [], []
    for cluster_id, brief, doc_of, text_of in cluster_briefs(
        cluster_ids, [DEFAULT_DUC2004, DEFAULT_DUC2006]
    ):
        for entry in brief.timeline:
            span = entry.evidence[0]
            entries.append(
                {
                    "cluster": cluster_id,
                    "key": _key(entry.text),
                    "shown": f"{entry.date} ({entry.precision})",
                    "doc": doc_of[span.source],
                    "passage": text_of[span.source][span.start : span.end],
                }
            )
        for quote in brief.quotes:
            span = quote.evidence[0]
            around = text_of[span.source][max(0, span.start - 200) : span.end + 200]
            quotes.append(
                {
                    "cluster": cluster_id,
                    "key": _key(quote.text),
                    "shown": f"speaker={quote.speaker!r} role={quote.role!r}",
                    "doc": doc_of[span.source],
                    "passage": around,
                }
            )
    return entries, quotes


def tally(drawn: list[dict], kind: str, judged: dict, show: bool) -> tuple[int, int, int, int]:
    """(judged, right among real, real, unjudged) of a drawn sample."""
    done = right = real = unjudged = 0
    for item in drawn:
        label = judged.get((item["cluster"], kind, item["key"]))
        if label is None:
            unjudged += 1
            if show:
                print(f"{item['cluster']}\t{kind}\t{item['key']}\t{item['shown']}\t{item['doc']}")
                print(f"    {' '.join(item['passage'].split())[:500]}")
            continue
        done += 1
        if label[1] == "1":
            real += 1
            right += label[0] == "1"
    return done, right, real, unjudged


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["heldout"])
    parser.add_argument("--per-set", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-unjudged", action="store_true")
    args = parser.parse_args()
    judged = load_judged()
    rows = []
    for name in args.sets:
        entries, quotes = collect(SETS[name])
        rng = random.Random(args.seed)
        drawn_entries = rng.sample(entries, min(args.per_set, len(entries)))
        drawn_quotes = rng.sample(quotes, min(args.per_set, len(quotes)))
        for kind, drawn in (("timeline", drawn_entries), ("quote", drawn_quotes)):
            done, right, real, unjudged = tally(drawn, kind, judged, args.show_unjudged)
            rows.append(
                f"{name:8} {kind:9} {len(drawn):6d} {done:6d} {unjudged:8d} "
                f"{_share(right, real):>11} {_share(done - real, done):>10}"
            )
    print()
    print(
        f"{'set':8} {'kind':9} {'drawn':>6} {'judged':>6} {'unjudged':>8} {'right':>11} {'not real':>10}"
    )
    print("\n".join(rows))
    print("right: dates (timeline) or speakers (quotes) right among the real ones; not real:")
    print("entries that are no event, quotes that are no quotation, among the judged")


if __name__ == "__main__":
    main()
