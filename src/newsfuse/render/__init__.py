"""Renderers: the Brief as JSON (the contract), Markdown, and a self-contained HTML page."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ConfigError
from ..model import Brief
from .html import render_html
from .json import render_json
from .markdown import render_markdown

RENDERERS: dict[str, Callable[[Brief], str]] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
}


def render(brief: Brief, fmt: str) -> str:
    """The brief in format ``fmt`` (one of :data:`RENDERERS`)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ConfigError(
            f"unknown output format {fmt!r}; choose one of {', '.join(RENDERERS)}"
        ) from None
    return renderer(brief)
