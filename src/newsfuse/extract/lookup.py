"""lookup: a parsed document's sentences, entities and runs of names, indexed once per document.

spaCy's ``Token.sent`` walks to both ends of its sentence, ``Span.root`` reads every token of its
span and ``Doc.ents`` builds a new tuple on each access; a reader that asks them once per quote
costs the square of a long text (a quote reader that scanned the document for the nearest
person before each quote did). :func:`index_of` answers the same questions by bisection over
lists made in one pass, and keeps them with the document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_KEY = "newsfuse.index"


class DocIndex:
    """Sentences, entities, people and name runs of one document, looked up by bisection."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sentences: list[SpacySpan] = list(doc.sents)
        self._sentence_starts = [s.start for s in self.sentences]
        self._roots: dict[int, Token] = {}
        self.ents: list[SpacySpan] = list(doc.ents)  # sorted and never overlapping
        self._ent_starts = [e.start for e in self.ents]
        self.people = [e for e in self.ents if e.label_ == "PERSON"]
        self._people_starts = [e.start for e in self.people]
        self._naming = [e for e in self.people if not modifies_outside(e)]
        self._naming_ends = [e.end_char for e in self._naming]
        self._named: NameRuns | None = None

    def sentence_number(self, i: int) -> int:
        """The position in :attr:`sentences` of the sentence that holds token ``i``."""
        return bisect_right(self._sentence_starts, i) - 1

    def sentence_of(self, i: int) -> SpacySpan:
        """The sentence that holds token ``i`` (what ``doc[i].sent`` is)."""
        return self.sentences[self.sentence_number(i)]

    def root_of(self, sentence: SpacySpan) -> Token:
        """``sentence.root``, worked out once per sentence."""
        root = self._roots.get(sentence.start)
        if root is None:
            root = self._roots[sentence.start] = sentence.root
        return root

    def entity_of(self, i: int) -> SpacySpan | None:
        """The entity that token ``i`` belongs to, if any."""
        at = bisect_right(self._ent_starts, i) - 1
        if at >= 0 and self.ents[at].start <= i < self.ents[at].end:
            return self.ents[at]
        return None

    def ents_within(self, start: int, end: int) -> list[SpacySpan]:
        """The entities that lie within tokens [start, end) (what ``Span.ents`` is, which reads
        every entity of the document)."""
        low = bisect_left(self._ent_starts, start)
        high = bisect_left(self._ent_starts, end)
        return [e for e in self.ents[low:high] if e.end <= end]

    def people_within(self, start: int, end: int) -> list[SpacySpan]:
        """The PERSON entities that lie within tokens [start, end)."""
        low = bisect_left(self._people_starts, start)
        high = bisect_left(self._people_starts, end)
        return [e for e in self.people[low:high] if e.end <= end]

    def last_person_by(self, offset: int) -> SpacySpan | None:
        """The last PERSON entity that names someone (see :func:`modifies_outside`) and ends by
        character ``offset``."""
        at = bisect_right(self._naming_ends, offset) - 1
        return self._naming[at] if at >= 0 else None

    @property
    def name_runs(self) -> NameRuns:
        """The document's runs of proper nouns (made on first use: only quotes ask)."""
        if self._named is None:
            self._named = NameRuns(self.doc)
        return self._named


def index_of(doc: Doc) -> DocIndex:
    """The index of ``doc``, made on first use and kept in its ``user_data``."""
    index = doc.user_data.get(_KEY)
    if index is None or index.doc is not doc:
        index = doc.user_data[_KEY] = DocIndex(doc)
    return index


def modifies_outside(entity: SpacySpan) -> bool:
    """Whether a name only modifies a noun outside it ("the John F. Kennedy airport")."""
    root = entity.root
    return root.dep_ == "compound" and not (entity.start <= root.head.i < entity.end)


def in_name_run(token: Token) -> bool:
    """A capitalised proper noun outside any entity but a person: part of a name, perhaps one the
    small NER model missed."""
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON") and token.is_title


def names_someone(doc: Doc, first: int, last: int) -> bool:
    """Whether the run of proper nouns doc[first..last] may be a name the NER model missed: two
    or more words, or one that is a clause's subject, and not a modifier of a noun ("Kennedy
    airport")."""
    if last < first or (doc[last].dep_ == "compound" and doc[last].head.pos_ != "PROPN"):
        return False
    return last > first or (doc[first].dep_ == "nsubj" and not doc[first].ent_type_)


class NameRuns:
    """The runs of :func:`in_name_run` tokens, to find the last one before an offset that names
    someone without reading the document from its start each time."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._token_starts = [t.idx for t in doc]
        self._run_start: list[int] = []  # for each token: where its run starts (-1: not in one)
        closed: list[tuple[int, int, int]] = []  # (offset of the token after, first, last)
        start = -1
        for token in doc:
            if in_name_run(token):
                start = token.i if start < 0 else start
                self._run_start.append(start)
                continue
            self._run_start.append(-1)
            if start >= 0 and names_someone(doc, start, token.i - 1):
                closed.append((token.idx, start, token.i - 1))
            start = -1
        self._closed = closed
        self._closed_at = [at for at, _, _ in closed]

    def last_before(self, offset: int) -> tuple[int, int] | None:
        """(first, last) token of the last run that names someone among the tokens that start
        before ``offset``, a run cut short by ``offset`` included."""
        last = bisect_left(self._token_starts, offset) - 1
        if last >= 0 and self._run_start[last] >= 0:
            first = self._run_start[last]
            if names_someone(self._doc, first, last):
                return first, last
        # a run counts once the token after it, which closes it, starts before the offset
        at = bisect_left(self._closed_at, offset) - 1
        return self._closed[at][1:] if at >= 0 else None
