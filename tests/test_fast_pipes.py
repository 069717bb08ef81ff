"""The stand-ins for the model's attribute ruler and lemmatizer annotate exactly as spaCy's own."""

from __future__ import annotations

import spacy

from newsfuse.extract.fast_pipes import speed_up
from newsfuse.resources import SPACY_MODEL

from .conftest import duc_articles

# Texts that reach the multi-token and dependency patterns too ("gonna", "let's", "there is",
# "ain't") and the tokens no pattern names.
ODD = (
    "We're gonna win, y'all. Let's go! There is no way they ain't coming. C'mon, he gets it. "
    "That is what it is: the that-clause, whether or not. 3 dogs , 4 cats ;  spaces\n\nend"
)


def annotations(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i) for t in doc]


def test_every_token_is_annotated_as_the_stock_pipeline_does():
    stock = spacy.load(SPACY_MODEL)
    fast = speed_up(spacy.load(SPACY_MODEL))
    assert fast.pipe_names == stock.pipe_names
    articles = duc_articles("duc2006", "D0601", limit=12) + duc_articles(
        "duc2006", "D0616", limit=12
    )
    texts = [ODD, ""] + [article.text for article in articles]
    for twice in range(2):  # the second pass reads the stand-ins' caches
        for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
            assert annotations(ours) == annotations(theirs), twice


def test_an_emptied_cache_gives_the_same_annotations():
    from newsfuse.extract import fast_pipes

    fast = speed_up(spacy.load(SPACY_MODEL))
    first = annotations(fast(ODD))
    for _, component in fast.pipeline:
        getattr(getattr(component, "component", None), "cache", {}).clear()
    assert annotations(fast(ODD)) == first
    assert fast_pipes.CACHE_LIMIT > 0
