"""The pipeline: inputs -> ingest -> analysis (clean, segment, parse, read) -> fusion -> Brief.

:func:`brief` is the one public function that does the whole job; the CLI is a thin shell over it.
It runs the two halves: the per-article :mod:`analysis` and :func:`fuse_analyses`, which combines
a story's analyses (reuse, entities across sources, conflicts, facts, timeline, summary) without
parsing again. Stages are called in order, each with the records the previous one returned.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __name__ as _package
from .align import MIN_STATEMENT_WORDS, Statement, build_facts, content_stems, lexical_vectors
from .analysis import Analysis, analyse_cleaned, as_source
from .analysis import clean as clean_one
from .clauses import Clause, ClauseSupport, clause_support
from .conflicts import find_conflicts
from .extract.entities import canonical_entities, entity_name_for
from .extract.quotes import merge_quotes, resolve_speakers
from .ingest import parse_date, read_inputs
from .model import (
    Article,
    Brief,
    CleanArticle,
    Conflict,
    Entity,
    Fact,
    Problem,
    Quote,
    Reuse,
    Source,
    Span,
    SummarySentence,
    TimelineEntry,
    WireGroup,
)
from .resources import Resources
from .reuse import find_reuse, read_credits, wire_groups
from .settings import Settings
from .summarize import DEFAULT_WEIGHTS, Weights, summarize
from .timeline import build_timeline
from .vectors import Vectors

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
        from .errors import ConfigError

        date = parse_date(published)
        if date is None:
            raise ConfigError(f"cannot read the publication date {published!r}; use YYYY-MM-DD")
        if isinstance(published, str) and not re.search(r"\d{4}", published):
            # "yesterday" or "last Friday" would be read against today, not the articles' day
            raise ConfigError(
                f"the publication date {published!r} is relative; give the date itself "
                f"(YYYY-MM-DD, such as {date.isoformat()} if that is the day meant)"
            )
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
        cleaned.append(clean_one(article, resources))
        report("clean", n, len(articles))
    return fuse(cleaned, settings=settings, resources=resources, problems=problems, progress=report)


def fuse(
    cleaned: Sequence[CleanArticle],
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
    problems: Sequence[Problem] = (),
    progress: Progress | None = None,
) -> Brief:
    """The Brief of articles that are already cleaned: analyse each, then fuse the analyses."""
    resources = resources or Resources()
    report = progress or (lambda stage, done, total: None)
    analyses = list(
        analyse_cleaned(cleaned, resources, lambda done, total: report("parse", done, total))
    )
    return fuse_analyses(
        analyses, settings=settings, resources=resources, problems=problems, progress=report
    )


def fuse_analyses(
    analyses: Sequence[Analysis],
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
    problems: Sequence[Problem] = (),
    progress: Progress | None = None,
) -> Brief:
    """The Brief of a story's articles from their analyses; nothing is parsed again.

    ``problems`` are carried into the brief; an article with no text left is set aside as one.
    """
    settings = settings or Settings()
    report = progress or (lambda stage, done, total: None)
    fused = fuse_story(
        analyses, settings=settings, resources=resources, problems=problems, progress=report
    )
    summary = summary_of(fused, settings)
    report("summary", 1, 1)
    return Brief(
        generator=f"newsfuse {_version()}",
        sources=tuple(fused.sources),
        summary=tuple(summary),
        facts=tuple(fused.facts),
        conflicts=tuple(fused.conflicts),
        quotes=tuple(fused.quotes),
        entities=tuple(fused.entities),
        timeline=tuple(fused.timeline),
        reuse=tuple(fused.reuse),
        wire_groups=tuple(fused.groups),
        problems=tuple(fused.problems),
    )


@dataclass(frozen=True, slots=True)
class Fused:
    """A story's analyses fused: everything of its brief but the summary, and what the summary
    chooses from (statements, their vectors, and the support of their clauses)."""

    sources: list[Source]
    reuse: list[Reuse]
    groups: list[WireGroup]
    entities: list[Entity]
    timeline: list[TimelineEntry]
    conflicts: list[Conflict]
    quotes: list[Quote]
    statements: list[Statement]
    vectors: Vectors
    facts: list[Fact]
    witness: dict[str, str]
    partly: dict[int, ClauseSupport]
    problems: list[Problem]


def fuse_story(
    analyses: Sequence[Analysis],
    *,
    settings: Settings,
    resources: Resources | None = None,
    problems: Sequence[Problem] = (),
    progress: Progress | None = None,
) -> Fused:
    """Reuse, entities across sources, timeline, conflicts, quotes and facts of a story."""
    resources = resources or Resources()
    report = progress or (lambda stage, done, total: None)
    problems = list(problems)
    kept = []
    for analysis in analyses:
        if analysis.cleaned.text.strip():
            kept.append(analysis)
        else:
            problems.append(empty_problem(analysis.cleaned))
    sources = build_sources([a.cleaned for a in kept])
    placed = [as_source(a, s.id) for a, s in zip(kept, sources, strict=True)]
    texts = {source.id: source.text for source in sources}
    reuse = find_reuse(texts, settings)
    report("reuse", len(sources), len(sources))
    order = [s.id for s in sources]
    groups = wire_groups(reuse, settings, {s.id: s.credits for s in sources}, order=order)

    english = [(s, a) for s, a in zip(sources, placed, strict=True) if a.parsed]
    entities, aliases = canonical_entities(
        [m for _, a in english for m in a.mentions], texts, order
    )
    timeline = build_timeline([d for _, a in english for d in a.dated], order)
    conflicts = find_conflicts(
        [q for _, a in english for q in a.quantities],
        order,
        published={s.id: s.published for s in sources},
        dated=[d for _, a in english for d in a.dated],
    )
    quotes = merge_quotes(
        resolve_speakers([q for _, a in english for q in a.quotes], aliases), order
    )
    report("extract", len(english), len(english))

    statements, clauses = build_statements(english, aliases)
    embedder = resources.embedder(settings.embedder)
    if embedder is None:
        vectors, threshold = lexical_vectors(statements), settings.same_statement_lexical
    else:
        vectors = embedder([s.text for s in statements])
        threshold = settings.same_statement_minilm
    facts = build_facts(statements, vectors, reuse, order, groups, threshold)
    witness = {sid: group.sources[0] for group in groups for sid in group.sources}
    partly = clause_support(clauses, witness)
    report("align", len(statements), len(statements))
    return Fused(
        sources,
        reuse,
        groups,
        entities,
        timeline,
        conflicts,
        quotes,
        statements,
        vectors,
        facts,
        witness,
        partly,
        problems,
    )


def summary_of(
    fused: Fused, settings: Settings, weights: Weights = DEFAULT_WEIGHTS
) -> list[SummarySentence]:
    """The cited summary of a fused story, within the settings' budget and focus."""
    return summarize(
        fused.statements,
        fused.vectors,
        fused.facts,
        fused.conflicts,
        fused.timeline,
        {s.id: s.published.isoformat() if s.published else None for s in fused.sources},
        [s.id for s in fused.sources],
        words=settings.summary_words,
        focus=settings.focus,
        witness=fused.witness,
        partly=fused.partly,
        weights=weights,
    )


def build_statements(
    english: Sequence[tuple[Source, Analysis]], aliases: dict[str, str]
) -> tuple[list[Statement], list[tuple[Clause, ...]]]:
    """The sentences that can carry a fact, with the entities and figures each names, and the
    clauses of each."""
    statements, clauses = [], []
    for source, analysis in english:
        # by offset, each sentence's own found by bisection: all of a long text's names and
        # figures for every sentence grew with the square of it (3 s of a 320 kB page)
        names = sorted(
            (m.span.start, entity_name_for(m.text, aliases) or m.text) for m in analysis.mentions
        )
        figures = sorted((q.span.start, q.value) for q in analysis.quantities)
        name_at, figure_at = [at for at, _ in names], [at for at, _ in figures]
        for sentence, found in zip(analysis.sentences, analysis.clauses, strict=True):
            if len(sentence.text.split()) < MIN_STATEMENT_WORDS:
                continue
            start, end = sentence.start, sentence.end
            own_names = names[bisect_left(name_at, start) : bisect_left(name_at, end)]
            own_figures = figures[bisect_left(figure_at, start) : bisect_left(figure_at, end)]
            statements.append(
                Statement(
                    span=Span(source=source.id, start=start, end=end),
                    text=sentence.text,
                    stems=content_stems(sentence.text),
                    entities=frozenset(name for _, name in own_names),
                    numbers=frozenset(value for _, value in own_figures),
                )
            )
            clauses.append(found)
    return statements, clauses


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
