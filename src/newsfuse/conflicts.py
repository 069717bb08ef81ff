"""conflicts: the same slot filled with incompatible values across (or within) sources.

A slot is what a figure measures: the event (killed, wounded, detained, ...), the counted group
(security forces, protesters, people) and the place when one is named. Two figures fill the same
slot when event and group agree and their places do not differ. Values are compatible when the
intervals their qualifiers imply overlap ("more than 1,000" = 1,000..1,250 and "about 1,000" =
900..1,100 agree); a slot whose figures fall into two or more disjoint groups is a conflict,
shown value by value with the sources, who gave the figure, when, and the evidence.

A figure that is part of a larger one ("two of the members", "including two") does not fill the
slot of the whole, and neither do figures whose event or group is unknown.

Only figures that can be about the same occurrence are compared, because a false conflict costs
a reader more than a missed one:

- when a slot's figures name two or more places, a figure that names none could count any of
  them (the embassy bombings in Nairobi and in Dar es Salaam), so it is compared with none;
- a population is compared only between figures that name the same place;
- of the figures one sentence gives for a slot, only the largest counts: the others are its
  parts or a comparison, not a disagreement (unless the sentence sets reports against each
  other: "compared with earlier reports").

Time does not separate figures: a crash's toll is restated for months, and the date a sentence
gives may be the event's or the report's, so a window would hide real disagreements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Conflict, ConflictValue, QuantityMention, Span

_EVENT_WORDS = {
    "killed": "killed",
    "wounded": "wounded",
    "detained": "detained",
    "hospitalised": "hospitalised",
    "deployed": "deployed",
    "evacuated": "evacuated",
    "missing": "missing",
}


@dataclass
class _ValueGroup:
    low: float
    high: float
    mentions: list[QuantityMention] = field(default_factory=list)


def slot_topic(event: str, group: str) -> str:
    """A readable name for a slot: 'security forces killed', 'population'."""
    if event == "population":
        return "population"
    return f"{group} {_EVENT_WORDS.get(event, event)}"


def find_conflicts(quantities: Sequence[QuantityMention], order: Sequence[str]) -> list[Conflict]:
    """Conflicts among the figures of all sources, most sources involved first."""
    slots: dict[tuple[str, str], list[QuantityMention]] = defaultdict(list)
    for q in quantities:
        if q.event and q.group and not q.partitive and not q.past:
            if q.event == "population" and not q.place:
                continue  # the population of what: a figure naming no place compares with none
            slots[(q.event, q.group)].append(q)
    rank = {sid: n for n, sid in enumerate(order)}
    conflicts: list[Conflict] = []
    for (event, group), mentions in slots.items():
        for placed in _split_by_place(mentions):
            groups = _value_groups(_one_per_sentence(placed))
            if len(groups) < 2:
                continue
            conflicts.append(_conflict(slot_topic(event, group), groups, rank))
    conflicts.sort(key=lambda c: (-len({s for v in c.values for s in v.sources}), c.topic))
    return conflicts


def _split_by_place(mentions: list[QuantityMention]) -> list[list[QuantityMention]]:
    """One list per named place; figures without a place join the list when there is only one
    place, and no list when there are several (they could count any of them)."""
    places = {q.place for q in mentions if q.place}
    if len(places) <= 1:
        return [mentions]
    return [[q for q in mentions if q.place == place] for place in sorted(places)]


def _value_groups(mentions: list[QuantityMention]) -> list[_ValueGroup]:
    """Connected groups of overlapping intervals, in ascending order."""
    groups: list[_ValueGroup] = []
    for q in sorted(mentions, key=lambda m: (m.low, m.high)):
        if groups and q.low <= groups[-1].high:
            groups[-1].high = max(groups[-1].high, q.high)
            groups[-1].mentions.append(q)
        else:
            groups.append(_ValueGroup(low=q.low, high=q.high, mentions=[q]))
    return groups


_DISCREPANCY = re.compile(
    r"\b(?:earlier|previous|initial|first|original)(?:ly)? report(?:s|ed)?\b|"
    r"\b(?:revised|corrected)\b|\binstead of\b|\brather than\b",
    re.IGNORECASE,
)


def _one_per_sentence(mentions: list[QuantityMention]) -> list[QuantityMention]:
    """The largest of the figures each sentence gives for a slot. One sentence with two figures
    for a slot lists parts or compares ("189 people, including 65 in tornadoes and 3 who
    drowned"; "1,042 arrests, 754 fewer than a year before"): it does not disagree with itself,
    and its total is the figure to set against other reports."""
    largest: dict[Span, QuantityMention] = {}
    for q in mentions:
        if q.sentence not in largest or q.high > largest[q.sentence].high:
            largest[q.sentence] = q
    kept = set(map(id, largest.values()))
    # unless the sentence itself sets one report against another ("only two bombers died,
    # compared with earlier reports that all three did")
    return [q for q in mentions if id(q) in kept or _DISCREPANCY.search(q.context)]


def _conflict(topic: str, groups: list[_ValueGroup], rank: dict[str, int]) -> Conflict:
    values = []
    latest: list[dt.date | None] = []
    for group in groups:
        mentions = sorted(group.mentions, key=lambda m: (rank[m.span.source], m.span.start))
        exact = [m for m in mentions if not m.vague] or mentions
        # who gave the figure is read from the passage shown, never from another source's
        # sentence: a name beside words it did not say would misattribute them
        shown = exact[0]
        value = shown.value
        sources = tuple(dict.fromkeys(m.span.source for m in mentions))
        evidence: list[Span] = []
        for m in mentions:
            if m.sentence not in evidence:
                evidence.append(m.sentence)
        dates = [m.as_of for m in mentions if m.as_of]
        as_of = max(dates) if dates else None
        latest.append(as_of)
        values.append(
            ConflictValue(
                value=int(value) if float(value).is_integer() else value,
                text=shown.context,
                sources=tuple(sorted(sources, key=rank.__getitem__)),
                attributed_to=shown.attributed_to,
                as_of=as_of,
                evidence=tuple(evidence),
            )
        )
    note = None
    if len(values) > 4:
        note = "many different figures: they may count different places, dates or events"
    known = [(d, v) for d, v in zip(latest, values, strict=True) if d is not None]
    if note is None and len({d for d, _ in known}) > 1:
        newest_date, newest = max(known, key=lambda pair: pair[0])
        note = f"later report: {newest.value} as of {newest_date.isoformat()}"
    return Conflict(topic=topic, kind="number", values=tuple(values), note=note)
