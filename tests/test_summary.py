"""The cited summary: budget, citations, contested figures, focus."""

from __future__ import annotations

from newsfuse import brief
from newsfuse.readable import clarity

from .conftest import EXAMPLE


def test_example_summary_budget_citations_and_contested(example_brief):
    words = sum(len(s.text.split()) for s in example_brief.summary)
    assert 150 <= words <= 250
    for sentence in example_brief.summary:
        assert sentence.citations and sentence.evidence
        assert sentence.text == example_brief.quote(sentence.evidence[0])
        assert {s.source for s in sentence.evidence} == set(sentence.citations)
        for k in sentence.conflicts:
            assert 0 <= k < len(example_brief.conflicts)
        assert sentence.contested == bool(sentence.conflicts)
    contested = [s for s in example_brief.summary if s.contested]
    assert contested, "casualty figures in the summary must be marked as contested"
    topics = {example_brief.conflicts[k].topic for s in contested for k in s.conflicts}
    assert "security forces killed" in topics


def test_example_summary_reports_the_main_events(example_brief):
    text = " ".join(s.text for s in example_brief.summary).lower()
    assert "csto" in text or "collective security treaty" in text
    assert "stormed" in text
    assert "killed" in text
    assert "state of emergency" in text
    assert "resign" in text


def test_word_budget_and_focus(resources):
    short = brief([EXAMPLE], resources=resources, words=60)
    assert sum(len(s.text.split()) for s in short.summary) <= 60
    focused = brief([EXAMPLE], resources=resources, focus="state of emergency curfew")
    assert any("emergency" in s.text or "curfew" in s.text for s in focused.summary)


def test_clarity_penalises_dangling_starts_and_fragments():
    assert clarity("The government resigned on Wednesday.") == 1.0
    assert clarity("He also said so on Wednesday.") < 1.0
    assert clarity('Dozens were eliminated," the spokesman said.') < 1.0
