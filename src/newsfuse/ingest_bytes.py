"""ingest_bytes: which files newsfuse reads, and their bytes read within a limit and decoded.

The size limit holds on the bytes actually read, never on what ``stat`` says: a pipe or a device
says it is empty, a file can grow while it is read, and some files in ``/proc`` say they are
empty and are not.

>>> decode_bytes("Genève".encode("utf-8"), "a.txt")
('Genève', None)
"""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import InputError
from .model import Problem

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES + FEED_SUFFIXES


def check_regular(path: Path) -> None:
    """Raise InputError unless ``path`` (followed through links) is a regular file: reading a
    pipe blocks until a writer comes, and a device such as /dev/zero never ends."""
    where = str(path)
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise InputError(
            where, f"{path} could not be read ({getattr(exc, 'strerror', None) or exc})."
        ) from exc
    if not stat.S_ISREG(mode):
        raise InputError(
            where, f"{path} is not a regular file (a pipe, socket or device); it was not read."
        )


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file; raises InputError for files over ``max_bytes`` or unreadable."""
    where = str(path)
    check_regular(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
        size = max(len(data), path.stat().st_size) if len(data) > max_bytes else 0
    except OSError as exc:
        raise InputError(where, f"{path} could not be read ({exc.strerror or exc}).") from exc
    if size:
        raise InputError(
            where,
            f"{path.name} is {megabytes(size)}, over the {megabytes(max_bytes)} limit for one "
            "input; split it or raise the limit (--max-bytes).",
        )
    return data


def decode_bytes(data: bytes, where: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (with or without BOM), or detect the encoding and say so in a warning."""
    if not data.strip():
        raise InputError(where, f"{where} is empty.")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            where,
            f"{where} looks like a binary file (it contains NUL bytes), not text; "
            f"newsfuse reads {', '.join(SUPPORTED)}.",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            where,
            f"{where} is not UTF-8 (invalid byte at offset {bad_at}) and its encoding could not "
            "be recognised; convert it to UTF-8.",
        )
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(
            where,
            f"{where} looks like a binary file (mostly control characters), not text; "
            f"newsfuse reads {', '.join(SUPPORTED)}.",
        )
    warning = Problem(
        path=where,
        error=f"{where} is not UTF-8 (invalid byte at offset {bad_at}); it was read as "
        f"{best.encoding}. Check its accented characters, or convert it to UTF-8.",
        severity="warning",
    )
    return text, warning


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(1, len(sample))


def megabytes(size: int) -> str:
    """A size a person can compare: bytes under a kilobyte, else kB or MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
