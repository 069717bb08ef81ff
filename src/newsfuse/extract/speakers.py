"""speakers: the person (or body) the subject of a verb of saying names, and their role.

The speaker is the subject or a person in apposition to it ("the fire chief, Tom Hale,"), never
a name inside a relative clause, a prepositional phrase or a compound ("Esther Serna, who owns
the El Paso Cafe", "a spokesman for Tokayev", "the Kennedy airport"). "He" and "she" resolve to a
person named before them in their sentence, else to the subject of a recent sentence's main
clause; "the head of state" resolves to the person named before it, while "one official" and
"they" stay unnamed; a title alone ("Naval Vice Chief") yields the person beside it, and a
document ("the report said") the body that wrote it.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .entities import strip_title
from .lookup import index_of, modifies_outside
from .nlp import text_of
from .speaker_roles import phrase, role_of, role_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["SAYING", "speaker_of", "subject_person", "within"]

#: verbs of saying: the subject of one that a quote hangs on is who said it
SAYING = frozenset(
    "say tell write warn add ask urge insist declare announce confirm shout chant call accuse "
    "describe quote state explain note stress argue claim vow promise tweet post assert reply "
    "respond recall comment predict acknowledge admit concede remark testify yell scream whisper "
    "exclaim recount allege contend caution complain joke boast snap retort quip observe "
    "cite".split()
)

# a pronoun that stands for one person; "they" and "we" stand for a group the text does not name
_PRONOUNS = frozenset("he she".split())


# parts of a subject that say something about it without naming it: a relative clause ("Esther
# Serna, who owns the El Paso Cafe, said") or a clause modifier
_ASIDES = frozenset(("relcl", "acl", "advcl"))


_INDEFINITE = frozenset("a an another one some any several".split())


def speaker_of(
    subject: Token,
    doc: Doc,
    before: int,
    quoted: frozenset[int] = frozenset(),
    spans: Sequence[tuple[int, int]] = (),
) -> tuple[str | None, str | None]:
    """The person (or body) a subject names, and the role phrase around the name.

    The name is the subject itself ("said Pierre Roy, 61, a retired grocer from Lac Beauport") or
    one in apposition to it ("the fire chief, Tom Hale,"): never a name inside a relative clause,
    a prepositional phrase ("a spokesman for Tokayev") or a compound ("the Kennedy airport").
    """
    if any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
        return None, None  # "No verdicts have been announced": no one is the subject
    words = _own_words(subject)
    text = text_of(doc)
    own = _entity_of(doc, subject)
    if own is not None and own.label_ == "PERSON":
        return own.text, role_of(subject, own, words, text)
    if subject.pos_ == "PROPN":
        if own is not None:
            return own.text, None  # a body or a country: "Interfax said", "Russia said"
        run = _name_run(subject, doc)
        name = strip_title(run.text)
        if name and _only_titles(name):
            # "Naval Vice Chief Kim Ho, ..." parsed with the title as the subject: the
            # person beside the title is the speaker
            beside = _person_beside(run, doc)
            if beside is not None:
                return beside.text, run.text
        if name:
            return name, role_of(subject, None, words, text)
    appositive = _appositive_person(subject, doc, words)
    if appositive is not None:
        # the title bound to the name ("..., Armenian Prime Minister Nikol Pashinyan,") before
        # the noun it stands beside ("The CSTO's chairman"); that noun phrase as written, else
        # without what the parser hung on it ("Later on Wednesday the CSTO's chairman")
        title = [t for t in appositive.root.subtree if t.i < appositive.start]
        role = role_phrase(text[title[0].idx : appositive.start_char], "") if title else None
        role = role or role_phrase(text[words[0].idx : appositive.start_char], "")
        head = [t for t in _head_words(subject, words) if t.i < appositive.start]
        return appositive.text, role or phrase(doc, head) or None
    if subject.lower_ in _PRONOUNS:
        return _antecedent(doc, subject, quoted, spans), None
    if subject.pos_ == "PRON":
        return None, None
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in _DOCUMENTS:
        # "the report said": the body that wrote it ("the UNICEF report", "a report by the
        # ministry"), else no one
        author = _author_of(subject, doc) or _earlier_author(subject, doc)
        return (author, None) if author else (None, None)
    if subject.pos_ == "NOUN":
        role = phrase(doc, _head_words(subject, words))
        # "the head of state said" stands for the person named before; "one official said" and
        # "a spokesman said" bring in someone the report does not name
        # the person named before the subject and before the quote: in 'the spokesman said
        # Farrakhan "has clearly offensive views"' Farrakhan is who is spoken of
        start = min(before, *(t.idx for t in words))
        nearest = _nearest_person(doc, start) if _stands_for_a_person(subject) else None
        if nearest is not None:
            return nearest, role
        return role, None  # a body, not a person: "police", "the ministry"
    return phrase(doc, words) or None, None


#: title words: a name run made of these alone is a title, not a name
_TITLE_WORDS = frozenset(
    "vice deputy naval acting senior chief general executive assistant associate prime "
    "foreign defense defence interior state director president minister secretary "
    "spokesman spokeswoman commander governor mayor chairman chairwoman ambassador "
    "envoy premier head leader officer lieutenant colonel major captain sergeant admiral "
    "inspector superintendent commissioner attorney judge justice professor dr".split()
)


#: what a subject names when a document speaks ("the report said", "the statement added")
_DOCUMENTS = frozenset(
    "report statement study survey document letter communique communiqué analysis "
    "paper memo memorandum release bulletin leaflet pamphlet flier flyer brochure fax "
    "resolution platform petition advertisement ad commercial editorial advisory".split()
)


def _only_titles(name: str) -> bool:
    return all(word.lower().strip(".") in _TITLE_WORDS for word in name.split())


def _person_beside(run: SpacySpan, doc: Doc) -> SpacySpan | None:
    """The PERSON right after a title run, or one it governs ("Director Jane Roe")."""
    for token in doc[run.end : min(len(doc), run.end + 3)]:
        entity = _entity_of(doc, token)
        if entity is not None and entity.label_ == "PERSON":
            return entity
    for token in run.root.subtree:
        entity = _entity_of(doc, token)
        if entity is not None and entity.label_ == "PERSON":
            return entity
    return None


def _author_of(document: Token, doc: Doc) -> str | None:
    """Who wrote a document: its compound or possessor ('the UNICEF report', "Amnesty's
    report"), its 'by' / 'from' object ('a report by the ministry'), the agent of a participle
    ("a statement issued by Netanyahu's office"), or who spoke in it ('the EU said in a
    statement')."""
    for child in document.children:
        if child.dep_ in ("compound", "poss"):
            entity = _entity_of(doc, child)
            if entity is not None and entity.label_ in ("ORG", "PERSON", "GPE", "NORP"):
                return entity.text
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                entity = _entity_of(doc, obj)
                if obj.dep_ == "pobj" and entity is not None and entity.label_ in ("ORG", "PERSON"):
                    return entity.text
        if child.dep_ == "acl":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            body = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if body is not None and any(_entity_of(doc, t) is not None for t in body.subtree):
                return phrase(doc, list(body.subtree))
    preposition = document.head
    verb = preposition.head
    if document.dep_ == "pobj" and preposition.lower_ == "in" and verb.pos_ == "VERB":
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        entity = _entity_of(doc, subject) if subject is not None else None
        if entity is not None and entity.label_ in ("ORG", "PERSON", "GPE", "NORP"):
            return entity.text
    return None


def _earlier_author(document: Token, doc: Doc) -> str | None:
    """The author of "the statement" that an earlier sentence named: the last mention of the
    same kind of document within three sentences back ("A statement issued by Netanyahu's
    office said ... '...,' the statement said")."""
    if not any(c.lower_ == "the" for c in document.children):
        return None  # "a statement said": another one
    index = index_of(doc)
    sentence = index.sentence_of(document.i)
    for _ in range(3):
        if sentence.start == 0:
            break
        sentence = index.sentence_of(sentence.start - 1)
        for token in reversed(sentence):
            if token.pos_ == "NOUN" and token.lemma_ == document.lemma_:
                return _author_of(token, doc)
    return None


def _stands_for_a_person(subject: Token) -> bool:
    """'the head of state' stands for the person named before; 'one official', 'a spokesman',
    "Blair's spokesman" and 'the spokesman for the ministry' bring in someone the report does
    not name."""
    return _is_role(subject) and not any(
        c.lower_ in _INDEFINITE
        or c.dep_ in ("nummod", "poss")
        or (c.dep_ == "prep" and c.lower_ == "for")
        for c in subject.children
    )


def _antecedent(
    doc: Doc,
    pronoun: Token,
    quoted: frozenset[int] = frozenset(),
    spans: Sequence[tuple[int, int]] = (),
    depth: int = 0,
) -> str | None:
    """Who "he" or "she" stands for: a person named before it in its sentence (the subject of a
    verb of saying first), else, sentence by sentence back, who the main clause's subject names
    (the same pronoun again is followed further back), else the last person that sentence names
    outside quotes, else the nearest person."""
    index = index_of(doc)
    sentence = index.sentence_of(pronoun.i)
    # a person named earlier in the pronoun's own sentence ("Tokayev said ... what he called"),
    # unless the name belongs to what is quoted ('Charest "often looked tired," he said'); who
    # said something before ('Wang said that Yao had left. "...," he said') over who was named
    own = _people(doc, sentence.start, pronoun.i, quoted, spans)
    if own:
        speakers = [e for e in own if _is_saying_subject(e.root)]
        return (speakers or own)[-1].text
    for _ in range(3):
        if sentence.start == 0:
            break
        sentence = index.sentence_of(sentence.start - 1)
        subject = next(
            (c for c in index.root_of(sentence).children if c.dep_ in ("nsubj", "nsubjpass")),
            None,
        )
        if subject is not None and subject.lower_ == pronoun.lower_ and depth < 3:
            # 'He told MPs that the chairman, Sir William Macpherson, had ... "...," he said':
            # both are the one named before
            return _antecedent(doc, subject, frozenset(), spans, depth + 1)
        if subject is not None and subject.pos_ != "PRON":
            named = subject_person(doc, subject)
            if named is not None:
                return named
        named = _people(doc, sentence.start, sentence.end, frozenset(), spans)
        if named:
            return named[-1].text
        # else "he said again": the person is named further back
    return _nearest_person(doc, pronoun.idx)


def subject_person(doc: Doc, subject: Token) -> str | None:
    """The person a main clause's subject names, for a pronoun to take up (subjects are what a
    pronoun takes up, not the "John F. Kennedy" of a relative clause)."""
    entity = _entity_of(doc, subject)
    if entity is not None and entity.label_ == "PERSON":
        return entity.text
    # a name without an article ("the Shinnecock" are a people, not a person), or one the
    # model tagged otherwise that is the surname of a person the text names ("Jack Straw ...
    # Straw said")
    if (
        subject.pos_ == "PROPN"
        and subject.is_title
        and not any(c.dep_ == "det" for c in subject.children)
        and (entity is None or _surname_of_a_person(doc, subject))
    ):
        return strip_title(_name_run(subject, doc).text) or None
    appositive = _appositive_person(subject, doc, _own_words(subject))
    if appositive is not None:
        return appositive.text
    if subject.pos_ == "NOUN" and _stands_for_a_person(subject):
        return _nearest_person(doc, subject.idx)
    return None


def _surname_of_a_person(doc: Doc, token: Token) -> bool:
    return any(e[-1].text == token.text and len(e) > 1 for e in index_of(doc).people)


def _is_saying_subject(token: Token) -> bool:
    """Whether ``token`` is the subject of a verb of saying ("Wang ... said later that")."""
    head = token.head
    return (
        token.dep_ in ("nsubj", "nsubjpass")
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() in SAYING
    )


def _people(
    doc: Doc,
    start: int,
    end: int,
    quoted: frozenset[int],
    spans: Sequence[tuple[int, int]] = (),
) -> list[SpacySpan]:
    """The PERSON entities between tokens ``start`` and ``end`` that name someone, outside
    ``quoted`` and outside every quote (``spans``: 'Albright said ... "how Vladimir Putin will
    try," she said' names Putin inside what she says)."""
    return [
        e
        for e in index_of(doc).people_within(start, end)
        if not any(t.i in quoted for t in e)
        and not within(spans, e.start_char)
        and not modifies_outside(e)
    ]


def within(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls inside one of ``spans`` (sorted and disjoint, as
    :func:`quote_spans` gives them)."""
    at = bisect_right(spans, (offset, math.inf)) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def _own_words(subject: Token) -> list[Token]:
    """The subject's subtree less its asides (relative clauses and clause modifiers)."""
    skipped: set[int] = set()
    for token in subject.subtree:
        if token.dep_ in _ASIDES and token.i != subject.i:
            skipped |= {t.i for t in token.subtree}
    return [t for t in subject.subtree if t.i not in skipped]


def _head_words(subject: Token, words: list[Token]) -> list[Token]:
    """The noun phrase of a subject without what the parser hangs on it besides: appositions,
    adverbs ("Later on Wednesday the CSTO's chairman"), coordination."""
    cut: set[int] = set()
    for child in subject.children:
        if child.dep_ in ("appos", "advmod", "npadvmod", "punct", "cc", "conj"):
            cut |= {t.i for t in child.subtree}
    return [t for t in words if t.i not in cut]


def _entity_of(doc: Doc, token: Token) -> SpacySpan | None:
    return index_of(doc).entity_of(token.i)


def _name_run(subject: Token, doc: Doc) -> SpacySpan:
    """A proper-noun subject with the proper nouns compounded to it ("Tim Giago")."""
    start = subject.i
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].head.i in range(start, subject.i + 1)
    ):
        start -= 1
    return doc[start : subject.i + 1]


def _appositive_person(subject: Token, doc: Doc, words: list[Token]) -> SpacySpan | None:
    """A person in apposition within the subject ("The spokesman for the party, Chris Lee,")."""
    for token in words:
        if token.dep_ != "appos":
            continue
        entity = _entity_of(doc, token)
        if entity is not None and entity.label_ == "PERSON":
            return entity
        if token.pos_ == "PROPN" and entity is None and token.is_title:
            return _name_run(token, doc)
    return None


_ROLE_NOUNS = frozenset(
    "head president minister spokesman spokeswoman spokesperson leader chief official "
    "governor mayor secretary chairman commander director premier envoy ambassador".split()
)


def _is_role(subject: Token) -> bool:
    """'the head of state', 'the police spokesman': a role that stands for a named person."""
    return subject.lemma_.lower() in _ROLE_NOUNS


def _nearest_person(doc: Doc, before: int) -> str | None:
    """The last person named before ``before``: a PERSON entity that names someone (not the
    "Kennedy" of "Kennedy airport"), a run of two or more proper nouns outside other entities
    (the small NER model misses many names), or a lone proper noun that is a clause's subject
    ("Murad joined the investigators")."""
    # both looked up in the document's index: reading the document up to ``before`` for every
    # quote cost the square of a long text
    index = index_of(doc)
    best = index.last_person_by(before)
    candidate = index.name_runs.last_before(before)
    if candidate is not None and (best is None or doc[candidate[0]].idx > best.end_char):
        return strip_title(doc[candidate[0] : candidate[1] + 1].text) or None
    return best.text if best is not None else None
