"""align: statements from different sources that say the same thing, grouped into facts.

The model call is kept apart from the maths: :func:`lexical_vectors` turns statements into
vectors (TF-IDF over content-word stems, the fallback that needs no model; an embedding model
can supply its own matrix instead), and :func:`group_statements` only sees the matrix plus the
entities and numbers each statement names.

Each fact lists every source that states it and ``independent_sources``: supporting sources whose
statement lies inside wire copy they share (the ``reuse`` passages) count once.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
import snowballstemmer
from scipy.sparse import csr_matrix

from .model import Fact, Reuse, Span, WireGroup
from .readable import clarity
from .vectors import SMALL_BLOCK, Vectors, cosines, pairs_above

# Statements whose vectors have at least this cosine, boosted by shared entities and numbers,
# state the same thing. Read off the ranked cross-source pairs of the example corpus: copied and
# lightly edited sentences score above 0.7, paraphrases that share the key names and figures 0.4
# to 0.7 ("Protesters stormed the mayor's office" / "... were reported to have stormed several
# government buildings ..., including the Almaty mayor's office": 0.65), and below 0.4 pairs
# mostly share a topic, not a statement.
SAME_STATEMENT = 0.4
_ENTITY_BONUS = 0.1
_NUMBER_BONUS = 0.1
MIN_STATEMENT_WORDS = 4


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence of one source, with the names and numbers it carries."""

    span: Span
    text: str
    stems: tuple[str, ...]
    entities: frozenset[str]
    numbers: frozenset[float]


# Snowball rather than a suffix list of our own: it folds "rising"/"rise", "protests"/"protested"
# and more, which lifts the recall of the lexical measure on the labelled pairs
# (benchmarks/align.py); words are stemmed once each (lru_cache)
_STEMMER = snowballstemmer.stemmer("english")
#: a word as statements and summary concepts count them (hyphenated and possessive forms whole)
WORD = re.compile(r"[A-Za-z][\w'’-]*")
_POSSESSIVE = re.compile(r"'s?$")

STOP_WORDS = frozenset(
    "a an the and or but of to in on at by for with from as that this these those is are was "
    "were be been being has have had it its he she they them his her their we our you i said "
    "says say also would could will can may might not no than then there here which who whom "
    "what when where while after before over into about up out more most some such".split()
)


def content_stems(text: str) -> tuple[str, ...]:
    """Snowball (Porter2) stems of the content words of ``text``, lower-cased, possessives
    dropped: "Kazakhstan’s" and "Kazakhstan's" -> "kazakhstan", "resigned" -> "resign"."""
    words = (_bare(_MONTHS.get(w, w)) for w in WORD.findall(text))
    return tuple(stem(w) for w in words if w and w not in STOP_WORDS)


# newswire abbreviates months after a day ("Oct. 31"): the same date as "October 31" (capitalised
# only, so that the verb "mar" stays a verb; "June" and "July" are not cut short)
_MONTHS = {
    month[:3]: month
    for month in "January February March April August September October November December".split()
} | {"Sept": "September"}


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.lower().replace("’", "'"))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball (Porter2) stem of one lower-case word: "resignation" -> "resign"."""
    return _STEMMER.stemWord(word)


def lexical_vectors(statements: Sequence[Statement]) -> csr_matrix:
    """L2-normalised TF-IDF rows over content-word stems (the no-model fallback), sparse: a
    statement names a dozen of a story's thousands of stems."""
    vocabulary: dict[str, int] = {}
    document_frequency: Counter[str] = Counter()
    for statement in statements:
        document_frequency.update(set(statement.stems))
        for word in statement.stems:
            vocabulary.setdefault(word, len(vocabulary))
    n = len(statements)
    rows, cols, weights = [], [], []
    for row, statement in enumerate(statements):
        for word, count in Counter(statement.stems).items():
            idf = math.log((1 + n) / (1 + document_frequency[word])) + 1
            rows.append(row)
            cols.append(vocabulary[word])
            weights.append((1 + math.log(count)) * idf)
    matrix = csr_matrix(
        (np.array(weights, dtype=np.float32), (rows, cols)),
        shape=(n, max(1, len(vocabulary))),
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(matrix.multiply(1 / norms[:, None]), dtype=np.float32)


class PairScores:
    """How alike two statements are: the cosine of their vectors plus a bonus for a shared
    entity and one for a shared number (never for a statement with itself).

    Scores are made on demand, a block at a time (:mod:`newsfuse.vectors`): the pairs above a
    threshold for the whole story, exact scores for the small blocks that grouping reads.
    """

    def __init__(self, statements: Sequence[Statement], vectors: Vectors) -> None:
        self.statements = statements
        self.vectors = vectors
        self._sets = [
            (_ENTITY_BONUS, [s.entities for s in statements]),
            (_NUMBER_BONUS, [s.numbers for s in statements]),
        ]
        self._incidence = [(bonus, _incidence(items)) for bonus, items in self._sets]

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Exact scores of ``rows`` x ``cols``."""
        rows, cols = list(rows), list(cols)
        scores = cosines(self.vectors, rows, cols)
        same = np.asarray(rows)[:, None] == np.asarray(cols)[None, :]
        small = len(rows) * len(cols) <= SMALL_BLOCK
        for (bonus, items), (_, incidence) in zip(self._sets, self._incidence, strict=True):
            if small:  # set intersections beat two sparse products on a block this size
                shared = np.array(
                    [[bool(items[i] & items[j]) for j in cols] for i in rows], dtype=bool
                ).reshape(len(rows), len(cols))
            else:
                shared = (incidence[rows] @ incidence[cols].T).toarray() > 0
            np.add(scores, bonus, out=scores, where=shared & ~same)
        return scores

    def above(self, threshold: float) -> list[tuple[float, int, int]]:
        """The pairs (score, i, j), i < j, scoring at least ``threshold``, best first."""
        # a pair below the threshold by more than both bonuses cannot reach it; a pair of no
        # shared word at all is never read, so the threshold must be above the bonuses
        cut = threshold - _ENTITY_BONUS - _NUMBER_BONUS
        if cut <= 0:
            raise ValueError(f"a threshold of {threshold} is not above the bonuses (0.2)")
        i, j, score = pairs_above(self.vectors, cut)
        score = score.astype(np.float32)
        for bonus, incidence in self._incidence:
            shared = np.asarray(incidence[i].multiply(incidence[j]).sum(axis=1)).ravel() > 0
            score = score + np.float32(bonus) * shared
        keep = score >= threshold
        found = zip(score[keep].tolist(), i[keep].tolist(), j[keep].tolist(), strict=True)
        # ties in row order, as a scan of the full matrix would meet them
        return sorted(found, key=lambda p: (-p[0], p[1], p[2]))


def similarity(statements: Sequence[Statement], vectors: Vectors) -> np.ndarray:
    """The full matrix of :class:`PairScores` (for small sets: it is n x n)."""
    every = range(len(statements))
    return PairScores(statements, vectors).block(every, every)


def _incidence(items: Sequence[frozenset]) -> csr_matrix:
    """Rows of items, columns of elements: 1 where the item has the element."""
    column: dict[object, int] = {}
    rows, cols = [], []
    for row, found in enumerate(items):
        for element in found:
            rows.append(row)
            cols.append(column.setdefault(element, len(column)))
    return csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)),
        shape=(len(items), max(1, len(column))),
    )


def group_statements(
    statements: Sequence[Statement], scores: PairScores, threshold: float = SAME_STATEMENT
) -> list[list[int]]:
    """Groups of statement indices that say the same thing, at most one statement per source.

    Greedy average linkage over the pairs above ``threshold``, strongest first: two groups merge
    when their mean cross similarity stays above the threshold and they share no source.
    """
    n = len(statements)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in scores.above(threshold):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {statements[k].span.source for k in a} & {statements[k].span.source for k in b}:
            continue
        mean = float(scores.block(a, b).mean())
        if mean < threshold:
            continue
        members[gi] = a + b
        for k in b:
            group_of[k] = gi
        del members[gj]
    return [sorted(m) for m in members.values()]


class Independence:
    """Which of a fact's sources count once: those whose supporting spans lie in wire copy they
    share, and those of one wire group (an outlet's rewrite of a wire story is still that
    story). The reuse pairs and groups are indexed by source once per story, so that a fact
    reads only its own sources' pairs (reading every pair for every fact grew with their
    product: 105 of 383 s of fusing 3,000 articles)."""

    def __init__(self, reuse: Sequence[Reuse], groups: Sequence[WireGroup] = ()) -> None:
        pairs: dict[tuple[str, str], list[tuple[Span, Span]]] = {}
        for item in reuse:
            a, b = item.sources
            pairs.setdefault((a, b), []).extend(
                (p.evidence[0], p.evidence[1]) for p in item.passages
            )
        self._passages = {pair: _PassageIndex(found) for pair, found in pairs.items()}
        self._groups_of: dict[str, list[int]] = {}
        for n, group in enumerate(groups):
            for sid in group.sources:
                self._groups_of.setdefault(sid, []).append(n)

    def count(self, spans: Sequence[Span]) -> int:
        """How many independent sources ``spans`` (one per source) come from."""
        parent = {span.source: span.source for span in spans}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in combinations(spans, 2):
            for first, second in ((a, b), (b, a)):
                passages = self._passages.get((first.source, second.source))
                if passages is None:
                    continue
                if any(
                    _inside(first, pa) and _inside(second, pb)
                    for pa, pb in passages.overlapping(first)
                ):
                    parent[find(first.source)] = find(second.source)
                    break
        first_in_group: dict[int, str] = {}
        for span in spans:
            for group in self._groups_of.get(span.source, ()):
                if group in first_in_group:
                    parent[find(span.source)] = find(first_in_group[group])
                else:
                    first_in_group[group] = span.source
        return len({find(s) for s in parent})


class _PassageIndex:
    """The shared passages of one pair of sources by where they start in the first, so that a
    statement reads only the passages it overlaps: reading all of them for every fact grew with
    their product (a repetitive copy makes hundreds of passages: 320 kB of JSON records took
    36 s, 11 of them here)."""

    def __init__(self, passages: Sequence[tuple[Span, Span]]) -> None:
        self._items = sorted(passages, key=lambda p: (p[0].start, p[0].end))
        self._starts = [first.start for first, _ in self._items]
        self._reach: list[int] = []  # the furthest end among the passages up to each one
        for first, _ in self._items:
            self._reach.append(max(first.end, self._reach[-1] if self._reach else first.end))

    def overlapping(self, span: Span) -> list[tuple[Span, Span]]:
        """The passages whose first span overlaps ``span``."""
        found = []
        k = bisect_left(self._starts, span.end) - 1
        while k >= 0 and self._reach[k] > span.start:
            if self._items[k][0].end > span.start:
                found.append(self._items[k])
            k -= 1
        return found


def _inside(statement: Span, passage: Span) -> bool:
    """A third or more of the statement lies in the shared passage (copy, then edited)."""
    overlap = min(statement.end, passage.end) - max(statement.start, passage.start)
    return overlap >= (statement.end - statement.start) / 3


def build_facts(
    statements: Sequence[Statement],
    vectors: Vectors,
    reuse: Sequence[Reuse],
    order: Sequence[str],
    groups: Sequence[WireGroup] = (),
    threshold: float = SAME_STATEMENT,
) -> list[Fact]:
    """Facts stated by at least two sources, best corroborated first."""
    if len(statements) < 2:
        return []
    scores = PairScores(statements, vectors)
    independence = Independence(reuse, groups)
    rank = {sid: n for n, sid in enumerate(order)}
    facts: list[tuple[tuple, Fact]] = []
    for group in group_statements(statements, scores, threshold):
        if len(group) < 2:
            continue
        # the statement closest to the others represents the group, among those that read on
        # their own out of context ("It imposes a curfew" says nothing in a list of facts); ties
        # go to the shorter
        closeness = scores.block(group, group).sum(axis=1)
        central = max(
            range(len(group)),
            key=lambda m: (
                clarity(statements[group[m]].text) == 1.0,
                round(float(closeness[m]), 3),
                -len(statements[group[m]].text),
            ),
        )
        central = group[central]
        spans = sorted((statements[k].span for k in group), key=lambda s: rank[s.source])
        fact = Fact(
            text=statements[central].text,
            sources=tuple(s.source for s in spans),
            independent_sources=independence.count(spans),
            evidence=tuple(spans),
        )
        first = min(
            group, key=lambda k: (rank[statements[k].span.source], statements[k].span.start)
        )
        key = (
            -fact.independent_sources,
            -len(fact.sources),
            rank[statements[first].span.source],
            statements[first].span.start,
        )
        facts.append((key, fact))
    facts.sort(key=lambda pair: pair[0])
    return [fact for _, fact in facts]
