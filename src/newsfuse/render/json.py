"""The Brief as JSON: the contract of ``schema/brief.schema.json``."""

from __future__ import annotations

import json
from importlib import resources

from ..model import Brief


def render_json(brief: Brief) -> str:
    """Pretty-printed JSON of the brief, ending with a newline."""
    return brief.to_json(indent=2) + "\n"


def load_schema() -> dict:
    """The JSON Schema shipped with the package."""
    text = resources.files("newsfuse").joinpath("schema/brief.schema.json").read_text("utf-8")
    return json.loads(text)
