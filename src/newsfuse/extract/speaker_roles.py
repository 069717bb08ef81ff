"""speaker_roles: the role phrase beside a speaker's name ("Armenian Prime Minister", "a retired
grocer from Lac Beauport") and the text of a subject's words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["phrase", "role_of", "role_phrase"]


def phrase(doc: Doc, words: list[Token]) -> str:
    """The text of ``words`` (a subject less its asides) without a leading article; a gap where
    words were left out becomes one space."""
    text = ""
    for previous, token in zip([None, *words], words, strict=False):
        if previous is not None:
            text += previous.whitespace_ or (" " if token.i != previous.i + 1 else "")
        text += token.text
    text = re.sub(r"(?:\s*,)+", ",", text).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def role_of(subject: Token, name: SpacySpan | None, words: list[Token], text: str) -> str | None:
    """The role beside a named subject: the words before the name ('Armenian Prime Minister') or
    the first apposition that is not a bare age (', a retired grocer from ...')."""
    name_start = name.start if name is not None else subject.i
    before = [t for t in words if t.i < name_start and t.dep_ not in ("punct",)]
    if before:
        role = role_phrase(
            text[before[0].idx : name.start_char if name is not None else subject.idx], ""
        )
        if role:
            return role
    # the apposition runs to the end of the subject, cut at its first comma by _role (the parser
    # may hang "vice-chairman of the tribe" from "vice" alone, or read "think tank" as a clause)
    end = max(t.idx + len(t.text) for t in subject.subtree)
    for child in subject.children:
        inside_the_name = name is not None and name.start <= child.i < name.end
        if child.dep_ == "appos" and child.pos_ != "NUM" and not inside_the_name:
            start = min(t.idx for t in child.subtree)
            if start < end:
                return role_phrase("", ", " + text[start:end])
    return None


_PREPOSITION_START = re.compile(
    r"^(?:in|on|at|by|for|with|from|during|after|before|later|earlier)\b", re.I
)


def role_phrase(before: str, after: str) -> str | None:
    """The role phrase next to a name: the comma-separated piece just before it ('Armenian Prime
    Minister', 'the spokesman for the ministry'), or an apposition after it (', a protester')."""
    pieces = [p.strip() for p in before.split(",") if p.strip()]
    candidates = pieces[-1:]
    if after.lstrip().startswith(","):
        candidates += [p.strip() for p in after.split(",") if p.strip()][:1]
    for piece in candidates:
        piece = re.sub(r"^(?:the|a|an)\s+", "", piece, flags=re.IGNORECASE)
        # "a Navajo who works as a librarian": the role is the noun, not what the clause tells
        piece = _RELATIVE.split(piece, maxsplit=1)[0].strip()
        if (
            re.search(r"[^\W\d_]", piece)
            and not _PREPOSITION_START.match(piece)
            and len(piece.split()) <= 16
            and piece.count("(") == piece.count(")")
        ):
            return piece
    return None


_RELATIVE = re.compile(r"\s(?:who|whom|whose|which)\b", re.IGNORECASE)
