"""newsfuse index on a real Dask LocalCluster of 2 workers: the same wire copy and stories as
the single-process ``add`` on the same articles, and Parquet outputs a store can be opened from."""

from __future__ import annotations

import collections
import datetime as dt
import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.corpus import add, list_stories, story_brief
from newsfuse.scale import index
from newsfuse.store import Store

from .conftest import EXAMPLE, SHARED


def duc_stream() -> list[dict]:
    """Every DUC 2004 and 2006 article once (those in two clusters left out), as records, in
    publication order (the day is in the document id)."""
    rows = []
    for name in ("duc2004", "duc2006"):
        path = SHARED / "benchmarks" / name / "clusters.jsonl"
        if not path.exists():
            pytest.skip(f"{path} is not there (../shared/benchmarks)")
        rows += [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    seen = collections.Counter(d["id"] for r in rows for d in r["documents"])
    records = []
    for row in rows:
        for doc in row["documents"]:
            if seen[doc["id"]] == 1:
                day = re.search(r"(?:19|20)\d{6}", doc["id"]).group(0)
                records.append(
                    {
                        "id": doc["id"],
                        "title": doc.get("headline") or None,
                        "outlet": re.match(r"[A-Z]+", doc["id"]).group(0),
                        "published": dt.date(int(day[:4]), int(day[4:6]), int(day[6:])).isoformat(),
                        "language": "en",
                        "text": doc["text"],
                    }
                )
    return sorted(records, key=lambda r: (r["published"], r["id"]))


def groups_and_pairs(db) -> tuple[set[frozenset[str]], set[tuple[str, str]]]:
    with Store(db) as store:
        members = store.db.execute(
            "SELECT a.key, m.story FROM members m JOIN articles a ON a.id = m.article"
        ).fetchall()
        pairs = store.db.execute(
            "SELECT x.key, y.key, round(r.share, 4) FROM reuse r "
            "JOIN articles x ON x.id = r.a JOIN articles y ON y.id = r.b"
        ).fetchall()
    stories = collections.defaultdict(set)
    for key, story in members:
        stories[story].add(key)
    return {frozenset(s) for s in stories.values()}, {tuple(p) for p in pairs}


def test_index_on_a_local_cluster_equals_the_single_process_path(tmp_path):
    records = duc_stream()
    shards = tmp_path / "shards"
    shards.mkdir()
    third = len(records) // 3 + 1
    for n in range(3):  # consecutive slices: the files in turn are the stream in order
        with (shards / f"part-{n}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records[n * third : (n + 1) * third]:
                handle.write(json.dumps(record) + "\n")
    # ordinal ranges of 250 (5,000 by default): pairs cross ranges, and texts are lent
    result = index([shards], tmp_path / "out", workers=2, block_bytes=1_000_000, range_size=250)
    assert result.lent_texts > 0
    single = add(sorted(shards.glob("*.jsonl")), db=tmp_path / "single.db", analyse=False)
    single.store.close()
    assert result.articles == len(records) - len(single.problems)
    indexed_stories, indexed_pairs = groups_and_pairs(result.db)
    single_stories, single_pairs = groups_and_pairs(tmp_path / "single.db")
    assert len(indexed_pairs) > 100 and indexed_pairs == single_pairs
    assert len(indexed_stories) > 100 and indexed_stories == single_stories
    membership = pq.read_table(tmp_path / "out" / "stories.parquet")
    assert {"article_id", "story"} <= set(membership.column_names)
    assert membership.num_rows == result.counts["articles"]
    assert set(membership["article_id"].to_pylist()) <= {r["id"] for r in records}
    assert not (tmp_path / "out" / "work").exists()


def test_index_command_reads_jsonl_and_parquet_and_reports_bad_lines(tmp_path):
    texts = sorted(EXAMPLE.glob("*.txt"))
    records = [
        {"id": f"kz-{n}", "published": "2022-01-06", "text": t.read_text(encoding="utf-8")}
        for n, t in enumerate(texts)
    ]
    (tmp_path / "a.jsonl").write_text(
        json.dumps(records[0]) + "\n" + json.dumps(records[1]) + "\n{not json\n",
        encoding="utf-8",
    )
    pq.write_table(pa.Table.from_pylist(records[2:]), tmp_path / "b.parquet")
    (tmp_path / "notes.txt").write_text("not a shard", encoding="utf-8")
    out = tmp_path / "out"
    ran = CliRunner().invoke(
        app,
        [
            "index",
            str(tmp_path / "a.jsonl"),
            str(tmp_path / "b.parquet"),
            str(tmp_path / "notes.txt"),
            "--out",
            str(out),
            "--workers",
            "2",
            "-q",
        ],
    )
    assert ran.exit_code == 0, ran.output
    assert "5 articles of 5 read in 1 stories" in ran.output
    problems = pq.read_table(out / "problems.parquet").to_pylist()
    assert {p["path"] for p in problems} == {
        f"{tmp_path / 'a.jsonl'}:3",
        str(tmp_path / "notes.txt"),
    }
    assert "not valid JSON" in next(p["error"] for p in problems if p["path"].endswith(":3"))
    stories = pq.read_table(out / "stories.parquet").to_pylist()
    assert sorted(s["article_id"] for s in stories) == [f"kz-{n}" for n in range(5)]
    # the store it leaves is one that stories and brief --story open
    [story] = list_stories(out / "newsfuse.db")
    assert story.size == 5
    assert len(story_brief(story.id, db=out / "newsfuse.db").sources) == 5
    for name in ("articles", "passages", "reuse", "wire_groups"):
        assert (out / f"{name}.parquet").exists()
    again = CliRunner().invoke(app, ["index", str(tmp_path / "a.jsonl"), "--out", str(out)])
    assert again.exit_code == 2 and "already holds 5 articles" in again.output
    nothing = CliRunner().invoke(app, ["index", str(tmp_path / "notes.txt"), "--out", str(out)])
    assert nothing.exit_code == 2 and "no shards to index" in nothing.output
