"""analysis: the per-article half of the pipeline.

An :class:`Analysis` is everything newsfuse learns from one article on its own: the cleaned text,
its sentences, and what the readers of its parse find (entity mentions, time expressions and the
clauses they date, figures, quotes, the clauses of each statement). It depends on nothing but the
article and the models that read it, so it is the unit that the store caches, that a Dask worker
maps, and that fusion (``pipeline.fuse_analyses``) combines without parsing anything again.

Spans in an analysis point at the article's own cleaned text under the placeholder source id
:data:`OWN`; fusion numbers the sources of a story and moves each analysis to its id
(:func:`as_source`).

An analysis is a record, so it round-trips through JSON. :func:`analysis_version` names what made
it (this module's format, newsfuse, spaCy and the model, each with its version): a cached analysis
whose version differs from the running one is stale and is made again.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from .align import MIN_STATEMENT_WORDS
from .clauses import Clause, clauses_of
from .clean import clean_article
from .extract.dates import find_time_expressions, reference_day
from .extract.entities import entity_mentions
from .extract.nlp import parse_sources
from .extract.quantities import find_quantities
from .extract.quotes import find_quotes
from .model import (
    Article,
    CleanArticle,
    Mention,
    QuantityMention,
    QuoteMention,
    Record,
    Sentence,
    Span,
    TimeMention,
)
from .resources import Resources
from .segment import segment_text
from .timeline import DatedClause, dated_clauses

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The source id that an analysis's spans carry until fusion gives the article its place.
OWN = "S0"
#: Bumped whenever the records below, or what a reader puts in them, change: it invalidates every
#: cached analysis. (2: at most 24 figures read a sentence; huge texts parsed in pieces. 3: at
#: most 8 dates a sentence date a clause and 12 quotes a sentence get a speaker, a word over 100
#: characters is one token, texts over 100,000 characters are parsed in pieces, control
#: characters and lone surrogates are cleaned out. 4: figures carry their unit, measure, relation,
#: entity and flags for rates, plans and ages. 5: texts over 20,000 characters are parsed in
#: pieces. 6: no sentence is longer than 2,000 characters. 7: the dateline's day is the report's
#: day for its dates; a date that modifies a noun, bounds a period or sits in a question dates
#: no clause, and a verb takes one date. 8: a sentence ends before a quote opened with ``, and a
#: weekday of a future seen from the past is the nearer one. 9: a wire's photo-budget caption is
#: removed, a date in a relative clause shows its noun and clause, quotes in title case are
#: names.)
FORMAT = "9"


class Analysis(Record):
    """One article as the per-article half of the pipeline leaves it.

    ``clauses[i]`` are the clauses of ``sentences[i]`` (empty for a sentence too short to be a
    statement). Articles that are not English are cleaned and segmented, not parsed
    (``parsed`` is False and the readers' fields are empty).
    """

    cleaned: CleanArticle
    sentences: tuple[Sentence, ...]
    parsed: bool
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    dated: tuple[DatedClause, ...] = ()
    quantities: tuple[QuantityMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    clauses: tuple[tuple[Clause, ...], ...] = ()


def is_english(language: str | None) -> bool:
    """Whether the English pipeline reads a text of this language (unknown counts as English)."""
    return language in (None, "en", "und")


def analyse(
    articles: Sequence[Article],
    resources: Resources | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Analysis]:
    """The analyses of ``articles``, in order. Articles are parsed in batches (``nlp.pipe``)."""
    resources = resources or Resources()
    cleaned = [clean(article, resources) for article in articles]
    return list(analyse_cleaned(cleaned, resources, progress))


def clean(article: Article, resources: Resources) -> CleanArticle:
    """The cleaned article (English texts also get the caption-tense rule, which parses)."""
    return clean_article(article, resources.nlp if is_english(article.language) else None)


def analyse_cleaned(
    cleaned: Sequence[CleanArticle],
    resources: Resources,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Analysis]:
    """The analyses of articles that are already cleaned, in order, as each is parsed."""
    sentences = [segment_text(item.text) for item in cleaned]
    english = [
        n
        for n, item in enumerate(cleaned)
        if is_english(item.article.language) and item.text.strip()
    ]
    # the model loads only when something is English: a batch of skipped or French articles
    # need not wait for it
    docs = (
        parse_sources(
            [cleaned[n].text for n in english], [sentences[n] for n in english], resources.nlp
        )
        if english
        else iter(())
    )
    parsed_at = iter(english)
    next_parsed = next(parsed_at, None)
    for n, item in enumerate(cleaned):
        if n == next_parsed:
            yield read_parse(item, sentences[n], next(docs))
            next_parsed = next(parsed_at, None)
        else:
            yield Analysis(cleaned=item, sentences=sentences[n], parsed=False)
        if progress is not None:
            progress(n + 1, len(cleaned))


def read_parse(cleaned: CleanArticle, sentences: tuple[Sentence, ...], doc: Doc) -> Analysis:
    """The analysis of one parsed article: what every reader finds in its parse."""
    published = cleaned.article.published
    reference = reference_day(cleaned.dateline, published)
    times = find_time_expressions(OWN, cleaned.text, sentences, reference)
    quantities = find_quantities(OWN, doc, times, published)
    figures = sorted((q.span.start, q.value) for q in quantities)
    return Analysis(
        cleaned=cleaned,
        sentences=sentences,
        parsed=True,
        mentions=tuple(entity_mentions(OWN, doc)),
        times=tuple(times),
        dated=tuple(dated_clauses(_dated_few(times), doc)),
        quantities=tuple(quantities),
        quotes=tuple(find_quotes(OWN, doc)),
        clauses=tuple(_sentence_clauses(sentence, doc, figures) for sentence in sentences),
    )


#: Time expressions of one sentence whose clauses join the timeline. The clause of each is read
#: from its sentence (and, when the clause is long, is the whole sentence), so a "sentence" that
#: lists thousands of dates cost the square of its length (20,000 characters of "in 2019" took
#: 24 s). News dates one or two events a sentence; the expressions past this many are still
#: found (``times``), they only date no clause.
MAX_DATED_PER_SENTENCE = 8


def _dated_few(times: Sequence[TimeMention]) -> list[TimeMention]:
    """The first :data:`MAX_DATED_PER_SENTENCE` time expressions of each sentence."""
    seen: dict[int, int] = {}
    kept = []
    for mention in times:
        count = seen.get(mention.sentence.start, 0)
        if count < MAX_DATED_PER_SENTENCE:
            kept.append(mention)
        seen[mention.sentence.start] = count + 1
    return kept


def _sentence_clauses(
    sentence: Sentence, doc: Doc, figures: Sequence[tuple[int, float]]
) -> tuple[Clause, ...]:
    """The clauses of one sentence, with the figures (sorted by offset) that fall inside it."""
    if len(sentence.text.split()) < MIN_STATEMENT_WORDS:
        return ()
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return ()
    # the sentence's own figures, found by bisection: each clause looks through the figures it
    # is given, and all of a long text's figures for every clause grew with the square of it
    low = bisect_left(figures, (span.start_char, -math.inf))
    high = bisect_left(figures, (span.end_char, -math.inf))
    return clauses_of(span, OWN, figures[low:high])


def as_source(analysis: Analysis, source_id: str) -> Analysis:
    """The analysis with every span moved to source ``source_id``."""
    if source_id == OWN:
        return analysis

    def moved(span: Span) -> Span:
        return span.model_copy(update={"source": source_id})

    def time(m: TimeMention) -> TimeMention:
        return m.model_copy(update={"span": moved(m.span), "sentence": moved(m.sentence)})

    # model_copy skips validation: the spans were valid when made, only their source changes
    return analysis.model_copy(
        update={
            "mentions": tuple(
                m.model_copy(update={"span": moved(m.span)}) for m in analysis.mentions
            ),
            "times": tuple(time(m) for m in analysis.times),
            "dated": tuple(
                d.model_copy(update={"mention": time(d.mention), "evidence": moved(d.evidence)})
                for d in analysis.dated
            ),
            "quantities": tuple(
                q.model_copy(update={"span": moved(q.span), "sentence": moved(q.sentence)})
                for q in analysis.quantities
            ),
            "quotes": tuple(q.model_copy(update={"span": moved(q.span)}) for q in analysis.quotes),
            "clauses": tuple(
                tuple(c.model_copy(update={"span": moved(c.span)}) for c in found)
                for found in analysis.clauses
            ),
        }
    )


def analysis_version(resources: Resources) -> str:
    """What made an analysis with these resources: a cache holds analyses of this version only."""
    return _version_of(resources.spacy_model)


@cache
def _version_of(model: str) -> str:
    parts = [f"analysis {FORMAT}"]
    for package in ("newsfuse", "spacy", model):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:  # a source tree, or a model loaded from a path
            parts.append(f"{package} unknown")
    return "; ".join(parts)
