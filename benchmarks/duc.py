"""Loading the DUC evaluation data from ../shared/benchmarks at run time (never copied here)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DUC2006 = ROOT.parent / "shared" / "benchmarks" / "duc2006" / "clusters.jsonl"


def load_clusters(path: Path = DEFAULT_DUC2006, limit: int | None = None) -> list[dict]:
    """The clusters of a DUC clusters.jsonl file; a clear error when the data is not there."""
    if not path.exists():
        raise SystemExit(
            f"benchmark data not found at {path}; pass --data PATH to the clusters.jsonl file"
        )
    clusters = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            clusters.append(json.loads(line))
            if limit and len(clusters) >= limit:
                break
    return clusters


def iter_documents(clusters: list[dict]) -> Iterator[tuple[str, dict]]:
    """(cluster id, document) for every document, in file order."""
    for cluster in clusters:
        for document in cluster["documents"]:
            yield cluster["id"], document


def articles_of(cluster: dict) -> list:
    """The cluster's documents as newsfuse articles (id as path, headline, date, text)."""
    from newsfuse.ingest import parse_date
    from newsfuse.model import Article

    return [
        Article(path=d["id"], title=d["headline"], published=parse_date(d["date"]), text=d["text"])
        for d in cluster["documents"]
    ]
