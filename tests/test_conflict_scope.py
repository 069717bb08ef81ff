"""Figures that look alike but are not the same thing, from false conflicts seen on DUC clusters.

Each case runs a few short reports through the whole pipeline: the figures that must stay apart
(a war of the past, the parts of a crash's toll, what a country needs against what it harvested,
an incident without a place reported two weeks later, a search going on over days), and, beside most, the same reports changed so that they do disagree.
"""

from __future__ import annotations

import datetime as dt

from newsfuse import Article, brief

from .conftest import assert_spans_valid

DAY = dt.date(1998, 12, 5)


def _brief(resources, texts: list[str], days: list[dt.date] | None = None):
    days = days or [DAY] * len(texts)
    articles = [Article(text=t, published=d) for t, d in zip(texts, days, strict=True)]
    return brief(articles, resources=resources)


def _values(result) -> list[set]:
    return [{v.value for v in c.values} for c in result.conflicts]


def test_a_toll_of_world_war_ii_is_not_a_toll_of_the_story(resources):
    texts = [
        "Troops massacred more than 40 East Timorese in the village last month, a bishop said.",
        "He said 40,000 East Timorese were killed by Japanese soldiers during World War II.",
    ]
    assert _values(_brief(resources, texts)) == []
    changed = [texts[0], "Troops massacred 80 East Timorese in the village, the army said."]
    assert _values(_brief(resources, changed)) == [{40, 80}]


def test_those_aboard_and_those_on_the_ground_are_parts_of_the_toll(resources):
    texts = [
        "The Concorde crashed outside Paris, killing all 109 people on board and four people "
        "on the ground.",
        "The crash killed 113 people, investigators said on Monday.",
    ]
    result = _brief(resources, texts)
    assert _values(result) == []
    assert_spans_valid(result)


def test_a_need_and_a_harvest_are_different_figures(resources):
    texts = [
        "North Korea needs a minimum of 4.5 million tons of grain to feed its 23 million "
        "people, the World Food Program said.",
        "North Korea harvested only 3 million tons of grain this year, leaving its 23 million "
        "people short of food.",
    ]
    assert _values(_brief(resources, texts)) == []
    same_verb = [
        texts[1],
        "North Korea harvested 2.5 million tons of grain this year, leaving its 23 million "
        "people short of food, the agency said.",
    ]
    assert _values(_brief(resources, same_verb)) == [{2_500_000, 3_000_000}]


def test_an_unplaced_tally_reported_weeks_later_is_another_incident(resources):
    texts = [
        "The government said two prominent dissidents were arrested this week.",
        "Police have detained at least ten dissidents in the eastern city of Hangzhou, a "
        "rights group reported.",
    ]
    later = [DAY, DAY + dt.timedelta(days=13)]
    assert _values(_brief(resources, texts, later)) == []
    same_day = [DAY, DAY + dt.timedelta(days=1)]
    assert _values(_brief(resources, texts, same_day)) == [{2, 10}]


def test_a_search_going_on_over_two_days_has_no_date_conflict(resources):
    texts = [
        "Chechen security forces were still searching today for the bodies of the four "
        "kidnapped foreigners.",
        "Chechen security forces were searching Friday for the bodies of the four kidnapped "
        "foreigners.",
    ]
    days = [dt.date(1998, 12, 10), dt.date(1998, 12, 12)]
    assert [c for c in _brief(resources, texts, days).conflicts if c.kind == "date"] == []


def test_values_one_report_gives_side_by_side_stay_out_and_the_rest_still_conflict(resources):
    texts = [
        "The storm killed 113 people, officials said. Rescuers said the storm had killed 40 "
        "people in one village alone.",
        "The storm killed 114 people, the government said.",
        "Officials said the storm killed 113 people.",
    ]
    result = _brief(resources, texts)
    assert _values(result) == [{113, 114}]
    assert_spans_valid(result)


def test_a_father_s_age_is_not_his_son_s_and_a_share_of_a_named_candidate_compares(resources):
    texts = [
        "The bombers were identified as Youssef Zughayer, 21, and Suleiman Tahayneh, 24.",
        "Mohammed Zughayar, the 54-year-old father of Yusef Ali Mohammed Zughayar, 22, wept.",
        "Putin won the election with 52.9 percent, the commission said on Monday.",
        "Putin won the election with 53 percent, the commission said on Monday.",
    ]
    result = _brief(resources, texts)
    assert sorted(map(sorted, _values(result))) == [[21, 22], [52.9, 53]]
    assert_spans_valid(result)
