"""Faster stand-ins for two of the English model's rule components, with the same output.

Timed component by component on 80 DUC 2006 articles (``benchmarks/parse_costs.py``), spaCy's
``attribute_ruler`` took 12% of the pipeline's time and its ``lemmatizer`` 6% (the parser 14%,
NER 44%); the stand-ins take 0.84 s and 1.10 s beside their 3.04 s and 1.37 s. Both are rules,
and both spend that time in Python per token. The attribute ruler runs a ``Matcher`` of 179 patterns
over every token, though 167 of them test one token's tag, lower-case form, dependency label or
whether it is a space, and so give the same answer for every token with the same four values;
the lemmatizer builds a ``Token`` and a morphology key for every token before it looks in its
own cache. Here the one-token patterns are resolved once per distinct (tag, lower, dep, space)
and kept; the other patterns still go through a ``Matcher``, and the attributes are set with
spaCy's own ``set_token_attrs`` in the order the ruler uses (pattern by pattern, later patterns
winning). The lemmatizer reads its cache key from one array and calls spaCy's own lemmatizer for
a key it has not seen. ``tests/test_fast_pipes.py`` checks every token's POS, morphology, lemma,
tag and dependency against the stock pipeline's on real articles.

spaCy has no faster mode of either component to switch on, which is why this is written here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

#: Token attributes a one-token pattern may test to be resolved by key, in key order.
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: Distinct keys kept before a cache starts over (each entry is a few hundred bytes).
CACHE_LIMIT = 200_000


def speed_up(nlp: Language) -> Language:
    """Swap the pipeline's attribute ruler and lemmatizer for the stand-ins, in place."""
    names = dict(nlp.pipeline)
    if "attribute_ruler" in names:
        _swap(nlp, "attribute_ruler", FastAttributeRuler(names["attribute_ruler"]))
    if "lemmatizer" in names and getattr(names["lemmatizer"], "mode", "") == "rule":
        _swap(nlp, "lemmatizer", FastLemmatizer(names["lemmatizer"]))
    return nlp


def _swap(nlp: Language, name: str, component: Any) -> None:
    at = nlp.pipe_names.index(name)
    nlp.remove_pipe(name)
    before = nlp.pipe_names[at] if at < len(nlp.pipe_names) else None
    holder = nlp.add_pipe(_FACTORY, name=name, before=before)
    holder.component = component


_FACTORY = "newsfuse_rule_stand_in"


@Language.factory(_FACTORY)
def _make_stand_in(nlp: Language, name: str) -> _StandIn:
    return _StandIn()


class _StandIn:
    """What spaCy keeps in its pipeline (it builds components from factories, not from
    objects): ``_swap`` gives it the stand-in that does the work."""

    component: Any = None

    def __call__(self, doc: Doc) -> Doc:
        if self.component is None:  # a pipeline rebuilt from its config (from_bytes, from_disk)
            raise RuntimeError("load the model again and call newsfuse.extract.fast_pipes.speed_up")
        return self.component(doc)


def _is_simple(alternative: list[dict]) -> bool:
    """A pattern alternative of one token that tests only key attributes, by value or IN."""
    if len(alternative) != 1:
        return False
    spec = alternative[0]
    return all(
        attr in _KEY_ATTRS and (not isinstance(test, dict) or set(test) == {"IN"})
        for attr, test in spec.items()
    )


def _tested_values(simple: list[tuple[int, list[dict]]], attr: str) -> set[str]:
    """Every value that a one-token pattern compares ``attr`` with."""
    values: set[str] = set()
    for _, specs in simple:
        for spec in specs:
            test = spec.get(attr)
            if isinstance(test, dict):
                values.update(test["IN"])
            elif test is not None:
                values.add(test)
    return values


def _passes(spec: dict, key: tuple[str | None, str | None, str | None, bool]) -> bool:
    for attr, test in spec.items():
        value = key[_KEY_ATTRS.index(attr)]
        if isinstance(test, dict):
            if value not in test["IN"]:
                return False
        elif value != test:
            return False
    return True


class FastAttributeRuler:
    """spaCy's AttributeRuler, with one-token patterns resolved once per key."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.attrs: list[dict] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.simple: list[tuple[int, list[dict]]] = []
        self.matcher = Matcher(self.vocab)
        for number, pattern in enumerate(ruler.patterns):
            if all(_is_simple(alternative) for alternative in pattern["patterns"]):
                self.simple.append((number, [alt[0] for alt in pattern["patterns"]]))
            else:
                self.matcher.add(str(number), pattern["patterns"])
        self.cache: dict[tuple[int, ...], tuple[int, ...]] = {}
        # Lower-case forms and labels no pattern names all behave alike: one key stands for
        # them, so that the cache holds tags x named words, not the vocabulary.
        strings = self.vocab.strings
        self.named = {
            attr: {strings.add(value) for value in _tested_values(self.simple, attr)}
            for attr in ("LOWER", "DEP")
        }

    def _simple_matches(self, row: list[int]) -> tuple[int, ...]:
        """Numbers of the one-token patterns that a token with these key hashes matches."""
        tag, lower, dep, space = row
        hashes = (
            tag,
            lower if lower in self.named["LOWER"] else 0,
            dep if dep in self.named["DEP"] else 0,
            space,
        )
        found = self.cache.get(hashes)
        if found is None:
            strings = self.vocab.strings
            key = (*(strings[h] if h else None for h in hashes[:3]), bool(space))
            found = tuple(
                number for number, specs in self.simple if any(_passes(spec, key) for spec in specs)
            )
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            self.cache[hashes] = found
        return found

    def _other_matches(self, doc: Doc) -> dict[int, list[int]]:
        """Token index -> numbers of the other patterns that set its attributes."""
        targets: dict[int, list[int]] = defaultdict(list)
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            number = int(self.vocab.strings[match_id])
            index = self.indices[number]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                raise ValueError(
                    f"attribute ruler pattern {number}: index {index} outside its match"
                )
            targets[at].append(number)
        return targets

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        others = self._other_matches(doc) if len(self.matcher) else {}
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        for at, row in enumerate(rows):
            numbers = self._simple_matches(row)
            if at in others:
                numbers = tuple(sorted((*numbers, *others[at])))
            if not numbers:
                continue
            merged: dict = {}
            for number in numbers:
                merged.update(self.attrs[number])  # later patterns win, as in the ruler
            set_token_attrs(doc[at], merged)
        return doc


class FastLemmatizer:
    """spaCy's rule lemmatizer, its cache read from one array instead of token by token."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        overwrite = self.lemmatizer.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for at, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[at])[0])
                if len(self.cache) >= CACHE_LIMIT:
                    self.cache.clear()
                self.cache[key] = found
            lemmas[at] = found
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64)[:, None])
        return doc
