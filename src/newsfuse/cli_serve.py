"""``newsfuse serve``: the web UI and JSON API of :mod:`newsfuse.server` on uvicorn."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .cli import EXIT_NO_INPUT, _usage_error, app, database_path
from .errors import NewsfuseError


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _cannot_bind(host: str, port: int) -> str | None:
    """Why the server could not listen there (a port in use), said before uvicorn starts."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return exc.strerror or str(exc)
    family, kind, _, _, address = infos[0]
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option(
            help="Corpus database (default: $NEWSFUSE_DB, else ./newsfuse.db).", show_default=False
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Interface to listen on; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8080,
    token: Annotated[
        str | None,
        typer.Option(
            help="Access token every request must carry (default: $NEWSFUSE_TOKEN); "
            "set one before binding another interface.",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            help="Let the add page and API fetch URLs on loopback, link-local and private "
            "addresses (refused by default)."
        ),
    ] = False,
) -> None:
    """Serve the corpus in a browser: stories, cited briefs, articles, and adding reports."""
    err = Console(stderr=True, soft_wrap=True)
    token = token or os.environ.get("NEWSFUSE_TOKEN") or None
    target = database_path(db)
    try:
        import uvicorn

        from .server import create_app

        web = create_app(target, token=token, host=host, allow_private=allow_private)
    except NewsfuseError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_NO_INPUT) from exc
    except OSError as exc:
        _usage_error(err, f"cannot open {target}: {exc.strerror or exc}")
    busy = _cannot_bind(host, port)
    if busy is not None:
        _usage_error(err, f"cannot listen on {host}:{port} ({busy}); give another --port")
    local = _is_loopback(host)
    if local:
        err.print(f"serving {escape(str(target))} on http://{host}:{port}/ (this machine only)")
    elif token is None:
        err.print(
            f"[yellow]warning:[/yellow] serving on {escape(host)} with no --token: anyone who "
            "can reach this interface can read the corpus and add to it",
            highlight=False,
        )
    else:
        err.print(f"serving on http://{escape(host)}:{port}/ (requests need the token)")
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
