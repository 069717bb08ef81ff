"""entities: named-entity mentions, and one canonical entity for every name across sources.

spaCy's NER finds the mentions; the canonicalisation is ours, because outlets name the same
person or body in ways no single-document tool reconciles:

- titles and honorifics come off ("President", "Prime Minister", "Mr"),
- spelling and transliteration variants merge ("Kassym-Jomart" / "Kassym-Shomart",
  "Organisation" / "Organization"): British/American endings are folded, then names are compared
  token by token with rapidfuzz (thresholds below, tested on a table of variant and near-miss pairs),
- short forms join the full name they abbreviate ("Tokayev" -> "Kassym-Jomart Tokayev") when only
  one full name carries that surname,
- acronyms defined in a text ("Collective Security Treaty Organization (CSTO)") join their long form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..model import Entity, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "LAW"})

# Titles and honorifics that precede a name.
_TITLE_PHRASES = tuple(
    phrase.strip()
    for phrase in """
    deputy prime minister, prime minister, deputy health minister, foreign minister,
    defence minister, defense minister, interior minister, health minister, minister,
    vice president, vice-president, president, chancellor, king, queen, prince, princess, sheikh,
    emir, general, gen., colonel, col., lieutenant, lt., major, maj., captain, capt., sergeant,
    sgt., admiral, adm., governor, gov., senator, sen., representative, rep., deputy mayor, mayor,
    secretary-general, secretary general, secretary, ambassador, judge, justice, pope, cardinal,
    bishop, archbishop, rev., reverend, chairman, chairwoman, police chief, chief, commander,
    spokesman, spokeswoman, spokesperson, mr., mr, mrs., mrs, ms., ms, dr., dr, prof., professor,
    sir, dame, lord, lady""".split(",")
)
_TITLE_RE = re.compile(
    r"^(?:(?:the|former|late|then|acting|outgoing|incoming)\s+)*"
    r"(?:[A-Z][a-z]+\s+)?"  # a nationality before a title: "Armenian", "Kazakh"
    r"(?:" + "|".join(re.escape(t) for t in sorted(_TITLE_PHRASES, key=len, reverse=True)) + r")"
    r"\.?\s+(?=\S)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")

# British -> American endings, so "Organisation"/"Organization" and "Defence"/"Defense" are one key.
_SPELLING = (
    (re.compile(r"isation\b"), "ization"),
    (re.compile(r"ise\b"), "ize"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"\bcentre\b"), "center"),
)
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "&"})

# Thresholds, from the variant/near-miss table in tests/test_entities.py:
# - a surname (last token) must be at least 85 similar: transliterations such as
#   Gaddafi/Gadhafi score 86, distinct surnames such as Smith/Smyth-Jones far less;
# - every other token must be at least 80 similar: Kassym-Jomart/Kassym-Shomart scores 89,
#   Alexei/Alexey 83, while different first names of one family (John/Jane 50, Raul/Fidel 22,
#   Hillary/Bill 55, Jong-un/Jong-il 71) stay apart;
# - whole names of organisations and places must be at least 92 similar: that merges one-letter
#   variants ("Co-operation"/"Cooperation") but not different bodies that share most words
#   ("Ministry of the Interior" vs "Ministry of Interior Affairs" scores 87).
SURNAME_SIMILARITY = 85
GIVEN_NAME_SIMILARITY = 80
NAME_SIMILARITY = 92


def strip_title(name: str) -> str:
    """'President Kassym-Jomart Tokayev' -> 'Kassym-Jomart Tokayev'; 'Mr Nazarbayev' -> 'Nazarbayev'."""
    name = _POSSESSIVE.sub("", " ".join(name.split()))
    previous = None
    while previous != name:
        previous = name
        name = _TITLE_RE.sub("", name)
    return name.strip(" ,.-–—\"'“”‘’")


def name_key(name: str) -> str:
    """A comparison key: no accents, lower case, American spellings, hyphens as in the text."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"^the\s+", "", text)
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^\w\s-]", "", text)
    return " ".join(text.split())


def same_person(a: str, b: str) -> bool:
    """Whether two full person names (already keyed) are spelling variants of one name."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return a == b
    if fuzz.ratio(ta[-1], tb[-1]) < SURNAME_SIMILARITY:
        return False
    for x, y in zip(ta[:-1], tb[:-1], strict=True):
        if x == y or (len(x) <= 2 and x[0] == y[0]) or (len(y) <= 2 and x[0] == y[0]):
            continue  # initials
        if fuzz.ratio(x, y) < GIVEN_NAME_SIMILARITY:
            return False
    return True


def same_name(a: str, b: str) -> bool:
    """Whether two names of organisations or places (keyed) are spelling variants.

    Long names also match with their significant words in another order, as translations give
    them ("Organization of the Collective Security Treaty").
    """
    if a == b or fuzz.ratio(a.replace("-", ""), b.replace("-", "")) >= NAME_SIMILARITY:
        return True
    wa = [w for w in a.split() if w not in _MINOR_WORDS]
    wb = [w for w in b.split() if w not in _MINOR_WORDS]
    return min(len(wa), len(wb)) >= 3 and fuzz.token_sort_ratio(wa, wb) >= NAME_SIMILARITY


def acronym_of(long_form: str) -> str:
    """Initials of the significant words (and hyphenated parts): 'Co-operation' gives 'C'."""
    words = [w for w in re.split(r"[\s]+", long_form) if w.lower() not in _MINOR_WORDS]
    return "".join(w[0].upper() for w in words if w[:1].isalpha())


_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|in|on|&)\s+)*){1,8})\(([A-Z]{2,8})\)"
)


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronym -> long form, for definitions such as 'Treaty Organization (CSTO)' in ``text``."""
    found: dict[str, str] = {}
    for match in _ACRONYM_DEF.finditer(text):
        words, acronym = match.group(1).split(), match.group(2)
        # take the shortest tail of the preceding capitalised words whose initials spell it
        for start in range(len(words) - 1, -1, -1):
            candidate = " ".join(words[start:])
            if acronym_of(candidate) == acronym:
                found[acronym] = candidate
                break
    return found


def entity_mentions(source_id: str, doc: Doc) -> list[Mention]:
    """NER mentions of the kinds a brief lists (people, organisations, places, groups, events)."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text.strip()
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        if text.lower().startswith("the "):
            start += 4
            text = text[4:]
        text = _POSSESSIVE.sub("", text)
        lead = len(text) - len(text.lstrip("\"'“”‘’«»"))
        start += lead
        text = text[lead:].rstrip("\"'“”‘’«»")
        if len(text) < 2 or not any(ch.isalpha() for ch in text):
            continue
        mentions.append(
            Mention(
                span=Span(source=source_id, start=start, end=start + len(text)),
                text=text,
                label=ent.label_,
            )
        )
    return mentions


@dataclass
class _Cluster:
    labels: Counter[str] = field(default_factory=Counter)
    keys: set[str] = field(default_factory=set)
    surfaces: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    mentions: int = 0

    @property
    def label(self) -> str:
        """The label most mentions carry; PERSON when any mention is a person and the name has
        no word of an organisation (the small NER model often calls a foreign name ORG)."""
        person_like = self.labels["PERSON"] and not any(
            _ORG_WORDS & set(k.split()) for k in self.keys
        )
        if person_like and (
            self.labels["PERSON"] * 3 >= sum(self.labels.values())
            or any(len(k.split()) > 1 for k in self.keys)
        ):
            return "PERSON"
        return self.labels.most_common(1)[0][0]

    @property
    def family(self) -> str:
        return _LABEL_FAMILY.get(self.label, self.label)

    def add(self, key: str, surface: str, source: str, label: str) -> None:
        self.labels[label] += 1
        self.keys.add(key)
        self.surfaces[surface] += 1
        self.sources.add(source)
        self.mentions += 1

    def absorb(self, other: _Cluster) -> None:
        self.labels.update(other.labels)
        self.keys |= other.keys
        self.surfaces.update(other.surfaces)
        self.sources |= other.sources
        self.mentions += other.mentions


_LABEL_FAMILY = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
_ORG_WORDS = frozenset(
    "organization organisation ministry department council party union agency office committee "
    "company group bank university court army police force forces service news media "
    "association federation commission government parliament assembly".split()
)


def canonical_entities(
    mentions: Sequence[Mention], texts: dict[str, str], order: Sequence[str]
) -> tuple[list[Entity], dict[str, str]]:
    """Merge mentions into entities; returns the entities and a map from keyed alias to name."""
    acronyms: dict[str, str] = {}
    for sid in order:
        for acronym, long_form in defined_acronyms(texts.get(sid, "")).items():
            acronyms.setdefault(acronym, long_form)

    long_forms = {name_key(long): long for long in acronyms.values()}
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    for mention in mentions:
        surface = mention.text
        name = strip_title(surface) if mention.label in ("PERSON", "ORG") else surface
        if not name:
            continue
        name = acronyms.get(name, name)
        key = name_key(name)
        # NER sometimes cuts a long name short ("Organization for Security and Co-operation"
        # of "... in Europe"): a cut that begins a defined long form is that long form.
        if len(key.split()) >= 3 and key not in long_forms:
            key = next((k for k in long_forms if k.startswith(key + " ")), key)
        cluster = by_key.get(key)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
            by_key[key] = cluster
        cluster.add(key, surface, mention.span.source, mention.label)

    clusters = _merge_variants(clusters)
    clusters = _merge_short_forms(clusters)

    entities: list[Entity] = []
    alias_map: dict[str, str] = {}
    for cluster in clusters:
        name = _canonical_name(cluster)
        label = cluster.label
        aliases = sorted(set(cluster.surfaces) | {name}, key=lambda a: (-cluster.surfaces[a], a))
        entities.append(
            Entity(
                name=name,
                type=label,
                aliases=tuple(aliases),
                sources=tuple(sid for sid in order if sid in cluster.sources),
                mentions=cluster.mentions,
            )
        )
        for alias in aliases:
            alias_map[name_key(strip_title(alias))] = name
        for key in cluster.keys:
            alias_map[key] = name
    for acronym, long_form in acronyms.items():
        if name_key(long_form) in alias_map:
            alias_map[name_key(acronym)] = alias_map[name_key(long_form)]
    entities.sort(key=lambda e: (-len(e.sources), -e.mentions, e.name))
    return entities, alias_map


def _merge_variants(clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge clusters whose names are spelling variants (same kind of entity)."""
    merged: list[_Cluster] = []
    # every cluster is compared with the merged ones that share a trigram of a name with it (see
    # _GramIndex); their families and whether their names carry an organisation word are kept
    # beside them, and refreshed when a cluster absorbs another
    families: list[str] = []
    orgless: list[bool] = []
    index = _GramIndex()
    for cluster in sorted(clusters, key=lambda c: -c.mentions):
        family, plain = cluster.family, _orgless(cluster)
        target = None
        for k in index.candidates(cluster.keys, family, plain):
            if families[k] != family and not _maybe_person_pair(
                (family, plain), (families[k], orgless[k])
            ):
                continue
            other = merged[k]
            test = same_person if "PERSON" in (family, families[k]) else same_name
            if any(test(a, b) for a in cluster.keys for b in other.keys):
                target = k
                break
        if target is None:
            target = len(merged)
            merged.append(cluster)
            families.append(family)
            orgless.append(plain)
        else:
            merged[target].absorb(cluster)
            families[target] = merged[target].family
            orgless[target] = _orgless(merged[target])
        index.add(target, merged[target].keys, families[target])
    return merged


class _GramIndex:
    """Merged clusters by what a name must share with another to pass the tests, so that a
    cluster is tested only against those it could match (the test against every merged cluster
    grew with the square of a story's names: 23 of 37 s of fusing 300 DUC articles).

    - ``same_name`` needs names at least 92 similar, and strings that close share a character
      trigram of a word (an edit changes at most three trigrams, and such names differ by fewer
      edits than they have trigrams): other names are indexed by the trigrams of every word;
    - ``same_person`` needs as many words and surnames at least 85 similar (the same argument),
      or one-word names that are equal: people, and the names labelled ORG that may be compared
      as people, are indexed by word count and surname trigram, or by the one word.
    """

    def __init__(self) -> None:
        self._postings: dict[tuple, set[int]] = defaultdict(set)

    def add(self, k: int, keys: Iterable[str], family: str) -> None:
        keys = list(keys)
        entries = [] if family == "PERSON" else [(family, g) for g in _word_grams(keys)]
        if family in ("PERSON", "ORG"):
            entries += [(family, *p) for p in _person_keys(keys)]
        for entry in entries:
            self._postings[entry].add(k)

    def candidates(self, keys: Iterable[str], family: str, orgless: bool) -> list[int]:
        keys = list(keys)
        if family == "PERSON":
            # a person and a name labelled ORG with no organisation word are compared as people
            lookups = [(f, *p) for p in _person_keys(keys) for f in ("PERSON", "ORG")]
        else:
            lookups = [(family, g) for g in _word_grams(keys)]
            if family == "ORG" and orgless:
                lookups += [("PERSON", *p) for p in _person_keys(keys)]
        found: set[int] = set()
        for lookup in lookups:
            found |= self._postings.get(lookup, set())
        return sorted(found)


def _trigrams(word: str) -> set[str]:
    padded = f" {word.replace('-', '')} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _word_grams(keys: Iterable[str]) -> set[str]:
    return {g for key in keys for word in key.split() for g in _trigrams(word)}


def _person_keys(keys: Iterable[str]) -> set[tuple]:
    found: set[tuple] = set()
    for key in keys:
        words = key.split()
        if len(words) < 2:
            found.add(("one", key))
        else:
            found.update((len(words), g) for g in _trigrams(words[-1]))
    return found


def _orgless(cluster: _Cluster) -> bool:
    """No name of the cluster has a word of an organisation ("ministry", "party", ...)."""
    return not any(_ORG_WORDS & set(k.split()) for k in cluster.keys)


def _maybe_person_pair(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    """A person and a name NER labelled ORG that has no organisation word: compare as people.
    ``a`` and ``b`` are each a cluster's family and whether its names lack organisation words."""
    if {a[0], b[0]} != {"PERSON", "ORG"}:
        return False
    return a[1] if a[0] == "ORG" else b[1]


def _merge_short_forms(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join one-word person names to the only full name that ends in a matching surname."""
    full = [c for c in clusters if c.label == "PERSON" and any(len(k.split()) > 1 for k in c.keys)]
    # A one-word name joins a person when NER called it a person at least once or the small
    # model mislabelled it (as ORG, say) while the surname matches exactly.
    by_surname: dict[str, list[_Cluster]] = defaultdict(list)
    for cluster in full:
        for surname in {k.split()[-1] for k in cluster.keys if len(k.split()) > 1}:
            by_surname[surname].append(cluster)
    kept: list[_Cluster] = []
    for cluster in clusters:
        single = all(len(k.split()) == 1 for k in cluster.keys)
        if single and cluster.family in ("PERSON", "ORG"):
            needed = SURNAME_SIMILARITY if cluster.labels["PERSON"] else 100
            candidates = {
                id(c): c
                for k in cluster.keys
                for surname, cs in by_surname.items()
                if fuzz.ratio(k, surname) >= needed
                for c in cs
                if c is not cluster
            }
            if len(candidates) == 1:
                next(iter(candidates.values())).absorb(cluster)
                continue
        kept.append(cluster)
    return kept


def _canonical_name(cluster: _Cluster) -> str:
    """The most used full form, titles stripped; ties go to the longer, then the first seen."""
    forms: Counter[str] = Counter()
    for surface, count in cluster.surfaces.items():
        name = strip_title(surface) if cluster.label == "PERSON" else surface
        if re.fullmatch(r"[A-Z]{2,8}", name):
            continue  # prefer the long form over the acronym
        forms[name] += count
    if not forms:
        return max(cluster.surfaces, key=cluster.surfaces.__getitem__)
    longest = max(len(f.split()) for f in forms)
    full = {f: n for f, n in forms.items() if len(f.split()) == longest}
    return max(full, key=lambda f: (full[f], -list(forms).index(f)))


def entity_name_for(text: str, alias_map: dict[str, str]) -> str | None:
    """The canonical entity name for a surface form, if it is a known alias."""
    return alias_map.get(name_key(strip_title(text)))
