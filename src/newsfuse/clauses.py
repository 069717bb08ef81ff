"""clauses: the parts of a sentence that other reports corroborate on their own.

A fact is a whole sentence that several sources state. News is often corroborated only in part:
"The protests were first sparked by rising fuel prices but have broadened to include political
grievances" (one outlet) and "... after protesters angry over rising fuel prices stormed government
buildings" (another) agree on the trigger and on nothing else, so no fact joins them. This module
cuts statements into clauses, finds clauses of other witnesses that say the same, and reports for
each statement its best corroborated clause: the summary weighs it as support, and shows the
passages as partial evidence, never as citations of the whole sentence.

Clauses come from the dependency parse: each verb that heads a clause (the root, adverbial,
complement, coordinated and relative clauses) takes the words that hang on it, less those of the
clauses nested in it. A clause must have a verb: names and noun phrases ("the Collective Security
Treaty Organization", "the country's largest city") are shared by reports that agree on nothing.
Clauses that give different figures do not state the same thing ("eight officers were killed" /
"18 officers were killed" is a conflict, not support).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix

from .align import content_stems
from .model import Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# a clause must name this many distinct content words to be matched on its own ("he said so"
# corroborates nothing), and two clauses must share as many
MIN_CLAUSE_WORDS = 3
# the IDF weight of the shared words, as a share of the smaller clause's: read off the example
# corpus, where the fuel-price trigger shares 4 of 6 words across outlets (0.6 to 0.7 of the
# weight) and clauses that only share the story's topic ("protests in Kazakhstan") fall below
# half; benchmarks/summarize.py on DUC 2006 moved by less than 0.002 ROUGE-2 for 0.5 to 0.6
SAME_CLAUSE = 0.5

_CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "acl", "parataxis", "csubj"})
_VERBS = frozenset({"VERB", "AUX"})
_EDGES = frozenset({"cc", "mark"})  # "but", "after": they join clauses, they are not part of one


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a statement: its extent in the source, its content words and figures."""

    span: Span
    stems: frozenset[str]
    numbers: frozenset[float]


@dataclass(frozen=True, slots=True)
class ClauseSupport:
    """The best corroborated clause of one statement."""

    clause: Span
    witnesses: int  # independent witnesses stating it, the statement's own included
    evidence: tuple[Span, ...]  # the clauses of other witnesses' statements that state it


def clauses_of(
    sentence: SpacySpan, source: str, figures: Sequence[tuple[int, float]] = ()
) -> tuple[Clause, ...]:
    """The clauses of a parsed sentence of ``source`` with enough content words to be matched.

    ``figures`` are the (character offset, value) of the figures the source gives.
    """
    heads = {
        t.i for t in sentence if t.dep_ == "ROOT" or (t.dep_ in _CLAUSE_DEPS and t.pos_ in _VERBS)
    }
    own: dict[int, list[Token]] = defaultdict(list)
    for token in sentence:
        head = token
        while head.i not in heads and sentence.start <= head.head.i < sentence.end:
            if head.head.i == head.i:
                break
            head = head.head
        own[head.i].append(token)
    found = []
    for head, tokens in own.items():
        if any(child.dep_ == "ccomp" for child in sentence.doc[head].children):
            continue  # "Kazakh media reported (that ...)": who says it, not what
        words = [t for t in tokens if not (t.is_punct or t.is_space)]
        while words and words[0].dep_ in _EDGES:
            words.pop(0)
        while words and words[-1].dep_ in _EDGES:
            words.pop()
        if not any(t.pos_ in _VERBS for t in words):
            continue
        stems = frozenset(content_stems("".join(t.text_with_ws for t in words)))
        if len(stems) < MIN_CLAUSE_WORDS:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        found.append(
            Clause(
                span=Span(source=source, start=start, end=end),
                stems=stems,
                numbers=frozenset(v for at, v in figures if start <= at < end),
            )
        )
    return tuple(sorted(found, key=lambda c: c.span.start))


def clause_support(
    clauses: Sequence[Sequence[Clause]], witness: dict[str, str] | None = None
) -> dict[int, ClauseSupport]:
    """For each statement (``clauses[i]`` are the clauses of statement i) with a clause that another
    witness states too, that clause, the number of independent witnesses of it and their passages.

    ``witness`` maps a source id to the id that stands for its wire group: copies of one wire
    story are one witness.
    """
    witness = witness or {}
    owner = [i for i, found in enumerate(clauses) for _ in found]
    units = [clause for found in clauses for clause in found]
    spans = [clause.span for clause in units]
    words = [clause.stems for clause in units]
    if not units:
        return {}
    # shared words and their weight for all pairs at once: products of sparse clause x word
    # matrices (IDF weights and 0/1), as align does for shared names
    frequency: dict[str, int] = {}
    for found in words:
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    n = len(spans)
    column: dict[str, int] = {}
    rows, cols, weights = [], [], []
    for row, found in enumerate(words):
        for word in found:
            rows.append(row)
            cols.append(column.setdefault(word, len(column)))
            weights.append(math.log((1 + n) / (1 + frequency[word])) + 1)
    shape = (n, max(1, len(column)))
    weighted = csr_matrix((weights, (rows, cols)), shape=shape)
    binary = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    shared = (binary @ binary.T).tocoo()
    keep = shared.data >= MIN_CLAUSE_WORDS
    a_of, b_of = shared.row[keep], shared.col[keep]
    # [a, b]: the weight of a's words that b has too
    weight = np.asarray((weighted @ binary.T).tocsr()[a_of, b_of]).ravel()
    own = np.asarray(weighted.sum(axis=1)).ravel()
    who = [witness.get(span.source, span.source) for span in spans]
    same = weight >= SAME_CLAUSE * np.minimum(own[a_of], own[b_of])

    partners: dict[int, list[int]] = {}
    for a, b in zip(a_of[same].tolist(), b_of[same].tolist(), strict=True):
        if who[a] == who[b]:
            continue
        if units[a].numbers and units[b].numbers and units[a].numbers != units[b].numbers:
            continue  # a conflict, not support
        partners.setdefault(a, []).append(b)

    best: dict[int, ClauseSupport] = {}
    for a, found in sorted(partners.items()):
        witnesses = len({who[b] for b in found} | {who[a]})
        i = owner[a]
        if i in best and best[i].witnesses >= witnesses:
            continue
        evidence = tuple(dict.fromkeys(spans[b] for b in sorted(found, key=lambda b: owner[b])))
        best[i] = ClauseSupport(clause=spans[a], witnesses=witnesses, evidence=evidence)
    return best
