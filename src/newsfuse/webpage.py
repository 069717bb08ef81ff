"""webpage: a fetched page read as an Article, the way ``brief`` reads a saved one.

HTML (by its content type, or by its first bytes when the server names none) goes through the
trafilatura path of saved pages (:func:`newsfuse.ingest.html_items`); ``text/plain`` is read as
text; anything else is a :class:`~newsfuse.fetch.FetchError` that names its type. The article's
``url`` is the final URL, after redirects, not the link the page gives of itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InputError
from .fetch import Fetched, FetchError
from .ingest import decode_bytes, html_items
from .model import Article, Problem

if TYPE_CHECKING:
    from .settings import Settings

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# what a server says when it does not know: the bytes decide
_UNKNOWN_TYPES = (None, "application/octet-stream", "binary/octet-stream")


def page_article(fetched: Fetched, settings: Settings) -> tuple[Article, list[Problem]]:
    """The article of a fetched page (HTML or plain text) with ``url`` the final URL."""
    where = fetched.final_url
    kind = _kind(fetched)
    if kind is None:
        hint = "; give a feed with --feed" if fetched.media_type in FEED_TYPES else ""
        raise FetchError(
            f"{where} is {fetched.media_type or 'of no stated type'}, not a web page; newsfuse "
            f"reads HTML and plain-text pages{hint}",
            where,
        )
    text, warning = _decoded(fetched)
    warnings = [warning] if warning else []
    if kind == "text":
        return Article(url=where, text=text), warnings
    articles: list[Article] = []
    for item in html_items(where, text, settings, {"url": where}):
        if isinstance(item, Article):
            articles.append(item)
        elif item.severity == "error":  # ingest's sentences end with a stop; errors do not
            raise FetchError(item.error.rstrip("."), where)
        else:
            warnings.append(item)
    if not articles:  # html_items yields an article or an error
        raise FetchError(f"no article could be read from {where}", where)
    return articles[0], warnings


def _kind(fetched: Fetched) -> str | None:
    """'html', 'text' or None (neither), by content type, else by the first bytes."""
    media = fetched.media_type
    if media in HTML_TYPES:
        return "html"
    if media == "text/plain":
        return "text"
    if media in _UNKNOWN_TYPES:
        head = fetched.data[:1024].lower()
        if b"<!doctype html" in head or b"<html" in head:
            return "html"
    return None


def _decoded(fetched: Fetched) -> tuple[str, Problem | None]:
    """The text of a body: in the charset the server names, else as ingest decodes a file."""
    where = fetched.final_url
    charset = fetched.charset
    if charset and fetched.data.strip():
        try:
            return fetched.data.decode(charset).removeprefix("\ufeff"), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: detect it, and say so, as for a saved file
    try:
        return decode_bytes(fetched.data, where)
    except InputError as exc:
        raise FetchError(exc.message.rstrip("."), where) from exc
