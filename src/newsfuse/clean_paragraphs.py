"""clean_paragraphs: the raw text of an article made into paragraphs, the text-level steps of
:mod:`newsfuse.clean` that run before any paragraph is judged.

- ``strip_typesetting_codes``: newswire typesetting codes ("&QL;") taken out, the quads as
  paragraph breaks, HTML entity names as their characters;
- ``normalise``: NFC, Unix line ends, plain spaces, no invisible or control characters;
- ``join_wrapped_lines``: the paragraphs, with the lines a hard wrap broke joined again (the wrap
  width is measured per document, so a document with one paragraph per line stays as it is).

``_ends_like_sentence`` is here because the wrap test and the paragraph rules
(:mod:`newsfuse.clean_rules`) read a sentence end the same way.

>>> join_wrapped_lines(normalise("Troops arrived\\r\\nin the city.\\r\\n\\r\\nShops shut."))
['Troops arrived in the city.', 'Shops shut.']
"""

from __future__ import annotations

import html
import html.entities
import re
import statistics
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


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


_TERMINAL = ".!?…"
_CLOSERS = "\"'”’)»]"


def _ends_like_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL
