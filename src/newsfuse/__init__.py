"""newsfuse: many news reports of the same events in, one cited and evidence-linked brief out.

>>> import newsfuse
>>> brief = newsfuse.brief(["examples/kazakhstan-2022"])   # doctest: +SKIP
>>> brief.reuse[0].sources                                  # doctest: +SKIP
('S2', 'S3')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import NewsfuseError

if TYPE_CHECKING:
    from .model import Article, Brief
    from .pipeline import brief, load_articles
    from .settings import Settings

__version__ = "0.1.0"

# Imported on first use (PEP 562): the pipeline pulls in numpy, scipy and pydantic's models,
# most of the start-up time of a command that only prints its help or lists stories.
_LAZY = {
    "Article": "model",
    "Brief": "model",
    "brief": "pipeline",
    "load_articles": "pipeline",
    "Settings": "settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Article", "Brief", "NewsfuseError", "Settings", "__version__", "brief", "load_articles"]
