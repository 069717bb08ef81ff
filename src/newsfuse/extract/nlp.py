"""One spaCy pass per English source, with the sentence boundaries ``segment`` already found."""

from __future__ import annotations

import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


_TEXT_KEY = "newsfuse.text"


def text_of(doc: Doc) -> str:
    """The text of a parsed document. ``Doc.text`` re-joins every token on each access, which
    the readers below would do thousands of times; the text is kept once at parse time."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def mark_sentence_starts(doc: Doc, starts: set[int]) -> None:
    """Make the tokens at character offsets ``starts`` (and only those) begin sentences.

    All at once through ``Doc.from_array``: setting ``Token.is_sent_start`` token by token makes
    spaCy re-check the document's sentences each time, which is quadratic (40 ms of a 300 ms
    DUC article, and a 1 MB text did not finish in 150 s). Space tokens are left unset, as the
    parser expects.
    """
    import numpy
    from spacy.attrs import SENT_START

    if len(doc) == 0:
        return
    flags = [0 if t.is_space else (1 if t.i == 0 or t.idx in starts else -1) for t in doc]
    # spaCy's own arrays hold attributes as uint64, with -1 wrapped around
    doc.from_array([SENT_START], numpy.array(flags, dtype=numpy.int64).view(numpy.uint64)[:, None])


#: A sentence this long (in words) that several texts of one run print is parsed once, alone,
#: and its parse reused in each: wire copy repeats whole paragraphs. Shorter ones ("He said.")
#: cost little and parse better in their context.
SHARED_WORDS = 8


def parse_sources(
    texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], nlp: Language
) -> Iterator[Doc]:
    """Parsed documents, one per text, in order. The parser keeps our sentence boundaries.

    Each distinct piece of text is parsed once per call: a long sentence that several texts
    share (wire copy) is a piece of its own, parsed alone, so every outlet that prints it gets
    the same reading of it; the rest of a text is parsed in its context. A text longer than the
    pipeline's ``max_length`` (spaCy refuses those: a million characters by default) is cut
    into pieces at paragraph (else sentence) starts and joined again, so that a huge article is
    read like any other instead of sinking its batch.
    """
    from spacy.tokens import Doc

    limit = max(1000, nlp.max_length)
    shared = _shared_sentences(texts, sentences, limit)
    pieces = [
        list(_pieces(text, sents, limit, shared))
        for text, sents in zip(texts, sentences, strict=True)
    ]
    keys = {
        (text[a:b], tuple(sorted(st))): None
        for text, cuts in zip(texts, pieces, strict=True)
        for a, b, st in cuts
    }

    def prepared() -> Iterator[Doc]:
        for piece, starts in keys:
            doc = nlp.make_doc(piece)
            mark_sentence_starts(doc, set(starts))
            yield doc

    parsed = dict(zip(keys, nlp.pipe(prepared(), batch_size=16), strict=True))
    for text, cuts in zip(texts, pieces, strict=True):
        parts = [parsed[text[a:b], tuple(sorted(st))] for a, b, st in cuts]
        if len(parts) == 1:
            doc = parts[0]
        else:
            with warnings.catch_warnings():
                # a part that is also another text's whole document carries that text in its
                # user data, which spaCy says it skips (W102): the joined text is set below
                warnings.filterwarnings("ignore", message=r"\[W102\]")
                doc = Doc.from_docs(parts, ensure_whitespace=False)
        doc.user_data[_TEXT_KEY] = text
        yield doc


def _units(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Each sentence with the space after it, the first with what comes before it."""
    cuts = [0, *(s.start for s in sentences[1:]), len(text)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _shared_sentences(
    texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], limit: int
) -> set[str]:
    seen: dict[str, int] = {}
    for text, sents in zip(texts, sentences, strict=True):
        for a, b in _units(text, sents):
            unit = text[a:b]
            if b - a <= limit and len(unit.split()) >= SHARED_WORDS:
                seen[unit] = seen.get(unit, 0) + 1
    return {unit for unit, count in seen.items() if count >= 2}


def _pieces(
    text: str, sentences: Sequence[Sentence], limit: int, shared: set[str]
) -> Iterator[tuple[int, int, set[int]]]:
    """[start, end) ranges that cover ``text``, none longer than ``limit`` and each shared
    sentence one of them, with the sentence starts inside each (relative to the range)."""
    if len(text) <= limit and not shared:
        yield 0, len(text), {s.start for s in sentences}
        return
    cuts = set(_cut_points(text, sentences, limit))
    for a, b in _units(text, sentences):
        if text[a:b] in shared:
            cuts.update((a, b))
    starts = sorted(s.start for s in sentences)
    for start, end in pairwise(sorted(cuts)):
        inside = starts[bisect_left(starts, start) : bisect_left(starts, end)]
        yield start, end, {at - start for at in inside}


def _cut_points(text: str, sentences: Sequence[Sentence], limit: int) -> list[int]:
    paragraph_starts = [
        s.start for k, s in enumerate(sentences) if k and s.paragraph != sentences[k - 1].paragraph
    ]
    sentence_starts = [s.start for s in sentences[1:]]
    cuts = [0]
    while len(text) - cuts[-1] > limit:
        here, ceiling = cuts[-1], cuts[-1] + limit
        # the last paragraph start that fits, else the last sentence start, else a space
        for starts in (paragraph_starts, sentence_starts):
            at = bisect_right(starts, ceiling) - 1
            if at >= 0 and starts[at] > here + limit // 2:
                cuts.append(starts[at])
                break
        else:
            space = text.rfind(" ", here + limit // 2, ceiling)
            cuts.append(space + 1 if space > here else ceiling)
    return [*cuts, len(text)]
