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


def parse_sources(
    texts: Sequence[str], sentences: Sequence[Sequence[Sentence]], nlp: Language
) -> Iterator[Doc]:
    """Parsed documents, one per text, in order. The parser keeps our sentence boundaries."""

    def prepared() -> Iterator[Doc]:
        for text, sents in zip(texts, sentences, strict=True):
            doc = nlp.make_doc(text)
            doc.user_data[_TEXT_KEY] = text
            starts = {s.start for s in sents}
            for token in doc:
                if token.is_space:
                    continue
                token.is_sent_start = token.idx in starts or token.i == 0
            yield doc

    yield from nlp.pipe(prepared(), batch_size=16)
