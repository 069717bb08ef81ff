"""The cited summary: budget, citations, contested figures, focus."""

from __future__ import annotations

from newsfuse import brief
from newsfuse.align import lexical_vectors
from newsfuse.model import Fact, TimelineEntry
from newsfuse.readable import clarity
from newsfuse.summarize import summarize

from .conftest import EXAMPLE, plain_statement


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
    assert "fuel prices" in text


def test_word_budget_and_focus(resources):
    short = brief([EXAMPLE], resources=resources, words=60)
    assert sum(len(s.text.split()) for s in short.summary) <= 60
    focused = brief([EXAMPLE], resources=resources, focus="state of emergency curfew")
    assert any("emergency" in s.text or "curfew" in s.text for s in focused.summary)


def test_clarity_penalises_dangling_starts_and_fragments():
    assert clarity("The government resigned on Wednesday.") == 1.0
    assert clarity("He also said so on Wednesday.") < 1.0
    assert clarity('Dozens were eliminated," the spokesman said.') < 1.0
    for pointing_back in (
        "Another 70 were injured.",
        "The two are being held in New York.",
        "Such revelations stiffened his resolve.",
        "I can spot phonies and despise them.",
        "Four of those are in custody in New York.",
        "Like other beetles, they are hard-bodied.",
        "First, parents asked for the hormone.",
        "Last year we had 150,000 visitors.",
        "``That took me back!",
        "Is the film worth seeing?",
    ):
        assert clarity(pointing_back) < 1.0, pointing_back
    # "US" is a country, "Iran" a name, "Theodore" not "the": none of them points back
    for standalone in (
        "US troops left the base on Monday.",
        "Iran denied the report.",
        "Otherworldly calm returned to the city.",
        "World War I ended in 1918.",
        'Tokayev said he would act "as tough as we can."',
        "In the face of the unrest, a military alliance has pledged aid.",
        "Theodore Roosevelt was president.",
    ):
        assert clarity(standalone) == 1.0, standalone


def test_a_sentence_is_ordered_by_the_date_any_source_of_its_fact_gives():
    s1 = (
        "The president appealed to the alliance for troops on Thursday. "
        "Protesters stormed the mayor's office in Almaty."
    )
    s2 = "Protesters stormed the mayor's office in Almaty on Wednesday afternoon."
    appeal, stormed = s1.split(". ")
    found = [
        plain_statement(sid, text, start)
        for sid, start, text in (
            ("S1", 0, appeal + "."),
            ("S1", s1.index(stormed), stormed),
            ("S2", 0, s2),
        )
    ]
    facts = [
        Fact(
            text=stormed,
            sources=("S1", "S2"),
            independent_sources=2,
            evidence=(found[1].span, found[2].span),
        )
    ]
    timeline = [
        TimelineEntry(
            date="2022-01-06",
            precision="day",
            text=appeal,
            sources=("S1",),
            evidence=(found[0].span,),
        ),
        TimelineEntry(
            date="2022-01-05",
            precision="day",
            text=s2,
            sources=("S2",),
            evidence=(found[2].span,),
        ),
    ]
    summary = summarize(
        found,
        lexical_vectors(found),
        facts,
        [],
        timeline,
        {"S1": "2022-01-06", "S2": "2022-01-06"},
        ["S1", "S2"],
        words=40,
    )
    texts = [s.text for s in summary]
    assert len(texts) == 2 and texts[0] != found[0].text, texts
    # whichever report's sentence carries the storming, it happened on Wednesday, before the appeal
    assert texts[1] == found[0].text


def test_sentences_of_one_day_follow_the_part_of_the_day_their_sources_name():
    texts = {
        "S1": "The alliance agreed to send troops to the country late on Wednesday.",
        "S2": "The government of the country resigned early on Wednesday.",
    }
    found = [plain_statement(sid, text) for sid, text in texts.items()]
    timeline = [
        TimelineEntry(
            date="2022-01-05",
            precision="day",
            text=statement.text,
            sources=(statement.span.source,),
            evidence=(statement.span,),
            part_of_day=part,
        )
        for statement, part in zip(found, ("late", "early"), strict=True)
    ]
    summary = summarize(
        found,
        lexical_vectors(found),
        [],
        [],
        timeline,
        {"S1": "2022-01-06", "S2": "2022-01-06"},
        ["S1", "S2"],
        words=40,
    )
    assert [s.text for s in summary] == [texts["S2"], texts["S1"]]
