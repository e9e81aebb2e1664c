"""BM25F scoring of one document against a query, given corpus statistics.

The in-memory index and the SQLite backend score with this function: SQLite's own bm25() scans
the whole posting list of every query phrase to count documents, which at 1M documents costs
more than the rest of the query; here document frequencies come from a cheap lookup instead.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sadari_core.search.query import Query

FIELD_WEIGHTS: Mapping[str, float] = {"name": 8.0, "aliases": 4.0, "body": 1.0}
K1 = 1.2
B = 0.75


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """Documents in the corpus, average field lengths in tokens, and documents per token."""

    n_docs: int
    avg_lengths: Mapping[str, float]
    df: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class ScoringToken:
    text: str
    prefix: bool = False

    def count_in(self, tokens: Sequence[str]) -> int:
        if self.prefix:
            return sum(1 for t in tokens if t.startswith(self.text))
        return tokens.count(self.text)


def scoring_tokens(query: Query) -> list[ScoringToken]:
    """The tokens a query is scored on: each word's bigrams (or word), plus the whole Hangul word
    as a morpheme for words of three or more letters.

    ``scoring_tokens(parse_query("스타트업"))`` → 스타, 타트, 트업, 스타트업.
    """
    out: list[ScoringToken] = []
    seen: set[tuple[str, bool]] = set()
    for term in query.terms:
        candidates = [ScoringToken(t, term.is_prefix_token) for t in term.tokens]
        if term.has_morpheme_boost:
            candidates.append(ScoringToken(term.text))
        for token in candidates:
            if (token.text, token.prefix) not in seen:
                seen.add((token.text, token.prefix))
                out.append(token)
    return out


def idf(df: int, n_docs: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def bm25f(
    tokens: Sequence[ScoringToken],
    fields: Mapping[str, Sequence[str]],
    stats: CorpusStats,
    *,
    weights: Mapping[str, float] = FIELD_WEIGHTS,
) -> float:
    """BM25F: per token, field-weighted and length-normalized term frequency, saturated by K1
    and multiplied by IDF. Prefix tokens without a known frequency count as common.

    Args:
        tokens: from ``scoring_tokens``.
        fields: the document's index tokens per field ("name", "aliases", "body").
        stats: corpus statistics.

    Returns:
        The score (higher is better), e.g. a name match of 드론 outscores a body match.
    """
    score = 0.0
    lengths = {f: len(fields.get(f, ())) for f in weights}
    for token in tokens:
        tf = 0.0
        for field, weight in weights.items():
            count = token.count_in(fields.get(field, ()))
            if count:
                norm = 1 - B + B * lengths[field] / max(1.0, stats.avg_lengths.get(field, 1.0))
                tf += weight * count / norm
        if tf:
            df = stats.df.get(token.text, stats.n_docs // 2 if token.prefix else 0)
            score += idf(df, stats.n_docs) * tf / (K1 + tf)
    return score
