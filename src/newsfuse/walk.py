"""walk: the files of an input folder, and a problem for every entry that is not read.

>>> files, problems = walk(Path("examples/kazakhstan-2022"))  # doctest: +SKIP
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .defaults import MAX_FILES
from .model import Problem


@dataclass(slots=True)
class _Walk:
    """What one walk has found so far."""

    inside: Path  # the folder given, resolved: a link is "outside" against it
    skipped: frozenset[str]
    max_files: int
    follow_links: bool
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    left: int = 0  # entries past the cap, counted, not examined
    seen: set[tuple[int, int]] = field(default_factory=set)  # (device, inode) of folders entered


def walk(
    root: Path,
    skip: Iterable[str] = (),
    *,
    max_files: int = MAX_FILES,
    follow_links: bool = False,
) -> tuple[list[Path], list[Problem]]:
    """The regular files under ``root`` in path order (hidden ones, and names in ``skip`` in any
        case, aside), at most ``max_files`` of them, and a problem for every entry that is not read:
        a link that leads outside the folder (a link to /etc/passwd would otherwise put that file in
        the brief) unless ``follow_links``, a broken link or a loop of links, a link to a folder
        inside (a warning: its files are read where they are), a pipe or a device (reading one
        would block or never end), a folder that cannot be listed, and one for the files past the cap.

        An explicit stack of folders rather than ``os.walk``, which recurses (a folder a thousand
        deep raised RecursionError) and offers no way to enter some links and not others. Folders
        are entered in name order, so the cap keeps the same files on every run: a folder's own files
    before those of its subfolders."""
    state = _Walk(root.resolve(), frozenset(n.lower() for n in skip), max_files, follow_links)
    state.seen.add(_identity(root))
    stack = [root]
    while stack:
        folder = stack.pop()
        subfolders = _list(folder, state)
        stack.extend(reversed(subfolders))
    if state.left:
        state.problems.append(
            Problem(
                path=str(root),
                error=f"{root} holds more than {max_files:,} files; the first {max_files:,} (in "
                f"name order, folder by folder) were read and {state.left:,} more entries were left unread. Give "
                "--max-files to read more, or give the subfolders one by one.",
            )
        )
    return sorted(state.files), state.problems


def _list(folder: Path, state: _Walk) -> list[Path]:
    """Take the entries of one folder into ``state``; the subfolders to enter, in name order."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        state.problems.append(
            Problem(path=str(folder), error=f"{folder} could not be listed ({exc.strerror}).")
        )
        return []
    subfolders: list[Path] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower() in state.skipped:
            continue
        path = Path(folder, entry.name)
        if len(state.files) >= state.max_files:
            # past the cap: count what is left, enter folders only to count theirs
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(path)
            else:
                state.left += 1
            continue
        if entry.is_dir(follow_symlinks=False) or _followed_folder(path, state):
            if _enter(path, state):
                subfolders.append(path)
            continue
        refused = _refused(path, state)
        if refused is None:
            state.files.append(path)
        else:
            # a link to a folder inside loses nothing: its files are read where they are
            severity = "warning" if "read where they are" in refused else "error"
            state.problems.append(Problem(path=str(path), error=refused, severity=severity))
    return subfolders


def _identity(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return info.st_dev, info.st_ino


def _enter(path: Path, state: _Walk) -> bool:
    """Whether to enter a folder: once only, when links are followed (a link may lead back up)."""
    if not state.follow_links:
        return True
    identity = _identity(path)
    if identity in state.seen:
        state.problems.append(
            Problem(
                path=str(path),
                error=f"{path} is a folder already read through a link (a loop); it was not "
                "read twice.",
                severity="warning",
            )
        )
        return False
    state.seen.add(identity)
    return True


def _followed_folder(path: Path, state: _Walk) -> bool:
    """Whether ``path`` is a link to a folder outside that ``--follow-links`` enters."""
    if not state.follow_links or not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # _refused says it is broken
    return target.is_dir() and not target.is_relative_to(state.inside)


def _refused(path: Path, state: _Walk) -> str | None:
    """Why an entry that is not a folder to enter is not read, or None when it is a file to read."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return f"{path} is a broken link (or a loop of links); it was not read."
        if not state.follow_links and not target.is_relative_to(state.inside):
            return (
                f"{path} is a link to {target}, outside the folder given; it was not read "
                "(give the target itself to read it, or give --follow-links)."
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
