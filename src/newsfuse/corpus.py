"""corpus: a stream of articles kept in a store and grouped into stories as they arrive.

The Python side of ``newsfuse add``, ``newsfuse stories`` and ``newsfuse brief --story``, one
function each (the CLI is a thin shell over them):

- :func:`add` reads inputs (everything ``brief`` reads, pages by URL, and the new entries of
  feeds: :mod:`newsfuse.intake`), cleans each new article once, writes it to the store and
  assigns it to a story, in publication order within each batch, one transaction a batch. An
  article whose content hash is already stored is skipped and reported.
- :func:`list_stories` describes the stories: title, size, outlets, independent sources, dates.
- :func:`story_brief` is the brief of one stored story, rebuilt only when the story has changed.

This layer calls the pipeline (``clean``, ``segment``, ``fuse``); the pipeline never imports it.

>>> result = add(["examples/kazakhstan-2022"], db=":memory:")   # doctest: +SKIP
>>> [s.size for s in list_stories(result.store)]                # doctest: +SKIP
[5]
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis import Analysis, analyse_cleaned, analysis_version, clean
from .intake import FeedRead, Intake
from .model import Article, CleanArticle, Problem, Sentence
from .pipeline import Input, Progress, _as_list, _settings, empty_problem
from .resources import Resources
from .reuse import WordIndex, compare_pair, passage_rows
from .segment import segment_text
from .settings import Settings
from .store import Store
from .stored import StorySummary, kept_brief, list_stories, story_analyses, story_brief
from .stories import (
    QUERY_NAMES,
    QUERY_TERMS,
    Choice,
    Profile,
    StoryState,
    choose_story,
    grow,
    heaviest,
    profile_of,
    weigh,
)
from .story_tables import CLUSTERING

if TYPE_CHECKING:
    from .fetch import Fetcher

__all__ = [
    "AddResult",
    "Added",
    "FeedRead",
    "Skipped",
    "StorySummary",
    "add",
    "group_texts",
    "kept_brief",
    "list_stories",
    "story_analyses",
    "story_brief",
]

#: Articles read, cleaned and written per transaction by default.
BATCH_SIZE = 200
#: Most articles that share fingerprints with a new one which are aligned word by word.
WIRE_CANDIDATES = 10
#: Keys that index a story: its heaviest stems and names.
INDEX_TERMS = 30
INDEX_NAMES = 20


@dataclass(frozen=True, slots=True)
class Added:
    """An article written to the store: the key it came in with, its row id, its story."""

    key: str
    article: int
    story: int
    reason: str  # new, similar or wire


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input whose content the store already holds (under ``existing``)."""

    key: str
    existing: str


@dataclass(slots=True)
class AddResult:
    """What one :func:`add` call did."""

    store: Store
    added: list[Added] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    feeds: list[FeedRead] = field(default_factory=list)


def content_hash(article: Article) -> str:
    """What makes two inputs the same article: its words (spacing aside) and its outlet.

    The same wire text printed by two outlets is two reports (their reuse is measured later);
    the same file added twice, or saved once as HTML and once as text, is one."""
    words = " ".join(article.text.split())
    return hashlib.sha256(f"{(article.outlet or '').lower()}\n{words}".encode()).hexdigest()


def article_key(article: Article) -> str:
    """The id an article came in with: a record's ``id``, else its path, else its URL."""
    return article.id or article.path or article.url or "(article)"


def add(
    inputs: Iterable[Input] | Input = (),
    *,
    feeds: Iterable[str] = (),
    allow_private: bool = False,
    fetcher: Fetcher | None = None,
    db: str | Path | Store = "newsfuse.db",
    published: str | dt.date | None = None,
    settings: Settings | None = None,
    resources: Resources | None = None,
    manifest: str | Path | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    analyse: bool = True,
) -> AddResult:
    """Add the articles of ``inputs`` to the store ``db`` and assign each to a story.

    Inputs are read in order and processed ``batch_size`` at a time; each batch is sorted by
    publication date (undated articles after the dated ones, in the order they came) and written
    in one transaction, so an interrupted call keeps every batch it finished, and calling it
    again on the same inputs adds exactly what is missing, in the same order.

    ``analyse`` parses each new article and keeps its analysis, so that briefing its story parses
    nothing; without it articles are only grouped, and a brief analyses what it lacks then.

    A ``str`` input that starts with ``http://`` or ``https://`` is fetched, and ``feeds`` are
    read for their new entries, through ``fetcher`` (else one made with ``allow_private`` and
    the settings' size cap); a failed fetch is a problem, and the rest go on.
    """
    settings = _settings(settings, published)
    resources = resources or Resources()
    store = db if isinstance(db, Store) else Store(db)
    report = progress or (lambda stage, done, total: None)
    result = AddResult(store=store)
    intake = Intake(
        store,
        settings,
        resources,
        manifest=manifest,
        allow_private=allow_private,
        fetcher=fetcher,
    )
    stream = intake.items(_as_list(inputs), list(feeds))
    settings = _clustering(store, settings)
    version = analysis_version(resources) if analyse else None
    seen = 0
    with intake:
        for batch in _batches(stream, batch_size):
            marks = len(result.added), len(result.skipped)
            # the parse, the slow part, runs before the transaction: other writers wait only
            # for the batch's writes
            fresh = _prepare(store, batch, resources, result, analyse)
            with store.transaction():
                _write_batch(store, fresh, settings, result, version)
                # a feed entry is seen once its article is in: in the same transaction
                intake.taken(_keys_since(result, marks))
            seen += len(batch)
            report("add", seen, seen)
        result.feeds = intake.finish()
    return result


def _keys_since(result: AddResult, marks: tuple[int, int]) -> list[str]:
    """Keys of the articles added or skipped since ``marks`` (the counts before a batch)."""
    added, skipped = marks
    return [a.key for a in result.added[added:]] + [s.key for s in result.skipped[skipped:]]


def _batches(stream: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(stream, max(size, 1))):
        yield batch


def _clustering(store: Store, settings: Settings) -> Settings:
    """The settings with the store's clustering settings, less those the caller set: the first
    add to a store records them, and one that sets any (``--idle-days``) changes them for the
    articles that follow."""
    stored = store.clustering() or {}
    given = {f: getattr(settings, f) for f in CLUSTERING if f in settings.model_fields_set}
    chosen = {f: getattr(settings, f) for f in CLUSTERING} | stored | given
    if chosen != stored:
        with store.transaction():
            store.save_clustering(chosen)
    return settings.model_copy(update=chosen)


@dataclass(frozen=True, slots=True)
class _Fresh:
    key: str
    digest: str
    cleaned: CleanArticle
    analysis: Analysis | None


def _prepare(
    store: Store,
    batch: Sequence[Article | Problem],
    resources: Resources,
    result: AddResult,
    analyse: bool,
) -> list[_Fresh]:
    """The batch's articles that are new, cleaned (and analysed), in publication order."""
    fresh: list[tuple[str, str, CleanArticle]] = []
    hashes: dict[str, str] = {}
    for item in batch:
        if isinstance(item, Problem):
            result.problems.append(item)
            continue
        key, digest = article_key(item), content_hash(item)
        existing = hashes.get(digest) or store.find_hash(digest)
        if existing is not None:
            result.skipped.append(Skipped(key=key, existing=existing))
            continue
        cleaned = clean(item, resources)
        if not cleaned.text.strip():
            result.problems.append(empty_problem(cleaned))
            continue
        hashes[digest] = key
        fresh.append((key, digest, cleaned))
    # publication order; undated articles keep their arrival order after the dated ones
    fresh.sort(
        key=lambda x: (x[2].article.published is None, x[2].article.published or dt.date.min)
    )
    analyses: list[Analysis | None] = [None] * len(fresh)
    if analyse:
        analyses = list(analyse_cleaned([c for _, _, c in fresh], resources))
    return [_Fresh(*item, analysis) for item, analysis in zip(fresh, analyses, strict=True)]


def _write_batch(
    store: Store,
    fresh: Sequence[_Fresh],
    settings: Settings,
    result: AddResult,
    version: str | None,
) -> None:
    kept = []
    for item in fresh:
        existing = store.find_hash(item.digest)  # another writer may have added it meanwhile
        if existing is not None:
            result.skipped.append(Skipped(key=item.key, existing=existing))
            continue
        added = _add_one(store, item.key, item.digest, item.cleaned, settings)
        result.added.append(added)
        if item.analysis is not None:
            kept.append((added.article, item.analysis))
    if version is not None:
        store.save_analyses(version, kept)


def _add_one(
    store: Store, key: str, digest: str, cleaned: CleanArticle, settings: Settings
) -> Added:
    """Write one article, find its wire copy, and put it in a story."""
    language = cleaned.article.language or "en"
    profile = profile_of(cleaned.text, cleaned.article.published, settings, language=language)
    return place_article(
        store,
        Placed(key, digest, cleaned, segment_text(cleaned.text), profile, _title_of(cleaned)),
        settings,
        lambda article_id: _wire_copy(
            store, article_id, cleaned.text, profile.fingerprints, settings
        ),
    )


@dataclass(frozen=True, slots=True)
class Placed:
    """An article ready to be written and put in a story: what the per-article work made."""

    key: str
    digest: str
    cleaned: CleanArticle
    sentences: Sequence[Sentence]
    profile: Profile
    title: str


def place_article(
    store: Store,
    item: Placed,
    settings: Settings,
    wire_copy: Callable[[int], dict[int, int]],
) -> Added:
    """Write one article and put it in a story: the sequential part of :func:`add`, shared
    with ``newsfuse index``. ``wire_copy(article_id)`` records the article's shared passages
    and returns the stories they lead to (story -> longest passage in words)."""
    published = item.cleaned.article.published
    profile = item.profile
    keys = [*profile.terms, *profile.names]
    df = store.count_keys(keys)
    total = store.article_count() + 1
    terms = weigh(profile.terms, df, total, profile.prior)
    names = weigh(profile.names, df, total, profile.prior)
    article_id = store.insert_article(
        item.key, item.digest, item.cleaned, item.sentences, profile.fingerprints
    )
    wired = wire_copy(article_id)
    since = published - dt.timedelta(days=settings.story_idle_days) if published else None
    query = heaviest(terms, QUERY_TERMS) + heaviest(names, QUERY_NAMES)
    ids = set(store.candidate_stories(query, since)) | set(wired)
    candidates = [store.load_story(i) for i in sorted(ids)]
    choice = choose_story(terms, names, published, candidates, wired, settings)
    story = _place(store, choice, candidates)
    grow(story, terms, names, published)
    store.save_story(story, heaviest(story.terms, INDEX_TERMS) + heaviest(story.names, INDEX_NAMES))
    store.join(article_id, story.id, choice.score, choice.reason, item.title)
    return Added(key=item.key, article=article_id, story=story.id, reason=choice.reason)


def _place(store: Store, choice: Choice, candidates: Sequence[StoryState]) -> StoryState:
    if choice.story is None:
        return StoryState(id=store.new_story(), size=0, first=None, last=None)
    return next(s for s in candidates if s.id == choice.story)


def _wire_copy(
    store: Store, article_id: int, text: str, fingerprints: Sequence[int], settings: Settings
) -> dict[int, int]:
    """Stories whose articles share passages with this one: story -> longest passage (words).

    Every confirmed pair is written to ``reuse``/``passages`` with its share and spans."""
    hits = store.sharing_fingerprints(fingerprints, exclude=article_id)
    best = sorted(hits, key=lambda a: (-hits[a], -a))[:WIRE_CANDIDATES]
    index = WordIndex.of(text)
    stories: dict[int, int] = {}
    for other in best:
        other_text = store.article_text(other)
        found = compare_pair("a", WordIndex.of(other_text), other_text, "b", index, settings)
        if found is None:
            continue
        rows = passage_rows(found)
        store.insert_reuse(other, article_id, found.share, rows)
        story = store.story_of(other)
        if story is not None:
            stories[story] = max(stories.get(story, 0), max(r[4] for r in rows))
    return stories


def _title_of(cleaned: CleanArticle) -> str:
    """A readable title: the headline, else the lead sentence (shortened)."""
    if cleaned.article.title:
        return cleaned.article.title
    sentences = segment_text(cleaned.text[:2000])
    lead = sentences[0].text if sentences else cleaned.text
    lead = " ".join(lead.split())
    return lead if len(lead) <= 120 else lead[:117].rsplit(" ", 1)[0] + "…"


def group_texts(
    texts: Sequence[tuple[str, dt.date | None, str | None]], settings: Settings | None = None
) -> list[list[int]]:
    """Group cleaned texts (with their dates and languages) into stories, in memory, as
    :func:`add` would; returns lists of indices into ``texts``, the first story first.

    For a check such as "does this folder hold one story?".
    """
    settings = settings or Settings()
    order = sorted(
        range(len(texts)), key=lambda n: (texts[n][1] is None, texts[n][1] or dt.date.min)
    )
    groups: dict[int, list[int]] = {}
    with Store(":memory:") as store, store.transaction():
        for n in order:
            text, date, language = texts[n]
            article = Article(text=text, published=date, language=language, path=f"#{n}")
            cleaned = CleanArticle(article=article, text=text)
            added = _add_one(store, f"#{n}", str(n), cleaned, settings)
            groups.setdefault(added.story, []).append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
