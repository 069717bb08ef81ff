"""dates: time expressions in news text, resolved against the source's publication date.

Why not dateparser alone: measured here, relative to Thursday 2022-01-06 dateparser 1.5 puts
"Thursday" on 2021-12-30 and "January 19" / "Jan. 19" in 2021, and finds nothing in "early
Thursday". News uses its own conventions, so these rules are ours (each tested):

- a weekday names the publication day itself or the most recent such day before it;
- "today", "tonight", "this morning" are the publication day; "yesterday", "last night",
  "overnight" the day before;
- a month and day without a year is the occurrence nearest the publication date, except that
  one more than a month ahead needs a clause that looks ahead ("is scheduled to begin March 18");
  otherwise it is the one before ("killing all 217 people on Oct. 31", published in August);
  "last year" / "next year" after it move it a year;
- day-part words ("early", "late", "later on", "night", "afternoon") do not move the date; they
  are kept as the mention's ``part_of_day``, which orders the events of one day.

dateparser reads the absolute forms that carry a year ("6 January 2022", "January 6, 2022") with
``RELATIVE_BASE`` set to the publication date and ``PREFER_DATES_FROM="current_period"``. Years
alone ("in 2019", "since 1989", "a 2020 law") resolve with year precision. Without a publication
date, relative expressions are found but not resolved: they stay off the timeline.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections.abc import Sequence

from ..model import DayPart, Sentence, Span, TimeMention
from .tense import DEADLINE, READ_BEFORE, before_of, looks_ahead, weekday_outlook

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip
_MONTH_ALT = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAYPART = r"(?P<daypart>morning|afternoon|evening|night)"
_LEAD = (
    r"(?:(?P<lead>(?i:early|late|later|earlier|in the (?P<hours>early|small) hours of))"
    r"\s+(?i:on\s+)?)?"
)

# "on October 31 last year": the year said in words, relative to the publication year
_YEAR_WORD = r",?\s+(?P<year_word>last|this|next)\s+year\b"
#: a year written after a month ("May 16, 1868", "October 1898"): any from 1000 to 2099, since
#: the month says it is one; a bare number is taken for a year only from 1900 (see ``year``)
_FULL_YEAR = r"(?:1\d|20)\d{2}"
_YEAR_OFFSET = {"last": -1, "this": 0, "next": 1}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "month_day",
        re.compile(
            rf"\b(?P<month>{_MONTH_ALT})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            # "May 4-5, 1999": a range of days keeps the year that follows it
            rf"(?P<range>\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?\b)?"
            rf"(?:,?\s+(?P<year>{_FULL_YEAR})\b|{_YEAR_WORD})?"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})"
            rf"(?:,?\s+(?P<year>{_FULL_YEAR})\b|{_YEAR_WORD})?"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b{_LEAD}(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            rf"(?:\s+{_DAYPART})?\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<relative>today|tonight|this (?:morning|afternoon|evening)|yesterday|"
            r"last night|overnight|(?:early|late) (?:this|last) (?:morning|night))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month_year",
        re.compile(rf"\b(?:in\s+)?(?P<month>{_MONTH_ALT})\s+(?P<year>{_FULL_YEAR})\b"),
    ),
    (
        "year",
        re.compile(
            r"(?:\b(?P<prep>in|since|until|by|from|before|after)\s+|(?<=\ba )|(?<=\bthe ))?"
            r"\b(?P<year>(?:19|20)\d{2})\b(?![\d,.]\d)"
        ),
    ),
)

# the part of the day an expression names: a weekday's lead or day part ("early", "afternoon"),
# or a relative expression; "earlier" names none (earlier than the report, not in the day)
_PART_OF: dict[str, DayPart] = {
    "early": "early", "morning": "morning", "afternoon": "afternoon", "later": "later",
    "evening": "evening", "late": "late", "night": "night",
    "tonight": "night", "this morning": "morning", "this afternoon": "afternoon",
    "this evening": "evening", "last night": "night", "overnight": "night",
    "early this morning": "early", "late this morning": "morning", "early last night": "night",
    "late last night": "late",
}  # fmt: skip

_OFFSET_OF = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "overnight": -1, "early this morning": 0,
    "late this morning": 0, "early last night": -1, "late last night": -1,
}  # fmt: skip


def resolve_weekday(
    name: str, published: dt.date, *, future: bool = False, nearest: bool = False
) -> dt.date | None:
    """The publication day itself or the most recent day of that name before it; with
    ``future``, the publication day or the next day of that name after it; with ``nearest``,
    whichever of the two lies closer (three days back at most). None when that day falls off
    the calendar (a report dated 0001-01-01 or 9999-12-31)."""
    target = _WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    if future or (nearest and back > 3):
        return _shifted(published, (target - published.weekday()) % 7)
    return _shifted(published, -back)


def _shifted(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days``, or None past the ends of the calendar (years 1 and 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


# how far ahead of publication a month and day may lie when nothing in its clause looks ahead:
# "the Jan. 10 vote" in a report of Jan. 6 is days away, but "killed 217 people on Oct. 31" in a
# report of August is last October's crash, not one to come
_AHEAD_UNMARKED = dt.timedelta(days=31)


def resolve_month_day(
    month: int, day: int, published: dt.date, *, future: bool = False
) -> dt.date | None:
    """The occurrence of month/day nearest the publication date (within half a year); one more
    than a month ahead only when ``future`` (its clause looks ahead), else the one before."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not future:
        kept = [d for d in candidates if d - published <= _AHEAD_UNMARKED]
        candidates = kept or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - published).days))


def _absolute(text: str, published: dt.date | None) -> dt.date | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "current_period", "REQUIRE_PARTS": ["day", "month", "year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text.replace(".", " "), languages=["en"], settings=settings)
    return parsed.date() if parsed else None


#: How far a dateline's day may lie from the publication date and still be the report's day
#: (an agency's copy filed on the evening of April 4 is often dated April 5 where it is printed).
DATELINE_REACH = dt.timedelta(days=3)
_DATELINE_DAY = re.compile(rf"\b(?P<month>{_MONTH_ALT})\s+(?P<day>\d{{1,2}})\b")


def reference_day(dateline: str | None, published: dt.date | None) -> dt.date | None:
    """The day the report's own "today" and weekdays count from: the day its dateline gives
    ("WASHINGTON, April 4 (Xinhua)" in a copy dated April 5) when that is near the publication
    date, else the publication date."""
    match = _DATELINE_DAY.search(dateline or "")
    month = _MONTHS.get(match.group("month").lower().rstrip(".")) if match else None
    if published is None or match is None or month is None:
        return published
    day = resolve_month_day(month, int(match.group("day")), published)
    if day is None or abs(day - published) > DATELINE_REACH:
        return published
    return day


def find_time_expressions(
    source_id: str, text: str, sentences: Sequence[Sentence], published: dt.date | None
) -> list[TimeMention]:
    """Every time expression in ``text`` with its resolved date (None when unresolvable)."""
    found: list[TimeMention] = []
    for sentence in sentences:
        chunk = text[sentence.start : sentence.end]
        # the spans already taken in this sentence, sorted and disjoint (looked up by bisection:
        # a scan of them all for each match grew with the square of a sentence of dates)
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(chunk):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if _overlaps(taken, start, end):
                    continue
                if kind == "relative" and _used_as_adjective(chunk, match):
                    continue
                if _names_no_day(kind, chunk, match):
                    continue
                resolved = _resolve(kind, match, published)
                if resolved is None and kind == "year":
                    continue
                date, precision = resolved if resolved else (None, None)
                insort(taken, (start, end))
                found.append(
                    TimeMention(
                        span=Span(source=source_id, start=start, end=end),
                        text=match.group(0),
                        date=date,
                        precision=precision,
                        sentence=Span(source=source_id, start=sentence.start, end=sentence.end),
                        part_of_day=_part_of_day(kind, match),
                    )
                )
    found.sort(key=lambda m: m.span.start)
    return found


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``taken`` (disjoint spans, sorted): only the span
    before the insertion point and the one at it can."""
    at = bisect_left(taken, (start, -1))
    return (at > 0 and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end)


def _part_of_day(kind: str, match: re.Match[str]) -> DayPart | None:
    if kind == "relative":
        said = match.group("relative")
    elif kind == "weekday":
        said = match.group("daypart") or ("early" if match.group("hours") else match.group("lead"))
    else:
        return None
    return _PART_OF.get(" ".join((said or "").lower().split()))


_AFTER_ADVERB = frozenset(
    "on in at to and as after before but when while the a an with by for from amid".split()
)


def _used_as_adjective(chunk: str, match: re.Match[str]) -> bool:
    """'an overnight curfew' names no time: the word qualifies the noun after it."""
    if match.group(0).lower() != "overnight":
        return False
    following = re.match(r"\s+([a-z]+)", chunk[match.end() :])
    return bool(following) and following.group(1) not in _AFTER_ADVERB


# a weekday or date that is part of a name ("Saturday Night Live", "the Sunday Times", "the June
# 12 Tribune") or a year in a parenthesis of years ("Pinochet (1973-1990)", a person's dates)
_NAME_AFTER = re.compile(rf"^\s+(?!{_MONTH_ALT}\b)[A-Z][a-z]")
_PUBLICATION = re.compile(
    r"^\s+(?:Tribune|Times|Post|Journal|Herald|Gazette|News|Globe|Chronicle|Telegraph|Guardian|"
    r"Observer|Star|Sun|Daily|edition|issue)\b"
)
_PERIOD_AFTER = re.compile(r"^\s*(?:[-–]|to|and|through)\s*(?:19|20)?\d{2}\b")
_PERIOD_BEFORE = re.compile(
    r"\b(?:(?:19|20)\d{2}\s*(?:[-–]|to\s|through\s|thru\s)|"
    r"(?:between|from)\s+(?:19|20)\d{2}\s+(?:and|to|through|until))"
    r"\s*$",
    re.IGNORECASE,
)
_YEARS_ONLY = re.compile(r"\(\s*(?:born\s+|b\.\s*)?[\d\s,–-]*\)")


# "staffed Monday-Friday", "from Monday to Friday": a span of weekdays names no one day
_WEEKDAY_ALT = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_RANGE_AFTER = re.compile(rf"^\s*(?:[-–]|to|through|thru)\s*{_WEEKDAY_ALT}\b")
_WEEKDAY_RANGE_BEFORE = re.compile(rf"\b{_WEEKDAY_ALT}\s*(?:[-–]|to|through|thru)\s*$")


def _names_no_day(kind: str, chunk: str, match: re.Match[str]) -> bool:
    """Whether the match names a programme, a paper, a span of weekdays or a person's years,
    not a time."""
    after = chunk[match.end() :]
    if kind == "weekday":
        if _WEEKDAY_RANGE_AFTER.match(after) or _WEEKDAY_RANGE_BEFORE.search(
            chunk, max(0, match.start() - 20), match.start()
        ):
            return True
        return bool(_NAME_AFTER.match(after)) and not match.group("daypart")
    if kind in ("month_day", "day_month"):
        return chunk[: match.start()].endswith("the ") and bool(_PUBLICATION.match(after))
    if kind == "year":
        # "the 1973-1990 regime", "prime minister from 1979-90", "between 1973 and 1983": a
        # period, whose first year dates nothing that happened in the sentence
        if _PERIOD_AFTER.match(after) or _PERIOD_BEFORE.search(chunk[: match.start()]):
            return True
        opening = chunk.rfind("(", 0, match.start())
        closing = chunk.find(")", match.end())
        if opening < 0 or closing < 0 or chunk.find(")", opening, match.start()) >= 0:
            return False
        return bool(_YEARS_ONLY.fullmatch(chunk[opening : closing + 1]))
    return False


# "Friday night (May 21)", "on Friday, May 21": the date given beside a weekday is its date
_DATE_BESIDE = re.compile(
    rf"^(?:\s+{_DAYPART})?\s*[,(]\s*(?P<month>{_MONTH_ALT})\s+(?P<day>\d{{1,2}})\b"
)


def _resolve(kind: str, match: re.Match[str], published: dt.date | None):
    groups = match.groupdict()
    if kind in ("month_day", "day_month"):
        month = _MONTHS.get(groups["month"].lower().rstrip("."))
        day = int(groups["day"])
        if month is None or not 1 <= day <= 31:
            return None
        if groups.get("year"):
            said = match.group(0).replace(groups.get("range") or "", "")
            date = _absolute(said, published)
            if date is None:
                try:
                    date = dt.date(int(groups["year"]), month, day)
                except ValueError:
                    return None
            return date.isoformat(), "day"
        if published is None:
            return None
        if groups.get("year_word"):
            try:
                year = published.year + _YEAR_OFFSET[groups["year_word"].lower()]
                return dt.date(year, month, day).isoformat(), "day"
            except ValueError:
                return None
        before = before_of(match)
        # the end of the text before the match only: a search of all of it, for every match,
        # grew with the square of a sentence of dates
        deadline = DEADLINE.search(match.string, max(0, match.start() - READ_BEFORE), match.start())
        future = looks_ahead(before) or bool(deadline)
        date = resolve_month_day(month, day, published, future=future)
        return (date.isoformat(), "day") if date else None
    if kind == "weekday":
        if published is None:
            return None
        beside = _DATE_BESIDE.match(match.string[match.end() : match.end() + 40])
        month = _MONTHS.get(beside.group("month").lower().rstrip(".")) if beside else None
        if beside and month:
            date = resolve_month_day(month, int(beside.group("day")), published, future=True)
            if date is not None:
                return date.isoformat(), "day"
        seen = weekday_outlook(match)
        day = resolve_weekday(
            groups["weekday"], published, future=seen == "future", nearest=seen == "nearest"
        )
        return (day.isoformat(), "day") if day else None
    if kind == "relative":
        if published is None:
            return None
        offset = _OFFSET_OF.get(" ".join(groups["relative"].lower().split()), 0)
        day = _shifted(published, offset)
        return (day.isoformat(), "day") if day else None
    if kind == "month_year":
        month = _MONTHS.get(groups["month"].lower().rstrip("."))
        return (f"{int(groups['year']):04d}-{month:02d}", "month") if month else None
    if kind == "year":
        year = int(groups["year"])
        # a bare four-digit number is a year only when introduced as one or plausibly recent
        introduced = groups.get("prep") or match.string.endswith(("a ", "the "), 0, match.start())
        if not introduced and (published is None or not 1900 <= year <= published.year + 1):
            return None
        return f"{year:04d}", "year"
    return None
