"""clean: from the raw text of an article to the cleaned text that every offset points into.

Steps, in order:

1. normalise whitespace and line ends (NFC, no-break spaces, zero-width characters);
2. re-join hard-wrapped lines into paragraphs (the wrap width is measured per document);
3. drop paragraphs that are not the report: photo captions, subheadings, donation and
   subscription pleas, copyright lines and agency sign-offs, "Related article" links, bylines,
   notes to subscribing editors and contact lines (newswire typesetting codes such as "&QL;"
   are taken out first, the quads as paragraph breaks);
4. strip scraping debris glued to the first word (a stray "A." before "In the face ...");
5. take the dateline ("MOSCOW —") off the first paragraph and keep it as metadata.

Each dropped piece is kept as a :class:`Removal` with the rule's name, so the reader of a brief
can see what was taken out and why, and later stages (the credit reader in ``reuse``) can still
read sign-offs such as "© AFP 2022".

The rules look at the shape of a paragraph (length, punctuation, position, repetition, what it
starts and ends with), never at particular sentences; each has a unit test with a paragraph it
removes and a look-alike it must keep.

>>> from newsfuse.model import Article
>>> clean_article(Article(text="MOSCOW — Troops arrived.\\n\\n© AFP 2022")).text
'Troops arrived.'
"""

from __future__ import annotations

import html
import html.entities
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from .agencies import AGENCY_PATTERN
from .model import Article, CleanArticle, Removal

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_TERMINAL = ".!?…"
_CLOSERS = "\"'”’)»]"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
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


def clean_article(article: Article, nlp: Language | None = None) -> CleanArticle:
    """Clean one article. ``nlp`` (an English spaCy pipeline) enables the caption-tense rule."""
    removed: list[Removal] = []
    raw, codes = strip_typesetting_codes(article.text)
    if codes:
        removed.append(Removal(rule="typesetting", text=" ".join(codes)))
    text = normalise(raw)
    joined = join_wrapped_lines(text)
    if joined:
        joined[-1], pickup = strip_pickup_note(joined[-1])
        if pickup:
            removed.append(Removal(rule="wire note", text=pickup))
    paragraphs = [_Paragraph(p, i) for i, p in enumerate(joined)]
    english = nlp if (article.language in (None, "en")) else None
    context = _Context(
        repeats=Counter(_key(p.text) for p in paragraphs),
        count=len(paragraphs),
        captions=_parsed_caption_candidates(paragraphs, english),
    )
    kept: list[str] = []
    bullets = 0
    for paragraph in paragraphs:
        rule = next((name for name, test in RULES if test(paragraph, context)), None)
        if rule is None:
            kept.append(_BULLET.sub("", paragraph.text))
            bullets += paragraph.text != kept[-1]
        else:
            removed.append(Removal(rule=rule, text=paragraph.text))
    if bullets:
        removed.append(Removal(rule="bullet", text=f"{bullets} list marker(s)"))
    dateline = None
    if kept:
        kept[0], debris = strip_leading_debris(kept[0])
        if debris:
            removed.append(Removal(rule="debris", text=debris))
        kept[0], dateline = split_dateline(kept[0])
        if dateline:
            removed.append(Removal(rule="dateline", text=dateline))
    return CleanArticle(
        article=article,
        text="\n\n".join(p for p in kept if p),
        dateline=dateline,
        removed=tuple(removed),
    )


# ---------------------------------------------------------------------------------------------
# Whitespace and hard wraps


# A lone surrogate (from a JSON "\ud800", or a file name that is not UTF-8) encodes in no output
# format and stops the sentence splitter, which reads UTF-8: it becomes U+FFFD, as a decoder
# would have made it.
_SURROGATE = re.compile("[\ud800-\udfff]")


# Control characters print as nothing (or as boxes) and HTML calls a NUL a parse error: the ones
# that break a line (vertical tab, form feed, NEL, the Unicode separators) become line breaks,
# the rest (NUL, escape, the C1 range) are taken out.
_BREAKS = re.compile("[\x0b\x0c\x85\u2028]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def normalise(text: str) -> str:
    """NFC, Unix line ends, plain spaces, no invisible or control characters or lone
    surrogates, no trailing blanks."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    text = _CONTROLS.sub("", _BREAKS.sub("\n", text))
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).rstrip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


# A list marker before a paragraph ("_ " in AP copy, "• ", "- "): the item reads without it, and a
# sentence lifted from it should not start with it. Numbered items keep their numbers.
_BULLET = re.compile(r"^[_•·*‣◦–-]\s+(?=\S)")


# The typesetting codes that newswire archives carry in their plain text (ANPA-style: "&QL;" ends
# a line flush left, "&QC;" centred, "&UR;"/"&LR;" open and close a rule); the quads end a
# paragraph. Entity names ("&AMP;", "&amp;", "&quot;") are characters, not codes.
_QUAD = re.compile(r"&Q[LCR];")
_CODE = re.compile(r"&([A-Za-z]{2,8});")


def _quads_to_breaks(text: str) -> str:
    """Each quad, with the spaces around it, as a paragraph break. Split, then strip: a pattern
    with the spaces in it (``\\s*&QL;\\s*``) backtracks over every run of spaces that no quad
    follows, which grows with the square of the run."""
    pieces = _QUAD.split(text)
    if len(pieces) == 1:
        return text
    inner = [piece.strip() for piece in pieces[1:-1]]
    return "\n\n".join([pieces[0].rstrip(), *inner, pieces[-1].lstrip()])


def strip_typesetting_codes(text: str) -> tuple[str, list[str]]:
    """Turn newswire typesetting codes into paragraph breaks (quads) or nothing, and HTML entity
    names into their characters; returns the text and the distinct codes taken out."""
    codes = dict.fromkeys(m.group(0) for m in _CODE.finditer(text) if not _is_entity(m.group(0)))
    if not codes and "&" not in text:
        return text, []
    text = _quads_to_breaks(text)

    def replace(match: re.Match[str]) -> str:
        code = match.group(0)
        return html.unescape(code) if _is_entity(code) else ""

    return _CODE.sub(replace, text), list(codes)


def _is_entity(code: str) -> bool:
    return code[1:] in html.entities.html5


def join_wrapped_lines(text: str) -> list[str]:
    """Split ``text`` into paragraphs, re-joining lines that a hard wrap broke.

    In a hard-wrapped document (see :func:`_wrap_width`) a line continues on the next unless it
    ends a sentence well short of the wrap width. In any document, a line that ends without
    sentence punctuation and is followed by a lowercase start is a wrap. Everything else is a
    paragraph break, which keeps one-paragraph-per-line documents intact.
    """
    lines = text.split("\n")
    width = _wrap_width(lines)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(_join(current))
            current.clear()

    previous = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            previous = ""
            continue
        if current and not _continues(previous, line, width):
            flush()
        current.append(stripped)
        previous = stripped
    flush()
    return paragraphs


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The hard-wrap width of a document, or None when its lines are not hard-wrapped.

    In hard-wrapped text most lines that another line follows stop in mid-sentence; in text with
    one paragraph per line almost all of them end a sentence. The width is the median length of
    the long lines.
    """
    stripped = [line.strip() for line in lines]
    followed = [a for a, b in pairwise(stripped) if a and b]
    if len(followed) < 3:
        return None
    mid_sentence = [line for line in followed if not _ends_like_sentence(line)]
    if len(mid_sentence) < 0.5 * len(followed):
        return None
    longest = max(len(line) for line in followed)
    if longest > 200:  # nobody wraps that wide: these lines are whole paragraphs
        return None
    return int(statistics.median(len(line) for line in followed if len(line) >= 0.7 * longest))


def _continues(previous: str, line: str, width: int | None) -> bool:
    if not previous:
        return False
    stripped = line.strip()
    ends_sentence = _ends_like_sentence(previous) or previous[-1:] == ":"
    if not ends_sentence and (stripped[:1].islower() or stripped[:1].isdigit()):
        return True
    if width is None:
        return False
    if not ends_sentence:
        return True
    # A wrap can fall right after a full stop: the line then still reaches the width.
    return not line[:1].isspace() and len(previous) >= 0.85 * width


def _join(lines: Sequence[str]) -> str:
    # the hyphen test reads the end of the line before, not of all that was joined so far (a
    # search over the growing paragraph made a hard-wrapped text quadratic)
    parts = [lines[0]]
    for before, line in pairwise(lines):
        if _HYPHENATED.search(before[-2:]) and line[:1].islower():
            parts.append(
                line
            )  # a word hyphenated across the wrap keeps its hyphen, loses the break
        else:
            parts.append(" " + line)
    return "".join(parts)


_HYPHENATED = re.compile(r"[A-Za-z]-$")


# ---------------------------------------------------------------------------------------------
# Paragraph rules (each returns True for a paragraph to drop)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _ends_like_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL


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
    ("caption", is_repeated),
    ("heading", is_heading),
    ("caption", is_scene_caption),
)


# ---------------------------------------------------------------------------------------------
# Debris and datelines

# A lone capital and a full stop glued to a capitalised word ("A.In the face of ..."): left over
# from a drop cap or a scraped list marker. "U.S." and "J.R.R." do not match: the glued word must
# continue in lowercase.
_DEBRIS = re.compile(r"^([A-Z]\.)(?=[A-Z][a-z]{1,}\b)")


# A wire archive's note to editors where a story picks up an earlier version, left glued to the
# last sentence: "... remained standing.'' At its, 4th graf pvs", "The men, pickup 9th pvs"
# (the first words of the paragraph to pick up at, its place in the previous version)
_PICKUP = re.compile(
    r"\s*(?:[A-Z][\w'’ -]{0,40},\s+)?(?:pickup\s+)?\d{1,2}(?:st|nd|rd|th)\s+(?:graf\s+)?pvs\.?\s*$"
)


def strip_pickup_note(text: str) -> tuple[str, str | None]:
    """``text`` without a trailing pick-up note, and the note (or None)."""
    match = _PICKUP.search(text[-120:])
    if match is None:
        return text, None
    cut = len(text) - 120 + match.start() if len(text) > 120 else match.start()
    return text[:cut].rstrip(), text[cut:].strip()


def strip_leading_debris(text: str) -> tuple[str, str | None]:
    """Remove a stray 'A.' glued to the first word; returns (text, removed piece or None)."""
    match = _DEBRIS.match(text)
    if not match:
        return text, None
    return text[match.end() :], match.group(1)


_DATELINE = re.compile(
    r"^(?P<dateline>(?:[A-Z][A-Z.'’-]{1,}(?:[ ,]+(?:[A-Z][A-Z.'’-]+|[A-Z][a-z]+\.?)){0,3})"
    r"(?:,\s*[A-Z][a-z]+\.?\s*\d{0,2})?"
    r"(?:\s*\([^)]{1,40}\))?)\s*(?:—|–|--|-|_)\s+(?=\S)"
)


def split_dateline(text: str) -> tuple[str, str | None]:
    """Take 'MOSCOW —', 'ALMATY, Kazakhstan (Reuters) -' or 'NEWPORT NAVAL STATION, R.I. _' (an
    underscore for the dash, as AP's wire copy sets it) off the start of the first paragraph."""
    match = _DATELINE.match(text)
    if not match:
        return text, None
    place = match.group("dateline").strip()
    first_word = re.match(r"[A-Z.'’-]+", place)
    # The first word must be in capitals (a place name set as a dateline), not an ordinary
    # sentence start such as "Hundreds - perhaps thousands - ...".
    if not first_word or len(first_word.group(0).strip(".'’-")) < 2:
        return text, None
    return text[match.end() :], place
