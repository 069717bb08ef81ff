"""The corpus commands through the CLI: add, stories (listing and -o DIR), brief --story."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app

from .conftest import EXAMPLE, SHARED

runner = CliRunner()
DUC2004 = SHARED / "benchmarks" / "duc2004" / "clusters.jsonl"


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    """Five documents of each of two unrelated DUC 2004 clusters (Hurricane Mitch; the
    Gothenburg dance-hall fire), as text files with front matter, in one folder."""
    if not DUC2004.exists():
        pytest.skip("../shared/benchmarks/duc2004 is not beside the repository")
    folder = tmp_path_factory.mktemp("mixed")
    wanted = {"d30002": "mitch", "d31022": "fire"}
    with DUC2004.open(encoding="utf-8") as handle:
        for line in handle:
            cluster = json.loads(line)
            if cluster["id"] not in wanted:
                continue
            for doc in cluster["documents"][:5]:
                name = f"{wanted[cluster['id']]}-{doc['id']}.txt"
                body = f"---\npublished: {doc['date'][:10]}\n---\n{doc['text']}"
                (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_stories_of_a_mixed_folder_writes_a_brief_per_story_and_an_index(mixed_folder, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["stories", str(mixed_folder), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert len(index) == 2
    for entry in index:
        kinds = {key.rsplit("/", 1)[-1].split("-")[0] for key in entry["articles"]}
        assert len(kinds) == 1 and entry["size"] == 5  # each story holds one cluster, whole
        page = (out / entry["brief"]).read_text(encoding="utf-8")
        assert page.startswith("<!doctype html") or page.lower().startswith("<!doctype html")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert all(e["brief"] in page for e in index)


def test_brief_warns_when_its_inputs_tell_several_stories(mixed_folder, tmp_path):
    result = runner.invoke(app, ["brief", str(mixed_folder), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 0, result.output
    assert "2 different stories" in result.stderr and "newsfuse stories" in result.stderr


def test_brief_of_one_story_does_not_warn(tmp_path):
    result = runner.invoke(app, ["brief", str(EXAMPLE), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 0, result.output
    assert "different stories" not in result.stderr


def test_add_list_and_brief_a_stored_story(tmp_path, monkeypatch):
    db = tmp_path / "news.db"
    monkeypatch.setenv("NEWSFUSE_DB", str(db))
    first = runner.invoke(app, ["add", str(EXAMPLE)])
    assert first.exit_code == 0, first.output
    assert first.stdout.count("added ") == 5 and "new story 1" in first.stdout
    second = runner.invoke(app, ["add", str(EXAMPLE)])
    assert second.stdout.count("skipped ") == 5 and "added 0 articles" in second.stderr
    listing = runner.invoke(app, ["stories", "--format", "json"])
    [story] = json.loads(listing.stdout)
    assert story["size"] == 5 and story["conflicts"] is None and len(story["articles"]) == 5
    brief = runner.invoke(
        app, ["brief", "--story", str(story["id"]), "-o", str(tmp_path / "s.json")]
    )
    assert brief.exit_code == 0, brief.output
    assert len(json.loads((tmp_path / "s.json").read_text())["sources"]) == 5
    table = runner.invoke(app, ["stories", "--db", str(db), "--since", "2022-01-01"])
    assert "Kazakhstan" in table.stdout
    assert (
        json.loads(
            runner.invoke(app, ["stories", "--format", "json", "--since", "2030-01-01"]).stdout
        )
        == []
    )


def test_corpus_commands_report_bad_options(tmp_path):
    assert runner.invoke(app, ["brief"]).exit_code == 2
    assert runner.invoke(app, ["brief", str(EXAMPLE), "--story", "1"]).exit_code == 2
    assert (
        runner.invoke(app, ["stories", "--db", str(tmp_path / "x.db"), "--since", "soon"]).exit_code
        == 2
    )
    missing = runner.invoke(app, ["brief", "--story", "7", "--db", str(tmp_path / "y.db")])
    assert missing.exit_code == 1 and "no story 7" in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    nothing = runner.invoke(app, ["add", str(empty), "--db", str(tmp_path / "z.db")])
    assert nothing.exit_code == 1 and "empty" in nothing.stderr
