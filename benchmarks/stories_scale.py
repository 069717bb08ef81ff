"""The cost of ``newsfuse add`` as the store grows: the same 500 articles added to stores that
already hold 1k, 10k and 100k articles.

The stores are filled by bulk SQL (the fastest way; the clusterer is not run on the filler) with
synthetic articles made from real text: each is 12 sentences drawn at random from 12 different
DUC articles (not the 500 being timed), dated at random between 1996 and 2000 (the period of the 500 real articles, so the
time window does not hide the filler), with one of 50 synthetic outlets, grouped into synthetic
stories of 5. Their document frequencies, fingerprints, story centroids and index keys are
computed the way ``add`` computes them, so the filler weighs on every lookup as real articles
would. Each timing runs in its own process (peak memory is that process's).

    python benchmarks/stories_scale.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from newsfuse.clean import clean_article
from newsfuse.corpus import INDEX_NAMES, INDEX_TERMS
from newsfuse.memory import peak_rss_mb
from newsfuse.model import Article
from newsfuse.segment import segment_text
from newsfuse.settings import Settings
from newsfuse.store import Store
from newsfuse.stories import heaviest, profile_of, weigh
from newsfuse.story_tables import pack_masses

NEW_ARTICLES = 500
SENTENCES = 12
STORY_SIZE = 5
START, DAYS = dt.date(1996, 1, 1), 5 * 365


def sentence_pool(stream: list[dict]) -> list[tuple[int, str]]:
    pool = []
    for n, doc in enumerate(stream):
        text = clean_article(Article(text=doc["text"], language="en")).text
        pool.extend((n, s.text) for s in segment_text(text) if len(s.text.split()) >= 6)
    return pool


def fill(path: str, size: int, pool: list[tuple[int, str]], settings: Settings) -> None:
    """Write ``size`` synthetic articles, their frequencies, fingerprints and stories."""
    rng = random.Random(size)
    by_article: dict[int, list[str]] = {}
    for n, text in pool:
        by_article.setdefault(n, []).append(text)
    sources = list(by_article)
    profiles, texts, dates = [], [], []
    df: Counter = Counter()
    for _ in range(size):
        chosen = rng.sample(sources, SENTENCES)
        text = "\n\n".join(rng.choice(by_article[a]) for a in chosen)
        date = START + dt.timedelta(days=rng.randrange(DAYS))
        profile = profile_of(text, date, settings)
        df.update(profile.terms.keys())
        df.update(profile.names.keys())
        profiles.append(profile)
        texts.append(text)
        dates.append(date)
    store = Store(path)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with store.transaction():
        db = store.db
        db.executemany("INSERT INTO vocabulary VALUES (?, ?)", df.items())
        db.execute("INSERT INTO meta VALUES ('articles', ?)", (str(size),))
        for start in range(0, size, STORY_SIZE):
            group = range(start, min(start + STORY_SIZE, size))
            terms: Counter = Counter()
            names: Counter = Counter()
            for k in group:
                terms.update(weigh(profiles[k].terms, df, size, profiles[k].prior))
                names.update(weigh(profiles[k].names, df, size, profiles[k].prior))
            first, last = min(dates[k] for k in group), max(dates[k] for k in group)
            terms = Counter(dict(terms.most_common(300)))
            names = Counter(dict(names.most_common(100)))
            story = db.execute(
                "INSERT INTO stories (size, first_date, last_date, title, title_score, terms, "
                "names, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)",
                (
                    len(group),
                    first.isoformat(),
                    last.isoformat(),
                    f"synthetic {start}",
                    pack_masses(dict(terms)),
                    pack_masses(dict(names)),
                    len(group),
                    now,
                    now,
                ),
            ).lastrowid
            keys = heaviest(terms, INDEX_TERMS) + heaviest(names, INDEX_NAMES)
            db.executemany(
                "INSERT INTO story_keys VALUES (?, ?, ?)",
                [(k, story, last.isoformat()) for k in keys],
            )
            for k in group:
                article = db.execute(
                    "INSERT INTO articles (key, content_hash, outlet, published, language, meta, "
                    "text, removed, words, added_at) VALUES (?, ?, ?, ?, 'en', '{}', ?, '[]', ?, ?)",
                    (
                        f"synthetic-{k}",
                        f"synthetic-{size}-{k}",
                        f"Outlet {k % 50}",
                        dates[k].isoformat(),
                        texts[k],
                        len(texts[k].split()),
                        now,
                    ),
                ).lastrowid
                db.executemany(
                    "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
                    [
                        (article, i, s.start, s.end, s.paragraph)
                        for i, s in enumerate(segment_text(texts[k]))
                    ],
                )
                db.executemany(
                    "INSERT INTO fingerprints VALUES (?, ?)",
                    [(h, article) for h in profiles[k].fingerprints],
                )
                db.execute("INSERT INTO members VALUES (?, ?, 0, 'new')", (article, story))
    store.close()


def time_add(path: str, articles_file: str) -> dict:
    """Run in a child process: add the new articles to the store at ``path``."""
    from newsfuse.corpus import add
    from newsfuse.resources import Resources

    resources = Resources()
    resources.nlp  # noqa: B018  (loaded before the clock starts)
    articles = [Article.model_validate(a) for a in json.loads(Path(articles_file).read_text())]
    started = time.perf_counter()
    result = add(articles, db=path, resources=resources)
    seconds = time.perf_counter() - started
    return {
        "added": len(result.added),
        "seconds": seconds,
        "rss_mb": peak_rss_mb(),
    }


def scale_table(stream: list[dict], settings: Settings, sizes: list[int]) -> None:
    from stories import article_of

    rng = random.Random(0)
    new = rng.sample(stream, NEW_ARTICLES)
    # the filler is made of the other articles' sentences: the new ones must arrive new
    chosen = {d["id"] for d in new}
    pool = sentence_pool([d for d in stream if d["id"] not in chosen])
    print(
        f"\nadd {NEW_ARTICLES} real DUC articles to stores of synthetic articles ({len(pool)} sentences):"
    )
    print(
        f"{'store holds':>12} {'fill s':>7} {'ms/article':>11} {'vs 1st':>7} {'peak RSS MB':>12} {'db MB':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        articles_file = os.path.join(tmp, "new.json")
        Path(articles_file).write_text(
            json.dumps([article_of(d).model_dump(mode="json") for d in new])
        )
        first = None
        for size in sizes:
            path = os.path.join(tmp, f"store-{size}.db")
            started = time.perf_counter()
            fill(path, size, pool, settings)
            filled = time.perf_counter() - started
            out = subprocess.run(
                [sys.executable, __file__, "--child", path, articles_file],
                capture_output=True,
                text=True,
                check=True,
            )
            numbers = json.loads(out.stdout.strip().splitlines()[-1])
            per = 1000 * numbers["seconds"] / max(numbers["added"], 1)
            first = first or per
            megabytes = os.path.getsize(path) / 1e6
            print(
                f"{size:>12,} {filled:7.0f} {per:11.1f} {per / first:7.2f} "
                f"{numbers['rss_mb']:12.0f} {megabytes:7.0f}",
                flush=True,
            )
            os.remove(path)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(time_add(sys.argv[2], sys.argv[3])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from stories import load_stream

    scale_table(load_stream(), Settings(), [int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
