"""Citations that open their passage: marked regions of the cleaned texts and the links to them.

A citation ``[S4]`` links to a ``<mark>`` inside source S4's cleaned text, which the page carries
folded in a ``<details>``; Chromium opens a closed ``<details>`` when a fragment link targets
something inside it, so no script is needed. Cited spans overlap (a quote inside a fact's
sentence), so the spans of one source are merged into regions and every citation of a span
targets the region that holds it. Each region is followed by back-links to the citations of it.

>>> marked_text("One two.\\n\\nThree & four.", [(4, 7, "m1"), (10, 15, "m2")])
'<p>One <mark class="passage" id="m1">two</mark>.</p><p><mark class="passage" id="m2">Three</mark> &amp; four.</p>'
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import PurePath

from ..model import Brief, Source, Span
from .wording import shortened

#: Back-links shown after a passage; a passage cited more often says how many more there are.
BACKLINK_CAP = 6

# Paragraphs of a cleaned text are separated by a blank line (clean.py joins them with "\n\n").
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Region:
    """Characters ``start:end`` of a source's cleaned text, marked as one passage with ``id``."""

    source: str
    start: int
    end: int
    id: str


def source_label(source: Source) -> str:
    """How the page names a source: outlet and title where known, else its file name or id."""
    if source.outlet and source.title:
        return f"{source.outlet}: {source.title}"
    if source.title or source.outlet:
        return source.title or source.outlet or ""
    if source.path:
        return PurePath(source.path).name
    return source.url or source.id


def html_id(source_id: str) -> str:
    """``source_id`` made safe to stand in an id and a fragment without escaping."""
    return _ID_UNSAFE.sub("_", source_id)


def linked_spans(spans: Iterable[Span]) -> list[Span]:
    """The spans an item links to: the first of each source, so ``[S2]`` appears once."""
    seen: set[str] = set()
    kept = []
    for span in spans:
        if span.source not in seen:
            seen.add(span.source)
            kept.append(span)
    return kept


def cited_spans(brief: Brief) -> Iterable[Span]:
    """Every span the page links to, from every section that cites."""
    for sentence in brief.summary:
        yield from linked_spans(sentence.evidence)
    for conflict in brief.conflicts:
        for value in conflict.values:
            yield from linked_spans(value.evidence)
    for entry in brief.timeline:
        yield from linked_spans(entry.evidence)
    for quote in brief.quotes:
        yield from linked_spans(quote.evidence)
    for fact in brief.facts:  # the coverage matrix's dots
        yield from linked_spans(fact.evidence)


def passage_regions(brief: Brief) -> dict[str, tuple[Region, ...]]:
    """Per source id, the cited spans merged where they overlap, in text order."""
    lengths = {s.id: len(s.text) for s in brief.sources}
    bounds: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for span in cited_spans(brief):
        end = min(span.end, lengths.get(span.source, 0))
        if span.start < end:  # a span outside its text (a damaged brief) opens nothing
            bounds[span.source].append((span.start, end))
    regions: dict[str, tuple[Region, ...]] = {}
    for source_id, pairs in bounds.items():
        merged: list[list[int]] = []
        for start, end in sorted(pairs):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        prefix = html_id(source_id)
        regions[source_id] = tuple(
            Region(source_id, start, end, f"{prefix}-p{n}")
            for n, (start, end) in enumerate(merged, 1)
        )
    return regions


class Citations:
    """The citation links of one page and the passages they open.

    One instance renders one page: each link gets the next id, and the sources section, rendered
    last, asks :meth:`backlinks` which links cite each passage.
    """

    def __init__(self, brief: Brief, source_pages: Mapping[str, str] | None = None) -> None:
        self.brief = brief
        self.regions = passage_regions(brief)
        # where a server shows each source as a page of its own (source id -> URL)
        self.source_pages = dict(source_pages or {})
        self._region = {r.id: r for rs in self.regions.values() for r in rs}
        self._starts = {sid: [r.start for r in rs] for sid, rs in self.regions.items()}
        self._cited_from: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._count = 0

    def region_of(self, span: Span) -> Region | None:
        """The marked region that holds ``span``, None when the span lies outside its text."""
        starts = self._starts.get(span.source)
        if not starts:
            return None
        region = self.regions[span.source][bisect.bisect_right(starts, span.start) - 1]
        return region if region.start <= span.start < region.end else None

    def link(self, span: Span, label: str, where: str, css: str = "cite") -> str:
        """One link to the passage of ``span``, with an id that the passage links back to."""
        self._count += 1
        cite_id = f"cite-{self._count}"
        region = self.region_of(span)
        source = next((s for s in self.brief.sources if s.id == span.source), None)
        if source is None:
            tip = span.source
        else:
            passage = source.text[span.start : span.end]
            tip = f"{span.source} · {source_label(source)}: {shortened(passage, 400)}"
        target = region.id if region else html_id(span.source)  # else the Sources row
        if region:
            self._cited_from[region.id].append((cite_id, where))
        return (
            f'<a class="{css}" id="{cite_id}" href="#{target}" title="{escape(tip)}">'
            f"{escape(label)}</a>"
        )

    def links(self, spans: Sequence[Span], where: str) -> str:
        """``[S2][S4]``: one link per source of ``spans``."""
        return "".join(self.link(s, f"[{s.source}]", where) for s in linked_spans(spans))

    def backlinks(self, region_id: str) -> str:
        """The "↩" links after a passage, one per citation of it, capped."""
        cited = self._cited_from.get(region_id, [])
        links = [
            f'<a href="#{cite_id}" title="back to the citation in {escape(where)}">↩</a>'
            for cite_id, where in cited[:BACKLINK_CAP]
        ]
        if len(cited) > BACKLINK_CAP:
            links.append(f'<span class="more">+{len(cited) - BACKLINK_CAP}</span>')
        region = self._region.get(region_id)
        page = self.source_pages.get(region.source) if region else None
        if region and page:
            links.append(
                f'<a class="open" href="{escape(page)}?start={region.start}&amp;end={region.end}'
                '#passage" title="open the article with this passage">article</a>'
            )
        return f'<span class="back">{"".join(links)}</span>' if links else ""


def marked_text(text: str, marks: Sequence[tuple[int, int, str]]) -> str:
    """``text`` escaped in ``<p>`` paragraphs, each ``(start, end, id)`` wrapped in ``<mark id>``.

    Marks may nest or cross; one that crosses another or a paragraph break is split, its id on
    the first piece (the one a fragment link scrolls to) and the class ``cont`` on the others.
    """
    return marked_paragraphs(text, marks, {})


def marked_paragraphs(
    text: str, marks: Sequence[tuple[int, int, str]], after: Mapping[str, str]
) -> str:
    """:func:`marked_text`, with ``after[id]`` (trusted HTML) placed after the mark ``id``."""
    kept = sorted(
        ((max(s, 0), min(e, len(text)), i) for s, e, i in marks if min(e, len(text)) > max(s, 0)),
        key=lambda m: (m[0], -m[1]),
    )
    opened: set[str] = set()
    out = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        if text[start:end].strip():
            out.append(f"<p>{_paragraph(text, start, end, kept, opened, after)}</p>")
        start = brk.end() if brk else end
    return "".join(out)


def _paragraph(
    text: str,
    start: int,
    end: int,
    marks: list[tuple[int, int, str]],
    opened: set[str],
    after: Mapping[str, str],
) -> str:
    """One paragraph's HTML: the text cut at every mark boundary, each piece inside its marks."""
    inside = [m for m in marks if m[0] < end and m[1] > start]
    cuts = sorted({start, end} | {b for m in inside for b in m[:2] if start < b < end})
    out: list[str] = []
    stack: list[tuple[int, int, str]] = []
    for left, right in itertools.pairwise(cuts):
        active = [m for m in inside if m[0] <= left and m[1] >= right]  # outermost first
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        _close(out, stack, keep, left, after)
        for mark in active[keep:]:
            if mark[2] in opened:
                out.append('<mark class="passage cont">')
            else:
                opened.add(mark[2])
                out.append(f'<mark class="passage" id="{escape(mark[2])}">')
            stack.append(mark)
        out.append(escape(text[left:right]))
    _close(out, stack, 0, end, after)
    return "".join(out)


def _close(
    out: list[str], stack: list[tuple[int, int, str]], keep: int, at: int, after: Mapping[str, str]
) -> None:
    """Close the marks above ``keep`` on ``stack``; a mark that ends at ``at`` gets its ``after``."""
    while len(stack) > keep:
        mark = stack.pop()
        out.append("</mark>")
        if mark[1] <= at:
            out.append(after.get(mark[2], ""))
