"""ingest: files, directories and records in; :class:`Article` records and :class:`Problem` records out.

Reads ``.txt``/``.md`` (with optional YAML front matter), ``.html``/``.htm`` (through trafilatura:
text, title, date, site name), ``.jsonl`` and ``.json`` records (:mod:`newsfuse.ingest_records`),
RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``, through feedparser: one article per entry,
:mod:`newsfuse.ingest_feeds`), and whole directories (recursive, sorted, :mod:`newsfuse.walk`).
A manifest (``manifest.csv`` or ``manifest.json`` in any folder, in any case, or one given
explicitly) supplies metadata for many files at once. Every input that cannot be read becomes a
Problem with a sentence that says why, and the rest of the batch goes on.

>>> from newsfuse.settings import Settings
>>> articles, problems = read_inputs(["examples/kazakhstan-2022"], Settings())  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest_bytes import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    RECORD_SUFFIXES,
    SUPPORTED,
    TEXT_SUFFIXES,
    decode_bytes,
    read_bytes,
)
from .ingest_feeds import TEASER_WORDS, feed_items, html_fragment_text
from .ingest_fields import encodable, make_article, parse_date, pick_fields
from .ingest_records import load_manifest, read_json, read_jsonl
from .model import Article, Problem
from .resources import Resources
from .settings import Settings
from .walk import walk

# the names other modules import from here
__all__ = [
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "MANIFEST_NAMES",
    "RECORD_SUFFIXES",
    "SUPPORTED",
    "TEASER_WORDS",
    "TEXT_SUFFIXES",
    "decode_bytes",
    "html_fragment_text",
    "html_items",
    "iter_articles",
    "iter_inputs",
    "parse_date",
    "read_inputs",
    "split_front_matter",
]

log = logging.getLogger(__name__)

MANIFEST_NAMES = ("manifest.csv", "manifest.json")

Item = Article | Problem


def read_inputs(
    inputs: Iterable[str | Path | Article],
    settings: Settings,
    resources: Resources | None = None,
    *,
    manifest: str | Path | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Read every input; return the articles in input order and the problems met on the way."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(inputs, settings, resources, manifest=manifest):
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems


def iter_articles(
    inputs: Iterable[str | Path | Article],
    settings: Settings,
    resources: Resources | None = None,
    *,
    manifest: str | Path | None = None,
) -> Iterator[Item]:
    """Like :func:`read_inputs`, one finished Article or Problem at a time, in input order
    (a stream of a million JSONL lines is never held whole). Raises InputError when the
    ``manifest`` given cannot be read."""
    resources = resources or Resources()
    explicit_meta: dict[Path, dict] = {}
    if manifest:
        explicit_meta, refused = load_manifest(Path(manifest))
        yield from refused
    for item in iter_inputs(inputs, settings, explicit_meta):
        # no output format encodes a lone surrogate (a JSON "\ud800", a file name not in UTF-8)
        item = encodable(item)
        if isinstance(item, Problem):
            yield item
            continue
        article, warnings = _finish(item, settings, resources)
        yield from warnings
        yield article


# "https://x/y", and what a path makes of it ("https:/x/y")
_URL = re.compile(r"^(?:https?|ftp):/", re.IGNORECASE)


def iter_inputs(
    inputs: Iterable[str | Path | Article],
    settings: Settings,
    manifest_meta: Mapping[Path, Mapping[str, Any]] | None = None,
) -> Iterator[Item]:
    """Yield an Article or a Problem for every input (directories expand, JSONL yields per line)."""
    manifest_meta = dict(manifest_meta or {})
    for given in inputs:
        if isinstance(given, Article):
            yield given
            continue
        path = Path(given)
        if "\x00" in str(given):  # pathlib answers "does not exist", which misleads
            shown = str(given).replace("\x00", "\\0")
            yield Problem(
                path=shown, error=f"{shown} holds a NUL character, which no file name can hold."
            )
        elif path.is_dir():
            yield from _read_directory(path, settings, manifest_meta)
        elif _URL.match(str(given)):
            yield Problem(
                path=str(given),
                error=f"{given} is a web address; newsfuse reads files and folders. Save the page "
                "(or a feed, or a JSONL dump) and give its path.",
            )
        elif not path.exists():
            yield Problem(path=str(path), error=f"{path} does not exist.")
        else:
            yield from _read_file(path, settings, manifest_meta.get(path.resolve(), {}))


# ---------------------------------------------------------------------------------------------
# Directories and manifests


def _read_directory(
    root: Path, settings: Settings, manifest_meta: dict[Path, Mapping[str, Any]]
) -> Iterator[Item]:
    """Every file of a folder, with what the manifests among them say of their folders' files."""
    found, problems = walk(root, max_files=settings.max_files, follow_links=settings.follow_links)
    yield from problems
    manifests = [path for path in found if path.name.lower() in MANIFEST_NAMES]
    # a manifest describes the files of its own folder and below; the nearest one says first
    for manifest in sorted(manifests, key=lambda path: -len(path.parts)):
        try:
            table, refused = load_manifest(manifest, confined=True)
        except InputError as exc:
            yield Problem(path=exc.path, error=exc.message, severity="warning")
            continue
        yield from refused
        for key, meta in table.items():
            manifest_meta.setdefault(key, meta)
    for path in found:
        if path.name.lower() not in MANIFEST_NAMES:
            yield from _read_file(path, settings, manifest_meta.get(path.resolve(), {}))


# ---------------------------------------------------------------------------------------------
# Files


def _read_file(path: Path, settings: Settings, meta: Mapping[str, Any]) -> Iterator[Item]:
    suffix = path.suffix.lower()
    where = str(path)
    if suffix not in SUPPORTED:
        yield Problem(
            path=where,
            error=f"unsupported file type {suffix or '(no extension)'!r}; "
            f"newsfuse reads {', '.join(SUPPORTED)}.",
        )
        return
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(path, settings, meta)
        return
    try:
        data = read_bytes(path, settings.max_bytes)
        text, warning = decode_bytes(data, where)
    except InputError as exc:
        yield Problem(path=exc.path, error=exc.message)
        return
    if warning:
        yield warning
    if suffix == ".json":
        yield from read_json(path, text, settings, meta)
    elif suffix in FEED_SUFFIXES:
        yield from feed_items(path, data, settings, meta)
    elif suffix in HTML_SUFFIXES:
        yield from _from_html(path, text, settings, meta)
    else:
        yield from _from_text(path, text, settings, meta)


def _from_text(
    path: Path, text: str, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    front, body, error = split_front_matter(text)
    if error:
        yield Problem(path=str(path), error=f"{path}: {error}.", severity="warning")
    if not body.strip():
        yield Problem(path=str(path), error=f"{path} has front matter but no article text.")
        return
    fields = {**pick_fields(front, {}), **meta}
    yield from make_article(str(path), body, fields, settings)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Split YAML front matter (between ``---`` lines) from the body.

    Returns ``(metadata, body, error)``; when the YAML is invalid the whole text is the body and
    ``error`` says why, because losing the text over a bad header would be worse.
    """
    if not text.startswith("---"):
        return {}, text, None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text, None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            import yaml

            header = "\n".join(lines[1:index])
            try:
                data = _front_matter(header)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
                # impossible dates (2022-02-30) and offsets raise from the constructors
                return {}, text, f"front matter is not valid YAML ({exc}); read as plain text"
            if not isinstance(data, dict):
                return {}, text, "front matter is not a YAML mapping; read as plain text"
            return data, "\n".join(lines[index + 1 :]), None
    return {}, text, None


_FRONT_MATTER_CHARS = 20_000


def _front_matter(header: str) -> dict:
    """YAML front matter, refused when it uses aliases: metadata needs none, and a few lines of
    them expand to gigabytes (the "billion laughs")."""
    import yaml

    if len(header) > _FRONT_MATTER_CHARS:
        raise ValueError(f"over {_FRONT_MATTER_CHARS:,} characters")
    if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(header, Loader=yaml.SafeLoader)):
        raise ValueError("it uses aliases (*name), which front matter does not need")
    return yaml.safe_load(header) or {}


def html_items(
    where: str, html: str, settings: Settings, meta: Mapping[str, Any] | None = None
) -> Iterator[Item]:
    """The article of a whole HTML page (or a Problem), through the trafilatura path that reads
    saved pages; ``meta`` overrides what the page says of itself (a fetched page's final URL)."""
    return _from_html(where, html, settings, meta or {})


def _from_html(
    path: Path | str, html: str, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    import trafilatura

    html, cut = _bounded_html(str(path), html, settings.max_html_elements)
    if cut is not None:
        yield cut
    try:
        # lxml's HTML parser, under trafilatura, reads no DTD: an entity a page declares is
        # never expanded, and a SYSTEM one never read (tests/test_hostile.py)
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        yield Problem(path=str(path), error=f"{path} could not be parsed as HTML ({exc}).")
        return
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        yield Problem(
            path=str(path),
            error=f"no article text could be extracted from the HTML page {path} "
            "(it may be broken, empty, or not an article).",
        )
        return
    fields = {
        "title": document.title,
        "outlet": document.sitename,
        "url": document.url,
        "published": document.date,
        "language": document.language,
    }
    fields = {k: v for k, v in fields.items() if v}
    fields.update(meta)
    yield from make_article(str(path), text, fields, settings)


# an element's start tag (also counts a "<b" in a script or a comment: the bound errs low)
_START_TAG = re.compile(r"<[A-Za-z]")


def _bounded_html(where: str, html: str, limit: int) -> tuple[str, Problem | None]:
    """``html`` cut before its ``limit + 1``-th start tag, and the warning that says so.

    trafilatura's work grows faster than the number of elements, so a page of 200,000
    paragraphs takes minutes; a cut at a fixed element keeps the output the same on every run,
    as a time limit would not."""
    if html.count("<") <= limit:
        return html, None
    for number, match in enumerate(_START_TAG.finditer(html), start=1):
        if number > limit:
            cut = match.start()
            share = max(1, cut * 100 // len(html))
            return html[:cut], Problem(
                path=where,
                error=f"{where} has more than {limit:,} HTML elements; only the first {limit:,} "
                f"(the first {share}% of the page) were read, since extracting more takes "
                "minutes. Give --max-elements to read it whole.",
                severity="warning",
            )
    return html, None


# ---------------------------------------------------------------------------------------------
# Finishing touches common to every kind of input


def _finish(
    article: Article, settings: Settings, resources: Resources
) -> tuple[Article, list[Problem]]:
    """Fill the language (detected when not given) and the fallback publication date."""
    warnings: list[Problem] = []
    language = article.language
    if language is None and settings.language_detection:
        language = resources.detect_language(article.text)
    if language:
        language = language.lower().split("-")[0].split("_")[0]
    if language and language != "en":
        warnings.append(
            Problem(
                path=article.path or article.url or "?",
                error=f"the text is in language {language!r}, not English: it is kept as a source "
                "(reuse is still measured), but English-only analysis skips it.",
                severity="warning",
            )
        )
    updates: dict[str, Any] = {"language": language}
    if article.published is None and settings.published is not None:
        updates["published"] = settings.published
    return article.model_copy(update=updates), warnings
