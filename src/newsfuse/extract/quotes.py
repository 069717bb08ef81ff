"""quotes: direct quotes with their speakers, merged across the sources that carry them.

Quotation marks are paired within a paragraph (straight, curly, guillemets; a curly opening mark
used as a closing one, as machine translation leaves them, still closes). The speaker comes from
the attribution in the quote's sentence: the subject of a verb of saying after the quote ("...,"
he warned), before it (Tokayev said that "terrorists" ...), "according to X", or the quote before
it in the same paragraph when a second quote continues the first. A pronoun or a role phrase
("the head of state", "the police spokesman") resolves to a person named in the subject itself
(an apposition) or else to the nearest person named before the quote.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Quote, QuoteMention, Span
from .entities import entity_name_for, strip_title
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Curly, straight and angle quotes, and the ``...'' pairs of newswire archives (DUC, Gigaword).
_OPENERS = ("“", '"', "«", "„", "``")
_CLOSERS = ("”", '"', "»", "“", "''")
_MARK = re.compile(r"``|''|[“”\"«»„]")
_SAYING = frozenset(
    "say tell write warn add ask urge insist declare announce confirm shout chant call accuse "
    "describe quote state explain note stress argue claim vow promise tweet post".split()
)
_PRONOUNS = frozenset("he she they him her his".split())
MIN_QUOTE_WORDS = 3


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


def find_quotes(
    source_id: str, doc: Doc, alias_map: Mapping[str, str] | None = None
) -> list[QuoteMention]:
    """The direct quotes of one parsed source, each with its speaker when the text names one."""
    alias_map = alias_map or {}
    found: list[QuoteMention] = []
    text = text_of(doc)
    previous: QuoteMention | None = None
    previous_end = -1
    for start, end in quote_spans(text):
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
        speaker, role = _attribution(doc, _mark_start(text, start), _mark_end(text, end))
        if speaker is None and previous is not None and _same_paragraph(text, previous_end, start):
            speaker, role = previous.speaker, previous.role
        if speaker is not None:
            speaker = entity_name_for(speaker, alias_map) or speaker
        mention = QuoteMention(
            span=Span(source=source_id, start=inner_start, end=inner_end),
            text=quote_text,
            speaker=speaker,
            role=role,
        )
        found.append(mention)
        previous, previous_end = mention, end
    return found


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


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b] and len(text[a:b]) < 300


def _attribution(doc: Doc, open_at: int, close_at: int) -> tuple[str | None, str | None]:
    """(speaker, role) from the sentences the quote sits in, outside the quote itself."""
    first = doc.char_span(max(open_at, 0), max(open_at, 0) + 1, alignment_mode="expand")
    last = doc.char_span(close_at - 1, min(close_at, len(text_of(doc))), alignment_mode="expand")
    if first is None or last is None:
        return None, None
    sentences = _sentences_between(first[0].sent, last[-1].sent)
    outside = [t for s in sentences for t in s if not (open_at <= t.idx < close_at)]
    after = [t for t in outside if t.idx >= close_at]
    before = [t for t in outside if t.idx < open_at]
    # the attribution nearest the quote wins: forwards after it, backwards before it
    for group in (after, before[::-1]):
        for token in group:
            if token.lower_ == "according":
                to = next((c for c in token.children if c.lower_ == "to"), None)
                obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
                if obj is not None:
                    return _speaker(obj, doc, open_at)
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _SAYING:
                subject = _subject(token)
                if subject is not None:
                    return _speaker(subject, doc, open_at)
    # a quote whose own sentence names no speaker continues the previous sentence's speaker
    sentence = first[0].sent
    for _ in range(2):  # up to two sentences back, within the paragraph
        if sentence.start == 0:
            break
        prior = doc[sentence.start - 1].sent
        if "\n" in text_of(doc)[prior.end_char : sentence.start_char]:
            break
        for token in prior:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _SAYING:
                subject = _subject(token)
                if subject is not None:
                    return _speaker(subject, doc, open_at)
        sentence = prior
    return None, None


def _sentences_between(first: SpacySpan, last: SpacySpan) -> list[SpacySpan]:
    doc = first.doc
    out, seen = [], set()
    for token in doc[first.start : last.end]:
        sentence = token.sent
        if sentence.start not in seen:
            seen.add(sentence.start)
            out.append(sentence)
    return out


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    # "was quoted as saying": the subject sits on the passive verb above
    if verb.dep_ in ("advcl", "xcomp", "pcomp", "conj") and verb.head.i != verb.i:
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def _speaker(subject: Token, doc: Doc, before: int) -> tuple[str | None, str | None]:
    """The person (or body) a subject names, and the role phrase around the name."""
    subtree = list(subject.subtree)
    start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    people = [
        e for e in doc.ents if e.label_ == "PERSON" and start <= e.start_char and e.end_char <= end
    ]
    if people:
        person = people[-1]
        return person.text, _role(
            text_of(doc)[start : person.start_char], text_of(doc)[person.end_char : end]
        )
    if subject.lower_ in _PRONOUNS or subject.pos_ == "PRON" or subject.pos_ == "NOUN":
        nearest = _nearest_person(doc, before)
        role = _role("", ", " + text_of(doc)[start:end]) if subject.pos_ == "NOUN" else None
        if nearest is not None and (subject.pos_ == "PRON" or _is_role(subject)):
            return nearest, role
        if subject.pos_ == "NOUN":
            return role, None  # a body, not a person: "police", "the ministry"
        return None, None
    ents = [e for e in doc.ents if start <= e.start_char and e.end_char <= end]
    own = next((e for e in ents if e.start <= subject.i < e.end), None)
    if own is not None or ents:
        return (own or ents[0]).text, None
    return re.sub(r"^(?:the|a|an)\s+", "", text_of(doc)[start:end], flags=re.IGNORECASE), None


_PREPOSITION_START = re.compile(
    r"^(?:in|on|at|by|for|with|from|during|after|before|later|earlier)\b", re.I
)


def _role(before: str, after: str) -> str | None:
    """The role phrase next to a name: the comma-separated piece just before it ('Armenian Prime
    Minister', 'the spokesman for the ministry'), or an apposition after it (', a protester')."""
    pieces = [p.strip() for p in before.split(",") if p.strip()]
    candidates = pieces[-1:]
    if after.lstrip().startswith(","):
        candidates += [p.strip() for p in after.split(",") if p.strip()][:1]
    for piece in candidates:
        piece = re.sub(r"^(?:the|a|an)\s+", "", piece, flags=re.IGNORECASE)
        if piece and not _PREPOSITION_START.match(piece) and len(piece.split()) <= 16:
            return piece
    return None


_ROLE_NOUNS = frozenset(
    "head president minister spokesman spokeswoman spokesperson leader chief official "
    "governor mayor secretary chairman commander director premier envoy ambassador".split()
)


def _is_role(subject: Token) -> bool:
    """'the head of state', 'the police spokesman': a role that stands for a named person."""
    return subject.lemma_.lower() in _ROLE_NOUNS


def _nearest_person(doc: Doc, before: int) -> str | None:
    """The last person named before ``before``: a PERSON entity, or else a run of two or more
    proper nouns outside other entities (the small NER model misses many names)."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= before]
    best = people[-1] if people else None
    run: list[Token] = []
    candidate = None
    for token in doc:
        if token.idx >= before:
            break
        if token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON") and token.is_title:
            run.append(token)
            continue
        if len(run) >= 2:
            candidate = run
        run = []
    if len(run) >= 2:
        candidate = run
    if candidate is not None and (best is None or candidate[0].idx > best.end_char):
        return strip_title(doc[candidate[0].i : candidate[-1].i + 1].text) or None
    return best.text if best is not None else None


def merge_quotes(mentions: Sequence[QuoteMention], order: Sequence[str]) -> list[Quote]:
    """One Quote per distinct quotation, with every source that carries it."""
    rank = {sid: n for n, sid in enumerate(order)}
    merged: list[tuple[str, list[QuoteMention]]] = []
    for mention in sorted(mentions, key=lambda m: (rank[m.span.source], m.span.start)):
        key = _key(mention.text)
        for existing_key, group in merged:
            if key == existing_key or (
                min(len(key), len(existing_key)) >= 20
                and (key in existing_key or existing_key in key)
            ):
                group.append(mention)
                break
        else:
            merged.append((key, [mention]))
    quotes = []
    for _, group in merged:
        speakers = [m.speaker for m in group if m.speaker]
        speaker = max(set(speakers), key=speakers.count) if speakers else None
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


def _key(text: str) -> str:
    text = text.lower().replace("ise", "ize").replace("isation", "ization")
    return " ".join(re.findall(r"\w+", text))
