from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfuse.segment import MAX_SENTENCE_CHARS, paragraphs, segment_text


def test_abbreviations_do_not_split():
    text = (
        "The state of emergency runs until Jan. 19. Mr. Price of the U.S. State Department spoke."
    )
    assert [s.text for s in segment_text(text)] == [
        "The state of emergency runs until Jan. 19.",
        "Mr. Price of the U.S. State Department spoke.",
    ]


def test_sentences_never_cross_paragraphs():
    text = "First paragraph has no full stop\n\nSecond paragraph. Two sentences."
    sentences = segment_text(text)
    assert [s.paragraph for s in sentences] == [0, 1, 1]
    assert sentences[0].text == "First paragraph has no full stop"


def test_attribution_after_a_quote_stays_with_it():
    text = '"Stay at home tonight." said the mayor, who spoke on radio. Shops closed early.'
    assert [s.text for s in segment_text(text)] == [
        '"Stay at home tonight." said the mayor, who spoke on radio.',
        "Shops closed early.",
    ]


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"”'ÉéA1"), max_size=300))
def test_offsets_point_into_the_text(text):
    for sentence in segment_text(text):
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    for start, end in paragraphs(text):
        assert 0 <= start < end <= len(text)


_OLD_NEVER_FINAL = __import__("re").compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Gov|Sen|Rep|Rev|Hon|St|Mt"
    r"|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|No|Nos|vs|approx)\.$"
)


@given(st.lists(st.sampled_from(["Mr", "Jan", "approx", "Sept", "x", "Nos", " ", "\n", ".", "a"])))
def test_the_abbreviation_test_reads_the_end_as_the_pattern_did(parts):
    from newsfuse.segment import _ends_in_abbreviation

    text = "".join(parts).strip()  # spans are trimmed before the test
    assert _ends_in_abbreviation(text, 0, len(text)) == bool(_OLD_NEVER_FINAL.search(text))


def test_a_long_run_of_abbreviations_is_merged_then_bounded():
    text = "He left Jan. " * 3000 + "He came back."
    found = segment_text(text)
    assert found[-1].text.endswith("He came back.") and all(s.text for s in found)
    # merged, not split after every "Jan.": each part but the last is nearly the whole bound
    assert all(len(s.text) > MAX_SENTENCE_CHARS - 20 for s in found[:-1])


def test_text_without_sentence_ends_is_cut_at_a_space_within_the_bound():
    text = '"Yes" [no] maybe, ' * 1000
    found = segment_text(text)
    assert len(found) > 1
    for sentence in found:
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
    assert all(text[s.end] == " " for s in found[:-1])  # cut at a space, not inside a word
    covered = "".join(s.text for s in found).replace(" ", "")
    assert covered == text.replace(" ", "")  # nothing lost between the parts


def test_a_word_longer_than_the_bound_is_cut_hard():
    found = segment_text("x" * (2 * MAX_SENTENCE_CHARS + 1))
    assert [s.end - s.start for s in found] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 1]


def test_real_sentences_are_never_cut():
    sentence = "The report, " + "which ran on and on, " * 60 + "ended."  # 1,280 characters
    assert [s.text for s in segment_text(sentence + " Next.")] == [sentence, "Next."]


def test_a_sentence_ends_before_a_quote_opened_with_backquotes():
    text = (
        "He was quoted by the newspaper The Nation. ``I am concerned,'' he said.\n\n"
        "Mr. ``Big'' Smith left on Jan. 19. ``He came back.''"
    )
    assert [s.text for s in segment_text(text)] == [
        "He was quoted by the newspaper The Nation.",
        "``I am concerned,'' he said.",
        "Mr. ``Big'' Smith left on Jan. 19.",
        "``He came back.''",
    ]
