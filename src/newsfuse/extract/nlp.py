"""One spaCy pass per English source, with the sentence boundaries ``segment`` already found."""

from __future__ import annotations

import re
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
    by default) or than :data:`PIECE_CHARS` is cut into pieces at paragraph (else sentence)
    starts, parsed, and joined again, so that a huge article is read like any other instead of
    sinking its batch. Each text is
    parsed on its own: an article's parse (and so its analysis) never depends on which other
    articles were parsed with it.
    """
    from spacy.tokens import Doc

    limit = max(1000, min(nlp.max_length, PIECE_CHARS))
    pieces = [
        list(_pieces(text, sents, limit)) for text, sents in zip(texts, sentences, strict=True)
    ]

    def prepared() -> Iterator[Doc]:
        for text, cuts in zip(texts, pieces, strict=True):
            for start, end, starts in cuts:
                doc = make_doc(text[start:end], nlp)
                mark_sentence_starts(doc, starts)
                yield doc

    parsed = (
        doc for batch in _batches(prepared()) for doc in nlp.pipe(batch, batch_size=len(batch))
    )
    for text, cuts in zip(texts, pieces, strict=True):
        parts = [next(parsed) for _ in cuts]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        doc.user_data[_TEXT_KEY] = text
        yield doc


#: A word (a run of characters without a space) longer than this is one token. spaCy's tokenizer
#: takes punctuation off the end of a word one character at a time, searching the rest of the
#: word each time: 8,000 characters of "((" took 17 s, and a line of quotation marks minutes.
#: No word of prose is this long; a web address may be, and is one token anyway.
LONG_WORD = 100
_LONG_WORD = re.compile(rf"(\S{{{LONG_WORD + 1},}})( ?)")  # with the space after it, if any


def make_doc(text: str, nlp: Language) -> Doc:
    """``nlp.make_doc(text)``, except that every word longer than :data:`LONG_WORD` is one token;
    the document's text is ``text`` exactly, so offsets hold."""
    from spacy.tokens import Doc

    if not _LONG_WORD.search(text):
        return nlp.make_doc(text)
    parts: list[Doc] = []
    at = 0
    for match in _LONG_WORD.finditer(text):
        if match.start() > at:
            parts.append(nlp.make_doc(text[at : match.start()]))
        parts.append(Doc(nlp.vocab, words=[match.group(1)], spaces=[bool(match.group(2))]))
        at = match.end()
    if at < len(text):
        parts.append(nlp.make_doc(text[at:]))
    return Doc.from_docs(parts, ensure_whitespace=False)


#: The longest piece of a text parsed as one document. spaCy refuses texts over its
#: ``max_length`` (a million characters), and below that its cost per token still grows with
#: the document (313 µs a token in a text of 1.3 MB, 252 µs in pieces of 100,000 characters;
#: the brief of two 154 kB texts took 31.7 s in pieces of 100,000 characters and 21.9 s in
#: pieces of 20,000, and 33.6 s and 29.4 s in a noisier run, benchmarks/fuzz_growth.py):
#: longer texts are parsed in pieces cut at paragraph starts, and joined. A news article is
#: shorter, and is parsed whole.
PIECE_CHARS = 20_000


#: Texts parsed together by ``nlp.pipe`` (its default is 1000: news articles are long, and 16
#: keeps a batch's memory small at no measurable cost).
PARSE_BATCH = 16

#: The most characters parsed in one batch. The model's layers run over one array of all the
#: batch's tokens, and past some hundred thousand tokens each token costs more: the pieces of
#: one 151 kB text parsed in one batch took 242 µs a token, under this bound 187 µs, and the
#: brief's time grew as size^1.31 without it, size^0.82 with it (benchmarks/parse_costs.py and
#: benchmarks/fuzz_growth.py). 80 news articles (4 kB on average) parse at 170-175 µs a token
#: in batches of 4, 8 or 16.
BATCH_CHARS = 2 * PIECE_CHARS


def _batches(docs: Iterator[Doc]) -> Iterator[list[Doc]]:
    """Consecutive documents, at most PARSE_BATCH and (but for a single long one) BATCH_CHARS
    characters a batch."""
    batch: list[Doc] = []
    chars = 0
    for doc in docs:
        if batch and (len(batch) == PARSE_BATCH or chars + len(doc.text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
    if batch:
        yield batch


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
