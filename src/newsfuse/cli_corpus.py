"""The corpus commands: ``newsfuse add`` and ``newsfuse stories``, thin shells over
:mod:`newsfuse.corpus` (``add``, ``list_stories``, ``story_brief``).

The database is ``--db FILE``, else ``$NEWSFUSE_DB``, else ``./newsfuse.db``.
"""

from __future__ import annotations

import html
import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .cli import (
    EXIT_NO_INPUT,
    FOLLOW_LINKS_HELP,
    MAX_FILES_HELP,
    MAX_HTML_ELEMENTS_HELP,
    _describe,
    _progress,
    _usage_error,
    app,
    database_path,
    manifest_missing,
)
from .defaults import MAX_FILES, MAX_HTML_ELEMENTS
from .errors import ConfigError, NewsfuseError
from .files import output_folder_problem, write_atomically

if TYPE_CHECKING:
    from .corpus import AddResult, StorySummary
    from .settings import Settings

DbOption = Annotated[
    Path | None,
    typer.Option(
        help="Corpus database (default: $NEWSFUSE_DB, else ./newsfuse.db).", show_default=False
    ),
]


class Listing(str, Enum):
    table = "table"
    json = "json"


class BriefFormat(str, Enum):
    html = "html"
    json = "json"
    md = "md"


IdleOption = Annotated[
    int | None,
    typer.Option(
        help="A story with no article for this many days takes no new one (default 30).",
        show_default=False,
    ),
]


def _settings(
    field: list[str] | None,
    max_bytes: int | None,
    idle_days: int | None,
    err: Console,
    **reading: int | bool | None,
) -> Settings:
    """The settings of the options given (``reading``: max_files, follow_links, ...); a bad
    value is a usage error."""
    from pydantic import ValidationError

    from .settings import Settings, parse_field_map

    try:
        updates: dict = {"field_map": parse_field_map(field or [])}
        if max_bytes is not None:
            updates["max_bytes"] = max_bytes
        if idle_days is not None:
            updates["story_idle_days"] = idle_days
        updates.update({k: v for k, v in reading.items() if v is not None})
        return Settings(**updates)
    except ValidationError as exc:
        _usage_error(err, _describe(exc))
    except (ConfigError, ValueError) as exc:
        _usage_error(err, str(exc))
    raise AssertionError("unreachable")


@app.command()
def add(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories, as 'brief' reads them, or http(s):// addresses of pages "
            "to fetch.",
            metavar="PATHS",
            show_default=False,
        ),
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option(
            "--feed",
            metavar="FEED_URL",
            help="An RSS or Atom feed to add the new entries of (each read from the page it "
            "links to); repeat for several feeds.",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Fetch from loopback, link-local and private-network addresses too (refused "
            "by default).",
        ),
    ] = False,
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not state their own."),
    ] = None,
    manifest: Annotated[
        Path | None, typer.Option(help="CSV or JSON file of metadata (path, title, outlet, ...).")
    ] = None,
    field: Annotated[
        list[str] | None, typer.Option(help="Map a record key for JSON/JSONL input: text=body.")
    ] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input file in bytes.")] = None,
    max_files: Annotated[int, typer.Option(help=MAX_FILES_HELP)] = MAX_FILES,
    follow_links: Annotated[bool, typer.Option("--follow-links", help=FOLLOW_LINKS_HELP)] = False,
    max_html_elements: Annotated[
        int, typer.Option("--max-elements", help=MAX_HTML_ELEMENTS_HELP)
    ] = MAX_HTML_ELEMENTS,
    batch: Annotated[int, typer.Option(min=1, help="Articles written per transaction.")] = 200,
    idle_days: IdleOption = None,
    analyse: Annotated[
        bool,
        typer.Option(
            help="Parse each article now and keep its analysis, so that briefing its story "
            "parses nothing; --no-analyse only groups articles (no parse, which is most of the "
            "time of an add) and "
            "leaves the parse to the first brief."
        ),
    ] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the totals.")] = False,
) -> None:
    """Add the articles of PATHS (files, folders, page URLs) and of the new entries of each
    --feed to the corpus database, and put each in a story."""
    from . import corpus

    err = Console(stderr=True, soft_wrap=True)
    if not paths and not feed:
        _usage_error(err, "give files, folders or page URLs to add, or --feed FEED_URL")
    if manifest is not None and not manifest.is_file():
        _usage_error(err, manifest_missing(manifest))
    settings = _settings(
        field,
        max_bytes,
        idle_days,
        err,
        max_files=max_files,
        follow_links=follow_links,
        max_html_elements=max_html_elements,
    )
    target = database_path(db)
    try:
        with _progress(err, enabled=err.is_terminal and not quiet) as progress:
            result = corpus.add(
                paths or [],
                feeds=feed or [],
                allow_private=allow_private,
                db=target,
                published=published,
                settings=settings,
                manifest=manifest,
                progress=progress,
                batch_size=batch,
                analyse=analyse,
            )
    except ConfigError as exc:
        _usage_error(err, str(exc))
    except NewsfuseError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from exc
    _report_add(err, result, target, quiet)
    # a feed read with nothing new is a normal outcome of polling it, not a failure
    polled = any(f.status != "failed" for f in result.feeds)
    if not result.added and not result.skipped and not polled:
        raise typer.Exit(EXIT_NO_INPUT)


def _report_add(err: Console, result: AddResult, target: Path, quiet: bool) -> None:
    if not quiet:
        for item in result.added:
            how = {"new": "new story", "wire": "wire copy of story", "similar": "story"}[
                item.reason
            ]
            typer.echo(f"added {item.key} -> {how} {item.story}")
        for item in result.skipped:
            same = "" if item.existing == item.key else f" (same text as {item.existing})"
            typer.echo(f"skipped {item.key}: already in the database{same}")
        for read in result.feeds:
            if read.status == "unchanged":
                typer.echo(f"feed {read.url}: unchanged since it was last read")
            elif read.status == "read":
                new = f"{read.new} new" if read.new else "none new"
                typer.echo(f"feed {read.url}: {read.entries} entries, {new}")
        for problem in result.problems:
            colour = "yellow" if problem.severity == "warning" else "red"
            err.print(
                f"[{colour}]{problem.severity}:[/{colour}] {escape(problem.error)}", highlight=False
            )
    stories = len({a.story for a in result.added})
    errors = sum(p.severity == "error" for p in result.problems)
    err.print(
        f"{escape(str(target))}: added {len(result.added)} articles to {stories} stories, skipped "
        f"{len(result.skipped)} already present, {errors} problems",
        highlight=False,
    )


@app.command()
def stories(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Cluster these inputs in memory instead of listing the database.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only stories with an article on or after YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[Listing, typer.Option("--format", "-f", help="Listing format.")] = Listing.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="With PATHS: write one brief per story here."),
    ] = None,
    brief_format: Annotated[
        BriefFormat, typer.Option(help="Format of the briefs written with -o.")
    ] = BriefFormat.html,
    published: Annotated[
        str | None, typer.Option(help="Publication date for inputs that do not state their own.")
    ] = None,
    idle_days: IdleOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
) -> None:
    """List the stories of the database, or group PATHS into stories (-o DIR: a brief each)."""
    from . import corpus

    err = Console(stderr=True, soft_wrap=True)
    if output is not None and not paths:
        _usage_error(err, "-o DIR writes the briefs of PATHS; give the inputs to group")
    if output is not None and (refused := output_folder_problem(output, paths or [])):
        _usage_error(err, refused)
    try:
        if paths:
            with _progress(err, enabled=err.is_terminal and not quiet) as progress:
                store = corpus.add(
                    paths,
                    db=":memory:",
                    published=published,
                    settings=_settings(None, None, idle_days, err),
                    progress=progress,
                ).store
        else:
            store = database_path(db)
        listing = corpus.list_stories(store, since=since)
        if output is not None:
            _write_briefs(err, store, listing, output, brief_format.value, quiet)
            return
    except ConfigError as exc:
        _usage_error(err, str(exc))
    except NewsfuseError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from exc
    if fmt is Listing.json:
        typer.echo(json.dumps([s.to_dict() for s in listing], indent=2, ensure_ascii=False))
    else:
        _print_table(listing)


def _print_table(listing: list[StorySummary]) -> None:
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("id", "title", "size", "outlets", "indep.", "first", "last", "conflicts"):
        table.add_column(column, overflow="fold")
    for s in listing:
        table.add_row(
            str(s.id),
            escape(s.title),  # a headline from a source: text, never markup
            str(s.size),
            str(len(s.outlets)),
            str(s.independent_sources),
            str(s.first or "-"),
            str(s.last or "-"),
            "-" if s.conflicts is None else str(s.conflicts),
        )
    console = Console(soft_wrap=True)
    if not console.is_terminal:
        console.width = 160  # a pipe or a file gets whole titles, not an 80-column fold
    console.print(table)


def _write_briefs(
    err: Console, store, listing: list[StorySummary], output: Path, fmt: str, quiet: bool
) -> None:
    """One brief per story in ``output``, with an index.html and index.json that link them."""
    from . import corpus
    from .render import render

    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _usage_error(err, f"cannot write to {output}: {exc.strerror or exc}")
    entries = []
    for summary in listing:
        result = corpus.story_brief(summary.id, db=store)
        name = f"story-{summary.id}.{fmt}"
        write_atomically(output / name, render(result, fmt))
        entries.append({**summary.to_dict(), "brief": name, "conflicts": len(result.conflicts)})
    write_atomically(output / "index.json", json.dumps(entries, indent=2, ensure_ascii=False))
    write_atomically(output / "index.html", index_page(entries))
    if not quiet:
        err.print(
            f"wrote {len(entries)} briefs and an index to {escape(str(output))}", highlight=False
        )


def index_page(entries: list[dict]) -> str:
    """A self-contained page listing the stories and linking their briefs (every string escaped)."""
    rows = "\n".join(
        '<tr><td>{id}</td><td><a href="{href}">{title}</a></td><td>{size}</td><td>{outlets}</td>'
        "<td>{indep}</td><td>{first} – {last}</td><td>{conflicts}</td></tr>".format(
            id=e["id"],
            href=html.escape(e["brief"], quote=True),
            title=html.escape(e["title"]),
            size=e["size"],
            outlets=html.escape(", ".join(e["outlets"]) or "-"),
            indep=e["independent_sources"],
            first=html.escape(e["first"] or "?"),
            last=html.escape(e["last"] or "?"),
            conflicts=e["conflicts"],
        )
        for e in entries
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsfuse: {len(entries)} stories</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.35em .5em;
text-align:left;vertical-align:top}}th{{background:#f4f4f4}}</style></head>
<body><h1>{len(entries)} stories</h1>
<table><thead><tr><th>id</th><th>story</th><th>articles</th><th>outlets</th>
<th>independent sources</th><th>dates</th><th>conflicts</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""
