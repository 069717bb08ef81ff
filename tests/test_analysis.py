"""The per-article analysis: built alone, kept as JSON, fused without parsing again."""

from __future__ import annotations

import pytest

from newsfuse import Brief, load_articles
from newsfuse.analysis import OWN, Analysis, analyse, as_source
from newsfuse.model import Article
from newsfuse.pipeline import fuse_analyses

from .conftest import EXAMPLE, assert_spans_valid


@pytest.fixture(scope="module")
def example_analyses(resources) -> list[Analysis]:
    articles, problems = load_articles([EXAMPLE])
    assert not problems
    return analyse(articles, resources)


def _spans(analysis: Analysis):
    yield from ((m.span, m.text) for m in analysis.mentions)
    yield from ((t.span, t.text) for t in analysis.times)
    yield from ((q.span, q.text) for q in analysis.quantities)
    yield from ((q.span, q.text) for q in analysis.quotes)
    yield from ((d.evidence, d.text) for d in analysis.dated)
    yield from ((c.span, None) for found in analysis.clauses for c in found)


def test_an_analysis_points_into_its_own_cleaned_text(example_analyses):
    checked = 0
    for analysis in example_analyses:
        assert analysis.parsed
        assert len(analysis.clauses) == len(analysis.sentences)
        text = analysis.cleaned.text
        for span, said in _spans(analysis):
            assert span.source == OWN
            assert span.end <= len(text)
            if said is not None:
                assert text[span.start : span.end] == said
            checked += 1
    assert checked > 200  # the example's five reports are rich in names, dates and figures


def test_an_analysis_round_trips_through_json(example_analyses):
    for analysis in example_analyses:
        again = Analysis.model_validate_json(analysis.model_dump_json())
        assert again == analysis
        # sets are written sorted, so the same article always gives the same bytes
        assert again.model_dump_json() == analysis.model_dump_json()


def test_as_source_moves_every_span(example_analyses):
    moved = as_source(example_analyses[0], "S7")
    spans = list(_spans(moved))
    assert spans and all(span.source == "S7" for span, _ in spans)
    assert all(m.sentence.source == "S7" for m in moved.quantities)
    assert all(d.mention.span.source == "S7" for d in moved.dated)


def _comparable(brief: Brief) -> str:
    return brief.model_copy(update={"generator": ""}).model_dump_json()


def test_fusing_stored_analyses_gives_the_brief(example_analyses, example_brief):
    stored = [Analysis.model_validate_json(a.model_dump_json()) for a in example_analyses]
    fused = fuse_analyses(stored)
    assert _comparable(fused) == _comparable(example_brief)
    assert assert_spans_valid(fused) > 0


def test_a_text_that_is_not_english_is_cleaned_but_not_parsed(resources):
    article = Article(
        path="fr.txt",
        language="fr",
        text="Le gouvernement a démissionné mercredi. Huit policiers ont été tués à Almaty.",
    )
    (analysis,) = analyse([article], resources)
    assert not analysis.parsed
    assert analysis.sentences and not analysis.mentions and not analysis.quantities


def test_a_text_longer_than_the_parser_takes_is_parsed_in_pieces(resources):
    text = "".join(
        f"Police in Almaty said {n + 10} officers were killed. "
        "President Tokayev asked the CSTO for help, officials said.\n\n"
        for n in range(40)
    )
    article = Article(path="long.txt", text=text, language="en")
    nlp = resources.nlp
    limit = nlp.max_length
    nlp.max_length = 1500  # spaCy refuses longer texts; the real limit is a million characters
    try:
        (analysis,) = analyse([article], resources)
    finally:
        nlp.max_length = limit
    text = analysis.cleaned.text
    assert len(text) > 2 * 1500  # three pieces at least
    assert len([m for m in analysis.mentions if m.text == "Almaty"]) == 40
    killed = {q.value for q in analysis.quantities if q.event == "killed"}
    assert killed == {float(n + 10) for n in range(40)}
    for mention in analysis.mentions:
        assert text[mention.span.start : mention.span.end] == mention.text


def test_an_analysis_does_not_depend_on_the_articles_analysed_with_it(resources, example_analyses):
    articles, _ = load_articles([EXAMPLE])
    for n in (1, 2):  # two AFP copies that share sentences
        (alone,) = analyse([articles[n]], resources)
        assert alone == example_analyses[n]
