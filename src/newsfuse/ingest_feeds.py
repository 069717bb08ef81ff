"""ingest_feeds: RSS and Atom feeds, screened for XML attacks, one article per entry.

feedparser already declines to fetch external entities and drops most entity declarations, but
a feed reaches it from strangers (``newsfuse add --feed``), so its bytes are screened first:
a feed whose DOCTYPE declares entities is refused before feedparser sees it. A feed needs none,
and they are what both attacks are made of: an external entity reads a local file into the text
(XXE), nested ones expand a few hundred bytes to gigabytes (the "billion laughs").
``defusedxml`` reads the prolog of a well-formed feed; a byte check covers one so broken that
its parser stops before the DOCTYPE.

>>> xml_refusal(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>')[:28]
'declares XML entities in its'
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping
from html import unescape
from pathlib import Path
from typing import Any

from .ingest_bytes import FEED_SUFFIXES
from .ingest_fields import make_article
from .model import Article, Problem
from .settings import Settings

Item = Article | Problem
# a feed entry shorter than this is a teaser, not the article: said in a warning
TEASER_WORDS = 60


def xml_refusal(data: bytes) -> str | None:
    """Why the bytes of a feed are not given to a parser (None when they may be)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    try:
        # the prolog is all that can declare an entity: stop at the first element
        for _ in safe_tree.iterparse(io.BytesIO(data), events=("start",)):
            break
    except DefusedXmlException:
        return _ENTITIES
    except (ParseError, ValueError, LookupError):  # not well-formed, or an unknown encoding
        pass
    return _ENTITIES if _prolog_declares_entities(data) else None


_ENTITIES = (
    "declares XML entities in its DOCTYPE (<!ENTITY ...>), which a feed does not need and "
    "which can read local files into the text or expand to gigabytes"
)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _prolog_declares_entities(data: bytes) -> bool:
    """Whether ``<!ENTITY`` comes before the first element (UTF-16 feeds read as such)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    first = _FIRST_ELEMENT.search(data)
    return b"<!ENTITY" in (data[: first.start()] if first else data)


# A character reference past U+10FFFF, to a surrogate, or of more digits than any code point:
# feedparser's fallback parser calls chr() on it and raises, losing the whole feed
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")


def _valid_char_refs(data: bytes) -> bytes:
    """``data`` with each impossible character reference written as U+FFFD instead."""

    def valid(match: re.Match[bytes]) -> bytes:
        hexadecimal, decimal = match.groups()
        digits = hexadecimal or decimal
        if len(digits) > 8:
            return b"&#xFFFD;"
        code = int(digits, 16 if hexadecimal else 10)
        return b"&#xFFFD;" if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else match.group()

    return _CHAR_REF.sub(valid, data)


def parse_feed(
    data: bytes, where: str, *, hint: str = "", content_type: str | None = None
) -> tuple[Any | None, Problem | None]:
    """The parsed feed (None: nothing to read) and a problem to report, if any; ``hint`` ends
    the sentence of a file that is not a feed."""
    if refused := xml_refusal(data):
        return None, Problem(path=where, error=f"{where} {refused}; it was not read.")
    import feedparser

    # bytes, never a URL or a path: feedparser fetches a string that looks like a URL and opens
    # one that names a file (the XML declaration still sets the encoding)
    headers = {"content-type": content_type} if content_type else None
    try:
        feed = feedparser.parse(io.BytesIO(_valid_char_refs(data)), response_headers=headers)
    except Exception as exc:  # feedparser's fallback parser raises many types on hostile markup
        return None, Problem(path=where, error=f"{where} could not be parsed as a feed ({exc}).")
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.bozo else ""
        return None, Problem(
            path=where, error=f"{where} is not an RSS or Atom feed with entries{reason}{hint}."
        )
    if feed.bozo:
        return feed, Problem(
            path=where,
            error=f"{where} is not well-formed XML ({feed.bozo_exception}); the "
            f"{len(feed.entries)} entries that could be parsed were read.",
            severity="warning",
        )
    return feed, None


def entry_date(entry: Any) -> dt.date | None:
    """The date feedparser read for an entry, or None (none given, or no real date: year 0)."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.date(*parsed[:3])
    except (ValueError, TypeError, OverflowError):
        return None


def entry_text(entry: Any) -> str:
    """The text a feed carries of an entry: its longest content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", [])]
    return html_fragment_text(max(contents, key=len) if contents else entry.get("summary", ""))


def feed_items(
    path: Path, data: bytes, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    """One article per RSS/Atom entry: its full content when the feed carries it, else its summary."""
    hint = f"; newsfuse reads {', '.join(FEED_SUFFIXES)} files as feeds"
    feed, problem = parse_feed(data, str(path), hint=hint)
    if problem is not None:
        yield problem
    if feed is None:
        return
    channel = {"outlet": feed.feed.get("title"), "language": feed.feed.get("language")}
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}:{number}"
        body = entry_text(entry)
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
        published = entry_date(entry)
        stated = entry.get("published") or entry.get("updated")
        if published is None and stated:
            # not given to dateparser, which reads "Sat, 01 Jan 0000" as 2000
            yield Problem(
                path=where,
                error=f"the publication date {str(stated)[:60]!r} of entry {number} of "
                f"{path.name} could not be read (a feed gives RFC 822 or ISO 8601 dates); the "
                "entry was read without one.",
                severity="warning",
            )
        fields = {
            **{k: v for k, v in channel.items() if v},
            "title": entry.get("title"),
            "url": entry.get("link"),
            "id": entry.get("id"),
            "published": published,
            **meta,
        }
        fields = {k: v for k, v in fields.items() if v not in (None, "")}
        yield from make_article(where, body, fields, settings)


_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article figure".split()
)
# what lxml refuses in a text ("All strings must be XML compatible"): C0 controls, lone
# surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one paragraph per block element.

    Written here because trafilatura's extractors look for an article in a whole page and return
    nothing for a fragment of a few paragraphs; lxml does the parsing.
    """
    import lxml.html
    from lxml.etree import ParserError

    if not html or not html.strip():
        return ""
    html = _NOT_XML.sub(" ", html)
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
