"""Writing output files: checked before the work starts, written whole or not at all.

>>> output_problem(Path("brief.docx"), [], format_given=False)[:36]
'cannot tell the format of brief.docx'
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: The suffixes an output's format is read from.
SUFFIXES = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def output_problem(output: Path, inputs: Iterable[Path], format_given: bool) -> str | None:
    """Why ``output`` cannot take a brief of ``inputs`` (None when it can), said before any work:
    a missing folder, a folder, a suffix that names no format, or a path among the inputs (the
    brief would replace a report, or be read as one on the next run)."""
    if output.is_dir():
        return f"{output} is a folder; give a file name such as {output / 'brief.html'}"
    parent = output.parent
    if not parent.is_dir():
        return f"the folder {parent} does not exist; create it or write elsewhere"
    target = output.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if target == source:
            return f"{output} is one of the inputs; the brief would replace it"
        if source.is_dir() and target.is_relative_to(source):
            return (
                f"{output} is inside the input folder {given}; the next run would read the "
                "brief as a report. Write it elsewhere"
            )
    if not format_given and output.suffix.lower() not in SUFFIXES:
        return (
            f"cannot tell the format of {output.name} from its suffix; name it .json, .md or "
            ".html, or give --format"
        )
    return None


# what 'stories -o DIR' writes into DIR
_BRIEF_FOLDER_FILE = re.compile(r"^(?:index\.(?:html|json)|story-\d+\.(?:html|json|md))$")


def output_folder_problem(output: Path, inputs: Iterable[Path]) -> str | None:
    """Why the folder ``output`` cannot take one brief per story of ``inputs`` (None when it
    can), said before any work: a file, a folder inside an input folder (the next run would read
    the briefs as reports), or a folder holding an input that a brief or index would replace."""
    if output.exists() and not output.is_dir():
        return f"{output} is a file; give a folder for the briefs (it is made if missing)"
    target = output.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if source.is_dir() and target.is_relative_to(source):
            return (
                f"{output} is inside the input folder {given}; the next run would read the "
                "briefs as reports. Write them elsewhere"
            )
        if source.parent == target and _BRIEF_FOLDER_FILE.match(source.name):
            return f"{given} is an input, and a brief or index written to {output} would replace it"
    return None


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, then rename: a reader (or a
    crash) never sees half a file, and a link at ``path`` is replaced, not written through."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a brief is as readable as any file written here
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
