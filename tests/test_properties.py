"""Properties of the whole pipeline on generated inputs: every span resolves, JSON round-trips."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from newsfuse import Article, Brief, brief
from newsfuse.render.json import load_schema

from .conftest import assert_spans_valid

SENTENCES = [
    "Rescue teams reached the villages on Tuesday, officials said.",
    "More than 200 families spent two nights without shelter.",
    '"We have lost everything," said Ana Ruiz.',
    "The army sent four helicopters and a convoy of trucks.",
    "Photo: Jane Doe/Reuters",
    "© AFP 2023",
    "Related article: Floods again",
    "By John Roe",
    "State of emergency",
]

paragraph = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join)
noise = st.text(alphabet=st.sampled_from("ab É.,\n—“”'\"-"), max_size=40)
article_text = st.lists(st.one_of(paragraph, noise), min_size=1, max_size=6).map("\n\n".join)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(article_text, min_size=1, max_size=4))
def test_every_span_resolves_and_json_round_trips(resources, texts):
    result = brief([Article(text=t, language="en") for t in texts], resources=resources)
    assert_spans_valid(result)
    data = json.loads(result.to_json())
    Draft202012Validator(load_schema()).validate(data)
    assert Brief.from_json(result.to_json()) == result
    assert len(result.sources) + len(result.problems) >= len(texts)
    for source in result.sources:
        assert source.text == source.text.strip() and source.text
