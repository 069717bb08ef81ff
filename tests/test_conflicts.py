"""Conflicts are only claimed between figures that can count the same thing.

Each case is a small set of reports run through the whole pipeline: figures that must not be
set against each other (different places, rates, projections, plane and flight numbers), and,
beside each, the same reports with one figure changed so that they do disagree.
"""

from __future__ import annotations

import datetime as dt

from newsfuse import Article, brief

from .conftest import assert_spans_valid

DAY = dt.date(1998, 8, 10)


def _brief(resources, texts: list[str]):
    return brief([Article(text=t, published=DAY) for t in texts], resources=resources)


def _values(result, topic: str) -> list[set[float]]:
    return [{v.value for v in c.values} for c in result.conflicts if c.topic == topic]


EMBASSIES = [
    "A truck bomb outside the U.S. Embassy in Nairobi killed 247 people on Friday, Kenyan "
    "officials said. Rescue teams worked through the night.",
    "A bomb at the U.S. Embassy in Dar es Salaam killed 10 people on Friday, police said. The "
    "blast destroyed part of the building.",
    "Friday's bombing killed 247 people and injured more than 5,000, officials said. The "
    "United States offered a reward for information.",
]


def test_a_toll_that_names_no_place_is_not_set_against_one_of_two_places(resources):
    result = _brief(resources, EMBASSIES)
    assert _values(result, "people killed") == []
    assert_spans_valid(result)


def test_two_tolls_for_the_same_place_still_conflict(resources):
    texts = [
        *EMBASSIES,
        "The bomb at the U.S. Embassy in Dar es Salaam killed 11 people, the "
        "Tanzanian police said on Saturday.",
    ]
    result = _brief(resources, texts)
    assert _values(result, "people killed") == [{10, 11}]
    (conflict,) = result.conflicts
    assert all("Dar es Salaam" in v.text for v in conflict.values)


HEAT = [
    "The heat wave killed 500 people in Chicago last week, the city's health department said.",
    "About 2,000 to 3,000 Americans die each year from heat stress, a researcher said.",
    "Hotter summers would lead to thousands of extra deaths by 2050, the report warned.",
    "Researchers said the heat wave killed 500 people in Chicago.",
]


def test_rates_ranges_and_projections_do_not_dispute_a_toll(resources):
    result = _brief(resources, HEAT)
    assert result.conflicts == ()


def test_a_changed_toll_beside_them_is_still_found(resources):
    result = _brief(resources, [*HEAT[:3], "Researchers said the heat wave killed 700 people."])
    assert _values(result, "people killed") == [{500, 700}]


CRASH = [
    "All 217 people aboard the Boeing 767-300 died when it plunged into the Atlantic on "
    "Sunday, officials said.",
    "EgyptAir Flight 990 crashed into the ocean on Sunday, killing 217. Investigators "
    "searched for the flight recorders.",
    "The crash of the Boeing 767 killed 217 people, the airline said.",
]


def test_plane_and_flight_numbers_are_not_tolls(resources):
    result = _brief(resources, CRASH)
    assert result.conflicts == ()
    killed = _brief(resources, [*CRASH[:2], "The crash of the Boeing 767 killed 199 people."])
    assert _values(killed, "people killed") == [{199, 217}]


def test_a_population_is_compared_only_for_one_named_place(resources):
    result = _brief(
        resources,
        [
            "Syracuse, a city of 163,000, lies in upstate New York. The talks were held there.",
            "The reservation is home to a population of 12,000 in a state of 480,000 people.",
        ],
    )
    assert _values(result, "population") == []


def test_no_one_is_not_a_figure(resources):
    result = _brief(
        resources,
        [
            "No one was arrested at the protest in Hong Kong on Sunday, police said.",
            "Police arrested four people at the protest in Hong Kong on Sunday.",
        ],
    )
    assert _values(result, "people detained") == []


def test_figures_of_one_sentence_do_not_disagree(resources):
    listing = (
        "The storms killed 189 people, including 65 in southeastern tornadoes, 3 who drowned "
        "in Michigan and 2 in a Minnesota tornado, the report said."
    )
    assert _values(_brief(resources, [listing]), "people killed") == []
    # the same toll given differently by another report is a disagreement, with the total
    other = "The storms killed 150 people across the country, officials said."
    assert _values(_brief(resources, [listing, other]), "people killed") == [{150, 189}]
    # a sentence that sets one report against another is a disagreement on its own
    corrected = (
        "The report said only two suicide bombers died in the blast, compared with earlier "
        "reports that all three bombers died."
    )
    assert _values(_brief(resources, [corrected]), "bomber killed") == [{2, 3}]


def test_a_hyphenated_number_word_is_one_figure(resources):
    result = _brief(
        resources,
        [
            "Thirty-nine drug traffickers were arrested in Guangdong on Monday, police said.",
            "Police arrested 41 drug traffickers in Guangdong on Monday, a newspaper said.",
        ],
    )
    assert _values(result, "trafficker detained") == [{39, 41}]
