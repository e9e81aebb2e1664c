"""An in-memory BM25F index with the same matching semantics as the database backends.

Used by tests, small offline jobs and as the reference ranking; the web app uses SQLite FTS5 or
PostgreSQL full-text indexes built from the same Analyzer tokens.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from sadari_core.search.query import Query, substring_match
from sadari_core.text.korean import Analyzer

FIELD_WEIGHTS = {"name": 8.0, "aliases": 4.0, "body": 1.0}
K1 = 1.2
B = 0.75


@dataclass(frozen=True, slots=True)
class SearchHit:
    key: str
    score: float
    name_match: bool


@dataclass
class _Doc:
    fields: dict[str, str]
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)


class InMemoryIndex:
    """BM25F over fields ``name``, ``aliases``, ``body``; name matches rank first.

    >>> idx = InMemoryIndex(Analyzer())
    >>> idx.add("1", name="하늘드론", body="드론 배송")
    >>> [h.key for h in idx.search(parse_query("드론"))]
    ['1']
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.docs: dict[str, _Doc] = {}
        self.df: Counter[str] = Counter()

    def add(self, key: str, *, name: str, aliases: str = "", body: str = "") -> None:
        if key in self.docs:
            self.remove(key)
        doc = _Doc({"name": name, "aliases": aliases, "body": body})
        seen: set[str] = set()
        for field_name, text in doc.fields.items():
            tokens = self.analyzer.index_tokens(text)
            doc.counts[field_name] = Counter(tokens)
            doc.lengths[field_name] = len(tokens)
            seen.update(tokens)
        self.df.update(seen)
        self.docs[key] = doc

    def remove(self, key: str) -> None:
        doc = self.docs.pop(key, None)
        if doc is None:
            return
        seen: set[str] = set()
        for counts in doc.counts.values():
            seen.update(counts)
        self.df.subtract(seen)

    def _avg_length(self, field_name: str) -> float:
        if not self.docs:
            return 1.0
        return max(1.0, sum(d.lengths[field_name] for d in self.docs.values()) / len(self.docs))

    def search(
        self, query: Query, *, mode: str = "and", limit: int | None = None
    ) -> list[SearchHit]:
        """Documents matching ``query`` (exact semantics of ``substring_match``), best first."""
        if query.is_empty:
            return []
        n = len(self.docs)
        averages = {f: self._avg_length(f) for f in FIELD_WEIGHTS}
        hits = []
        for key, doc in self.docs.items():
            texts = list(doc.fields.values())
            if not substring_match(query, texts, mode=mode):
                continue
            score = 0.0
            for term in query.terms:
                for token in term.tokens:
                    tf = 0.0
                    for f, weight in FIELD_WEIGHTS.items():
                        norm = 1 - B + B * doc.lengths[f] / averages[f]
                        tf += weight * doc.counts[f].get(token, 0) / norm
                    df = self.df.get(token, 0)
                    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                    score += idf * tf / (K1 + tf)
            name_match = substring_match(query, [doc.fields["name"], doc.fields["aliases"]])
            hits.append(SearchHit(key, score, name_match))
        hits.sort(key=lambda h: (not h.name_match, -h.score, h.key))
        return hits[:limit] if limit is not None else hits
