"""clauses: the parts of sentences that other reports share in nearly the same words.

A fact is a whole sentence that several sources state. News is often shared only in part: "The
protests were first sparked by rising fuel prices but have broadened to include political
grievances" (one outlet) and "... after protesters angry over rising fuel prices stormed government
buildings" (another) agree on the trigger and on nothing else, so no fact joins them. This module
cuts statements into clauses and finds, for each statement, its clause that the most other
witnesses share most of their words with. The summary counts those witnesses when it weighs a
sentence's support: a finer grain of the centrality it already uses.

It is a selection signal, not evidence. Judged by reading (benchmarks/clauses.py, DUC 2006), two in
five of the clause pairs matched this way state the same thing; the rest share a topic ("infected
with West Nile virus" / "None tested positive for West Nile virus"). So nothing in a brief cites a
source for a clause it shares: citations stay with facts.

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
from pydantic import field_serializer
from scipy.sparse import csr_matrix

from .align import content_stems
from .model import Record, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# a clause must name this many distinct content words to be matched on its own ("he said so"
# shares nothing worth counting), and two clauses must share as many
MIN_CLAUSE_WORDS = 3
# the shared words must carry this share of the IDF weight of the smaller clause and make up this
# share of the words of the larger one: the second keeps a short clause from matching any long
# one that mentions its topic (benchmarks/clauses.py: judged precision 0.28 without it, 0.40 with
# it; benchmarks/summarize.py on DUC 2006: ROUGE-2 recall 0.0961/0.0990 generic/focused with it,
# 0.0948/0.0980 with no clause support at all, docs/benchmarks.md)
SAME_CLAUSE = 0.5
LARGER = 0.4
_BLOCK = 2048  # clauses compared with all others at a time

_CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "acl", "parataxis", "csubj"})
_VERBS = frozenset({"VERB", "AUX"})
_EDGES = frozenset({"cc", "mark"})  # "but", "after": they join clauses, they are not part of one


class Clause(Record):
    """A clause of a statement: its extent in the source, its content words and the figures in
    its extent. A record, because an article's analysis keeps its clauses (see ``analysis``)."""

    span: Span
    stems: frozenset[str]
    numbers: frozenset[float]

    @field_serializer("stems", "numbers")
    def _sorted(self, values: frozenset) -> list:
        # sets in hash order would make two stores of the same articles differ byte for byte
        return sorted(values)


@dataclass(frozen=True, slots=True)
class ClauseSupport:
    """The clause of one statement whose words the most other witnesses share."""

    clause: Span
    witnesses: int  # witnesses sharing it, the statement's own included
    evidence: tuple[Span, ...]  # the matching clauses of the other witnesses' statements


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
    # the clause head each token reaches, kept for every token on the way up: walking up from
    # every token anew cost the square of a sentence whose parse is one long chain (20,000
    # characters of "said said ..." took 25 s)
    reached: dict[int, int] = {}
    for token in sentence:
        head, path = token, []
        while head.i not in heads and head.i not in reached:
            if not sentence.start <= head.head.i < sentence.end or head.head.i == head.i:
                break
            path.append(head.i)
            head = head.head
        top = reached.get(head.i, head.i)
        for i in path:
            reached[i] = top
        own[top].append(token)
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
    witness shares, that clause, the number of witnesses sharing it (its own included) and their
    clauses.

    ``witness`` maps a source id to the id that stands for its wire group: copies of one wire
    story are one witness.
    """
    witness = witness or {}
    owner = [i for i, found in enumerate(clauses) for _ in found]
    units = [clause for found in clauses for clause in found]
    who = [witness.get(clause.span.source, clause.span.source) for clause in units]
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in matching_pairs(units):
        if who[a] != who[b]:
            partners[a].append(b)
    best: dict[int, ClauseSupport] = {}
    for a, found in sorted(partners.items()):
        witnesses = len({who[b] for b in found} | {who[a]})
        i = owner[a]
        if i in best and best[i].witnesses >= witnesses:
            continue
        evidence = tuple(dict.fromkeys(units[b].span for b in sorted(found, key=owner.__getitem__)))
        best[i] = ClauseSupport(clause=units[a].span, witnesses=witnesses, evidence=evidence)
    return best


def matching_pairs(clauses: Sequence[Clause]) -> list[tuple[int, int]]:
    """The ordered pairs (a, b) of distinct clauses, of any sources, whose words match."""
    if not clauses:
        return []
    words = [clause.stems for clause in clauses]
    # shared words and their weight for all pairs at once: products of sparse clause x word
    # matrices (IDF weights and 0/1), as align does for shared names
    frequency: dict[str, int] = {}
    for found in words:
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    n = len(clauses)
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
    own = np.asarray(weighted.sum(axis=1)).ravel()
    size = np.array([len(found) for found in words])
    tocol = binary.T.tocsr()
    found_a, found_b = [], []
    # a block of rows at a time: the products hold every pair sharing a word, which grows with
    # the square of the clauses; blocks keep memory to a block's share of it
    for start in range(0, n, _BLOCK):
        shared = (binary[start : start + _BLOCK] @ tocol).tocoo()
        keep = shared.data >= MIN_CLAUSE_WORDS
        rows_of, b_of, count = shared.row[keep], shared.col[keep], shared.data[keep]
        a_of = rows_of + start
        # [a, b]: the weight of a's words that b has too
        weight = np.asarray((weighted[start : start + _BLOCK] @ tocol)[rows_of, b_of]).ravel()
        same = (
            (a_of != b_of)
            & (weight >= SAME_CLAUSE * np.minimum(own[a_of], own[b_of]))
            & (count >= LARGER * np.maximum(size[a_of], size[b_of]))
        )
        found_a.extend(a_of[same].tolist())
        found_b.extend(b_of[same].tolist())
    return [
        (a, b)
        for a, b in zip(found_a, found_b, strict=True)
        # different figures: a conflict, not the same clause
        if not (
            clauses[a].numbers and clauses[b].numbers and clauses[a].numbers != clauses[b].numbers
        )
    ]
