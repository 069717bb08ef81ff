"""The optional MiniLM embedder (installed with the dev extra) and the embedder choice."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse import brief
from newsfuse.embed import load_embedder
from newsfuse.errors import ConfigError
from newsfuse.settings import Settings

from .conftest import EXAMPLE


def test_unknown_embedder_names_the_choices():
    with pytest.raises(ConfigError, match="lexical, minilm"):
        load_embedder("bert")


def test_minilm_vectors_rank_a_paraphrase_above_an_unrelated_sentence():
    pytest.importorskip("onnxruntime")
    embedder = load_embedder("minilm")
    vectors = embedder(
        [
            "The government resigned on Wednesday.",
            "On Wednesday the cabinet stepped down.",
            "Heavy rain is expected in the north next week.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_minilm_vectors_keep_input_order_across_batches():
    """Texts are batched by length; each row must still be the vector of its own text."""
    pytest.importorskip("onnxruntime")
    embedder = load_embedder("minilm")
    texts = [
        "The government resigned on Wednesday after days of protests over fuel prices in the west.",
        "Shots were heard.",
        "A state of emergency was declared.",
        "Police said dozens of people were killed in battles with security forces in Almaty.",
        "Flights were cancelled.",
    ]
    embedder.batch_size = 2
    together = embedder(texts)
    alone = np.vstack([embedder([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-3)
    assert embedder([]).shape == (0, 384)


def test_brief_with_minilm_alignment(resources):
    pytest.importorskip("onnxruntime")
    result = brief([EXAMPLE], resources=resources, settings=Settings(embedder="minilm"))
    assert result.facts
    for fact in result.facts:
        assert len(set(fact.sources)) == len(fact.sources) >= 2
        assert 1 <= fact.independent_sources <= len(fact.sources)
