"""Who said it: quote speakers on DUC 2006 reports, scored against judged speakers.

Run: python benchmarks/quotes.py [--data ../shared/benchmarks/duc2006/clusters.jsonl]

``benchmarks/quotes_duc.tsv`` holds the speakers of quotes drawn at random from six DUC 2006
clusters, judged by reading each passage. Every article is cleaned and parsed as ``newsfuse
brief`` does it; each judged quote is found by its first words among the quotes newsfuse finds
in its article, and its speaker (before merging across sources) is compared with the judged
one. The table counts right, wrong and missing (a judged quote newsfuse did not find) by kind of
speaker, and the wrong ones are listed for reading.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc import DEFAULT_DUC2006, articles_of, load_clusters
from newsfuse.clean import clean_article
from newsfuse.extract.quotes import find_quotes
from newsfuse.resources import Resources

LABELS = Path(__file__).resolve().parent / "quotes_duc.tsv"


def load_labels(path: Path = LABELS) -> list[tuple[str, int, str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(cluster, int(doc), prefix, gold) for cluster, doc, prefix, gold in rows]


def right(speaker: str | None, gold: str) -> bool:
    """Whether ``speaker`` is the judged one (see the header of quotes_duc.tsv)."""
    if gold == "-":
        return speaker is None
    if speaker is None:
        return False
    if gold.startswith("-"):
        unnamed = not speaker[:1].isupper() or speaker.split()[0].lower() in _UNNAMED_START
        return unnamed and _has_word(speaker, gold[1:])
    return _has_word(speaker, gold)


# an unnamed speaker is a role phrase: lower case, or opening with a word like these
_UNNAMED_START = frozenset("one a an another some the u.s. us".split())


def _has_word(text: str, words: str) -> bool:
    return re.search(rf"\b{re.escape(words.lower())}\b", text.lower()) is not None


def kind(gold: str) -> str:
    return "nobody" if gold == "-" else "unnamed" if gold.startswith("-") else "named"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    args = parser.parse_args()
    labels = load_labels()
    wanted = {cluster for cluster, *_ in labels}
    resources = Resources()
    found: dict[tuple[str, int], list] = {}
    started = time.perf_counter()
    for cluster in load_clusters(args.data):
        if cluster["id"] not in wanted:
            continue
        needed = {doc for c, doc, *_ in labels if c == cluster["id"]}
        for n, article in enumerate(articles_of(cluster)):
            if n in needed:
                text = clean_article(article, resources.nlp).text
                found[cluster["id"], n] = find_quotes(f"S{n}", resources.nlp(text))
    seconds = time.perf_counter() - started

    tally: Counter[tuple[str, str]] = Counter()
    misses = []
    for cluster, doc, prefix, gold in labels:
        key = " ".join(prefix.split())
        quote = next(
            (q for q in found[cluster, doc] if " ".join(q.text.split()).startswith(key)), None
        )
        if quote is None:
            outcome = "missing"
        elif right(quote.speaker, gold):
            outcome = "right"
        else:
            outcome = "wrong"
            misses.append(f"  {cluster}/{doc} {prefix!r}: {quote.speaker!r}, judged {gold!r}")
        tally[kind(gold), outcome] += 1

    print(f"{'speaker':10} {'quotes':>6} {'right':>6} {'wrong':>6} {'missing':>8}")
    for name in ("named", "unnamed", "nobody", "all"):
        rows = [k for k in tally if name in (k[0], "all")]
        counts = {
            o: sum(tally[k] for k in rows if k[1] == o) for o in ("right", "wrong", "missing")
        }
        total = sum(counts.values())
        print(
            f"{name:10} {total:6d} {counts['right']:6d} {counts['wrong']:6d} {counts['missing']:8d}"
        )
    total = sum(tally.values())
    correct = sum(v for k, v in tally.items() if k[1] == "right")
    print(f"speaker accuracy: {correct / total:.2f} ({correct}/{total}); {seconds:.0f} s")
    if misses:
        print("wrong:")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
