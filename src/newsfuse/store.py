"""store: the corpus in one SQLite file — articles, sentences, wire copy, stories, briefs.

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

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
from .model import Article, CleanArticle, Removal, Sentence
from .stories import StoryState

#: The schema this code writes. Opening an older file migrates it; a newer one is refused.
SCHEMA_VERSION = 1
#: Most stories a key (and most articles a fingerprint) leads to, newest first: a stem or a
#: boilerplate line shared by half the corpus must not make every lookup read half the corpus.
POSTINGS = 40
#: Most candidate stories scored for one article (those sharing the most keys with it).
MAX_CANDIDATES = 30

_SCHEMA_1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,              -- the id it came in with: record id, else path, else URL
    content_hash TEXT NOT NULL UNIQUE,
    path TEXT, url TEXT, title TEXT, outlet TEXT, published TEXT, language TEXT,
    meta TEXT NOT NULL,             -- the metadata as read (JSON)
    text TEXT NOT NULL,             -- the cleaned text; every offset points into it
    dateline TEXT,
    removed TEXT NOT NULL,          -- what cleaning dropped (JSON list of {rule, text})
    words INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_key ON articles(key);
CREATE TABLE sentences (
    article INTEGER NOT NULL REFERENCES articles(id),
    n INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE TABLE fingerprints (
    hash INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article)
) WITHOUT ROWID;
CREATE TABLE reuse (
    a INTEGER NOT NULL REFERENCES articles(id),
    b INTEGER NOT NULL REFERENCES articles(id),
    share REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX reuse_b ON reuse(b);
CREATE TABLE passages (
    a INTEGER NOT NULL, b INTEGER NOT NULL,
    a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
    words INTEGER NOT NULL,
    FOREIGN KEY (a, b) REFERENCES reuse(a, b)
);
CREATE INDEX passages_pair ON passages(a, b);
CREATE TABLE vocabulary (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    first_date TEXT, last_date TEXT,
    title TEXT, title_score REAL NOT NULL,
    terms TEXT NOT NULL, names TEXT NOT NULL,   -- centroid masses (JSON)
    version INTEGER NOT NULL,                   -- grows by one with every article it takes
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE story_keys (
    key TEXT NOT NULL,
    story INTEGER NOT NULL REFERENCES stories(id),
    last_date TEXT NOT NULL,                    -- '' for a story with no dated article
    PRIMARY KEY (key, story)
) WITHOUT ROWID;
CREATE INDEX story_keys_recent ON story_keys(key, last_date);
CREATE INDEX story_keys_story ON story_keys(story);
CREATE TABLE members (
    article INTEGER PRIMARY KEY REFERENCES articles(id),
    story INTEGER NOT NULL REFERENCES stories(id),
    score REAL NOT NULL,
    reason TEXT NOT NULL                        -- new, similar or wire
);
CREATE INDEX members_story ON members(story);
CREATE TABLE briefs (
    story INTEGER PRIMARY KEY REFERENCES stories(id),
    version INTEGER NOT NULL,                   -- the story's version it was made from
    settings TEXT NOT NULL,                     -- the settings it was made with (JSON)
    brief TEXT NOT NULL,
    conflicts INTEGER NOT NULL,
    made_at TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""

#: MIGRATIONS[n] takes a file of schema version n to version n + 1.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_1,)


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class Store:
    """A newsfuse corpus in the SQLite file ``path`` (``":memory:"`` for one in memory)."""

    def __init__(self, path: str | Path = "newsfuse.db") -> None:
        self.path = str(path)
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
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

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
                _iso(article.published),
                article.language,
                json.dumps(meta, ensure_ascii=False),
                clean.text,
                clean.dateline,
                json.dumps([r.model_dump() for r in clean.removed], ensure_ascii=False),
                len(clean.text.split()),
                _now(),
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

    def frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        """Document frequencies of ``keys`` (absent keys are left out)."""
        keys = list(keys)
        found: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                self.db.execute(
                    f"SELECT key, df FROM vocabulary WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return found

    def count_keys(self, keys: Iterable[str]) -> None:
        """One more document holds each of ``keys``."""
        self.db.executemany(
            "INSERT INTO vocabulary VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET df = df + 1",
            [(k,) for k in keys],
        )

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

    def story_of(self, article_id: int) -> int | None:
        row = self.db.execute(
            "SELECT story FROM members WHERE article = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    # -----------------------------------------------------------------------------------------
    # Stories

    def candidate_stories(self, keys: Sequence[str], since: dt.date | None) -> list[int]:
        """Stories indexed under any of ``keys`` that got an article on or after ``since``,
        those sharing the most keys first (at most ``MAX_CANDIDATES``)."""
        hits: dict[int, int] = {}
        floor = _iso(since) or ""
        for key in keys:
            for (story,) in self.db.execute(
                "SELECT story FROM story_keys WHERE key = ? AND last_date >= ? "
                "ORDER BY last_date DESC LIMIT ?",
                (key, floor, POSTINGS),
            ):
                hits[story] = hits.get(story, 0) + 1
        ranked = sorted(hits, key=lambda s: (-hits[s], -s))
        return ranked[:MAX_CANDIDATES]

    def load_story(self, story_id: int) -> StoryState:
        row = self.db.execute(
            "SELECT size, first_date, last_date, terms, names FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id} in {self.path}")
        size, first, last, terms, names = row
        return StoryState(
            id=story_id,
            size=size,
            first=_date(first),
            last=_date(last),
            terms=json.loads(terms),
            names=json.loads(names),
        )

    def new_story(self) -> int:
        """Open an empty story and return its id (ids are never reused or changed)."""
        now = _now()
        cursor = self.db.execute(
            "INSERT INTO stories (size, title_score, terms, names, version, created_at, "
            "updated_at) VALUES (0, -1, '{}', '{}', 0, ?, ?)",
            (now, now),
        )
        return int(cursor.lastrowid or 0)

    def save_story(self, story: StoryState, keys: Sequence[str]) -> None:
        """Write a story's grown centroid and re-index it under ``keys``."""
        self.db.execute(
            "UPDATE stories SET size = ?, first_date = ?, last_date = ?, terms = ?, names = ?, "
            "version = version + 1, updated_at = ? WHERE id = ?",
            (
                story.size,
                _iso(story.first),
                _iso(story.last),
                json.dumps(story.terms),
                json.dumps(story.names),
                _now(),
                story.id,
            ),
        )
        self.db.execute("DELETE FROM story_keys WHERE story = ?", (story.id,))
        last = _iso(story.last) or ""
        self.db.executemany(
            "INSERT INTO story_keys VALUES (?, ?, ?)", [(k, story.id, last) for k in keys]
        )

    def join(self, article_id: int, story_id: int, score: float, reason: str, title: str) -> None:
        """Make an article a member of a story; the most central member's title names it."""
        self.db.execute(
            "INSERT INTO members VALUES (?, ?, ?, ?)", (article_id, story_id, score, reason)
        )
        self.db.execute(
            "UPDATE stories SET title = ?, title_score = ? WHERE id = ? AND title_score < ?",
            (title, score, story_id, score),
        )

    def story_rows(self, since: dt.date | None = None) -> list[dict]:
        """Every story (or those with an article on or after ``since``), newest activity first."""
        rows = self.db.execute(
            "SELECT s.id, s.title, s.size, s.first_date, s.last_date, s.version, s.updated_at, "
            "b.conflicts, b.version FROM stories s LEFT JOIN briefs b ON b.story = s.id "
            "WHERE s.size > 0 AND coalesce(s.last_date, '') >= ? "
            "ORDER BY s.last_date IS NULL, s.last_date DESC, s.updated_at DESC, s.id DESC",
            (_iso(since) or "",),
        ).fetchall()
        names = ("id", "title", "size", "first", "last", "version", "updated", "conflicts", "bv")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def members(self, story_id: int) -> list[int]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT article FROM members WHERE story = ? ORDER BY article", (story_id,)
            )
        ]

    def member_details(self, story_id: int) -> list[tuple[int, str, str | None]]:
        """(article id, key, outlet) of a story's members."""
        return self.db.execute(
            "SELECT a.id, a.key, a.outlet FROM members m JOIN articles a ON a.id = m.article "
            "WHERE m.story = ? ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        ).fetchall()

    def shares_among(self, ids: Sequence[int]) -> list[tuple[int, int, float]]:
        """The reuse pairs between articles of ``ids``: (a, b, share)."""
        marks = ",".join("?" * len(ids))
        return self.db.execute(
            f"SELECT a, b, share FROM reuse WHERE a IN ({marks}) AND b IN ({marks})",
            (*ids, *ids),
        ).fetchall()

    def story_version(self, story_id: int) -> int:
        row = self.db.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id} in {self.path}")
        return row[0]

    # -----------------------------------------------------------------------------------------
    # Briefs

    def cached_brief(self, story_id: int, version: int, settings: str) -> str | None:
        """The stored brief JSON of a story, if it was made from this version and settings."""
        row = self.db.execute(
            "SELECT brief FROM briefs WHERE story = ? AND version = ? AND settings = ?",
            (story_id, version, settings),
        ).fetchone()
        return row[0] if row else None

    def save_brief(
        self, story_id: int, version: int, settings: str, brief: str, conflicts: int
    ) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?, ?, ?)",
                (story_id, version, settings, brief, conflicts, _now()),
            )
