"""Blockwise cosines agree with the full n x n matrix they stand in for."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from newsfuse import vectors


def _unit_rows(n: int, d: int, seed: int, sparse: bool):
    rng = np.random.default_rng(seed)
    dense = rng.random((n, d)).astype(np.float32)
    if sparse:
        dense[dense < 0.8] = 0  # most words absent, as in TF-IDF rows
    else:
        dense -= 0.5  # an embedder's cosines can be negative
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    norms[norms == 0] = 1
    dense /= norms
    return (csr_matrix(dense) if sparse else dense), dense


@pytest.mark.parametrize("sparse", [True, False])
@pytest.mark.parametrize("n", [1, 2, 5, 300])
def test_blockwise_results_match_the_full_matrix(sparse, n, monkeypatch):
    monkeypatch.setattr(vectors, "BLOCK_CELLS", 1000)  # many blocks even for small n
    given, dense = _unit_rows(n, 40, seed=n, sparse=sparse)
    full = dense @ dense.T
    groups = [f"S{k % 4}" for k in range(n)]

    expected = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if groups[j] != groups[i]]
        if others:
            expected[i] = np.sort(full[i, others])[-3:].mean()
    assert np.allclose(vectors.best_others(given, groups, k=3), expected, atol=1e-5)

    i, j, v = vectors.pairs_above(given, 0.3)
    found = set(zip(i.tolist(), j.tolist(), strict=True))
    wanted = {(a, b) for a in range(n) for b in range(a + 1, n) if full[a, b] >= 0.3 + 1e-5}
    assert wanted <= found and all(full[a, b] >= 0.3 - 1e-5 for a, b in found)
    assert np.allclose(v, full[i, j], atol=1e-5)

    assert np.allclose(vectors.column(given, n - 1), full[:, n - 1], atol=1e-5)
    rows, cols = list(range(0, n, 2)), list(range(1, n, 3)) or [0]
    assert np.allclose(vectors.cosines(given, rows, cols), full[np.ix_(rows, cols)], atol=1e-5)
