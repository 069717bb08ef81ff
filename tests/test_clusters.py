"""Conflicts beyond the example: real DUC clusters (read from ../shared at run time) and a
hand-written one, each unchanged and with one planted figure that must be found."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse import Article, brief

from .conftest import assert_spans_valid, duc_articles


def _cluster(name: str, cluster_id: str, limit: int) -> list[Article]:
    return duc_articles(name, cluster_id, limit=limit)


def _plant(articles: list[Article], index: int, old: str, new: str) -> list[Article]:
    assert old in articles[index].text
    changed = articles[index].model_copy(update={"text": articles[index].text.replace(old, new)})
    return [*articles[:index], changed, *articles[index + 1 :]]


def _topics(result):
    return {c.topic: c for c in result.conflicts}


FERRY = [
    (
        "DHAKA — At least 43 people drowned when an overcrowded ferry capsized on the Meghna "
        "river on Sunday, police said. Rescuers pulled 120 survivors from the water, and 20 "
        "passengers were still missing late on Sunday, the fire service said."
    ),
    (
        "A ferry carrying about 200 passengers sank in the Meghna river on Sunday. At least 43 "
        "people drowned, according to the police. The boat was heading to Chandpur when it was "
        "hit by a storm, survivors said."
    ),
    (
        "Police said 43 bodies had been recovered by Monday after the ferry capsized on Sunday. "
        "The government ordered an inquiry into the sinking and promised compensation to "
        "families of the dead."
    ),
]


@pytest.mark.parametrize(
    ("articles", "slot", "index", "old", "new", "values"),
    [
        pytest.param(
            lambda: _cluster("duc2006", "D0617", 7),
            "people killed",
            1,
            "217",
            "317",
            {217, 317},
            id="EgyptAir-990-crash",
        ),
        pytest.param(
            lambda: _cluster("duc2004", "d31022", 6),
            "people killed",
            0,
            "at least 60",
            "at least 90",
            {60, 90},
            id="Goteborg-dance-hall-fire",
        ),
        pytest.param(
            lambda: [Article(text=t, published=dt.date(2023, 3, 6)) for t in FERRY],
            "people killed",
            1,
            "At least 43",
            "At least 31",
            {31, 43},
            id="ferry-fixture",
        ),
    ],
)
def test_planted_conflict_is_found_and_absent_without_it(
    resources, articles, slot, index, old, new, values
):
    original = articles()
    unchanged = brief(original, resources=resources)
    # the cluster may hold a real conflict in the slot already (Göteborg: police reported 65
    # dead, then backed off to 60), never one with the planted figure
    before = _topics(unchanged).get(slot)
    assert before is None or not values <= {v.value for v in before.values}, before
    planted = brief(_plant(original, index, old, new), resources=resources)
    conflict = _topics(planted).get(slot)
    assert conflict is not None, list(_topics(planted))
    assert values <= {v.value for v in conflict.values}
    changed_source = f"S{index + 1}"
    assert any(changed_source in v.sources for v in conflict.values)
    assert_spans_valid(planted)
