"""Clauses: the parts of sentences that other reports corroborate on their own."""

from __future__ import annotations

from newsfuse.clauses import clause_support, clauses_of
from newsfuse.extract import parse_sources
from newsfuse.segment import segment_text


def _clauses(resources, source: str, text: str, figures=()):
    """The clauses of every sentence of ``text``, read off a real parse."""
    sentences = segment_text(text)
    doc = next(parse_sources([text], [sentences], resources.nlp))
    found = []
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        found.append(clauses_of(span, source, figures))
    return found


def _texts(clauses, text):
    return [text[c.span.start : c.span.end] for c in clauses]


def test_a_sentence_is_cut_into_its_clauses_without_the_words_that_join_them(resources):
    text = (
        "The protests were first sparked by rising fuel prices but have broadened to include "
        "political grievances."
    )
    (clauses,) = _clauses(resources, "S1", text)
    parts = _texts(clauses, text)
    assert parts[0] == "The protests were first sparked by rising fuel prices"
    assert any(p.startswith("have broadened") for p in parts[1:])
    assert all(not p.endswith(" but") for p in parts)


def test_who_reports_is_not_a_clause_and_figures_stay_with_their_clause(resources):
    text = "Kazakh media reported that at least eight police officers were killed in the unrest."
    figures = [(text.index("eight"), 8.0)]
    (clauses,) = _clauses(resources, "S2", text, figures)
    parts = _texts(clauses, text)
    assert parts == ["at least eight police officers were killed in the unrest"]
    assert clauses[0].numbers == frozenset({8.0})


def test_a_clause_other_witnesses_state_is_supported_by_them(resources):
    first = "The protests were first sparked by rising fuel prices but have broadened since."
    second = (
        "Kazakhstan faced its biggest crisis in decades after protesters angry over rising fuel "
        "prices stormed government buildings."
    )
    third = "Officials met in the capital on Tuesday to discuss the budget."
    clauses = [
        *_clauses(resources, "S1", first),
        *_clauses(resources, "S2", second),
        *_clauses(resources, "S3", third),
    ]
    support = clause_support(clauses)
    assert set(support) == {0, 1}
    assert support[0].witnesses == 2
    assert first[support[0].clause.start : support[0].clause.end].startswith("The protests")
    (evidence,) = support[0].evidence
    assert evidence.source == "S2"
    assert "rising fuel prices" in second[evidence.start : evidence.end]
    # copies of one wire story are one witness
    assert clause_support(clauses, witness={"S1": "S1", "S2": "S1"}) == {}


def test_clauses_with_different_figures_or_only_a_name_in_common_are_not_support(resources):
    eight = "At least eight police officers were killed in the unrest."
    eighteen = "At least 18 police officers were killed in the unrest."
    clauses = [
        *_clauses(resources, "S1", eight, [(eight.index("eight"), 8.0)]),
        *_clauses(resources, "S2", eighteen, [(eighteen.index("18"), 18.0)]),
    ]
    assert clause_support(clauses) == {}

    named = "He sought help from the Collective Security Treaty Organization."
    again = "The Collective Security Treaty Organization, a Moscow-led bloc, met in Minsk."
    clauses = [*_clauses(resources, "S1", named), *_clauses(resources, "S2", again)]
    assert clause_support(clauses) == {}


def test_pairs_found_block_by_block_are_the_pairs_of_one_product(monkeypatch):
    from newsfuse import clauses
    from newsfuse.align import content_stems
    from newsfuse.model import Span

    texts = [
        "troops arrived in the capital on Thursday",
        "the troops arrived in the capital",
        "foreign troops arrived in the old capital city",
        "prices for fuel rose sharply this week",
        "fuel prices rose sharply",
        "the talks ended without agreement",
    ] * 3
    units = [
        clauses.Clause(
            span=Span(source=f"S{k}", start=0, end=len(text)),
            stems=frozenset(content_stems(text)),
            numbers=frozenset(),
        )
        for k, text in enumerate(texts)
    ]
    whole = sorted(clauses.matching_pairs(units))
    assert whole and all(a != b for a, b in whole)
    monkeypatch.setattr(clauses, "_BLOCK", 4)
    assert sorted(clauses.matching_pairs(units)) == whole
