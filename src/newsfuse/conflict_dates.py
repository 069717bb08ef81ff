"""conflict_dates: two reports that put the same event on different days.

The unit is a dated clause (``timeline.DatedClause``): a clause of one source that a time
expression dates to a day. Two clauses of different sources tell of one event when they share
at least ``MIN_SHARED`` content words and ``SAME_EVENT_SHARE`` of the words of both (stricter
than the timeline's merging, since here they are set against each other); their days conflict
when they differ by at most ``MAX_DAYS`` (further apart, the same words tell of a recurring event:
talks that resumed, a court that sat again).

Not compared: what a source says it will do or was to do ("would open Sunday", "is scheduled to
meet Tuesday": a plan is not a date of an event), what someone said on a day (a statement is
made again and again), and an event one source itself dates to two days (it happened twice).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from .linking import linked_groups
from .model import Conflict, ConflictValue, Span
from .timeline import DatedClause

MIN_SHARED = 3
SAME_EVENT_SHARE = 0.5
MAX_DAYS = 7
_PLANNED = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|was to|were to|scheduled|expected|set to|plans? to|"
    r"planned|due to|intends? to|hopes? to|could|may|might)\b",
    re.IGNORECASE,
)
#: telling and reporting next to the day: "officials said Saturday", "told reporters on
#: Monday", "in a statement Tuesday" date a statement, made again and again, not the event
_TELLING = re.compile(
    r"\b(?:said|says|say|told|tells|announced|reported|reports|stated|added|quoted|statement|"
    r"interview|conference|briefing)\W+(?:\w+\W+){0,2}$"
)
_TELLING_AFTER = re.compile(r"^\W*(?:\w+\W+){0,1}(?:said|says|told|announced|reported)\b")


def find_date_conflicts(
    dated: Sequence[DatedClause],
    rank: Mapping[str, int],
    published: Mapping[str, dt.date | None],
) -> list[Conflict]:
    """Events that two or more sources date to different days, as conflicts of kind date."""
    clauses = [d for d in dated if _comparable(d)]
    linked = _events(clauses)
    conflicts = []
    for event in linked:
        by_day: dict[str, list[DatedClause]] = defaultdict(list)
        for clause in event:
            by_day[clause.mention.date].append(clause)  # type: ignore[index]
        if len(by_day) < 2 or _dated_twice_by_one(by_day):
            continue
        conflicts.append(_conflict(by_day, rank, published))
    return conflicts


#: a day after these bounds a span of time ("by Thursday, 2,000 had been detained"): no event's
_BOUNDING = re.compile(
    r"\b(?:by|as of|until|till|since|before|after|from|through|between|and|or|to)"
    r"(?:\s+(?:the|late|early|last))*\s*$",
    re.IGNORECASE,
)
#: going on: "troops continued attacks on Friday" and "on Tuesday" are both right, and so are
#: "police were searching Wednesday" and "were still searching today" (read from the text:
#: "still" and "again" are stop words, left out of a clause's stems)
_ONGOING = re.compile(
    r"\b(?:continu\w*|kept|keeps?|keeping|remain\w*|still|resum\w*|again|"
    r"(?:is|are|was|were|been)\s+(?:\w+ly\s+)?\w+ing)\b",
    re.IGNORECASE,
)


def _comparable(clause: DatedClause) -> bool:
    if clause.mention.precision != "day" or clause.mention.date is None:
        return False
    at = clause.mention.span.start - clause.evidence.start
    before = clause.text[: max(0, at)]
    after = clause.text[max(0, at + len(clause.mention.text)) :]
    return (
        not _PLANNED.search(clause.text)
        and not _BOUNDING.search(before)
        and not _TELLING.search(before[-60:])
        and not _TELLING_AFTER.search(after[:40])
        and not _ONGOING.search(clause.text)
    )


def _same_event(a: DatedClause, b: DatedClause) -> bool:
    """Enough words in common, both ways; one passage run again by another outlet a day later
    ("they got pounded yesterday") is the same report with its relative day read twice."""
    if " ".join(a.text.split()) == " ".join(b.text.split()):
        return False
    shared = len(a.words & b.words)
    return shared >= MIN_SHARED and shared / len(a.words | b.words) >= SAME_EVENT_SHARE


def _days_apart(a: DatedClause, b: DatedClause) -> int:
    first = dt.date.fromisoformat(a.mention.date)  # type: ignore[arg-type]
    second = dt.date.fromisoformat(b.mention.date)  # type: ignore[arg-type]
    return abs((first - second).days)


def _events(clauses: list[DatedClause]) -> list[list[DatedClause]]:
    """Clauses linked into events where two of different sources tell of the same one."""

    def one_event(a: DatedClause, b: DatedClause) -> bool:
        return (
            a.mention.span.source != b.mention.span.source
            and _days_apart(a, b) <= MAX_DAYS
            and _same_event(a, b)
        )

    events = linked_groups(clauses, one_event)
    return [e for e in events if len({c.mention.span.source for c in e}) > 1]


def _dated_twice_by_one(by_day: Mapping[str, list[DatedClause]]) -> bool:
    """One source gives the event two days: it tells of two occurrences, not a dispute."""
    days_of: dict[str, set[str]] = defaultdict(set)
    for day, clauses in by_day.items():
        for clause in clauses:
            days_of[clause.mention.span.source].add(day)
    return any(len(days) > 1 for days in days_of.values())


def _conflict(
    by_day: Mapping[str, list[DatedClause]],
    rank: Mapping[str, int],
    published: Mapping[str, dt.date | None],
) -> Conflict:
    values = []
    for day, clauses in sorted(by_day.items()):
        clauses = sorted(clauses, key=lambda c: (rank[c.mention.span.source], c.evidence.start))
        sources = tuple(dict.fromkeys(c.mention.span.source for c in clauses))
        evidence: list[Span] = []
        for clause in clauses:
            if clause.evidence not in evidence:
                evidence.append(clause.evidence)
        reported = [d for d in (published.get(s) for s in sources) if d is not None]
        values.append(
            ConflictValue(
                value=day,
                text=clauses[0].text,
                sources=tuple(sorted(sources, key=rank.__getitem__)),
                attributed_to=None,
                as_of=None,
                evidence=tuple(evidence),
                reported=min(reported) if reported else None,
            )
        )
    shortest = min((c for cs in by_day.values() for c in cs), key=lambda c: len(c.text))
    topic = f"date of: {' '.join(shortest.text.split())[:80]}"
    return Conflict(topic=topic, kind="date", values=tuple(values), note=None)
