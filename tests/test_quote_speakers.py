"""Who said a quote when the attribution is not the plain "X said": read off real parses."""

from __future__ import annotations

import pytest

from newsfuse.extract import parse_sources
from newsfuse.extract.quotes import find_quotes
from newsfuse.segment import segment_text


def _speakers(resources, text: str) -> dict[str, str | None]:
    """{first words of each quote: its speaker}, each quote checked against the text."""
    doc = next(parse_sources([text], [segment_text(text)], resources.nlp))
    found = {}
    for quote in find_quotes("S1", doc):
        assert text[quote.span.start : quote.span.end] == quote.text
        found[" ".join(quote.text.strip(" ,.\"'“”`").split()[:3])] = quote.speaker
    return found


def test_he_takes_up_who_said_something_before_not_who_was_named(resources):
    text = (
        "Dr. Omar Haddad, an adviser to the party, said later that Karim Nasser had left the "
        'country. "They were scared all the time," he said.'
    )
    assert _speakers(resources, text)["They were scared"] == "Omar Haddad"


def test_a_name_inside_an_earlier_quote_is_not_who_a_pronoun_stands_for(resources):
    text = (
        "Foreign Minister Ingrid Dahl spoke on television.\n\n"
        '"We will watch how President Viktor Orlov keeps his promises," she said. '
        '"I think we will have to wait."'
    )
    speakers = _speakers(resources, text)
    assert speakers["We will watch"] == "Ingrid Dahl"
    assert speakers["I think we"] == "Ingrid Dahl"


def test_the_same_pronoun_in_the_sentence_before_is_followed_further_back(resources):
    text = (
        "Deputy minister Paul Adeyemi denied that his officials were to blame.\n\n"
        "He told lawmakers that the judge, Sir Edmund Clare, had taken full responsibility.\n\n"
        '"This is not a matter for the ministry," he said.'
    )
    assert _speakers(resources, text)["This is not"] == "Paul Adeyemi"


def test_the_nearest_saying_verb_before_a_quote_is_its_attribution(resources):
    text = (
        "Governor Ruth Adler said she would not attend the summit. "
        '"I am worried about my friend," Mayor Tom Brandt was quoted as saying by a local paper.'
        '\n\nMore followed. "We must not forget his work," Brandt added.'
    )
    assert _speakers(resources, text)["I am worried"] == "Tom Brandt"


def test_an_attribution_with_its_verb_first(resources):
    text = (
        '"The talks went well," the commissioner said. Added Halvorsen, "We owe it to the fans '
        'to look again."'
    )
    assert _speakers(resources, text)["We owe it"] == "Halvorsen"


def test_a_quoted_predicate_belongs_to_its_subject(resources):
    text = (
        "The European Union on Wednesday condemned the killing and said it would raise it with "
        "Moscow. In a statement, Commissioner Hans Broekman "
        '"condemned in the strongest terms the senseless killing of the hostages."'
    )
    assert _speakers(resources, text)["condemned in the"] == "Hans Broekman"


def test_words_a_noun_holds_have_no_named_speaker(resources):
    text = (
        'After a shopping trip, during which he was greeted with shouts of "We love you," '
        "President Marlow told donors he was grateful."
    )
    assert _speakers(resources, text)["We love you"] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # someone's spokesman is not that someone, nor the person spoken of
        (
            "Prime Minister Tony Ashby's spokesman said Gareth Mill "
            '"has clearly offensive views."',
            "Prime Minister Tony Ashby's spokesman",
        ),
        # a person named before the quote, with no verb of saying, is who speaks next
        (
            "Chancellor Elena Marsh dismissed reports that the plan would hurt trade. "
            '"It is important we do not talk nonsense about this."',
            "Elena Marsh",
        ),
        # "cited" is a verb of saying, whoever said something before
        (
            '"We have called a halt," said Rafael Ortiz, head of the movement. '
            'The organizers cited a "more positive course" in the talks.',
            "organizers",
        ),
    ],
)
def test_who_says_it_is_not_the_nearest_name(resources, text, speaker):
    speakers = _speakers(resources, text)
    assert speaker in speakers.values()
    assert list(speakers.values())[-1] == speaker


def test_the_statement_speaks_for_who_issued_it(resources):
    text = (
        "A statement issued by Prime Minister Avi Sela's office said talks would go on.\n\n"
        '"The government remains committed to the peace process," the statement said.'
    )
    assert (
        _speakers(resources, text)["The government remains"] == "Prime Minister Avi Sela's office"
    )


def test_a_statement_said_by_a_body_is_the_body_s(resources):
    text = (
        "The European Union said in a statement that it welcomed the release.\n\n"
        '"The EU hopes the others will be freed soon," the statement said.'
    )
    assert _speakers(resources, text)["The EU hopes"] == "The European Union"


@pytest.mark.parametrize(
    ("text", "first_words", "speaker"),
    [
        # the subject of the verb a "by saying" hangs from
        (
            "Paul Okafor echoed the sentiments of many players by saying, ``Everything we go "
            "through is a game. This is his life.''",
            "Everything we go",
            "Paul Okafor",
        ),
        # the name after an inverted "said", whatever later verb the parse gives it to; and the
        # quote after it continues that speaker
        (
            "``The agency is withdrawing from enforcement,'' said Magi Shapiro of Public "
            "Employees for Environmental Responsibility, who quit the agency's Richmond office in "
            "1996 rather than approve developments she felt should have been turned down. ``A "
            "program without enforcement is an invitation to break the law.''",
            "A program without",
            "Magi Shapiro",
        ),
    ],
)
def test_a_subject_the_parse_puts_elsewhere(resources, text, first_words, speaker):
    assert _speakers(resources, text)[first_words] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "His book, ``Virtual Faith: The Irreverent Spiritual Quest of Generation X,'' sold well, "
        "the author said.",
        "In Richmond the signs carry this message: ``An Illegal Gun Gets You Five Years in "
        "Federal Prison.''",
        "According to Dr. Mary Wilson's reference work, ``A World Guide to Infections'' "
        "(Oxford), 90 percent of the cases occur in children.",
    ],
)
def test_words_set_as_a_title_are_no_quote(resources, text):
    assert _speakers(resources, text) == {}


def test_a_negated_subject_and_a_leaflet_are_not_speakers(resources):
    text = (
        'No verdicts have been announced. "He has not even read the indictment," no one said. '
        'Maxey\'s campaign leaflet said he "supports these issues too" in every town.'
    )
    found = _speakers(resources, text)
    assert found["He has not"] is None
    assert found["supports these issues"] in (None, "Maxey")


def test_an_advisory_speaks_for_whoever_issued_it(resources):
    text = (
        "The National Highway Traffic Safety Administration issued an advisory on Monday. "
        'The advisory said "purchasers who want such air bags should be warned."'
    )
    assert _speakers(resources, text)["purchasers who want"] != "advisory"
