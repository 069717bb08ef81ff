"""stories: which story a new article belongs to, decided online as articles arrive.

A story is what its articles are made of, kept as a small profile that grows with it:

- **words**: a TF-IDF centroid over content stems (Snowball, as ``align`` uses), with document
  frequencies that grow with the corpus; an article's vector is weighed with the frequencies known
  when it arrives, and the centroid keeps its heaviest ``STORY_TERMS`` stems;
- **names**: the proper names the articles use, weighed the same way. Two earthquakes share
  "earthquake", "magnitude" and "rescuers" but not "Izmit" or "Taichung";
- **time**: a story that got no article for ``settings.story_idle_days`` takes no new one;
- **wire copy**: an article that carries a passage of at least ``settings.story_wire_words`` words
  of one of a story's articles (the same AP copy) joins that story.

This module holds the arithmetic and no storage: :class:`~newsfuse.store.Store` finds the
candidate stories through its inverted index and calls :func:`choose_story`.

>>> profile = profile_of("Rescuers in Izmit searched the rubble after the earthquake.", None)
>>> sorted(profile.names)
['n:izmit']
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .align import _MONTHS, STOP_WORDS, WORD, _bare, stem
from .reuse import WordIndex, _hash32
from .settings import Settings

#: Stems kept in a story's centroid, and names in its name profile: enough to score an article
#: (the tail of a long story's vocabulary weighs almost nothing) and bounded, so a story of ten
#: thousand articles costs what a story of ten does.
STORY_TERMS = 300
STORY_NAMES = 100
#: How many of an article's heaviest stems and names look up candidate stories.
QUERY_TERMS = 20
QUERY_NAMES = 12
#: One shingle in ``FINGERPRINT_RATE`` is kept as a fingerprint (those whose hash is 0 modulo
#: the rate): a 30-word shared passage has 23 shingles of 8 words, so about 3 fingerprints.
FINGERPRINT_RATE = 8

# A capitalised run of words ("Kassym-Jomart Tokayev", "New York", "NATO"), not after a letter or
# a dot. The small spaCy model's NER would name entities better, but it costs about 140 ms an
# article here (1,459 DUC articles: 202 s on 2 cores), more than all the rest of `add`; capitalised
# runs are what the story needs to tell two events of one kind apart, and cost nothing.
_NAME_RUN = re.compile(r"(?<![\w.])[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n|[\"“`'(]\s*|\b_\s+)$")
# Capitalised words that are not names even mid-sentence (titles, weekdays, months)
_NOT_NAMES = frozenset(
    "mr mrs ms dr gen sen rep gov pres prof st the a an i monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


#: How many documents the background frequencies weigh as (see :func:`weigh`).
PRIOR_DOCUMENTS = 1000
#: Words in a typical news article, to turn a word's frequency into the share of articles that
#: use it at least once.
ARTICLE_WORDS = 400


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article brings to a story: stem and name counts (keys ``w:stem``, ``n:name``),
    the share of articles expected to use each key (from general word frequencies), its
    fingerprints and its date."""

    terms: Mapping[str, int]
    names: Mapping[str, int]
    prior: Mapping[str, float]
    fingerprints: tuple[int, ...]
    published: dt.date | None


@dataclass(slots=True)
class StoryState:
    """A story as the clusterer sees it: centroid masses, size, dates (mutable while it grows)."""

    id: int
    size: int
    first: dt.date | None
    last: dt.date | None
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Choice:
    """Where an article goes: an existing story (``story``) or a new one (None), and why."""

    story: int | None
    score: float
    reason: str  # "wire", "similar" or "new"


def name_keys(text: str) -> Counter[str]:
    """Proper names of ``text``, lower-cased, with the last word of a multi-word name as well
    ("Hun Sen" -> "hun sen", "sen"). A capitalised word that only ever opens a sentence is
    not taken for a name."""
    runs = []
    inside: set[str] = set()
    for match in _NAME_RUN.finditer(text):
        words = match.group(0).split()
        while (
            words and words[0].lower().strip("'’") in _NOT_NAMES
        ):  # "Gen", "Monday"; not "Hun Sen"
            words = words[1:]
        opens = bool(_SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]))
        runs.append((words, opens))
        if not opens:
            inside.update(words)
    keys: Counter[str] = Counter()
    for words, opens in runs:
        if opens:
            while words and words[0] not in inside:
                words = words[1:]
        if not words:
            continue
        keys[" ".join(words).lower()] += 1
        if len(words) > 1:
            keys[words[-1].lower()] += 1
    return keys


def search_keys(query: str) -> list[list[str]]:
    """The index keys a story must hold to match ``query``: for each word, its stem or its
    name (a story is indexed under its heaviest stems and names, as :func:`profile_of` makes
    them)."""
    groups = []
    for word in WORD.findall(query):
        bare = _bare(_MONTHS.get(word, word))
        keys = [f"n:{word.lower()}"]
        if bare and bare not in STOP_WORDS:
            keys.append(f"w:{stem(bare)}")
        elif not bare or len(word) < 2:
            continue  # "the", "of": every story has them, no story is indexed under them
        groups.append(keys)
    return groups


def fingerprints_of(text: str, settings: Settings) -> tuple[int, ...]:
    """A sample of the text's word shingles (the same shingles as ``reuse``), as 32-bit hashes.

    Two texts that share a passage share some of these. Sampling by hash value (not by position)
    makes both texts keep the same shingles of a shared passage. Shared shingles are what MinHash
    LSH estimates too, but its Jaccard threshold would have to sit near 0.05 to catch a short wire
    story inside a long article, where its candidates grow with the corpus; an exact posting
    list per fingerprint does not.
    """
    words = WordIndex.of(text).words
    size = settings.shingle_words
    found = set()
    for k in range(len(words) - size + 1):
        value = _hash32(" ".join(words[k : k + size]).encode())
        if value % FINGERPRINT_RATE == 0:
            found.add(value)
    return tuple(sorted(found))


def profile_of(
    text: str, published: dt.date | None, settings: Settings | None = None, language: str = "en"
) -> Profile:
    """The profile of one cleaned text (``language``: its ISO 639-1 code, for the priors)."""
    settings = settings or Settings()
    terms: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for word in WORD.findall(text):
        bare = _bare(_MONTHS.get(word, word))
        if bare and bare not in STOP_WORDS:
            key = f"w:{stem(bare)}"
            terms[key] += 1
            forms.setdefault(key, bare)
    names = Counter({f"n:{name}": n for name, n in name_keys(text).items()})
    surface = {**forms, **{key: key[2:] for key in names}}
    return Profile(
        terms=terms,
        names=names,
        prior=background_shares(surface, language),
        fingerprints=fingerprints_of(text, settings),
        published=published,
    )


def background_shares(words: Mapping[str, str], language: str) -> dict[str, float]:
    """For each key, the share of news articles expected to use its word at least once.

    From wordfreq's frequencies (they ship in the package): a word of frequency f turns up in an
    article of ``ARTICLE_WORDS`` words with probability 1 - exp(-f * ARTICLE_WORDS). Without such a
    prior a corpus of five reports of one story finds the story's own words in every report
    and weighs them least, so the reports look unrelated; with it, "Kazakhstan" is rare from
    the first article on. A language wordfreq does not know gets no prior.
    """
    if not _known_language(language):
        return {}
    shares = {}
    for key, word in words.items():
        share = _background_share(word, language)
        if share > 0:
            shares[key] = share
    return shares


@lru_cache(maxsize=64)
def _known_language(language: str) -> bool:
    from wordfreq import available_languages

    return language in available_languages()


# news repeats its vocabulary: a cache spares most of wordfreq's lookups (15 µs each)
@lru_cache(maxsize=1 << 18)
def _background_share(word: str, language: str) -> float:
    from wordfreq import word_frequency

    return -math.expm1(-word_frequency(word, language) * ARTICLE_WORDS)


def weigh(
    counts: Mapping[str, int], df: Mapping[str, int], total: int, prior: Mapping[str, float]
) -> dict[str, float]:
    """Unit-length TF-IDF vector (sublinear tf) of ``counts``.

    Document frequencies ``df`` over ``total`` documents are smoothed by ``PRIOR_DOCUMENTS``
    background documents that use each key in the share ``prior`` gives, so that weights make
    sense from the first article and turn into the corpus's own as it grows past them.
    """
    documents = total + PRIOR_DOCUMENTS + 1
    vector = {
        key: (1.0 + math.log(count))
        * math.log(documents / (df.get(key, 0) + PRIOR_DOCUMENTS * prior.get(key, 0.0) + 0.5))
        for key, count in counts.items()
        if count > 0
    }
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {key: v / norm for key, v in vector.items()}


def heaviest(vector: Mapping[str, float], n: int) -> list[str]:
    """The ``n`` keys of largest weight (ties by key, so the choice is reproducible)."""
    return [k for k, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def cosine(unit: Mapping[str, float], masses: Mapping[str, float]) -> float:
    """Cosine of a unit vector with a centroid given by its (unnormalised) masses."""
    # hypot and a key intersection run in C: a Python sum over a 300-stem centroid was a fifth
    # of placing an article (30,000 synthetic articles)
    norm = math.hypot(*masses.values())
    if not norm:
        return 0.0
    # fsum: the set's order follows string hashes, which change from run to run, and a plain
    # sum in another order could move a score across the threshold; fsum is order-free
    return math.fsum(unit[k] * masses[k] for k in unit.keys() & masses.keys()) / norm


def similarity(
    terms: Mapping[str, float], names: Mapping[str, float], story: StoryState, settings: Settings
) -> float:
    """How well an article fits a story: words and names, discounted for the story's size.

    A centroid of many articles is smoother than any one of them, so its cosine with a member
    is higher than two members' cosine with each other; the discount keeps one threshold fair
    to stories of 1 and of 100 articles.
    """
    weight = settings.story_name_weight
    score = (1 - weight) * cosine(terms, story.terms) + weight * cosine(names, story.names)
    return score / (1.0 + settings.story_size_discount * math.log(max(story.size, 1)))


def in_window(published: dt.date | None, story: StoryState, settings: Settings) -> bool:
    """Whether a story still takes an article of this date: it got one within the idle window.

    An article older than the story is held to the same window before its first article.
    """
    if published is None or story.first is None or story.last is None:
        return True
    window = dt.timedelta(days=settings.story_idle_days)
    return story.first - window <= published <= story.last + window


def choose_story(
    terms: Mapping[str, float],
    names: Mapping[str, float],
    published: dt.date | None,
    candidates: Sequence[StoryState],
    wired: Mapping[int, int],
    settings: Settings,
) -> Choice:
    """The story an article joins, or a new one.

    ``wired`` maps a story id to the longest passage (in words) the article shares with one of its
    articles; a long enough passage decides, whatever the words score.
    """
    eligible = [s for s in candidates if in_window(published, s, settings)]
    by_wire = [
        (wired[s.id], -s.id, s) for s in eligible if wired.get(s.id, 0) >= settings.story_wire_words
    ]
    if by_wire:
        best = max(by_wire, key=lambda item: item[:2])[2]
        return Choice(best.id, round(similarity(terms, names, best, settings), 4), "wire")
    scored = [(similarity(terms, names, s, settings), -s.id, s) for s in eligible]
    if scored:
        score, _, best = max(scored, key=lambda item: item[:2])
        if score >= settings.story_threshold:
            return Choice(best.id, round(score, 4), "similar")
    return Choice(None, 0.0, "new")


def grow(
    story: StoryState,
    terms: Mapping[str, float],
    names: Mapping[str, float],
    published: dt.date | None,
) -> StoryState:
    """Add an article's vectors to a story's centroid, keeping the heaviest keys only."""
    for mass, vector, keep in (
        (story.terms, terms, STORY_TERMS),
        (story.names, names, STORY_NAMES),
    ):
        for key, value in vector.items():
            mass[key] = mass.get(key, 0.0) + value
        if len(mass) > keep:
            kept = set(heaviest(mass, keep))
            for key in [k for k in mass if k not in kept]:
                del mass[key]
    story.size += 1
    if published is not None:
        story.first = min(story.first or published, published)
        story.last = max(story.last or published, published)
    return story
