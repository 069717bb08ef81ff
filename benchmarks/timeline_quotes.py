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

``--baseline REV`` draws and counts the same way with the code of a commit (a worktree and a
subprocess, as ``benchmarks/conflicts.py`` does), so a change is printed beside what it
replaced; ``--write-unjudged FILE`` writes every drawn item not judged yet, with its date or
speaker, its document's publication date and the text around it, as TSV rows for a reader to
fill in and append to ``timeline_quotes_duc.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conflicts import DEFAULT_DUC2004, SETS, cluster_briefs, run_baseline
from duc import DEFAULT_DUC2006

JUDGED = Path(__file__).resolve().parent / "timeline_quotes_duc.tsv"
# ``shown`` (the date or speaker judged) binds a judgment to what was shown: a later code that
# gives the same passage another date or speaker is judged again. Rows judged before the column
# existed leave it empty and count for any value.
COLUMNS = ("set", "cluster", "kind", "key", "right", "real", "why", "shown")


def _key(text: str) -> str:
    return " ".join(text.split())[:90]


def load_judged() -> dict[tuple[str, str, str, str], tuple[str, str]]:
    """{(cluster, kind, key, shown): (right, real)}: right is 1/0 (date or speaker), real 1/0;
    ``shown`` is empty for rows that count for any value."""
    if not JUDGED.exists():
        return {}
    with JUDGED.open(encoding="utf-8") as handle:
        rows = csv.DictReader((ln for ln in handle if not ln.startswith("#")), delimiter="\t")
        return {
            (r["cluster"], r["kind"], r["key"], r.get("shown") or ""): (r["right"], r["real"])
            for r in rows
        }


def judgment(judged: dict, kind: str, item: dict) -> tuple[str, str] | None:
    """The judgment of a drawn item: of its passage with the value shown, else of its passage."""
    key = (item["cluster"], kind, item["key"])
    return judged.get((*key, item["shown"])) or judged.get((*key, ""))


def collect_by_cluster(cluster_ids: list[str]) -> dict[str, tuple[list[dict], list[dict]]]:
    """{cluster: (timeline entries, quotes)}, as plain dicts with their passages."""
    found = {}
    for cluster_id, brief, doc_of, text_of in cluster_briefs(
        cluster_ids, [DEFAULT_DUC2004, DEFAULT_DUC2006]
    ):
        entries, quotes = found.setdefault(cluster_id, ([], []))
        published = {s.id: str(s.published) for s in brief.sources}
        for entry in brief.timeline:
            span = entry.evidence[0]
            entries.append(
                {
                    "cluster": cluster_id,
                    "key": _key(entry.text),
                    "shown": f"{entry.date} ({entry.precision})",
                    "doc": doc_of[span.source],
                    "published": published[span.source],
                    "passage": text_of[span.source][span.start : span.end],
                    "around": _around(text_of[span.source], span.start, span.end),
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
                    "published": published[span.source],
                    "passage": around,
                    "around": _around(text_of[span.source], span.start, span.end),
                }
            )
    return found


def _around(text: str, start: int, end: int, reach: int = 400) -> str:
    """The passage with the text around it, the passage marked [[ ]] for a reader."""
    before, after = text[max(0, start - reach) : start], text[end : end + reach]
    return " ".join(f"{before}[[{text[start:end]}]]{after}".split())


def tally(drawn: list[dict], kind: str, judged: dict, show: bool) -> tuple[int, int, int, int]:
    """(judged, right among real, real, unjudged) of a drawn sample."""
    done = right = real = unjudged = 0
    for item in drawn:
        label = judgment(judged, kind, item)
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


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["heldout"])
    parser.add_argument("--per-set", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-unjudged", action="store_true")
    parser.add_argument("--baseline", default=None, help="a commit to run beside this code")
    parser.add_argument("--write-unjudged", type=Path, default=None, metavar="FILE")
    parser.add_argument("--data", type=Path, action="append", default=None)
    parser.add_argument("--clusters", nargs="+", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--emit", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.data = args.data or [DEFAULT_DUC2004, DEFAULT_DUC2006]
    return args


def _drawn(items: dict[str, tuple[list[dict], list[dict]]], name: str, args) -> dict:
    """The seeded sample of one set's timeline entries and quotes, by kind."""
    # in the order the clusters were briefed (the data's), as the judged samples were drawn
    members = set(SETS[name])
    entries = [e for c, (found, _) in items.items() if c in members for e in found]
    quotes = [q for c, (_, found) in items.items() if c in members for q in found]
    rng = random.Random(args.seed)
    return {
        "timeline": rng.sample(entries, min(args.per_set, len(entries))),
        "quote": rng.sample(quotes, min(args.per_set, len(quotes))),
    }


def _write_unjudged(path: Path, rows: list[tuple[str, str, dict]], judged: dict) -> None:
    """The drawn items nobody judged yet, one TSV row each, ``right``/``real``/``why`` blank."""
    seen, lines = set(), []
    for name, kind, item in rows:
        key = (item["cluster"], kind, item["key"], item["shown"])
        if judgment(judged, kind, item) is not None or key in seen:
            continue
        seen.add(key)
        shown = [item["shown"], item["doc"], item["published"], item["around"]]
        fields = [name, item["cluster"], kind, item["key"], "", "", "", *shown]
        lines.append("\t".join(f.replace("\t", " ") for f in fields))
    # the first eight columns are COLUMNS: a judged row is appended to the judged file as such
    header = "\t".join([*COLUMNS, "doc", "published", "around"])
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    print(f"{len(lines)} unjudged items written to {path}")


def main() -> None:
    args = _arguments()
    every = sorted({c for name in args.sets for c in SETS[name]})
    if args.emit is not None:  # a baseline's subprocess: collect, write, stop
        wanted = [c for c in every if not args.clusters or c in args.clusters]
        args.emit.write_text(json.dumps(collect_by_cluster(args.clusters or wanted)), "utf-8")
        return
    judged = load_judged()
    runs = {"this": collect_by_cluster(every)}
    if args.baseline:
        runs[args.baseline[:10]] = run_baseline(args.baseline, every, args.data, script=__file__)
    rows, unjudged_rows = [], []
    for code, items in runs.items():
        for name in args.sets:
            for kind, drawn in _drawn(items, name, args).items():
                done, right, real, unjudged = tally(drawn, kind, judged, args.show_unjudged)
                unjudged_rows += [(name, kind, item) for item in drawn]
                rows.append(
                    f"{name:8} {code:10} {kind:9} {len(drawn):6d} {done:6d} {unjudged:8d} "
                    f"{_share(right, real):>11} {_share(done - real, done):>10}"
                )
    if args.write_unjudged:
        _write_unjudged(args.write_unjudged, unjudged_rows, judged)
    print()
    print(
        f"{'set':8} {'code':10} {'kind':9} {'drawn':>6} {'judged':>6} {'unjudged':>8} "
        f"{'right':>11} {'not real':>10}"
    )
    print("\n".join(rows))
    print("right: dates (timeline) or speakers (quotes) right among the real ones; not real:")
    print("entries that are no event, quotes that are no quotation, among the judged")


if __name__ == "__main__":
    main()
