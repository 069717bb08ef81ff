"""clean_rules: the paragraph rules of :mod:`newsfuse.clean` (its step 3), each a test that
returns True for a paragraph to drop, and ``RULES``, the order they run in: the first rule that
matches names the removal.

The rules look at the shape of a paragraph (length, punctuation, position, repetition, what it
starts and ends with), never at particular sentences; each has a unit test with a paragraph it
removes and a look-alike it must keep.

A rule sees the paragraph and a :class:`_Context` of the whole document: how often each
paragraph occurs, and the parses the scene-caption rule needs. Only that rule reads the parser,
so ``_parsed_caption_candidates`` parses, in one batch before the rules run, just the paragraphs
that pass its cheap gate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .agencies import AGENCY_PATTERN
from .clean_paragraphs import _ends_like_sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str
    index: int


@dataclass(frozen=True, slots=True)
class _Context:
    """What a paragraph rule may look at besides the paragraph itself."""

    repeats: Counter[str]
    count: int
    #: paragraph index -> its parse, for the paragraphs that pass the caption rule's cheap gate
    captions: Mapping[int, Doc]


Rule = Callable[[_Paragraph, _Context], bool]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


_RELATED = re.compile(
    r"^(?:related(?: articles?| stor(?:y|ies)| content| coverage| reading)?|read more|read also"
    r"|also read|see also|more on this(?: story)?|recommended|watch|listen|further reading)"
    r"\s*[:|–—-]",
    re.IGNORECASE,
)


def is_related_link(p: _Paragraph, ctx: _Context) -> bool:
    """'Related article: Kazakhstan Wakes Up', 'READ MORE: ...' (a link, not prose)."""
    return bool(_RELATED.match(p.text)) and _words(p.text) <= 30


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)


def is_copyright(p: _Paragraph, ctx: _Context) -> bool:
    """'© AFP 2022', 'Copyright 2022 The Associated Press. All rights reserved.'"""
    return bool(_COPYRIGHT.search(p.text)) and _words(p.text) <= 20


_SIGNOFF = re.compile(  # case-insensitive: sign-offs are often set in capitals ("AGENCIES")
    rf"^[\s(—–-]*(?:with\s+)?(?:(?:{AGENCY_PATTERN}|agencies|agency|wires?|staff)"
    rf"(?:\s*(?:/|,|and|&|\+)\s*)?)+[\s).—–-]*$"
    r"|^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\b[^.]{0,120}\)?\.?$",
    re.IGNORECASE,
)


def is_signoff(p: _Paragraph, ctx: _Context) -> bool:
    """A lone agency credit ('AGENCIES', '— AFP', 'AFP/dpa') or 'Reporting by ...; Editing by ...'."""
    return _words(p.text) <= 25 and bool(_SIGNOFF.match(p.text))


_BYLINE = re.compile(
    r"^by\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin|and|&|,))*"
    r"(?:\s*[,|–—-]\s*[\w .'’-]{0,40})?$",
)


def is_byline(p: _Paragraph, ctx: _Context) -> bool:
    """'By Jane Doe', 'By Jane Doe and John Roe | Reuters' (a credit line, not prose)."""
    text = p.text.strip()
    return _words(text) <= 12 and bool(_BYLINE.match(text[:1].lower() + text[1:]))


_PLEA_CUES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\bsupport (?:us|our|the [A-Z]\w+|independent|quality)\b",
        r"\byour (?:contributions?|support|donations?|subscription)\b",
        r"\bdonat(?:e|ion)s?\b(?! blood)",
        r"\bsubscri(?:be|ption)\b",
        r"\bsign up\b",
        r"\bnewsletters?\b",
        r"\bbecome an? (?:member|subscriber|supporter|patron)\b",
        r"\b(?:open|independent|quality|public[- ]interest) journalism\b",
        r"\bpaywall\b",
        r"\bcontinue (?:to deliver|reading|our work)\b",
    )
)


def is_plea(p: _Paragraph, ctx: _Context) -> bool:
    """Donation and subscription pleas: two or more distinct cues in one paragraph."""
    hits = sum(1 for cue in _PLEA_CUES if cue.search(p.text))
    return hits >= 2 and _words(p.text) <= 80


_PHOTO_CREDIT = re.compile(
    r"(?:\b(?:source|photo(?:graph)?s?|image|picture|credit|foto|illustration)\s*:\s*"
    r"[^.!?]{1,80}|\b(?:stock photo|getty images|shutterstock|alamy|imago)|"
    r"\bphoto(?:graph)?\s*(?:by|courtesy of)\s+[^.!?]{1,60})\.?\)?$",
    re.IGNORECASE,
)


def is_photo_credit_caption(p: _Paragraph, ctx: _Context) -> bool:
    """A caption that ends with its picture credit: '... Source: Alamy Stock Photo'."""
    return _words(p.text) <= 60 and bool(_PHOTO_CREDIT.search(p.text))


# A wire's photo budget: "(NYT23) ENCINO, Calif. -- Oct. 20, 1999 -- CIR-LEE-COMICS, 10-20 --
# In December, Stan Lee's ..." describes a picture on offer, under its own dateline and the slug
# and date code of the story it goes with; it reports nothing.
_WIRE_PHOTO = re.compile(
    r"^\W{0,2}(?:[A-Z]{2,6}\d{1,4}\)\s+)?[A-Z][A-Za-z .,'’-]{1,60}--\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},"
    r"\s+\d{4}\s+--\s+[A-Z0-9]+(?:-[A-Z0-9]+)+,\s+\d{1,2}-\d{1,2}\s+--"
)


def is_wire_photo_caption(p: _Paragraph, ctx: _Context) -> bool:
    """A picture offered on a wire's photo budget, with its dateline and story slug."""
    return bool(_WIRE_PHOTO.match(p.text))


def is_repeated(p: _Paragraph, ctx: _Context) -> bool:
    """A short paragraph printed more than once (image alt text and caption, say)."""
    return ctx.repeats[_key(p.text)] > 1 and _words(p.text) <= 40


_QUOTE_CHARS = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$)")
_REPORTING_LEMMAS = frozenset(
    "say tell report announce claim warn add state confirm accuse insist urge call "
    "be have do will can may".split()
)
# Captions show people: the subject of a scene caption is a person word or a named person.
_PERSON_NOUNS = frozenset(
    "man men woman women boy boys girl girls child children people person protester protesters "
    "demonstrator demonstrators resident residents soldier soldiers officer officers police "
    "policeman policemen troops worker workers rescuer rescuers firefighter firefighters "
    "supporter supporters member members fan fans student students activist activists "
    "mourner mourners voter voters refugee refugees migrant migrants family families crowd "
    "crowds participant participants passenger passengers journalist journalists".split()
)
_PERSON_WORD = re.compile(r"\b(?:" + "|".join(sorted(_PERSON_NOUNS)) + r")\b", re.IGNORECASE)


def is_scene_caption(p: _Paragraph, ctx: _Context) -> bool:
    """A photo caption without a credit: one short sentence in the present tense in which people
    do something ('A man walks his dog near ...', 'People take part in a rally ...').

    News prose reports in the past or present perfect; a standalone present-simple sentence whose
    subject is a person and whose verb is not a reporting verb is how captions describe a picture.
    It needs the tagger, so it runs only when an English pipeline is given, and only on the
    paragraphs that pass :func:`_may_be_scene_caption` (parsed together beforehand).
    """
    doc = ctx.captions.get(p.index)
    if doc is None:
        return False
    sentences = list(doc.sents)
    if len(sentences) != 1:
        return False
    root = sentences[0].root
    if root.tag_ not in ("VBZ", "VBP") or root.lemma_.lower() in _REPORTING_LEMMAS:
        return False
    subjects = [t for t in root.children if t.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.lemma_.lower() in _PERSON_NOUNS
        or s.text.lower() in _PERSON_NOUNS
        or s.ent_type_ == "PERSON"
        for s in subjects
    )


def _may_be_scene_caption(p: _Paragraph) -> bool:
    """The cheap gate before the parser: a short one-sentence paragraph without quotes that names
    a person word (or two capitalised words) early."""
    if _words(p.text) > 30 or _QUOTE_CHARS.search(p.text):
        return False
    if not _ends_like_sentence(p.text) or ". " in p.text.rstrip(". "):
        return False
    opening = " ".join(p.text.split()[:8])
    return bool(_PERSON_WORD.search(opening) or re.match(r"[A-Z]\w+ [A-Z]\w+", opening))


def _parsed_caption_candidates(
    paragraphs: list[_Paragraph], nlp: Language | None
) -> dict[int, Doc]:
    """The parse of each paragraph that passes the gate, in one ``nlp.pipe`` call: parsed one by
    one (one ``nlp()`` call each), the example's candidates took 0.10 s of its 1.05 s brief under
    cProfile, much of it the model's fixed cost per call."""
    if nlp is None:
        return {}
    candidates = [p for p in paragraphs if _may_be_scene_caption(p)]
    docs = nlp.pipe([p.text for p in candidates]) if candidates else ()
    return {p.index: doc for p, doc in zip(candidates, docs, strict=True)}


def is_heading(p: _Paragraph, ctx: _Context) -> bool:
    """A subheading or title line: short, without sentence punctuation ('State of emergency'),
    or a short quotation standing alone as a section title ("'Old Man Out!'")."""
    text = p.text.strip()
    words = _words(text)
    if words == 0:
        return True
    if words > 10:
        return False
    if not _ends_like_sentence(text) and text[-1:] not in ",;:":
        return True
    quoted_alone = text[:1] in "\"'“‘«" and text[-1:] in "\"'”’»"
    return quoted_alone and words <= 6


# Notes a wire service sends its subscribing editors with a story: set in capitals at the start
# of a paragraph ("EDITORS:", "NONSUBSCRIBERS:", "(END OPTIONAL TRIM)"), a markup wrapper
# ("<ANNOTATION> ... </ANNOTATION>"), or routing and sales lines ("Story will move in the ``a''
# category", "it must be purchased").
_NOTE_START = re.compile(
    r"^[\W_]*(?:ATTENTION\s+)?(?:EDITORS?\b|EDITOR'S NOTE|NOTE TO EDITORS|NONSUBSCRIBERS|"
    r"SUBSCRIBERS\b|(?:END\s+)?OPTIONAL\s+(?:TRIM|MATERIAL)|STORY (?:CAN|COULD|MAY) END HERE|"
    r"ADVANCE FOR\b|FOR RELEASE\b|EMBARGOED\b)"
    r"|^\s*<([A-Za-z]+)>.*</\1>\s*$"
)
_NOTE_INSIDE = re.compile(
    r"\b(?:story|this story|it)\s+(?:will move|has moved|moved|is moving)\s+(?:in|on)\s+the\b"
    r"|\bmust be purchased\b|\bsyndicate sales\b"
    r"|\b(?:contact|call)\b[^.]{0,60}\bsales (?:representative|executive)s?\b",
    re.IGNORECASE,
)


def is_wire_note(p: _Paragraph, ctx: _Context) -> bool:
    """A note to subscribing editors: 'EDITORS: Visit ...', '(END OPTIONAL TRIM)', 'By Jo Roe.
    (Story will move in the ``a'' category.)', 'To publish this article, it must be purchased'."""
    return bool(_NOTE_START.match(p.text)) or (
        _words(p.text) <= 50 and bool(_NOTE_INSIDE.search(p.text))
    )


_PHONE = r"(?:\(\d{3}\)\s?|\b\d{3}[-.])?\b\d{3}[-.]\d{4}\b"
_CONTACT_CUES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        _PHONE,
        r"\bfax\b[\s.:,]*(?:at\s+)?[(+]?\d",
        r"\b(?:telex|tel|phone|telephone)\b[\s.:,]*(?:at\s+)?[(+]?\d",
        r"[\w.+-]+(?:@|\(at\))[\w-]+\.[\w.]+",
        r"\bP\.?\s?O\.?\s+Box\b",
        r"\bcan be reached\b|\b(?:contact|write to|e-?mail)\b|\bmail\b[^.]{0,60}\bto\b",
    )
)


_CONTACT_CHARS = 1000


def is_contact(p: _Paragraph, ctx: _Context) -> bool:
    """An address or contact line: 'Reach the writer at (602) 444-8000 or by e-mail at ...',
    'Mail questions to ..., P.O. Box 4260', '--Europe: KARL ROE in Paris at 47-42-17-11; fax, ...'.
    Two different cues, so that 'Police asked anyone with information to call 555-0100' stays."""
    # the length gates first: a contact line is short, and the e-mail cue backtracks over a long
    # run of word characters at every start (8,000 characters took 3.9 s)
    if len(p.text) > _CONTACT_CHARS or _words(p.text) > 50:
        return False
    return sum(1 for cue in _CONTACT_CUES if cue.search(p.text)) >= 2


# Order matters: the first rule that matches names the removal.
RULES: tuple[tuple[str, Rule], ...] = (
    ("wire note", is_wire_note),
    ("contact", is_contact),
    ("related", is_related_link),
    ("copyright", is_copyright),
    ("signoff", is_signoff),
    ("byline", is_byline),
    ("plea", is_plea),
    ("caption", is_photo_credit_caption),
    ("caption", is_wire_photo_caption),
    ("caption", is_repeated),
    ("heading", is_heading),
    ("caption", is_scene_caption),
)
