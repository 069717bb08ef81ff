"""Story clustering of a mixed stream: newsfuse's online clustering beside two baselines.

The articles of every cluster of DUC 2004 and DUC 2006 (``../shared/benchmarks``) are mixed into
one stream in publication order (the date comes from the document id; documents that DUC put in
two clusters are dropped); the gold story of an article is its cluster. The clusters are split in
two halves by a hash of their id: thresholds are chosen on the development half and the figures
of the held-out half are reported. Three systems run on the same streams in one run:

- **newsfuse**: ``newsfuse.corpus.add`` into a fresh store (online, one article at a time);
- **online TF-IDF**: cosine to story centroids only (sublinear TF-IDF with document frequencies
  that grow with the stream), its threshold chosen on the development half;
- **agglomerative TF-IDF**: scikit-learn average-link clustering of all articles at once (cosine
  distance), its threshold chosen on the development half.

B-cubed precision, recall and F1 and articles per second are printed for each, then how many
pairs of gold stories a system merged (a story holding at least a fifth of each), and the
same-kind test: pairs of clusters of one kind of event (two plane crashes, two bombings, two
government crises, ...), the second re-dated to begin 30 days after the first, each pair alone
in a store. ``--scale`` adds the timing of 500 articles added to stores of 1k, 10k and 100k.

    python benchmarks/stories.py [--scale] [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsfuse.align import content_stems
from newsfuse.corpus import add
from newsfuse.model import Article
from newsfuse.resources import Resources
from newsfuse.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
#: pairs of gold clusters that report two events of one kind
SAME_KIND = (
    ("D0617", "D0631", "plane crashes: EgyptAir 990 / Air France Concorde"),
    ("d30010", "D0626", "bombings: Jerusalem market / US embassies in Africa"),
    ("d30055", "d31009", "government crises: Prodi in Italy / Yilmaz in Turkey"),
    ("d30056", "D0616", "violence in Chechnya: 1998 kidnappings / 1999-2000 attacks"),
    ("d30059", "D0649", "Russian elections: 1998 candidates / Putin 2000"),
    ("d30002", "d31022", "disasters with many dead: Hurricane Mitch / Gothenburg fire"),
)


def load_stream() -> list[dict]:
    """Every DUC 2004 + 2006 article once, with its gold cluster, in publication order."""
    rows = []
    for name in ("duc2004", "duc2006"):
        with (SHARED / name / "clusters.jsonl").open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    seen = Counter(d["id"] for r in rows for d in r["documents"])
    stream = []
    for row in rows:
        for doc in row["documents"]:
            if seen[doc["id"]] > 1:
                continue
            digits = re.search(r"(?:19|20)\d{6}", doc["id"]).group(0)
            stream.append(
                {
                    "id": doc["id"],
                    "gold": row["id"],
                    "date": dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])),
                    "title": doc.get("headline") or None,
                    "outlet": re.match(r"[A-Z]+", doc["id"]).group(0),
                    "text": doc["text"],
                }
            )
    stream.sort(key=lambda d: (d["date"], d["id"]))
    return stream


def halves_of(stream: Sequence[dict]) -> dict[str, str]:
    """Cluster id -> 'dev' or 'test': within each collection the clusters are ordered by a hash
    of their id and dealt alternately, so the halves are even and no one picks them."""
    clusters = sorted({d["gold"] for d in stream})
    half = {}
    for collection in ("d3", "D0"):
        ours = [c for c in clusters if c.startswith(collection)]
        ours.sort(key=lambda c: hashlib.sha1(c.encode()).hexdigest())
        half.update({c: ("dev", "test")[n % 2] for n, c in enumerate(ours)})
    return half


def bcubed(predicted: Sequence, gold: Sequence) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(list), defaultdict(list)
    for n, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].append(n)
        by_gold[g].append(n)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        both = sum(1 for n in by_pred[p] if gold[n] == g)
        precision += both / len(by_pred[p])
        recall += both / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def merged_pairs(predicted: Sequence, gold: Sequence) -> int:
    """Pairs of gold stories that share a predicted story holding a fifth of each."""
    size = Counter(gold)
    shares: dict = defaultdict(Counter)
    for p, g in zip(predicted, gold, strict=True):
        shares[p][g] += 1
    pairs = set()
    for counts in shares.values():
        big = sorted(g for g, n in counts.items() if n >= 0.2 * size[g])
        pairs.update((a, b) for i, a in enumerate(big) for b in big[i + 1 :])
    return len(pairs)


# ---------------------------------------------------------------------------------------------
# the systems


def article_of(d: dict) -> Article:
    """One article of the stream as newsfuse takes it."""
    return Article(
        id=d["id"],
        title=d["title"],
        outlet=d["outlet"],
        published=d["date"],
        language="en",
        text=d["text"],
    )


def run_newsfuse(stream: Sequence[dict], settings: Settings, resources: Resources) -> list:
    articles = [article_of(d) for d in stream]
    result = add(articles, db=":memory:", settings=settings, resources=resources)
    story = {a.key: a.story for a in result.added}
    # an article cleaning left empty is a problem, not a member: it counts as a story of its own
    return [story.get(d["id"], f"problem:{d['id']}") for d in stream]


def run_online_tfidf(stream: Sequence[dict], threshold: float, stems: list) -> list:
    df: Counter = Counter()
    centroids: list[Counter] = []
    assigned = []
    for n, terms in enumerate(stems, start=1):
        counts = Counter(terms)
        df.update(counts.keys())
        vector = {
            t: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5)) for t, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vector = {t: v / norm for t, v in vector.items()}
        best, best_score = None, 0.0
        for k, centroid in enumerate(centroids):
            c_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
            score = sum(v * centroid.get(t, 0.0) for t, v in vector.items()) / c_norm
            if score > best_score:
                best, best_score = k, score
        if best is None or best_score < threshold:
            centroids.append(Counter())
            best = len(centroids) - 1
        centroids[best].update(vector)
        assigned.append(best)
    return assigned


def run_agglomerative(stems: list, threshold: float) -> list:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [t or ["(empty)"] for t in stems]
    matrix = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True).fit_transform(docs)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    return list(model.fit_predict(matrix.toarray()))


def timed(fn, *args):
    started = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - started


def choose(name: str, grid: Sequence, run, gold: Sequence) -> tuple:
    """The grid value with the best B-cubed F1 on the development stream."""
    scored = []
    for value in grid:
        f1 = bcubed(run(value), gold)[2]
        scored.append((f1, value))
        print(f"  dev {name} {value}: F1 {f1:.3f}", file=sys.stderr, flush=True)
    return max(scored, key=lambda x: x[0])[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", action="store_true", help="also time add at 1k/10k/100k")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--quick", action="store_true", help="fewer threshold candidates")
    args = parser.parse_args()
    resources = Resources()
    stream = load_stream()
    half = halves_of(stream)
    halves = {h: [d for d in stream if half[d["gold"]] == h] for h in ("dev", "test")}
    for h, part in halves.items():
        print(f"{h}: {len(part)} articles, {len({d['gold'] for d in part})} gold stories")
    stems = {h: [content_stems(d["text"]) for d in part] for h, part in halves.items()}
    gold = {h: [d["gold"] for d in part] for h, part in halves.items()}

    base = Settings()
    if args.quick:
        grid = [(t, 400) for t in (0.12, 0.15)]
    else:
        grid = [(t, w) for w in (30, 120, 400) for t in (0.1, 0.12, 0.14, 0.16)]
    ours = choose(
        "newsfuse (story_threshold, story_idle_days)",
        grid,
        lambda tw: run_newsfuse(
            halves["dev"],
            base.model_copy(update={"story_threshold": tw[0], "story_idle_days": tw[1]}),
            resources,
        ),
        gold["dev"],
    )
    online = choose(
        "online threshold",
        (0.1, 0.15, 0.2, 0.25, 0.3),
        lambda t: run_online_tfidf(halves["dev"], t, stems["dev"]),
        gold["dev"],
    )
    batch = choose(
        "agglomerative distance",
        (0.8, 0.85, 0.88, 0.9, 0.92, 0.95),
        lambda t: run_agglomerative(stems["dev"], t),
        gold["dev"],
    )
    settings = base.model_copy(update={"story_threshold": ours[0], "story_idle_days": ours[1]})
    systems = (
        (
            f"newsfuse online (threshold {ours[0]}, idle {ours[1]} d)",
            lambda: run_newsfuse(halves["test"], settings, resources),
        ),
        (
            f"online TF-IDF centroids (threshold {online})",
            lambda: run_online_tfidf(halves["test"], online, stems["test"]),
        ),
        (
            f"agglomerative TF-IDF, batch (distance {batch})",
            lambda: run_agglomerative(stems["test"], batch),
        ),
    )
    print(f"\nheld-out half: {len(halves['test'])} articles, {len(set(gold['test']))} gold stories")
    print(f"{'system':<48} {'P':>6} {'R':>6} {'F1':>6} {'stories':>8} {'merged':>7} {'art/s':>7}")
    for name, run in systems:
        predicted, seconds = timed(run)
        p, r, f = bcubed(predicted, gold["test"])
        rate = len(predicted) / seconds
        print(
            f"{name:<48} {p:6.3f} {r:6.3f} {f:6.3f} {len(set(predicted)):8d} "
            f"{merged_pairs(predicted, gold['test']):7d} {rate:7.1f}"
        )
    same_kind(stream, settings, resources)
    if args.scale:
        from stories_scale import scale_table

        scale_table(stream, settings, [int(s) for s in args.sizes.split(",")])


def same_kind(stream: Sequence[dict], settings: Settings, resources: Resources) -> None:
    """Two events of one kind, 30 days apart, alone in a store: are they kept apart?"""
    print("\nsame-kind pairs (second event re-dated to start 30 days after the first):")
    kept = 0
    for first, second, label in SAME_KIND:
        a = [d for d in stream if d["gold"] == first]
        b = [d for d in stream if d["gold"] == second]
        shift = a[0]["date"] + dt.timedelta(days=30) - b[0]["date"]
        pair = sorted(
            a + [{**d, "date": d["date"] + shift} for d in b], key=lambda d: (d["date"], d["id"])
        )
        predicted = run_newsfuse(pair, settings, resources)
        gold = [d["gold"] for d in pair]
        merged = merged_pairs(predicted, gold)
        kept += not merged
        p, r, f = bcubed(predicted, gold)
        print(f"  {label:<62} {'MERGED' if merged else 'apart '} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"  kept apart: {kept} of {len(SAME_KIND)}")


if __name__ == "__main__":
    main()
