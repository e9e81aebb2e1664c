"""Search: query parsing, query compilation for database indexes, an in-memory BM25 index."""

from sadari_core.search.index import InMemoryIndex, SearchHit
from sadari_core.search.query import Query, QueryTerm, parse_query, substring_match

__all__ = ["InMemoryIndex", "Query", "QueryTerm", "SearchHit", "parse_query", "substring_match"]
