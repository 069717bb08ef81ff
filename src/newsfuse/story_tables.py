"""The story and brief tables of the store, as methods :class:`~newsfuse.store.Store` inherits.

Kept apart from ``store`` (connection, schema, articles, wire copy, analyses) so that each module
reads on its own; the API is one object, as sqlite-utils' ``Database`` is.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
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


class StoryTables:
    """Stories, their members and index keys, and each story's last brief."""

    db: sqlite3.Connection
    path: str

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
        row = self.db.execute(
            "SELECT size, first_date, last_date, terms, names FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id} in {self.path}")
        size, first, last, terms, names = row
        from .stories import StoryState

        return StoryState(
            id=story_id,
            size=size,
            first=date_of(first),
            last=date_of(last),
            terms=json.loads(terms),
            names=json.loads(names),
        )

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
        self.db.execute(
            "UPDATE stories SET size = ?, first_date = ?, last_date = ?, terms = ?, names = ?, "
            "version = version + 1, updated_at = ? WHERE id = ?",
            (
                story.size,
                iso(story.first),
                iso(story.last),
                json.dumps(story.terms),
                json.dumps(story.names),
                now(),
                story.id,
            ),
        )
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

    def story_rows(self, since: dt.date | None = None) -> list[dict]:
        """Every story (or those with an article on or after ``since``), newest activity first."""
        rows = self.db.execute(
            "SELECT s.id, s.title, s.size, s.first_date, s.last_date, s.version, s.updated_at, "
            "b.conflicts, b.version FROM stories s LEFT JOIN briefs b ON b.story = s.id "
            "WHERE s.size > 0 AND coalesce(s.last_date, '') >= ? "
            "ORDER BY s.last_date IS NULL, s.last_date DESC, s.updated_at DESC, s.id DESC",
            (iso(since) or "",),
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
                (story_id, version, settings, brief, conflicts, now()),
            )
