"""stored: reading a corpus store: its stories listed, and the brief of one story.

The read side of :mod:`newsfuse.corpus` (which re-exports these): ``newsfuse stories`` and
``newsfuse brief --story``. A story's brief is fused from its members' kept analyses, and kept
until the story, the settings or the code and models that analyse change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .analysis import Analysis, analyse_cleaned, analysis_version
from .model import Brief
from .pipeline import Progress, fuse_analyses
from .resources import Resources
from .settings import Settings
from .store import Store, StoredArticle


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as ``newsfuse stories`` lists it."""

    id: int
    title: str
    size: int
    outlets: tuple[str, ...]
    independent_sources: int
    first: dt.date | None
    last: dt.date | None
    conflicts: int | None  # None until the story has been briefed in its current state
    articles: tuple[str, ...]  # the keys its articles came in with

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "size": self.size,
            "outlets": list(self.outlets),
            "independent_sources": self.independent_sources,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "conflicts": self.conflicts,
            "articles": list(self.articles),
        }


def list_stories(
    db: str | Path | Store = "newsfuse.db",
    *,
    since: str | dt.date | None = None,
    settings: Settings | None = None,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StorySummary]:
    """The stories of the store, newest activity first (those active on or after ``since``;
    those that match ``query`` by the words and names they are indexed under or by their
    title; ``limit`` of them from ``offset``)."""
    settings = settings or Settings()
    store = db if isinstance(db, Store) else Store(db)
    only = matching_stories(store, query) if query and query.strip() else None
    rows = store.story_rows(_floor(since), only=only, limit=limit, offset=offset)
    members = store.members_of_stories([r["id"] for r in rows])
    pairs = store.shares_among([m[0] for group in members.values() for m in group])
    return [_summary(row, members.get(row["id"], []), pairs, settings) for row in rows]


def matching_stories(store: Store, query: str) -> list[int]:
    """Stories indexed under every word of ``query`` (as a stem or a name), or titled with
    every word of it."""
    from .stories import search_keys

    groups = search_keys(query)
    found = store.stories_with_keys(groups) if groups else set()
    return sorted(found | store.stories_titled(query.split()))


def _floor(since: str | dt.date | None) -> dt.date | None:
    from .ingest import parse_date

    floor = parse_date(since) if since is not None else None
    if since is not None and floor is None:
        from .errors import ConfigError

        raise ConfigError(f"cannot read the date {since!r}; use YYYY-MM-DD")
    return floor


def _summary(
    row: dict,
    members: Sequence[tuple[int, str, str | None]],
    pairs: Sequence[tuple[int, int, float]],
    settings: Settings,
) -> StorySummary:
    ids = {m[0] for m in members}
    own = [p for p in pairs if p[0] in ids and p[1] in ids]
    return StorySummary(
        id=row["id"],
        title=row["title"] or f"story {row['id']}",
        size=row["size"],
        outlets=tuple(sorted({m[2] for m in members if m[2]})),
        independent_sources=_independent([m[0] for m in members], own, settings),
        first=dt.date.fromisoformat(row["first"]) if row["first"] else None,
        last=dt.date.fromisoformat(row["last"]) if row["last"] else None,
        conflicts=row["conflicts"] if row["bv"] == row["version"] else None,
        articles=tuple(m[1] for m in members),
    )


def _independent(
    ids: Sequence[int], pairs: Sequence[tuple[int, int, float]], settings: Settings
) -> int:
    """Members once wire copies count as one (sources linked by ``wire_share`` or more)."""
    parent = {i: i for i in ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, share in pairs:
        if share >= settings.wire_share:
            parent[find(a)] = find(b)
    return len({find(i) for i in ids})


def story_brief(
    story_id: int,
    *,
    db: str | Path | Store = "newsfuse.db",
    settings: Settings | None = None,
    resources: Resources | None = None,
    progress: Progress | None = None,
) -> Brief:
    """The brief of one stored story: from the store when the story has not changed since it
    was last made with these settings, else made again (and stored)."""
    settings = settings or Settings()
    store = db if isinstance(db, Store) else Store(db)
    resources = resources or Resources()
    cached = kept_brief(story_id, store, settings, resources)
    if cached is not None:
        return Brief.from_json(cached)
    version = store.story_version(story_id)
    members = store.articles(store.members(story_id))
    result = fuse_analyses(
        story_analyses(store, members, resources, progress),
        settings=settings,
        resources=resources,
        progress=progress,
    )
    store.save_brief(
        story_id,
        version,
        _made_with(settings, resources),
        result.to_json(indent=None),
        len(result.conflicts),
    )
    return result


def kept_brief(story_id: int, store: Store, settings: Settings, resources: Resources) -> str | None:
    """The kept brief JSON of a story if it is current (the story unchanged since, made with
    these settings, code and models), else None; raises StoreError for an unknown story."""
    version = store.story_version(story_id)
    return store.cached_brief(story_id, version, _made_with(settings, resources))


def _made_with(settings: Settings, resources: Resources) -> str:
    # a newer newsfuse or model makes the brief again, as it does the analyses
    # the settings that only decide what is read (which the store already holds) stay out
    reading = {
        "published", "max_bytes", "field_map", "max_files", "follow_links", "max_html_elements",
    }  # fmt: skip
    made_with = settings.model_dump_json(exclude=reading)
    return made_with + f"\n{analysis_version(resources)}"


def story_analyses(
    store: Store,
    members: Sequence[StoredArticle],
    resources: Resources,
    progress: Progress | None = None,
) -> list[Analysis]:
    """The analyses of a story's members, in their order: kept ones as they are, the others
    (added with ``analyse=False``, or made by other code or models) made now and kept."""
    version = analysis_version(resources)
    kept = store.cached_analyses(members, version)
    missing = [m for m in members if m.id not in kept]
    if missing:
        report = progress or (lambda stage, done, total: None)
        made = analyse_cleaned(
            [m.clean for m in missing], resources, lambda done, total: report("parse", done, total)
        )
        fresh = dict(zip((m.id for m in missing), made, strict=True))
        with store.transaction():
            store.save_analyses(version, fresh.items())
        kept.update(fresh)
    return [kept[m.id] for m in members]
