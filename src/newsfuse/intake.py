"""intake: the inputs of one ``newsfuse add`` as Article and Problem records — files, pages, feeds.

Files and folders go to :mod:`newsfuse.ingest` as ``brief`` reads them; an ``http(s)://``
address is fetched (:mod:`newsfuse.fetch`) and read as a saved page would be; a feed is fetched
with the ETag and Last-Modified of its last read, parsed from its bytes, and each entry not seen
before is read from the page it links to (or from the feed's own text when the page cannot be
fetched and the feed carries the whole article).

What each feed gave is kept in the store: an entry is marked seen in the transaction that writes
its article (or finds it already stored, :meth:`Intake.taken`), and a feed's validators are kept
only once every new entry of it was taken (:meth:`Intake.finish`), so that an entry whose page
failed is tried again by the next read instead of hidden behind a 304.

>>> with Intake(Store(":memory:"), Settings()) as intake:          # doctest: +SKIP
...     items = list(intake.items(["https://example.org/news/1"], feeds=[]))
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .fetch import Fetcher, FetchError, fetch_page
from .ingest import iter_articles
from .ingest_feeds import TEASER_WORDS, entry_date, entry_text, parse_feed
from .model import Article, Problem

if TYPE_CHECKING:
    from .resources import Resources
    from .settings import Settings
    from .store import Store

Item = Article | Problem
# what add fetches; ingest keeps its "save the page" answer for ftp:// and for brief
_FETCHED = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)


def is_url(value: object) -> bool:
    """Whether an input of ``add`` is a web address to fetch (a ``str``, not a ``Path``)."""
    return isinstance(value, str) and bool(_FETCHED.match(value))


@dataclass(frozen=True, slots=True)
class FeedRead:
    """What one read of a feed found: ``unchanged`` (a 304), ``read`` or ``failed``."""

    url: str
    status: Literal["unchanged", "read", "failed"]
    entries: int = 0  # entries the feed lists
    new: int = 0  # of those, entries not taken before


@dataclass(slots=True)
class _Feed:
    """A feed being read: its new validators, and its new entries not yet taken."""

    etag: str | None
    last_modified: str | None
    waiting: set[str] = field(default_factory=set)
    failed: bool = False


class Intake:
    """The stream of records for one add, and the memory of what the feeds gave."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        resources: Resources | None = None,
        *,
        manifest: str | Path | None = None,
        allow_private: bool = False,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.resources = resources
        self.manifest = manifest
        self.allow_private = allow_private
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None
        self._feeds: dict[str, _Feed] = {}
        self._reads: list[FeedRead] = []
        self._pending: dict[str, list[tuple[str, str]]] = {}  # article key -> (feed, entry)

    def __enter__(self) -> Intake:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        """The one fetcher of this add (made on first use: files alone need none)."""
        if self._fetcher is None:
            self._fetcher = Fetcher(
                allow_private=self.allow_private, max_bytes=self.settings.max_bytes
            )
        return self._fetcher

    def items(self, inputs: Sequence[Any], feeds: Sequence[str] = ()) -> Iterator[Item]:
        """Records of ``inputs`` in their order (runs of files read together), then of ``feeds``."""
        run: list[Any] = []
        for given in inputs:
            if not is_url(given):
                run.append(given)
                continue
            if run:
                yield from self._files(run)
                run = []
            yield from self._page(given)
        if run:
            yield from self._files(run)
        for url in dict.fromkeys(feeds):  # a feed given twice is read once
            yield from self._feed(url)

    def _files(self, inputs: list[Any]) -> Iterator[Item]:
        yield from iter_articles(inputs, self.settings, self.resources, manifest=self.manifest)

    def _finished(self, article: Article) -> Iterator[Item]:
        """The article with its language and fallback date, as ingest finishes every input."""
        yield from iter_articles([article], self.settings, self.resources)

    def _page(self, url: str) -> Iterator[Item]:
        try:
            article, warnings = fetch_page(url, self.settings, self.fetcher)
        except FetchError as exc:
            yield Problem(path=url, error=f"{exc}.")
            return
        yield from warnings
        yield from self._finished(article)

    # -----------------------------------------------------------------------------------------
    # Feeds

    def _feed(self, url: str) -> Iterator[Item]:
        """The new entries of one feed, each read from its page (or the feed's own text)."""
        etag, modified = self.store.feed_validators(url)
        headers = {"If-None-Match": etag} if etag else {}
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            fetched = self.fetcher.get(url, headers)
        except FetchError as exc:
            self._reads.append(FeedRead(url=url, status="failed"))
            yield Problem(path=url, error=f"{exc}.")
            return
        if fetched.status == 304:
            self._reads.append(FeedRead(url=url, status="unchanged"))
            return
        parsed, problem = _parsed(url, fetched.data, fetched.content_type)
        if problem is not None:
            yield problem
        if parsed is None:
            self._reads.append(FeedRead(url=url, status="failed"))
            return
        # (position in the feed, id, entry) of the entries not taken before, each id once
        entries: dict[str, tuple[int, Any]] = {}
        for number, entry in enumerate(parsed.entries, start=1):
            entries.setdefault(_entry_id(entry, fetched.final_url), (number, entry))
        seen = self.store.seen_entries(url, list(entries))
        fresh = [(n, i, e) for i, (n, e) in entries.items() if i not in seen]
        state = _Feed(etag=fetched.etag, last_modified=fetched.last_modified)
        self._feeds[url] = state
        self._reads.append(FeedRead(url=url, status="read", entries=len(entries), new=len(fresh)))
        channel = {"outlet": parsed.feed.get("title"), "language": parsed.feed.get("language")}
        for number, entry_id, entry in fresh:
            article, problems = self._entry(
                url, number, entry_id, entry, channel, fetched.final_url
            )
            yield from problems
            if article is None:
                state.failed = True
                continue
            key = article.id or entry_id
            state.waiting.add(key)
            self._pending.setdefault(key, []).append((url, entry_id))
            yield from self._finished(article)

    def _entry(
        self,
        feed: str,
        number: int,
        entry_id: str,
        entry: Any,
        channel: dict[str, Any],
        base: str,
    ) -> tuple[Article | None, list[Problem]]:
        """The article of one feed entry (links resolve against ``base``, where the feed was
        found), and what went wrong on the way."""
        fields = _entry_fields(entry, channel, base)
        link = fields.get("url")
        title = fields.get("title") or "untitled"
        failure = "it links to no page"
        if link:
            try:
                page, warnings = fetch_page(link, self.settings, self.fetcher)
            except FetchError as exc:
                failure = f"its page could not be fetched ({exc})"
            else:
                # the page's own title and site name, the feed's date (read by machine, not
                # guessed from the page) and the entry's id
                kept = {k: v for k, v in fields.items() if getattr(page, k) is None}
                update = {**kept, "id": entry_id, "published": fields.get("published")}
                return page.model_copy(update={k: v for k, v in update.items() if v}), warnings
        body = entry_text(entry)
        where = link or f"{feed} entry {number}"
        words = len(body.split())
        if words < TEASER_WORDS:  # ingest's rule: a shorter entry is a teaser, not the article
            carried = f"only {words} words of it" if words else "no text of it"
            return None, [
                Problem(
                    path=where,
                    error=f"entry {number} of the feed {feed} ({title}) was not added: {failure}, "
                    f"and the feed carries {carried}.",
                )
            ]
        warning = Problem(
            path=where,
            error=f"entry {number} of the feed {feed} ({title}): {failure}; the {words} words the "
            "feed carries were read instead.",
            severity="warning",
        )
        return Article(id=entry_id, text=body, **fields), [warning]

    def taken(self, keys: Iterable[str]) -> None:
        """Mark seen the feed entries of the articles ``keys`` (added, or already stored);
        called inside the transaction that writes them."""
        for key in keys:
            for feed, entry in self._pending.pop(key, ()):
                self.store.mark_seen(feed, [entry])
                if feed in self._feeds:
                    self._feeds[feed].waiting.discard(key)

    def finish(self) -> list[FeedRead]:
        """Keep the validators of every feed whose new entries were all taken; what each read
        found, in the order read."""
        complete = [(u, s) for u, s in self._feeds.items() if not s.failed and not s.waiting]
        if complete:
            with self.store.transaction():
                for url, state in complete:
                    self.store.save_feed(url, state.etag, state.last_modified)
        return list(self._reads)


def _parsed(url: str, data: bytes, content_type: str | None) -> tuple[Any, Problem | None]:
    """The parsed feed (None: not a feed with entries) and a problem to report, if any."""
    # bytes, never the URL: feedparser would fetch it itself, past every check of the fetcher.
    # No base URL either: feedparser would resolve ids against it, and an id must stay what the
    # feed says when the feed moves; links are resolved here (_entry_fields). The bytes are
    # screened for XML entities first, as a saved feed's are (ingest_feeds.xml_refusal).
    return parse_feed(data, url, content_type=content_type or "application/xml")


def _entry_id(entry: Any, base: str) -> str:
    """An entry's id, else its link, else a digest of its title and text (feeds omit ids)."""
    from urllib.parse import urljoin

    if entry.get("id"):
        return str(entry["id"])
    if entry.get("link"):
        return urljoin(base, str(entry["link"]))
    words = f"{entry.get('title', '')}\n{entry_text(entry)}"
    return "sha256:" + hashlib.sha256(words.encode()).hexdigest()


def _entry_fields(entry: Any, channel: dict[str, Any], base: str) -> dict[str, Any]:
    """Article fields an entry states: title, link, date, and the channel's outlet and language."""
    from urllib.parse import urljoin

    link = entry.get("link")
    fields = {
        **channel,
        "title": " ".join(str(entry.get("title") or "").split()),
        "url": urljoin(base, str(link)) if link else None,
        "published": entry_date(entry),  # None for a date of no calendar (year 0)
    }
    return {k: v for k, v in fields.items() if v not in (None, "")}
