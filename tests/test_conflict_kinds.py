"""Revisions told apart from disagreements, incidents kept apart, open-vocabulary slots, dates.

The clusters are made of real DUC articles, read from ../shared at run time (never copied), and
of hand-written reports where a case needs exact words."""

from __future__ import annotations

import datetime as dt

from newsfuse import Article, brief
from newsfuse.render import render

from .conftest import assert_spans_valid, duc_articles


def _documents(name: str, cluster_id: str, ids: list[str]) -> list[Article]:
    return duc_articles(name, cluster_id, ids=ids)


def test_a_toll_revised_over_days_is_one_revision_series_oldest_report_first(resources):
    # Hurricane Mitch's Honduran toll: 231 on 31 October and 1 November, then on 5 November
    # 6,076, "down from officials' earlier estimate of 7,000"
    articles = _documents(
        "duc2004", "d30002", ["APW19981031.0720", "APW19981101.0843", "APW19981105.1220"]
    )
    result = brief(articles, resources=resources)
    assert_spans_valid(result)
    killed = [
        c
        for c in result.conflicts
        if c.topic == "people killed" and any(v.value == 231 for v in c.values)
    ]
    assert len(killed) == 1, [(c.topic, [v.value for v in c.values]) for c in result.conflicts]
    (series,) = killed
    assert series.nature == "revision"
    values = [v.value for v in series.values]
    assert values.index(231) < values.index(7000) < values.index(6076)
    reported = [v.reported for v in series.values]
    assert reported == sorted(reported) and reported[0] == dt.date(1998, 10, 31)
    assert series.note and "6,076" in series.note


def test_two_incidents_of_one_kind_on_different_days_are_no_conflict(resources):
    # two policemen killed in Gudermes on a Sunday; three killed on a motorway two weeks later
    articles = _documents("duc2006", "D0616", ["APW20000417.0152", "XIE20000503.0214"])
    result = brief(articles, resources=resources)
    assert not [c for c in result.conflicts if c.topic == "security forces killed"]


def _reports(*texts: str, start: dt.date = dt.date(2024, 3, 4)) -> list[Article]:
    return [
        Article(path=f"r{n}.txt", text=text, published=start + dt.timedelta(days=n))
        for n, text in enumerate(texts)
    ]


def test_same_day_reports_of_different_figures_are_a_disagreement(resources):
    articles = _reports(
        "The cargo ship Amber Star sank off the coast with 24 crew members aboard, the coast "
        "guard said. Rescuers searched the cold water through the night.",
        "The cargo ship Amber Star sank off the coast with 31 crew members aboard, the owners "
        "said. Rescuers searched the cold water through the night.",
    )
    articles = [a.model_copy(update={"published": dt.date(2024, 3, 4)}) for a in articles]
    result = brief(articles, resources=resources)
    crew = [c for c in result.conflicts if c.topic.startswith("crew")]
    assert len(crew) == 1, [c.topic for c in result.conflicts]
    assert crew[0].nature == "disagreement"
    assert {v.value for v in crew[0].values} == {24, 31}
    for value in crew[0].values:
        assert value.reported == dt.date(2024, 3, 4)
    assert_spans_valid(result)


def test_ratios_plans_and_parts_fill_no_slot(resources):
    articles = _reports(
        "One out of 10 children in the province is malnourished, the agency said. The state is "
        "scheduled to execute eight more inmates this year.",
        "One out of 5 children in the province is malnourished, the agency said. The state "
        "executed three inmates last year.",
    )
    result = brief(articles, resources=resources)
    assert result.conflicts == ()


def test_a_person_s_age_spelled_two_ways_is_one_slot(resources):
    articles = _reports(
        "The bomber, Yusef Ali Mohammed Zughayar, 22, came from a village near Jenin, police said.",
        "The bomber was identified as Youssef Zughayer, 21, from a village near Jenin.",
    )
    result = brief(articles, resources=resources)
    ages = [c for c in result.conflicts if c.topic.startswith("age of")]
    assert len(ages) == 1 and {v.value for v in ages[0].values} == {21, 22}


def test_two_reports_that_put_one_event_on_different_days_conflict_on_the_date(resources):
    articles = _reports(
        "The ferry Mariana capsized in the Padma river on Sunday near the town of Aricha, "
        "leaving dozens of passengers missing.",
        "The ferry Mariana capsized in the Padma river on Saturday near the town of Aricha, "
        "officials said.",
        start=dt.date(2024, 3, 12),
    )
    articles = [a.model_copy(update={"published": dt.date(2024, 3, 12)}) for a in articles]
    result = brief(articles, resources=resources)
    dates = [c for c in result.conflicts if c.kind == "date"]
    assert len(dates) == 1
    assert {v.value for v in dates[0].values} == {"2024-03-09", "2024-03-10"}
    assert_spans_valid(result)


def test_a_planned_day_is_not_set_against_the_day_it_happened(resources):
    articles = _reports(
        "The new airport in Hong Kong would open on Sunday after years of work, officials said.",
        "The new airport in Hong Kong opened on Tuesday after years of work.",
    )
    result = brief(articles, resources=resources)
    assert not [c for c in result.conflicts if c.kind == "date"]


def test_summary_flags_disputed_figures_and_renders_both_kinds(resources):
    articles = _documents(
        "duc2004", "d30002", ["APW19981031.0720", "APW19981101.0843", "APW19981105.1220"]
    )
    result = brief(articles, resources=resources)
    for sentence in result.summary:
        kinds = {result.conflicts[k].nature for k in sentence.conflicts}
        assert sentence.contested == ("disagreement" in kinds)
        if sentence.latest:
            assert "revision" in kinds and "later revised to" in sentence.latest
    markdown = render(result, "md")
    assert "revised as reports came in:" in markdown
    html = render(result, "html")
    assert 'class="conflict revision"' in html


def test_a_revision_told_by_the_text_needs_no_publication_dates(resources):
    articles = [
        Article(
            path="a.txt", text="The storm killed 20 people in Riverton on Monday, police said."
        ),
        Article(
            path="b.txt", text="The death toll in Riverton rose to 35 on Tuesday, police said."
        ),
    ]
    result = brief(articles, resources=resources)
    (toll,) = result.conflicts
    assert toll.nature == "revision" and [v.value for v in toll.values] == [20, 35]
    assert all(v.reported is None for v in toll.values)
    assert toll.note == "revised: 35 in the last report"
    assert_spans_valid(result)
