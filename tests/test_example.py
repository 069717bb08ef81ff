"""Golden checks on the bundled example corpus (five real reports, two carrying one AFP story)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from jsonschema import Draft202012Validator

from newsfuse.render.json import load_schema, render_json

from .conftest import assert_spans_valid, source_by_file

BOILERPLATE = [
    "People take part in a rally in Almaty last night.",
    "Source: Alamy Stock Photo",
    "A man walks his dog near a burntout car",
    "A man in Almaty photographs the windows of a police kiosk",
    "Support The Journal",
    "Your contributions will help us",
    "© AFP 2022",
    "AGENCIES",
    "Related article",
    "Kazakhstan Wakes Up",
    "A.In the face",
]


@pytest.mark.parametrize("fragment", BOILERPLATE)
def test_boilerplate_is_gone_from_every_cleaned_text(example_brief, fragment):
    for source in example_brief.sources:
        assert fragment not in source.text, (source.id, fragment)


def test_report_text_survives_cleaning(example_brief):
    assert source_by_file(example_brief, "003").text.startswith("In the face of the unrest")
    assert "Heavy gunfire echoed through the city." in source_by_file(example_brief, "004").text
    assert source_by_file(example_brief, "004").dateline == "MOSCOW"
    assert source_by_file(example_brief, "004").text.startswith("Troops from a Russia-led")


def test_no_sentence_is_cut_by_a_hard_wrap(example_brief):
    wrapped = source_by_file(example_brief, "001")
    assert "\n" not in wrapped.text.replace("\n\n", "")
    assert (
        "Kazakhstan's President Kassym-Jomart Tokayev said in an address to the nation early "
        "Thursday that he had appealed"
    ) in wrapped.text
    # every paragraph of the hard-wrapped report ends like a sentence
    for paragraph in wrapped.text.split("\n\n"):
        assert re.search(r"[.!?…][\"'”’)]*$", paragraph), paragraph


def test_afp_copies_are_one_wire_group(example_brief):
    s001, s002 = source_by_file(example_brief, "001"), source_by_file(example_brief, "002")
    shares = {frozenset(r.sources): r for r in example_brief.reuse}
    pair = shares[frozenset((s001.id, s002.id))]
    assert pair.share > 0.25
    assert pair.passages
    for passage in pair.passages:
        assert {span.source for span in passage.evidence} == {s001.id, s002.id}
        assert example_brief.quote(passage.evidence[0]) == passage.text
    others = [
        r for r in example_brief.reuse if frozenset(r.sources) != frozenset((s001.id, s002.id))
    ]
    assert all(r.share <= 0.05 for r in others), others
    assert [g.sources for g in example_brief.wire_groups] == [(s001.id, s002.id)]
    assert "AFP" in s001.credits and "AFP" in s002.credits
    assert "Interfax" in s002.cited_agencies and "Interfax" not in s002.credits


def test_manifest_dates_and_ids(example_brief):
    assert [s.id for s in example_brief.sources] == ["S1", "S2", "S3", "S4", "S5"]
    assert all(s.published == dt.date(2022, 1, 6) for s in example_brief.sources)
    assert all(s.language == "en" for s in example_brief.sources)
    assert example_brief.problems == ()


def test_every_span_is_valid_and_json_validates(example_brief):
    assert assert_spans_valid(example_brief) >= 2
    data = json.loads(render_json(example_brief))
    Draft202012Validator(load_schema()).validate(data)
    assert data["schema_version"] == "1"
