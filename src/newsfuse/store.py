"""store: the corpus in one SQLite file — articles, sentences, wire copy, stories, briefs, feeds.

One file (``./newsfuse.db`` unless told otherwise), opened in WAL mode so that readers (the
``stories`` listing, a server) never wait for a writer. The schema carries its version in
``PRAGMA user_version`` and :data:`MIGRATIONS` takes an older file forward, one step at a time.
Every batch is written in one transaction (:meth:`Store.transaction`): a process killed in the
middle of a batch leaves the file as the last committed batch left it, never half an article.

The store keeps what the clusterer needs to find candidates at a cost that does not grow with the
corpus: document frequencies (``vocabulary``), an inverted index from a story's heaviest stems
and names to the story (``story_keys``, searched only within the time window and at most
``POSTINGS`` stories a key), and fingerprints of each article's word shingles for wire copy
(``fingerprints``, at most ``POSTINGS`` articles a fingerprint).

>>> store = Store(":memory:")
>>> store.article_count()
0
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError
from .model import Article, CleanArticle, Removal, Sentence
from .store_schema import MIGRATIONS, SCHEMA_VERSION
from .story_tables import POSTINGS, FeedTables, StoryTables, iso, now

if TYPE_CHECKING:
    # the analysis pulls in numpy, scipy and the readers: only adds and briefs need it
    from .analysis import Analysis


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the store holds it: its row id, the key it came in with, its story."""

    id: int
    key: str
    story: int | None
    clean: CleanArticle


def _statements(script: str) -> Iterator[str]:
    """The statements of a script, one at a time (``executescript`` would commit on its own,
    and a migration must be one transaction with its version bump)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line.split("--", 1)[0].rstrip() + "\n"
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""


#: The page cache of one connection, in KiB (bounded: a store of any size costs this much).
CACHE_KIB = 64 * 1024


class Store(StoryTables, FeedTables):
    """A newsfuse corpus in the SQLite file ``path`` (``":memory:"`` for one in memory)."""

    def __init__(self, path: str | Path = "newsfuse.db") -> None:
        self.path = str(path)
        self._centroids = OrderedDict()
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise StoreError(f"{self.path} is a directory; give the database a file name")
        try:
            # autocommit mode: transactions are opened explicitly, one per batch
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across a killed process in WAL mode (only a power cut may lose
            # the last transactions) and spares an fsync per batch
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            # SQLite's default page cache is 2 MB: once the index tables outgrow it, placing an
            # article re-reads about 1.7 MB of pages from the OS (100k synthetic articles)
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a newsfuse database ({exc})") from exc

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer newsfuse (schema {version}, this one "
                f"reads up to {SCHEMA_VERSION}); upgrade newsfuse to open it"
            )
        if version == 0 and self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.path} is an SQLite file but not a newsfuse database")
        for step in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[step]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={step + 1}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: everything inside is committed together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self._centroids.clear()  # they may hold states the file never got
            if self.db.in_transaction:  # SQLite may have rolled back itself (disk full)
                self.db.execute("ROLLBACK")
            raise

    # -----------------------------------------------------------------------------------------
    # Articles

    def article_count(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'articles'").fetchone()
        return int(row[0]) if row else 0

    def find_hash(self, content_hash: str) -> str | None:
        """The key of the article already stored with this content hash, if any."""
        row = self.db.execute(
            "SELECT key FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def insert_article(
        self,
        key: str,
        content_hash: str,
        clean: CleanArticle,
        sentences: Sequence[Sentence],
        fingerprints: Iterable[int],
    ) -> int:
        """Write one cleaned article with its sentences and fingerprints; returns its row id."""
        article = clean.article
        meta = article.model_dump(mode="json", exclude={"text"})
        cursor = self.db.execute(
            "INSERT INTO articles (key, content_hash, path, url, title, outlet, published, "
            "language, meta, text, dateline, removed, words, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                content_hash,
                article.path,
                article.url,
                article.title,
                article.outlet,
                iso(article.published),
                article.language,
                json.dumps(meta, ensure_ascii=False),
                clean.text,
                clean.dateline,
                json.dumps([r.model_dump() for r in clean.removed], ensure_ascii=False),
                len(clean.text.split()),
                now(),
            ),
        )
        row_id = int(cursor.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
            [(row_id, n, s.start, s.end, s.paragraph) for n, s in enumerate(sentences)],
        )
        self.db.executemany(
            "INSERT INTO fingerprints VALUES (?, ?)", [(h, row_id) for h in fingerprints]
        )
        self.db.execute(
            "INSERT INTO meta VALUES ('articles', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )
        return row_id

    def article_text(self, article_id: int) -> str:
        return self.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[
            0
        ]

    def articles(self, ids: Sequence[int] | None = None) -> list[StoredArticle]:
        """Stored articles (all, or those of ``ids``) in publication order, undated ones last."""
        query = (
            "SELECT a.id, a.key, m.story, a.meta, a.text, a.dateline, a.removed FROM articles a "
            "LEFT JOIN members m ON m.article = a.id"
        )
        if ids is not None:
            query += f" WHERE a.id IN ({','.join('?' * len(ids))})"
        query += " ORDER BY a.published IS NULL, a.published, a.id"
        found = []
        for row_id, key, story, meta, text, dateline, removed in self.db.execute(
            query, tuple(ids or ())
        ):
            article = Article.model_validate({**json.loads(meta), "text": ""})
            clean = CleanArticle(
                article=article,
                text=text,
                dateline=dateline,
                removed=tuple(Removal.model_validate(r) for r in json.loads(removed)),
            )
            found.append(StoredArticle(id=row_id, key=key, story=story, clean=clean))
        return found

    # -----------------------------------------------------------------------------------------
    # Document frequencies and wire copy

    def count_keys(self, keys: Iterable[str]) -> dict[str, int]:
        """One more document holds each of ``keys``; returns their document frequencies,
        this document counted (one statement a chunk: counting and then reading them back took
        two lookups a key, a fifth of placing an article)."""
        keys = list(keys)
        found: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                self.db.execute(
                    f"INSERT INTO vocabulary VALUES {','.join(['(?, 1)'] * len(chunk))} "
                    "ON CONFLICT(key) DO UPDATE SET df = df + 1 RETURNING key, df",
                    chunk,
                ).fetchall()
            )
        return found

    def sharing_fingerprints(self, fingerprints: Iterable[int], exclude: int) -> dict[int, int]:
        """Articles that share fingerprints with an article, and how many each shares."""
        hits: dict[int, int] = {}
        for value in fingerprints:
            for (article,) in self.db.execute(
                "SELECT article FROM fingerprints WHERE hash = ? AND article != ? "
                "ORDER BY article DESC LIMIT ?",
                (value, exclude, POSTINGS),
            ):
                hits[article] = hits.get(article, 0) + 1
        return hits

    def insert_reuse(
        self, a: int, b: int, share: float, passages: Sequence[tuple[int, int, int, int, int]]
    ) -> None:
        """A pair of articles that share passages (a_start, a_end, b_start, b_end, words)."""
        self.db.execute("INSERT OR REPLACE INTO reuse VALUES (?, ?, ?)", (a, b, share))
        self.db.executemany(
            "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)", [(a, b, *p) for p in passages]
        )

    # -----------------------------------------------------------------------------------------
    # Analyses (the per-article half of the pipeline, cached)

    def save_analyses(self, version: str, analyses: Iterable[tuple[int, Analysis]]) -> None:
        """Keep the analyses of articles (row id, analysis), made by ``version``."""
        self.db.executemany(
            "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
            [(row_id, version, _packed(analysis)) for row_id, analysis in analyses],
        )

    def cached_analyses(
        self, articles: Sequence[StoredArticle], version: str
    ) -> dict[int, Analysis]:
        """The kept analyses of ``articles`` that ``version`` made, by article row id."""
        by_id = {a.id: a for a in articles}
        found: dict[int, Analysis] = {}
        ids = list(by_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row_id, packed in self.db.execute(
                f"SELECT article, analysis FROM analyses WHERE version = ? "
                f"AND article IN ({','.join('?' * len(chunk))})",
                (version, *chunk),
            ):
                found[row_id] = _unpacked(packed, by_id[row_id].clean)
        return found

    def analysis_count(self, version: str | None = None) -> int:
        """How many analyses are kept (made by ``version``, when given)."""
        if version is None:
            return self.db.execute("SELECT count(*) FROM analyses").fetchone()[0]
        return self.db.execute(
            "SELECT count(*) FROM analyses WHERE version = ?", (version,)
        ).fetchone()[0]


def _packed(analysis: Analysis) -> bytes:
    # the cleaned article is in its own row already; the rest is JSON, about seven times the
    # text's size, and zlib takes it to about one and a half (the example's reports)
    return zlib.compress(analysis.model_dump_json(exclude={"cleaned"}).encode("utf-8"), 6)


def _unpacked(packed: bytes, clean: CleanArticle) -> Analysis:
    from .analysis import Analysis

    fields = json.loads(zlib.decompress(packed).decode("utf-8"))
    return Analysis.model_validate({**fields, "cleaned": clean})
