"""One removed and one kept example for each cleaning rule; none of them from the example corpus."""

from __future__ import annotations

import pytest

from newsfuse.clean import clean_article, join_wrapped_lines, split_dateline, strip_leading_debris
from newsfuse.model import Article

BODY = "The river burst its banks on Monday, flooding hundreds of homes, officials said."


def _clean(text: str, resources=None, language="en"):
    nlp = resources.nlp if resources is not None else None
    return clean_article(Article(text=text, language=language), nlp)


def _rules(result) -> list[str]:
    return [r.rule for r in result.removed]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Related article: Floods Hit The Valley Again", "related"),
        ("READ MORE: Why the dams failed", "related"),
        ("© Reuters 2023", "copyright"),
        ("Copyright 2019 The Associated Press. All rights reserved.", "copyright"),
        ("AGENCIES", "signoff"),
        ("— AP", "signoff"),
        ("AFP/dpa", "signoff"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "signoff"),
        ("By Maria Lopez and Tom Hart", "byline"),
        (
            "Independent journalism needs you. Support us today: your donations keep our "
            "reporters in the field.",
            "plea",
        ),
        ("Subscribe to our newsletter and never miss a story. Sign up now", "plea"),
        (
            "Rescue workers search the rubble in the old town. Photo: Jane Doe/Getty Images",
            "caption",
        ),
        ("Flood water covers a street in the city centre. Source: Shutterstock", "caption"),
        ("Aftermath of the storm", "heading"),
        ("EDITORS: Visit our syndicate web site for more on this series.", "wire note"),
        ("(END OPTIONAL TRIM)", "wire note"),
        ("<NOTE> (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS) </NOTE>", "wire note"),
        ("(STORY COULD END HERE. OPTIONAL MATERIAL FOLLOWS.)", "wire note"),
        ("By Jo Roe. (Story will move in the ``a'' category.)", "wire note"),
        ("The night editor is Sam Poe, 404-555-0182, spoe(at)example.com.", "contact"),
        ("Mail your questions to Ann Lee, Daily Post, P.O. Box 1200, Springfield.", "contact"),
        (
            "--Europe: JOHN ROE in Paris at 41-22-17-11; fax, 41-22-80-44; telex, 282-942.",
            "contact",
        ),
        ("'We have lost everything'", "heading"),
    ],
)
def test_rule_removes_boilerplate_and_keeps_the_report(line, rule):
    result = _clean(f"{BODY}\n\n{line}\n\nThe water receded by Wednesday.")
    assert line.strip() not in result.text
    assert rule in _rules(result)
    assert BODY in result.text and "The water receded by Wednesday." in result.text


@pytest.mark.parametrize(
    "line",
    [
        # Mentions of the same words inside ordinary reporting must stay.
        "Related talks between the two governments will resume in March, a spokesman said.",
        "The agency said its copyright claim against the broadcaster was dismissed in 2020.",
        "AFP reporters saw at least 30 bodies along the road to the airport.",
        "By Tuesday evening, the death toll had risen to 14, police said.",
        "Residents were asked to donate blood at the city's two hospitals.",
        "The photo agency Getty said its staff had been detained for six hours.",
        "Officials say the dam will hold.",
        '"We have lost everything," said Ana Ruiz, 54, who fled with her two children.',
        "Police asked anyone with information to call 555-0100.",
        "Controllers lost contact with the plane at 1:50 a.m. on 10-31-99, the report said.",
        "Most recently he worked as a sales representative for a shoe company.",
        "Editors at the newspaper said the story will move readers.",
    ],
)
def test_rules_keep_lookalike_report_sentences(line):
    result = _clean(f"{BODY}\n\n{line}\n\nThe water receded by Wednesday.")
    assert line in result.text, result.removed


def test_repeated_short_paragraph_is_a_caption():
    caption = "Volunteers fill sandbags outside the town hall."
    result = _clean(f"{caption}\n\n{caption}\n\n{BODY}")
    assert caption not in result.text
    assert _rules(result).count("caption") == 2


def test_present_tense_scene_caption_needs_the_tagger(resources):
    caption = "A woman carries her belongings through the flooded street in Dhaka."
    text = f"{BODY}\n\n{caption}\n\nThe water receded by Wednesday."
    assert caption not in _clean(text, resources).text
    assert caption in _clean(text).text  # without a tagger the rule does not guess


def test_present_tense_statement_of_fact_is_not_a_caption(resources):
    kept = "The country borders Russia and China and exports most of its oil."
    result = _clean(f"{BODY}\n\n{kept}", resources)
    assert kept in result.text


def test_hard_wrapped_paragraphs_are_rejoined():
    text = (
        "Officials in the northern province said on Tuesday that rescue teams\n"
        "had reached the villages cut off by the landslide, where more than\n"
        "200 families had spent two nights without shelter or clean water.\n"
        "\n"
        "The army sent four helicopters and a convoy of trucks with food and\n"
        "medicine, the defence ministry said in a statement late on Tuesday.\n"
    )
    paragraphs = join_wrapped_lines(text)
    assert len(paragraphs) == 2
    assert "rescue teams had reached" in paragraphs[0]
    assert "food and medicine" in paragraphs[1]


def test_one_paragraph_per_line_documents_stay_apart():
    text = (
        "The storm made landfall near the port early on Sunday.\n"
        "Winds of up to 180 km/h tore roofs off houses along the coast.\n"
        "Aftermath\n"
        "Power was cut to more than 40,000 homes, the utility said."
    )
    paragraphs = join_wrapped_lines(text)
    assert len(paragraphs) == 4
    assert paragraphs[2] == "Aftermath"


def test_lowercase_continuation_is_joined_in_any_document():
    assert join_wrapped_lines("The minister said the\nplan would go ahead.") == [
        "The minister said the plan would go ahead."
    ]


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("LONDON — The bank raised rates.", "LONDON", "The bank raised rates."),
        ("NAIROBI, Kenya (Reuters) - Rains fell.", "NAIROBI, Kenya (Reuters)", "Rains fell."),
        ("BEIJING, Jan. 1 (Xinhua) -- Trade grew.", "BEIJING, Jan. 1 (Xinhua)", "Trade grew."),
        ("BERLIN (AP) _ Two experts testified.", "BERLIN (AP)", "Two experts testified."),
        (
            "NEWPORT NAVAL STATION, R.I. _ A robot dove.",
            "NEWPORT NAVAL STATION, R.I.",
            "A robot dove.",
        ),
    ],
)
def test_datelines_become_metadata(text, dateline, rest):
    assert split_dateline(text) == (rest, dateline)


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds - perhaps thousands - fled the town.",
        "The U.S. - China talks resumed on Monday.",
        "A - the first of many - convoy left.",
        "I _ and only I _ decide.",
    ],
)
def test_ordinary_sentence_starts_are_not_datelines(text):
    assert split_dateline(text) == (text, None)


def test_stray_letter_glued_to_first_word_is_debris():
    assert strip_leading_debris("B.After the vote, the party split.") == (
        "After the vote, the party split.",
        "B.",
    )
    assert strip_leading_debris("U.S. officials said so.") == ("U.S. officials said so.", None)
    assert strip_leading_debris("J.K. Rowling spoke.") == ("J.K. Rowling spoke.", None)


def test_dateline_and_signoff_are_kept_as_records():
    result = _clean("PARIS — Strikes closed schools.\n\nMore strikes are planned.\n\n© AFP 2023")
    assert result.dateline == "PARIS"
    assert result.text == "Strikes closed schools.\n\nMore strikes are planned."
    assert {"dateline", "copyright"} <= set(_rules(result))


def test_newswire_typesetting_codes_become_breaks_and_characters():
    text = (
        "The river burst its banks on Monday, officials said. &QL; Leger &AMP; Leger polled "
        "&UR; 1,000 people.&LR; &QL;"
    )
    result = _clean(text)
    assert result.text == (
        "The river burst its banks on Monday, officials said.\n\nLeger & Leger polled 1,000 people."
    )
    assert "typesetting" in _rules(result)
    # entity names and ampersands in prose are not codes
    kept = _clean("AT&T and Procter & Gamble said &quot;no&quot;.")
    assert kept.text == 'AT&T and Procter & Gamble said "no".' and not kept.removed


def test_list_markers_come_off_their_items():
    result = _clean(
        f"{BODY}\n\n_ A survey of 900 pupils found the same.\n\n- Two bridges closed.\n\n2. Roads were closed in the north."
    )
    assert result.text.split("\n\n")[1:] == [
        "A survey of 900 pupils found the same.",
        "Two bridges closed.",
        "2. Roads were closed in the north.",
    ]
    assert "bullet" in _rules(result)


_OLD_QUAD = __import__("re").compile(r"\s*&Q[LCR];\s*")


@pytest.mark.parametrize(
    "text",
    ["a &QL; b", "a&QC;b", "  &QR;  ", "a &QL;  &QL; b\n", "no quads here", "x\n&QL;\ny", "&QL;"],
)
def test_quads_become_breaks_as_the_pattern_made_them(text):
    from newsfuse.clean_paragraphs import _quads_to_breaks

    assert _quads_to_breaks(text) == _OLD_QUAD.sub("\n\n", text)


def test_hard_wraps_join_and_hyphenated_words_keep_their_hyphen():
    from newsfuse.clean_paragraphs import _join

    assert (
        _join(["The well-", "known case of a long", "story"])
        == "The well-known case of a long story"
    )
    assert _join(["A 12-", "Member panel"]) == "A 12- Member panel"


def test_a_wire_archive_pickup_note_glued_to_the_last_sentence_is_removed():
    from newsfuse.model import Article

    text = (
        "Mitch killed hundreds in Honduras, officials said on Saturday.\n\n"
        "``Few houses have remained standing in the north of the country,'' the mayor said on "
        "the radio. At its, 4th graf pvs"
    )
    cleaned = clean_article(Article(text=text))
    assert cleaned.text.endswith("the mayor said on the radio.")
    assert any(r.rule == "wire note" and "graf pvs" in r.text for r in cleaned.removed)


def test_a_picture_on_a_wire_s_photo_budget_is_a_caption():
    caption = (
        "(NYT23) ENCINO, Calif. -- Oct. 20, 1999 -- CIR-LEE-COMICS, 10-20 -- In December, a "
        "comics publisher will launch a site on the Web. (Jane Roe/The New York Times)"
    )
    story = "ENCINO, Calif. -- The publisher said on Tuesday that the site would open in December."
    result = _clean(f"{BODY}\n\n{caption}\n\n{story}")
    assert caption not in result.text and story in result.text
    assert "caption" in _rules(result)
