"""tense: whether the clause around a date speaks of the past, the future, or a future seen from
the past, read from the words between the clause's start and the date.

A weekday or a month and day without a year names one of several days; which one depends on
how its clause looks at it. News reports past events by weekday ("stormed the building on
Wednesday"), so the default is the last one before publication. Words of the future ("will",
"is expected to", "is supposed to") make it the next one. A future reported from the past ("said
he would see Demirel Monday", "was expected to meet ... Friday", "had been called to meet
Tuesday", "a report scheduled for release Tuesday") names a day close to when it was said, which
is close to the report: the nearer of the two.

Regular expressions, not the parse: dates are read before parsing (``find_time_expressions``
runs on every text, English or not, and its results feed the parse's readers).
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["DEADLINE", "READ_BEFORE", "before_of", "looks_ahead", "weekday_outlook"]

Outlook = Literal["past", "future", "nearest"]

#: How much of the text before a date its clause is read for (a clause of news is shorter).
READ_BEFORE = 100

# markers of the future between the clause's start and the date ("are expected to refloat the
# ferry on Thursday", "Erez is supposed to talk Tuesday", "a report to be released Tuesday");
# "next" unless "next to"
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|(?:is|are|am)\s+(?:(?:now|still|also)\s+)?(?:expected|due|set|"
    r"scheduled|going|planning|supposed|planned|slated|to)\b|plans\s+to|next(?!\s+to\b)|"
    r"upcoming|to\s+be\s+\w+(?:ed|en))\b|['’]ll\b",
    re.IGNORECASE,
)
# a future seen from the past: "would", "was expected to", "had been called to", or a bare
# participle of planning ("a report scheduled for release Tuesday")
_PAST_FUTURE = re.compile(
    r"\b(?:would|(?:was|were)\s+(?:(?:now|still|also)\s+)?(?:expected|due|set|scheduled|"
    r"going|planning|supposed|planned|slated|to)|had\s+been\s+(?:called|scheduled|set|asked|"
    r"invited|told)|(?:scheduled|slated|planned|set|due)\s+(?:for|to)|planned\s+to)\b",
    re.IGNORECASE,
)
# something that lasts now, up to the date: "the conference continues through Wednesday"
_LASTS_UNTIL = re.compile(
    r"\b(?:continues|runs|lasts|remains|stays|is\s+open|are\s+open)\s+"
    r"(?:\w+\s+)?(?:until|till|through|to)\s+$",
    re.IGNORECASE,
)
# a weekday that opens its clause, the future just after it: "Friday they will again enter",
# "On Saturday, Ross and Newman will conduct a photo survey", "Tuesday morning, the panel is to
# discuss", "Tuesday's listings, which will remain"
_FUTURE_AFTER = re.compile(
    r"(?:['’]s)?,?\s+(?:[\w'’]+,?\s+){0,3}(?:will|won't|shall|(?:is|are)\s+(?:to|expected\s+to|"
    r"scheduled\s+to|due\s+to|set\s+to)|plans?\s+to)\b|\s+\w+['’]ll\b",
    re.I,
)
# a statement made on the day: "announced Tuesday that the talks will begin" is past, whatever
# the statement looks ahead to
_TOLD_ON = re.compile(
    r"\b(?:said|announced|told|reported|declared|stated|added|confirmed|disclosed)\s+(?:on\s+)?$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;:—]|\b(?:but|and|after|before|since|when)\b")

# a date given as an end ("until March 31", "by March 31") is one the report looks ahead to; for
# weekdays these words alone do not say so ("the airport was closed until Monday")
DEADLINE = re.compile(r"\b(?:until|till|through|by)\s+$", re.IGNORECASE)


def before_of(match: re.Match[str]) -> str:
    """The text just before a match, as much as :func:`looks_ahead` reads."""
    return match.string[max(0, match.start() - READ_BEFORE) : match.start()]


def _clause_before(before: str) -> str:
    return _CLAUSE_BREAK.split(before[-READ_BEFORE:])[-1]


def looks_ahead(before: str) -> bool:
    """Whether the clause that ends with a date speaks of the future."""
    return bool(_FUTURE.search(_clause_before(before)))


def weekday_outlook(match: re.Match[str]) -> Outlook:
    """How the clause of a weekday looks at it: from now ahead, from the past ahead, or back."""
    before = before_of(match)
    if _TOLD_ON.search(before):
        return "past"
    ahead = _FUTURE_AFTER.match(match.string, match.end(), match.end() + 40)
    if looks_ahead(before) or ahead or _LASTS_UNTIL.search(before):
        return "future"
    if _PAST_FUTURE.search(_clause_before(before)):
        return "nearest"
    return "past"
