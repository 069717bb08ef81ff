"""conflict_values: the differing values of one slot, as a Conflict a reader can weigh.

The figures of a slot fall into groups of compatible values (intervals that overlap: "more than
1,000" and "about 1,000" agree). Two or more groups make a conflict, and what kind:

- a **revision** when the groups follow one another in the reports' publication dates: every
  report of one value came out before every report of the next, so each later figure superseded
  the one before (a death toll rising as bodies are found, a crew count corrected on the second
  day). Its values are listed oldest report first and the note names the latest figure.
- a **disagreement** otherwise: different figures for the same thing at the same time (two
  reports of one day, or an older figure still given after a newer one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .model import Conflict, ConflictValue, QuantityMention, Span


@dataclass
class ValueGroup:
    """Figures whose intervals overlap: one value as far as a reader is concerned."""

    low: float
    high: float
    mentions: list[QuantityMention] = field(default_factory=list)


def scaled(q: QuantityMention) -> tuple[float, float]:
    """The figure's interval in its slot's base unit ('30 feet' in metres)."""
    return q.low * q.scale, q.high * q.scale


def value_groups(mentions: Sequence[QuantityMention]) -> list[ValueGroup]:
    """The values a slot's figures give, in ascending order. Exact figures ("36", "38") are a
    group each; a qualified or vague one ("at least 36") joins the exact group its interval
    holds nearest, so that it cannot bridge two exact figures that differ; qualified figures
    that hold no exact one form groups of overlapping intervals."""
    exact: list[ValueGroup] = []
    loose: list[QuantityMention] = []
    for q in sorted(mentions, key=scaled):
        low, high = scaled(q)
        if low != high or q.vague:
            loose.append(q)
        elif exact and _near(exact[-1].high, low, q):
            exact[-1].mentions.append(q)
        else:
            exact.append(ValueGroup(low=low, high=high, mentions=[q]))
    unplaced: list[QuantityMention] = []
    for q in loose:
        low, high = scaled(q)
        holding = [g for g in exact if low <= g.high and g.low <= high]
        if holding:
            stated = q.value * q.scale  # "at least 21" is nearest 21, then 24
            min(holding, key=lambda g: abs(g.low - stated)).mentions.append(q)
        else:
            unplaced.append(q)
    groups = exact + _interval_groups(unplaced)
    return sorted(groups, key=lambda g: (g.low, g.high))


def _near(previous: float, value: float, q: QuantityMention) -> bool:
    """An exact value equal to the group's; a measure converted from another unit is as exact
    as its rounding (30 feet is 9.1 m, and "nine metres" is the same length)."""
    slack = 0.05 * value if q.scale != 1.0 else 0.0
    return value - slack <= previous


def _interval_groups(mentions: Sequence[QuantityMention]) -> list[ValueGroup]:
    """Connected groups of overlapping intervals."""
    groups: list[ValueGroup] = []
    for q in sorted(mentions, key=scaled):
        low, high = scaled(q)
        if groups and low <= groups[-1].high:
            groups[-1].high = max(groups[-1].high, high)
            groups[-1].mentions.append(q)
        else:
            groups.append(ValueGroup(low=low, high=high, mentions=[q]))
    return groups


_DISCREPANCY = re.compile(
    r"\b(?:earlier|previous|initial|first|original)(?:ly)?(?: had)? (?:report|estimate|figure|"
    r"toll)(?:s|ed)?\b|\b(?:revised|corrected|backed off)\b|\binstead of\b|\brather than\b",
    re.IGNORECASE,
)


def undistinguished(groups: Sequence[ValueGroup]) -> list[ValueGroup]:
    """The values that no one report gives side by side, beginning with the one most sources
    give: a writer who states 10,000 residents fled and 72,000 people were evacuated means two
    things (a place and the country, a part and its total), not a dispute with themself, so
    neither of the two is set against the other; a third report's 70,000 still is.

    A report's values are its sentences' (one a sentence, ``one_per_sentence``), except those
    of a sentence that itself sets one report against another ("revised", "earlier reports")."""
    values_of: dict[str, set[int]] = defaultdict(set)
    for n, group in enumerate(groups):
        for m in group.mentions:
            if not _DISCREPANCY.search(m.context):
                values_of[m.span.source].add(n)
    apart: dict[int, set[int]] = defaultdict(set)
    for given in values_of.values():
        for n in given:
            apart[n] |= given - {n}

    def support(n: int) -> tuple[int, int, float]:
        sources = {m.span.source for m in groups[n].mentions}
        return -len(sources), -len(groups[n].mentions), groups[n].low

    kept: list[int] = []
    for n in sorted(range(len(groups)), key=support):
        if not apart[n] & set(kept):
            kept.append(n)
    return [groups[n] for n in sorted(kept)]


def one_per_sentence(mentions: Sequence[QuantityMention]) -> list[QuantityMention]:
    """The largest of the figures each sentence gives for a slot. One sentence with two figures
    for a slot lists parts or compares ("189 people, including 65 in tornadoes and 3 who
    drowned"; "1,042 arrests, 754 fewer than a year before"): it does not disagree with itself,
    and its total is the figure to set against other reports."""
    largest: dict[Span, QuantityMention] = {}
    for q in mentions:
        if q.sentence not in largest or scaled(q)[1] > scaled(largest[q.sentence])[1]:
            largest[q.sentence] = q
    kept = set(map(id, largest.values()))
    # unless the sentence itself sets one report against another ("only two bombers died,
    # compared with earlier reports that all three did")
    return [q for q in mentions if id(q) in kept or _DISCREPANCY.search(q.context)]


def build_conflict(
    topic: str,
    groups: Sequence[ValueGroup],
    rank: Mapping[str, int],
    published: Mapping[str, dt.date | None],
) -> Conflict:
    """The conflict of a slot's value groups: a revision or a disagreement, its values with the
    sources, who gave each figure, as of when, when it was first reported, and the evidence."""
    values = [_value(group, rank, published) for group in groups]
    revision = _is_revision(groups, published) or _told_as_revision(groups)
    if revision:
        # oldest report first; of one day's, the figure a sentence names as what was before
        # ("down from an earlier estimate of 7,000") before the one it gives now
        earlier = {id(v) for v, g in zip(values, groups, strict=True) if _named_before(g)}
        values.sort(
            key=lambda v: (v.reported or dt.date.min, id(v) not in earlier, rank[v.sources[0]])
        )
    note = None
    if revision:
        latest = values[-1]
        when = f" as of {latest.reported.isoformat()}" if latest.reported else " in the last report"
        note = f"revised: {latest.value:,}{when}"
    elif len(values) > 4:
        note = "many different figures: they may count different places, dates or events"
    else:
        known = [(v.as_of, v) for v in values if v.as_of is not None]
        if len({d for d, _ in known}) > 1:
            newest_date, newest = max(known, key=lambda pair: pair[0])
            note = f"later report: {newest.value} as of {newest_date.isoformat()}"
    nature = "revision" if revision else "disagreement"
    return Conflict(topic=topic, kind="number", values=tuple(values), note=note, nature=nature)


def _value(
    group: ValueGroup, rank: Mapping[str, int], published: Mapping[str, dt.date | None]
) -> ConflictValue:
    mentions = sorted(group.mentions, key=lambda m: (rank[m.span.source], m.span.start))
    exact = (
        [m for m in mentions if m.low == m.high and not m.vague]
        or [m for m in mentions if not m.vague]
        or mentions
    )
    # who gave the figure is read from the passage shown, never from another source's sentence:
    # a name beside words it did not say would misattribute them
    shown = exact[0]
    sources = tuple(dict.fromkeys(m.span.source for m in mentions))
    evidence: list[Span] = []
    for m in mentions:
        if m.sentence not in evidence:
            evidence.append(m.sentence)
    dates = [m.as_of for m in mentions if m.as_of]
    reported = [d for d in (published.get(s) for s in sources) if d is not None]
    return ConflictValue(
        value=int(shown.value) if float(shown.value).is_integer() else shown.value,
        text=shown.context,
        sources=tuple(sorted(sources, key=rank.__getitem__)),
        attributed_to=shown.attributed_to,
        as_of=max(dates) if dates else None,
        evidence=tuple(evidence),
        reported=min(reported) if reported else None,
    )


_REVISING = re.compile(
    r"\b(?:revised|corrected|lowered|raised|updated|(?:rose|risen|climbed|jumped|increased|"
    r"dropped|fell|fallen) to|up from|down from|backed off|earlier (?:had )?"
    r"(?:estimate|figure|toll|report)(?:s|ed)?)\b",
    re.IGNORECASE,
)


def _told_as_revision(groups: Sequence[ValueGroup]) -> bool:
    """A sentence that says the figure was revised ("lowered the toll from 7,000 to 6,100",
    "the toll rose to 357")."""
    return any(_REVISING.search(m.context) for g in groups for m in g.mentions)


_BEFORE = re.compile(
    r"\b(?:from|earlier|previous(?:ly)?|initial(?:ly)?|original(?:ly)?|first)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


def _named_before(group: ValueGroup) -> bool:
    """The group's figures are given as what was before: "down from officials' earlier
    estimate of 7,000", "lowered the toll from 7,000"."""
    for m in group.mentions:
        before = m.context[: max(0, m.span.start - m.sentence.start)]
        if _BEFORE.search(before[-60:]):
            return True
    return False


def _is_revision(groups: Sequence[ValueGroup], published: Mapping[str, dt.date | None]) -> bool:
    """Whether the groups follow one another in publication: each group's reports all came out
    on days before the next group's first."""
    spans = []
    for group in groups:
        days = [published.get(m.span.source) for m in group.mentions]
        if any(d is None for d in days):
            return False
        spans.append((min(days), max(days)))  # type: ignore[type-var]
    spans.sort()
    return all(earlier[1] < later[0] for earlier, later in pairwise(spans))
