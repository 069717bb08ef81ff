"""scale_tasks: the work ``newsfuse index`` maps over partitions on Dask workers.

Each function takes paths and small values and writes Parquet files itself, so that what
travels back to the client is small (counts, problems, dates) and no process holds the
corpus. The logic is the single-machine path's: ingest reads a partition exactly as ``brief``
reads a JSONL file, ``corpus`` cleans and profiles, ``reuse.compare_pair`` confirms wire copy.

Files, under the output folder ``out``:

- ``work/read/part-P.parquet``: the articles of partition P, cleaned and profiled;
- ``work/keys/K/from-P.parquet``: (key, ordinal) rows hash-partitioned by key into K buckets:
  the shuffle on which corpus-wide wire copy and duplicates are found;
- ``work/hits/K/from-B.parquet``: (ordinal, earlier ordinal) fingerprint hits by ordinal;
- ``work/ordered/R/from-P.parquet``: the articles again, by ranges of their ordinal (the
  publication order), for the alignment and the sequential story stage;
- ``work/pairs/R/``, ``work/wanted/R/``, ``work/lent/R/``: candidate pairs by the later
  article's range, the earlier articles each range is asked for, and their texts, sent on;
- ``work/confirmed/R/pairs.parquet``: the pairs that share passages, by the later range.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .model import Problem
from .settings import Settings

#: Most earlier articles a fingerprint leads to (the store's ``POSTINGS``).
from .story_tables import POSTINGS

_RESOURCES: Any = None


def _resources() -> Any:
    """One set of models per worker process, loaded on its first task."""
    global _RESOURCES
    if _RESOURCES is None:
        from .resources import Resources

        _RESOURCES = Resources()
    return _RESOURCES


@dataclass(frozen=True, slots=True)
class Partition:
    """A piece of one shard: a JSONL byte range (starting at line ``first_line``) or a
    Parquet row group."""

    number: int
    path: str
    kind: str  # "jsonl" or "parquet"
    offset: int = 0  # jsonl: first byte; parquet: row group
    length: int = 0  # jsonl: bytes
    first_line: int = 1


def _jsonl_lines(part: Partition) -> bytes:
    with open(part.path, "rb") as handle:
        handle.seek(part.offset)
        return handle.read(part.length)


def _parquet_lines(part: Partition) -> bytes:
    table = pq.ParquetFile(part.path).read_row_group(part.offset)
    lines = [json.dumps(row, default=str, ensure_ascii=False) for row in table.to_pylist()]
    return ("\n".join(lines) + "\n").encode()


def _records(part: Partition, settings: Settings) -> Iterator[Any]:
    """The partition's articles and problems, read by ingest's JSONL reader (the one ``brief``
    uses, so field maps, checks and problems are the same), named by their shard and line."""
    from .ingest import iter_articles

    data = _jsonl_lines(part) if part.kind == "jsonl" else _parquet_lines(part)
    with tempfile.TemporaryDirectory(prefix="newsfuse-part-") as folder:
        piece = Path(folder) / "part.jsonl"
        piece.write_bytes(data)
        shift = part.first_line - 1
        for item in iter_articles([piece], settings, _resources()):
            yield _renamed(item, str(piece), part.path, shift, part.kind)


def _renamed(item: Any, piece: str, shard: str, shift: int, kind: str) -> Any:
    def origin(where: str | None) -> str | None:
        if where is None or not where.startswith(piece):
            return where
        line = where[len(piece) + 1 :]
        if not line.isdigit():
            return shard
        number = int(line) + shift
        return f"{shard}:{number}" if kind == "jsonl" else f"{shard}#row{number - 1}"

    if isinstance(item, Problem):
        return item.model_copy(
            update={
                "path": origin(item.path) or shard,
                "error": item.error.replace(piece, shard).replace("part.jsonl", Path(shard).name),
            }
        )
    return item.model_copy(update={"path": origin(item.path)})


def read_partition(part: Partition, out: str, settings: Settings) -> dict:
    """Read, clean, segment and profile one partition; write ``work/read/part-P.parquet``.

    Returns its problems and, per article, (publication day number, input index) for the
    global order."""
    from .analysis import clean
    from .corpus import _title_of, article_key, content_hash
    from .pipeline import empty_problem
    from .segment import segment_text
    from .stories import profile_of

    rows: list[dict] = []
    problems: list[dict] = []
    for item in _records(part, settings):
        if isinstance(item, Problem):
            problems.append(item.model_dump(mode="json"))
            continue
        cleaned = clean(item, _resources())
        if not cleaned.text.strip():
            problems.append(empty_problem(cleaned).model_dump(mode="json"))
            continue
        language = cleaned.article.language or "en"
        profile = profile_of(cleaned.text, cleaned.article.published, settings, language)
        sentences = segment_text(cleaned.text)
        rows.append(
            {
                "key": article_key(item),
                "digest": content_hash(item),
                "day": cleaned.article.published.toordinal() if cleaned.article.published else -1,
                "clean": cleaned.model_dump_json(),
                "sentences": json.dumps([(s.start, s.end, s.paragraph) for s in sentences]),
                "terms": json.dumps(profile.terms),
                "names": json.dumps(profile.names),
                "prior": json.dumps(profile.prior),
                "fingerprints": list(profile.fingerprints),
                "title": _title_of(cleaned),
            }
        )
    path = Path(out) / "work" / "read" / f"part-{part.number:05d}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=READ_SCHEMA), path)
    return {
        "part": part.number,
        "problems": problems,
        "days": [r["day"] for r in rows],
    }


READ_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("digest", pa.string()),
        ("day", pa.int32()),
        ("clean", pa.string()),
        ("sentences", pa.string()),
        ("terms", pa.string()),
        ("names", pa.string()),
        ("prior", pa.string()),
        ("fingerprints", pa.list_(pa.int64())),
        ("title", pa.string()),
    ]
)


def _bucket(value: int | str, buckets: int) -> int:
    data = value.encode() if isinstance(value, str) else value.to_bytes(8, "little", signed=True)
    return zlib.crc32(data) % buckets


def _write_buckets(
    rows: dict[int, list], folder: Path, name: str, schema: pa.Schema, width: int = 4
) -> None:
    for bucket, bucket_rows in rows.items():
        target = folder / f"{bucket:0{width}d}"
        target.mkdir(parents=True, exist_ok=True)
        columns = list(zip(*bucket_rows, strict=True))
        pq.write_table(
            pa.Table.from_arrays([pa.array(c) for c in columns], schema=schema),
            target / f"{name}.parquet",
        )


KEY_SCHEMA = pa.schema([("key", pa.string()), ("ordinal", pa.int64())])
HIT_SCHEMA = pa.schema([("ordinal", pa.int64()), ("earlier", pa.int64())])


def scatter_partition(
    part: int, ordinals: Sequence[int], out: str, buckets: int, range_size: int
) -> int:
    """Send one read partition's keys (content hash, fingerprints) to their buckets and its
    articles to their ordinal ranges; returns the number of articles."""
    table = pq.read_table(Path(out) / "work" / "read" / f"part-{part:05d}.parquet")
    keys: dict[int, list] = defaultdict(list)
    for digest, fingerprints, ordinal in zip(
        table["digest"].to_pylist(), table["fingerprints"].to_pylist(), ordinals, strict=True
    ):
        keys[_bucket(digest, buckets)].append((f"h:{digest}", ordinal))
        for value in fingerprints:
            keys[_bucket(value, buckets)].append((f"f:{value}", ordinal))
    _write_buckets(keys, Path(out) / "work" / "keys", f"from-{part:05d}", KEY_SCHEMA)
    table = table.append_column("ordinal", pa.array(ordinals, pa.int64()))
    by_range: dict[int, list[int]] = defaultdict(list)
    for row, ordinal in enumerate(ordinals):
        by_range[ordinal // range_size].append(row)
    for number, rows in by_range.items():
        target = Path(out) / "work" / "ordered" / f"{number:05d}"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(table.take(rows), target / f"from-{part:05d}.parquet")
    return len(ordinals)


def _bucket_table(out: str, folder: str, bucket: int, width: int = 4) -> pa.Table | None:
    path = Path(out) / "work" / folder / f"{bucket:0{width}d}"
    if not path.exists():
        return None
    return pq.read_table(path)


def duplicates_in_bucket(out: str, bucket: int) -> list[int]:
    """Ordinals whose content hash an earlier article has (they are skipped, as ``add``
    skips an article already stored)."""
    table = _bucket_table(out, "keys", bucket)
    if table is None:
        return []
    first: dict[str, int] = {}
    later: list[int] = []
    rows = zip(table["key"].to_pylist(), table["ordinal"].to_pylist(), strict=True)
    for key, ordinal in sorted(r for r in rows if r[0].startswith("h:")):
        if key in first:
            later.append(ordinal)
        else:
            first[key] = ordinal
    return later


def hits_in_bucket(out: str, bucket: int, dropped: frozenset[int], buckets: int) -> int:
    """For each fingerprint of the bucket, each article's hits on the ``POSTINGS`` latest
    earlier articles with it (what ``Store.sharing_fingerprints`` reads), sent on to buckets
    by the later article; returns the number of hits."""
    table = _bucket_table(out, "keys", bucket)
    if table is None:
        return 0
    holders: dict[str, list[int]] = defaultdict(list)
    for key, ordinal in zip(table["key"].to_pylist(), table["ordinal"].to_pylist(), strict=True):
        if key.startswith("f:") and ordinal not in dropped:
            holders[key].append(ordinal)
    hits: dict[int, list] = defaultdict(list)
    count = 0
    for ordinals in holders.values():
        ordinals.sort()
        for n, ordinal in enumerate(ordinals):
            for earlier in ordinals[max(0, n - POSTINGS) : n]:
                hits[_bucket(ordinal, buckets)].append((ordinal, earlier))
                count += 1
    _write_buckets(hits, Path(out) / "work" / "hits", f"from-{bucket:04d}", HIT_SCHEMA)
    return count


def candidates_in_bucket(out: str, bucket: int, per_article: int, range_size: int) -> int:
    """The (earlier, later) pairs to align: for each article, the ``per_article`` earlier
    articles sharing the most fingerprints with it, ties to the latest (as ``add`` ranks them).
    Written by the later article's ordinal range (``work/pairs/RB/``), and each earlier article
    that lies in another range is asked of its own range (``work/wanted/RA/``). Returns the
    number of pairs."""
    table = _bucket_table(out, "hits", bucket)
    if table is None:
        return 0
    counts: dict[int, Counter] = defaultdict(Counter)
    for ordinal, earlier in zip(
        table["ordinal"].to_pylist(), table["earlier"].to_pylist(), strict=True
    ):
        counts[ordinal][earlier] += 1
    pairs: dict[int, list] = defaultdict(list)
    wanted: dict[int, list] = defaultdict(list)
    for ordinal, hits in counts.items():
        later_range = ordinal // range_size
        for earlier in sorted(hits, key=lambda e: (-hits[e], -e))[:per_article]:
            pairs[later_range].append((earlier, ordinal))
            if earlier // range_size != later_range:
                wanted[earlier // range_size].append((earlier, later_range))
    work = Path(out) / "work"
    _write_buckets(pairs, work / "pairs", f"from-{bucket:04d}", PAIR_SCHEMA, width=5)
    _write_buckets(wanted, work / "wanted", f"from-{bucket:04d}", WANTED_SCHEMA, width=5)
    return sum(len(p) for p in pairs.values())


PAIR_SCHEMA = pa.schema([("earlier", pa.int64()), ("later", pa.int64())])
WANTED_SCHEMA = pa.schema([("ordinal", pa.int64()), ("range", pa.int64())])
TEXT_SCHEMA = pa.schema([("ordinal", pa.int64()), ("text", pa.string())])


def _range_texts(out: str, number: int, ordinals: set[int]) -> dict[int, str]:
    """The cleaned texts of ``ordinals`` among those of ordinal range ``number``."""
    table = pq.read_table(
        Path(out) / "work" / "ordered" / f"{number:05d}", columns=["ordinal", "clean"]
    )
    return {
        ordinal: json.loads(clean)["text"]
        for ordinal, clean in zip(
            table["ordinal"].to_pylist(), table["clean"].to_pylist(), strict=True
        )
        if ordinal in ordinals
    }


def lend_texts(out: str, number: int) -> int:
    """Send the texts of range ``number`` that later ranges' pairs need to those ranges
    (``work/lent/RB/from-RA.parquet``); returns how many were sent.

    Aligning by pairs of ranges would make a task read two whole ranges for every pair of
    ranges that shares one candidate, and chance candidates join nearly all of them: at 1M
    articles, 20,100 tasks of two 5,000-article ranges each (and a million pair files). A text
    sent once per candidate keeps the work linear in the candidates."""
    table = _bucket_table(out, "wanted", number, width=5)
    if table is None:
        return 0
    asked: dict[int, set[int]] = defaultdict(set)
    for ordinal, later_range in zip(
        table["ordinal"].to_pylist(), table["range"].to_pylist(), strict=True
    ):
        asked[later_range].add(ordinal)
    texts = _range_texts(out, number, set().union(*asked.values()))
    sent = 0
    for later_range, ordinals in asked.items():
        rows = sorted((o, texts[o]) for o in ordinals)
        target = Path(out) / "work" / "lent" / f"{later_range:05d}"
        target.mkdir(parents=True, exist_ok=True)
        columns = list(zip(*rows, strict=True))
        pq.write_table(
            pa.Table.from_arrays([pa.array(c) for c in columns], schema=TEXT_SCHEMA),
            target / f"from-{number:05d}.parquet",
        )
        sent += len(rows)
    return sent


CONFIRMED_SCHEMA = pa.schema(
    [
        ("earlier", pa.int64()),
        ("later", pa.int64()),
        ("share", pa.float64()),
        ("passages", pa.list_(pa.list_(pa.int64()))),
    ]
)


def confirm_pairs(out: str, number: int, settings: Settings, range_size: int) -> int:
    """Align each candidate pair whose later article is in range ``number`` word by word, as
    ``add`` does, and write those that share passages to ``work/confirmed/RB/``; returns how
    many did."""
    from .reuse import WordIndex, compare_pair, passage_rows

    table = _bucket_table(out, "pairs", number, width=5)
    if table is None:
        return 0
    pairs = sorted(set(zip(table["earlier"].to_pylist(), table["later"].to_pylist(), strict=True)))
    own = {o for pair in pairs for o in pair if o // range_size == number}
    texts = _range_texts(out, number, own)
    lent = _bucket_table(out, "lent", number, width=5)
    if lent is not None:
        texts.update(zip(lent["ordinal"].to_pylist(), lent["text"].to_pylist(), strict=True))
    indexes: dict[int, WordIndex] = {}
    found = []
    for earlier, later in pairs:
        for ordinal in (earlier, later):
            if ordinal not in indexes:
                indexes[ordinal] = WordIndex.of(texts[ordinal])
        match = compare_pair("a", indexes[earlier], texts[earlier], "b", indexes[later], settings)
        if match is None:
            continue
        passages = [list(row) for row in passage_rows(match)]
        found.append(
            {"earlier": earlier, "later": later, "share": match.share, "passages": passages}
        )
    if found:
        target = Path(out) / "work" / "confirmed" / f"{number:05d}"
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(
            pa.Table.from_pylist(found, schema=CONFIRMED_SCHEMA), target / "pairs.parquet"
        )
    return len(found)


def day_of(number: int) -> dt.date | None:
    return dt.date.fromordinal(number) if number > 0 else None
