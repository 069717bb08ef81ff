"""The brief page's CSS, shared by the static page and the server's story page."""

from __future__ import annotations

#: Colour of a passage a citation has just opened (``:target``); the browser test reads it back.
TARGET_COLOUR = "#ffc24d"

#: Screens up to this width (CSS px) get the phone layout: stacked sources, vertical timeline.
NARROW_PX = 640

BRIEF_CSS = """
:root { --ink:#1d232a; --muted:#5b6570; --line:#d9dee3; --accent:#0b5cad; --warn:#a23b00;
        --wire:#7a5c00; --bg:#fbfbfa; --passage:#fff0cf; --target:TARGET; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: var(--ink); background: var(--bg);
       margin: 0; }
.brief { margin: 0 auto; max-width: 1100px; padding: 24px; overflow-wrap: anywhere; }
h1 { font-size: 1.7em; margin: 0 0 4px; } h2 { font-size: 1.25em; border-bottom: 2px solid var(--ink);
       padding-bottom: 2px; margin-top: 2em; }
h3 { font-size: 1.05em; }
.meta, .small { color: var(--muted); font: 13px/1.4 system-ui, sans-serif; }
.summary p { margin: 0 0 .6em; }
a.cite { font: 11px system-ui, sans-serif; vertical-align: super; color: var(--accent);
         text-decoration: none; margin-left: 1px; white-space: nowrap; }
a.cite:hover { text-decoration: underline; }
a.cite:target, a.dot:target { background: var(--target); outline: 2px solid var(--warn); }
a.cite, a.dot, mark.passage { scroll-margin-top: var(--scroll-offset, 3em); }
.badge { font: 11px system-ui, sans-serif; background: var(--warn); color: #fff; border-radius: 3px;
         padding: 0 5px; margin-left: 4px; text-decoration: none; white-space: nowrap; }
.conflict { border: 1px solid var(--line); border-left: 4px solid var(--warn); background: #fff;
            padding: 10px 14px; margin: 12px 0; }
.badge.revised { background: var(--accent); }
.conflict h3 { margin: 0 0 8px; }
.conflict .nature { margin: 0 0 8px; }
.conflict.revision { border-left-color: var(--accent); }
.conflict.revision .values { display: block; }
.conflict.revision .value + .value { margin-top: 4px; }
.conflict.revision .value .figure { color: var(--accent); }
.values { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(240px, 100%), 1fr));
          gap: 10px; }
.value { border: 1px solid var(--line); padding: 8px 10px; }
.value .figure { font: bold 1.6em system-ui, sans-serif; color: var(--warn); }
.value blockquote { margin: 6px 0 0; font-size: .92em; color: #333; }
mark { background: #ffe3b0; padding: 0 2px; }
mark.passage { background: var(--passage); padding: 0; }
mark.passage:target { background: var(--target); outline: 2px solid var(--warn); }
.back a { font: 12px system-ui, sans-serif; color: var(--accent); text-decoration: none;
          margin-left: 3px; }
.back .more { font: 11px system-ui, sans-serif; color: var(--muted); margin-left: 3px; }
table { border-collapse: collapse; width: 100%; font: 13px/1.35 system-ui, sans-serif; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
/* short cells keep their words whole; the long ones may break anywhere, so tables fit */
.brief table { overflow-wrap: normal; }
.brief td.name, .brief td.fact { overflow-wrap: anywhere; }
td.date { white-space: nowrap; }
.matrix-wrap { max-width: 100%; overflow-x: auto; }
table.matrix th.src, table.matrix td.dot { width: 2em; padding: 4px 1px; text-align: center; }
table.matrix th.src { white-space: nowrap; }
td.dot { font-size: 15px; }
td.dot a { color: inherit; text-decoration: none; }
td.wire { color: var(--wire); }
.quotes dt { font-weight: bold; margin-top: .6em; }
.quotes dd { margin: 2px 0 4px 1.2em; }
.entities li { font: 14px system-ui, sans-serif; }
.tl-wide { padding: 0 40px; }
.tl-chart { display: block; overflow: visible; max-width: 100%; height: auto; }
.tl-chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.tl-narrow { display: none; }
.timeline li { margin-bottom: 4px; }
details.source { border: 1px solid var(--line); background: #fff; margin: 8px 0; }
details.source > summary { cursor: pointer; padding: 6px 10px; font: 14px/1.4 system-ui, sans-serif; }
details.source .text { padding: 4px 14px 2px; }
details.source .text p { margin: 0 0 .8em; }
details.removed { margin: 0 14px 10px; border-top: 1px dashed var(--line);
                  font: 13px/1.4 system-ui, sans-serif; color: var(--muted); }
details.removed > summary { cursor: pointer; padding: 4px 0; }
details.removed dt { font-weight: bold; margin-top: 4px; }
details.removed dd { margin: 0 0 2px 1em; }
@media (max-width: NARROWpx) {
  .brief { padding: 12px; }
  h1 { font-size: 1.4em; }
  .tl-wide { display: none; }
  .tl-narrow { display: block; }
  table.sources, table.sources tbody, table.sources tr, table.sources td { display: block; }
  table.sources thead { display: none; }
  table.sources tr { border: 1px solid var(--line); margin: 0 0 8px; padding: 4px 0; }
  table.sources td { border: 0; padding: 1px 8px; }
  table.sources td.sid { font-weight: bold; }
  table.sources td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  details.source .text { padding: 4px 10px 2px; }
}
""".replace("TARGET", TARGET_COLOUR).replace("NARROW", str(NARROW_PX))
