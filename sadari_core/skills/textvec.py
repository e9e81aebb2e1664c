"""Sparse TF-IDF vectors over words and character n-grams (numpy/scipy, no scikit-learn).

Used by the title classifier: fit on the index texts once, transform queries in batches, and
take cosine similarities with one sparse product.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class TfidfSpace:
    """A vocabulary with inverse document frequencies; rows are L2-normalised, tf is sublinear.

    Args:
        features: turns one text into its features (words, n-grams); repeated features count.
        min_df: features seen in fewer documents are dropped.
    """

    def __init__(self, features: Callable[[str], list[str]], min_df: int = 1) -> None:
        self.features = features
        self.min_df = min_df
        self.vocabulary: dict[str, int] = {}
        self.idf: FloatArray = np.zeros(0)

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Learns the vocabulary and idf from ``texts`` and returns their rows."""
        docs = [self.features(t) for t in texts]
        df: dict[str, int] = {}
        for feats in docs:
            for f in set(feats):
                df[f] = df.get(f, 0) + 1
        kept = sorted(f for f, n in df.items() if n >= self.min_df)
        self.vocabulary = {f: i for i, f in enumerate(kept)}
        n = len(texts)
        counts = np.array([df[f] for f in kept], dtype=np.float64)
        self.idf = np.log((n + 1.0) / (counts + 1.0)) + 1.0
        return self._rows(docs)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Rows for new texts (unknown features are ignored)."""
        return self._rows([self.features(t) for t in texts])

    def _rows(self, docs: Sequence[list[str]]) -> sp.csr_matrix:
        vocabulary = self.vocabulary
        rows: list[int] = []
        cols: list[int] = []
        for i, feats in enumerate(docs):
            ids = [j for j in map(vocabulary.get, feats) if j is not None]
            rows.extend([i] * len(ids))
            cols.extend(ids)
        counts = sp.csr_matrix(
            (np.ones(len(cols)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(len(docs), len(vocabulary)),
        )
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        result: sp.csr_matrix = sp.diags(1.0 / norms) @ counts
        return result.tocsr()
