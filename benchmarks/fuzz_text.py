"""Adversarial texts for ``benchmarks/fuzz.py``: runs of what the regular expressions of clean,
segment and extract look for (digits, commas, quotes, capitalised words, attribution verbs, phone
numbers, ``&`` and spaces, "Jan. ", hard wraps), alone or inside real prose.

A text is made of one to four "atoms" (a short piece that a pattern reads) each repeated enough
times to fill its share of the size, joined by spaces, line breaks or nothing. The same seed gives
the same atoms at every size, so that a class read at growing sizes grows only in length.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from fuzz_cases import Case, Entry, Generator, marker, one_file, prose, sized

Atom = Callable[[random.Random], str]

_ATOMS: dict[str, tuple[str, ...]] = {
    "text: digits and commas": (
        "7", "1,", ",", "1,000,000 ", "300-400 ", "1-", "12.5% ", "$1.2 billion ", "0.",
        "thirty-nine ", "hundreds of thousands of ", "(602) ", "2019 2020 ", "1 to 2 ",
        "No. 1 ", "Flight 990 ", "767-300 ",
    ),
    "text: quotes and brackets": (
        '"', "'", "«x ", "“a” ", "``", "''", "(", ")", "[x] ", '"a," said ', "‘", "’s ",
        '"We will go," ', "„", "»", '" ',
    ),
    "text: capitals, datelines, bylines": (
        "MOSCOW ", "By Jane ", "EDITORS: ", "A.In ", "U.S. ", "Related: ", "© AFP ", "Photo: ",
        "President Kassym-Jomart Tokayev ", "The United Nations ", "ALMATY, Kazakhstan (Reuters) - ",
        "NEWPORT NAVAL STATION, R.I. _ ", "AGENCIES ", "Reporting by ", "Mr. ", "J.R.R. ",
    ),
    "text: attribution verbs": (
        "said ", "he said, ", "told reporters that ", "according to police, ", "officials said ",
        "said the head of state. ", '"It is a crime," said ', "warned ", "added ", "citing ",
        "the ministry said in a statement that ", "Tokayev said he ", "says ",
    ),
    "text: phones, e-mail, contact": (
        "(602) 444-8000 ", "555-0100 ", "a", "a@b.c ", "fax 1 ", "P.O. Box ", "can be reached ",
        "tel: +7 ", "e-mail ", "mail to ", "write to ", "x(at)y.z ", "+1-800-555-0199 ",
    ),
    "text: & and typesetting codes": (
        "&", " ", "& ", "&QL; ", "&QL;", "&amp;", "&#", "9", "&a", ";", "&UR;", "&LR; ",
        "&QC;   ", "&nbsp;", "&#x110000;", "&AMP; ",
    ),
    "text: dates and abbreviations": (
        "Jan. ", "He left Jan. ", "on Monday ", "early on Monday morning ", "in 2019 ",
        "yesterday ", "Jan. 19, 2022 ", "Mr. ", "Dec. 31 ", "last year ", "next year ",
        "on Oct. 31 last year ", "31 December ", "tonight ", "overnight ", "will meet on Friday ",
        "since 1989 ", "Sept. ", "in the early hours of Tuesday ",
    ),
}  # fmt: skip

# publication dates at the ends of the calendar: "yesterday" or "next year" must not overflow
_PUBLISHED = ("9999-12-31", "0001-01-01", "2022-01-06", "2022-02-29", None)


def _atoms(rng: random.Random, name: str) -> list[str]:
    """One to four atoms of class ``name``."""
    return rng.sample(_ATOMS[name], k=rng.randint(1, 4))


def adversarial(rng: random.Random, size: int, name: str) -> str:
    """A text of about ``size`` characters from the atoms of class ``name``."""
    atoms = _atoms(rng, name)
    joiner = rng.choice((" ", "", "\n", "\n\n", ", "))
    share = max(1, size // len(atoms))
    pieces = [joiner.join([atom] * max(1, share // max(1, len(atom)))) for atom in atoms]
    if rng.random() < 0.3:  # interleaved, not in runs
        pieces = [joiner.join(atoms * max(1, share // sum(map(len, atoms))))]
    if rng.random() < 0.5:  # inside real prose, where the rules run on a real paragraph
        pieces.insert(rng.randint(0, len(pieces)), prose(rng, 300))
    return rng.choice(("\n\n", " ", "")).join(pieces)


def hard_wrapped(rng: random.Random, size: int) -> str:
    """Prose (or a run of one word) hard-wrapped at a width, with hyphenated breaks."""
    text = prose(rng, size) if rng.random() < 0.7 else "word " * (size // 5)
    width = rng.randint(8, 80)
    local = sized(rng)
    lines, line = [], ""
    for word in text.split(" "):
        if len(line) + len(word) > width:
            if local.random() < 0.1 and len(word) > 4:
                lines.append(line + word[:2] + "-")
                word = word[2:]
            else:
                lines.append(line.rstrip())
            line = ""
        line += word + " "
    lines.append(line)
    return "\n".join(lines)


def _wrapped(rng: random.Random, text: str) -> Case:
    """The text as a file of a random kind; front matter may date it at the calendar's ends."""
    kind = rng.choice(("txt", "txt", "md", "jsonl", "html"))
    published = rng.choice(_PUBLISHED)
    if kind == "md":
        header = f"---\ntitle: {json.dumps(marker(rng))}\n"
        header += f"published: {published}\n---\n" if published else "---\n"
        return one_file("adv.md", header + text)
    if kind == "jsonl":
        record = {"text": text, "title": marker(rng), "published": published}
        return one_file("adv.jsonl", json.dumps(record) + "\n")
    if kind == "html":
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "</p><p>")
        return one_file("adv.html", f"<html><body><article><p>{escaped}</p></article></body>")
    return one_file("adv.txt", text)


def _text_class(name: str) -> Generator:
    """The generator of the adversarial-text class ``name``."""

    def make(rng: random.Random, size: int) -> Case:
        return _wrapped(rng, adversarial(rng, size, name))

    make.__doc__ = f"Runs of {name.removeprefix('text: ')}, alone or inside prose."
    return make


def _wraps(rng: random.Random, size: int) -> Case:
    """Hard-wrapped prose (or a run of one word), as a file of a random kind."""
    return _wrapped(rng, hard_wrapped(rng, size))


_RUNS = ("word ", "said the police. ", "He left Jan. ", "1, ", '"a," he said. ', "Moscow ")


def repeated_copies(rng: random.Random, size: int) -> Case:
    """Two files that carry one repetitive text (a run of one phrase, inside prose): every
    shingle of one occurs hundreds of times in the other, which is how reuse finds copy."""
    run = rng.choice(_RUNS) * max(1, size // 20)
    text = prose(rng, size // 2) + "\n\n" + run + "."
    first = Entry("copy-a.txt", text.encode())
    return Case((first, Entry("copy-b.txt", (prose(rng, 200) + "\n\n" + text).encode())))


TEXT_CLASSES: dict[str, Generator] = {name: _text_class(name) for name in _ATOMS}
TEXT_CLASSES["text: hard wraps"] = _wraps
TEXT_CLASSES["text: repeated copies"] = repeated_copies
