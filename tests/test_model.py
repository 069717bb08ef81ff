from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from newsfuse.model import Brief, Passage, Problem, Reuse, Source, Span, brief_json_schema
from newsfuse.render.json import load_schema


def test_shipped_schema_is_the_models_schema():
    # Regenerate with: python -c "from newsfuse.model import brief_json_schema; ..." (see docs)
    assert load_schema() == json.loads(json.dumps(brief_json_schema()))


def test_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(load_schema())


def test_span_rejects_empty_or_reversed_ranges():
    with pytest.raises(ValidationError):
        Span(source="S1", start=5, end=5)
    with pytest.raises(ValidationError):
        Span(source="S1", start=-1, end=3)


def test_records_are_frozen():
    span = Span(source="S1", start=0, end=3)
    with pytest.raises(ValidationError):
        span.start = 1  # type: ignore[misc]


def _source(sid: str, text: str) -> Source:
    return Source(
        id=sid,
        path=None,
        url=None,
        title=None,
        outlet=None,
        published=dt.date(2022, 1, 6),
        language="en",
        words=len(text.split()),
        credits=("AFP",),
        text=text,
    )


texts = st.text(min_size=2, max_size=200)


@given(texts, texts, st.floats(min_value=0, max_value=1))
def test_brief_round_trips_through_json_and_validates(a, b, share):
    brief = Brief(
        generator="newsfuse test",
        sources=(_source("S1", a), _source("S2", b)),
        reuse=(
            Reuse(
                sources=("S1", "S2"),
                share=share,
                passages=(
                    Passage(
                        text=a[:2],
                        evidence=(
                            Span(source="S1", start=0, end=2),
                            Span(source="S2", start=0, end=2),
                        ),
                    ),
                ),
            ),
        ),
        problems=(Problem(path="x.txt", error="x.txt is empty."),),
    )
    again = Brief.from_json(brief.to_json())
    assert again == brief
    Draft202012Validator(load_schema()).validate(json.loads(brief.to_json()))


def test_brief_quote_and_unknown_source():
    brief = Brief(generator="t", sources=(_source("S1", "hello world"),))
    assert brief.quote(Span(source="S1", start=6, end=11)) == "world"
    with pytest.raises(KeyError, match="known: S1"):
        brief.source("S9")
