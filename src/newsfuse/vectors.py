"""vectors: cosines between statement vectors, a block of rows at a time, never all n x n.

Statement vectors are the rows of a matrix with unit-length rows: sparse (``scipy.sparse``
CSR, the lexical TF-IDF) or dense (an embedder's). A story of 1,000 articles has some 20,000
statements; its n x n cosine matrix would take 1.6 GB in float32 (and the dense TF-IDF matrix
before it more), which is what made fusion of large stories run out of time and memory. The
functions here read the cosines a block of rows at a time and keep only what the caller needs:
the pairs above a cut, each row's best matches among other sources, one row, or a small block.

A hand-written loop over numpy and scipy products rather than a nearest-neighbour library: the
callers need exact cosines (thresholds were read off them) and the same-source exclusion, and
scikit-learn's ``radius_neighbors`` would add a dependency to do the same products.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix, issparse

Vectors = np.ndarray | csr_matrix

#: Cosines held at once by the blockwise functions (rows per block x all rows): 64 MB in float32.
BLOCK_CELLS = 1 << 24


def _rows_per_block(n: int) -> int:
    return max(1, BLOCK_CELLS // max(n, 1))


#: Blocks up to this many cells are multiplied from the CSR arrays directly: grouping reads
#: thousands of tiny blocks, and scipy's fancy indexing costs about a millisecond each.
SMALL_BLOCK = 1024


def cosines(vectors: Vectors, rows: Sequence[int] | slice, cols: Sequence[int] | None = None):
    """The dense block of cosines between ``rows`` and ``cols`` (all rows when None)."""
    if (
        issparse(vectors)
        and cols is not None
        and not isinstance(rows, slice)
        and len(rows) * len(cols) <= SMALL_BLOCK
    ):
        return _small_sparse_block(vectors, rows, cols)
    left = vectors[rows]
    right = vectors if cols is None else vectors[cols]
    block = left @ right.T
    return block.toarray() if issparse(block) else np.asarray(block)


def _small_sparse_block(vectors: csr_matrix, rows: Sequence[int], cols: Sequence[int]):
    indptr, indices, data = vectors.indptr, vectors.indices, vectors.data
    spans = [(indptr[r], indptr[r + 1]) for r in (*rows, *cols)]
    terms = np.unique(np.concatenate([indices[a:b] for a, b in spans])) if spans else []
    dense = np.zeros((len(spans), len(terms)), dtype=vectors.dtype)
    for k, (a, b) in enumerate(spans):
        dense[k, np.searchsorted(terms, indices[a:b])] = data[a:b]
    return dense[: len(rows)] @ dense[len(rows) :].T


def column(vectors: Vectors, j: int) -> np.ndarray:
    """The cosine of every row with row ``j``."""
    return cosines(vectors, slice(None), [j]).ravel()


def pairs_above(vectors: Vectors, cut: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair i < j whose cosine is at least ``cut``: (i, j, cosine) arrays."""
    n = vectors.shape[0]
    found_i, found_j, found_v = [], [], []
    step = _rows_per_block(n)
    for start in range(0, n, step):
        block = vectors[start : start + step] @ vectors.T
        if issparse(block):
            block = block.tocoo()
            i, j, v = block.row + start, block.col, block.data
        else:
            i, j = np.nonzero(block >= cut)
            v = block[i, j]
            i = i + start
        keep = (j > i) & (v >= cut)
        found_i.append(i[keep])
        found_j.append(j[keep])
        found_v.append(v[keep])
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_v)


def best_others(vectors: Vectors, groups: Sequence[str], k: int = 3) -> np.ndarray:
    """For each row, the mean of its ``k`` highest cosines with rows of other groups (all of
    them when there are fewer; 0 when there are none)."""
    n = vectors.shape[0]
    codes = np.unique(np.asarray(groups), return_inverse=True)[1] if n else np.zeros(0, int)
    sizes = np.bincount(codes) if n else np.zeros(0, int)
    result = np.zeros(n)
    step = _rows_per_block(n)
    for start in range(0, n, step):
        block = cosines(vectors, slice(start, start + step)).astype(np.float64)
        own = codes[start : start + step]
        block[own[:, None] == codes[None, :]] = -np.inf
        others = n - sizes[own]
        take = min(k, n)
        top = -np.partition(-block, take - 1, axis=1)[:, :take] if take else block[:, :0]
        top = np.where(np.isfinite(top), top, 0.0)
        counts = np.minimum(others, k)
        result[start : start + step] = np.where(
            counts > 0, top.sum(axis=1) / np.maximum(counts, 1), 0.0
        )
    return result
