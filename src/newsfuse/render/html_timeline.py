"""The timeline chart: a horizontal strip for wide screens, a vertical one for phones.

A single SVG scaled to the page would shrink its labels with it (a 1000-unit chart in 390 px
draws 11-unit labels 4 px tall), so both charts draw text at its CSS pixel size: the wide one
places dates by percentage of its own width (SVG lengths accept %), the narrow one is a fixed
340 px. A CSS media query shows one of the two.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..model import Brief
from .wording import counted

#: Width of the vertical chart in CSS pixels: fits a 390 px phone with the page's padding.
NARROW_WIDTH = 340
# Two dates closer than this share of the wide chart put their labels on alternate rows: a
# "2022-01-05" label is about 65 px wide at 12 px, and the wide chart is at least ~560 px.
_CROWDED = 0.14
_ROW = 30  # px between dates in the vertical chart, enough for a 12 px label and a dot


def _day_counts(brief: Brief) -> Counter[dt.date]:
    """How many timeline entries fall on each day (entries dated by day only)."""
    return Counter(dt.date.fromisoformat(e.date) for e in brief.timeline if e.precision == "day")


def _dot(cx: str, cy: str, radius: float, date: dt.date, n: int) -> str:
    """A dot for one day, its tooltip saying how many events fall on it."""
    return (
        f'<circle cx="{cx}" cy="{cy}" r="{radius:.0f}" fill="#0b5cad" fill-opacity="0.75">'
        f"<title>{date.isoformat()}: {counted(n, 'event')}</title></circle>"
    )


def wide_chart(counts: Counter[dt.date]) -> str:
    """Dates along a horizontal axis, spaced by time; labels at 12 px whatever the width."""
    dates = sorted(counts)
    first, last = dates[0], dates[-1]
    span_days = max((last - first).days, 1)
    parts = [
        '<svg class="tl-chart" role="img" aria-label="timeline of dated events" width="100%" '
        'height="124" xmlns="http://www.w3.org/2000/svg">',
        '<line x1="0%" y1="58" x2="100%" y2="58" stroke="#1d232a" stroke-width="2"/>',
    ]
    previous = -1.0
    row = 0
    for date in dates:
        share = (date - first).days / span_days if len(dates) > 1 else 0.5
        row = 1 - row if share - previous < _CROWDED else 0  # neighbours alternate lines
        previous = share
        x = f"{100 * share:.2f}%"
        parts.append(_dot(x, "58", 5 + 2 * min(counts[date], 8), date, counts[date]))
        parts.append(f'<text x="{x}" y="{100 + 16 * row}" text-anchor="middle">{date}</text>')
        parts.append(
            f'<text x="{x}" y="{26 - 14 * row}" text-anchor="middle">'
            f"{counted(counts[date], 'event')}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def narrow_chart(counts: Counter[dt.date]) -> str:
    """Dates down the left side of a fixed-width chart, spaced by time but never crowded."""
    dates = sorted(counts)
    first, last = dates[0], dates[-1]
    span_days = max((last - first).days, 1)
    length = _ROW * 1.5 * max(len(dates) - 1, 1)  # room for time-proportional gaps
    ys: list[float] = []
    for date in dates:
        y = 20 + length * (date - first).days / span_days
        ys.append(max(y, ys[-1] + _ROW) if ys else y)
    height = int(ys[-1] + 20)
    axis_x = 100
    parts = [
        f'<svg class="tl-chart" role="img" aria-label="timeline of dated events" '
        f'width="{NARROW_WIDTH}" height="{height}" viewBox="0 0 {NARROW_WIDTH} {height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{axis_x}" y1="8" x2="{axis_x}" y2="{height - 8}" stroke="#1d232a" '
        'stroke-width="2"/>',
    ]
    for date, y in zip(dates, ys, strict=True):
        n = counts[date]
        parts.append(_dot(str(axis_x), f"{y:.0f}", 4 + min(n, 8), date, n))
        parts.append(f'<text x="0" y="{y + 4:.0f}">{date}</text>')
        parts.append(f'<text x="{axis_x + 20}" y="{y + 4:.0f}">{counted(n, "event")}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline_chart(brief: Brief) -> str:
    """Both charts of the brief's day-dated events, or "" when none is dated to the day."""
    counts = _day_counts(brief)
    if not counts:
        return ""
    return (
        f'<div class="tl-wide">{wide_chart(counts)}</div>'
        f'<div class="tl-narrow">{narrow_chart(counts)}</div>'
    )
