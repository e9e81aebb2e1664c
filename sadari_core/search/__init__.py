"""Search: query parsing, query compilation for database indexes, an in-memory BM25 index."""

from sadari_core.search.index import InMemoryIndex, SearchHit
from sadari_core.search.query import Query, QueryTerm, parse_query, substring_match
from sadari_core.search.ranking import CorpusStats, ScoringToken, bm25f, scoring_tokens

__all__ = [
    "CorpusStats",
    "InMemoryIndex",
    "Query",
    "QueryTerm",
    "ScoringToken",
    "SearchHit",
    "bm25f",
    "parse_query",
    "scoring_tokens",
    "substring_match",
]
