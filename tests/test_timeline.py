"""Which dates date an event: the timeline reads each time expression off a real parse."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.extract import parse_sources
from newsfuse.extract.dates import find_time_expressions, reference_day
from newsfuse.segment import segment_text
from newsfuse.timeline import dated_clauses

# a Wednesday
PUBLISHED = dt.date(2000, 11, 1)


def _dated(resources, text: str, published: dt.date = PUBLISHED):
    """(date expression, dated passage) for each clause the text's dates date."""
    sentences = segment_text(text)
    doc = next(parse_sources([text], [sentences], resources.nlp))
    mentions = find_time_expressions("S1", text, sentences, published)
    found = dated_clauses(mentions, doc)
    for item in found:
        # every entry points at the cleaned text it quotes
        assert text[item.evidence.start : item.evidence.end] == item.text
        assert text[item.mention.span.start : item.mention.span.end] == item.mention.text
    return [(item.mention.text, item.mention.date, item.text) for item in found]


@pytest.mark.parametrize(
    "text",
    [
        # the date belongs to a noun that is no participant of the clause's event
        "Prosecutors charged him under a 1966 law that bans such groups.",
        # a date after "since" or "before" dates a state around it, no event
        "The two countries had suspended talks since 1986.",
        "The court tried crimes committed before 1978.",
        # a question reports nothing
        "Did anybody in the cabinet blink today?",
        '"But the kids today?" he said. "I do not know what they think."',
        # what the reporter tried and did not get
        "Executives at both companies did not return calls Thursday.",
        "Financial terms of the deal could not be determined Wednesday.",
        # a state said of "today" is no event
        "Yet today one of the last signs of British rule remains in the harbour.",
        # a publication's date is its issue's
        "The minister gave the interview to a paper in Wednesday's edition.",
        # "today" with the present perfect: how things stand now
        "Today, scientists have identified some patterns of brain abnormalities.",
        # the start of a period
        "Between June 1999 and last month, the state saw a rise in gun crime.",
        # a year that ends a period or sets a target
        "The agreement in Dayton secures jobs until 2000, the union said.",
        "The country aims to raise the number of solar workers to 70,000 by 2010.",
        # an answer that did not come
        "Although union leaders had no immediate reaction today, they met.",
    ],
)
def test_dates_that_date_no_event_make_no_timeline_entry(resources, text):
    assert _dated(resources, text) == []


@pytest.mark.parametrize(
    ("text", "expression", "date", "words"),
    [
        # the date of a participant is its clause's: the crash happened on Oct. 31
        ("The crash on Oct. 31 killed all 217 people aboard.", "Oct. 31", "2000-10-31", "killed"),
        # the occasion of the clause, through a preposition on the verb
        (
            "During Friday's debate, a handful of senators walked out.",
            "Friday",
            "2000-10-27",
            "walked out",
        ),
        (
            "At a cabinet session on Oct. 27, the premier said he would resign.",
            "Oct. 27",
            "2000-10-27",
            "said",
        ),
        (
            "After an unusual Sunday trial, the dissident was sentenced to 11 years.",
            "Sunday",
            "2000-10-29",
            "sentenced",
        ),
        # a year before the noun of the occasion dates what happened at it
        (
            "In the 1996 World Series, the manager started Fielder at first base.",
            "1996",
            "1996",
            "started",
        ),
        # a deadline or an end is a day of the timeline
        (
            "A state of emergency will be in effect until Nov. 19.",
            "Nov. 19",
            "2000-11-19",
            "state of emergency",
        ),
        # a part of the day keeps its date: "Monday night" is Monday's
        ("Rebels shelled the town Monday night.", "Monday night", "2000-10-30", "shelled"),
    ],
)
def test_the_date_of_a_participant_or_an_occasion_dates_the_event(
    resources, text, expression, date, words
):
    dated = _dated(resources, text)
    assert [(e, d) for e, d, _ in dated] == [(expression, date)]
    assert words in dated[0][2]


def test_a_verb_takes_the_nearest_date_not_the_one_of_a_noun_after_it(resources):
    text = "The crew will enter the tunnel Friday to prepare for the arrival in 2001."
    dated = _dated(resources, text)
    assert [(e, d) for e, d, _ in dated] == [("Friday", "2000-11-03")]


def test_a_weekday_that_opens_a_clause_about_the_future_is_the_next_one():
    text = "Friday they will again enter the building."
    (found,) = find_time_expressions("S1", text, segment_text(text), PUBLISHED)
    assert found.date == "2000-11-03"


@pytest.mark.parametrize(
    "text",
    [
        "The hotline is staffed Monday-Friday by volunteers.",
        "The office is open from Monday to Friday.",
        "Tours run Tuesday through Sunday.",
    ],
)
def test_a_span_of_weekdays_names_no_day(text):
    assert find_time_expressions("S1", text, segment_text(text), PUBLISHED) == []


def test_the_dateline_s_day_is_the_day_the_report_counts_from():
    thursday = dt.date(2000, 11, 2)
    # an agency's copy filed on Wednesday Nov. 1 and printed a day later
    assert reference_day("WASHINGTON, Nov. 1 (Xinhua)", thursday) == dt.date(2000, 11, 1)
    text = "The senate passed the bill today."
    (found,) = find_time_expressions(
        "S1", text, segment_text(text), reference_day("WASHINGTON, Nov. 1", thursday)
    )
    assert found.date == "2000-11-01"


@pytest.mark.parametrize(
    "dateline",
    [None, "WASHINGTON", "WASHINGTON, Oct. 1", "BEIJING, Nov. 31"],
)
def test_a_dateline_without_a_near_day_leaves_the_publication_date(dateline):
    thursday = dt.date(2000, 11, 2)
    assert reference_day(dateline, thursday) == thursday
    assert reference_day("WASHINGTON, Nov. 1", None) is None


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        # a date of a relative clause or of a noun's phrase, beside a clause with its own date
        (
            "Mourners gathered Sunday outside the house where the deputy was shot on Friday night.",
            "Sunday",
        ),
        (
            "The summit was expected to end Friday with a plan for carrying out the 1997 treaty.",
            "Friday",
        ),
    ],
)
def test_a_date_told_in_passing_does_not_date_the_sentence_s_event(resources, text, expression):
    assert [e for e, _, _ in _dated(resources, text)] == [expression]


def test_a_date_in_a_relative_clause_shows_the_noun_and_its_clause(resources):
    text = "Ana Petrova, who won the European Cup on July 15, was not a medalist in Sydney."
    (dated,) = _dated(resources, text, dt.date(2000, 9, 26))
    assert dated[:2] == ("July 15", "2000-07-15")
    assert dated[2] == "Ana Petrova, who won the European Cup on July 15"
