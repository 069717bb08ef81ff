from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.extract.quantities import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "vague"),
    [
        ("eight", 8, 8, 8, False),
        ("19 million", 19_000_000, 19_000_000, 19_000_000, False),
        ("1,000", 1000, 1000, 1000, False),
        ("two thousand five hundred", 2500, 2500, 2500, False),
        ("dozens", 24, 24, 99, True),
        ("hundreds", 200, 200, 999, True),
        ("tens of thousands", 20_000, 20_000, 199_999, True),
        ("several thousand", 3000, 3000, 9000, True),
        ("two dozen", 24, 24, 24, False),
        ("a dozen", 12, 12, 12, False),
        ("several dozen", 36, 36, 108, True),
    ],
)
def test_parse_number(text, value, low, high, vague):
    assert parse_number(text) == (value, low, high, vague)


def _read(resources, text):
    return find_quantities("S1", resources.nlp(text), (), dt.date(2023, 5, 2))


def test_counted_group_event_qualifier_and_source(resources):
    (q,) = _read(
        resources, "At least 12 police officers were killed in Lagos on Monday, the army said."
    )
    assert (q.value, q.qualifier, q.low, q.high) == (12, "at least", 12, 15)
    assert (q.group, q.event, q.place) == ("security forces", "killed", "Lagos")
    assert q.attributed_to == "army" and q.text == "At least 12"


def test_a_number_of_dozens_is_one_figure(resources):
    (q,) = _read(resources, "Police have briefly detained more than two dozen members.")
    assert (q.value, q.low, q.qualifier) == (24, 24, "more than")
    assert q.text == "more than two dozen"


def test_an_increment_is_a_part_and_a_margin_is_a_comparison(resources):
    (other,) = _read(resources, "Three other party members were also detained on Monday.")
    (more,) = _read(resources, "Six more crows found dead there were also infected.")
    (total,) = _read(resources, "Police detained 12 members of the party on Monday.")
    assert other.partitive and more.partitive and not total.partitive
    share, _range_start, lead = _read(
        resources,
        "Polls put his support at 50 percent, 10 percent to 30 percent ahead of his rival.",
    )
    assert not share.compared and lead.compared and lead.value == 30
    (margin,) = _read(resources, "The storm killed 20 more than the flood of 1997.")
    assert margin.compared and not margin.partitive


def test_figures_sharing_a_noun_through_coordination(resources):
    found = _read(
        resources,
        "About 300 protesters had been detained and nearly 40 hospitalised, according to the "
        "health ministry.",
    )
    detained, hospitalised = found
    assert (detained.group, detained.event, detained.low, detained.high) == (
        "protesters",
        "detained",
        270,
        330,
    )
    assert (hospitalised.group, hospitalised.event) == ("protesters", "hospitalised")
    assert detained.attributed_to == "health ministry"


def test_vague_quantities_and_population(resources):
    dozens, population = _read(
        resources,
        "Dozens of demonstrators were killed in the nation of 45 million, officials said.",
    )
    assert dozens.vague and (dozens.group, dozens.event) == ("protesters", "killed")
    assert (population.value, population.event) == (45_000_000, "population")


def test_part_of_a_group_is_partitive(resources):
    (total, part) = _read(resources, "Six soldiers were killed; two of the soldiers were beheaded.")
    assert not total.partitive and part.partitive


def test_units_are_measures_and_years_are_not_figures(resources):
    (distance,) = _read(resources, "The convoy drove 300 kilometers in 2019 to reach the camp.")
    assert (distance.value, distance.unit, distance.event, distance.group) == (
        300,
        "km",
        None,
        None,
    )


def test_measures_convert_to_one_unit_and_money_keeps_its_currency(resources):
    (depth,) = _read(resources, "The black boxes lie at a depth of 245 feet.")
    assert (depth.value, depth.unit) == (245, "m") and depth.scale == pytest.approx(0.3048)
    (aid,) = _read(resources, "President Bill Clinton ordered dlrs 30 million in equipment.")
    assert (aid.value, aid.unit, aid.measure) == (30_000_000, "USD", "equipment")
    (share,) = _read(resources, "Exports declined almost 3 percent last year.")
    assert (share.unit, share.measure, share.high) == ("percent", "export", 3)


def test_open_vocabulary_counts_read_what_they_count_and_of_whom(resources):
    (crew,) = _read(resources, "The 118-man crew of the Kursk died.")
    assert (crew.value, crew.measure, crew.about) == (118, "crew", "kursk")
    (members,) = _read(resources, "The submarine sank with 118 crew members aboard.")
    assert members.measure == "crew"


def test_ages_ratios_and_plans_are_told_apart(resources):
    (age,) = _read(resources, "Wang Youcai, 32, was sentenced on Monday.")
    assert (age.age, age.value, age.about) == (True, 32, "wang youcai")
    ratios = _read(resources, "One out of 10 children is affected.")
    assert ratios and all(q.rate for q in ratios)
    (scheduled,) = _read(resources, "The state is scheduled to execute eight more inmates.")
    assert scheduled.planned and scheduled.event is None


@pytest.mark.parametrize(
    "text",
    [
        "All 217 people aboard the Boeing 767-300 died when it plunged into the ocean.",
        "Flight 990 crashed into the ocean, killing 217.",
        "Valujet 592 crashed in the Everglades, killing 110 people.",
    ],
)
def test_numbers_that_name_a_plane_or_a_flight_are_not_counts(resources, text):
    found = _read(resources, text)
    assert [(q.value, q.event) for q in found if q.event] in ([(217, "killed")], [(110, "killed")])


@pytest.mark.parametrize(
    "text", ["Police said 300-400 people were detained.", "Police said 300 to 400 were detained."]
)
def test_a_range_is_one_figure(resources, text):
    (q,) = _read(resources, text)
    assert (q.low, q.high, q.event) == (300, 400, "detained")
    assert text[q.span.start : q.span.end] == q.text and q.text.startswith("300")


def test_a_sentence_that_is_a_list_of_numbers_reads_only_its_first_figures(resources):
    from newsfuse.extract.quantities import MAX_FIGURES_PER_SENTENCE, find_quantities

    text = "Call " + " ".join(f"{n} people" for n in range(100, 400)) + "."
    found = find_quantities("S1", resources.nlp(text))
    assert 0 < len(found) <= MAX_FIGURES_PER_SENTENCE


def test_an_age_before_a_name_in_digits_or_words(resources):
    (digits,) = _read(resources, "The custody fight over 6-year-old Elian Gonzalez went on.")
    (words,) = _read(
        resources, "The battle over six-year-old Cuban rafter Elian Gonzalez moved on."
    )
    assert (digits.age, digits.value, digits.about) == (True, 6, "elian gonzalez")
    assert (words.age, words.value, words.about) == (True, 6, "elian gonzalez")
