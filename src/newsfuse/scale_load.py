"""scale_load: the sequential end of ``newsfuse index`` — articles put in stories, in
publication order, in a store that ``stories``, ``brief --story`` and ``serve`` open — and the
Parquet outputs.

Placing an article in a story reads the stories before it, so this part runs in one process,
one ordinal range at a time (the per-article work and the wire copy were done on the workers);
its memory is one range and an array of row ids, whatever the size of the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .corpus import Placed, place_article
from .model import CleanArticle, Sentence
from .scale_tasks import day_of
from .settings import Settings
from .store import Store
from .stories import Profile

#: Articles written per transaction. A commit rewrites the pages the batch dirtied (the
#: vocabulary's, the story index's): on 30,000 synthetic articles, batches of 200 placed an
#: article in 3.33 ms, of 1,000 in 2.78 ms, of 5,000 in 2.44 ms. A killed index starts again
#: from its shards anyway, so a long transaction loses nothing that a short one would keep.
BATCH = 5000
REPORT_EVERY = 200


def _range_rows(out: Path, folder: str, number: int) -> list[dict]:
    path = out / "work" / folder / f"{number:05d}"
    if not path.exists():
        return []
    return pq.read_table(path).to_pylist()


def _placed(row: dict) -> Placed:
    cleaned = CleanArticle.model_validate_json(row["clean"])
    sentences = [
        Sentence(start=s, end=e, paragraph=p, text=cleaned.text[s:e])
        for s, e, p in json.loads(row["sentences"])
    ]
    profile = Profile(
        terms=json.loads(row["terms"]),
        names=json.loads(row["names"]),
        prior=json.loads(row["prior"]),
        fingerprints=tuple(row["fingerprints"]),
        published=day_of(row["day"]),
    )
    return Placed(row["key"], row["digest"], cleaned, sentences, profile, row["title"])


def place_all(
    out: Path,
    store: Store,
    total: int,
    ranges: int,
    dropped: frozenset[int],
    settings: Settings,
    report: Callable[[str, int, int], None],
) -> np.ndarray:
    """Put every article in its story, in ordinal order; returns the store row id of each
    ordinal (-1: skipped as a duplicate)."""
    rows_of = np.full(total, -1, dtype=np.int64)
    done = 0
    for number in range(ranges):
        articles = sorted(_range_rows(out, "ordered", number), key=lambda r: r["ordinal"])
        shared: dict[int, list[dict]] = {}
        for pair in _range_rows(out, "confirmed", number):
            shared.setdefault(pair["later"], []).append(pair)
        for start in range(0, len(articles), BATCH):
            with store.transaction():
                for row in articles[start : start + BATCH]:
                    _place_one(
                        store, row, shared.get(row["ordinal"], []), rows_of, dropped, settings
                    )
                    done += 1
                    if done % REPORT_EVERY == 0:
                        report("stories", done, total)
        report("stories", done, total)
    return rows_of


def _place_one(
    store: Store,
    row: dict,
    pairs: list[dict],
    rows_of: np.ndarray,
    dropped: frozenset[int],
    settings: Settings,
) -> None:
    ordinal = row["ordinal"]
    if ordinal in dropped or store.find_hash(row["digest"]) is not None:
        return

    def wire_copy(article_id: int) -> dict[int, int]:
        stories: dict[int, int] = {}
        for pair in pairs:
            earlier = int(rows_of[pair["earlier"]])
            if earlier < 0:
                continue
            passages = [tuple(p) for p in pair["passages"]]
            store.insert_reuse(earlier, article_id, pair["share"], passages)
            story = store.story_of(earlier)
            if story is not None:
                stories[story] = max(stories.get(story, 0), max(p[4] for p in passages))
        return stories

    added = place_article(store, _placed(row), settings, wire_copy)
    rows_of[ordinal] = added.article


def _chunks(store: Store, query: str, size: int = 5000) -> Iterator[list[tuple]]:
    cursor = store.db.execute(query)
    while rows := cursor.fetchmany(size):
        yield rows


def write_outputs(out: Path, store: Store, settings: Settings, problems: list[dict]) -> dict:
    """The Parquet outputs, read back from the store in chunks; returns their row counts."""
    counts = {}
    specs = {
        "articles": (
            "SELECT a.key, a.title, a.outlet, a.published, a.language, a.url, a.path, a.words, "
            "a.content_hash, a.text FROM articles a ORDER BY a.id",
            [
                "article_id",
                "title",
                "outlet",
                "published",
                "language",
                "url",
                "path",
                "words",
                "content_hash",
                "text",
            ],
        ),
        "stories": (
            "SELECT a.key, m.story, m.reason, m.score FROM members m "
            "JOIN articles a ON a.id = m.article ORDER BY m.story, a.id",
            ["article_id", "story", "reason", "score"],
        ),
        "passages": (
            "SELECT x.key, y.key, p.a_start, p.a_end, p.b_start, p.b_end, p.words "
            "FROM passages p JOIN articles x ON x.id = p.a JOIN articles y ON y.id = p.b",
            ["article_a", "article_b", "a_start", "a_end", "b_start", "b_end", "words"],
        ),
        "reuse": (
            "SELECT x.key, y.key, r.share FROM reuse r JOIN articles x ON x.id = r.a "
            "JOIN articles y ON y.id = r.b",
            ["article_a", "article_b", "share"],
        ),
    }
    for name, (query, columns) in specs.items():
        counts[name] = _write_query(out / f"{name}.parquet", store, query, columns)
    counts["story_count"] = store.story_count()
    counts["wire_groups"] = _write_wire_groups(out / "wire_groups.parquet", store, settings)
    table = pa.Table.from_pylist(
        problems,
        schema=pa.schema(
            [("path", pa.string()), ("error", pa.string()), ("severity", pa.string())]
        ),
    )
    pq.write_table(table, out / "problems.parquet")
    counts["problems"] = len(problems)
    return counts


def _write_query(path: Path, store: Store, query: str, columns: list[str]) -> int:
    writer = None
    count = 0
    for rows in _chunks(store, query):
        table = pa.Table.from_arrays([pa.array(c) for c in zip(*rows, strict=True)], names=columns)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
        count += len(rows)
    if writer is None:  # no rows: still a file with the columns, so readers need no special case
        pq.write_table(pa.table({c: pa.array([], pa.string()) for c in columns}), path)
    else:
        writer.close()
    return count


def _write_wire_groups(path: Path, store: Store, settings: Settings) -> int:
    """Articles linked by wire copy of ``wire_share`` or more, as groups (union-find over the
    pairs: its memory is the pairs', not the corpus')."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rows in _chunks(store, f"SELECT a, b FROM reuse WHERE share >= {settings.wire_share}"):
        for a, b in rows:
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for member in parent:
        groups.setdefault(find(member), []).append(member)
    keys = (
        dict(
            store.db.execute(
                "SELECT id, key FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(parent)),),
            ).fetchall()
        )
        if parent
        else {}
    )
    records = [
        {"article_id": keys[m], "group": n}
        for n, members in enumerate(sorted(groups.values(), key=min))
        for m in sorted(members)
    ]
    schema = pa.schema([("article_id", pa.string()), ("group", pa.int64())])
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)
    return len(records)
