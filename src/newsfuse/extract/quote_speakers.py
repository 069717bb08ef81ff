"""quote_speakers: which attribution a quote has, read from the parse around it.

The attribution is the verb of saying that the parse hangs the quote on ('While the board said
"...", critics accused ...' is the board's), else the nearest one after or before the quote,
"according to X", or the previous sentence's. The subject of that verb is turned into a name by
:func:`newsfuse.extract.speakers.speaker_of`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lookup import index_of
from .nlp import text_of
from .speakers import SAYING, speaker_of, subject_person, within

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["attribution"]


def attribution(
    doc: Doc, open_at: int, close_at: int, spans: Sequence[tuple[int, int]] = ()
) -> tuple[str | None, str | None] | None:
    """(speaker, role) from the sentences the quote sits in, outside the quote itself; None when
    they attribute it to no one."""
    first = doc.char_span(max(open_at, 0), max(open_at, 0) + 1, alignment_mode="expand")
    last = doc.char_span(close_at - 1, min(close_at, len(text_of(doc))), alignment_mode="expand")
    if not first or not last:  # None, or empty at the end of the text
        return None
    # the tokens between the marks, not every token of the quote's sentences: each quote read
    # those, and a long sentence of quotes cost the square of its length
    inside = [t for t in doc[first[0].i : last[-1].i + 1] if open_at <= t.idx < close_at]
    quote = _Quote(doc, open_at, close_at, _quoted_clause(inside, open_at, close_at), spans)
    index = index_of(doc)
    sentences = index.sentences[
        index.sentence_number(first[0].i) : index.sentence_number(last[-1].i) + 1
    ]
    inverted = _INVERTED.match(text_of(doc)[sentences[0].start_char : open_at])
    if inverted:  # 'Added Stern, "..."', which the tagger reads as one name, "Added Stern"
        return inverted.group("name"), None
    # the verb the parse hangs the quote on is the attribution ('While the board said "...",
    # critics accused ...' is the board's, not the critics'), before any nearer saying verb
    governing = _governing_verb(inside, open_at, close_at)
    subject = _subject(governing) if governing is not None else None
    if subject is not None:
        return quote.speaker(subject)
    if _held_by_a_noun(inside, open_at, close_at):
        return None, None  # 'greeted with shouts of "We love you"': whoever shouted
    # 'Commissioner Hans van den Broek "condemned in the strongest terms ..."': the quote is the
    # predicate of a subject outside it
    subject = next((_subject(t) for t in inside if t.head.i == t.i and t.pos_ == "VERB"), None)
    if subject is not None and subject.idx < open_at:
        return quote.speaker(subject)
    begin, end = sentences[0].start, sentences[-1].end
    after = (doc[i] for i in range(last[-1].i, end) if doc[i].idx >= close_at)
    before = (doc[i] for i in range(first[0].i, begin - 1, -1) if doc[i].idx < open_at)
    # else the attribution nearest the quote wins: forwards after it, backwards before it
    for group in (after, before):
        for token in group:
            if token.lower_ == "according":
                to = next((c for c in token.children if c.lower_ == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                if obj is not None:
                    return quote.speaker(obj)
            if _is_saying(token):
                subject = _subject(token)
                if subject is not None:
                    return quote.speaker(subject)
    return _prior_speaker(quote, index.sentence_of(first[0].i))


class _Quote:
    """A quote being attributed: where it is, what it quotes, and every quote of its text."""

    def __init__(
        self,
        doc: Doc,
        open_at: int,
        close_at: int,
        quoted: frozenset[int],
        spans: Sequence[tuple[int, int]],
    ) -> None:
        self.doc, self.open_at, self.close_at = doc, open_at, close_at
        self.quoted: frozenset[int] = quoted
        self.spans: Sequence[tuple[int, int]] = spans

    def speaker(self, subject: Token) -> tuple[str | None, str | None]:
        return speaker_of(subject, self.doc, self.open_at, self.quoted, self.spans)


# an attribution put before the quote with its verb first, as a sentence of its own
_INVERTED = re.compile(
    r"^\s*(?:Added|Said|Asked|Wrote|Continued|Replied|Recalled)\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*[,:]?\s*[\"“‘`']*\s*$"
)


def _prior_speaker(quote: _Quote, sentence) -> tuple[str | None, str | None] | None:
    """The speaker of a quote whose own sentence names none: the previous sentence's, up to two
    sentences back within the paragraph (the reporter's verb of saying nearest the quote), or
    the person the sentence just before is about ('Aznar dismissed reports that ... "It's
    important we don't talk nonsense"')."""
    doc, index = quote.doc, index_of(quote.doc)
    for back in range(2):
        if sentence.start == 0:
            break
        prior = index.sentence_of(sentence.start - 1)
        if "\n" in text_of(doc)[prior.end_char : sentence.start_char]:
            break
        for token in reversed(prior):
            # the reporter's verb nearest the quote ('X said ... "...," Y was quoted as saying'
            # before a quote of Y's), not one inside a quote ('"We've always said ...," said X')
            if _is_saying(token) and not within(quote.spans, token.idx):
                subject = _subject(token)
                if subject is not None:
                    return quote.speaker(subject)
        if back == 0:
            subject = _subject(index.root_of(prior))
            if subject is not None and within(quote.spans, subject.idx):
                break  # "the warnings read: ``Gun Crime Means Hard Time.''" names no speaker
            named = subject_person(doc, subject) if subject is not None else None
            if named is not None:
                return named, None
        sentence = prior
    return None


def _is_saying(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SAYING


_SAID_DEPS = frozenset(
    ("ccomp", "parataxis", "dobj", "xcomp", "conj", "pobj", "prep", "oprd", "attr")
)


def _quoted_clause(inside: list[Token], open_at: int, close_at: int) -> frozenset[int]:
    """The tokens of what is quoted: inside the marks (``inside``), and the clause the quoted
    words head (which may begin before the opening mark: 'Charest "often looked tired"')."""
    quoted: set[int] = set()
    covered: set[int] = set()  # a subtree inside one already taken adds nothing: skipped
    for token in inside:
        quoted.add(token.i)
        if token.i not in covered and not (open_at <= token.head.idx < close_at):
            covered |= {t.i for t in token.subtree}
    return frozenset(quoted | covered)


def _governing_verb(inside: list[Token], open_at: int, close_at: int) -> Token | None:
    """The verb of saying that the quote's words attach to: the head the quote hangs from ("...,"
    she said; he said that "..."), up to two steps up, or else one hanging from the quote ("...,"
    as asserted by ...)."""
    attached: list[Token] = []
    children: list[Token] = []
    for token in inside:
        if not (open_at <= token.head.idx < close_at):
            attached.append(token)
        children += [c for c in token.children if not (open_at <= c.idx < close_at)]
    for token in attached:
        head = token.head
        for _ in range(3):
            # what is said is a verb's complement or object ("said that ...", "called it ...");
            # a clause of reason or time ("because ...") belongs to another verb
            if token.dep_ not in _SAID_DEPS:
                break
            if _is_saying(head):
                return head
            if head.head.i == head.i:
                break
            token, head = head, head.head
    return next((c for c in children if _is_saying(c)), None)


def _held_by_a_noun(inside: list[Token], open_at: int, close_at: int) -> bool:
    """Whether the quote is what a noun holds ('shouts of "We love you"'): its words hang from
    "of" under a noun, not from a verb."""
    for token in inside:
        head = token.head
        outside = not (open_at <= head.idx < close_at)
        if outside and token.dep_ in ("pobj", "pcomp") and head.lower_ == "of":
            return head.head.pos_ == "NOUN"
    return False


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            # "an official who told CNN": the relative pronoun stands for the noun it hangs from
            if child.lower_ == "who" and verb.dep_ == "relcl":
                return verb.head
            return child
    # "as asserted by the chairman": the agent of a passive saying verb
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    # "was quoted as saying", "echoed them by saying": the subject sits on the verb above
    if verb.dep_ in ("advcl", "xcomp", "pcomp", "conj") and verb.head.i != verb.i:
        above = verb.head
        if above.pos_ == "ADP" and above.head.i != above.i:
            above = above.head
        return _subject(above) if above.pos_ in ("VERB", "AUX") else None
    return _misattached_subject(verb)


def _misattached_subject(verb: Token) -> Token | None:
    """The subject of a verb of saying that the parse hung on another verb: the name right after
    it ('"...," said Magi Shapiro of ..., who quit ...' with Shapiro made the subject of a later
    verb), or the subject of a clause under it that comes before it ("Harakat-ul-Ansar, a group
    labeled ... by the United States, said" with the group made the subject of "labeled")."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and after.pos_ == "PROPN":
        name = after.head if after.dep_ == "compound" else after
        if name.pos_ == "PROPN" and name.dep_ in ("nsubj", "nsubjpass"):
            return name
    for token in verb.subtree:
        if token.i >= verb.i:
            break
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and token.head.i != verb.i
            and token.pos_ == "PROPN"
        ):
            return token
    return None
