from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.extract.dates import find_time_expressions, resolve_month_day, resolve_weekday
from newsfuse.segment import segment_text

THURSDAY = dt.date(2022, 1, 6)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thursday", "2022-01-06"),
        ("Wednesday", "2022-01-05"),
        ("Friday", "2021-12-31"),
        ("Monday", "2022-01-03"),
    ],
)
def test_weekday_is_the_publication_day_or_the_last_one_before(name, expected):
    assert resolve_weekday(name, THURSDAY).isoformat() == expected


def test_month_day_is_the_occurrence_nearest_publication():
    assert resolve_month_day(1, 19, THURSDAY) == dt.date(2022, 1, 19)
    assert resolve_month_day(12, 28, THURSDAY) == dt.date(2021, 12, 28)


# a report of Friday 11 August 2000, months after a crash of 31 October 1999
AUGUST = dt.date(2000, 8, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # past, more than a month ahead and nothing looks ahead: last October's, not the next
        ("The jet crashed on Oct. 31, killing all 217 people aboard.", "1999-10-31"),
        ("A co-pilot reported the sighting on October 31 last year.", "1999-10-31"),
        ("The 4 July last year report was ignored.", "1999-07-04"),
        # looking ahead, or close: the occurrence to come
        ("A salvage ship is scheduled to begin the task Oct. 18.", "2000-10-18"),
        ("The panel must report by Oct. 18.", "2000-10-18"),
        ("The hearing on Aug. 20 will be public.", "2000-08-20"),
        ("The vote on Aug. 20 decides it.", "2000-08-20"),
        # nearest when behind: this March, not next March
        ("The ban ran until March 31.", "2000-03-31"),
    ],
)
def test_month_day_without_a_year_is_not_put_in_a_future_the_text_does_not_speak_of(text, expected):
    (found,) = find_time_expressions("S1", text, segment_text(text), AUGUST)
    assert found.date == expected
    assert text[found.span.start : found.span.end] == found.text


def _dates(text, published=THURSDAY):
    return [
        (m.text, m.date, m.precision)
        for m in find_time_expressions("S1", text, segment_text(text), published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He spoke early Thursday.", ("early Thursday", "2022-01-06", "day")),
        ("Troops fired late on Wednesday.", ("late on Wednesday", "2022-01-05", "day")),
        ("Crowds gathered last night.", ("last night", "2022-01-05", "day")),
        ("The curfew lasts until Jan. 19.", ("Jan. 19", "2022-01-19", "day")),
        ("The curfew lasts until January 19.", ("January 19", "2022-01-19", "day")),
        ("He has ruled since 1989.", ("since 1989", "1989", "year")),
        ("The vote was on 6 January 2021.", ("6 January 2021", "2021-01-06", "day")),
        ("Talks began in March 2020.", ("in March 2020", "2020-03", "month")),
    ],
)
def test_time_expressions_resolve(text, expected):
    assert expected in _dates(text)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("He spoke early Thursday.", "early"),
        ("He spoke in the early hours of Thursday.", "early"),
        ("Police fired on Wednesday afternoon.", "afternoon"),
        ("Later on Wednesday the alliance agreed.", "later"),
        ("Troops fired late on Wednesday.", "late"),
        ("Crowds gathered last night.", "night"),
        ("Dozens were killed overnight, police said.", "night"),
        ("The ministry spoke this morning.", "morning"),
        ("Protesters stormed the mayor's office on Wednesday.", None),
        ("Earlier on Wednesday the ministry spoke.", None),
        ("The curfew lasts until January 19.", None),
    ],
)
def test_the_part_of_the_day_is_kept_and_does_not_move_the_date(text, part):
    (found,) = find_time_expressions("S1", text, segment_text(text), THURSDAY)
    assert found.part_of_day == part
    assert found.date in ("2022-01-05", "2022-01-06", "2022-01-19")


def test_without_a_publication_date_relative_expressions_stay_unresolved():
    found = _dates("Protesters gathered on Wednesday, and in 2019 too.", published=None)
    assert ("Wednesday", None, None) in found
    assert ("in 2019", "2019", "year") in found


def test_adjectival_overnight_and_plain_numbers_are_not_dates():
    found = _dates("It imposes an overnight curfew on 2500 residents.")
    assert found == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # published on Thursday 2022-01-06
        ("Salvage teams are expected to refloat the ferry on Friday.", "2022-01-07"),
        ("The council will vote on Monday.", "2022-01-10"),
        ("Talks are due to resume next Tuesday.", "2022-01-11"),
        ("The minister says he'll resign on Saturday.", "2022-01-08"),
        ("The leaders will meet on Thursday.", "2022-01-06"),
        # the past, and the future seen from the past, stay before publication
        ("Protesters stormed the mayor's office on Wednesday.", "2022-01-05"),
        ("Police said they would reopen the road on Tuesday.", "2022-01-04"),
        ("The vote was expected to take place on Monday.", "2022-01-03"),
        (
            "Officials who will lead the inquiry arrived, and the talks began on Monday.",
            "2022-01-03",
        ),
        ("They announced a plan to rebuild the bridge on Monday.", "2022-01-03"),
        ("He stood next to the mayor on Tuesday.", "2022-01-04"),
        # the future right after a weekday that opens its clause, and a statement of the day
        ("After hearing the experts Tuesday morning, the panel is to vote.", "2022-01-11"),
        ("Tuesday's listings, which will remain in place, are drastic.", "2022-01-11"),
        ("Ottawa announced Tuesday that the talks will begin this month.", "2022-01-04"),
        ("The study, to be released Tuesday, names the plants.", "2022-01-11"),
    ],
)
def test_a_weekday_in_a_clause_that_looks_ahead_is_the_next_one(text, expected):
    (weekday,) = [d for _, d, _ in _dates(text)]
    assert weekday == expected


def test_a_date_beside_a_weekday_wins_over_the_weekday():
    published = dt.date(1999, 5, 18)  # a Tuesday: "Friday" alone would be 14 May
    text = "The vote is on Friday night (May 21)."
    found = find_time_expressions("S1", text, segment_text(text), published)
    assert {m.date for m in found} == {"1999-05-21"}


def test_a_range_of_days_keeps_its_year():
    text = "The talks were held on May 4-5, 1999 in Oslo."
    (found,) = find_time_expressions("S1", text, segment_text(text), dt.date(2000, 1, 3))
    assert (found.date, found.precision) == ("1999-05-04", "day")


@pytest.mark.parametrize(
    "text",
    [
        "Pinochet (1973-1990) was arrested in London.",
        "He was the guest host of Saturday Night Live.",
        "The claim first ran in the June 12 Tribune.",
    ],
)
def test_names_and_a_person_s_years_are_no_dates(text):
    assert find_time_expressions("S1", text, segment_text(text), dt.date(1998, 10, 20)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The 1973-1990 regime killed thousands.",
        "He was prime minister from 1979-90.",
        "Between 1973 and 1983 the economy grew.",
        "Pinochet ruled Chile from 1973 to 1990.",
        "She lived in a tent in the summers of 1992 through 1994.",
    ],
)
def test_a_period_of_years_dates_no_event(text):
    assert find_time_expressions("S1", text, segment_text(text), dt.date(1998, 10, 20)) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a future reported from the past names the nearer of the two days
        ("The premier said he would see the president Monday morning.", "1998-12-19", "1998-12-21"),
        (
            "The assembly had been called to meet Tuesday in the capital.",
            "1998-12-06",
            "1998-12-08",
        ),
        (
            "In a report scheduled for release Tuesday, the institute warns.",
            "1999-06-07",
            "1999-06-08",
        ),
        ("Police said they would reopen the road on Tuesday.", "2022-01-06", "2022-01-04"),
        # the future from now, and something that lasts up to the day
        ("The envoy is supposed to talk Tuesday to the opposition.", "1998-12-28", "1998-12-29"),
        ("The conference continues through Wednesday.", "2000-07-03", "2000-07-05"),
        ("On Saturday, the two astronauts will survey the hull.", "1998-12-09", "1998-12-12"),
        # reported as done: the day before
        ("The airport was closed until Monday.", "2022-01-06", "2022-01-03"),
    ],
)
def test_a_weekday_seen_from_the_past_or_from_now(text, published, expected):
    (weekday,) = [d for _, d, _ in _dates(text, dt.date.fromisoformat(published))]
    assert weekday == expected


def test_a_year_after_a_month_may_be_long_ago():
    assert _dates("Johnson was acquitted on May 16, 1868.") == [
        ("May 16, 1868", "1868-05-16", "day")
    ]
    assert _dates("In October 1898 troops landed.") == [("October 1898", "1898-10", "month")]
    assert _dates("The fleet had 1868 ships.") == []
