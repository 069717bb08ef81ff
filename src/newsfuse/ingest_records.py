"""ingest_records: JSON and JSONL records, and the manifests that give many files their metadata.

A ``.json`` file holds one record or a list of them; a ``.jsonl`` file one record a line, read a
line at a time (a dump of a million lines is never held whole, and one line is bounded by
``--max-bytes``). Each record is an article or a Problem that names ``file:line``.

A manifest (CSV with a header row, or JSON: a list of rows or an object keyed by file) maps files
to their title, outlet, url, date and language, by paths relative to the manifest's folder.

>>> _manifest_rows(Path("manifest.json"), '{"a.txt": {"title": "Floods"}}')
[{'path': 'a.txt', 'title': 'Floods'}]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest_bytes import check_regular, decode_bytes, megabytes
from .ingest_fields import make_article, pick_fields
from .model import Article, Problem
from .settings import Settings

Item = Article | Problem

# what json.loads raises: malformed text (JSONDecodeError), an integer of more digits than Python
# converts (ValueError), nesting deeper than the recursion limit (RecursionError)
JSON_ERRORS = (ValueError, RecursionError)


def json_reason(exc: Exception) -> str:
    """What was wrong with a JSON text, in words."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deep"
    return str(exc)


def read_json(path: Path, text: str, settings: Settings, meta: Mapping[str, Any]) -> Iterator[Item]:
    """The records of a ``.json`` file: one object, or a list of them."""
    try:
        data = json.loads(text)
    except JSON_ERRORS as exc:
        yield Problem(path=str(path), error=f"{path} is not valid JSON ({json_reason(exc)}).")
        return
    if data == []:  # else it would vanish from the brief with no word
        yield Problem(path=str(path), error=f"{path} holds no records (an empty JSON list).")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        where = f"{path}:{number}" if isinstance(data, list) else str(path)
        yield from from_record(where, record, settings, meta)


def read_jsonl(path: Path, settings: Settings, meta: Mapping[str, Any]) -> Iterator[Item]:
    """One article per line; a bad line is a Problem naming its line number, the rest go on."""
    try:
        check_regular(path)
        handle = path.open("rb")
    except InputError as exc:
        yield Problem(path=exc.path, error=exc.message)
        return
    except OSError as exc:
        yield Problem(path=str(path), error=f"{path} could not be read ({exc.strerror or exc}).")
        return
    seen_any = False
    with handle:
        for number, raw, size in _lines(handle, settings.max_bytes):
            where = f"{path}:{number}"
            if size > settings.max_bytes:
                seen_any = True
                yield Problem(
                    path=where,
                    error=f"line {number} of {path.name} is {megabytes(size)}, over the "
                    f"{megabytes(settings.max_bytes)} limit for one input (--max-bytes).",
                )
                continue
            if not raw.strip():
                continue
            seen_any = True
            yield from _jsonl_line(path, number, raw, settings, meta)
    if not seen_any:
        yield Problem(path=str(path), error=f"{path} is empty.")


def _lines(handle: io.BufferedReader, max_bytes: int) -> Iterator[tuple[int, bytes, int]]:
    """(number, bytes, size) of each line, holding no more than ``max_bytes`` of one line: the
    bytes of a longer line are skipped to its end and only its size is given."""
    number = 0
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        size = len(raw)
        if size > max_bytes:
            while not raw.endswith(b"\n") and (raw := handle.readline(1 << 20)):
                size += len(raw)
            raw = b""
        yield number, raw, size


def _jsonl_line(
    path: Path, number: int, raw: bytes, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    where = f"{path}:{number}"
    try:
        line, warning = decode_bytes(raw, where)
    except InputError as exc:
        yield Problem(path=where, error=f"line {number} of {path.name}: {exc.message}")
        return
    if warning:
        yield warning
    try:
        record = json.loads(line)
    except JSON_ERRORS as exc:
        yield Problem(
            path=where,
            error=f"line {number} of {path.name} is not valid JSON ({json_reason(exc)}); "
            "the other lines were read.",
        )
        return
    yield from from_record(where, record, settings, meta)


def from_record(
    where: str, record: Any, settings: Settings, meta: Mapping[str, Any]
) -> Iterator[Item]:
    """The article of one JSON record read at ``where`` (``file`` or ``file:line``)."""
    if not isinstance(record, dict):
        yield Problem(
            path=where, error=f"{where} holds a JSON {type(record).__name__}, not an object."
        )
        return
    fields = {**pick_fields(record, settings.field_map), **meta}
    fields.pop("path", None)  # the record's own say; its origin is where it was read
    text = fields.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        key = settings.field_map.get("text", "text")
        keys = ", ".join(sorted(map(str, record))[:12]) or "none"
        yield Problem(
            path=where,
            error=f"record {where} has no text in its {key!r} field (its keys: {keys}); "
            "name the field that holds the article text with --field text=KEY.",
        )
        return
    yield from make_article(where, text, fields, settings)


# ---------------------------------------------------------------------------------------------
# Manifests


def load_manifest(path: Path, *, confined: bool = False) -> tuple[dict[Path, dict], list[Problem]]:
    """Metadata by resolved file path, and a warning for each row that was not taken.

    ``confined``: a manifest found in a folder describes that folder only, so a row naming a
    file outside it (``../../etc/passwd``) is refused; a manifest given with ``--manifest`` may
    name any file. Raises InputError when the manifest cannot be read at all."""
    where = str(path)
    try:
        check_regular(path)
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(where, f"the manifest {path} could not be read ({exc}).") from exc
    folder = path.parent.resolve()
    table: dict[Path, dict] = {}
    refused: list[Problem] = []
    for number, row in enumerate(_manifest_rows(path, raw), start=1):
        fields = pick_fields(row, {})
        name = fields.pop("path", None)
        if not name:
            raise InputError(where, f"row {number} of the manifest {path} has no 'path' column.")
        try:
            target = (path.parent / str(name)).resolve()
        except (OSError, ValueError) as exc:  # a NUL in the name, a loop of links
            refused.append(_row_problem(path, number, name, f"cannot be a file name ({exc})"))
            continue
        if confined and not target.is_relative_to(folder):
            refused.append(_row_problem(path, number, name, "is outside the manifest's folder"))
            continue
        table[target] = {k: v for k, v in fields.items() if v}
    return table, refused


def _row_problem(path: Path, number: int, name: object, why: str) -> Problem:
    return Problem(
        path=str(path),
        error=f"row {number} of the manifest {path} names {str(name)[:200]!r}, which {why}; "
        "the row was not used.",
        severity="warning",
    )


def _manifest_rows(path: Path, raw: str) -> list[dict[str, Any]]:
    """The rows of a manifest's text: CSV (by its suffix) or JSON; raises InputError."""
    where = str(path)
    if path.suffix.lower() == ".csv":
        try:
            return [dict(row) for row in csv.DictReader(io.StringIO(raw))]
        except csv.Error as exc:  # a field over csv.field_size_limit (128 KiB), a NUL
            raise InputError(where, f"the manifest {path} is not valid CSV ({exc}).") from exc
    try:
        data = json.loads(raw)
    except JSON_ERRORS as exc:
        raise InputError(
            where, f"the manifest {path} is not valid JSON ({json_reason(exc)})."
        ) from exc
    if isinstance(data, dict):
        return [{"path": key, **value} for key, value in data.items() if isinstance(value, dict)]
    if isinstance(data, list):
        return [row for row in data if isinstance(row, dict)]
    raise InputError(where, f"the manifest {path} must be a JSON list or object.")
