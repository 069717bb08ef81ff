"""Small helpers the renderers share for the words around the figures."""

from __future__ import annotations

from ..model import Conflict, TimelineEntry


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


def figure(value: float | int | str) -> str:
    """A conflict value as a reader reads it: "2,000", "1.5", "1998-11-08"."""
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def nature_line(conflict: Conflict) -> str:
    """What kind of conflict it is, in words: a revision as its series, oldest report first."""
    if conflict.nature == "revision":
        steps = " → ".join(
            f"{figure(v.value)} ({v.reported.isoformat()})" if v.reported else figure(v.value)
            for v in conflict.values
        )
        return f"revised as reports came in: {steps}"
    return "reports disagree: different figures for the same thing"
