"""conflicts: the same slot filled with incompatible values across (or within) sources.

A slot is what a figure measures, read from the parse (``extract.quantities``,
``extract.measures``), not from a list of topics:

- a tally of an event: the event (killed, wounded, detained, ...) and the counted group
  (security forces, protesters, people);
- any other figure: its unit (a count, a currency, percent, metres, tonnes, ...) and the lemma of
  what it measures ("crew", "package", "seat", "nation"); a person's age is a slot of its own.

Figures fill one slot when their slot agrees, their places do not differ, the entities their
clauses are about do not differ (the crew of the Kursk is not the crew of another ship), and
they are not dated to different incidents (tallies a week apart, or reported a month apart) or,
outside the tallies, to different times (a series). Outside the event tallies, where the event
and the group do not say what is counted, the two sentences must also say the same thing: they
share enough content words, or some and the same governing word.
A slot whose figures fall into two or more disjoint groups of values is a conflict
(``conflict_values``: a revision when the values follow one another in the reports' dates, else
a disagreement). The day an event happened is compared too (``conflict_dates``).

Left out, because a false conflict costs a reader more than a missed one: parts of a larger
figure ("two of the members", "including two"), figures an earlier event gave, rates and ratios
("one out of 10", "per 100,000"), projections and schedules ("scheduled to execute eight
more"), vague amounts ("the conflict has killed hundreds"), the term of a comparison ("twice as
many as the 19"), and small counts outside the event tallies ("two of its four engines").

- when a slot's figures name two or more places, a figure that names none takes the place its
  value is given for elsewhere, or the place nearly all of them name; else it could count any
  of them (the embassy bombings in Nairobi and in Dar es Salaam), so it is compared with none;
- a population is compared only between figures that name the same place;
- of the figures one sentence gives for a slot, only the largest counts (``one_per_sentence``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from functools import partial

from .align import content_stems
from .conflict_dates import find_date_conflicts
from .conflict_values import build_conflict, one_per_sentence, undistinguished, value_groups
from .linking import Links, linked_groups
from .model import Conflict, QuantityMention
from .timeline import DatedClause

_EVENT_WORDS = {
    "killed": "killed",
    "wounded": "wounded",
    "detained": "detained",
    "hospitalised": "hospitalised",
    "deployed": "deployed",
    "evacuated": "evacuated",
    "missing": "missing",
}
#: Two sentences about one open-vocabulary count share at least this share of the smaller
#: one's content stems (numbers and the slot's own words left out), or a third of it and the
#: governing word; about one measure with a unit, ``SAME_MEASURE_OVERLAP``. (Tallies of one
#: event need none: a share of words set the 200 and the 2,000 detained in Almaty apart, and
#: kept together no incidents that dates and report days do not part.)
SAME_FIGURE_OVERLAP = 0.6
SAME_MEASURE_OVERLAP = 0.3
#: ... and figures governed by different words, this share of all their stems (any value from
#: 0.5 to 0.9 gave the same conflicts on the development sets)
DIFFERENT_WORD_OVERLAP = 0.5
#: the share of a slot's placed figures that makes their place the story's own (see
#: ``_split_by_place``)
DOMINANT_PLACE = 0.75
#: the smallest count outside the event tallies that is compared: smaller ones count parts of
#: one thing ("two of its four engines") more often than anything reports disagree on
MIN_OPEN_COUNT = 5
#: measures too general to say what is counted without the rest of the sentence
_GENERIC = frozenset("people person time year day thing way part case other".split())


def slot_topic(event: str, group: str) -> str:
    """A readable name for a slot: 'security forces killed', 'population'."""
    if event == "population":
        return "population"
    return f"{group} {_EVENT_WORDS.get(event, event)}"


def find_conflicts(
    quantities: Sequence[QuantityMention],
    order: Sequence[str],
    published: Mapping[str, dt.date | None] | None = None,
    dated: Sequence[DatedClause] = (),
) -> list[Conflict]:
    """Conflicts among the figures (and dated events) of all sources, most sources first."""
    published = published or {}
    rank = {sid: n for n, sid in enumerate(order)}
    slots: dict[tuple, list[QuantityMention]] = defaultdict(list)
    for q in quantities:
        key = slot_of(q)
        if key is not None:
            slots[key].append(q)
    conflicts: list[Conflict] = []
    for key, mentions in slots.items():
        for placed in _split_by_place(mentions):
            for occurrence in _occurrences(placed, published, slot=key[0]):
                groups = undistinguished(value_groups(one_per_sentence(occurrence)))
                if len(groups) < 2:
                    continue
                if key[0] != "event" and len({m.span.source for m in occurrence}) < 2:
                    continue  # one report's own figures of an open slot: parts, comparisons
                conflicts.append(build_conflict(_topic(key, occurrence), groups, rank, published))
    conflicts += find_date_conflicts(dated, rank, published)
    conflicts.sort(key=lambda c: (-len({s for v in c.values for s in v.sources}), c.topic))
    return conflicts


def slot_of(q: QuantityMention) -> tuple | None:
    """The slot a figure fills, or None when it fills none (see the module's list)."""
    if q.partitive or q.past or q.rate or q.planned or q.vague:
        return None  # "the conflict has killed hundreds": a vague amount disputes nothing
    if q.age:
        return ("age",) if q.about else None
    if q.event and q.group:
        if q.event == "population" and not q.place:
            return None  # the population of what: a figure naming no place compares with none
        return ("event", q.event, q.group)
    if q.compared:
        return None
    if q.measure is None:
        # "Putin won with 52.9 percent": a share of a named entity's, what it is a share of
        # left to the sentence (``_same_figure``)
        return ("open", "percent", "share") if q.unit == "percent" and q.about else None
    if q.measure in ("length", "weight") and not q.about:
        return None  # a length of what: only one of a named thing compares
    if q.unit is None and q.value < MIN_OPEN_COUNT:
        return None  # "two engines" and "four engines" of one plane: small counts of parts
    if q.unit is None and q.measure in _GENERIC:
        return None  # "4,000 people at a shelter": people counted for no event say too little
    return ("open", q.unit or "count", q.measure)


def _split_by_place(mentions: list[QuantityMention]) -> list[list[QuantityMention]]:
    """One list per place the slot's figures are given for. Places that share a value are one
    ("113 killed" near Paris and, in a report of the memorial, in Cologne; "247" in Kenya and in
    Nairobi); a figure without a place takes the place its value is given for elsewhere, and
    one whose value names no place joins the list when the slot names one place at most, and
    no list when it names several (it could count any of them)."""
    places = sorted({q.place.lower() for q in mentions if q.place})
    if len(places) <= 1:
        return [mentions]
    links = Links(places)
    root = links.root
    place_of_value: dict[float, set[str]] = defaultdict(set)
    for q in mentions:
        if q.place:
            place_of_value[q.value * q.scale].add(q.place.lower())
    for named in place_of_value.values():
        first, *others = sorted(named)
        for other in others:
            links.join(first, other)
    if len({root(p) for p in places}) == 1:
        return [mentions]
    placed = Counter(root(q.place.lower()) for q in mentions if q.place)
    main, count = placed.most_common(1)[0]
    # one place that nearly all placed figures name is the story's: the others are where its
    # victims came from or mourned them, and a figure naming no place counts the main one
    dominant = main if count >= DOMINANT_PLACE * sum(placed.values()) else None
    lists: dict[str, list[QuantityMention]] = defaultdict(list)
    for q in mentions:
        named = {q.place.lower()} if q.place else place_of_value.get(q.value * q.scale, set())
        roots = {root(p) for p in named} or ({dominant} if dominant else set())
        if len(roots) == 1:
            lists[roots.pop()].append(q)
    return [lists[place] for place in sorted(lists)]


def _occurrences(
    mentions: list[QuantityMention],
    published: Mapping[str, dt.date | None],
    *,
    slot: str,
) -> list[list[QuantityMention]]:
    """The figures that can be about one occurrence: connected where two figures' entities do
    not differ, they are not dated to different times, and their sentences say the same thing."""
    open_slot = slot == "open"
    words = {id(q): _stems(q) for q in mentions} if open_slot else {}

    def one_occurrence(a: QuantityMention, b: QuantityMention) -> bool:
        if a.about and b.about and not same_entity(a.about, b.about):
            return False
        if slot == "age":  # one person's age: the name decides (and ``_kept_apart``)
            return _same_first_name(a.about or "", b.about or "")
        if _dated_apart(a, b, open_slot=open_slot):
            return False
        if not open_slot and _reported_apart(a, b, published):
            return False  # incidents of one kind recur; a length or a price does not
        if not open_slot and bool(a.place) != bool(b.place):
            # "ten dissidents detained in Hangzhou" and "two dissidents arrested", reported
            # two weeks apart: nothing says the second is of the first's place and time
            return not _reported_apart(a, b, published, days=UNPLACED_DAYS)
        return not open_slot or _same_figure(a, b, words[id(a)], words[id(b)])

    return linked_groups(mentions, one_occurrence, partial(_kept_apart, slot=slot))


def _kept_apart(ours: list[QuantityMention], theirs: list[QuantityMention], *, slot: str) -> bool:
    """Whether two groups of figures must stay apart even though a pair of them links: all
    their dated figures are dated apart (an undated "40,000 East Timorese were killed" that
    fits a toll of November 24 and one of December 11 does not make them one incident; a
    chain of dated figures, each close to the next, still joins), or, for ages, one sentence
    gives an age to each (two people: "Zughayar, the 54-year-old father of Yusef Ali Mohammed
    Zughayar, 22")."""
    if slot == "age":
        return bool({q.sentence for q in ours} & {q.sentence for q in theirs})
    open_slot = slot == "open"
    our_days = [q.as_of for q in ours if q.as_of is not None]
    their_days = [q.as_of for q in theirs if q.as_of is not None]
    return bool(our_days and their_days) and all(
        _days_apart(x, y, open_slot=open_slot) for x in our_days for y in their_days
    )


def same_entity(a: str, b: str) -> bool:
    """Whether two names (lower case) can name one entity: equal, one inside the other ("wang
    youcai", "wang"), or spelled alike ("yusef ali mohammed zughayar", "youssef zughayer":
    transliterations differ, so last names are compared by their share of common letters)."""
    if a == b:
        return True
    a_words, b_words = a.removeprefix("the ").split(), b.removeprefix("the ").split()
    if set(a_words) <= set(b_words) or set(b_words) <= set(a_words):
        return True
    return SequenceMatcher(None, a_words[-1], b_words[-1]).ratio() >= SAME_NAME_RATIO


def _same_first_name(a: str, b: str) -> bool:
    """Two full names of one person begin alike: "Youssef Zughayer" is "Yusef Ali Mohammed
    Zughayar", and "Mohammed Zughayar", his father, is not (a name inside the other)."""
    a_words, b_words = a.split(), b.split()
    if len(a_words) < 2 or len(b_words) < 2:
        return True  # "Wang" and "Wang Youcai": a last name alone
    return SequenceMatcher(None, a_words[0], b_words[0]).ratio() >= SAME_FIRST_NAME_RATIO


#: first names this alike are one name spelled two ways ("youssef", "yusef" 0.83)
SAME_FIRST_NAME_RATIO = 0.7


#: last names this alike (difflib's ratio) are one name spelled two ways: "zughayar" and
#: "zughayer" 0.88, "yeltsin" and "yeltzin" 0.86; "smith" and "smyth" 0.8 are left apart
SAME_NAME_RATIO = 0.85


#: two tallies of one kind dated further apart than this are two incidents ("two policemen were
#: killed on Sunday" and "three on Tuesday" two weeks later), while a toll given as of one day and
#: as of a few days later is one incident's revised count
INCIDENT_DAYS = 7


def _dated_apart(a: QuantityMention, b: QuantityMention, *, open_slot: bool) -> bool:
    """Two figures whose texts date them to different times: a tally of one event may be given
    on several days as it grows (a revision), any other figure dated apart is a series (598
    cases in January, more than 600 in March), each right at its date."""
    if a.as_of is None or b.as_of is None:
        return False
    return _days_apart(a.as_of, b.as_of, open_slot=open_slot)


def _days_apart(a: dt.date, b: dt.date, *, open_slot: bool) -> bool:
    return a != b and (open_slot or abs((a - b).days) > INCIDENT_DAYS)


#: a tally that names a place and one that names none are of one incident only when reported
#: within this many days (3 to 10 gave the same recall on the development sets; 3 set apart
#: 30-40 killed near Alas and 14 killed in a riot reported six days later)
UNPLACED_DAYS = 3


#: figures in reports published further apart than this are about different occurrences unless
#: a report in between links them: a story's figures are revised within days, while a cluster
#: that spans months tells of many incidents of one kind
REPORT_WINDOW_DAYS = 30


def _reported_apart(
    a: QuantityMention,
    b: QuantityMention,
    published: Mapping[str, dt.date | None],
    days: int = REPORT_WINDOW_DAYS,
) -> bool:
    first, second = published.get(a.span.source), published.get(b.span.source)
    return first is not None and second is not None and abs((first - second).days) > days


#: base units of measures (``extract.measures.UNITS``): lengths, weights, speeds, areas
_MEASURED = frozenset({"m", "km", "km2", "t", "km/h", "ha", "barrel"})
_UNIT_STEMS = frozenset(
    content_stems(
        "percent inch inches foot feet meter meters metre metres mile miles kilometer kilometers "
        "ton tons tonne tonnes pound pounds dollar dollars dlrs year years"
    )
)


def _stems(q: QuantityMention) -> frozenset[str]:
    """The sentence's content stems, less numbers and the words that name the slot itself."""
    own = set(content_stems(" ".join(filter(None, (q.measure, q.about, q.counted)))))
    own |= _UNIT_STEMS
    return frozenset(s for s in content_stems(q.context) if not s[:1].isdigit() and s not in own)


def _same_figure(
    a: QuantityMention, b: QuantityMention, a_words: frozenset[str], b_words: frozenset[str]
) -> bool:
    """Whether two sentences give a figure for the same thing: enough words in common beyond
    those naming the slot, or some and the same governing word."""
    if a.sentence == b.sentence:
        return True
    overlap = len(a_words & b_words) / (min(len(a_words), len(b_words)) or 1)
    # figures governed by different words are of different things unless the sentences are
    # nearly the same ("needs 4.5 million tons of grain", "harvested 3 million tons"); a figure
    # joined to its noun ("a 16-inch strip", "the 118-man crew") describes the noun, and the
    # verb tells what happened to the noun ("found", "posted")
    differing = a.relation and b.relation and a.relation != b.relation
    # of all their words, not of the shorter sentence's: a short one ("one of 120 crows so far
    # tested by state officials") is mostly inside any long one on its subject
    shared = len(a_words & b_words) / (len(a_words | b_words) or 1)
    if differing and not (_attributive(a) or _attributive(b)) and shared < DIFFERENT_WORD_OVERLAP:
        return False
    measured = a.unit in _MEASURED
    # a count ("40 troops", "3,500 troops") says less of what it counts than a measure with a
    # unit says of what it measures ("a 16-inch strip")
    needed = SAME_MEASURE_OVERLAP if measured else SAME_FIGURE_OVERLAP
    if overlap >= needed:
        return True
    same_word = a.relation is not None and a.relation == b.relation
    return same_word and overlap >= needed / 3


def _attributive(q: QuantityMention) -> bool:
    """A figure hyphened to the noun it describes: 'a 16-inch strip', 'the 118-man crew'."""
    after = q.span.end - q.sentence.start
    return q.context[after : after + 1] == "-"


def _topic(key: tuple, mentions: Sequence[QuantityMention]) -> str:
    """A readable name: 'security forces killed', 'age of wang youcai', 'crew (count)'."""
    if key[0] == "event":
        return slot_topic(key[1], key[2])
    if key[0] == "age":
        return f"age of {max((m.about or '' for m in mentions), key=len)}"
    _, unit, measure = key
    about = next((m.about for m in mentions if m.about), None)
    what = f"{measure} of {about}" if about else measure
    return f"{what} ({'number' if unit == 'count' else unit})"
