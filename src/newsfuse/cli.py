"""The command line: a thin shell over :func:`newsfuse.brief`.

Exit codes: 0 success, 1 when no input could be read, 2 for usage errors (bad options).
Progress goes to stderr, and only when stderr is a terminal; the brief goes to stdout or ``-o``.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .defaults import MAX_BYTES, MAX_FILES, MAX_HTML_ELEMENTS, SUMMARY_WORDS
from .errors import ConfigError, NewsfuseError
from .files import SUFFIXES, output_problem, write_atomically

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .model import Brief
    from .settings import Settings

app = typer.Typer(
    name="newsfuse",
    help="Read many news reports of the same events and write one cited, evidence-linked brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_NO_INPUT = 1
EXIT_USAGE = 2


# the help of options that brief and add share
MAX_FILES_HELP = "Most files read from one folder given; the rest are counted in a problem."
FOLLOW_LINKS_HELP = (
    "Read links in a folder that lead outside it (refused by default; loops, pipes and devices "
    "are always refused)."
)
MAX_HTML_ELEMENTS_HELP = (
    "Most HTML elements read of one page; a longer page is cut there, with a warning "
    "(extraction time grows faster than the page)."
)


class Format(str, Enum):
    json = "json"
    md = "md"
    markdown = "markdown"  # the same as md, as people type it
    html = "html"


def _version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """newsfuse: many reports in, one cited brief out."""


@contextmanager
def _progress(console: Console, enabled: bool):
    """Yield a progress callback; a rich progress bar on stderr when it is a terminal."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield report


@app.command()
def brief(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or directories: .txt, .md, .html, .json, .jsonl, .rss/.atom feeds.",
            show_default=False,
        ),
    ] = None,
    story: Annotated[
        int | None,
        typer.Option(help="Brief this story of the database instead of PATHS (see 'stories')."),
    ] = None,
    db: Annotated[
        Path | None, typer.Option(help="The corpus database for --story.", show_default=False)
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not state their own."),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format (default: from -o's suffix, else json)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the brief here instead of stdout.")
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(help="CSV or JSON file of metadata (path, title, outlet, url, published)."),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(help="Map a record key for JSON/JSONL input, e.g. --field text=body."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Largest input file (or JSONL line) in bytes.")
    ] = MAX_BYTES,
    max_files: Annotated[int, typer.Option(help=MAX_FILES_HELP)] = MAX_FILES,
    follow_links: Annotated[bool, typer.Option("--follow-links", help=FOLLOW_LINKS_HELP)] = False,
    max_html_elements: Annotated[
        int, typer.Option("--max-elements", help=MAX_HTML_ELEMENTS_HELP)
    ] = MAX_HTML_ELEMENTS,
    focus: Annotated[
        str | None,
        typer.Option(help="Bias the summary toward a question or topic (e.g. 'casualties')."),
    ] = None,
    words: Annotated[int, typer.Option(help="Word budget of the summary.")] = SUMMARY_WORDS,
    embedder: Annotated[
        str,
        typer.Option(
            help="Statement alignment: lexical, or minilm (needs newsfuse\\[embeddings])."
        ),
    ] = "lexical",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress or problem report.")
    ] = False,
) -> None:
    """Write the brief of the reports in PATHS."""
    from pydantic import ValidationError

    from . import pipeline
    from .render import render
    from .settings import Settings, parse_field_map

    err = Console(stderr=True, soft_wrap=True)
    try:
        settings = Settings(
            field_map=parse_field_map(field or []),
            max_bytes=max_bytes,
            max_files=max_files,
            follow_links=follow_links,
            max_html_elements=max_html_elements,
            embedder=embedder,
            focus=focus,
            summary_words=words,
        )
    except ValidationError as exc:
        _usage_error(err, _describe(exc))
    except (ConfigError, ValueError) as exc:
        _usage_error(err, str(exc))
    chosen = ("md" if fmt is Format.markdown else fmt.value) if fmt else _format_from_suffix(output)
    if (story is None) == (not paths):
        _usage_error(err, "give either PATHS to brief or --story ID (with --db), not both")
    if output is not None and (refused := output_problem(output, paths or [], fmt is not None)):
        _usage_error(err, refused)
    if manifest is not None and not manifest.is_file():
        _usage_error(err, manifest_missing(manifest))
    from .embed import missing_for

    if lacking := missing_for(settings.embedder):
        _usage_error(err, lacking)
    try:
        with _progress(err, enabled=err.is_terminal and not quiet) as progress:
            if story is not None:
                from . import corpus

                result = corpus.story_brief(
                    story, db=database_path(db), settings=settings, progress=progress
                )
            else:
                result = pipeline.brief(
                    paths, published, settings=settings, manifest=manifest, progress=progress
                )
    except ConfigError as exc:
        _usage_error(err, str(exc))
    except NewsfuseError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from exc
    if story is None and not quiet:
        _warn_if_several_stories(err, result, settings)
    if not quiet:
        for problem in result.problems:
            colour = "yellow" if problem.severity == "warning" else "red"
            err.print(
                f"[{colour}]{problem.severity}:[/{colour}] {escape(problem.error)}", highlight=False
            )
    if not result.sources:
        err.print("[red]error:[/red] none of the inputs could be read; nothing to brief.")
        raise typer.Exit(EXIT_NO_INPUT)
    if settings.focus and not quiet and not _focus_found(settings.focus, result):
        err.print(
            f"[yellow]note:[/yellow] no source uses a word of --focus {escape(repr(settings.focus))}; "
            "the summary is generic.",
            highlight=False,
        )
    text = render(result, chosen)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomically(output, text)
        except OSError as exc:
            _usage_error(err, f"cannot write {output}: {exc.strerror or exc}")
        if not quiet:
            err.print(
                f"wrote {escape(str(output))} ({len(result.sources)} sources, "
                f"{len(result.problems)} problems)",
                highlight=False,
            )


def manifest_missing(manifest: Path) -> str:
    """What to say of a --manifest that is not a file (said before any work)."""
    return f"--manifest {manifest} is not a file; give a CSV or JSON file of metadata"


def database_path(db: Path | None) -> Path:
    """--db, else $NEWSFUSE_DB, else ./newsfuse.db."""
    import os

    return db or Path(os.environ.get("NEWSFUSE_DB") or "newsfuse.db")


def _warn_if_several_stories(err: Console, result: Brief, settings: Settings) -> None:
    """Say so when the inputs of one brief report several stories."""
    from .corpus import group_texts

    if len(result.sources) < 2:
        return
    groups = group_texts([(s.text, s.published, s.language) for s in result.sources], settings)
    if len(groups) < 2:
        return
    sizes = ", ".join(
        f"{len(g)} ({', '.join(result.sources[n].id for n in g[:6])}{'…' if len(g) > 6 else ''})"
        for g in groups
    )
    err.print(
        f"[yellow]warning:[/yellow] these {len(result.sources)} reports seem to tell "
        f"{len(groups)} different stories, of sizes {sizes}; the brief below mixes them. "
        "'newsfuse stories PATHS -o DIR' writes one brief per story.",
        highlight=False,
    )


def _focus_found(focus: str, result: Brief) -> bool:
    from .summarize import concept_words

    wanted = set(concept_words(focus))
    return any(wanted & set(concept_words(source.text)) for source in result.sources)


def _format_from_suffix(output: Path | None) -> str:
    return SUFFIXES.get(output.suffix.lower(), "json") if output is not None else "json"


# Settings fields as the options that set them, so an error names what the user typed
_OPTION_OF = {
    "summary_words": "--words",
    "max_bytes": "--max-bytes",
    "max_files": "--max-files",
    "max_html_elements": "--max-elements",
    "embedder": "--embedder",
    "field_map": "--field",
    "focus": "--focus",
    "story_idle_days": "--idle-days",
}


def _describe(exc: ValidationError) -> str:
    """pydantic's report as one line per option ('--words: Input should be ...')."""
    lines = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{_OPTION_OF.get(field, field)}: {message}")
    return "; ".join(lines)


def _usage_error(err: Console, message: str) -> None:
    err.print(f"[red]usage error:[/red] {escape(message)}", highlight=False)
    raise typer.Exit(EXIT_USAGE)


def main() -> None:
    """Console-script entry point."""
    app()


# the corpus commands (add, stories, serve, index) live beside this module and register on ``app``
from . import cli_corpus, cli_index, cli_serve  # noqa: E402, F401

if __name__ == "__main__":  # python -m newsfuse.cli: the package's app holds every command
    from newsfuse.cli import main as package_main

    package_main()
