from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsfuse import Article, Brief, brief
from newsfuse.align import Statement, content_stems
from newsfuse.model import Span
from newsfuse.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def resources() -> Resources:
    """One set of loaded models for the whole test session."""
    return Resources()


@pytest.fixture(scope="session")
def example_brief(resources: Resources) -> Brief:
    return brief([EXAMPLE], resources=resources)


def source_by_file(result: Brief, stem_prefix: str):
    """The source read from the example file whose name starts with ``stem_prefix`` ('001')."""
    for source in result.sources:
        if source.path and Path(source.path).name.startswith(stem_prefix):
            return source
    raise AssertionError(f"no source from a file starting with {stem_prefix}")


def duc_articles(
    name: str, cluster_id: str, ids: list[str] | None = None, limit: int | None = None
) -> list[Article]:
    """Documents of a DUC cluster read from ../shared at run time (never copied here): those
    named by ``ids`` in that order, else the first ``limit``; skipped where the data is absent."""
    import datetime as dt
    import json

    path = SHARED / "benchmarks" / name / "clusters.jsonl"
    if not path.exists():
        pytest.skip(f"benchmark data not found at {path}")
    with path.open(encoding="utf-8") as handle:
        cluster = next((c for c in map(json.loads, handle) if c["id"] == cluster_id), None)
    assert cluster is not None, f"no cluster {cluster_id}"
    by_id = {d["id"]: d for d in cluster["documents"]}
    chosen = [by_id[i] for i in ids] if ids else cluster["documents"][:limit]
    return [
        Article(
            path=d["id"],
            title=d.get("headline") or None,
            published=dt.date.fromisoformat(d["date"][:10]) if d["date"][4:5] == "-" else None,
            text=d["text"],
        )
        for d in chosen
    ]


def assert_spans_valid(result: Brief) -> int:
    """Every span in the brief lies inside its source's text; returns how many were checked."""
    texts = {s.id: s.text for s in result.sources}
    checked = 0
    data = result.model_dump()

    def walk(node):
        nonlocal checked
        if isinstance(node, dict):
            if set(node) == {"source", "start", "end"}:
                text = texts[node["source"]]
                assert 0 <= node["start"] < node["end"] <= len(text), node
                checked += 1
            else:
                for value in node.values():
                    walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(data)
    return checked


def plain_statement(source: str, text: str, start: int = 0) -> Statement:
    """A statement of ``text`` at ``start`` in ``source``, with no names or figures."""
    return Statement(
        span=Span(source=source, start=start, end=start + len(text)),
        text=text,
        stems=content_stems(text),
        entities=frozenset(),
        numbers=frozenset(),
    )


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium through Playwright, as .ci/run installs it (skipped where absent)."""
    path = shutil.which("chromium")
    required = os.environ.get("NEWSFUSE_REQUIRE_BROWSER") == "1"  # set by .ci/run
    if path is None:
        if required:
            pytest.fail("chromium is not installed but NEWSFUSE_REQUIRE_BROWSER=1")
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    if required:
        import playwright.sync_api as playwright
    else:
        playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=path,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
