"""web_intake: reports that reach ``newsfuse serve`` (pasted text, uploaded files, a URL)
turned into articles and added to the store by :func:`corpus.add`, as ``newsfuse add`` does.

A fetch or a file that fails becomes a Problem in the result, beside the articles that were
added; nothing here raises for bad input.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import corpus
from .corpus import AddResult
from .model import Article, Problem
from .resources import Resources
from .settings import Settings
from .store import Store

#: Most files one upload may carry.
MAX_FILES = 20
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass
class Submitted:
    """What the add page's form carried."""

    text: str = ""
    title: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    files: list[tuple[str, bytes]] = field(default_factory=list)

    def echo(self) -> dict[str, str]:
        """The typed fields, to fill the form again when it is shown with its problems."""
        return {
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
        }


def pasted_article(
    text: str, title: str | None, outlet: str | None, published: str | None
) -> Article | Problem:
    """An article of pasted text, keyed by its content (the same paste twice is one article)."""
    from .ingest import parse_date

    digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]
    key = f"pasted:{digest}"
    if not text.strip():
        return Problem(path=key, error="the pasted text is empty; paste the report's text")
    date = None
    if published and published.strip():
        date = parse_date(published.strip())
        if date is None or not re.search(r"\d{4}", published):
            return Problem(
                path=key,
                error=f"cannot read the publication date {published!r}; use YYYY-MM-DD",
            )
    return Article(
        id=key,
        text=text,
        title=(title or "").strip() or None,
        outlet=(outlet or "").strip() or None,
        published=date,
    )


def added_json(result: AddResult) -> dict[str, Any]:
    """What an add did, as ``POST /api/articles`` answers it."""
    return {
        "added": [
            {"key": a.key, "article": a.article, "story": a.story, "reason": a.reason}
            for a in result.added
        ],
        "skipped": [{"key": s.key, "existing": s.existing} for s in result.skipped],
        "problems": [p.model_dump(mode="json") for p in result.problems],
    }


@dataclass
class WebIntake:
    """Adds to the store at ``db`` under ``lock`` (one writer of this process at a time)."""

    db: Path
    settings: Settings
    resources: Resources
    lock: threading.Lock
    allow_private: bool

    def add_articles(
        self, items: Sequence[Article | Problem], problems: Sequence[Problem] = ()
    ) -> AddResult:
        articles = [i for i in items if isinstance(i, Article)]
        found = [*problems, *(i for i in items if isinstance(i, Problem))]
        with self.lock, Store(self.db) as store:
            if articles:
                result = corpus.add(
                    articles, db=store, settings=self.settings, resources=self.resources
                )
            else:
                result = AddResult(store=store)
        result.problems[:0] = found
        return result

    def add_urls(self, urls: Sequence[str]) -> AddResult:
        # fetched outside the lock: a slow site must not hold up other writers
        return self.add_articles([self._fetched(url) for url in urls])

    def add_submitted(self, submitted: Submitted) -> AddResult:
        items: list[Article | Problem] = []
        if submitted.text.strip():
            items.append(
                pasted_article(
                    submitted.text, submitted.title, submitted.outlet, submitted.published
                )
            )
        if submitted.url.strip():
            items.append(self._fetched(submitted.url.strip()))
        items += self._uploaded(submitted.files)
        if not items:
            none = Problem(
                path="(form)", error="nothing to add: paste a text, choose files or give a URL"
            )
            return self.add_articles([], [none])
        return self.add_articles(items)

    def _fetched(self, url: str) -> Article | Problem:
        from .fetch import FetchError, fetch_article

        try:
            return fetch_article(url, allow_private=self.allow_private, settings=self.settings)
        except FetchError as exc:
            return Problem(path=url, error=str(exc))

    def _uploaded(self, files: Sequence[tuple[str, bytes]]) -> list[Article | Problem]:
        """Each file read as ``brief`` reads one of its kind; articles and problems name the
        file as it was uploaded, not where it was kept meanwhile."""
        from .ingest import iter_articles

        if len(files) > MAX_FILES:
            extra = Problem(
                path="(upload)",
                error=f"{len(files)} files were uploaded; the first {MAX_FILES} were read, "
                "upload the rest in another batch",
            )
            return [extra, *self._uploaded(files[:MAX_FILES])]
        found: list[Article | Problem] = []
        with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as folder:
            for n, (filename, data) in enumerate(files):
                name = _SAFE_NAME.sub("_", Path(filename).name)[-100:] or "upload.txt"
                kept = Path(folder) / f"{n}-{name}"
                kept.write_bytes(data)
                for item in iter_articles([kept], self.settings, self.resources):
                    found.append(_renamed(item, str(kept), f"upload:{name}"))
        return found


def _renamed(item: Article | Problem, kept: str, name: str) -> Article | Problem:
    if isinstance(item, Problem):
        return item.model_copy(
            update={"path": item.path.replace(kept, name), "error": item.error.replace(kept, name)}
        )
    return item.model_copy(update={"path": (item.path or kept).replace(kept, name)})
