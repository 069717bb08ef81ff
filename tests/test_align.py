"""Statement similarity: cosine plus the shared-name and shared-figure bonuses, for every pair."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.align import (
    _ENTITY_BONUS,
    _NUMBER_BONUS,
    PairScores,
    Statement,
    build_facts,
    content_stems,
    lexical_vectors,
    similarity,
)
from newsfuse.model import Span
from newsfuse.vectors import SMALL_BLOCK

from .conftest import plain_statement

NAMES = ["Tokayev", "CSTO", "Almaty", "Nazarbayev"]
WORDS = ["protest", "fuel", "price", "troops", "government", "resign", "airport", "killed"]


def statement(k: int, words: list[str], names: set[str], numbers: set[float]) -> Statement:
    text = " ".join(words)
    return Statement(
        span=Span(source=f"S{k % 3 + 1}", start=0, end=len(text)),
        text=text,
        stems=tuple(words),
        entities=frozenset(names),
        numbers=frozenset(numbers),
    )


statements = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
        st.sets(st.sampled_from(NAMES), max_size=2),
        st.sets(st.sampled_from([8.0, 18.0, 200.0]), max_size=2),
    ),
    min_size=1,
    max_size=12,
).map(lambda rows: [statement(k, *row) for k, row in enumerate(rows)])


@given(statements)
def test_bonuses_are_added_for_exactly_the_pairs_that_share(found):
    vectors = lexical_vectors(found)
    scores = similarity(found, vectors)
    cosine = vectors @ vectors.T
    for i, a in enumerate(found):
        for j, b in enumerate(found):
            expected = float(cosine[i, j])
            if i != j:
                expected += _ENTITY_BONUS * bool(a.entities & b.entities)
                expected += _NUMBER_BONUS * bool(a.numbers & b.numbers)
            assert np.isclose(scores[i, j], expected, atol=1e-6)


def test_a_shared_name_and_figure_lift_a_pair_above_one_without():
    found = [
        statement(0, ["troops", "airport"], {"Almaty"}, {8.0}),
        statement(1, ["troops", "airport"], {"Almaty"}, {8.0}),
        statement(2, ["troops", "airport"], set(), set()),
    ]
    scores = similarity(found, lexical_vectors(found))
    assert np.isclose(scores[0, 1] - scores[0, 2], _ENTITY_BONUS + _NUMBER_BONUS, atol=1e-6)
    assert np.isclose(scores[0, 0], scores[2, 2])  # no bonus with itself


def test_content_stems_fold_possessives_apostrophes_and_inflections():
    # outlets differ in apostrophes and word forms; the lexical measure must not
    assert content_stems("Kazakhstan’s") == content_stems("Kazakhstan's") == ("kazakhstan",)
    assert content_stems("the mayor’s office") == content_stems("mayors' offices")
    assert content_stems("rising prices") == content_stems("prices rise")[::-1]
    assert content_stems("The government resigned") == content_stems("government resignation")
    # stop words are dropped before stemming, whatever their case or apostrophe
    assert content_stems("It's THE one that was said") == ("one",)
    # newswire's month abbreviations are the months; the lowercase verb "mar" is not March
    assert content_stems("crashed Oct. 31") == content_stems("crashed October 31")
    assert content_stems("Sept. 4") == content_stems("Sep 4") == content_stems("September 4")
    assert content_stems("riots mar the day") != content_stems("riots March the day")


def test_a_fact_is_shown_by_a_statement_that_reads_on_its_own():
    texts = {
        "S1": "It imposes an overnight curfew and bans mass gatherings in Almaty.",
        "S2": "It imposes an overnight curfew and bans mass gatherings.",
        "S3": "The president imposed an overnight curfew and banned mass gatherings in Almaty.",
    }
    found = [plain_statement(sid, text) for sid, text in texts.items()]
    facts = build_facts(found, lexical_vectors(found), [], list(texts))
    assert len(facts) == 1 and set(facts[0].sources) == set(texts)
    # the two dangling statements are the closest pair, yet the fact reads on its own
    assert facts[0].text == texts["S3"]


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
            st.sets(st.sampled_from(NAMES), max_size=2),
            st.sets(st.sampled_from([8.0, 18.0, 200.0]), max_size=2),
        ),
        min_size=40,
        max_size=60,
    ).map(lambda rows: [statement(k, *row) for k, row in enumerate(rows)])
)
@settings(max_examples=20, deadline=None)
def test_large_and_small_blocks_and_the_pairs_above_a_cut_agree(found):
    scores = PairScores(found, lexical_vectors(found))
    every = list(range(len(found)))
    full = scores.block(every, every)  # over SMALL_BLOCK cells: sparse products
    assert len(found) ** 2 > SMALL_BLOCK
    for rows in (every[:5], every[7:30:3]):
        assert np.allclose(
            scores.block(rows, every[:20]), full[np.ix_(rows, every[:20])], atol=1e-6
        )
    listed = {(i, j) for _, i, j in scores.above(0.4)}
    expected = {(i, j) for i in every for j in every if i < j and full[i, j] >= 0.4 + 1e-6}
    assert expected <= listed
    assert all(full[i, j] >= 0.4 - 1e-6 for i, j in listed)
