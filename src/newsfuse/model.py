"""The records that flow through the pipeline, and the Brief that comes out of it.

Every record is a frozen pydantic model: stages never mutate what they receive, they return new
records (``record.model_copy(update=...)``). Collections are tuples so that a frozen record is frozen
all the way down.

Two families live here:

* pipeline records (:class:`Article`, :class:`CleanArticle`, :class:`Sentence`, :class:`Problem`)
  that carry a text and what the stages learned about it, and
* the :class:`Brief` and its parts, which are the JSON contract described in
  ``shared/design/brief-contract.md``: fields may be added, never renamed, retyped or dropped.

>>> span = Span(source="S1", start=0, end=5)
>>> Span.model_validate_json(span.model_dump_json()) == span
True
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1"


class Record(BaseModel):
    """Base of every record: immutable, strict about unknown fields, complete in its JSON Schema."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        # The published schema lists every field as required: we always write all of them.
        json_schema_serialization_defaults_required=True,
    )


# --------------------------------------------------------------------------------------------
# Evidence


class Span(Record):
    """Characters ``text[start:end]`` of the cleaned text of source ``source`` (end exclusive)."""

    source: str = Field(description="Source id, e.g. 'S2'.")
    start: int = Field(ge=0)
    end: int = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be greater than start {self.start}")
        return self


# --------------------------------------------------------------------------------------------
# Pipeline records


class Problem(Record):
    """An input that was set aside (``severity='error'``) or kept with a caveat (``'warning'``)."""

    path: str = Field(description="File (and ':line' for a JSONL record) the problem is about.")
    error: str = Field(description="A sentence a person can act on.")
    severity: Literal["error", "warning"] = Field(
        default="error",
        description="'error': the input was set aside; 'warning': it was kept, with this caveat.",
    )


class Article(Record):
    """One report as read from its input, before any cleaning."""

    id: str | None = Field(
        default=None,
        description="The id the input gives it (a JSON record's 'id', a feed entry's id).",
    )
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text: str


class Removal(Record):
    """A piece of the raw text that cleaning dropped, and the rule that dropped it."""

    rule: str
    text: str


class CleanArticle(Record):
    """An article whose ``text`` is the cleaned text that every offset points into."""

    article: Article
    text: str
    dateline: str | None = None
    removed: tuple[Removal, ...] = ()


class Sentence(Record):
    """A sentence of a cleaned text: ``text == clean_text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    paragraph: int = Field(ge=0, description="Index of the paragraph that holds the sentence.")


class Mention(Record):
    """An entity mention found by NER in one source."""

    span: Span
    text: str
    label: str


#: The parts of a day that news names ("early Wednesday", "on Wednesday afternoon", "later on
#: Wednesday", "late on Wednesday", "overnight"), earliest first.
DAY_PARTS = ("early", "morning", "afternoon", "later", "evening", "late", "night")
DayPart = Literal["early", "morning", "afternoon", "later", "evening", "late", "night"]


def day_part_rank(part: str | None) -> float:
    """Where ``part`` falls in its day; a time given by the day alone counts as daytime (after
    the morning, before the afternoon)."""
    return 1.5 if part is None else float(DAY_PARTS.index(part))


class TimeMention(Record):
    """A time expression and the calendar date it resolves to (None: not resolvable)."""

    span: Span
    text: str
    date: str | None
    precision: Literal["day", "month", "year"] | None
    sentence: Span
    part_of_day: DayPart | None = None


class QuantityMention(Record):
    """A figure with what it counts, the event, who gave it, and the time it refers to."""

    span: Span
    text: str
    value: float
    low: float
    high: float
    vague: bool = False
    qualifier: str | None = None
    counted: str | None = None
    group: str | None = None
    event: str | None = None
    place: str | None = None
    attributed_to: str | None = None
    as_of: dt.date | None = None
    partitive: bool = False
    past: bool = Field(
        default=False, description="The figure belongs to an earlier event the text recalls."
    )
    unit: str | None = Field(
        default=None,
        description="A currency ('USD'), 'percent', a base unit ('m', 't', 'km/h'), or None for a "
        "count.",
    )
    scale: float = Field(
        default=1.0,
        description="What ``value``, ``low`` and ``high`` (as the text states them: '30' of '30 "
        "feet') are multiplied by to be in ``unit`` (0.3048 for feet in metres).",
    )
    measure: str | None = Field(default=None, description="The lemma of what the figure measures.")
    relation: str | None = Field(default=None, description="The verb or preposition governing it.")
    about: str | None = Field(default=None, description="The named entity its clause is about.")
    rate: bool = Field(default=False, description="A rate or ratio ('one out of 10', 'per year').")
    planned: bool = Field(
        default=False, description="A projection or a scheduled event, not a tally of one."
    )
    age: bool = Field(default=False, description="A person's age ('Wang, 31', 'aged 45').")
    compared: bool = Field(
        default=False, description="A figure something is compared with ('more than the 19')."
    )
    sentence: Span
    context: str = Field(default="", description="The text of ``sentence``.")


class QuoteMention(Record):
    """A direct quote in one source and the speaker as the text names them."""

    span: Span
    text: str
    speaker: str | None
    role: str | None


# --------------------------------------------------------------------------------------------
# The Brief (the JSON contract)


class Source(Record):
    """One input report as the Brief presents it."""

    id: str
    path: str | None
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str
    words: int = Field(ge=0)
    credits: tuple[str, ...] = Field(
        description="Wire services whose copy the text says it carries (e.g. 'AFP')."
    )
    cited_agencies: tuple[str, ...] = Field(
        default=(),
        description="Agencies the text merely cites as a source of information ('according to').",
    )
    dateline: str | None = None
    text: str = Field(description="The cleaned text; all evidence offsets point into it.")
    removed: tuple[Removal, ...] = Field(
        default=(), description="What cleaning dropped from the raw text, with the rule's name."
    )


class SummarySentence(Record):
    text: str
    citations: tuple[str, ...]
    evidence: tuple[Span, ...] = Field(min_length=1)
    contested: bool = Field(
        default=False, description="The sentence states a figure that sources dispute."
    )
    conflicts: tuple[int, ...] = Field(
        default=(), description="Indices into the brief's conflicts that the sentence touches."
    )
    latest: str | None = Field(
        default=None,
        description="For a sentence stating a figure that later reports revised: the latest "
        "figure and its date ('people killed: later revised to 247, reported 1998-08-13').",
    )


class Fact(Record):
    text: str
    sources: tuple[str, ...]
    independent_sources: int = Field(ge=0)
    evidence: tuple[Span, ...] = Field(min_length=1)


class ConflictValue(Record):
    value: float | int | str
    text: str
    sources: tuple[str, ...]
    attributed_to: str | None
    as_of: dt.date | None
    evidence: tuple[Span, ...] = Field(min_length=1)
    reported: dt.date | None = Field(
        default=None,
        description="The earliest publication date among the sources that give the value.",
    )


class Conflict(Record):
    topic: str
    kind: Literal["number", "date", "name", "claim"]
    values: tuple[ConflictValue, ...] = Field(min_length=2)
    note: str | None
    nature: Literal["disagreement", "revision"] = Field(
        default="disagreement",
        description=(
            "revision: the figure changed as reports came in (values oldest report first, each "
            "later one superseding); disagreement: different figures for the same thing at the "
            "same time."
        ),
    )


class Quote(Record):
    speaker: str | None
    role: str | None
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Span, ...] = Field(min_length=1)


class Entity(Record):
    name: str
    type: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: int = Field(ge=0)


class TimelineEntry(Record):
    date: str = Field(description="ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY, as precision says.")
    precision: Literal["day", "month", "year"]
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Span, ...] = Field(min_length=1)
    part_of_day: DayPart | None = Field(
        default=None,
        description="The part of the day a source names ('early', 'morning', 'afternoon', "
        "'later', 'evening', 'late', 'night'), null when it gives the day alone; entries of one "
        "day are listed in this order, a day alone counting as daytime.",
    )


class Passage(Record):
    """A run of text two sources share; one evidence span in each."""

    text: str
    evidence: tuple[Span, ...] = Field(min_length=2)


class Reuse(Record):
    sources: tuple[str, str]
    share: float = Field(ge=0, le=1)
    passages: tuple[Passage, ...]


class WireGroup(Record):
    """Sources linked by heavy reuse: for corroboration they count as one."""

    sources: tuple[str, ...] = Field(min_length=2)
    credits: tuple[str, ...] = Field(description="Wire services the members credit, if any.")


class Brief(Record):
    """The whole account of a set of reports: the one thing newsfuse serialises."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    generator: str
    sources: tuple[Source, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    reuse: tuple[Reuse, ...] = ()
    wire_groups: tuple[WireGroup, ...] = ()
    problems: tuple[Problem, ...] = ()

    def source(self, source_id: str) -> Source:
        """The source with id ``source_id``; raises KeyError naming the known ids."""
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources) or "none"
        raise KeyError(f"no source {source_id!r} in this brief (known: {known})")

    def quote(self, span: Span) -> str:
        """The passage of the cleaned source text that ``span`` points at."""
        return self.source(span.source).text[span.start : span.end]

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Brief:
        return cls.model_validate_json(data)


def brief_json_schema() -> dict:
    """The JSON Schema of the Brief as newsfuse writes it (shipped as ``schema/brief.schema.json``)."""
    schema = Brief.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://newsfuse.invalid/schema/brief.schema.json"
    return schema
