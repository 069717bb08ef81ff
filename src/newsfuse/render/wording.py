"""Small helpers the renderers share for the words around the figures."""

from __future__ import annotations

from ..model import TimelineEntry


def counted(n: int, noun: str) -> str:
    """ "1 source", "2 sources": English plural by -s, enough for the nouns the renderers use."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def day_label(entry: TimelineEntry) -> str:
    """A timeline entry's date with the part of the day a source names: "2022-01-05, early"."""
    return f"{entry.date}, {entry.part_of_day}" if entry.part_of_day else entry.date
