"""reuse: the passages that sources share (wire copy), each pair's share, wire groups, and credits.

Two outlets that print the same wire story are one witness, not two. This stage finds, for every
pair of sources, the runs of words they have in common:

1. **Candidates.** With few sources every pair is compared. Above ``settings.lsh_min_sources``
   the candidate pairs come from MinHash LSH (datasketch) over each text's word shingles, so the
   work grows with the number of similar pairs, not with the square of the number of sources.
2. **Exact alignment.** For a candidate pair, every shared shingle of ``shingle_words`` words seeds
   a run that is extended word by word along its diagonal; runs close on both sides (light edits
   such as a changed spelling) merge into one passage. Shingles tolerate reordered paragraphs,
   which a longest-common-subsequence alignment (difflib) would miss.
3. **Share and groups.** ``share`` is the fraction of the shorter text's words inside shared
   passages; sources linked by a share of at least ``wire_share`` form a wire group.

Credits ("© AFP", "(Reuters)", "told AFP", "an AFP correspondent", "AP" sign-offs) are read from
the cleaned text and from what cleaning removed, and kept apart from agencies the text merely
cites ("according to Interfax").

>>> texts = {"S1": "a b c d e f g h i j k", "S2": "x a b c d e f g h i j y"}
>>> [round(r.share, 2) for r in find_reuse(texts, Settings())]
[0.91]
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from .agencies import AGENCY_NAMES, AGENCY_PATTERN, agency_mentions
from .model import Passage, Removal, Reuse, Span, WireGroup
from .settings import Settings

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class WordIndex:
    """The words of one text: normalised forms and their character offsets."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> WordIndex:
        matches = list(_WORD.finditer(text))
        return cls(
            words=tuple(m.group(0).lower() for m in matches),
            starts=tuple(m.start() for m in matches),
            ends=tuple(m.end() for m in matches),
        )

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True)
class Bounds:
    """A passage: words ``a[i:i_end]`` of one text and ``b[j:j_end]`` of the other."""

    i: int
    i_end: int
    j: int
    j_end: int


@dataclass(frozen=True, slots=True)
class Run:
    """Words ``a[i:i+length]`` of one text equal words ``b[j:j+length]`` of the other."""

    i: int
    j: int
    length: int


def find_reuse(
    texts: Mapping[str, str],
    settings: Settings,
    *,
    candidates: Iterable[tuple[str, str]] | None = None,
) -> list[Reuse]:
    """Shared passages of every pair of texts (by source id) that share any, most shared first."""
    indexes = {sid: WordIndex.of(text) for sid, text in texts.items()}
    order = {sid: n for n, sid in enumerate(texts)}
    if candidates is None:
        candidates = candidate_pairs(indexes, settings)
    results: list[Reuse] = []
    for left, right in candidates:
        a_id, b_id = sorted((left, right), key=order.__getitem__)
        reuse = compare_pair(a_id, indexes[a_id], texts[a_id], b_id, indexes[b_id], settings)
        if reuse is not None:
            results.append(reuse)
    results.sort(key=lambda r: (-r.share, order[r.sources[0]], order[r.sources[1]]))
    return results


def candidate_pairs(indexes: Mapping[str, WordIndex], settings: Settings) -> list[tuple[str, str]]:
    """All pairs for small inputs; MinHash LSH candidates above ``settings.lsh_min_sources``."""
    ids = list(indexes)
    if len(ids) < max(2, settings.lsh_min_sources):
        return list(combinations(ids, 2))
    return lsh_candidate_pairs(indexes, settings)


def _shingles(index: WordIndex, size: int) -> set[bytes]:
    words = index.words
    return {" ".join(words[k : k + size]).encode() for k in range(len(words) - size + 1)}


def _hash32(data: bytes) -> int:
    # crc32 is stable across processes (unlike hash()), so Dask workers agree, and is several
    # times faster than datasketch's default sha1 for short shingles.
    return zlib.crc32(data)


def lsh_candidate_pairs(
    indexes: Mapping[str, WordIndex], settings: Settings
) -> list[tuple[str, str]]:
    """Pairs whose shingle sets MinHash LSH finds similar (Jaccard near ``lsh_threshold``)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.lsh_num_perm)
    pairs: set[tuple[str, str]] = set()
    order = {sid: n for n, sid in enumerate(indexes)}
    for sid, index in indexes.items():
        shingles = _shingles(index, settings.shingle_words)
        if not shingles:
            continue
        signature = MinHash(num_perm=settings.lsh_num_perm, hashfunc=_hash32)
        signature.update_batch(list(shingles))
        for other in lsh.query(signature):
            pairs.add(tuple(sorted((other, sid), key=order.__getitem__)))  # type: ignore[arg-type]
        lsh.insert(sid, signature)
    return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))


#: the most places in one text a shingle may have and still seed runs (see ``shared_runs``)
MAX_SEED_PLACES = 32


def shared_runs(a: Sequence[str], b: Sequence[str], size: int) -> list[Run]:
    """Maximal runs of at least ``size`` equal words, found from shared shingles of ``size``."""
    if len(a) < size or len(b) < size:
        return []
    seeds: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - size + 1):
        seeds[tuple(b[j : j + size])].append(j)
    # a shingle that recurs many times in b (a run of one phrase: "Moscow Moscow ...", a table)
    # seeds every pairing of its places, which grew with the square of the run (a 320 kB text
    # took 154 s here); a copied passage holds other shingles too, and the run is reached by
    # extending a run along its diagonal, so such shingles seed nothing
    seeds = {shingle: at for shingle, at in seeds.items() if len(at) <= MAX_SEED_PLACES}
    runs: list[Run] = []
    diagonal_end: dict[int, int] = {}
    for i in range(len(a) - size + 1):
        for j in seeds.get(tuple(a[i : i + size]), ()):
            diagonal = j - i
            if diagonal_end.get(diagonal, -1) > i:
                continue  # inside a run already found on this diagonal
            length = size
            while i + length < len(a) and j + length < len(b) and a[i + length] == b[j + length]:
                length += 1
            runs.append(Run(i, j, length))
            diagonal_end[diagonal] = i + length
    return runs


def merge_runs(runs: Sequence[Run], gap: int) -> list[Bounds]:
    """Join runs that follow each other in both texts with at most ``gap`` words between them."""
    merged: list[tuple[int, int, int, int]] = []  # i_start, i_end, j_start, j_end
    for run in sorted(runs, key=lambda r: (r.i, r.j)):
        i_end, j_end = run.i + run.length, run.j + run.length
        if merged:
            pi, pie, pj, pje = merged[-1]
            if 0 <= run.i - pie <= gap and 0 <= run.j - pje <= gap:
                merged[-1] = (pi, max(pie, i_end), pj, max(pje, j_end))
                continue
            if run.i < pie and pj <= run.j < pje:
                # overlaps the previous passage in both texts: the same passage, extended
                merged[-1] = (pi, max(pie, i_end), pj, max(pje, j_end))
                continue
        merged.append((run.i, i_end, run.j, j_end))
    return [Bounds(*m) for m in merged]


def _covered(intervals: Iterable[tuple[int, int]]) -> int:
    total, last = 0, -1
    for start, end in sorted(intervals):
        start = max(start, last)
        if end > start:
            total += end - start
            last = end
    return total


def compare_pair(
    a_id: str,
    a: WordIndex,
    a_text: str,
    b_id: str,
    b: WordIndex,
    settings: Settings,
) -> Reuse | None:
    """The shared passages of two texts, or None when they share no run of enough words."""
    runs = shared_runs(a.words, b.words, settings.shingle_words)
    if not runs:
        return None
    bounds = [
        x
        for x in merge_runs(runs, settings.passage_gap_words)
        if min(x.i_end - x.i, x.j_end - x.j) >= settings.min_passage_words
    ]
    if not bounds:
        return None
    covered_a = _covered((x.i, x.i_end) for x in bounds)
    covered_b = _covered((x.j, x.j_end) for x in bounds)
    shorter, covered = (len(a), covered_a) if len(a) <= len(b) else (len(b), covered_b)
    share = min(1.0, covered / shorter) if shorter else 0.0
    passages = tuple(
        Passage(
            text=a_text[a.starts[x.i] : a.ends[x.i_end - 1]],
            evidence=(
                Span(source=a_id, start=a.starts[x.i], end=a.ends[x.i_end - 1]),
                Span(source=b_id, start=b.starts[x.j], end=b.ends[x.j_end - 1]),
            ),
        )
        for x in bounds
    )
    return Reuse(sources=(a_id, b_id), share=round(share, 4), passages=passages)


def passage_rows(reuse: Reuse) -> list[tuple[int, int, int, int, int]]:
    """A pair's passages as the store keeps them: spans in both texts, and their words."""
    return [
        (
            p.evidence[0].start,
            p.evidence[0].end,
            p.evidence[1].start,
            p.evidence[1].end,
            len(p.text.split()),
        )
        for p in reuse.passages
    ]


def wire_groups(
    reuse: Iterable[Reuse],
    settings: Settings,
    credits: Mapping[str, Sequence[str]] | None = None,
    order: Sequence[str] | None = None,
) -> list[WireGroup]:
    """Sources linked (transitively) by a share of at least ``settings.wire_share``."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for item in reuse:
        if item.share >= settings.wire_share:
            left, right = item.sources
            parent[find(left)] = find(right)
    members: dict[str, list[str]] = defaultdict(list)
    for sid in parent:
        members[find(sid)].append(sid)
    rank = {sid: n for n, sid in enumerate(order or sorted(parent))}
    groups = []
    for ids in members.values():
        if len(ids) < 2:
            continue
        ids.sort(key=lambda s: rank.get(s, len(rank)))
        group_credits = sorted({c for sid in ids for c in (credits or {}).get(sid, ())})
        groups.append(WireGroup(sources=tuple(ids), credits=tuple(group_credits)))
    groups.sort(key=lambda g: rank.get(g.sources[0], len(rank)))
    return groups


# ---------------------------------------------------------------------------------------------
# Credits

_CREDIT_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        # © AFP 2022, (c) Reuters, Copyright 2022 The Associated Press
        rf"(?:©|\([cC]\)|[Cc]opyright)\s*(?:\d{{4}}\s*)?(?:the\s+|The\s+)?({AGENCY_PATTERN})\b",
        # told AFP / told The Associated Press / said in an interview with Reuters
        rf"\b(?:told|tells|telling|interview with)\s+(?:the\s+|The\s+)?({AGENCY_PATTERN})\b",
        # an AFP correspondent, AFP reporters saw, Reuters journalists, AP photographer
        rf"\b({AGENCY_PATTERN})(?:'s)?\s+(?:correspondents?|reporters?|journalists?|"
        rf"photographers?|team|staff|crew)\b",
        # (Reuters) / (AP) in a dateline, '(Xinhua) --'
        rf"\(({AGENCY_PATTERN})\)\s*(?:—|–|--|-)",
        # AP contributed to this report
        rf"\b({AGENCY_PATTERN})\s+contributed\b",
    )
)
_LONE_AGENCY = re.compile(rf"(?<![\w-])({AGENCY_PATTERN})(?![\w-])")
_GENERIC_WIRES = re.compile(r"\b(?:agencies|wires)\b", re.IGNORECASE)


def read_credits(
    text: str, removed: Sequence[Removal] = (), dateline: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(credits, cited): agencies whose copy the text carries, and agencies it merely cites.

    Credits come from copyright lines, sign-offs and datelines (often removed by cleaning, so
    ``removed`` is read too) and from phrases that put the agency's own staff in the story
    ("told AFP", "an AFP correspondent"). Every other agency named in the text is only cited.
    """
    credits: set[str] = set()
    for pattern in _CREDIT_PATTERNS:
        for match in pattern.finditer(text):
            credits.add(AGENCY_NAMES[match.group(1)])
    signoffs = [r.text for r in removed if r.rule in ("copyright", "signoff", "byline")]
    if dateline:
        signoffs.append(dateline)
    for line in signoffs:
        credits.update(AGENCY_NAMES[m.group(1)] for m in _LONE_AGENCY.finditer(line))
        if _GENERIC_WIRES.search(line):
            credits.add("agencies")
    cited = {name for name, _, _ in agency_mentions(text)} - credits
    return tuple(sorted(credits)), tuple(sorted(cited))
