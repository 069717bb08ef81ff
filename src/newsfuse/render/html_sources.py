"""The Sources section: a table naming each report, then each cleaned text, folded, with its
cited passages marked and what cleaning removed shown apart."""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePath

from ..model import Brief, Removal, Source
from .html_passages import Citations, html_id, marked_paragraphs, source_label
from .wording import counted

_WEB_URL = re.compile(r"https?://[^\s\"'<>]+$", re.IGNORECASE)


def _name_cell(source: Source) -> str:
    """The title (or outlet, or file name), linked to the report's web address when it has one."""
    name = escape(source.title or source.outlet or source.path or source.url or "")
    if source.url and _WEB_URL.match(source.url):
        # a link loads nothing when the page is opened (the CSP still holds); only web
        # schemes, so a source cannot plant a javascript: link
        name = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{name}</a>'
    if source.outlet and source.title:
        name += f' <span class="small">{escape(source.outlet)}</span>'
    if source.path and (source.title or source.outlet):
        name += f' <span class="small file">{escape(PurePath(source.path).name)}</span>'
    return name


def _sources_table(brief: Brief) -> str:
    """One row per source; ``data-label`` names each cell when narrow screens stack the rows."""
    rows = [
        '<table class="sources"><thead><tr><th>id</th><th>source</th><th>published</th>'
        "<th>words</th><th>credits</th><th>text</th></tr></thead><tbody>"
    ]
    for source in brief.sources:
        sid = html_id(source.id)
        rows.append(
            f'<tr id="{sid}"><td class="sid">{escape(source.id)}</td>'
            f'<td class="name" data-label="source">{_name_cell(source)}</td>'
            f'<td class="date" data-label="published">{source.published or "?"}</td>'
            f'<td data-label="words">{source.words}</td>'
            f'<td data-label="credits">{escape(", ".join(source.credits) or "—")}</td>'
            f'<td data-label="text"><a href="#text-{sid}">cleaned text</a></td></tr>'
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def _removed(removed: tuple[Removal, ...]) -> str:
    """What cleaning dropped, folded and grouped by the rule that dropped it."""
    if not removed:
        return ""
    by_rule: dict[str, list[str]] = {}
    for part in removed:
        by_rule.setdefault(part.rule, []).append(part.text)
    items = "".join(
        f"<dt>{escape(rule)}</dt>{''.join(f'<dd>{escape(text)}</dd>' for text in texts)}"
        for rule, texts in by_rule.items()
    )
    return (
        f'<details class="removed"><summary>Removed by cleaning: {counted(len(removed), "part")}'
        f"</summary><dl>{items}</dl></details>"
    )


def _source_text(source: Source, citations: Citations) -> str:
    """The cleaned text of one source, folded, its cited passages marked with back-links."""
    regions = citations.regions.get(source.id, ())
    marks = [(r.start, r.end, r.id) for r in regions]
    after = {r.id: citations.backlinks(r.id) for r in regions}
    sid = html_id(source.id)
    return (
        f'<details class="source"><summary><strong>{escape(source.id)}</strong> '
        f"{escape(source_label(source))} "
        f'<span class="small">· {counted(source.words, "word")} · '
        f"{counted(len(regions), 'cited passage')}</span></summary>"
        f'<div class="text" id="text-{sid}">{marked_paragraphs(source.text, marks, after)}</div>'
        f"{_removed(source.removed)}</details>"
    )


def sources_section(brief: Brief, citations: Citations) -> str:
    """The Sources section; render it after every section that cites, so back-links are known."""
    out = ['<section id="sources"><h2>Sources</h2>', _sources_table(brief)]
    for group in brief.wire_groups:
        credits = f" ({escape(', '.join(group.credits))})" if group.credits else ""
        out.append(
            f'<p class="small">Wire group {escape(", ".join(group.sources))}{credits}: '
            "shared copy, counted as one witness.</p>"
        )
    if brief.sources:
        out.append('<h3>Cleaned texts</h3><p class="small">A citation opens its passage here, '
                   "highlighted; ↩ leads back to the citation.</p>")  # fmt: skip
    out.extend(_source_text(source, citations) for source in brief.sources)
    if brief.problems:
        out.append("<h3>Problems</h3><ul>")
        out.extend(f"<li>{escape(p.severity)}: {escape(p.error)}</li>" for p in brief.problems)
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)
