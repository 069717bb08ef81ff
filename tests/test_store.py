"""The corpus store on real SQLite files: idempotent adds, crashes, schema versions, listing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.corpus import add, list_stories, story_brief
from newsfuse.errors import StoreError
from newsfuse.reuse import WordIndex
from newsfuse.store import SCHEMA_VERSION, Store

from .conftest import EXAMPLE, SHARED, assert_spans_valid

DUC2004 = SHARED / "benchmarks" / "duc2004" / "clusters.jsonl"


def duc_records(limit: int) -> list[dict]:
    """DUC 2004 documents as JSONL records with their ids, dates and headlines."""
    if not DUC2004.exists():
        pytest.skip("../shared/benchmarks/duc2004 is not beside the repository")
    records = []
    with DUC2004.open(encoding="utf-8") as handle:
        for line in handle:
            for doc in json.loads(line)["documents"]:
                records.append({"id": doc["id"], "date": doc["date"][:10], "text": doc["text"]})
    return records[:limit]


def test_adding_the_same_folder_twice_adds_nothing_the_second_time(tmp_path, resources):
    db = tmp_path / "corpus.db"
    first = add([EXAMPLE], db=db, resources=resources)
    assert len(first.added) == 5 and not first.skipped
    again = add([EXAMPLE], db=db, resources=resources)
    assert not again.added
    assert sorted(s.key for s in again.skipped) == sorted(a.key for a in first.added)
    with Store(db) as store:
        assert store.article_count() == 5
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        count = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count == 5


def test_stored_sentences_and_passages_point_into_the_cleaned_text(tmp_path, resources):
    db = tmp_path / "corpus.db"
    add([EXAMPLE], db=db, resources=resources)
    with Store(db) as store:
        texts = dict(store.db.execute("SELECT id, text FROM articles"))
        for article, start, end in store.db.execute("SELECT article, start, end FROM sentences"):
            assert 0 <= start < end <= len(texts[article])
            assert texts[article][start:end].strip()
        passages = store.db.execute(
            "SELECT a, b, a_start, a_end, b_start, b_end FROM passages"
        ).fetchall()
    # two of the example's reports carry the same AFP copy
    assert passages
    for a, b, a_start, a_end, b_start, b_end in passages:
        # a passage may hold light edits inside; it opens and closes on the same words
        left = WordIndex.of(texts[a][a_start:a_end]).words
        right = WordIndex.of(texts[b][b_start:b_end]).words
        assert left[:8] == right[:8] and left[-8:] == right[-8:]


def test_the_example_is_one_story_and_its_brief_is_cached_until_it_changes(tmp_path, resources):
    db = tmp_path / "corpus.db"
    add([EXAMPLE], db=db, resources=resources)
    [story] = list_stories(db)
    assert story.size == 5 and story.conflicts is None
    assert story.independent_sources == 4  # the two AFP copies count once
    result = story_brief(story.id, db=db, resources=resources)
    assert len(result.sources) == 5 and assert_spans_valid(result)
    [listed] = list_stories(db)
    assert listed.conflicts == len(result.conflicts)
    with Store(db) as store:
        made = store.db.execute("SELECT made_at FROM briefs").fetchone()[0]
    assert story_brief(story.id, db=db, resources=resources) == result
    with Store(db) as store:
        assert store.db.execute("SELECT made_at FROM briefs").fetchone()[0] == made


def test_a_store_refuses_what_it_cannot_read(tmp_path):
    newer = tmp_path / "newer.db"
    with Store(newer) as store:
        store.db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer newsfuse"):
        Store(newer)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a newsfuse database"):
        Store(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01not sqlite at all" * 100)
    with pytest.raises(StoreError):
        Store(junk)
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_articles_keep_the_ids_they_came_in_with(tmp_path, resources):
    records = duc_records(12)
    feed = tmp_path / "crawl.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n{broken\n", encoding="utf-8")
    result = add([feed], db=tmp_path / "c.db", resources=resources)
    assert len(result.problems) == 1 and "line 13" in result.problems[0].error
    listed = [key for s in list_stories(tmp_path / "c.db") for key in s.articles]
    assert sorted(listed) == sorted(r["id"] for r in records)


def _state(db: Path) -> dict:
    """What a store holds, without the times it was written at."""
    with Store(db) as store:
        q = store.db.execute
        return {
            "articles": q(
                "SELECT id, key, content_hash, text FROM articles ORDER BY id"
            ).fetchall(),
            "members": q(
                "SELECT article, story, score, reason FROM members ORDER BY article"
            ).fetchall(),
            "stories": q(
                "SELECT id, size, first_date, last_date, title, terms, names, version FROM stories"
            ).fetchall(),
            "reuse": q("SELECT a, b, share FROM reuse ORDER BY a, b").fetchall(),
            "keys": q(
                "SELECT key, story, last_date FROM story_keys ORDER BY key, story"
            ).fetchall(),
            "vocabulary": q("SELECT key, df FROM vocabulary ORDER BY key").fetchall(),
            "analyses": q(
                "SELECT article, version, analysis FROM analyses ORDER BY article"
            ).fetchall(),
        }


def _add_command(feed: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsfuse",
        "add",
        str(feed),
        "--db",
        str(db),
        "--batch",
        "5",
        "--quiet",
    ]


def test_a_killed_add_loses_nothing_committed_and_resumes_to_the_same_store(tmp_path):
    records = duc_records(40)
    feed = tmp_path / "crawl.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    whole = tmp_path / "whole.db"
    subprocess.run(_add_command(feed, whole), check=True, env=env, capture_output=True)

    crashed = tmp_path / "crashed.db"
    process = subprocess.Popen(_add_command(feed, crashed), env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        if crashed.exists():
            try:
                with sqlite3.connect(crashed, timeout=1) as conn:
                    committed = conn.execute("SELECT count(*) FROM members").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is not there yet
                committed = 0
            if committed >= 5:
                break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 5 <= committed < len(records), "the add was not caught in the middle"
    with Store(crashed) as store:
        articles = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        members = store.db.execute("SELECT count(*) FROM members").fetchone()[0]
        sentenceless = store.db.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article FROM sentences)"
        ).fetchone()[0]
        analysed = store.analysis_count()
    # whole batches only, each with its analyses
    assert articles == members == analysed and articles % 5 == 0 and sentenceless == 0
    subprocess.run(_add_command(feed, crashed), check=True, env=env, capture_output=True)
    assert _state(crashed) == _state(whole)


def test_a_store_keeps_the_clustering_settings_its_stories_were_made_with(tmp_path):
    import datetime as dt

    from newsfuse.model import Article
    from newsfuse.settings import Settings

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))[:2]]

    def article(n: int, days: int) -> Article:
        return Article(
            id=f"a{n}",
            text=texts[n],
            language="en",
            published=dt.date(2022, 1, 6) + dt.timedelta(days),
        )

    kept, fresh = tmp_path / "kept.db", tmp_path / "fresh.db"
    add([article(0, 0)], db=kept, settings=Settings(story_idle_days=400), analyse=False)
    add([article(1, 100)], db=kept, analyse=False)  # no settings given: the store's apply
    with Store(kept) as store:
        assert store.clustering()["story_idle_days"] == 400
    assert [s.size for s in list_stories(kept)] == [2]
    # the same two, 100 days apart, in a store made with the default window of 30 days
    add([article(0, 0)], db=fresh, analyse=False)
    add([article(1, 100)], db=fresh, analyse=False)
    assert sorted(s.size for s in list_stories(fresh)) == [1, 1]
    # a later add that sets one changes it for what follows
    add([], db=fresh, settings=Settings(story_idle_days=7), analyse=False)
    with Store(fresh) as store:
        assert store.clustering()["story_idle_days"] == 7
