from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.extract import quotes
from newsfuse.extract.quotes import find_quotes, merge_quotes, quote_spans
from newsfuse.model import QuoteMention, Span


def test_quote_marks_pair_in_every_style():
    text = "He said \"go home now\" and ``stay inside tonight,'' and “all is calm now” then «au revoir mes amis»."
    assert [text[a:b] for a, b in quote_spans(text)] == [
        "go home now",
        "stay inside tonight,",
        "all is calm now",
        "au revoir mes amis",
    ]


def _quotes(resources, text):
    return find_quotes("S1", resources.nlp(text))


def test_speaker_after_before_and_by_pronoun(resources):
    text = (
        "Mayor Ana Ruiz visited the shelter on Monday. "
        '"We will rebuild every house," she said. '
        'The fire chief, Tom Hale, said that "the blaze is under control now." '
        '"Nobody should go back yet," warned Hale, who spoke on radio.'
    )
    found = {q.text.strip(' ,."'): (q.speaker, q.role) for q in _quotes(resources, text)}
    assert found["We will rebuild every house"][0] == "Ana Ruiz"
    assert found["the blaze is under control now"] == ("Tom Hale", "fire chief")
    assert found["Nobody should go back yet"][0] == "Hale"


def test_quote_split_by_its_attribution_keeps_one_speaker(resources):
    text = '"The water is rising," the governor, Maria Silva, said. "Leave while you can."'
    speakers = {q.speaker for q in _quotes(resources, text)}
    assert speakers == {"Maria Silva"}


def test_role_phrase_resolves_to_the_person_named_before(resources):
    text = (
        "Prime Minister Lena Berg spoke to reporters in the capital. "
        '"Calm must return to our streets," said the head of government.'
    )
    (quote,) = _quotes(resources, text)
    assert quote.speaker == "Lena Berg" and quote.role == "head of government"


def test_same_quote_in_two_sources_merges(resources):
    a = find_quotes("S1", resources.nlp('"We will rebuild every house," Ana Ruiz said.'))
    b = find_quotes("S2", resources.nlp('Ruiz promised: "We will rebuild every house."'))
    (merged,) = merge_quotes([*a, *b], ["S1", "S2"])
    assert merged.sources == ("S1", "S2") and len(merged.evidence) == 2


def test_a_quote_ends_where_the_speech_ends(resources):
    text = (
        '"I intend to act as tough as possible," the president said. '
        'He added: "Together we will overcome this."'
    )
    found = _quotes(resources, text)
    assert [q.text for q in found] == [
        "I intend to act as tough as possible",
        "Together we will overcome this.",
    ]
    for quote in found:
        assert text[quote.span.start : quote.span.end] == quote.text


def _speakers(resources, text):
    return {q.text.strip(' ,."'): (q.speaker, q.role) for q in _quotes(resources, text)}


def test_a_name_inside_a_clause_or_phrase_of_the_subject_is_not_the_speaker(resources):
    # the name in a relative clause, in the apposition's place phrase, in "a spokesman for X"
    found = _speakers(
        resources,
        "Esther Serna, who owns the El Paso Cafe, said she was neutral. "
        '"I do not sell a lot of beer," she said. '
        '"It was the strangest vote of my life," said Pierre Roy, 61, a retired grocer from '
        "Lac Beauport, near the city. "
        'A spokesman for Tokayev said "the curfew would stay in force."',
    )
    assert found["I do not sell a lot of beer"][0] == "Esther Serna"
    assert found["It was the strangest vote of my life"] == (
        "Pierre Roy",
        "retired grocer from Lac Beauport",
    )
    assert found["the curfew would stay in force"][0] == "spokesman for Tokayev"


def test_a_name_that_only_modifies_a_noun_is_nobody(resources):
    found = _speakers(
        resources,
        "Jean Chretien spoke first. The veteran prime minister, who entered politics when John F. "
        'Kennedy was in the White House, said he knew best. "Canada is my business, sir," he '
        "said. Flights from the John F. Kennedy airport resumed on Monday. "
        '"We are back to a normal schedule," the airport said.',
    )
    assert found["Canada is my business, sir"][0] == "Jean Chretien"
    assert found["We are back to a normal schedule"][0] == "airport"


def test_an_indefinite_role_brings_in_someone_unnamed(resources):
    one = _speakers(
        resources,
        'Jim Hall spoke first. "It was doing what it was supposed to," one official said.',
    )
    the = _speakers(
        resources,
        'Jim Hall spoke first. "It was doing what it was supposed to," the chairman said.',
    )
    assert one["It was doing what it was supposed to"][0] == "one official"
    assert the["It was doing what it was supposed to"][0] == "Jim Hall"


def test_the_verb_the_quote_hangs_on_is_its_attribution(resources):
    found = _speakers(
        resources,
        'While the board said "there are no unresolved safety issues," Egyptians have accused '
        "the U.S. of denying them access. Officials wondered why the staff had concluded that "
        '"there were no open questions," as asserted Friday by board chairman Jim Hall.',
    )
    assert found["there are no unresolved safety issues"][0] == "board"
    assert found["there were no open questions"][0] == "Jim Hall"


def test_they_said_names_no_one(resources):
    (quote,) = _quotes(
        resources, 'Mayor Ana Ruiz came out. "We want our money back," they shouted.'
    )
    assert quote.speaker is None


def _merge_every_pair(mentions):
    """Which mentions merge, as the scan of every merged quote decided before the index."""
    merged = []
    for mention in sorted(mentions, key=lambda m: (int(m.span.source[1:]), m.span.start)):
        key = quotes._key(mention.text)
        for existing, group in merged:
            if key == existing or (
                min(len(key), len(existing)) >= 20 and (key in existing or existing in key)
            ):
                group.append(mention)
                break
        else:
            merged.append((key, [mention]))
    return [tuple(m.span for m in group) for _, group in merged]


_PHRASES = ["we will rebuild", "every house", "in the town", "by winter", "no matter what", "now"]


@given(st.lists(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=5), max_size=30))
@settings(max_examples=200, deadline=None)
def test_the_quote_index_merges_exactly_what_every_pair_would(texts):
    mentions = [
        QuoteMention(
            span=Span(source=f"S{n % 4 + 1}", start=n, end=n + 1),
            text=" ".join(words),
            speaker=None,
            role=None,
        )
        for n, words in enumerate(texts)
    ]
    merged = merge_quotes(mentions, ["S1", "S2", "S3", "S4"])
    assert [q.evidence for q in merged] == _merge_every_pair(mentions)


def test_a_title_beside_a_name_yields_the_name(resources):
    speakers = _speakers(
        resources,
        'Naval Vice Chief Kim Yong-ho said: "The ship will be raised within a month."',
    )
    (speaker, _role) = speakers["The ship will be raised within a month"]
    assert speaker and "Kim" in speaker


def test_a_report_speaks_for_the_body_that_wrote_it_or_for_no_one(resources):
    speakers = _speakers(
        resources,
        '"Malnutrition among children is getting worse," the UNICEF report said. '
        '"Nothing has changed in the villages we visited," the report added.',
    )
    assert speakers["Malnutrition among children is getting worse"][0] == "UNICEF"
    assert speakers["Nothing has changed in the villages we visited"][0] in (None, "UNICEF")


def test_a_quoted_term_title_or_sign_is_not_a_quote(resources):
    found = _quotes(
        resources,
        'The workshop, themed "Women in Rural Development Today", opened on Monday. '
        'Officers put up a sign reading "No Entry Beyond This Point" at the gate. '
        'Protesters carried banners reading "death to the traitors of the nation" outside.',
    )
    assert found == []
