"""ingest_fields: the article fields an input states (under the names inputs use for them), its
publication date, and the finished :class:`Article`.

An article's ``path`` is always where it was read (``file``, or ``file:line`` for a record or a
feed entry): a record's own ``path`` key is never taken for its origin, or a record saying
``"path": "/etc/passwd"`` would be cited as that file.

>>> parse_date("Tue, 14 Mar 2023 09:00:00 GMT")
datetime.date(2023, 3, 14)
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .model import Article, Problem
from .settings import Settings

# Front-matter, manifest and record keys that mean the same article field.
KEY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "pubdate"),
    "language": ("language", "lang"),
    "path": ("path", "file", "filename"),  # a manifest row's file; never a record's origin
    "id": ("id", "doc_id", "docid", "guid"),
}


def pick_fields(record: Mapping[str, Any], field_map: Mapping[str, str]) -> dict[str, Any]:
    """Article fields from a record, through the user's field map and the usual key aliases."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    fields: dict[str, Any] = {}
    for field in ("text", *KEY_ALIASES):
        if field in field_map:
            value = record.get(field_map[field])
        else:
            value = next(
                (lowered[k] for k in KEY_ALIASES.get(field, (field,)) if lowered.get(k)), None
            )
        if value not in (None, ""):
            fields[field] = value
    return fields


def make_article(
    where: str, text: str, fields: Mapping[str, Any], settings: Settings
) -> Iterator[Article | Problem]:
    """The article read at ``where`` (a warning first when its date cannot be read)."""
    published_raw = fields.get("published")
    published: dt.date | None = None
    if published_raw not in (None, ""):
        published = parse_date(published_raw)
        if published is None:
            yield Problem(
                path=where,
                error=f"the publication date {str(published_raw)[:60]!r} could not be read; "
                "give it as YYYY-MM-DD (relative dates in this text stay off the timeline).",
                severity="warning",
            )
    url = fields.get("url")
    yield Article(
        id=clean_str(fields.get("id")),
        path=None if (url and where == url) else where,
        url=str(url) if url else None,
        title=clean_str(fields.get("title")),
        outlet=clean_str(fields.get("outlet")),
        published=published,
        language=clean_str(fields.get("language")),
        text=text,
    )


def clean_str(value: Any) -> str | None:
    """A one-line string of a field, or None for an empty one."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


# Lone surrogates come from JSON escapes ("\ud800") and from file names that are not UTF-8
# (Python decodes their bytes to surrogates); no output format can encode them.
_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, one character for one (offsets hold)."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


def encodable(item: Article | Problem) -> Article | Problem:
    """``item`` with every string field encodable as UTF-8 (the same object when it was)."""
    updates = {
        name: without_surrogates(value)
        for name in type(item).model_fields
        if isinstance(value := getattr(item, name), str) and _SURROGATES.search(value)
    }
    return item.model_copy(update=updates) if updates else item


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
