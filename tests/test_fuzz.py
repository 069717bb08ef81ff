"""Fuzzing, bounded for CI: hypothesis properties over the public API on real files and over the
per-article stages on adversarial text, and the attack classes of issue 17 that no other test
names (``test_ingest.py`` and ``test_hostile.py`` hold the rest). ``benchmarks/fuzz.py`` runs
the larger battery.

The property for every input: no exception escapes, every file (and every JSONL line) comes
back as a source or as a problem whose sentence names it, and the work ends well within a
generous bound (a hang, not a speed, is what the bound catches).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse import Article, Settings, brief
from newsfuse.analysis import analyse
from newsfuse.clean import clean_article
from newsfuse.ingest import read_inputs
from newsfuse.render import render
from newsfuse.segment import segment_text

from .conftest import assert_spans_valid

STORY = (
    "Rescue teams reached the villages cut off by the landslide on Tuesday, officials said. "
    "More than 200 families had spent two nights without shelter, the mayor, Ana Ruiz, said. "
    '"We have lost everything," said one resident. '
)
#: Far above what any of these inputs takes (a second or two): only a hang reaches it.
HANG_SECONDS = 60
#: Planted in files; they must only ever come out escaped.
MARKERS = ("<script>fz1</script>", '" onmouseover="fz2', "<img src=x onerror=fz3>")

BOUNDED = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# what the patterns of clean, segment and extract look for, to be repeated in runs
_ATOMS = (
    "7", "1,", ",", "1,000,000 ", "300-400 ", '"', "'", "«x ", "“a” ", "(", "said ", "he said, ",
    '"a," said ', "MOSCOW ", "By Jane ", "U.S. ", "Mr. ", "Jan. ", "He left Jan. ", "on Monday ",
    "in 2019 ", "yesterday ", "(602) 444-8000 ", "a@b.c ", "&", "& ", "&QL; ", "&#x110000;",
    "\u00a0", "\u200b", "\x00", "\x0b", "\ud800", "\n", "\n\n", "© AFP ", "Photo: ", *MARKERS,
)  # fmt: skip
adversarial = st.lists(
    st.tuples(st.sampled_from(_ATOMS), st.integers(1, 60)), min_size=1, max_size=5
).map(lambda runs: "".join(atom * times for atom, times in runs))
texts = st.one_of(
    adversarial, st.builds(lambda a, b: STORY + a + STORY + b, adversarial, adversarial)
)
published = st.sampled_from([None, dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2022, 1, 6)])


def _accounted(paths: list[Path], sources: list[str], problems: list[str]) -> list[str]:
    """The files that came back neither as a source nor as a problem (``path`` or ``path:N``)."""
    named = [*sources, *problems]
    return [str(p) for p in paths if not any(n == str(p) or n.startswith(f"{p}:") for n in named)]


def _file(kind: str, text: str) -> tuple[str, bytes]:
    """``text`` as a file of ``kind``, written as the producers of such files would."""
    data = text.encode("utf-8", "surrogatepass")
    if kind == "json":
        return "a.json", json.dumps({"text": text, "title": MARKERS[0]}).encode()
    if kind == "jsonl":
        lines = [json.dumps({"text": text}), json.dumps({"text": STORY, "title": MARKERS[1]})]
        return "a.jsonl", "\n".join(lines).encode()
    if kind == "html":
        body = text.replace("&", "&amp;").replace("<", "&lt;")
        page = f"<html><head><title>{MARKERS[2]}</title></head><body><article><p>{body}</p>"
        return "a.html", page.encode("utf-8", "surrogatepass")
    if kind == "md":
        return "a.md", b"---\ntitle: '" + MARKERS[1].encode() + b"'\n---\n" + data
    return "a.txt", data


@BOUNDED
@given(
    st.lists(
        st.tuples(st.sampled_from(["txt", "md", "json", "jsonl", "html"]), texts),
        min_size=1,
        max_size=3,
    )
)
def test_any_text_in_any_kind_of_file_is_briefed_and_rendered_escaped(resources, files):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, (kind, text) in enumerate(files):
            name, data = _file(kind, text)
            paths.append(Path(folder) / f"{n}-{name}")
            paths[-1].write_bytes(data)
        started = time.monotonic()
        result = brief(paths, resources=resources)
        pages = {fmt: render(result, fmt) for fmt in ("html", "md", "json")}
        assert time.monotonic() - started < HANG_SECONDS
    sources = [s.path or "" for s in result.sources]
    assert _accounted(paths, sources, [p.path for p in result.problems]) == []
    assert all(p.error.strip() for p in result.problems)
    assert_spans_valid(result)
    for marker in MARKERS:
        assert marker not in pages["html"]
    assert not re.search(r"(?<!\\)<(?:script|img)", pages["md"])  # "\<script" is escaped


_SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".xml", ".atom", ".bin")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SUFFIXES), st.binary(max_size=600)), max_size=6))
def test_any_bytes_under_any_name_become_a_source_or_a_problem(files):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n, (suffix, data) in enumerate(files):
            paths.append(Path(folder) / f"{n}{suffix}")
            paths[-1].write_bytes(data)
        articles, problems = read_inputs([folder], Settings(language_detection=False))
    sources = [a.path or "" for a in articles]
    assert _accounted(paths, sources, [p.path for p in problems]) == []
    assert all(p.error.strip() and p.path for p in problems)


@BOUNDED
@given(texts, published)
def test_the_stages_read_adversarial_text_and_every_span_points_into_it(resources, text, day):
    started = time.monotonic()
    cleaned = clean_article(Article(text=text, language="en"), resources.nlp)
    for sentence in segment_text(cleaned.text):
        assert cleaned.text[sentence.start : sentence.end] == sentence.text
    (analysis,) = analyse([Article(text=text, language="en", published=day)], resources)
    assert time.monotonic() - started < HANG_SECONDS
    own = analysis.cleaned.text
    assert not any("\ud800" <= ch <= "\udfff" for ch in own)  # no output format encodes one
    spans = [m.span for m in analysis.mentions] + [q.span for q in analysis.quantities]
    spans += [t.span for t in analysis.times] + [q.span for q in analysis.quotes]
    spans += [c.span for found in analysis.clauses for c in found]
    assert all(0 <= s.start < s.end <= len(own) for s in spans)


# ---------------------------------------------------------------------------------------------
# Attack classes of issue 17 that the ingest tests do not name


def _brief_of(folder: Path, resources) -> tuple[list[str], list[str], dict[str, str]]:
    result = brief([folder], resources=resources)
    pages = {fmt: render(result, fmt) for fmt in ("html", "md", "json")}
    return [s.path or "" for s in result.sources], [p.path for p in result.problems], pages


def test_deep_nesting_in_html_and_feeds_is_a_source_or_a_problem(tmp_path, resources):
    depth = 50_000
    (tmp_path / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + STORY + "</div>" * depth, encoding="utf-8"
    )
    (tmp_path / "tables.html").write_text("<table><tr><td>" * 5_000 + STORY, encoding="utf-8")
    (tmp_path / "deep.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        f"<item><title>A</title><description>{STORY * 3}</description></item>"
        + "<x>" * depth
        + "</x>" * depth
        + "</channel></rss>",
        encoding="utf-8",
    )
    escaped = "&lt;div&gt;" * 20_000 + STORY * 3
    (tmp_path / "entry.rss").write_text(
        f'<rss version="2.0"><channel><item><title>B</title><description>{escaped}'
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    started = time.monotonic()
    sources, problems, _ = _brief_of(tmp_path, resources)
    assert time.monotonic() - started < HANG_SECONDS
    names = ["deep.html", "tables.html", "deep.rss", "entry.rss"]
    assert _accounted([tmp_path / n for n in names], sources, problems) == []


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_every_encoding_and_bom_is_read_as_its_text(tmp_path, encoding):
    text = STORY + " Le président a déclaré l'état d'urgence à Genève."
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    record = json.dumps({"text": text}, ensure_ascii=False)
    (tmp_path / "b.json").write_bytes(bom + record.encode(encoding))
    articles, problems = read_inputs([tmp_path], Settings(language_detection=False))
    assert sorted(Path(a.path).name for a in articles) == ["a.txt", "b.json"]
    assert all("président" in a.text and "\ufeff" not in a.text for a in articles)
    assert all(p.severity == "warning" for p in problems)  # "read as <encoding>", at most


def test_nul_bytes_past_the_binary_sniff_neither_crash_nor_vanish(tmp_path, resources):
    (tmp_path / "late.txt").write_text(STORY * 60 + "\x00\x00" + STORY, encoding="utf-8")
    (tmp_path / "record.jsonl").write_text(json.dumps({"text": STORY + "\x00" + STORY}) + "\n")
    result = brief([tmp_path], resources=resources)
    paths = [tmp_path / "late.txt", tmp_path / "record.jsonl"]
    assert (
        _accounted(paths, [s.path or "" for s in result.sources], [p.path for p in result.problems])
        == []
    )
    assert all("\x00" not in s.text for s in result.sources)  # cleaning takes controls out


def test_impossible_character_references_in_a_page_are_read_around(tmp_path, resources):
    refs = "&#x110000; &#xD800; &#0; &#99999999999;"
    page = f"<html><head><title>T {refs}</title></head><body><article>"
    page += f"<p>{STORY} {refs}</p><p>{STORY}</p></article></body></html>"
    (tmp_path / "refs.html").write_text(page, encoding="utf-8")
    sources, problems, _ = _brief_of(tmp_path, resources)
    assert _accounted([tmp_path / "refs.html"], sources, problems) == []


def test_lone_surrogates_in_an_article_given_to_the_api_are_cleaned(resources):
    result = brief([Article(text=STORY + "\ud800 " + STORY, language="en")], resources=resources)
    assert "\ufffd" in result.sources[0].text
    assert all(not "\ud800" <= ch <= "\udfff" for ch in result.sources[0].text)
    render(result, "json")  # encodes


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_dates_at_the_ends_of_the_calendar_resolve_or_stay_open(resources, day):
    text = (
        "Troops arrived yesterday and left on Monday, officials said. They will return on "
        "Friday and again on Jan. 5 next year, after leaving on Dec. 31 last year, tonight."
    )
    result = brief([Article(text=text, language="en")], day, resources=resources)
    assert result.sources and all(e.date[:4] in (day[:4], "9998", "0002") for e in result.timeline)
