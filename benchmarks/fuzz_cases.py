"""The cases of ``benchmarks/fuzz.py``: what a generated input is, how it is written, the prose
the generators start from, and the strings planted in it.

A :class:`Case` is a folder of entries (files, links, pipes, sub-folders) that is given to
newsfuse as one input. Every case says which of its entries must come back as a source or a
problem (``counted``) and which records an entry holds (``records``: the numbers of its JSONL
lines, JSON array items or feed entries), each of which must come back on its own as ``path:N``;
no records asks only for the file itself (a malformed file may be one problem). Strings that must never come out raw
are planted through :data:`MARKERS`; a file outside the case folders holds :data:`SECRET`, which
must never come out at all.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kazakhstan-2022"

#: Planted in texts, titles, outlets, authors, URLs, languages and file names.
MARKERS = (
    "<script>fz1</script>",
    '" onmouseover="fz2',
    "<img src=x onerror=fz3>",
    "[fz4](javascript:alert(4))",
    "![fz5](https://evil.example/fz5.png)",
)
#: What the file outside every case folder holds; it must not appear in any brief.
SECRET = "FZSECRET-root:x:0:0"
#: Written by the runner beside the case folders, never given as an input.
OUTSIDE = "{outside}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing in a case folder; ``name`` may hold sub-folders ("a/b/c.txt")."""

    name: str
    data: bytes | None = None
    link: str | None = None  # a symlink's target; OUTSIDE stands for the outside file
    fifo: bool = False
    records: tuple[int, ...] = ()
    counted: bool = True


@dataclass(frozen=True, slots=True)
class Case:
    """A folder of entries, given to newsfuse as one input."""

    entries: tuple[Entry, ...]


Generator = Callable[[random.Random, int], Case]


def one_file(name: str, data: bytes | str, records: Sequence[int] = ()) -> Case:
    """A case of one file (text is written as UTF-8, lone surrogates and all)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return Case((Entry(name, raw, records=tuple(records)),))


def marker(rng: random.Random) -> str:
    """One of the :data:`MARKERS`."""
    return rng.choice(MARKERS)


@cache
def _paragraphs() -> tuple[str, ...]:
    """The paragraphs of the example corpus (real news copy), hard wraps joined."""
    found = []
    for path in sorted(EXAMPLE.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            text = " ".join(block.split())
            if len(text.split()) >= 8:
                found.append(text)
    return tuple(found)


def prose(rng: random.Random, size: int) -> str:
    """Paragraphs of real news copy, about ``size`` characters (at least one paragraph). Each
    has two of its words swapped and its digits redrawn, so that no paragraph repeats: cleaning
    drops a short paragraph printed twice, and would drop more of a longer text."""
    paragraphs = _paragraphs()
    out: list[str] = []
    length = 0
    local = sized(rng)
    while not out or length < size:
        words = local.choice(paragraphs).split(" ")
        a, b = local.randrange(len(words)), local.randrange(len(words))
        words[a], words[b] = words[b], words[a]
        text = "".join(local.choice(_DIGITS) if ch.isdigit() else ch for ch in " ".join(words))
        out.append(text)
        length += len(text) + 2
    return "\n\n".join(out)


_DIGITS = "0123456789"


def sized(rng: random.Random) -> random.Random:
    """A generator of its own for draws whose number depends on the size, seeded by one draw of
    ``rng``: a case's other choices then come out the same at every size, so that a class read
    at growing sizes grows only in length."""
    return random.Random(rng.random())


def write_case(case: Case, folder: Path, outside: Path) -> list[tuple[Path, int]]:
    """Write ``case`` into ``folder``; returns the (path, records) that must be accounted for."""
    import os

    expected: list[tuple[Path, int]] = []
    for entry in case.entries:
        path = folder / entry.name
        _make_folders(folder, entry.name)
        if entry.link is not None:
            os.symlink(entry.link.replace(OUTSIDE, str(outside)), path)
        elif entry.fifo:
            os.mkfifo(path)
        elif entry.data is not None:
            path.write_bytes(entry.data.replace(OUTSIDE.encode(), str(outside).encode()))
        else:
            path.mkdir(exist_ok=True)
        if entry.counted:
            expected.append((path, entry.records))
    return expected


def _make_folders(folder: Path, name: str) -> None:
    """The folders above ``folder / name``, one by one: ``Path.mkdir(parents=True)`` recurses
    once per level, and a case may be a thousand levels deep."""
    import os

    here = str(folder)
    for part in name.split("/")[:-1]:
        here = os.path.join(here, part)
        if not os.path.isdir(here):
            os.mkdir(here)
