from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsfuse import Article, Settings, brief, load_articles
from newsfuse.ingest import parse_date, split_front_matter

from .conftest import FIXTURES, assert_spans_valid

GOOD = (
    "Rescue teams reached the villages cut off by the landslide on Tuesday, officials said. "
    "More than 200 families had spent two nights without shelter or clean water."
)


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_bad_inputs_become_problems_and_good_ones_are_processed(tmp_path, resources):
    good = write(tmp_path / "good.txt", GOOD)
    empty = write(tmp_path / "empty.txt", "")
    binary = write(
        tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    latin1 = write(
        tmp_path / "latin1.txt",
        "Le président a déclaré que la situation était très grave à Genève.".encode("latin-1"),
    )
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(60_000_000)
    broken_html = write(tmp_path / "broken.html", "<html><body><div><p>Sub</scr<<ipt></div")
    jsonl = write(
        tmp_path / "dump.jsonl",
        json.dumps({"text": GOOD, "title": "Landslide"})
        + "\n"
        + '{"text": "unterminated\n'
        + json.dumps({"text": GOOD.replace("Tuesday", "Monday")})
        + "\n",
    )
    result = brief(
        [good, empty, binary, latin1, huge, broken_html, jsonl], "2023-03-14", resources=resources
    )
    problems = {
        Path(p.path.split(":")[0]).name: p for p in result.problems if p.severity == "error"
    }
    assert "is empty" in problems["empty.txt"].error
    assert "binary" in problems["photo.txt"].error
    assert "60.0 MB" in problems["huge.txt"].error and "--max-bytes" in problems["huge.txt"].error
    broken_error = problems["broken.html"].error
    assert "no article text" in broken_error or "nothing was left" in broken_error
    assert "line 2 of dump.jsonl is not valid JSON" in problems["dump.jsonl"].error
    assert problems["dump.jsonl"].path.endswith("dump.jsonl:2")
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert any("latin1.txt is not UTF-8" in w.error for w in warnings)
    # good.txt, the latin-1 file (decoded, with a warning) and two JSONL records are kept
    paths = [s.path for s in result.sources]
    assert paths == [str(good), str(latin1), f"{jsonl}:1", f"{jsonl}:3"]
    assert [s.id for s in result.sources] == ["S1", "S2", "S3", "S4"]
    assert "président a déclaré" in result.sources[1].text
    assert result.sources[1].language == "fr"
    assert all(s.published == dt.date(2023, 3, 14) for s in result.sources)


def test_html_page_through_trafilatura():
    articles, problems = load_articles([FIXTURES / "storm-report.html"])
    assert not [p for p in problems if p.severity == "error"]
    (article,) = articles
    assert article.title == "Storm cuts power to 40,000 homes on the coast"
    assert article.outlet == "Coastal Herald"
    assert article.published == dt.date(2023, 3, 14)
    assert "more than 40,000 homes" in article.text
    assert "Most read" not in article.text and "Privacy" not in article.text


def test_truncated_html_page_keeps_what_it_has(tmp_path):
    html = (FIXTURES / "storm-report.html").read_text(encoding="utf-8")
    cut = write(tmp_path / "cut.html", html[: html.index("The weather service")])
    (article,), _ = load_articles([cut])
    assert "more than 40,000 homes" in article.text


def test_front_matter_gives_metadata(tmp_path):
    path = write(
        tmp_path / "a.md",
        "---\ntitle: Landslide\noutlet: Valley Post\npublished: 2023-03-01\n---\n" + GOOD,
    )
    (article,), _ = load_articles([path])
    assert (article.title, article.outlet, article.published) == (
        "Landslide",
        "Valley Post",
        dt.date(2023, 3, 1),
    )
    assert article.text.strip() == GOOD


def test_invalid_front_matter_keeps_the_text_and_warns(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: [unclosed\n---\n" + GOOD)
    (article,), problems = load_articles([path])
    assert GOOD in article.text
    assert problems and problems[0].severity == "warning" and "YAML" in problems[0].error


def test_split_front_matter_without_header():
    assert split_front_matter(GOOD) == ({}, GOOD, None)


def test_field_map_for_other_record_keys(tmp_path):
    path = write(
        tmp_path / "crawl.jsonl",
        json.dumps({"body": GOOD, "headline": "Landslide", "date": "Tue, 14 Mar 2023 07:30:00 GMT"})
        + "\n",
    )
    settings = Settings(field_map={"text": "body"})
    (article,), problems = load_articles([path], settings=settings)
    assert article.title == "Landslide"  # 'headline' is a known alias of title
    assert article.published == dt.date(2023, 3, 14)
    _, problems = load_articles([path])
    assert "--field text=KEY" in problems[0].error and "body" in problems[0].error


def test_json_list_of_records(tmp_path):
    path = write(
        tmp_path / "items.json", json.dumps([{"text": GOOD}, {"text": GOOD + " Again."}, 7])
    )
    articles, problems = load_articles([path])
    assert len(articles) == 2
    assert problems[0].path.endswith("items.json:3") and "not an object" in problems[0].error


def test_directory_is_read_recursively_in_sorted_order_with_manifest(tmp_path):
    (tmp_path / "b").mkdir()
    write(tmp_path / "b" / "2.txt", GOOD + " Two.")
    write(tmp_path / "1.txt", GOOD + " One.")
    write(tmp_path / ".hidden.txt", GOOD)
    write(tmp_path / "notes.pdf", "%PDF-1.4")
    write(tmp_path / "manifest.csv", "path,outlet,published\n1.txt,Valley Post,2023-03-02\n")
    articles, problems = load_articles([tmp_path], published="2023-03-09")
    assert [Path(a.path).name for a in articles] == ["1.txt", "2.txt"]
    assert articles[0].outlet == "Valley Post" and articles[0].published == dt.date(2023, 3, 2)
    assert articles[1].published == dt.date(2023, 3, 9)  # --published fills the gap
    assert any("unsupported file type '.pdf'" in p.error for p in problems)


def test_missing_path_is_a_problem(tmp_path):
    articles, problems = load_articles([tmp_path / "nope.txt"])
    assert articles == [] and "does not exist" in problems[0].error


def test_articles_can_be_given_directly(resources):
    result = brief([Article(text=GOOD), Article(text=GOOD + " Later.")], resources=resources)
    assert [s.id for s in result.sources] == ["S1", "S2"]


def test_non_english_text_is_kept_and_marked(tmp_path):
    path = write(
        tmp_path / "de.txt",
        "Die Regierung ist am Mittwoch zurückgetreten. In der Stadt gab es heftige Unruhen, "
        "und viele Menschen gingen auf die Straße, um gegen die hohen Preise zu protestieren.",
    )
    (article,), problems = load_articles([path])
    assert article.language == "de"
    assert problems[0].severity == "warning" and "not English" in problems[0].error


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-06", dt.date(2022, 1, 6)),
        ("2022-01-06T10:30:00Z", dt.date(2022, 1, 6)),
        ("Thu, 06 Jan 2022 10:30:00 GMT", dt.date(2022, 1, 6)),
        ("January 6, 2022", dt.date(2022, 1, 6)),
        ("not a date", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_rss_feed_gives_one_article_per_entry():
    feed = FIXTURES / "harbour-news.rss"
    articles, problems = load_articles([feed])
    assert [a.title for a in articles] == [
        "Ferry runs aground off Skerry Island, 40 passengers rescued",
        "Harbour festival postponed",
    ]
    ferry, festival = articles
    assert ferry.outlet == "Harbour News" and ferry.language == "en"
    assert ferry.url == "https://harbour-news.example/2023/05/ferry-aground"
    assert ferry.published == dt.date(2023, 5, 10)
    assert ferry.path == f"{feed}:1"
    # the full content, not the one-line description; markup, scripts and entities resolved
    assert "lifeboat crews rescued all 40 passengers" in ferry.text
    assert "Moira Dunn" in ferry.text and "trackRead" not in ferry.text and "<p>" not in ferry.text
    assert ferry.text.count("\n\n") >= 2  # paragraphs kept apart
    assert festival.text == "Organisers postponed the harbour festival & the boat parade."
    by_path = {p.path: p for p in problems}
    assert by_path[f"{feed}:2"].severity == "warning" and "teaser" in by_path[f"{feed}:2"].error
    assert by_path[f"{feed}:3"].severity == "error" and "no text" in by_path[f"{feed}:3"].error


def test_atom_feed_and_broken_feeds(tmp_path):
    atom = write(
        tmp_path / "wire.atom",
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>Quake</title><link href="https://wire.example/q"/>'
        "<updated>2023-02-06T04:17:00Z</updated>"
        f'<content type="html">&lt;p&gt;{GOOD}&lt;/p&gt;</content></entry></feed>',
    )
    not_a_feed = write(tmp_path / "page.xml", "<html><body><p>Hello</p></body></html>")
    cut = write(
        tmp_path / "cut.rss",
        # cut off after the first entry's text: what was parsed is kept
        f"<rss><channel><title>T</title><item><title>A</title><description>{GOOD}"
        "</description><pubDate>Tue, 09 May 2023",
    )
    articles, problems = load_articles([atom, not_a_feed, cut])
    assert [a.title for a in articles] == ["Quake", "A"]
    assert articles[0].published == dt.date(2023, 2, 6) and articles[0].outlet == "Wire"
    assert articles[1].text == GOOD
    errors = {p.path: p for p in problems}
    assert "not an RSS or Atom feed" in errors[str(not_a_feed)].error
    assert errors[str(cut)].severity == "warning" and "well-formed" in errors[str(cut)].error


def test_feed_entries_are_briefed_with_valid_spans(resources):
    result = brief([FIXTURES / "harbour-news.rss"], resources=resources)
    assert {s.title for s in result.sources} >= {"Harbour festival postponed"}
    assert result.summary and assert_spans_valid(result)


def test_a_feed_file_that_names_a_url_or_a_path_is_not_followed(tmp_path):
    # feedparser on its own would fetch the URL and open the file these hold
    url = write(tmp_path / "url.rss", "https://feeds.example.invalid/world.rss")
    other = write(tmp_path / "other.rss", (FIXTURES / "harbour-news.rss").read_text("utf-8"))
    pointer = write(tmp_path / "pointer.xml", str(other))
    articles, problems = load_articles([url, pointer])
    assert not articles
    assert {p.path for p in problems} == {str(url), str(pointer)}
    assert all("not an RSS or Atom feed" in p.error for p in problems)


def test_feed_encoding_comes_from_its_xml_declaration(tmp_path):
    body = "Le préfet a déclaré l'état d'urgence à Genève. " * 3
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Genève'
        f"</title><item><title>État d'urgence</title><description>{body}</description></item>"
        "</channel></rss>"
    )
    feed = write(tmp_path / "latin.rss", xml.encode("iso-8859-1"))
    (article,), _ = load_articles([feed])
    assert article.title == "État d'urgence" and article.outlet == "Genève"
    assert "préfet" in article.text


def test_a_folder_reads_its_files_and_says_why_it_left_each_other_entry(tmp_path):
    import os

    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash " * 20, encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    story = "Rescue teams reached the flooded villages on Tuesday, officials said. " * 3
    (folder / "a.txt").write_text(story, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(story.replace("Tuesday", "Monday"), encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside)
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "again").symlink_to(folder / "sub")
    (folder / "outside-dir").symlink_to(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    articles, problems = load_articles([folder])
    assert sorted(Path(a.path).name for a in articles) == ["a.txt", "b.txt"]
    assert all("root:x" not in a.text for a in articles)
    why = {Path(p.path).name: p for p in problems}
    assert set(why) == {"leak.txt", "broken.txt", "loop.txt", "again", "outside-dir", "pipe.txt"}
    assert "outside the folder" in why["leak.txt"].error
    assert "outside the folder" in why["outside-dir"].error
    assert "broken link" in why["broken.txt"].error and "broken link" in why["loop.txt"].error
    assert "not a regular file" in why["pipe.txt"].error
    assert why["again"].severity == "warning"  # its files are read from sub/


def test_a_pipe_given_by_name_is_refused_not_waited_on(tmp_path):
    import os

    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    articles, problems = load_articles([pipe])
    assert not articles and "not a regular file" in problems[0].error


def test_the_size_limit_is_checked_on_what_is_read_and_said_in_bytes(tmp_path):
    from newsfuse.settings import Settings

    big = tmp_path / "big.txt"
    big.write_text("Rescue teams reached the villages on Tuesday. " * 10, encoding="utf-8")
    articles, problems = load_articles([big], settings=Settings(max_bytes=100))
    assert not articles
    assert "over the 100 bytes limit" in problems[0].error


def test_malformed_json_of_every_kind_is_a_problem_and_the_rest_is_read(tmp_path):
    good = "Rescue teams reached the flooded villages on Tuesday, officials said. " * 3
    (tmp_path / "deep.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (tmp_path / "huge.json").write_text('{"text": "x", "n": ' + "9" * 5000 + "}", encoding="utf-8")
    lines = [json.dumps({"text": good}), "[" * 100_000, '{"text": "y", "n": ' + "1" * 5000 + "}"]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(good.replace("Tuesday", "Monday"), encoding="utf-8")
    articles, problems = load_articles([tmp_path])
    assert len(articles) == 2
    assert sorted(Path(p.path.split(":")[0]).name for p in problems) == [
        "deep.json",
        "feed.jsonl",
        "feed.jsonl",
        "huge.json",
    ]
    assert any("nested too deep" in p.error for p in problems)


def test_front_matter_with_aliases_or_impossible_dates_is_read_as_plain_text(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    story = "Rescue teams reached the flooded villages on Tuesday, officials said. " * 3
    (tmp_path / "bomb.md").write_text(f"---\n{bomb}---\n{story}", encoding="utf-8")
    (tmp_path / "date.md").write_text(
        f"---\npublished: 2022-02-30\n---\n{story}x", encoding="utf-8"
    )
    articles, problems = load_articles([tmp_path])
    assert len(articles) == 2
    assert all(p.severity == "warning" and "front matter" in p.error for p in problems)
    assert any("aliases" in p.error for p in problems)


def test_a_manifest_whose_entries_are_not_objects_is_read_for_the_rest(tmp_path):
    story = "Rescue teams reached the flooded villages on Tuesday, officials said. " * 3
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps({"a.txt": {"title": "Floods"}, "b.txt": "not an object", "c.txt": 7}),
        encoding="utf-8",
    )
    articles, _ = load_articles([tmp_path])
    assert [a.title for a in articles] == ["Floods"]
