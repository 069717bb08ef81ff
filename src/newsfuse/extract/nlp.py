"""One spaCy pass per English source, with the sentence boundaries ``segment`` already found."""

from __future__ import annotations

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


def parse_sources(
    texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], nlp: Language
) -> Iterator[Doc]:
    """Parsed documents, one per text, in order, each as it is parsed. The parser keeps our
    sentence boundaries.

    A text longer than the pipeline's ``max_length`` (spaCy refuses those: a million characters
    by default) is cut into pieces at paragraph (else sentence) starts, parsed, and joined again,
    so that a huge article is read like any other instead of sinking its batch. Each text is
    parsed on its own: an article's parse (and so its analysis) never depends on which other
    articles were parsed with it.
    """
    from spacy.tokens import Doc

    limit = max(1000, nlp.max_length)
    pieces = [
        list(_pieces(text, sents, limit)) for text, sents in zip(texts, sentences, strict=True)
    ]

    def prepared() -> Iterator[Doc]:
        for text, cuts in zip(texts, pieces, strict=True):
            for start, end, starts in cuts:
                doc = nlp.make_doc(text[start:end])
                mark_sentence_starts(doc, starts)
                yield doc

    parsed = nlp.pipe(prepared(), batch_size=PARSE_BATCH)
    for text, cuts in zip(texts, pieces, strict=True):
        parts = [next(parsed) for _ in cuts]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        doc.user_data[_TEXT_KEY] = text
        yield doc


#: Texts parsed together by ``nlp.pipe`` (its default is 1000: news articles are long, and 16
#: keeps a batch's memory small at no measurable cost).
PARSE_BATCH = 16


def _pieces(
    text: str, sentences: Sequence[Sentence], limit: int
) -> Iterator[tuple[int, int, set[int]]]:
    """[start, end) ranges that cover ``text``, none longer than ``limit``, each with the
    sentence starts inside it (relative to the range)."""
    if len(text) <= limit:
        yield 0, len(text), {s.start for s in sentences}
        return
    starts = sorted(s.start for s in sentences)
    for start, end in pairwise(_cut_points(text, sentences, limit)):
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
