"""quotes: direct quotes with their speakers, merged across the sources that carry them.

Quotation marks are paired within a paragraph (straight, curly, guillemets, the ``...'' of
newswire archives; a curly opening mark used as a closing one, as machine translation leaves
them, still closes). The speaker comes from the attribution in the quote's sentence: first the
verb of saying the parse hangs the quote on ('While the board said "...", critics accused ...'
is the board's), else the nearest one after or before the quote, "according to X", or the
previous sentence's; a quote with no attribution of its own continues the one before it in the
paragraph.

The speaker is the subject of that verb or a person in apposition to it ("the fire chief, Tom
Hale,"), never a name inside a relative clause, a prepositional phrase or a compound ("Esther
Serna, who owns the El Paso Cafe", "a spokesman for Tokayev", "the Kennedy airport"). "He" and
"she" resolve to a person named before them in their sentence, else to the subject of a recent
sentence's main clause; "the head of state" resolves to the person named before it, while "one
official" and "they" stay unnamed (``quote_speakers`` finds the attribution, ``speakers`` the
name in it).
benchmarks/quotes.py scores this against judged speakers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Quote, QuoteMention, Span
from .entities import entity_name_for
from .lookup import index_of
from .nlp import text_of
from .quote_speakers import attribution

if TYPE_CHECKING:
    from spacy.tokens import Doc


# Curly, straight and angle quotes, and the ``...'' pairs of newswire archives (DUC, Gigaword).
_OPENERS = ("“", '"', "«", "„", "``")


_CLOSERS = ("”", '"', "»", "“", "''")


_MARK = re.compile(r"``|''|[“”\"«»„]")


MIN_QUOTE_WORDS = 3


#: Quotes of one sentence whose speaker is looked for. The search reads the quote's sentences,
#: so a "sentence" of thousands of quotes cost the square of its length; news prints a few a
#: sentence. A quote past this many continues the speaker of the one before it.
MAX_QUOTES_PER_SENTENCE = 12


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of every paired quotation in ``text`` (paragraph by paragraph)."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        open_at: int | None = None
        opener = ""
        for mark in _MARK.finditer(paragraph.group(0)):
            char, where = mark.group(0), paragraph.start() + mark.start()
            if open_at is None:
                if char in _OPENERS:
                    open_at, opener = where, char
            elif char in _CLOSERS:
                spans.append((open_at + len(opener), where))
                open_at = None
    return spans


def find_quotes(source_id: str, doc: Doc) -> list[QuoteMention]:
    """The direct quotes of one parsed source, each with its speaker as the text names them
    (``resolve_speakers`` gives them their entities' names once a story's entities are known)."""
    found: list[QuoteMention] = []
    text = text_of(doc)
    previous: QuoteMention | None = None
    previous_end = -1
    spans = quote_spans(text)
    index = index_of(doc)
    per_sentence: dict[int, int] = {}
    for start, end in spans:
        # the comma before a closing mark ("... as possible,” he said) belongs to the reporter's
        # sentence, not to what was said
        inner_start, inner_end = start, end
        while inner_start < inner_end and (text[inner_start].isspace() or text[inner_start] == ","):
            inner_start += 1
        while inner_end > inner_start and (
            text[inner_end - 1].isspace() or text[inner_end - 1] == ","
        ):
            inner_end -= 1
        quote_text = text[inner_start:inner_end]
        if len(quote_text.split()) < MIN_QUOTE_WORDS or inner_end <= inner_start:
            continue
        if _looks_like_a_name(quote_text):
            continue  # a name in quotation marks ("the “Organization of ...”") is not speech
        open_at, close_at = _mark_start(text, start), _mark_end(text, end)
        opening = doc.char_span(open_at, open_at + 1, alignment_mode="expand")
        where = index.sentence_number(opening[0].i) if opening else -1
        per_sentence[where] = per_sentence.get(where, 0) + 1
        attributed = (
            attribution(doc, open_at, close_at, spans)
            if per_sentence[where] <= MAX_QUOTES_PER_SENTENCE
            else None
        )
        speaker, role = attributed or (None, None)
        # a quote with no attribution of its own continues the one before it in the paragraph;
        # one whose attribution does not resolve ("he said" with no one named) does not
        if (
            attributed is None
            and previous is not None
            and _same_paragraph(text, previous_end, start)
        ):
            speaker, role = previous.speaker, previous.role
        if speaker is None and _fragment(doc, inner_start, inner_end):
            continue  # a term, a title, a sign or a theme in quotation marks: no one said it
        if _in_title_case(quote_text):
            continue  # "Star Wars: Episode I -- The Phantom Menace.", a sign's slogan: a name
        mention = QuoteMention(
            span=Span(source=source_id, start=inner_start, end=inner_end),
            text=quote_text,
            speaker=speaker,
            role=role,
        )
        found.append(mention)
        previous, previous_end = mention, end
    return found


def resolve_speakers(
    mentions: Sequence[QuoteMention], alias_map: Mapping[str, str]
) -> list[QuoteMention]:
    """The quotes with each speaker given the canonical name of the entity it is an alias of."""
    resolved = []
    for mention in mentions:
        name = mention.speaker and entity_name_for(mention.speaker, alias_map)
        resolved.append(mention.model_copy(update={"speaker": name}) if name else mention)
    return resolved


def _mark_start(text: str, inner_start: int) -> int:
    return (
        inner_start - 2 if text[max(0, inner_start - 2) : inner_start] == "``" else inner_start - 1
    )


def _mark_end(text: str, inner_end: int) -> int:
    return inner_end + 2 if text[inner_end : inner_end + 2] == "''" else inner_end + 1


def _looks_like_a_name(text: str) -> bool:
    words = [
        w
        for w in re.findall(r"[\w'’-]+", text)
        if w.lower() not in ("of", "the", "and", "for", "in")
    ]
    return (
        0 < len(words) <= 8
        and all(w[:1].isupper() for w in words)
        and not text.rstrip().endswith(("!", "?", "."))
    )


# words a title leaves in lower case ("Quest of Generation X", "Five Years in Federal Prison")
_TITLE_LOWER = frozenset(
    "a an and as at but by for from in into nor of on or the to vs with".split()
)


def _in_title_case(text: str) -> bool:
    """Whether quoted words are set as a title: two words or more, up to sixteen, each
    capitalised but the small words titles leave in lower case. People are not quoted so."""
    words = re.findall(r"[^\W\d_][\w'’]*", text)
    capitalised = [w for w in words if w.lower() not in _TITLE_LOWER]
    return (
        2 <= len(words) <= 16
        and len(capitalised) >= 2
        and all(w[:1].isupper() for w in capitalised)
        # "WE WILL FIGHT": shouted, in capitals (a title may open with "A")
        and not all(w.isupper() for w in words if len(w) > 1)
    )


#: a quote this short without a verb and without a speaker names something, it reports no
#: speech ("the ``Axis of Evil''", a workshop's theme, a sign reading "No Entry")
_FRAGMENT_WORDS = 12


def _fragment(doc: Doc, start: int, end: int) -> bool:
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None or len(words) > _FRAGMENT_WORDS:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in words)


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b] and len(text[a:b]) < 300


def merge_quotes(mentions: Sequence[QuoteMention], order: Sequence[str]) -> list[Quote]:
    """One Quote per distinct quotation, with every source that carries it."""
    rank = {sid: n for n, sid in enumerate(order)}
    merged: list[tuple[str, list[QuoteMention]]] = []
    index = _QuoteIndex()
    for mention in sorted(mentions, key=lambda m: (rank[m.span.source], m.span.start)):
        key = _key(mention.text)
        for k in index.candidates(key):
            existing_key, group = merged[k]
            if key == existing_key or (
                min(len(key), len(existing_key)) >= _CONTAINED
                and (key in existing_key or existing_key in key)
            ):
                group.append(mention)
                break
        else:
            index.add(len(merged), key)
            merged.append((key, [mention]))
    quotes = []
    for _, group in merged:
        speakers = [m.speaker for m in group if m.speaker]
        # a tie goes to the speaker the earliest source names (a set's order would change from
        # run to run)
        speaker = max(dict.fromkeys(speakers), key=speakers.count) if speakers else None
        role = next((m.role for m in group if m.role and m.speaker == speaker), None)
        longest = max(group, key=lambda m: len(m.text))
        quotes.append(
            Quote(
                speaker=speaker,
                role=role,
                text=longest.text,
                sources=tuple(dict.fromkeys(m.span.source for m in group)),
                evidence=tuple(m.span for m in group),
            )
        )
    return quotes


#: A quote this long (in key characters) is the same quote as a longer one that contains it.
_CONTAINED = 20


_GRAM = 8


class _QuoteIndex:
    """Merged quotes by their keys' character 8-grams, so that a quote is compared only with
    those it can equal or contain or be contained in (comparing it with every merged quote
    took 10 s of fusing 1,000 DUC articles). A key inside another has the other's 8-grams at
    its start; a key that holds another holds the other's first 8-gram."""

    def __init__(self) -> None:
        self._exact: dict[str, int] = {}
        self._grams: dict[str, set[int]] = defaultdict(set)
        self._firsts: dict[str, set[int]] = defaultdict(set)

    def add(self, k: int, key: str) -> None:
        self._exact.setdefault(key, k)
        if len(key) >= _CONTAINED:
            for start in range(len(key) - _GRAM + 1):
                self._grams[key[start : start + _GRAM]].add(k)
            self._firsts[key[:_GRAM]].add(k)

    def candidates(self, key: str) -> list[int]:
        found = {self._exact[key]} if key in self._exact else set()
        if len(key) >= _CONTAINED:
            found |= self._grams.get(key[:_GRAM], set())  # keys that may hold this one
            for start in range(len(key) - _GRAM + 1):  # keys this one may hold
                found |= self._firsts.get(key[start : start + _GRAM], set())
        return sorted(found)


def _key(text: str) -> str:
    text = text.lower().replace("ise", "ize").replace("isation", "ization")
    return " ".join(re.findall(r"\w+", text))
