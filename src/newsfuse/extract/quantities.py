"""quantities: every figure with what it counts, the event, the place, who gave it, and when.

Read from the dependency parse, not from word windows: the counted noun is the head a number
modifies ("eight police officers") or the object of its "of" ("dozens of protesters"); the event
is the verb that governs the counted noun ("were killed", "killing", "had been detained") or the
participle that qualifies it ("317 injured", "people detained"); the source of the figure is the
"according to" phrase, the subject of a reporting verb ("police said"), or what a report cites.

Numbers in words and digits are normalised with text2num ("eight" -> 8, "19 million" ->
19000000); vague quantities ("dozens", "hundreds") become a range and are flagged. Each figure
carries an interval (``low``..``high``) that its qualifier implies, which ``conflicts`` compares.

measured on the example corpus: spaCy's CARDINAL entities plus the noun they attach to gave
(2,500, troops), (more than 1,000, people), (19 million, people), (eight, officers); quantulum3
found the numbers but dropped the nouns (and read "an AFP" as a unit), so it is not used.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import QuantityMention, Span, TimeMention
from .figure_context import (
    aboard_or_aground,
    as_of,
    attribution,
    compared,
    is_rate,
    is_ratio,
    partitive,
    place_of,
    planned,
    recalls_the_past,
)
from .measures import about_of, age_of, is_toll, measure_of, relation_of, unit_of
from .nlp import text_of
from .numbers import (
    QUALIFIERS,
    is_number_token,
    number_phrase,
    parse_number,
    qualifier_of,
    range_end,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["MAX_FIGURES_PER_SENTENCE", "find_quantities", "parse_number"]


# Event words (lemmas) -> the event a figure counts.
_EVENTS = {
    "killed": "kill die dead death eliminate behead slay perish murder fatality massacre execute drown",
    "wounded": "wound injure hurt injured wounded injury",
    "detained": "detain arrest jail imprison detention arrested detained custody",
    "hospitalised": "hospitalise hospitalize hospitalised hospitalized",
    "deployed": "deploy send dispatch arrive station deployment",
    "evacuated": "evacuate evacuation flee displace",
    "missing": "missing",
}


_EVENT_OF = {lemma: event for event, words in _EVENTS.items() for lemma in words.split()}


_POPULATION_HEADS = frozenset("nation country population city state region republic".split())


_GROUPS = {
    "security forces": "police officer policeman policemen serviceman servicemen soldier troop "
    "force personnel guard gendarme enforcement military security",
    "protesters": "protester demonstrator assailant rioter militant extremist terrorist insurgent",
    "people": "people person civilian resident citizen inhabitant individual other",
}


_GROUP_OF = {lemma: group for group, words in _GROUPS.items() for lemma in words.split()}


#: Figures read in one sentence. Reading a figure scans its sentence (for who gave it, where,
#: and as of when), so a "sentence" that is a list of hundreds of numbers (a table or a phone
#: list run together) cost the square of its length: 5 KB of phone numbers took 110 s. Prose
#: gives a handful of figures a sentence; past this many the rest are not read.
MAX_FIGURES_PER_SENTENCE = 24


def find_quantities(
    source_id: str,
    doc: Doc,
    times: Sequence[TimeMention] = (),
    published: dt.date | None = None,
) -> list[QuantityMention]:
    """Every figure in a parsed source, with its reading."""
    found: list[QuantityMention] = []
    consumed: set[int] = set()
    sentences = list(doc.sents)  # Token.sent walks the whole document: look sentences up once
    # the time expressions near a sentence, found by bisection: a figure reads those of its
    # sentence and the one before, and all of a long text's for every figure grew with its square
    times = sorted(times, key=lambda t: t.span.start)
    time_starts = [t.span.start for t in times]
    for number, sentence in enumerate(sentences):
        prior = sentences[number - 1] if number else None
        window_start = sentence.start_char
        if prior is not None and "\n" not in text_of(doc)[prior.end_char : sentence.start_char]:
            window_start = prior.start_char
        nearby = times[
            bisect_left(time_starts, window_start) : bisect_left(time_starts, sentence.end_char)
        ]
        previous: QuantityMention | None = None
        read = 0
        for token in sentence:
            if token.i in consumed:
                continue
            person = age_of(token, sentence) if token.ent_type_ == "DATE" else None
            if person is None and not is_number_token(token):
                continue
            read += 1
            if read > MAX_FIGURES_PER_SENTENCE:
                break
            if person is not None:
                consumed.add(token.i)
                age = _age(source_id, doc, sentence, token, person)
                if age is not None:
                    found.append(age)
                continue
            phrase = number_phrase(token, sentence)
            upper = range_end(phrase, sentence)
            consumed.update(t.i for t in (*phrase, *upper))
            mention = _read(
                source_id, doc, sentence, phrase, previous, nearby, published, window_start, upper
            )
            if mention is not None and (mention.counted or mention.event or mention.value != 1):
                found.append(mention)
                previous = mention
    return found


def _read(
    source_id: str,
    doc: Doc,
    sentence: SpacySpan,
    phrase: list[Token],
    previous: QuantityMention | None,
    times: Sequence[TimeMention],
    published: dt.date | None,
    window_start: int,
    upper: list[Token] | None = None,
) -> QuantityMention | None:
    parsed = parse_number(" ".join(t.text for t in phrase))
    if parsed is None:
        return None
    value, low, high, vague = parsed
    qualifier, start = qualifier_of(phrase, sentence)
    if qualifier and not vague:
        lo_f, hi_f = QUALIFIERS[qualifier]
        low, high = value * lo_f, value * hi_f
    if upper:
        # "300-400 people": the range is the interval, its upper figure is the one counting
        parsed_upper = parse_number(" ".join(t.text for t in upper))
        if parsed_upper is not None:
            high = max(high, parsed_upper[2])
        phrase = [*phrase, *upper]
    anchor = phrase[-1]
    unit, scale = unit_of(phrase, sentence)
    counted_tokens = _counted(anchor)
    if unit is not None:  # "700 tons of food" measures; it does not count people
        counted_tokens = []
    counted = _noun_phrase(counted_tokens) if counted_tokens else None
    group = _group(counted_tokens)
    event = None if unit else _event_of(anchor, counted_tokens)
    if event is None and unit is None and not counted_tokens and is_toll(anchor):
        event, group = "killed", "people"
    if counted is None and previous is not None and event is not None and previous.counted:
        # "eight officers had been killed and 317 wounded": the second figure counts the same
        counted, group = previous.counted, previous.group
    rate = is_rate(phrase, sentence) or is_ratio(phrase, sentence)
    future = planned(anchor)
    if event is not None and (rate or future):
        event = None
    if event == "population":
        event, group = "population", "people"
        counted = counted or "people"
    if (
        group is None
        and counted is None
        and event in ("killed", "wounded", "detained", "hospitalised")
    ):
        group = "people"
    if event is not None and group in (None, "people"):
        # "all 109 on board were killed, as were four on the ground": two parts of one toll
        group = aboard_or_aground(anchor, counted_tokens, sentence) or group
    end = phrase[-1].idx + len(phrase[-1].text)
    about = about_of(anchor, sentence)
    return QuantityMention(
        span=Span(source=source_id, start=start, end=end),
        text=text_of(doc)[start:end],
        value=value,
        low=low,
        high=high,
        vague=vague,
        qualifier=qualifier,
        counted=counted,
        group=group,
        event=event,
        place=place_of(anchor, sentence) or _placed_by(about),
        attributed_to=attribution(sentence, anchor),
        as_of=as_of(sentence, times, source_id),
        partitive=partitive(anchor),
        past=recalls_the_past(sentence, times, source_id, published, window_start),
        unit=unit,
        scale=scale,
        measure=(previous.measure if counted is None and previous else None)
        if unit is None and not counted_tokens
        else measure_of(anchor, counted_tokens, unit),
        relation=relation_of(anchor),
        about=about[0] if about else None,
        rate=rate,
        planned=future,
        compared=compared(phrase, sentence),
        sentence=Span(source=source_id, start=sentence.start_char, end=_end_char(sentence)),
        context=text_of(doc)[sentence.start_char : _end_char(sentence)],
    )


def _placed_by(about: tuple[str, str] | None) -> str | None:
    """A country or town the figure's clause is about is its place: 'El Salvador reported 239
    dead' (lower case, as ``about`` is: places compare by name)."""
    if about and about[1] in ("GPE", "LOC"):
        return about[0]
    return None


def _event_of(anchor: Token, counted: list[Token]) -> str | None:
    return "population" if _population(anchor, counted) else _event(anchor, counted)


def _age(
    source_id: str, doc: Doc, sentence: SpacySpan, token: Token, person: str
) -> QuantityMention | None:
    """A person's age as a figure: its measure is 'age', what it is about the person."""
    parsed = parse_number(token.text)  # "32", and "six" of "six-year-old"
    if parsed is None:
        return None
    value = parsed[0]
    end = token.idx + len(token.text)
    return QuantityMention(
        span=Span(source=source_id, start=token.idx, end=end),
        text=token.text,
        value=value,
        low=value,
        high=value,
        unit="year",
        measure="age",
        about=person,
        age=True,
        sentence=Span(source=source_id, start=sentence.start_char, end=_end_char(sentence)),
        context=text_of(doc)[sentence.start_char : _end_char(sentence)],
    )


def _end_char(sentence: SpacySpan) -> int:
    tokens = [t for t in sentence if not t.is_space]
    last = tokens[-1] if tokens else sentence[-1]
    return last.idx + len(last.text)


def _counted(anchor: Token) -> list[Token]:
    """The noun(s) a number counts: its head ('eight officers'), the object of its 'of'
    ('dozens of protesters'), or a group named with 'among' ('317 injured among the forces')."""
    head = anchor
    while head.dep_ in ("compound", "quantmod", "nummod") and head.head.like_num:
        head = head.head
    among = _among(head)
    if among:
        return among
    if head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        if noun.lemma_.lower() in _EVENT_OF:  # "317 injured among ...", "18 dead"
            return _among(noun)
        return _with_conjuncts(noun)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [
                c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")
            ]
            if objects:
                return _with_conjuncts(objects[0])
    return []


def _among(token: Token) -> list[Token]:
    """The group in 'among the security forces', on the token or a participle qualifying it."""
    holders = [token, *(c for c in token.children if c.dep_ in ("acl", "amod", "relcl"))]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "among":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ != "PRON"]
                if objects:
                    return _with_conjuncts(objects[0])
    return []


def _with_conjuncts(noun: Token) -> list[Token]:
    nouns = [noun]
    for conj in noun.conjuncts:
        if conj.pos_ in ("NOUN", "PROPN") and conj.i > noun.i:
            nouns.append(conj)
    return nouns


def _noun_phrase(nouns: list[Token]) -> str:
    first, last = nouns[0], nouns[-1]
    left = first
    for child in first.lefts:
        if child.dep_ in ("compound", "amod") and child.i < first.i:
            left = child if child.i < left.i else left
            break
    return first.doc[left.i : last.i + 1].text


def _group(nouns: list[Token]) -> str | None:
    if not nouns:
        return None
    lemmas = []
    for noun in nouns:
        lemmas.append(noun.lemma_.lower())
        lemmas += [c.lemma_.lower() for c in noun.lefts if c.dep_ in ("compound", "amod")]
    for lemma in lemmas:
        if lemma in _GROUP_OF and _GROUP_OF[lemma] == "security forces":
            return "security forces"
    for lemma in lemmas:
        if lemma in _GROUP_OF:
            return _GROUP_OF[lemma]
    return nouns[0].lemma_.lower()


def _event(anchor: Token, nouns: list[Token]) -> str | None:
    """The event the figure counts, from the words that govern or qualify the counted noun."""
    starts = nouns[:1] or [anchor]
    for start in starts:
        # a participle or event noun right on the number or noun: "317 injured", "people
        # detained"; the number's own before its head's ("2 were killed and 21 injured": the
        # 21 hangs on "killed" as a conjunct, and "injured" qualifies it)
        for token in (start, anchor):
            if token.lemma_.lower() in _EVENT_OF and token.pos_ in ("NOUN", "ADJ", "VERB"):
                return _EVENT_OF[token.lemma_.lower()]
        for child in [*start.children, *anchor.children]:
            if child.dep_ in ("acl", "relcl", "amod") and child.lemma_.lower() in _EVENT_OF:
                return _EVENT_OF[child.lemma_.lower()]
        head = anchor.head
        if head.lemma_.lower() in _EVENT_OF and head.pos_ in ("NOUN", "ADJ", "VERB"):
            return _EVENT_OF[head.lemma_.lower()]
        token, steps = start, 0
        while token.head.i != token.i and steps < 4 and token.dep_ != "conj":
            token = token.head
            steps += 1
            if token.pos_ in ("VERB", "AUX", "ADJ"):
                lemma = token.lemma_.lower()
                if lemma in _EVENT_OF:
                    return _EVENT_OF[lemma]
                for child in token.children:  # "leaving 750 injured"
                    if (
                        child.dep_ in ("oprd", "acomp", "xcomp")
                        and child.lemma_.lower() in _EVENT_OF
                    ):
                        return _EVENT_OF[child.lemma_.lower()]
                if lemma not in ("be", "have", "have been"):
                    break
    return None


def _population(anchor: Token, nouns: list[Token]) -> bool:
    """'the nation of 19 million', 'a country with more than 18 million inhabitants'."""
    counted = {n.lemma_.lower() for n in nouns} | {
        c.lemma_.lower() for n in nouns for c in n.children if c.dep_ == "compound"
    }
    if counted & {"inhabitant", "population"}:
        return True
    if counted and not counted & {"people", "resident", "citizen", "person"}:
        return False
    token = nouns[0] if nouns else anchor
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "with"):
        return token.head.head.lemma_.lower() in _POPULATION_HEADS
    return False
