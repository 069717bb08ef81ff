"""timeline: dated events across sources, from the time expressions each text resolves.

An entry is the clause a time expression anchors (the verb it modifies and that verb's phrase),
dated by the expression. Entries from different sources merge when they share the date and say
the same thing (enough content words in common), so the timeline lists an event once with every
source that dates it. Entries are listed by date and, within a day, by the part of the day a
source names ("early on Wednesday" before "Wednesday afternoon" before "late on Wednesday").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import Field, field_serializer

from .align import stem
from .extract.nlp import text_of
from .model import DayPart, Record, Span, TimelineEntry, TimeMention, day_part_rank
from .readable import clarity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Two clauses with the same date describe one event when they share at least two content words
# and at least this share of the smaller one's ("the government resigned" / "the resignation of
# the government": "govern" and "resign", folded by the Snowball stemmer that alignment uses).
SAME_EVENT_OVERLAP = 0.5
_MAX_CLAUSE_WORDS = 40
_MAX_SENTENCE_WORDS = 50


@dataclass
class _Event:
    date: str
    precision: str
    text: str
    words: list[frozenset[str]]
    evidence: list[Span] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    part_of_day: DayPart | None = None


def content_words(tokens: Sequence[Token]) -> frozenset[str]:
    """Lemmas of nouns, verbs, adjectives and names, with derivations folded to a stem."""
    words = set()
    for token in tokens:
        if token.pos_ in ("NOUN", "VERB", "PROPN", "ADJ") and not token.is_stop and token.is_alpha:
            words.add(stem(token.lemma_.lower()))
    return frozenset(words)


def _same_event(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= 2 and shared / min(len(a), len(b)) >= SAME_EVENT_OVERLAP


def anchored_clause(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character bounds of the clause a time expression at [start, end) anchors."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    steps = 0
    # up to the verb the expression modifies; past verbs that only modify a noun ("the government
    # headed by X on Wednesday"), to the clause that says what happened
    while (
        steps < 12
        and token.head.i != token.i
        and (token.pos_ not in ("VERB", "AUX") or token.dep_ in ("acl", "relcl", "amod"))
    ):
        token = token.head
        steps += 1
    sentence = token.sent
    if token.pos_ not in ("VERB", "AUX"):
        return sentence.start_char, sentence.end_char
    left, right = token.left_edge, token.right_edge
    told_of = _noun_told_of(span.root, token)
    if told_of is not None:
        # the date is in a relative clause of a noun ("Pospelova, who won the
        # European Cup on July 15, was not a medalist"): the event is that noun with its
        # clause, not the sentence around them
        left, right = told_of.left_edge, _last_of_clause(told_of, span.root)
    if right.i - left.i + 1 > _MAX_CLAUSE_WORDS or right.i - left.i < 3:
        left, right = sentence[0], sentence[-1]
    while right.i > left.i and (right.is_space or (right.is_punct and right.text not in "\"”’'")):
        right = doc[right.i - 1]
    while left.i < right.i and left.is_punct and left.text not in "\"“‘'":
        left = doc[left.i + 1]
    return left.idx, right.idx + len(right.text)


def _noun_told_of(date: Token, verb: Token) -> Token | None:
    """The noun whose relative clause holds ``date``, below ``verb``."""
    token = date
    while token.i != verb.i and token.head.i != token.i:
        # relative clauses only: a participle ("the government headed by Mamin early on
        # Wednesday") is where the parser most often hangs a date that belongs to the verb
        # above it
        if token.pos_ in ("VERB", "AUX") and token.dep_ == "relcl":
            head = token.head
            return head if head.pos_ in ("NOUN", "PROPN") else None
        token = token.head
    return None


def _last_of_clause(noun: Token, date: Token) -> Token:
    """The last token of the clause of ``noun`` that holds ``date``."""
    clause = next(c for c in noun.children if c.dep_ == "relcl" and date in c.subtree)
    return clause.right_edge


def readable_passage(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """[start, end) when that clause reads on its own, else its whole sentence (unless the
    sentence is too long to take in, when the clause is the lesser evil)."""
    text = text_of(doc)
    clause = text[start:end]
    opens = clause[:1].isupper() or clause[:1].isdigit() or clause[:1] in "\"“‘'"
    # a clause seldom ends its sentence, so its missing full stop is not held against it
    if opens and clarity(clause + ".") > 0.5:
        return start, end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start, end
    sentence = span[0].sent
    if len(sentence.text.split()) > _MAX_SENTENCE_WORDS:
        return start, end
    left, right = sentence.start_char, sentence.end_char
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


class DatedClause(Record):
    """A clause of one source that a time expression dates: the unit the timeline merges.

    Found per article from its parse (see ``analysis``), so fusing sources needs no parse.
    """

    mention: TimeMention
    words: frozenset[str] = Field(description="Content words of the clause, less the date's.")
    evidence: Span = Field(
        description="The clause, or its sentence when the clause would not read."
    )
    text: str

    @field_serializer("words")
    def _sorted(self, words: frozenset[str]) -> list[str]:
        return sorted(words)  # hash order would differ from run to run


# Words for a part of a day or a stretch of days: a time expression that modifies one is still
# the time of its clause ("Friday night", "by Monday morning", "on the day before").
_TIME_NOUNS = frozenset(
    "morning afternoon evening night day days week weekend hour hours time midnight noon".split()
)
# how a word modifies the noun after it: "a 1966 law", "Wednesday's edition", "the Sunday paper"
_PREMODIFIERS = frozenset({"compound", "nummod", "amod", "poss", "nmod", "npadvmod"})
# a date after these dates a state that holds from or around it ("had suspended talks since
# 1986", "crimes committed before 1978"): what the clause tells did not happen on it. "until"
# and "by" are left out on purpose: they name a deadline or an end ("a state of emergency in
# effect until Jan. 19"), which is a day a reader of the timeline wants
_BOUNDS = frozenset("since before after from between".split())
# a year or month that ends a period or sets a target ("secures jobs until 2000", "70,000
# employees by 2010") dates no event of the story; a day that does is a deadline, kept ("a state
# of emergency until Nov. 19")
_ENDS = frozenset("until till through by".split())
# A date inside a noun phrase dates what the noun names. That is the clause's event when the
# noun is one of the verb's participants ("the crash on Oct. 31 killed 217 people", "announced a
# guarantee Wednesday") or the occasion of it ("At a cabinet session on Jan. 27, Putin said",
# "During Friday's debate, a handful of Democrats ...", "After an unusual Sunday trial, ... was
# sentenced", which happened that day or soon after); any other noun phrase keeps its date to
# itself ("a 1966 law", "prepare for the arrival in 1999", "the vote from Sunday's election"),
# and a publication's date is its issue's ("in Wednesday's edition", "an editorial for Friday").
_PARTICIPANTS = frozenset({"nsubj", "nsubjpass", "dobj"})
_OCCASIONS = frozenset("at during on in after".split())
_PUBLICATIONS = frozenset(
    "edition issue editorial newspaper paper column article magazine journal".split()
)
# states said of "today" are no events ("Yet today, one of the signs of British rule remains")
_STATIVE = frozenset("be remain have exist stand live seem appear look lie".split())
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def dated_verb(doc: Doc, mention: TimeMention) -> tuple[int, int] | None:
    """(index of the verb, steps to it) for the event a time expression dates; None when it
    dates no event: it modifies a noun, bounds a period, or sits in a question or a state."""
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if _in_a_question(doc, span):
        return None  # "Did anybody blink today?", '"But the kids today?" he said'

    token = span.root
    while token.dep_ in _PREMODIFIERS and token.head.i > token.i and _is_time_noun(token.head):
        token = token.head
    bounds = _BOUNDS if mention.precision == "day" else _BOUNDS | _ENDS
    if span[0].lower_ in bounds or (token.dep_ == "pobj" and token.head.lower_ in bounds):
        return None  # the expression is "since 1986", or "1986" of "since 1986"
    steps = 0
    while (
        steps < 12
        and token.head.i != token.i
        # a participle or relative clause is an event of its own ("the government headed by
        # Mamin early on Wednesday", "protesters who stormed the office on Wednesday"): a
        # date inside it dates that verb, whatever it hangs from
        and (token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod")
    ):
        if steps and _is_content_noun(token) and not _carries_date(token):
            return None
        token = token.head
        steps += 1
    if token.pos_ not in ("VERB", "AUX"):
        return None  # no verb above it: a fragment, or a parse that lost the clause
    if mention.text.lower() == "today" and _tells_a_state(token):
        return None
    if _the_reporter_s_inquiry(token):
        return None  # "did not return calls Thursday", "could not be determined Wednesday"

    return token.i, steps


def _carries_date(noun: Token) -> bool:
    """Whether a date inside the phrase of ``noun`` dates the clause around it."""
    if noun.lemma_.lower() in _PUBLICATIONS:
        return False
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head  # "said the spokesman, Ned Price, on Wednesday": Price is the subject
    if noun.dep_ in _PARTICIPANTS:
        return True
    # the occasion hangs from the verb, or from its subject ("Arafat in his U.N. address on
    # Wednesday has asked")
    preposition = noun.head
    bearer = preposition.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in _OCCASIONS
        and (bearer.pos_ in ("VERB", "AUX") or bearer.dep_ in _PARTICIPANTS)
    )


# what a reporter tried and did not get: the attempt is the report's, not an event of the story
_INQUIRIES = frozenset("return reach determine confirm comment respond disclose".split())
_QUESTION_AFTER = re.compile(r"^[^.!?;]*\?")


def _in_a_question(doc: Doc, span: SpacySpan) -> bool:
    """Whether the date sits in a question: its sentence, or the part of it up to the first
    mark that ends a sentence, asks."""
    sentence = span.root.sent
    if sentence.text.rstrip(" \"”’'").endswith("?"):
        return True
    return bool(_QUESTION_AFTER.match(text_of(doc)[span.end_char : sentence.end_char]))


def _the_reporter_s_inquiry(verb: Token) -> bool:
    """'Executives did not return calls', 'terms could not be determined': a negated inquiry;
    'union leaders had no immediate reaction today': an answer that did not come."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    if negated and verb.lemma_.lower() in _INQUIRIES:
        return True
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in _ANSWERS
        and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in verb.children
    )


_ANSWERS = frozenset("reaction comment response answer word".split())


def _tells_a_state(verb: Token) -> bool:
    """Whether a verb said of "today" tells how things stand, not what happened: a stative
    verb in the present ("today one of the signs remains") or the present perfect ("Today,
    scientists have identified some patterns")."""
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in _STATIVE:
        return True
    perfect = any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have" for c in verb.children
    )
    return verb.tag_ == "VBN" and perfect


def _is_content_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and not _is_time_noun(token)


def _is_time_noun(token: Token) -> bool:
    return token.lower_ in _TIME_NOUNS or token.lemma_.lower() in _TIME_NOUNS


def event_dates(mentions: Sequence[TimeMention], doc: Doc) -> list[TimeMention]:
    """The resolved time expressions that date an event: per verb, the one nearest it (then
    the most precise), so "enter Friday ... for the arrival in 1999" is dated Friday."""
    best: dict[int, tuple[tuple[int, int, int], TimeMention]] = {}
    for order, mention in enumerate(mentions):
        if mention.date is None or mention.precision is None:
            continue
        found = dated_verb(doc, mention)
        if found is None:
            continue
        verb, steps = found
        rank = (steps, _PRECISION_RANK.get(mention.precision, 3), order)
        if verb not in best or rank < best[verb][0]:
            best[verb] = (rank, mention)
    kept = [m for verb, (_, m) in best.items() if not _beside_the_event(doc[verb], best)]
    return sorted(kept, key=lambda m: m.span.start)


def _beside_the_event(verb: Token, dated: dict) -> bool:
    """Whether ``verb`` tells something in passing about a noun of a clause that has its own
    date: "Mourners gathered Sunday outside the house where she was shot on Friday night", "the
    summit was to conclude Friday with a framework for carrying out the 1997 treaty". Its date
    would be shown with that clause's sentence, which is about the other event."""
    through_noun = verb.dep_ in ("relcl", "acl", "pcomp")
    token = verb
    for _ in range(24):  # a parse is a tree; the bound only guards a pathological one
        if token.head.i == token.i:
            return False
        token = token.head
        through_noun = through_noun or token.pos_ in ("NOUN", "PROPN")
        if token.i in dated:
            return through_noun
    return False


def dated_clauses(mentions: Sequence[TimeMention], doc: Doc) -> list[DatedClause]:
    """The clauses of one parsed source that its resolved time expressions date."""
    found = []
    for mention in event_dates(mentions, doc):
        bounds = anchored_clause(doc, mention.span.start, mention.span.end)
        if bounds is None:
            continue
        start, end = bounds
        clause = doc.char_span(start, end, alignment_mode="expand")
        words = content_words(clause) - content_words(
            doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        )
        if not words:
            continue
        # the clause decides what the event is; a reader is shown its sentence when the clause
        # alone would not read ("had ruled Kazakhstan since 1989", "was set ablaze Wednesday")
        start, end = readable_passage(doc, start, end)
        found.append(
            DatedClause(
                mention=mention,
                words=words,
                evidence=Span(source=mention.span.source, start=start, end=end),
                text=text_of(doc)[start:end],
            )
        )
    return found


def build_timeline(dated: Sequence[DatedClause], order: Sequence[str]) -> list[TimelineEntry]:
    """Merge dated clauses across sources into timeline entries, oldest first."""
    events: list[_Event] = []
    for item in dated:
        mention, words, evidence = item.mention, item.words, item.evidence
        for event in events:
            if event.date == mention.date and any(_same_event(w, words) for w in event.words):
                if evidence not in event.evidence:
                    event.evidence.append(evidence)
                if mention.span.source not in event.sources:
                    event.sources.append(mention.span.source)
                event.words.append(words)
                # "The government resigned on Wednesday" with another report's "early on
                # Wednesday": the event happened early on Wednesday
                event.part_of_day = event.part_of_day or mention.part_of_day
                break
        else:
            events.append(
                _Event(
                    date=mention.date,  # type: ignore[arg-type]
                    precision=mention.precision,  # type: ignore[arg-type]
                    text=item.text,
                    words=[words],
                    evidence=[evidence],
                    sources=[mention.span.source],
                    part_of_day=mention.part_of_day,
                )
            )
    rank = {sid: n for n, sid in enumerate(order)}
    entries = [
        TimelineEntry(
            date=e.date,
            precision=e.precision,  # type: ignore[arg-type]
            text=e.text,
            sources=tuple(sorted(e.sources, key=rank.__getitem__)),
            evidence=tuple(e.evidence),
            part_of_day=e.part_of_day,
        )
        for e in events
    ]
    entries.sort(
        key=lambda e: (
            e.date,
            day_part_rank(e.part_of_day),
            -len(e.sources),
            rank[e.evidence[0].source],
            e.evidence[0].start,
        )
    )
    return entries
