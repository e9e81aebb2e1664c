"""A BM25 inverted index over match terms, as flat numpy arrays (100k items in memory).

Each term's postings are a slice of two arrays (item positions, saturated term frequency), so a
query is one ``numpy.bincount`` over the slices of its terms. IDF and the constants come from
``sadari_core.search.ranking`` (the directory search's BM25).
"""

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from sadari_core.search.ranking import K1, B, idf

FloatArray = npt.NDArray[np.float32]


class LexicalIndex:
    """BM25 over term counts of ``n`` items.

    Args:
        counts: one term → frequency mapping per item, in item order.
    """

    def __init__(self, counts: Sequence[Mapping[str, int]]) -> None:
        self.n = len(counts)
        lengths = np.array([sum(c.values()) for c in counts], dtype=np.float32)
        self.avg_length = float(lengths.mean()) if self.n else 1.0
        norm = 1 - B + B * lengths / max(self.avg_length, 1.0)
        vocab: dict[str, int] = {}
        term_ids: list[int] = []
        doc_ids: list[int] = []
        tfs: list[float] = []
        for doc, c in enumerate(counts):
            for term, count in c.items():
                term_ids.append(vocab.setdefault(term, len(vocab)))
                doc_ids.append(doc)
                tfs.append(float(count))
        tid = np.asarray(term_ids, dtype=np.int32)
        order = np.argsort(tid, kind="stable")
        self.vocab = vocab
        self.docs = np.asarray(doc_ids, dtype=np.int32)[order]
        tf = np.asarray(tfs, dtype=np.float32)[order]
        self.weights: FloatArray = (tf * (K1 + 1) / (tf + K1 * norm[self.docs])).astype(np.float32)
        df = np.bincount(tid, minlength=len(vocab))
        self.offsets = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
        self.idf = np.array([idf(int(d), self.n) for d in df], dtype=np.float32)

    def df(self, term: str) -> int:
        """Items containing ``term``."""
        t = self.vocab.get(term)
        return 0 if t is None else int(self.offsets[t + 1] - self.offsets[t])

    def term_idf(self, term: str) -> float:
        t = self.vocab.get(term)
        return 0.0 if t is None else float(self.idf[t])

    def scores(self, lookups: Mapping[str, float]) -> FloatArray:
        """BM25 score of every item for weighted query terms (zeros when nothing matches)."""
        slices: list[tuple[int, int, float]] = []
        for term, weight in lookups.items():
            t = self.vocab.get(term)
            if t is not None:
                slices.append(
                    (int(self.offsets[t]), int(self.offsets[t + 1]), weight * float(self.idf[t]))
                )
        if not slices or not self.n:
            return np.zeros(self.n, dtype=np.float32)
        docs = np.concatenate([self.docs[a:b] for a, b, _ in slices])
        weights = np.concatenate([self.weights[a:b] * w for a, b, w in slices])
        return np.bincount(docs, weights=weights, minlength=self.n).astype(np.float32)

    def memory_bytes(self) -> int:
        """Bytes held by the numpy arrays (the vocabulary dict not counted)."""
        return int(self.docs.nbytes + self.weights.nbytes + self.offsets.nbytes + self.idf.nbytes)


def pair_score(
    query: Mapping[str, float], item: Counter[str], index: LexicalIndex
) -> tuple[float, dict[str, float]]:
    """BM25 of one item (in the index or not) with each matched query term's contribution.

    Uses the index's IDF and average length, so an item of the index scores exactly as in
    :meth:`LexicalIndex.scores`; a term the index has never seen counts as occurring once.
    """
    norm = 1 - B + B * sum(item.values()) / max(index.avg_length, 1.0)
    n = max(index.n, 1)
    contributions: dict[str, float] = {}
    for term, weight in query.items():
        tf = item.get(term, 0)
        if tf:
            term_idf = index.term_idf(term) or idf(1, n)
            contributions[term] = weight * term_idf * tf * (K1 + 1) / (tf + K1 * norm)
    return sum(contributions.values()), contributions
