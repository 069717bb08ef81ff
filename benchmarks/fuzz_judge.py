"""What ``benchmarks/fuzz.py`` checks in each brief: every input accounted for, nothing planted
left live in the HTML or the Markdown render, nothing read from outside the folders given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path

from fuzz_cases import SECRET

# What the HTML renderer itself writes (measured on the example brief): any other element or
# attribute, an event handler above all, came from a source.
_TAGS = frozenset(
    "a blockquote body circle dd details div dl dt h1 h2 h3 head header html li line mark meta "
    "p section span strong style summary svg table tbody td text th thead title tr ul".split()
)
_ATTRIBUTES = frozenset(
    "aria-label charset class content cx cy data-label fill fill-opacity height href "
    "http-equiv id initial-scale lang name r rel role stroke stroke-width text-anchor title "
    "viewbox width x x1 x2 xmlns y y1 y2".split()
)
_SAFE_LINK = re.compile(r"^(?:#|https?://)", re.IGNORECASE)


class _Markup(HTMLParser):
    """Collects what in a page a source could have planted: foreign tags and attributes, links
    that are not web addresses, and a refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._meta = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note a tag, attribute or link the renderer does not write."""
        if tag not in _TAGS:
            self.found.append(f"<{tag}>")
        self._meta += tag == "meta"
        for name, value in attrs:
            if name not in _ATTRIBUTES:
                self.found.append(f"{tag}[{name}]")
            elif name == "href" and not _SAFE_LINK.match((value or "").strip()):
                self.found.append(f"href={(value or '')[:30]!r}")
            elif name == "http-equiv" and (value or "").lower() != "content-security-policy":
                self.found.append(f"http-equiv={value!r}")

    def finished(self) -> list[str]:
        """What was found, a page of more ``<meta>`` elements than the renderer's included."""
        if self._meta > 3:  # the page writes charset, viewport and its Content-Security-Policy
            self.found.append(f"{self._meta} <meta> elements")
        return self.found


def html_findings(page: str) -> list[str]:
    """Live markup in an HTML brief that the renderer did not write."""
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser.finished()


# raw HTML (an unescaped "<" before a tag name), and a link or image whose target is not the
# renderer's own "<https://...>"
_MD_LIVE = re.compile(r"(?<!\\)<(?!https?://)[A-Za-z!/?]|(?<!\\)\]\((?!<https?://)")


def markdown_findings(text: str) -> list[str]:
    """Markdown structure in a brief that a source planted."""
    return [m.group(0) for m in _MD_LIVE.finditer(text)]


def leaked(texts: Iterable[str | None]) -> bool:
    """Whether the file outside every folder given was read."""
    return any(SECRET in (t or "") for t in texts)


def lost(
    expected: Sequence[tuple[Path, Sequence[int]]],
    sources: Iterable[str],
    problems: Iterable[str],
) -> list[str]:
    """The expected inputs (files, and their records as ``path:N``) that came back neither as a
    source nor as a problem. A problem about a folder accounts for what is inside it."""
    source_paths = {p for p in sources if p}
    problem_paths = {p for p in problems if p}
    seen = source_paths | problem_paths
    heads = {_head(p) for p in seen}
    missing = []
    for path, records in expected:
        where = str(path)
        if where in problem_paths or any(where.startswith(p + "/") for p in problem_paths):
            continue  # the file (or a folder above it) was set aside as a whole
        if not records:
            if where not in heads:
                missing.append(where)
            continue
        missing += [f"{where}:{n}" for n in records if f"{where}:{n}" not in seen]
    return missing


def _head(path: str) -> str:
    """'dir/f.jsonl:3' -> 'dir/f.jsonl' (a colon in a folder name is left alone)."""
    head, sep, tail = path.rpartition(":")
    return head if sep and tail.isdigit() else path
