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

``clean_paragraphs`` holds steps 1 and 2 (and the typesetting codes), ``clean_rules`` the
paragraph rules of step 3; this module runs the steps in order and holds the edits inside a
paragraph that is kept: list markers, scraping debris, a wire pick-up note, the dateline.

>>> from newsfuse.model import Article
>>> clean_article(Article(text="MOSCOW — Troops arrived.\\n\\n© AFP 2022")).text
'Troops arrived.'
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .clean_paragraphs import join_wrapped_lines, normalise, strip_typesetting_codes
from .clean_rules import RULES, _Context, _key, _Paragraph, _parsed_caption_candidates
from .model import Article, CleanArticle, Removal

if TYPE_CHECKING:
    from spacy.language import Language


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
# List markers, debris and datelines

# A list marker before a paragraph ("_ " in AP copy, "• ", "- "): the item reads without it, and a
# sentence lifted from it should not start with it. Numbered items keep their numbers.
_BULLET = re.compile(r"^[_•·*‣◦–-]\s+(?=\S)")


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
