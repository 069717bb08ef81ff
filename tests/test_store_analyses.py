"""Analyses kept in the store: a story is briefed from them, and stale ones are made again."""

from __future__ import annotations

import sqlite3
from importlib.metadata import version

from newsfuse import brief
from newsfuse.analysis import analysis_version
from newsfuse.corpus import add, list_stories, story_analyses, story_brief
from newsfuse.resources import SPACY_MODEL
from newsfuse.store import SCHEMA_VERSION, Store

from .conftest import EXAMPLE, assert_spans_valid


def _stages(calls: list[tuple[str, int, int]]) -> set[str]:
    return {stage for stage, _, _ in calls}


def test_a_story_of_kept_analyses_is_briefed_without_parsing(tmp_path, resources):
    db = tmp_path / "corpus.db"
    added = add([EXAMPLE], db=db, resources=resources)
    with Store(db) as store:
        assert store.analysis_count(analysis_version(resources)) == len(added.added) == 5
    [story] = list_stories(db)
    calls: list[tuple[str, int, int]] = []
    result = story_brief(story.id, db=db, resources=resources, progress=lambda *c: calls.append(c))
    assert "parse" not in _stages(calls) and "summary" in _stages(calls)
    assert assert_spans_valid(result)
    # the same articles briefed straight from the folder say the same
    direct = brief([EXAMPLE], resources=resources)
    assert sorted(s.text for s in result.sources) == sorted(s.text for s in direct.sources)
    assert {c.topic for c in result.conflicts} == {c.topic for c in direct.conflicts}
    assert len(result.facts) == len(direct.facts)


def test_a_cached_analysis_and_a_fresh_one_give_the_same_brief(tmp_path, resources):
    kept, lazy = tmp_path / "kept.db", tmp_path / "lazy.db"
    add([EXAMPLE], db=kept, resources=resources)
    add([EXAMPLE], db=lazy, resources=resources, analyse=False)
    with Store(lazy) as store:
        assert store.analysis_count() == 0
    [story] = list_stories(lazy)
    calls: list[tuple[str, int, int]] = []
    fresh = story_brief(story.id, db=lazy, resources=resources, progress=lambda *c: calls.append(c))
    assert ("parse", 5, 5) in calls  # the brief analysed what add left
    with Store(lazy) as store:
        assert store.analysis_count(analysis_version(resources)) == 5  # and kept it
    cached = story_brief(list_stories(kept)[0].id, db=kept, resources=resources)
    assert cached.model_dump_json() == fresh.model_dump_json()


def test_analyses_made_by_other_code_or_models_are_made_again(tmp_path, resources):
    current = analysis_version(resources)
    assert f"{SPACY_MODEL} {version(SPACY_MODEL)}" in current  # the model's version is in it
    db = tmp_path / "corpus.db"
    add([EXAMPLE], db=db, resources=resources)
    with Store(db) as store:
        [story] = list_stories(store)
        members = store.articles(store.members(story.id))
        good = story_analyses(store, members, resources)
        # what an older newsfuse or another model would have left: analyses with no quotes
        stale = [
            (m.id, a.model_copy(update={"quotes": ()})) for m, a in zip(members, good, strict=True)
        ]
        with store.transaction():
            store.db.execute("DELETE FROM analyses")
            store.save_analyses("analysis 0; spacy 2.0", stale)
        assert store.analysis_count(current) == 0
        again = story_analyses(store, members, resources)
        assert again == good and any(a.quotes for a in again)
        assert store.analysis_count(current) == 5


def test_a_store_of_schema_1_is_migrated_and_keeps_its_articles(tmp_path, resources):
    db = tmp_path / "old.db"
    add([EXAMPLE], db=db, resources=resources, analyse=False)
    # what newsfuse with schema 1 left: the same tables but the analyses (and the feed tables
    # of schema 3), and version 1
    with sqlite3.connect(db) as conn:
        for table in ("analyses", "feeds", "feed_entries"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX stories_recent")  # schema 4
        conn.execute("PRAGMA user_version=1")
    with Store(db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert store.article_count() == 5 and store.analysis_count() == 0
    [story] = list_stories(db)
    assert story.size == 5
    assert len(story_brief(story.id, db=db, resources=resources).sources) == 5
    with Store(db) as store:
        assert store.analysis_count() == 5


def test_a_kept_brief_made_by_other_code_or_models_is_made_again(tmp_path, resources):
    db = tmp_path / "corpus.db"
    add([EXAMPLE], db=db, resources=resources)
    [story] = list_stories(db)
    first = story_brief(story.id, db=db, resources=resources)
    with Store(db) as store, store.transaction():
        # what an older newsfuse kept: the same story version and settings, another analyser
        store.db.execute(
            "UPDATE briefs SET settings = replace(settings, ?, 'analysis 0'), brief = '{}'",
            (analysis_version(resources),),
        )
    again = story_brief(story.id, db=db, resources=resources)
    assert again.model_dump_json() == first.model_dump_json()  # made again, not read as '{}'
