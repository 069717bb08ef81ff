"""The Brief as one self-contained HTML page: no network at view time, no JavaScript.

Inline CSS and SVG only. Citations are footnote links to the sources with the evidence passage in
a tooltip; conflicts stand side by side with the figure highlighted in its passage; an SVG chart
places the dated events; a sources x facts matrix shows who carries what (shared wire copy
marked); quotes are grouped by speaker. Every string that comes from a source is escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from html import escape

from ..model import Brief, ConflictValue, Span
from .wording import counted, day_label, shortened

_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty",
}  # fmt: skip

_CSS = """
:root { --ink:#1d232a; --muted:#5b6570; --line:#d9dee3; --accent:#0b5cad; --warn:#a23b00;
        --wire:#7a5c00; --bg:#fbfbfa; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: var(--ink); background: var(--bg);
       margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.7em; margin: 0 0 4px; } h2 { font-size: 1.25em; border-bottom: 2px solid var(--ink);
       padding-bottom: 2px; margin-top: 2em; }
.meta, .small { color: var(--muted); font: 13px/1.4 system-ui, sans-serif; }
.summary p { margin: 0 0 .6em; }
a.cite { font: 11px system-ui, sans-serif; vertical-align: super; color: var(--accent);
         text-decoration: none; margin-left: 1px; }
a.cite:hover { text-decoration: underline; }
.badge { font: 11px system-ui, sans-serif; background: var(--warn); color: #fff; border-radius: 3px;
         padding: 0 5px; margin-left: 4px; text-decoration: none; white-space: nowrap; }
.conflict { border: 1px solid var(--line); border-left: 4px solid var(--warn); background: #fff;
            padding: 10px 14px; margin: 12px 0; }
.conflict h3 { margin: 0 0 8px; font-size: 1.05em; }
.values { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 10px; }
.value { border: 1px solid var(--line); padding: 8px 10px; }
.value .figure { font: bold 1.6em system-ui, sans-serif; color: var(--warn); }
.value blockquote { margin: 6px 0 0; font-size: .92em; color: #333; }
mark { background: #ffe3b0; padding: 0 2px; }
table { border-collapse: collapse; width: 100%; font: 13px/1.35 system-ui, sans-serif; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
td.dot { text-align: center; font-size: 15px; }
td.wire { color: var(--wire); }
.quotes dt { font-weight: bold; margin-top: .6em; }
.quotes dd { margin: 2px 0 4px 1.2em; }
.entities li { font: 14px system-ui, sans-serif; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.timeline li { margin-bottom: 4px; }
"""


_WEB_URL = re.compile(r"https?://[^\s\"'<>]+$", re.IGNORECASE)


def _cites(spans: tuple[Span, ...], brief: Brief) -> str:
    """Footnote links, one per source, each with its evidence passage as a tooltip."""
    links = []
    seen: set[str] = set()
    for span in spans:
        if span.source in seen:
            continue
        seen.add(span.source)
        passage = brief.quote(span)
        links.append(
            f'<a class="cite" href="#{escape(span.source)}" '
            f'title="{escape(span.source)}: {escape(passage[:400])}">[{escape(span.source)}]</a>'
        )
    return "".join(links)


def _highlight(text: str, value: ConflictValue) -> str:
    """The passage, escaped, with the disputed figure marked."""
    number = value.value
    forms: list[str] = []
    if isinstance(number, int | float) and float(number).is_integer():
        n = int(number)
        forms = [f"{n:,}", str(n)]
        if n in _NUMBER_WORDS:
            forms.append(_NUMBER_WORDS[n])
        if n >= 1_000_000 and n % 1_000_000 == 0:
            forms.append(f"{n // 1_000_000} million")
    for form in forms:
        match = re.search(rf"(?<![\w,]){re.escape(form)}(?![\w])", text, flags=re.IGNORECASE)
        if match:
            return (
                escape(text[: match.start()])
                + f"<mark>{escape(match.group(0))}</mark>"
                + escape(text[match.end() :])
            )
    return escape(text)


def _timeline_svg(brief: Brief) -> str:
    days = [e for e in brief.timeline if e.precision == "day"]
    if not days:
        return ""
    dates = sorted({dt.date.fromisoformat(e.date) for e in days})
    first, last = dates[0], dates[-1]
    span_days = max((last - first).days, 1)
    width, left, right = 1000, 60, 40
    counts: dict[dt.date, int] = defaultdict(int)
    for entry in days:
        counts[dt.date.fromisoformat(entry.date)] += 1
    parts = [
        f'<svg role="img" aria-label="timeline of dated events" viewBox="0 0 {width} 100" '
        f'width="100%" height="100" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="45" x2="{width - right}" y2="45" stroke="#1d232a" stroke-width="2"/>',
    ]
    previous_x = -1e9
    row = 0
    for date in dates:
        x = left + (date - first).days / span_days * (width - left - right)
        row = 1 - row if x - previous_x < 90 else 0  # neighbours' labels on alternate lines
        previous_x = x
        radius = 5 + 2 * min(counts[date], 8)
        parts.append(
            f'<circle cx="{x:.1f}" cy="45" r="{radius}" fill="#0b5cad" fill-opacity="0.75">'
            f"<title>{date.isoformat()}: {counted(counts[date], 'event')}</title></circle>"
        )
        parts.append(
            f'<text x="{x:.1f}" y="{80 + 14 * row}" text-anchor="middle">{date.isoformat()}</text>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="20" text-anchor="middle">{counted(counts[date], "event")}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(brief: Brief) -> str:
    """One self-contained page for the brief."""
    title = next((s.title for s in brief.sources if s.title), None) or "newsfuse brief"
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="meta">{counted(len(brief.sources), "source")} · '
        f"{counted(len(brief.facts), 'fact')} · "
        f"{counted(len(brief.conflicts), 'conflict')} · generated by {escape(brief.generator)}</p></header>",
    ]
    out.append('<section class="summary" id="summary"><h2>Summary</h2>')
    if brief.summary:
        for sentence in brief.summary:
            badges = "".join(
                f'<a class="badge" href="#conflict-{k}">contested: '
                f"{escape(brief.conflicts[k].topic)}</a>"
                for k in sentence.conflicts
                if k < len(brief.conflicts)
            )
            out.append(f"<p>{escape(sentence.text)}{_cites(sentence.evidence, brief)}{badges}</p>")
    else:
        out.append('<p class="small">No summary: no English text to summarise.</p>')
    out.append("</section>")

    if brief.conflicts:
        out.append('<section id="conflicts"><h2>Conflicts</h2>')
        for k, conflict in enumerate(brief.conflicts):
            note = f' <span class="small">({escape(conflict.note)})</span>' if conflict.note else ""
            out.append(
                f'<div class="conflict" id="conflict-{k}"><h3>{escape(conflict.topic)}{note}</h3>'
                '<div class="values">'
            )
            for value in conflict.values:
                who = f"according to {escape(value.attributed_to)}" if value.attributed_to else ""
                when = f"as of {value.as_of.isoformat()}" if value.as_of else ""
                detail = " · ".join(x for x in (who, when) if x)
                figure = f"{value.value:,}" if isinstance(value.value, int | float) else value.value
                out.append(
                    f'<div class="value"><div class="figure">{escape(str(figure))}</div>'
                    f'<div class="small">{detail} · {", ".join(map(escape, value.sources))}</div>'
                    f"<blockquote>{_highlight(value.text, value)}"
                    f"{_cites(value.evidence, brief)}</blockquote></div>"
                )
            out.append("</div></div>")
        out.append("</section>")

    if brief.timeline:
        out.append('<section class="timeline" id="timeline"><h2>Timeline</h2>')
        out.append(_timeline_svg(brief))
        out.append("<ul>")
        for entry in brief.timeline:
            out.append(
                f"<li><strong>{escape(day_label(entry))}</strong> {escape(entry.text)}"
                f"{_cites(entry.evidence, brief)}</li>"
            )
        out.append("</ul></section>")

    if brief.facts:
        wire_of = {sid: n for n, g in enumerate(brief.wire_groups) for sid in g.sources}
        out.append('<section id="coverage"><h2>Who carries which fact</h2>')
        out.append(
            '<p class="small">● the source states the fact · ◐ it states it in wire copy shared '
            "with another source of the fact (counted once)</p><table><tr><th>fact</th>"
            "<th>independent</th>"
            + "".join(f"<th>{escape(s.id)}</th>" for s in brief.sources)
            + "</tr>"
        )
        for fact in brief.facts:
            groups = [wire_of.get(sid) for sid in fact.sources]
            cells = []
            for source in brief.sources:
                if source.id not in fact.sources:
                    cells.append("<td></td>")
                elif wire_of.get(source.id) is not None and groups.count(wire_of[source.id]) > 1:
                    cells.append('<td class="dot wire" title="shared wire copy">◐</td>')
                else:
                    cells.append('<td class="dot">●</td>')
            out.append(
                f"<tr><td>{escape(shortened(fact.text, 220))}</td><td>{fact.independent_sources}</td>"
                + "".join(cells)
                + "</tr>"
            )
        out.append("</table></section>")

    if brief.quotes:
        by_speaker: dict[str, list] = defaultdict(list)
        for quote in brief.quotes:
            by_speaker[quote.speaker or "unattributed"].append(quote)
        out.append('<section class="quotes" id="quotes"><h2>Quotes</h2><dl>')
        for speaker, quotes in by_speaker.items():
            role = next((q.role for q in quotes if q.role), None)
            role_text = f' <span class="small">{escape(role)}</span>' if role else ""
            out.append(f"<dt>{escape(speaker)}{role_text}</dt>")
            for quote in quotes:
                out.append(f"<dd>“{escape(quote.text)}”{_cites(quote.evidence, brief)}</dd>")
        out.append("</dl></section>")

    if brief.entities:
        out.append('<section class="entities" id="entities"><h2>Entities</h2><ul>')
        for entity in brief.entities[:60]:
            aliases = [a for a in entity.aliases if a != entity.name]
            also = (
                f' <span class="small">also {escape(", ".join(aliases))}</span>' if aliases else ""
            )
            out.append(
                f'<li>{escape(entity.name)} <span class="small">{escape(entity.type)} · '
                f"{counted(entity.mentions, 'mention')} in "
                f"{counted(len(entity.sources), 'source')}</span>{also}</li>"
            )
        out.append("</ul></section>")

    out.append(
        '<section id="sources"><h2>Sources</h2><table><tr><th>id</th><th>source</th>'
        "<th>published</th><th>words</th><th>credits</th></tr>"
    )
    for source in brief.sources:
        name = escape(source.title or source.outlet or source.path or source.url or "")
        if source.url and _WEB_URL.match(source.url):
            # a link loads nothing when the page is opened (the CSP still holds); only web
            # schemes, so a source cannot plant a javascript: link
            name = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{name}</a>'
        if source.outlet and source.title:
            name += f' <span class="small">{escape(source.outlet)}</span>'
        out.append(
            f'<tr id="{escape(source.id)}"><td>{escape(source.id)}</td><td>{name}</td>'
            f"<td>{source.published or '?'}</td><td>{source.words}</td>"
            f"<td>{escape(', '.join(source.credits) or '—')}</td></tr>"
        )
    out.append("</table>")
    for group in brief.wire_groups:
        out.append(
            f'<p class="small">Wire group {escape(", ".join(group.sources))}'
            f"{' (' + escape(', '.join(group.credits)) + ')' if group.credits else ''}: "
            "shared copy, counted as one witness.</p>"
        )
    if brief.problems:
        out.append("<h3>Problems</h3><ul>")
        for problem in brief.problems:
            out.append(f"<li>{escape(problem.severity)}: {escape(problem.error)}</li>")
        out.append("</ul>")
    out.append("</section></body></html>")
    return "\n".join(out) + "\n"
