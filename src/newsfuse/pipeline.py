"""The pipeline: inputs -> ingest -> clean -> segment -> reuse -> Brief.

:func:`brief` is the one public function that does the whole job; the CLI is a thin shell over it.
Stages are called in order, each with the records the previous one returned; none reaches back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __name__ as _package
from .align import MIN_STATEMENT_WORDS, Statement, build_facts, content_stems, lexical_vectors
from .clauses import Clause, clause_support, clauses_of
from .clean import clean_article
from .conflicts import find_conflicts
from .extract import parse_sources
from .extract.dates import find_time_expressions
from .extract.entities import canonical_entities, entity_mentions, entity_name_for
from .extract.quantities import find_quantities
from .extract.quotes import find_quotes, merge_quotes
from .ingest import parse_date, read_inputs
from .model import (
    Article,
    Brief,
    CleanArticle,
    Mention,
    Problem,
    QuantityMention,
    Sentence,
    Source,
    Span,
)
from .resources import Resources
from .reuse import find_reuse, read_credits, wire_groups
from .segment import segment_text
from .settings import Settings
from .summarize import summarize
from .timeline import build_timeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: progress(stage, done, total): called as work advances, for progress bars.
Progress = Callable[[str, int, int], None]

Input = str | Path | Article


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_package)
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def _settings(settings: Settings | None, published: str | dt.date | None) -> Settings:
    settings = settings or Settings()
    if published is not None:
        date = parse_date(published)
        if date is None:
            from .errors import ConfigError

            raise ConfigError(f"cannot read the publication date {published!r}; use YYYY-MM-DD")
        settings = settings.model_copy(update={"published": date})
    return settings


def load_articles(
    inputs: Iterable[Input] | Input,
    published: str | dt.date | None = None,
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
    manifest: str | Path | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Read files, directories and records into Articles; unreadable inputs become Problems."""
    settings = _settings(settings, published)
    return read_inputs(_as_list(inputs), settings, resources, manifest=manifest)


def brief(
    inputs: Iterable[Input] | Input,
    published: str | dt.date | None = None,
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
    manifest: str | Path | None = None,
    progress: Progress | None = None,
    focus: str | None = None,
    words: int | None = None,
) -> Brief:
    """Read the reports in ``inputs`` (paths, directories or Articles) and build their Brief.

    ``published`` is the publication date of every input that does not state its own. Inputs that
    cannot be read are listed in ``Brief.problems``; they never stop the others. ``focus`` (a
    question or topic) biases the summary toward it; ``words`` is the summary's budget.
    """
    settings = _settings(settings, published)
    if focus is not None or words is not None:
        updates = {"focus": focus or settings.focus}
        if words is not None:
            updates["summary_words"] = words
        settings = settings.model_copy(update=updates)
    resources = resources or Resources()
    report = progress or (lambda stage, done, total: None)

    articles, problems = read_inputs(_as_list(inputs), settings, resources, manifest=manifest)
    report("read", len(articles), len(articles))
    cleaned: list[CleanArticle] = []
    for n, article in enumerate(articles, start=1):
        cleaned.append(clean(article, resources))
        report("clean", n, len(articles))
    return fuse(cleaned, settings=settings, resources=resources, problems=problems, progress=report)


def clean(article: Article, resources: Resources) -> CleanArticle:
    """The cleaned article (English texts also get the caption-tense rule, which parses)."""
    english = article.language in (None, "en")
    return clean_article(article, resources.nlp if english else None)


def fuse(
    cleaned: Sequence[CleanArticle],
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
    problems: Sequence[Problem] = (),
    progress: Progress | None = None,
) -> Brief:
    """The Brief of articles that are already cleaned (the store keeps them so).

    ``problems`` are carried into the brief; an article with no text left is set aside as one.
    """
    settings = settings or Settings()
    resources = resources or Resources()
    report = progress or (lambda stage, done, total: None)
    problems = list(problems)
    sentences: list[tuple[Sentence, ...]] = []
    for n, item in enumerate(cleaned, start=1):
        sentences.append(segment_text(item.text))
        report("segment", n, len(cleaned))

    kept: list[tuple[CleanArticle, tuple[Sentence, ...]]] = []
    for item, sents in zip(cleaned, sentences, strict=True):
        if item.text.strip():
            kept.append((item, sents))
            continue
        problems.append(empty_problem(item))
    sources = build_sources([c for c, _ in kept])
    texts = {source.id: source.text for source in sources}
    reuse = find_reuse(texts, settings)
    report("reuse", len(sources), len(sources))
    order = [s.id for s in sources]
    groups = wire_groups(reuse, settings, {s.id: s.credits for s in sources}, order=order)

    # extract: one spaCy pass per English source, then the readers of the parsed documents
    english = [
        (src, sents)
        for src, (_, sents) in zip(sources, kept, strict=True)
        if src.language in ("en", "und")
    ]
    parsed = parse_sources(
        [src.text for src, _ in english], [st for _, st in english], resources.nlp
    )
    docs = {}
    for n, ((source, _), doc) in enumerate(zip(english, parsed, strict=True), start=1):
        docs[source.id] = doc
        report("parse", n, len(english))
    mentions = [m for sid, doc in docs.items() for m in entity_mentions(sid, doc)]
    entities, aliases = canonical_entities(mentions, texts, order)
    times = [
        m
        for src, sents in english
        for m in find_time_expressions(src.id, src.text, sents, src.published)
    ]
    timeline = build_timeline(times, docs, order)
    published = {s.id: s.published for s in sources}
    quantities = [
        q for sid, doc in docs.items() for q in find_quantities(sid, doc, times, published[sid])
    ]
    conflicts = find_conflicts(quantities, order)
    quotes = merge_quotes(
        [q for sid, doc in docs.items() for q in find_quotes(sid, doc, aliases)], order
    )
    report("extract", len(docs), len(docs))

    statements = build_statements(english, mentions, quantities, aliases)
    embedder = resources.embedder(settings.embedder)
    if embedder is None:
        vectors, threshold = lexical_vectors(statements), settings.same_statement_lexical
    else:
        vectors = embedder([s.text for s in statements])
        threshold = settings.same_statement_minilm
    facts = build_facts(statements, vectors, reuse, order, groups, threshold)
    witness = {sid: group.sources[0] for group in groups for sid in group.sources}
    partly = clause_support(statement_clauses(statements, docs, quantities), witness)
    report("align", len(statements), len(statements))
    summary = summarize(
        statements,
        vectors,
        facts,
        conflicts,
        timeline,
        {s.id: s.published.isoformat() if s.published else None for s in sources},
        order,
        words=settings.summary_words,
        focus=settings.focus,
        witness=witness,
        partly=partly,
    )
    report("summary", 1, 1)
    return Brief(
        generator=f"newsfuse {_version()}",
        sources=tuple(sources),
        summary=tuple(summary),
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        quotes=tuple(quotes),
        entities=tuple(entities),
        timeline=tuple(timeline),
        reuse=tuple(reuse),
        wire_groups=tuple(groups),
        problems=tuple(problems),
    )


def build_statements(
    english: Sequence[tuple[Source, Sequence[Sentence]]],
    mentions: Sequence[Mention],
    quantities: Sequence[QuantityMention],
    aliases: dict[str, str],
) -> list[Statement]:
    """The sentences that can carry a fact, with the entities and figures each names."""
    statements = []
    for source, sentences in english:
        names = [m for m in mentions if m.span.source == source.id]
        figures = [q for q in quantities if q.span.source == source.id]
        for sentence in sentences:
            if len(sentence.text.split()) < MIN_STATEMENT_WORDS:
                continue
            start, end = sentence.start, sentence.end
            statements.append(
                Statement(
                    span=Span(source=source.id, start=start, end=end),
                    text=sentence.text,
                    stems=content_stems(sentence.text),
                    entities=frozenset(
                        entity_name_for(m.text, aliases) or m.text
                        for m in names
                        if start <= m.span.start < end
                    ),
                    numbers=frozenset(q.value for q in figures if start <= q.span.start < end),
                )
            )
    return statements


def statement_clauses(
    statements: Sequence[Statement], docs: dict[str, Doc], quantities: Sequence[QuantityMention]
) -> list[tuple[Clause, ...]]:
    """The clauses of each statement, read off the parse of its source."""
    figures: dict[str, list[tuple[int, float]]] = {}
    for q in quantities:
        figures.setdefault(q.span.source, []).append((q.span.start, q.value))
    found = []
    for statement in statements:
        span = statement.span
        sentence = docs[span.source].char_span(span.start, span.end, alignment_mode="expand")
        found.append(
            clauses_of(sentence, span.source, figures.get(span.source, ()))
            if sentence is not None
            else ()
        )
    return found


def build_sources(cleaned: Sequence[CleanArticle]) -> list[Source]:
    """Number the cleaned articles S1, S2, ... and read their credits."""
    sources = []
    for n, item in enumerate(cleaned, start=1):
        article = item.article
        credits, cited = read_credits(item.text, item.removed, item.dateline)
        sources.append(
            Source(
                id=f"S{n}",
                path=article.path,
                url=article.url,
                title=article.title,
                outlet=article.outlet,
                published=article.published,
                language=article.language or "und",
                words=len(item.text.split()),
                credits=credits,
                cited_agencies=cited,
                dateline=item.dateline,
                text=item.text,
                removed=item.removed,
            )
        )
    return sources


def empty_problem(item: CleanArticle) -> Problem:
    """The problem of an article that cleaning left with no text."""
    where = _where(item.article)
    rules = ", ".join(sorted({r.rule for r in item.removed})) or "blank text"
    return Problem(
        path=where,
        error=f"{where}: nothing was left after removing boilerplate ({rules}); "
        "the input was set aside.",
    )


def _where(article: Article) -> str:
    return article.path or article.url or "(article)"


def _as_list(inputs: Iterable[Input] | Input) -> list[Input]:
    if isinstance(inputs, (str, Path, Article)):
        return [inputs]
    return list(inputs)
