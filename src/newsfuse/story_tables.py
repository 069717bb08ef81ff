"""The story, brief and feed tables of the store, as methods :class:`~newsfuse.store.Store` inherits.

Kept apart from ``store`` (connection, schema, articles, wire copy, analyses) so that each module
reads on its own; the API is one object, as sqlite-utils' ``Database`` is.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
import sys
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    # the clusterer pulls in numpy and the stemmer: listing stories needs neither
    from .stories import StoryState

#: Most stories a key leads to, newest first: a stem shared by half the corpus must not make
#: every lookup read half the corpus.
POSTINGS = 40
#: Most candidate stories scored for one article (those sharing the most keys with it).
MAX_CANDIDATES = 30
#: Story centroids kept decoded by one connection, least recently used dropped first: about
#: 40 KB each, so at most about 80 MB whatever the number of stories.
CENTROID_CACHE = 2048


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def date_of(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


#: The settings that decide which story an article joins: a store keeps the ones its stories
#: were made with, so that every add groups its articles alike.
CLUSTERING = (
    "story_threshold",
    "story_name_weight",
    "story_size_discount",
    "story_idle_days",
    "story_wire_words",
)


def pack_masses(masses: dict[str, float]) -> bytes | str:
    """A centroid as stored: its keys NUL-joined, then their masses as float64.

    Decoding this is about 4 times faster than JSON (22 against 98 µs for a 300-stem centroid),
    and placing an article reads up to ``MAX_CANDIDATES`` of them: on 30,000 synthetic
    articles JSON decoding was a third of ``index``'s story stage. A key holding a NUL (never
    made by ``stories``, which keeps word characters) falls back to JSON."""
    if any("\0" in key for key in masses):
        return json.dumps(masses)
    encoded = "\0".join(masses).encode()
    values = array("d", masses.values())
    if sys.byteorder == "big":  # stored little-endian, so a store file moves between machines
        values.byteswap()
    return struct.pack("<I", len(encoded)) + encoded + values.tobytes()


def unpack_masses(stored: bytes | str) -> dict[str, float]:
    """The centroid :func:`pack_masses` stored, or one stored as JSON (by newsfuse before
    2026-12-08, or for a key with a NUL): both are read, so no migration is needed."""
    if isinstance(stored, str):
        return json.loads(stored)
    (length,) = struct.unpack_from("<I", stored)
    keys = stored[4 : 4 + length].decode()
    values = array("d", stored[4 + length :])
    if sys.byteorder == "big":
        values.byteswap()
    if not values:
        return {}
    return dict(zip(keys.split("\0"), values, strict=True))


class StoryTables:
    """Stories, their members and index keys, and each story's last brief."""

    db: sqlite3.Connection
    path: str
    #: story id -> (version, terms, names), for :meth:`load_story`
    _centroids: OrderedDict[int, tuple[int, dict, dict]]

    def clustering(self) -> dict | None:
        """The clustering settings the store's stories were made with (None: none yet)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'clustering'").fetchone()
        return json.loads(row[0]) if row else None

    def save_clustering(self, values: dict) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('clustering', ?)",
            (json.dumps(values, sort_keys=True),),
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
        floor = iso(since) or ""
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
        """A story's state, decoded once and kept while its version in the file is unchanged
        (another process that grows the story bumps the version)."""
        row = self.db.execute(
            "SELECT size, first_date, last_date, version FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id} in {self.path}")
        size, first, last, version = row
        cached = self._centroids.get(story_id)
        if cached is None or cached[0] != version:
            terms, names = self.db.execute(
                "SELECT terms, names FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            cached = (version, unpack_masses(terms), unpack_masses(names))
            self._remember(story_id, cached)
        else:
            self._centroids.move_to_end(story_id)
        from .stories import StoryState

        # copies: the caller grows the state it gets, and the kept one must stay the file's
        return StoryState(
            id=story_id,
            size=size,
            first=date_of(first),
            last=date_of(last),
            terms=dict(cached[1]),
            names=dict(cached[2]),
        )

    def _remember(self, story_id: int, entry: tuple[int, dict, dict]) -> None:
        self._centroids[story_id] = entry
        self._centroids.move_to_end(story_id)
        while len(self._centroids) > CENTROID_CACHE:
            self._centroids.popitem(last=False)

    def new_story(self) -> int:
        """Open an empty story and return its id (ids are never reused or changed)."""
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO stories (size, title_score, terms, names, version, created_at, "
            "updated_at) VALUES (0, -1, '{}', '{}', 0, ?, ?)",
            (stamp, stamp),
        )
        return int(cursor.lastrowid or 0)

    def save_story(self, story: StoryState, keys: Sequence[str]) -> None:
        """Write a story's grown centroid and re-index it under ``keys``."""
        [(version,)] = self.db.execute(
            "UPDATE stories SET size = ?, first_date = ?, last_date = ?, terms = ?, names = ?, "
            "version = version + 1, updated_at = ? WHERE id = ? RETURNING version",
            (
                story.size,
                iso(story.first),
                iso(story.last),
                pack_masses(story.terms),
                pack_masses(story.names),
                now(),
                story.id,
            ),
        ).fetchall()
        self._remember(story.id, (version, dict(story.terms), dict(story.names)))
        self.db.execute("DELETE FROM story_keys WHERE story = ?", (story.id,))
        last = iso(story.last) or ""
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

    def story_rows(
        self,
        since: dt.date | None = None,
        *,
        only: Sequence[int] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict]:
        """Every story (or those with an article on or after ``since``, or those of ``only``),
        newest activity first; ``limit`` and ``offset`` page through them."""
        where, params = "s.size > 0 AND coalesce(s.last_date, '') >= ?", [iso(since) or ""]
        if only is not None:
            # a table-valued list, not one placeholder per id: a search may find thousands
            where += " AND s.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(only)))
        rows = self.db.execute(
            "SELECT s.id, s.title, s.size, s.first_date, s.last_date, s.version, s.updated_at, "
            f"b.conflicts, b.version FROM stories s LEFT JOIN briefs b ON b.story = s.id "
            f"WHERE {where} "
            # the order of the stories_recent index: undated stories ('') come last
            "ORDER BY coalesce(s.last_date, '') DESC, s.updated_at DESC, s.id DESC "
            "LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        ).fetchall()
        names = ("id", "title", "size", "first", "last", "version", "updated", "conflicts", "bv")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def story_title(self, story_id: int) -> str:
        row = self.db.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id} in {self.path}")
        return row[0] or f"story {story_id}"

    def story_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM stories WHERE size > 0").fetchone()[0]

    def stories_with_keys(self, alternatives: Sequence[Sequence[str]]) -> set[int]:
        """Stories indexed under at least one key of every group of ``alternatives`` (a query
        word is a group: its stem key and its name key)."""
        found: set[int] | None = None
        for keys in alternatives:
            marks = ",".join("?" * len(keys))
            hits = {
                r[0]
                for r in self.db.execute(
                    f"SELECT DISTINCT story FROM story_keys WHERE key IN ({marks})", tuple(keys)
                )
            }
            found = hits if found is None else found & hits
            if not found:
                return set()
        return found or set()

    def stories_titled(self, words: Sequence[str]) -> set[int]:
        """Stories whose title holds every one of ``words`` (case-insensitive)."""
        where = " AND ".join("instr(lower(title), ?) > 0" for _ in words) or "1"
        return {
            r[0]
            for r in self.db.execute(
                f"SELECT id FROM stories WHERE size > 0 AND {where}",
                tuple(w.lower() for w in words),
            )
        }

    def members(self, story_id: int) -> list[int]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT article FROM members WHERE story = ? ORDER BY article", (story_id,)
            )
        ]

    def member_details(self, story_id: int) -> list[tuple[int, str, str | None]]:
        """(article id, key, outlet) of a story's members."""
        return self.members_of_stories([story_id]).get(story_id, [])

    def members_of_stories(
        self, story_ids: Sequence[int]
    ) -> dict[int, list[tuple[int, str, str | None]]]:
        """(article id, key, outlet) of the members of each of ``story_ids``, in publication
        order: one query for a page of stories."""
        found: dict[int, list[tuple[int, str, str | None]]] = {}
        for story, article, key, outlet in self.db.execute(
            "SELECT m.story, a.id, a.key, a.outlet FROM members m JOIN articles a "
            "ON a.id = m.article WHERE m.story IN (SELECT value FROM json_each(?)) "
            "ORDER BY a.published IS NULL, a.published, a.id",
            (json.dumps(list(story_ids)),),
        ):
            found.setdefault(story, []).append((article, key, outlet))
        return found

    def shares_among(self, ids: Sequence[int]) -> list[tuple[int, int, float]]:
        """The reuse pairs between articles of ``ids``: (a, b, share)."""
        listed = json.dumps(list(ids))
        return self.db.execute(
            "SELECT a, b, share FROM reuse WHERE a IN (SELECT value FROM json_each(?)) "
            "AND b IN (SELECT value FROM json_each(?))",
            (listed, listed),
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
                (story_id, version, settings, brief, conflicts, now()),
            )


class FeedTables:
    """What each feed gave: the validators of its last complete read and the entries taken."""

    db: sqlite3.Connection

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified of the feed's last complete read (None, None: none)."""
        row = self.db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_feed(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?)", (url, etag, last_modified, now())
        )

    def seen_entries(self, url: str, entries: Sequence[str]) -> set[str]:
        """Those of ``entries`` (ids) already taken from the feed ``url``."""
        seen: set[str] = set()
        for start in range(0, len(entries), 500):
            chunk = list(entries[start : start + 500])
            seen.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT entry FROM feed_entries WHERE feed = ? "
                    f"AND entry IN ({','.join('?' * len(chunk))})",
                    (url, *chunk),
                )
            )
        return seen

    def mark_seen(self, url: str, entries: Iterable[str]) -> None:
        """The feed's ``entries`` were taken (added, or found already stored)."""
        stamp = now()
        self.db.executemany(
            "INSERT OR IGNORE INTO feed_entries VALUES (?, ?, ?)",
            [(url, entry, stamp) for entry in entries],
        )
