"""One spaCy pass per English source, with the sentence boundaries ``segment`` already found."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
    """Parsed documents, one per text, in order. The parser keeps our sentence boundaries."""

    def prepared() -> Iterator[Doc]:
        for text, sents in zip(texts, sentences, strict=True):
            doc = nlp.make_doc(text)
            doc.user_data[_TEXT_KEY] = text
            mark_sentence_starts(doc, {s.start for s in sents})
            yield doc

    yield from nlp.pipe(prepared(), batch_size=16)
