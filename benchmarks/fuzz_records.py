"""Hostile records and folders for ``benchmarks/fuzz.py``: malformed and wrongly typed JSON and
JSONL records, YAML front matter, hostile manifests, and folders of links, loops and pipes.
"""

from __future__ import annotations

import json
import random

from fuzz_cases import OUTSIDE, Case, Entry, Generator, marker, one_file, prose

_HUGE_INT = "9" * 5000


def _odd_value(rng: random.Random) -> object:
    """A value of a type no field expects."""
    return rng.choice(
        (None, True, 0, -1, 1e308, [], {}, ["a", ["b"]], {"a": {"b": 1}}, "", " ", "\u0000",
         "0000-01-01", "9999-12-31T23:59:59+99:00", "2022-02-30", "yesterday", 2**80, "x" * 3000,
         "javascript:alert(1)", "data:text/html,<script>x</script>", marker(rng))
    )  # fmt: skip


def _record(rng: random.Random, size: int) -> dict:
    """A record with a text (most of the time) and fields of the wrong type or value."""
    record: dict = {"text": prose(rng, size)}
    for key in rng.sample(
        ["title", "url", "published", "outlet", "language", "id", "date", "link", "source"],
        k=rng.randint(0, 5),
    ):
        record[key] = _odd_value(rng) if rng.random() < 0.7 else marker(rng)
    roll = rng.random()
    if roll < 0.15:
        record["text"] = _odd_value(rng)
    elif roll < 0.25:
        # a record's own "path" is metadata, never where it came from
        record["path"] = rng.choice(("/etc/passwd", "../outside.txt", OUTSIDE, marker(rng)))
    return record


def _raw_record(rng: random.Random, size: int) -> str:
    """One JSON text: a record, a scalar, broken JSON, a huge number, NaN."""
    roll = rng.random()
    if roll < 0.6:
        return json.dumps(_record(rng, size), ensure_ascii=rng.random() < 0.5)
    return rng.choice(
        ('{"text": "unterminated', "[]", "{}", "null", "7", '"a string"', "[1, 2]",
         '{"text": NaN}', '{"text": Infinity}', '{"text": "a", "text": "b"}',
         '{"text": "x", "n": ' + _HUGE_INT + "}", "\ufeff" + json.dumps({"text": prose(rng, 300)}),
         '{"text": "\\ud800 lone"}', "{" * 2000, "")
    )  # fmt: skip


def json_records(rng: random.Random, size: int) -> Case:
    """A JSON file (one record or a list) or a JSONL file of good, broken and mistyped lines."""
    count = rng.randint(1, 6)
    per = max(200, size // count)
    if rng.random() < 0.5:
        lines = [_raw_record(rng, per) for _ in range(count)]
        numbers = [n for n, line in enumerate(lines, start=1) if line.strip()]
        ending = rng.choice(("\n", "\r\n"))
        return one_file("records.jsonl", ending.join(lines) + ending, numbers)
    if rng.random() < 0.5:
        return one_file("record.json", _raw_record(rng, size))
    records = [_record(rng, per) for _ in range(count)]
    return one_file("records.json", json.dumps(records), range(1, len(records) + 1))


def front_matter(rng: random.Random, size: int) -> Case:
    """Markdown with YAML front matter that is a bomb, too deep, mistyped, or impossible."""
    aliases = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    header = rng.choice(
        (aliases, "published: 2022-02-30\n", "published: 2022-01-06 10:00:00+99:00\n",
         "a: " + "[" * 5000 + "]" * 5000 + "\n", "title: !!python/object/apply:os.system [ls]\n",
         "- a list\n- not a mapping\n", "title: [unclosed\n", f"title: {json.dumps(marker(rng))}\n",
         "published: 0000-01-01\n", "published: 99999-01-01\n", "language: [en]\n",
         "url: javascript:alert(1)\n", "x: " + "y" * 30_000 + "\n", "")
    )  # fmt: skip
    closer = rng.choice(("---", "...", ""))
    return one_file("front.md", f"---\n{header}{closer}\n{prose(rng, size)}")


def manifests(rng: random.Random, size: int) -> Case:
    """A folder whose manifest is hostile: huge fields, traversal, non-objects, NUL, deep JSON."""
    article = Entry("a.txt", prose(rng, size).encode())
    rows = rng.choice(
        ("path,title\na.txt," + "x" * 200_000 + "\n", "path,title\n../../etc/passwd,x\n",
         "path,title\n/etc/passwd,x\n", "path,title\na.txt\x00,x\n", "title\nno path column\n",
         'path,title\n"a.txt,"unterminated\n', "path,published\na.txt,yesterday\n",
         f"path,title,url\na.txt,{marker(rng)},javascript:alert(1)\n",
         "path,title\n" + "b.txt,t\n" * 3000, "\udcff\udcfe garbage", "")
    )  # fmt: skip
    objects = rng.choice(
        ('{"a.txt": "not an object", "b.txt": 7}', "[1, 2, 3]", '"a string"', "[" * 5000,
         '{"a.txt": {"title": ["a", "list"], "published": {"y": 1}}}', "{broken",
         json.dumps([{"path": "a.txt", "title": marker(rng), "url": "data:x"}]),
         json.dumps({"../a.txt": {"title": "traversal"}}))
    )  # fmt: skip
    if rng.random() < 0.5:
        manifest = Entry("manifest.csv", rows.encode("utf-8", "surrogateescape"), counted=False)
    else:
        manifest = Entry("manifest.json", objects.encode(), counted=False)
    return Case((manifest, article))


def links(rng: random.Random, size: int) -> Case:
    """A folder with links out of it, loops, dangling links, pipes and deep folders."""
    entries = [Entry("a.txt", prose(rng, size).encode())]
    kinds = rng.sample(
        ["outside", "loop", "pair", "dangling", "zero", "fifo", "fifo-link", "dir-out", "dir-in",
         "deep", "dir-loop", "hidden", "unsupported", "empty-dir"],
        k=rng.randint(1, 5),
    )  # fmt: skip
    for kind in kinds:
        entries += _link_entries(kind, rng)
    return Case(tuple(entries))


def _link_entries(kind: str, rng: random.Random) -> list[Entry]:
    """The entries of one kind of hostile folder entry (names as ``links`` lists them)."""
    if kind == "outside":
        return [Entry("leak.txt", link=OUTSIDE)]
    if kind == "loop":
        return [Entry("loop.txt", link="loop.txt")]
    if kind == "pair":
        return [Entry("p1.txt", link="p2.txt"), Entry("p2.txt", link="p1.txt")]
    if kind == "dangling":
        return [Entry("gone.txt", link="nowhere/never.txt")]
    if kind == "zero":
        return [Entry("zero.txt", link="/dev/zero"), Entry("rand.txt", link="/dev/urandom")]
    if kind == "fifo":
        return [Entry("pipe.txt", fifo=True)]
    if kind == "fifo-link":
        return [Entry("inner/pipe.txt", fifo=True), Entry("via.txt", link="inner/pipe.txt")]
    if kind == "dir-out":
        return [Entry("up", link="..")]
    if kind == "dir-in":
        return [Entry("sub/b.txt", prose(rng, 300).encode()), Entry("again", link="sub")]
    if kind == "deep":
        depth = rng.choice((50, 300, 1100))
        return [Entry("d/" * depth + "deep.txt", prose(rng, 300).encode())]
    if kind == "dir-loop":
        return [Entry("sub2/self", link=".")]
    if kind == "hidden":
        return [Entry(".hidden.txt", prose(rng, 300).encode(), counted=False)]
    if kind == "unsupported":
        return [Entry("doc.pdf", b"%PDF-1.4 " + rng.randbytes(100))]
    return [Entry("empty", counted=False)]


CLASSES: dict[str, Generator] = {
    "JSON and JSONL records": json_records,
    "YAML front matter": front_matter,
    "hostile manifests": manifests,
    "links, loops, pipes": links,
}
