"""ingest: files, directories and records in; :class:`Article` records and :class:`Problem` records out.

Reads ``.txt``/``.md`` (with optional YAML front matter), ``.html``/``.htm`` (through trafilatura:
text, title, date, site name), ``.jsonl`` and ``.json`` records, RSS and Atom feeds (``.rss``,
``.atom``, ``.xml``, through feedparser: one article per entry), and whole directories (recursive,
sorted). A manifest (``manifest.csv`` or ``manifest.json``, or one given explicitly) supplies
metadata for many files at once. Every input that cannot be read becomes a Problem with a sentence
that says why, and the rest of the batch goes on.

>>> from newsfuse.settings import Settings
>>> articles, problems = read_inputs(["examples/kazakhstan-2022"], Settings())  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import json
import logging
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from html import unescape
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Article, Problem
from .resources import Resources
from .settings import Settings
from .walk import walk

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES + FEED_SUFFIXES
# a feed entry shorter than this is a teaser, not the article: said in a warning
TEASER_WORDS = 60
MANIFEST_NAMES = ("manifest.csv", "manifest.json")

# Front-matter and record keys that mean the same article field.
_KEY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "pubdate"),
    "language": ("language", "lang"),
    "path": ("path", "file", "filename"),
    "id": ("id", "doc_id", "docid", "guid"),
}

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
    (a stream of a million JSONL lines is never held whole)."""
    resources = resources or Resources()
    explicit_meta = _load_manifest(Path(manifest)) if manifest else {}
    for item in iter_inputs(inputs, settings, explicit_meta):
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
        if path.is_dir():
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
    for name in MANIFEST_NAMES:
        candidate = root / name
        if candidate.is_file():
            try:
                for key, meta in _load_manifest(candidate).items():
                    manifest_meta.setdefault(key, meta)
            except InputError as exc:
                yield Problem(path=exc.path, error=exc.message, severity="warning")
    files, problems = walk(root, skip=MANIFEST_NAMES)
    yield from problems
    for path in files:
        yield from _read_file(path, settings, manifest_meta.get(path.resolve(), {}))


def _load_manifest(path: Path) -> dict[Path, dict[str, Any]]:
    """Metadata by resolved file path, from a CSV (header row) or JSON (list or mapping) manifest."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"the manifest could not be read ({exc})") from exc
    rows: list[dict[str, Any]]
    if path.suffix.lower() == ".csv":
        rows = [dict(row) for row in csv.DictReader(io.StringIO(raw))]
    else:
        try:
            data = json.loads(raw)
        except _JSON_ERRORS as exc:
            raise InputError(str(path), f"the manifest is not valid JSON ({_why(exc)})") from exc
        if isinstance(data, dict):
            rows = [
                {"path": key, **value} for key, value in data.items() if isinstance(value, dict)
            ]
        elif isinstance(data, list):
            rows = [row for row in data if isinstance(row, dict)]
        else:
            raise InputError(str(path), "the manifest must be a JSON list or object")
    table: dict[Path, dict[str, Any]] = {}
    for number, row in enumerate(rows, start=1):
        fields = _pick_fields(row, {})
        name = fields.pop("path", None)
        if not name:
            raise InputError(str(path), f"manifest row {number} has no 'path' (or 'file') column")
        table[(path.parent / str(name)).resolve()] = {k: v for k, v in fields.items() if v}
    return table


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
        yield from _read_jsonl(path, settings, meta)
        return
    try:
        data = _read_bytes(path, settings)
        text, warning = decode_bytes(data, where)
    except InputError as exc:
        yield Problem(path=exc.path, error=exc.message)
        return
    if warning:
        yield warning
    if suffix == ".json":
        yield from _read_json(path, text, settings, meta)
    elif suffix in FEED_SUFFIXES:
        yield from _read_feed(path, data, settings, meta)
    elif suffix in HTML_SUFFIXES:
        yield from _from_html(path, text, settings, meta)
    else:
        yield from _from_text(path, text, settings, meta)


def _read_bytes(path: Path, settings: Settings) -> bytes:
    """The bytes of a file; raises InputError for files over the size limit or unreadable."""
    where = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(
                where, f"{path} is not a regular file (a pipe, socket or device); it was not read."
            )
        # the limit holds on what is read, not on what stat says: a file can grow while it is
        # read, and some (in /proc) say they are empty
        with path.open("rb") as handle:
            data = handle.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            size = max(len(data), path.stat().st_size)
            raise InputError(
                where,
                f"{path.name} is {_megabytes(size)}, over the {_megabytes(settings.max_bytes)} "
                "limit for one input; split it or raise the limit (--max-bytes).",
            )
    except OSError as exc:
        raise InputError(where, f"{path} could not be read ({exc.strerror or exc}).") from exc
    return data


def decode_bytes(data: bytes, where: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (with or without BOM), or detect the encoding and say so in a warning."""
    if not data.strip():
        raise InputError(where, f"{where} is empty.")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            where,
            f"{where} looks like a binary file (it contains NUL bytes), not text; "
            f"newsfuse reads {', '.join(SUPPORTED)}.",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            where,
            f"{where} is not UTF-8 (invalid byte at offset {bad_at}) and its encoding could not "
            "be recognised; convert it to UTF-8.",
        )
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(
            where,
            f"{where} looks like a binary file (mostly control characters), not text; "
            f"newsfuse reads {', '.join(SUPPORTED)}.",
        )
    warning = Problem(
        path=where,
        error=f"{where} is not UTF-8 (invalid byte at offset {bad_at}); it was read as "
        f"{best.encoding}. Check its accented characters, or convert it to UTF-8.",
        severity="warning",
    )
    return text, warning


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(1, len(sample))


def _megabytes(size: int) -> str:
    """A size a person can compare: bytes under a kilobyte, else kB or MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _from_text(
    path: Path, text: str, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    front, body, error = split_front_matter(text)
    if error:
        yield Problem(path=str(path), error=f"{path}: {error}.", severity="warning")
    if not body.strip():
        yield Problem(path=str(path), error=f"{path} has front matter but no article text.")
        return
    fields = {**_pick_fields(front, {}), **meta}
    yield from _make_article(str(path), body, fields, settings)


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

    try:
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
    yield from _make_article(str(path), text, fields, settings)


def _read_feed(
    path: Path, data: bytes, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    """One article per RSS/Atom entry: its full content when the feed carries it, else its summary."""
    import feedparser

    # feedparser fetches a string that looks like a URL and opens one that names a file: a stream
    # of the file's own bytes keeps it offline and on this file (the XML declaration still sets
    # the encoding)
    feed = feedparser.parse(io.BytesIO(data))
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.bozo else ""
        yield Problem(
            path=str(path),
            error=f"{path} is not an RSS or Atom feed with entries{reason}; newsfuse reads "
            f"{', '.join(FEED_SUFFIXES)} files as feeds.",
        )
        return
    if feed.bozo:
        yield Problem(
            path=str(path),
            error=f"{path} is not well-formed XML ({feed.bozo_exception}); the "
            f"{len(feed.entries)} entries that could be parsed were read.",
            severity="warning",
        )
    channel = {
        "outlet": feed.feed.get("title"),
        "language": feed.feed.get("language"),
    }
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}:{number}"
        contents = [c.get("value", "") for c in entry.get("content", [])]
        html = max(contents, key=len) if contents else entry.get("summary", "")
        body = html_fragment_text(html)
        if not body:
            yield Problem(
                path=where,
                error=f"entry {number} of {path.name} ({entry.get('title') or 'untitled'}) has "
                "no text: the feed gives neither content nor a summary.",
            )
            continue
        words = len(body.split())
        if words < TEASER_WORDS:
            yield Problem(
                path=where,
                error=f"entry {number} of {path.name} carries only {words} words (a teaser, "
                f"not the article); save the page at {entry.get('link') or 'its link'} for "
                "the whole text.",
                severity="warning",
            )
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        fields = {
            **{k: v for k, v in channel.items() if v},
            "title": entry.get("title"),
            "url": entry.get("link"),
            "id": entry.get("id"),
            "published": dt.date(*published[:3]) if published else None,
            **meta,
        }
        fields = {k: v for k, v in fields.items() if v not in (None, "")}
        yield from _make_article(where, body, fields, settings)


_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article figure".split()
)


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one paragraph per block element.

    Written here because trafilatura's extractors look for an article in a whole page and return
    nothing for a fragment of a few paragraphs; lxml does the parsing.
    """
    import lxml.html
    from lxml.etree import ParserError

    if not html or not html.strip():
        return ""
    if "<" not in html:
        return " ".join(unescape(html).split())
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return " ".join(unescape(html).split())
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        if element.tag.lower() in ("script", "style"):
            element.drop_tree()
        elif element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


# what json.loads raises: malformed text (JSONDecodeError), an integer of more digits than Python
# converts (ValueError), nesting deeper than the recursion limit (RecursionError)
_JSON_ERRORS = (ValueError, RecursionError)


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deep"
    return str(exc)


def _front_matter(header: str) -> dict:
    """YAML front matter, refused when it uses aliases: metadata needs none, and a few lines of
    them expand to gigabytes (the "billion laughs")."""
    import yaml

    if len(header) > _FRONT_MATTER_CHARS:
        raise ValueError(f"over {_FRONT_MATTER_CHARS:,} characters")
    if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(header, Loader=yaml.SafeLoader)):
        raise ValueError("it uses aliases (*name), which front matter does not need")
    return yaml.safe_load(header) or {}


_FRONT_MATTER_CHARS = 20_000


def _read_json(
    path: Path, text: str, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except _JSON_ERRORS as exc:
        yield Problem(path=str(path), error=f"{path} is not valid JSON ({_why(exc)}).")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = f"{path}:{number}" if isinstance(data, list) else str(path)
        yield from _from_record(where, record, settings, meta)


def _read_jsonl(path: Path, settings: Settings, meta: Mapping[str, Any]) -> Iterator[Item]:
    """One article per line; a bad line is a Problem naming its line number, the rest go on."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Problem(path=str(path), error=f"{path} could not be read ({exc.strerror or exc}).")
        return
    seen_any = False
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            seen_any = True
            if len(raw) > settings.max_bytes:
                yield Problem(
                    path=where,
                    error=f"line {number} of {path.name} is {_megabytes(len(raw))}, over the "
                    f"{_megabytes(settings.max_bytes)} limit for one input (--max-bytes).",
                )
                continue
            try:
                line, warning = decode_bytes(raw, where)
            except InputError as exc:
                yield Problem(path=where, error=f"line {number} of {path.name}: {exc.message}")
                continue
            if warning:
                yield warning
            try:
                record = json.loads(line)
            except _JSON_ERRORS as exc:
                yield Problem(
                    path=where,
                    error=f"line {number} of {path.name} is not valid JSON ({_why(exc)}); "
                    "the other lines were read.",
                )
                continue
            yield from _from_record(where, record, settings, meta)
    if not seen_any:
        yield Problem(path=str(path), error=f"{path} is empty.")


def _from_record(
    where: str, record: Any, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    if not isinstance(record, dict):
        yield Problem(
            path=where, error=f"{where} holds a JSON {type(record).__name__}, not an object."
        )
        return
    fields = {**_pick_fields(record, settings.field_map), **meta}
    text = fields.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        key = settings.field_map.get("text", "text")
        keys = ", ".join(sorted(map(str, record))[:12]) or "none"
        yield Problem(
            path=where,
            error=f"record {where} has no text in its {key!r} field (its keys: {keys}); "
            "name the field that holds the article text with --field text=KEY.",
        )
        return
    yield from _make_article(str(fields.pop("path", None) or where), text, fields, settings)


def _pick_fields(record: Mapping[str, Any], field_map: Mapping[str, str]) -> dict[str, Any]:
    """Article fields from a record, through the user's field map and the usual key aliases."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    fields: dict[str, Any] = {}
    for field in ("text", *_KEY_ALIASES):
        if field in field_map:
            value = record.get(field_map[field])
        else:
            value = next(
                (lowered[k] for k in _KEY_ALIASES.get(field, (field,)) if lowered.get(k)), None
            )
        if value not in (None, ""):
            fields[field] = value
    return fields


def _make_article(
    path: str, text: str, fields: Mapping[str, Any], settings: Settings
) -> Iterator[Item]:
    published_raw = fields.get("published")
    published: dt.date | None = None
    if published_raw not in (None, ""):
        published = parse_date(published_raw)
        if published is None:
            yield Problem(
                path=path,
                error=f"the publication date {str(published_raw)[:60]!r} could not be read; "
                "give it as YYYY-MM-DD (relative dates in this text stay off the timeline).",
                severity="warning",
            )
    url = fields.get("url")
    yield Article(
        id=_clean_str(fields.get("id")),
        path=None if (url and path == url) else path,
        url=str(url) if url else None,
        title=_clean_str(fields.get("title")),
        outlet=_clean_str(fields.get("outlet")),
        published=published,
        language=_clean_str(fields.get("language")),
        text=text,
    )


def _clean_str(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def parse_date(value: Any) -> dt.date | None:
    """A date from ISO strings, RFC 2822 (feeds), datetimes, or the free forms dateparser reads."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for parser in _DATE_PARSERS:
        try:
            parsed = parser(text)
        except (ValueError, TypeError, IndexError, OverflowError):
            continue
        if parsed is not None:
            return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    return None


def _iso(text: str) -> dt.date | dt.datetime:
    return (
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if "T" in text or " " in text
        else dt.date.fromisoformat(text)
    )


def _dateparser(text: str) -> dt.datetime | None:
    import dateparser

    return dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True})


_DATE_PARSERS: tuple[Callable[[str], Any], ...] = (
    _iso,
    email.utils.parsedate_to_datetime,
    _dateparser,
)


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
