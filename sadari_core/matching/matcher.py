"""The Matcher: candidates from lexical and semantic top-N, reranked by an explainable sum.

score = Σ weight × feature, with features in 0..1:
- ``lexical``: BM25 over match terms (see ``terms``), divided by the best lexical score among
  the query's candidates;
- ``semantic``: cosine similarity rescaled per query from the mean over all items (0) to the
  best candidate (1), so that encoders with different cosine ranges weigh the same;
- ``field``: Jaccard overlap of field codes; ``trl``/``budget``: fit (see ``features``).
Unknown features (no codes, no TRL) add nothing. ``components`` in each explanation holds the
weighted terms; they add up to the score.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sadari_core.matching.encoders import Encoder
from sadari_core.matching.features import budget_fit, field_overlap, normalize_fields, trl_fit
from sadari_core.matching.lexical import LexicalIndex, pair_score
from sadari_core.matching.records import MatchDoc, MatchExplanation, MatchResult
from sadari_core.matching.terms import Analysis, analyze, query_lookups
from sadari_core.resolution.romanize import has_hangul
from sadari_core.text.korean import Analyzer, bigram_analyzer, kiwi_analyzer

FloatArray = npt.NDArray[np.float32]

# Weights without and with an encoder. Lexical evidence is exact and explainable, the encoder
# catches paraphrase and translation; fields, TRL and budget order near-ties (see
# docs/matching.md for how these were chosen and checked).
LEXICAL_WEIGHTS: Mapping[str, float] = {"lexical": 1.0, "field": 0.3, "trl": 0.1, "budget": 0.1}
SEMANTIC_WEIGHTS: Mapping[str, float] = {
    "lexical": 0.5,
    "semantic": 0.5,
    "field": 0.3,
    "trl": 0.1,
    "budget": 0.1,
}
CANDIDATES = 200  # per source (lexical, semantic) before reranking
SHOWN_TERMS = 8


def default_analyzer() -> Analyzer:
    """kiwipiepy morphemes + bigrams when kiwipiepy is installed, else bigrams only."""
    try:
        return kiwi_analyzer()
    except ImportError:
        return bigram_analyzer()


@dataclass(frozen=True)
class _Normalizers:
    lexical_max: float
    semantic_floor: float
    semantic_max: float


class Matcher:
    """Ranks ``items`` for a query; the same class serves needs → offers and offers → needs.

    Args:
        items: the documents to rank (ids should be unique).
        encoder: a sentence encoder, or None for lexical-only matching.
        item_vectors: stored vectors aligned with ``items`` (computed with ``encoder`` when None).
        analyzer: the Korean analyzer (default: kiwipiepy if importable, else bigrams).
        query_side: ``"need"`` when queries want a TRL/budget that items have (default), or
            ``"offer"`` when queries are technologies and items are needs.
        weights: feature weights (default ``LEXICAL_WEIGHTS`` or ``SEMANTIC_WEIGHTS``).

    Example:
        ``Matcher(offers).top_k(MatchDoc("n1", "배터리 수명 진단"), k=5)`` ranks English offers
        such as "Battery health diagnosis for EV fleets" too.
    """

    def __init__(
        self,
        items: Sequence[MatchDoc],
        *,
        encoder: Encoder | None = None,
        item_vectors: FloatArray | None = None,
        analyzer: Analyzer | None = None,
        query_side: str = "need",
        weights: Mapping[str, float] | None = None,
    ) -> None:
        if query_side not in ("need", "offer"):
            raise ValueError(f"query_side must be 'need' or 'offer', not {query_side!r}")
        self.items = list(items)
        self.encoder = encoder
        self.analyzer = analyzer if analyzer is not None else default_analyzer()
        self.query_side = query_side
        # Only the counts are kept (in the index arrays); explanations re-analyze their k items,
        # which keeps 100k items at tens of MB instead of a GB of per-item dictionaries.
        self.lexical = LexicalIndex(
            [analyze(d.title, d.text, self.analyzer).counts for d in self.items]
        )
        self._positions = {d.id: i for i, d in enumerate(self.items)}
        self._fields = [normalize_fields(d.fields) for d in self.items]
        self.vectors: FloatArray | None = None
        if item_vectors is not None:
            vectors = np.asarray(item_vectors, dtype=np.float32)
            if vectors.shape[0] != len(self.items):
                raise ValueError(
                    f"item_vectors has {vectors.shape[0]} rows for {len(self.items)} items"
                )
            self.vectors = vectors
        elif encoder is not None:
            self.vectors = encoder.encode([d.full_text for d in self.items])
        if weights is None:
            weights = SEMANTIC_WEIGHTS if self.vectors is not None else LEXICAL_WEIGHTS
        self.weights = dict(weights)

    # --- public API ----------------------------------------------------------------------------

    def top_k(
        self,
        query: MatchDoc,
        k: int = 10,
        *,
        query_vector: FloatArray | None = None,
        exclude_ids: Collection[str] = (),
    ) -> list[MatchResult]:
        """The ``k`` best items for ``query`` (fewer only when there are fewer items).

        Args:
            query: the need (or offer) to match.
            k: how many results.
            query_vector: the query's stored vector (encoded now when None and an encoder is set).
            exclude_ids: item ids never to return (e.g. the query itself, or the owner's own).

        Returns:
            Results with 1-based ranks, best first; ties keep item order.
        """
        if k <= 0 or not self.items:
            return []
        q = self._query(query)
        lexical = self.lexical.scores(q.lookups)
        semantic = self._semantic(query, query_vector)
        excluded = np.array(
            [self._positions[i] for i in exclude_ids if i in self._positions], dtype=np.int64
        )
        pool = self._pool(lexical, semantic, excluded, k)
        norms = self._normalizers(lexical, semantic, pool)
        scored = [(self._combine(query, q, p, float(lexical[p]), semantic, norms), p) for p in pool]
        scored.sort(key=lambda sp: (-sp[0][0], sp[1]))
        results = []
        for rank, ((score, components), p) in enumerate(scored[:k], start=1):
            explanation = self._explain(query, q, p, semantic, components)
            results.append(MatchResult(query.id, self.items[p].id, score, rank, explanation))
        return results

    def score_pair(
        self, query: MatchDoc, item: MatchDoc, *, query_vector: FloatArray | None = None
    ) -> MatchResult:
        """Score and explanation of one pair ("why this match?").

        The item need not be among the matcher's items; lexical and semantic parts are
        normalized as in :meth:`top_k` for the same query, and ``rank`` is 1 + the number of
        the query's candidates that score higher.
        """
        q = self._query(query)
        lexical = self.lexical.scores(q.lookups)
        semantic = self._semantic(query, query_vector)
        pool = self._pool(lexical, semantic, np.zeros(0, dtype=np.int64), 10)
        norms = self._normalizers(lexical, semantic, pool)
        position = self._positions.get(item.id)
        if position is not None and self.items[position] == item:
            (score, components) = self._combine(
                query, q, position, float(lexical[position]), semantic, norms
            )
            explanation = self._explain(query, q, position, semantic, components)
        else:
            score, components, explanation = self._score_outside(query, q, item, norms)
        higher = sum(
            1
            for p in pool
            if p != position
            and self._combine(query, q, p, float(lexical[p]), semantic, norms)[0] > score
        )
        return MatchResult(query.id, item.id, score, higher + 1, explanation)

    # --- internals -------------------------------------------------------------------------------

    @dataclass(frozen=True)
    class _Query:
        analysis: Analysis
        lookups: Mapping[str, float]
        vector: FloatArray | None

    def _query(self, query: MatchDoc) -> "Matcher._Query":
        analysis = analyze(query.title, query.text, self.analyzer)
        return Matcher._Query(analysis, query_lookups(analysis.counts), None)

    def _semantic(self, query: MatchDoc, query_vector: FloatArray | None) -> FloatArray | None:
        if self.vectors is None:
            return None
        if query_vector is None:
            if self.encoder is None:
                return None
            encode = getattr(self.encoder, "encode_queries", self.encoder.encode)
            query_vector = encode([query.full_text])
        vector = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        sims: FloatArray = (self.vectors @ vector).astype(np.float32)
        return sims

    def _pool(
        self,
        lexical: FloatArray,
        semantic: FloatArray | None,
        excluded: npt.NDArray[np.int64],
        k: int,
    ) -> list[int]:
        n = len(self.items)
        size = min(n, max(CANDIDATES, k))
        chosen: dict[int, None] = {}
        for scores in (lexical, semantic):
            if scores is None:
                continue
            s = scores.astype(np.float64, copy=True)
            if excluded.size:
                s[excluded] = -np.inf
            top = np.argpartition(-s, size - 1)[:size] if size < n else np.arange(n)
            for p in top.tolist():
                if s[p] != -np.inf:
                    chosen.setdefault(int(p), None)
        return sorted(chosen)

    def _normalizers(
        self, lexical: FloatArray, semantic: FloatArray | None, pool: list[int]
    ) -> _Normalizers:
        lexical_max = float(lexical[pool].max()) if pool else 0.0
        if semantic is None or not pool:
            return _Normalizers(lexical_max, 0.0, 0.0)
        return _Normalizers(lexical_max, float(semantic.mean()), float(semantic[pool].max()))

    def _features(
        self, query: MatchDoc, item: MatchDoc, item_fields: tuple[str, ...]
    ) -> tuple[tuple[str, ...], float, float | None, float | None]:
        shared, overlap = field_overlap(normalize_fields(query.fields), item_fields)
        if self.query_side == "need":
            need, offer = query, item
        else:
            need, offer = item, query
        trl = trl_fit(need.trl, offer.trl)
        budget = budget_fit(
            need.budget_min_krw, need.budget_max_krw, offer.budget_min_krw, offer.budget_max_krw
        )
        return shared, overlap, trl, budget

    def _components(
        self,
        lexical: float,
        cosine: float | None,
        overlap: float,
        trl: float | None,
        budget: float | None,
        norms: _Normalizers,
    ) -> dict[str, float]:
        w = self.weights
        out = {
            "lexical": w.get("lexical", 0.0)
            * (lexical / norms.lexical_max if norms.lexical_max > 0 else 0.0)
        }
        if cosine is not None and "semantic" in w:
            span = norms.semantic_max - norms.semantic_floor
            value = (cosine - norms.semantic_floor) / span if span > 0 else 0.0
            out["semantic"] = w["semantic"] * min(1.0, max(0.0, value))
        out["field"] = w.get("field", 0.0) * overlap
        if trl is not None:
            out["trl"] = w.get("trl", 0.0) * trl
        if budget is not None:
            out["budget"] = w.get("budget", 0.0) * budget
        return out

    def _combine(
        self,
        query: MatchDoc,
        q: "Matcher._Query",
        p: int,
        lexical: float,
        semantic: FloatArray | None,
        norms: _Normalizers,
    ) -> tuple[float, dict[str, float]]:
        _, overlap, trl, budget = self._features(query, self.items[p], self._fields[p])
        cosine = float(semantic[p]) if semantic is not None else None
        components = self._components(lexical, cosine, overlap, trl, budget, norms)
        return sum(components.values()), components

    def _explain(
        self,
        query: MatchDoc,
        q: "Matcher._Query",
        p: int,
        semantic: FloatArray | None,
        components: dict[str, float],
    ) -> MatchExplanation:
        item = self.items[p]
        shared, _, trl, budget = self._features(query, item, self._fields[p])
        analysis = analyze(item.title, item.text, self.analyzer)
        _, contributions = pair_score(q.lookups, analysis.counts, self.lexical)
        return MatchExplanation(
            shared_terms=shared_terms(q.analysis, analysis, contributions),
            field_overlap=shared,
            trl_fit=trl,
            budget_fit=budget,
            semantic=float(semantic[p]) if semantic is not None else None,
            components=components,
        )

    def _score_outside(
        self, query: MatchDoc, q: "Matcher._Query", item: MatchDoc, norms: _Normalizers
    ) -> tuple[float, dict[str, float], MatchExplanation]:
        analysis = analyze(item.title, item.text, self.analyzer)
        lexical, contributions = pair_score(q.lookups, analysis.counts, self.lexical)
        cosine = None
        if self.encoder is not None and self.vectors is not None:
            encode = getattr(self.encoder, "encode_queries", self.encoder.encode)
            query_vector = encode([query.full_text]).reshape(-1)
            cosine = float(self.encoder.encode([item.full_text]).reshape(-1) @ query_vector)
        shared, overlap, trl, budget = self._features(query, item, normalize_fields(item.fields))
        components = self._components(lexical, cosine, overlap, trl, budget, norms)
        explanation = MatchExplanation(
            shared_terms=shared_terms(q.analysis, analysis, contributions),
            field_overlap=shared,
            trl_fit=trl,
            budget_fit=budget,
            semantic=cosine,
            components=components,
        )
        return sum(components.values()), components, explanation


# Bigrams are shown through their words; letter trigrams of names are fuzzy evidence that
# counts in the score but would read as noise ("li#").
_NOT_SHOWN = frozenset({"b", "gk", "ge"})
_ORIGINS = {"pe": ("pk",), "pk": ("pe",), "w": ("w", "rk"), "rk": ("w",)}


def shared_terms(
    query: Analysis, item: Analysis, contributions: Mapping[str, float]
) -> tuple[str, ...]:
    """Display forms of the matched terms, biggest contribution first.

    A Korean word counts as shared when at least half of its bigrams matched; a match across
    scripts shows both sides (``배터리 ↔ battery``).

    Args:
        query: the query's analysis.
        item: the item's analysis.
        contributions: matched lookup term → its BM25 contribution (from ``pair_score``).

    Returns:
        Up to ``SHOWN_TERMS`` display strings, e.g. ``("배터리 ↔ battery", "진단 ↔ diagnosis")``.
    """
    weight_of: dict[str, float] = {}
    matched_bigrams = {t for t in contributions if t.startswith("b:")}
    for unit, bigrams in query.units.items():
        if bigrams and sum(b in matched_bigrams for b in bigrams) * 2 >= len(bigrams):
            weight_of[unit] = weight_of.get(unit, 0.0) + sum(
                contributions.get(b, 0.0) for b in bigrams
            )
    for term, value in contributions.items():
        namespace, _, rest = term.partition(":")
        if namespace in _NOT_SHOWN:
            continue
        origins = _ORIGINS.get(namespace, (namespace,))
        q_surface = next(
            (query.surface[f"{o}:{rest}"] for o in origins if f"{o}:{rest}" in query.surface), rest
        )
        i_surface = item.surface.get(term, rest)
        crosses = has_hangul(q_surface) != has_hangul(i_surface)
        label = f"{q_surface} ↔ {i_surface}" if crosses else q_surface
        weight_of[label] = weight_of.get(label, 0.0) + value
    labels = sorted(weight_of, key=lambda label: (-weight_of[label], label))
    # A word already shown inside a cross-script pair or a longer word is not repeated.
    shown: list[str] = []
    for label in labels:
        if any(label in other or other in label for other in shown):
            continue
        shown.append(label)
        if len(shown) == SHOWN_TERMS:
            break
    return tuple(shown)
