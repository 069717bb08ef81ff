"""Story clustering rules on small hand-built texts, and the in-memory grouping."""

from __future__ import annotations

import datetime as dt

from newsfuse.corpus import group_texts
from newsfuse.settings import Settings
from newsfuse.stories import (
    StoryState,
    choose_story,
    fingerprints_of,
    name_keys,
    profile_of,
    weigh,
)

WIRE = (
    "The ferry carrying more than three hundred passengers capsized in heavy seas off the "
    "northern coast late on Tuesday, and coastguard vessels pulled survivors from the water "
    "through the night while relatives gathered at the harbour."
)


def test_a_word_that_only_opens_sentences_is_not_a_name():
    keys = name_keys("Officials met in Nairobi. Officials said Hun Sen had left. Rain fell.")
    assert "officials" not in keys and "rain" not in keys
    assert keys["nairobi"] == 1
    assert keys["hun sen"] == 1 and keys["sen"] == 1  # the surname of a full name too


def test_shared_passages_share_fingerprints_and_unrelated_texts_do_not():
    settings = Settings()
    one = fingerprints_of("Earlier today. " + WIRE, settings)
    two = fingerprints_of(WIRE + " The minister resigned.", settings)
    other = fingerprints_of(
        "Parliament voted on the budget after a long debate about taxes on fuel and the "
        "pensions of teachers, nurses and soldiers who served abroad in the last decade.",
        settings,
    )
    assert set(one) & set(two)
    assert not set(one) & set(other)


def test_the_prior_weighs_a_rare_word_above_a_common_one_from_the_first_article():
    profile = profile_of("The government said Tokayev spoke. Tokayev and the government.", None)
    vector = weigh(profile.terms, {}, 1, profile.prior)
    assert vector["w:tokayev"] > vector["w:govern"]


def _story(story_id: int, last: dt.date, terms: dict[str, float]) -> StoryState:
    return StoryState(id=story_id, size=3, first=last, last=last, terms=terms, names={})


def test_choose_story_by_wire_copy_window_and_threshold():
    settings = Settings()
    day = dt.date(2022, 1, 6)
    terms = {"w:ferri": 0.8, "w:capsiz": 0.6}
    near = _story(1, day, {"w:ferri": 1.0, "w:capsiz": 1.0})
    stale = _story(2, day - dt.timedelta(days=settings.story_idle_days + 1), dict(near.terms))
    unrelated = _story(3, day, {"w:budget": 1.0})
    assert choose_story(terms, {}, day, [near], {}, settings).story == 1
    assert choose_story(terms, {}, day, [stale], {}, settings).reason == "new"
    assert choose_story(terms, {}, day, [unrelated], {}, settings).story is None
    # a long shared passage decides even when the words do not
    wired = choose_story(terms, {}, day, [unrelated], {3: settings.story_wire_words}, settings)
    assert (wired.story, wired.reason) == (3, "wire")
    # an article from before a story's first one is held to the same window
    early = day - dt.timedelta(days=settings.story_idle_days + 2)
    assert choose_story(terms, {}, early, [near], {}, settings).story is None


FERRY = (
    "Le ferry Estrella, qui transportait 312 passagers, a chaviré mardi au large de Brest. "
    "Les garde-côtes de Brest ont repêché 280 survivants, selon la préfecture maritime de Brest. "
    "Le capitaine du ferry Estrella a été interrogé par les gendarmes."
)
FERRY_LATER = (
    "Naufrage de l'Estrella: la préfecture maritime de Brest annonce 280 survivants et 32 disparus. "
    "Le ferry Estrella avait quitté Brest lundi soir avec 312 passagers à bord. "
    "Les familles attendent des nouvelles au port de Brest."
)
BUDGET = (
    "Le Parlement a adopté le budget de l'État après un long débat sur les impôts. "
    "Le ministre des Finances, Bruno Lemaire, a salué un vote historique à Paris. "
    "L'opposition dénonce une hausse des taxes sur le carburant."
)


def test_non_english_reports_are_grouped_too():
    day = dt.date(2023, 3, 7)
    groups = group_texts([(FERRY, day, "fr"), (BUDGET, day, "fr"), (FERRY_LATER, day, "fr")])
    assert sorted(groups) == [[0, 2], [1]]
