"""segment: sentences with character offsets into the cleaned text.

Segmenter choice (measured by ``benchmarks/segment.py`` on the example corpus and the 1,000 DUC
2006 articles; see docs/benchmarks.md): blingfire's finite-state splitter agrees with spaCy's
parser on almost every boundary of cleaned news text, handles "Jan. 19", "Mr." and "U.S." in the
middle of a sentence, and runs two orders of magnitude faster than spaCy's parser and pysbd.
The parser can still be given these boundaries later (``is_sent_start``), so the NLP pass in
``extract`` does not need to find them again.

Sentences never cross a paragraph break ("\\n\\n" in the cleaned text): cleaning already re-joined
the hard wraps, so a paragraph break is a real boundary.

No sentence is longer than :data:`MAX_SENTENCE_CHARS`: text with no sentence ends (a table, a
list, a page of quotation marks) is cut at the last space before that length. The longest of the
36,804 sentences of the DUC 2004 and 2006 articles is 1,091 characters, so real prose is never
cut; a run of 20,000 characters given to the parser as one sentence made its cost grow faster than
the text (the fuzz battery's quotes-and-brackets class, issue 17).

>>> [s.text for s in segment_text("Mr. Smith left on Jan. 19. He came back.")]
['Mr. Smith left on Jan. 19.', 'He came back.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Sentence

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every paragraph of a cleaned text."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def segment_text(text: str) -> tuple[Sentence, ...]:
    """Split a cleaned text into sentences; ``sentence.text == text[sentence.start:sentence.end]``."""
    from blingfire import text_to_sentences_and_offsets

    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        chunk = text[p_start:p_end]
        if not chunk.strip():
            continue
        _, offsets = text_to_sentences_and_offsets(chunk)
        for start, end in _bounded(chunk, _repair(chunk, _split_at_backquotes(chunk, offsets))):
            sentences.append(
                Sentence(
                    start=p_start + start,
                    end=p_start + end,
                    text=chunk[start:end],
                    paragraph=number,
                )
            )
    return tuple(sentences)


# Newswire archives (DUC, the LDC's corpora) open quotes with two backquotes, and the splitter
# never ends a sentence before one: 'the newspaper The Nation. ``I'm concerned ...'' ' stayed one
# sentence with the next quote, which then took the previous sentence's attribution.
_BEFORE_BACKQUOTES = re.compile(r"[.!?](?:''|[\"”’)])*(\s+)``")


def _split_at_backquotes(chunk: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The splitter's spans, each also cut where a sentence ends before a ``."""
    spans = []
    for start, end in offsets:
        for match in _BEFORE_BACKQUOTES.finditer(chunk, start, end):
            spans.append((start, match.start(1)))
            start = match.end(1)
        spans.append((start, end))
    return spans


# A sentence that starts with one of these right after a closing quote continues the previous
# one: '"It's a crime," said the head of state.' is one sentence even when the quote ends in a
# comma-less full stop or the splitter breaks after a closing mark.
_CONTINUATION = re.compile(r"^[\"'”’]?\s*(?:said|says|told|added|wrote|warned|asked)\b|^[a-z]")


# Abbreviations that never end a sentence in news copy: a split right after one of them is wrong
# (blingfire splits "... until Jan. 19. Mr. Price spoke." after "Mr.").
_NEVER_FINAL = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Cpl Adm Gov Sen Rep Rev Hon St Mt "
    "Jan Feb Aug Sept Sep Oct Nov Dec No Nos vs approx".split()
)
_LONGEST_NEVER_FINAL = max(map(len, _NEVER_FINAL))


def _ends_in_abbreviation(chunk: str, start: int, end: int) -> bool:
    """Whether chunk[start:end] ends with one of those abbreviations and its full stop, the
    abbreviation a word of its own.

    Read from the end: a pattern searched over the whole span made merging a long run of them
    ("He left Jan. " 40,000 characters over) quadratic, as the span grows with each merge."""
    if end - start < 2 or chunk[end - 1] != ".":
        return False
    low = max(start, end - 2 - _LONGEST_NEVER_FINAL)  # the word and the space before it
    tail = chunk[low : end - 1]
    words = tail.split()
    if not words or tail[-1].isspace():
        return False
    if len(words[-1]) == len(tail) and low > start:
        return False  # no space in the window: the word is longer than any abbreviation
    return words[-1] in _NEVER_FINAL


def _repair(chunk: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Trim whitespace off each span and merge fragments the splitter cut too early."""
    spans: list[tuple[int, int]] = []
    for start, end in offsets:
        start = max(0, min(start, len(chunk)))
        end = max(start, min(end, len(chunk)))
        while start < end and chunk[start].isspace():
            start += 1
        while end > start and chunk[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        piece = chunk[start:end]
        if spans and (_CONTINUATION.match(piece) or _ends_in_abbreviation(chunk, *spans[-1])):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


MAX_SENTENCE_CHARS = 2_000


def _bounded(chunk: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each span, cut into parts of at most MAX_SENTENCE_CHARS at the last space of a window
    (a hard cut where the window's second half has no space), each part trimmed."""
    limit = MAX_SENTENCE_CHARS
    for start, end in spans:
        while end - start > limit:
            cut = chunk.rfind(" ", start + limit // 2, start + limit)
            cut = cut if cut > start else start + limit
            part_end = cut
            while chunk[part_end - 1].isspace():
                part_end -= 1  # stops at start at worst: chunk[start] is not a space
            yield start, part_end
            start = cut
            while start < end and chunk[start].isspace():
                start += 1
        if end > start:
            yield start, end
