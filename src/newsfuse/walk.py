"""walk: the files of an input folder, and a problem for every entry that is not read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .model import Problem


def walk(root: Path, skip: Iterable[str] = ()) -> tuple[list[Path], list[Problem]]:
    """The regular files under ``root`` in name order (hidden ones, and names in ``skip`` in any
    case, aside), and a problem for every entry that is not read: a link that leads outside the
    folder (a link to /etc/passwd would otherwise put that file in the brief), a broken link, a
    link to a folder, a pipe or a device (reading one would block or never end), a folder that
    cannot be listed.

    ``os.walk`` without following links, rather than ``Path.rglob``, so that nothing is reached
    through a link and every entry is seen."""
    inside = root.resolve()
    skipped = {name.lower() for name in skip}
    files: list[Path] = []
    problems: list[Problem] = []

    def unlistable(exc: OSError) -> None:
        where = exc.filename or str(root)
        problems.append(Problem(path=where, error=f"{where} could not be listed ({exc.strerror})."))

    for folder, dirs, names in os.walk(root, onerror=unlistable):
        linked = [d for d in dirs if Path(folder, d).is_symlink()]  # listed, never entered
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in sorted([*names, *linked]):
            if name.startswith(".") or name.lower() in skipped:
                continue
            path = Path(folder) / name
            refused = _refused(path, inside)
            if refused is None:
                files.append(path)
            else:
                # a link to a folder inside loses nothing: its files are read where they are
                severity = "warning" if "read where they are" in refused else "error"
                problems.append(Problem(path=str(path), error=refused, severity=severity))
    return sorted(files), problems


def _refused(path: Path, inside: Path) -> str | None:
    """Why a directory entry is not read, or None when it is a file to read."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return f"{path} is a broken link (or a loop of links); it was not read."
        if not target.is_relative_to(inside):
            return (
                f"{path} is a link to {target}, outside the folder given; it was not read "
                "(give the target itself to read it)."
            )
        if target.is_dir():
            return f"{path} is a link to a folder; its files are read where they are, not here."
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"{path} could not be read ({exc.strerror or exc})."
    if not stat.S_ISREG(mode):
        return f"{path} is not a regular file (a pipe, socket or device); it was not read."
    return None
