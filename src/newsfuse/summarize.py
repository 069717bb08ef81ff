"""summarize: a short account of the story in which every sentence is cited.

Sentences are chosen from the sources (extractive: nothing is written that a source did not
print) within a word budget:

1. **score** each candidate by its centrality across sources (how much the other reports say the
   same), its support (the independent sources of the fact it carries, or the witnesses that
   share the words of one of its clauses, whichever is more), its information (figures, names),
   its position in its report (leads carry the news), and its clarity (no dangling pronoun or
   connective at the start, no quote fragment, not too long); with a focus, by its relevance to
   the reader's question as well;
2. **select** greedily: the sentence that adds the most uncovered *concepts* (pairs of content
   words that several sources use, weighted by how many, and dated events on the timeline that
   two or more independent witnesses report) plus its own score, less its similarity
   to what is already chosen (maximal marginal relevance; one sentence per fact), until the
   budget is spent;
3. **order** for reading: by the date of what the sentence reports (from the timeline, where any
   source of its fact dates it; undated sentences count as of their report's publication) and
   the part of that day a source names ("early on Wednesday", "late on Wednesday"), then by
   source and position.

Each sentence cites every source of its fact and carries their evidence; a sentence that states a
contested figure is flagged with the conflicts it touches, so no summary silently picks a side.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from .align import STOP_WORDS, WORD, Statement
from .clauses import ClauseSupport
from .model import Conflict, Fact, Span, SummarySentence, TimelineEntry, day_part_rank
from .readable import clarity
from .vectors import Vectors, best_others, column

DEFAULT_WORDS = 200


@dataclass(frozen=True, slots=True)
class Weights:
    """The weights and trade-offs of the summary's choice. They were developed on the 40 DUC
    2006 clusters; ``benchmarks/summarize.py --folds 5`` chooses among one-weight changes of
    them by cross-validation over clusters and reports the out-of-fold figure
    (docs/benchmarks.md), and DUC 2004, which no choice saw, checks them."""

    central: float = 0.25
    support: float = 0.2
    info: float = 0.15
    position: float = 0.15
    clear: float = 0.05
    disputed: float = 0.2
    focus: float = 0.6  # with a focus, relevance counts as much as the rest together (0.6/0.4)
    mmr: float = 0.7  # trade-off between a sentence's score and its novelty
    # weight of new concept coverage beside the sentence's own score: 2.0 chosen by 5-fold
    # cross-validation over DUC 2006's clusters (every fold chose it; 1.0 before)
    concepts: float = 2.0
    event: float = 4  # a corroborated dated event weighs as much as four shared word pairs
    max_overlap: float = 0.5  # a candidate this similar to a chosen sentence repeats it


DEFAULT_WEIGHTS = Weights()
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s")


def concept_words(text: str) -> tuple[str, ...]:
    """The content words of ``text`` cut to a light stem ("resignation"/"resigned" -> "resign").

    Concepts and focus words use this suffix list rather than the Snowball stems that ``align``
    compares statements with: in benchmarks/summarize.py on DUC 2006, Snowball stems here too
    gave ROUGE-2 recall 0.0967 focused and 0.0935 generic, this list 0.0986 and 0.0947; for
    alignment Snowball is the better of the two (benchmarks/align.py).
    """
    return tuple(_light_stem(w) for w in WORD.findall(text) if w.lower() not in STOP_WORDS)


def _light_stem(word: str) -> str:
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def focus_relevance(words: Sequence[set[str]], wanted: set[str]) -> np.ndarray:
    """For each statement's concept words, the IDF-weighted share of the ``wanted`` (focus)
    words it has."""
    if not wanted:
        return np.zeros(len(words))
    frequency: dict[str, int] = {}
    for found in words:
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    n = len(words)
    idf = {w: math.log((1 + n) / (1 + frequency.get(w, 0))) + 1 for w in wanted}
    total = sum(idf.values())
    return np.array([sum(idf[w] for w in wanted & found) / total for found in words], dtype=float)


def summarize(
    statements: Sequence[Statement],
    vectors: Vectors,
    facts: Sequence[Fact],
    conflicts: Sequence[Conflict],
    timeline: Sequence[TimelineEntry],
    published: dict[str, str | None],
    order: Sequence[str],
    *,
    words: int = DEFAULT_WORDS,
    focus: str | None = None,
    witness: dict[str, str] | None = None,
    partly: dict[int, ClauseSupport] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[SummarySentence]:
    """The cited summary of ``statements`` within ``words`` words.

    ``witness`` maps a source id to the id that stands for its wire group, so that sources
    printing the same copy count once when concepts are weighted. ``partly`` gives, by statement
    index, the clause of a statement whose words other witnesses share (:mod:`newsfuse.clauses`).
    """
    witness = witness or {}
    partly = partly or {}
    if not statements or words <= 0:
        return []
    sources = [s.span.source for s in statements]
    n = len(statements)
    fact_of = _fact_index(statements, facts)
    # how much the other reports say the same: the mean of a sentence's three closest matches
    # in other sources (read a block of rows at a time: the n x n matrix would not fit a story
    # of a thousand articles)
    central = best_others(vectors, sources, k=3)
    # a sentence is as well supported as its best supported part: the fact it states, or a clause
    # whose words other witnesses share ("sparked by rising fuel prices" / "angry over rising fuel
    # prices"); looser than a fact, so it weighs the choice but is never cited
    support = np.array(
        [
            max(
                facts[fact_of[i]].independent_sources if i in fact_of else 1,
                partly[i].witnesses if i in partly else 1,
            )
            for i in range(n)
        ],
        dtype=float,
    )
    info = np.array([min(1.0, (len(s.numbers) + len(s.entities)) / 4) for s in statements])
    rank_in_source: dict[str, int] = {}
    position = np.zeros(n)
    for i, statement in enumerate(statements):
        rank = rank_in_source.get(statement.span.source, 0)
        rank_in_source[statement.span.source] = rank + 1
        position[i] = 1 / math.sqrt(1 + rank)
    clear = np.array([clarity(s.text) for s in statements])
    # figures that sources dispute are news a reader must see (flagged as contested): a bonus for
    # the first sentence that touches each conflict
    locate = _SpanIndex(statements)
    touches: list[set[int]] = [set() for _ in statements]
    for k, conflict in enumerate(conflicts):
        for value in conflict.values:
            for span in value.evidence:
                for i in locate.overlapping(span):
                    touches[i].add(k)

    score = (
        weights.central * _scale(central)
        + weights.support * _scale(support)
        + weights.info * info
        + weights.position * position
        + weights.clear * clear
    )
    words_of = [concept_words(s.text) for s in statements]
    wanted = set(concept_words(focus)) if focus else set()
    relevance = focus_relevance([set(w) for w in words_of], wanted)
    # a focus that no sentence shares a word with says nothing about relevance: generic then,
    # rather than the generic scores scaled down against the concepts
    if relevance.any():
        score = (1 - weights.focus) * score + weights.focus * _scale(relevance)
    # a sentence that does not read on its own is a last resort; a long one must earn its length
    lengths = np.array([len(s.text.split()) for s in statements], dtype=float)
    factor = (0.5 + 0.5 * clear) / (np.maximum(lengths, 8) / np.median(lengths)) ** 0.3
    score = score * factor

    # coverage of concepts: pairs of consecutive content words that several sources use, weighted
    # by how many do (the concept-coverage objective of ICSI's DUC systems, solved greedily);
    # with a focus, concepts that share a word with it weigh three times as much
    # (unordered: "the government resigned" and "the resignation of the government" share one)
    concepts = [{tuple(sorted(pair)) for pair in pairwise(found)} for found in words_of]
    carriers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for i, found in enumerate(concepts):
        for concept in found:
            carriers[concept].add(witness.get(sources[i], sources[i]))
    weight = {
        c: len(who) * (3 if wanted & set(c) else 1) for c, who in carriers.items() if len(who) >= 2
    }
    # dated events that two or more independent witnesses report are concepts too: what happened,
    # and when, is what a reader of a brief wants first
    events = _day_events(locate, len(statements), timeline)
    for k, entry in enumerate(timeline):
        witnesses = {witness.get(sid, sid) for sid in entry.sources}
        if entry.precision == "day" and len(witnesses) >= 2:
            weight[("event", str(k))] = weights.event * len(witnesses)
    for i, found in enumerate(events):
        concepts[i] |= {("event", str(k)) for k in found}
    initial = max((sum(weight.get(c, 0) for c in found) for found in concepts), default=0) or 1

    chosen: list[int] = []
    used = 0
    facts_used: set[int] = set()
    covered: set[int] = set()
    # the greedy choice scores every candidate at every step; the parts of its value that change
    # as sentences are chosen (uncovered concept weight, closeness to the chosen, an uncovered
    # conflict) are kept as arrays and updated from the chosen sentence alone, which keeps a
    # 25-article cluster's selection from growing with the square of its sentences times concepts
    gain = np.array([sum(weight.get(c, 0) for c in found) for found in concepts], dtype=float)
    carriers_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, found in enumerate(concepts):
        for concept in found:
            if concept in weight:
                carriers_of[concept].append(i)
    # closeness to the nearest chosen sentence (none chosen yet: no penalty; an embedder's cosine
    # can be negative, so the running maximum starts below any)
    redundancy = np.full(n, -np.inf)
    fresh = np.array([bool(t) for t in touches], dtype=float)
    # a sentence that opens with a pronoun or a connective, or is a quote fragment, misleads out
    # of its context: it is chosen only when there is nothing else
    open_ = clear > 0.5
    if open_.sum() < 3:
        open_[:] = True
    while open_.any() and lengths[open_].min() <= words - used:
        value = (
            weights.concepts * (gain / initial) * factor
            + weights.mmr * (score + weights.disputed * factor * fresh)
            - (1 - weights.mmr) * (redundancy if chosen else 0.0)
        )
        best = int(np.argmax(np.where(open_, value, -np.inf)))
        open_[best] = False
        if redundancy[best] > weights.max_overlap:
            continue  # it repeats a chosen sentence
        if best in fact_of and fact_of[best] in facts_used:
            continue
        if used + lengths[best] > words:
            continue  # a shorter sentence may still fit
        chosen.append(best)
        used += int(lengths[best])
        if best in fact_of:
            facts_used.add(fact_of[best])
        redundancy = np.maximum(redundancy, column(vectors, best))
        for concept in concepts[best]:
            for i in carriers_of.pop(concept, ()):
                gain[i] -= weight[concept]
        if touches[best] - covered:
            covered |= touches[best]
            fresh = np.array([bool(t - covered) for t in touches], dtype=float)

    # a sentence reports its fact, so any source that dates the fact dates the sentence ("Protesters
    # stormed the mayor's office" is undated in one report, "on Wednesday afternoon" in another);
    # within a day, the part of the day a source names orders the sentences
    fact_events: dict[int, set[int]] = defaultdict(set)
    for i, f in fact_of.items():
        fact_events[f] |= events[i]
    when = [
        min(
            (
                (timeline[k].date, day_part_rank(timeline[k].part_of_day))
                for k in fact_events.get(fact_of.get(i, -1), found)
            ),
            default=None,
        )
        or (published.get(sources[i]) or "9999", day_part_rank(None))
        for i, found in enumerate(events)
    ]
    rank = {sid: k for k, sid in enumerate(order)}
    chosen.sort(key=lambda i: (when[i], rank[sources[i]], statements[i].span.start))
    return [_cite(statements[i], fact_of.get(i), facts, conflicts) for i in chosen]


def _scale(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else values


def _overlaps(a: Span, b: Span) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def _fact_index(statements: Sequence[Statement], facts: Sequence[Fact]) -> dict[int, int]:
    by_span = {(s.span.source, s.span.start): i for i, s in enumerate(statements)}
    index = {}
    for f, fact in enumerate(facts):
        for span in fact.evidence:
            i = by_span.get((span.source, span.start))
            if i is not None:
                index[i] = f
    return index


class _SpanIndex:
    """The statements that overlap a span, found by bisection in its source's statements (a
    scan of every statement for every span grows with their product)."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        by_source: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for i, statement in enumerate(statements):
            by_source[statement.span.source].append((statement.span.start, statement.span.end, i))
        self._spans = {sid: sorted(found) for sid, found in by_source.items()}
        self._starts = {sid: [s for s, _, _ in found] for sid, found in self._spans.items()}

    def overlapping(self, span: Span) -> list[int]:
        found = self._spans.get(span.source, [])
        # statements of one source do not overlap, so at most one starts before the span does
        at = max(0, bisect_right(self._starts.get(span.source, []), span.start) - 1)
        hits = []
        while at < len(found) and found[at][0] < span.end:
            start, end, i = found[at]
            if start < span.end and span.start < end:
                hits.append(i)
            at += 1
        return hits


def _day_events(
    locate: _SpanIndex, count: int, timeline: Sequence[TimelineEntry]
) -> list[set[int]]:
    """For each of ``count`` statements, the day-precision timeline entries whose evidence it
    carries."""
    found: list[set[int]] = [set() for _ in range(count)]
    for k, entry in enumerate(timeline):
        if entry.precision != "day":
            continue
        for span in entry.evidence:
            for i in locate.overlapping(span):
                found[i].add(k)
    return found


def _cite(
    statement: Statement, fact: int | None, facts: Sequence[Fact], conflicts: Sequence[Conflict]
) -> SummarySentence:
    if fact is None:
        evidence: tuple[Span, ...] = (statement.span,)
    else:
        others = tuple(s for s in facts[fact].evidence if s != statement.span)
        evidence = (statement.span, *others)
    citations = tuple(dict.fromkeys(s.source for s in evidence))
    touched = tuple(
        k
        for k, conflict in enumerate(conflicts)
        if any(
            _overlaps(statement.span, span) for value in conflict.values for span in value.evidence
        )
    )
    disputed = [k for k in touched if conflicts[k].nature == "disagreement"]
    return SummarySentence(
        text=statement.text,
        citations=citations,
        evidence=evidence,
        contested=bool(disputed),
        conflicts=touched,
        latest=_latest(statement, [conflicts[k] for k in touched if k not in disputed]),
    )


def _latest(statement: Statement, revisions: Sequence[Conflict]) -> str | None:
    """For a sentence that states a figure revised later: the latest figure and its date."""
    for conflict in revisions:
        newest = conflict.values[-1]  # a revision's values run oldest report first
        if any(_overlaps(statement.span, span) for span in newest.evidence):
            continue  # the sentence states the latest figure itself
        when = f", reported {newest.reported.isoformat()}" if newest.reported else ""
        value = f"{newest.value:,}" if isinstance(newest.value, int | float) else newest.value
        return f"{conflict.topic}: later revised to {value}{when}"
    return None
