"""``newsfuse index``: shards of a crawl indexed on Dask (:mod:`newsfuse.scale`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .cli import EXIT_NO_INPUT, _progress, _usage_error, app
from .errors import ConfigError, NewsfuseError


@app.command()
def index(
    shards: Annotated[
        list[Path],
        typer.Argument(help="JSONL or Parquet shards, or folders of them.", show_default=False),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for the Parquet outputs (and the store).", show_default=False
        ),
    ],
    db: Annotated[
        Path | None,
        typer.Option(help="The store to fill (default: OUT/newsfuse.db).", show_default=False),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="A Dask scheduler, e.g. tcp://HOST:8786 (default: a LocalCluster)."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes of the LocalCluster.")] = 2,
    field: Annotated[list[str] | None, typer.Option(help="Map a record key: text=body.")] = None,
    keep_work: Annotated[
        bool, typer.Option(help="Keep OUT/work (the files the stages pass on).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
) -> None:
    """Index shards of a crawl on Dask: articles, wire copy, stories, as Parquet and a store."""
    from pydantic import ValidationError

    from .scale import index as run_index
    from .settings import Settings, parse_field_map

    err = Console(stderr=True, soft_wrap=True)
    try:
        settings = Settings(field_map=parse_field_map(field or []))
    except (ValidationError, ConfigError, ValueError) as exc:
        _usage_error(err, str(exc))
    if out.exists() and not out.is_dir():
        _usage_error(err, f"--out {out} is a file; give a folder")
    try:
        with _progress(err, enabled=err.is_terminal and not quiet) as progress:
            result = run_index(
                shards,
                out,
                db=db,
                scheduler=scheduler,
                workers=workers,
                settings=settings,
                progress=progress,
                keep_work=keep_work,
            )
    except ConfigError as exc:
        _usage_error(err, str(exc))
    except (NewsfuseError, OSError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from exc
    for problem in result.problems:
        err.print(f"[red]{problem['severity']}:[/red] {escape(problem['error'])}", highlight=False)
    counts = result.counts
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    err.print(
        f"indexed {escape(str(out))}: {counts.get('articles', 0)} articles of "
        f"{result.articles} read in {counts.get('story_count', 0)} stories, "
        f"{counts.get('reuse', 0)} wire-copy pairs, {len(result.problems)} problems; "
        f"store {escape(str(result.db))} ({stages})",
        highlight=False,
    )
    if not counts.get("articles"):
        raise typer.Exit(EXIT_NO_INPUT)
