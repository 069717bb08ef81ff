"""Hostile input: XML entity attacks, pages that would take minutes, folders that never end or
lead out, and every class of input that once vanished or crashed the batch. The property each
test checks: no exception escapes, and every input ends up a source or a problem."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse import Settings, brief, load_articles
from newsfuse.cli import app
from newsfuse.model import Article, Problem
from newsfuse.render import render

runner = CliRunner()
STORY = "Rescue teams reached the flooded villages on Tuesday, officials said. " * 12
SECRET = "root:x:0:0:the-secret-line"


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _everything(articles: list[Article], problems: list[Problem]) -> str:
    """Every string the reading produced, to look for a leak in."""
    return json.dumps(
        [a.model_dump(mode="json") for a in articles] + [p.model_dump() for p in problems]
    )


def _rss(items: str, head: str = "") -> str:
    return f'<?xml version="1.0"?>\n{head}<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def _item(title: str, body: str = STORY, extra: str = "") -> str:
    return f"<item><title>{title}</title><link>https://example.com/a</link>{extra}<description>{body}</description></item>"


def _laughs(levels: int = 9) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)]
    return "<!DOCTYPE rss [\n" + "\n".join(lines) + "\n]>\n"


# ---------------------------------------------------------------------------------------------
# Safe XML


def test_a_feed_declaring_entities_is_refused_before_feedparser_sees_it(tmp_path):
    from newsfuse.intake import _parsed

    url = _secret(tmp_path).as_uri()
    attacks = {
        "xxe.rss": _rss(
            _item("A &xxe;", STORY + "&xxe;"), f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{url}">]>\n'
        ),
        "laughs.rss": _rss(_item("A", "&lol9;"), _laughs()),
        "parameter.rss": _rss(_item("A"), f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{url}"> %p;]>\n'),
        # so broken that its parser stops before the DOCTYPE: the byte check still sees it
        "broken.rss": "junk" + _rss(_item("A &x;"), '<!DOCTYPE rss [<!ENTITY x "y">]>'),
    }
    for name, xml in attacks.items():
        (tmp_path / name).write_text(xml, encoding="utf-8")
    (tmp_path / "wide.rss").write_bytes(
        attacks["xxe.rss"].replace('1.0"?>', '1.0" encoding="utf-16"?>').encode("utf-16")
    )
    started = time.perf_counter()
    articles, problems = load_articles([tmp_path / n for n in [*attacks, "wide.rss"]])
    assert time.perf_counter() - started < 10  # nothing expanded
    assert not articles
    errors = [p for p in problems if p.severity == "error"]  # and a warning: wide is UTF-16
    assert len(errors) == 5 and all("declares XML entities" in p.error for p in errors)
    assert SECRET not in _everything(articles, problems)
    # a feed fetched by 'add' is screened the same way
    parsed, problem = _parsed("https://example.com/feed", attacks["xxe.rss"].encode(), None)
    assert parsed is None and "declares XML entities" in problem.error


def test_a_feed_naming_an_external_dtd_is_read_without_loading_it(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY xxe SYSTEM "{_secret(tmp_path).as_uri()}">', encoding="utf-8")
    feed = tmp_path / "feed.rss"
    doctype = f'<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">\n'
    feed.write_text(_rss(_item("A &xxe;", STORY + " &xxe;"), doctype), encoding="utf-8")
    articles, problems = load_articles([feed])
    assert len(articles) == 1  # RSS 0.91 feeds name a DTD: they are read, the DTD is not
    assert SECRET not in _everything(articles, problems)


def test_an_html_page_declaring_entities_never_expands_them(tmp_path):
    url = _secret(tmp_path).as_uri()
    paragraphs = "".join(f"<p>{STORY} &xxe; &lol9;</p>" for _ in range(3))
    page = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{url}">'
        + _laughs().removeprefix("<!DOCTYPE rss [\n")
        + f"<html><head><title>T &xxe;</title></head><body><article>{paragraphs}</article></body></html>"
    )
    for name in ("page.html", "page.xhtml"):
        (tmp_path / name).write_text(page, encoding="utf-8")
    started = time.perf_counter()
    articles, problems = load_articles([tmp_path / "page.html", tmp_path / "page.xhtml"])
    assert time.perf_counter() - started < 20
    assert len(articles) == 2
    leaked = _everything(articles, problems)
    assert SECRET not in leaked and "lollol" not in leaked


# ---------------------------------------------------------------------------------------------
# Bounded work


def test_a_page_of_more_elements_than_the_limit_is_cut_there_with_a_warning(tmp_path):
    page = tmp_path / "long.html"
    paragraphs = "".join(
        f"<p>Paragraph {n} says the council voted on the budget for the year.</p>"
        for n in range(300)
    )
    page.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    settings = Settings(max_html_elements=100, language_detection=False)
    first, problems = load_articles([page], settings=settings)
    again, _ = load_articles([page], settings=settings)
    assert first == again  # a cut at an element, not at a time: the same on every run
    assert "Paragraph 10 says" in first[0].text and "Paragraph 150 says" not in first[0].text
    (warning,) = problems
    assert warning.severity == "warning" and "more than 100 HTML elements" in warning.error
    assert "--max-elements" in warning.error
    whole, problems = load_articles([page], settings=Settings(language_detection=False))
    assert not problems and "Paragraph 299 says" in whole[0].text


def test_two_hundred_thousand_paragraphs_take_seconds_not_minutes(tmp_path):
    page = tmp_path / "huge.html"
    paragraphs = "".join(f"<p>Paragraph {n} of the story.</p>" for n in range(200_000))
    page.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    started = time.perf_counter()
    articles, problems = load_articles([page], settings=Settings(language_detection=False))
    assert time.perf_counter() - started < 30  # uncut: minutes
    assert len(articles) == 1 and "more than 20,000 HTML elements" in problems[0].error


def _files(folder: Path, names: list[str]) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(STORY.replace("Tuesday", name), encoding="utf-8")


def test_a_folder_walk_stops_at_max_files_and_says_how_many_were_left(tmp_path):
    _files(tmp_path, ["a.txt", "b.txt", "c.txt", "sub/d.txt", "sub/e.txt", "sub/deeper/f.txt"])
    articles, problems = load_articles([tmp_path], settings=Settings(max_files=4))
    # a folder's own files first, then its subfolders', in name order
    assert [Path(a.path).name for a in articles] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    (problem,) = problems
    assert (
        "more than 4 files" in problem.error and "2 more entries were left unread" in problem.error
    )
    assert "--max-files" in problem.error
    articles, problems = load_articles([tmp_path], settings=Settings(max_files=6))
    assert len(articles) == 6 and not problems


def test_a_folder_a_thousand_deep_is_walked(tmp_path):
    folder = tmp_path
    for _ in range(1_100):  # os.walk recursed, and raised RecursionError
        folder = folder / "d"
        folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    try:
        articles, problems = load_articles([tmp_path])
        assert len(articles) == 1 and not problems
    finally:
        # pytest removes old temporary folders with shutil.rmtree, which recurses and would
        # fail on this one in a later session: take it down here, from the bottom
        (folder / "a.txt").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_follow_links_reads_links_out_of_the_folder_and_still_refuses_loops_pipes_devices(
    tmp_path,
):
    outside = tmp_path / "outside"
    _files(outside, ["far.txt", "dir/deep.txt"])
    os.mkfifo(outside / "pipe.txt")
    folder = tmp_path / "in"
    _files(folder, ["a.txt"])
    links = {
        "far.txt": outside / "far.txt",
        "dir": outside / "dir",
        "up": tmp_path,  # leads back into the folder given: a loop
        "pipe.txt": outside / "pipe.txt",
        "zero.txt": Path("/dev/zero"),
        "loop.txt": folder / "loop.txt",
        "broken.txt": tmp_path / "nowhere.txt",
    }
    for name, target in links.items():
        (folder / name).symlink_to(target)
    articles, problems = load_articles([folder], settings=Settings(follow_links=True))
    read = sorted(str(Path(a.path).relative_to(folder)) for a in articles)
    assert "far.txt" in read and "dir/deep.txt" in read and "a.txt" in read
    assert "up/outside/far.txt" in read  # the folder above, read once through the link
    why = {str(Path(p.path).relative_to(folder)): p.error for p in problems}
    assert "not a regular file" in why["pipe.txt"] and "not a regular file" in why["zero.txt"]
    assert "broken link" in why["loop.txt"] and "broken link" in why["broken.txt"]
    assert "already read through a link" in why["up/in"]
    # without the option, each link out is refused and names the option
    articles, problems = load_articles([folder])
    assert [Path(a.path).name for a in articles] == ["a.txt"]
    refused = [p.error for p in problems if "outside the folder given" in p.error]
    assert len(refused) == 5 and all("--follow-links" in e for e in refused)


# ---------------------------------------------------------------------------------------------
# Nothing silent


def _accounted(entries: list[str], articles: list[Article], problems: list[Problem]) -> list[str]:
    """The entries that are neither a source (``path`` or ``path:N``) nor a problem."""
    named = [a.path or "" for a in articles] + [p.path for p in problems]
    return [e for e in entries if not any(n == e or n.startswith(f"{e}:") for n in named)]


def test_every_entry_of_a_hostile_folder_is_a_source_or_a_problem(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    _files(folder, ["a.txt", "sub/b.txt", "upper/c.txt", "locked/d.txt"])
    odd = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: Python holds the byte as a surrogate
    (folder / odd).write_text(STORY, encoding="utf-8")
    entries = {
        "empty-list.json": "[]",
        "empty-object.json": "{}",
        "record.json": json.dumps({"text": STORY, "path": "/etc/passwd", "title": "T\ud800"}),
        "year0.atom": (
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
            f"<entry><id>e1</id><title>A</title><updated>0000-01-01T00:00:00Z</updated>"
            f"<content>{STORY}</content></entry></feed>"
        ),
        "refs.rss": _rss(_item("A &#x110000; &#xD800;", STORY + "&#99999999999;")),
        "control.rss": _rss(_item("A", f"&lt;p&gt;{STORY}&lt;/p&gt;\x01 more")),
        "lines.jsonl": json.dumps({"text": STORY}) + "\n" + "x" * 5000 + "\n",
    }
    for name, text in entries.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub" / "manifest.json").write_text(json.dumps({"b.txt": {"title": "Sub"}}))
    (folder / "upper" / "MANIFEST.JSON").write_text(json.dumps({"c.txt": {"title": "Upper"}}))
    os.mkfifo(folder / "pipe.txt")
    real_scandir = os.scandir

    # root reads any folder, so an unreadable one is made by refusing to list it
    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, problems = load_articles([folder], settings=Settings(max_bytes=4000))
    titles = {Path(a.path.split(":")[0]).name: a.title for a in articles}
    assert titles["b.txt"] == "Sub" and titles["c.txt"] == "Upper"  # manifests, in any case
    # the odd name is cited with U+FFFD for its byte: no output format encodes a surrogate
    listed = [str(folder / n) for n in [*entries, "caf\ufffd.txt", "pipe.txt", "locked"]]
    assert _accounted(listed, articles, problems) == []
    by_name = {Path(p.path.split(":")[0]).name: p.error for p in problems}
    assert "holds no records" in by_name["empty-list.json"]
    assert "could not be listed" in by_name["locked"]
    assert "publication date" in by_name["year0.atom"]
    record = next(a for a in articles if a.path == str(folder / "record.json"))
    assert record.title == "T\ufffd"  # the record's path key did not become its origin


def test_lone_surrogates_in_names_and_titles_render_in_every_format(tmp_path, resources):
    odd = tmp_path / os.fsdecode(b"r\xe9port.txt")
    odd.write_text(STORY, encoding="utf-8")
    record = tmp_path / "record.json"
    record.write_text(
        json.dumps({"text": STORY.replace("Tuesday", "Monday") + " \ud800", "title": "T\udfff"})
    )
    result = brief([odd, record], "2023-03-14", resources=resources)
    for fmt in ("json", "md", "html"):
        assert "\ufffd" in render(result, fmt)


def test_a_records_path_key_is_metadata_never_its_origin(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": STORY, "path": "/etc/passwd"}))
    lines = tmp_path / "many.jsonl"
    lines.write_text(json.dumps({"text": STORY, "file": "/etc/shadow"}) + "\n")
    articles, _ = load_articles([single, lines])
    assert [a.path for a in articles] == [str(single), f"{lines}:1"]
    result = runner.invoke(app, ["brief", str(single), "--field", "path=file", "-q"])
    assert result.exit_code == 2 and "cited where it was read" in result.output


def test_nul_characters_in_paths_and_manifest_rows_are_problems(tmp_path):
    _files(tmp_path, ["a.txt"])
    (tmp_path / "manifest.json").write_text(
        json.dumps([{"path": "a\x00.txt", "title": "X"}, {"path": "a.txt", "title": "Kept"}])
    )
    articles, problems = load_articles([str(tmp_path / "b\x00.txt"), tmp_path])
    assert [a.title for a in articles] == ["Kept"]
    errors = [p.error for p in problems]
    assert any("holds a NUL character" in e for e in errors)
    assert any("cannot be a file name" in e for e in errors)


def test_a_manifest_row_leading_out_of_its_folder_is_refused(tmp_path):
    folder = tmp_path / "in"
    _files(folder, ["a.txt"])
    _files(tmp_path, ["other.txt"])
    (folder / "manifest.csv").write_text("path,title\n../other.txt,Planted\na.txt,Kept\n")
    articles, problems = load_articles([folder, tmp_path / "other.txt"])
    assert [a.title for a in articles] == ["Kept", None]
    (problem,) = problems
    assert "outside the manifest's folder" in problem.error and problem.severity == "warning"


def test_a_csv_manifest_field_over_the_csv_limit_is_a_problem_not_a_crash(tmp_path):
    _files(tmp_path, ["a.txt"])
    (tmp_path / "manifest.csv").write_text("path,title\na.txt," + "x" * 200_000 + "\n")
    articles, problems = load_articles([tmp_path])
    assert len(articles) == 1
    (problem,) = problems
    assert "not valid CSV" in problem.error and problem.severity == "warning"


def test_a_jsonl_line_over_the_limit_is_skipped_without_being_held(tmp_path):
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as out:
        out.write('{"text": "' + "word " * 400_000 + '"}\n')  # 2 MB on one line
        out.write(json.dumps({"text": STORY}) + "\n")
    articles, problems = load_articles([dump], settings=Settings(max_bytes=100_000))
    assert [a.path for a in articles] == [f"{dump}:2"]
    assert "line 1 of dump.jsonl is 2.0 MB" in problems[0].error


def test_a_pipe_named_jsonl_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "stream.jsonl")
    articles, problems = load_articles([tmp_path / "stream.jsonl"])
    assert not articles and "not a regular file" in problems[0].error


# ---------------------------------------------------------------------------------------------
# Options


@pytest.mark.parametrize("command", ["brief", "add"])
def test_the_reading_options_are_offered_and_checked(command, tmp_path):
    help_text = runner.invoke(app, [command, "--help"]).output
    for option in ("--max-files", "--follow-links", "--max-elements"):
        assert option in help_text
    for option in ("--max-files", "--max-elements"):
        args = [command, str(tmp_path), option, "0", "--db", str(tmp_path / "x.db")]
        result = runner.invoke(app, args if command == "add" else args[:-2])
        assert result.exit_code == 2 and option in result.output


def test_add_follows_links_when_told(tmp_path):
    _files(tmp_path / "outside", ["far.txt"])
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "far.txt").symlink_to(tmp_path / "outside" / "far.txt")
    db = str(tmp_path / "news.db")
    refused = runner.invoke(app, ["add", str(folder), "--db", db, "--no-analyse"])
    assert refused.exit_code == 1 and "--follow-links" in refused.output
    added = runner.invoke(app, ["add", str(folder), "--db", db, "--no-analyse", "--follow-links"])
    assert added.exit_code == 0 and "added 1 articles" in added.output


def test_stories_refuses_a_folder_for_briefs_that_would_be_read_or_replace_an_input(tmp_path):
    folder = tmp_path / "in"
    _files(folder, ["a.txt"])
    index = tmp_path / "index.html"
    index.write_text(f"<html><body><p>{STORY}</p></body></html>")
    cases = {
        "inside": ([folder], folder / "briefs", "inside the input folder"),
        "replaces": ([index], tmp_path, "would replace it"),
        "a file": ([folder], index, "is a file"),
    }
    for case, (given, output, message) in cases.items():
        args = ["stories", *map(str, given), "-o", str(output), "-q"]
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and message in result.output, case
    assert not (folder / "briefs").exists() and index.read_text().startswith("<html>")


@pytest.mark.parametrize("command", ["brief", "add"])
def test_a_manifest_that_is_not_a_file_is_a_usage_error_before_any_work(command, tmp_path):
    _files(tmp_path, ["a.txt"])
    db = tmp_path / "news.db"
    args = [command, str(tmp_path), "--manifest", str(tmp_path / "missing.csv"), "-q"]
    result = runner.invoke(app, [*args, "--db", str(db)] if command == "add" else args)
    assert result.exit_code == 2 and "is not a file" in result.output
    assert not db.exists()
