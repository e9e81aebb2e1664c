"""An in-memory BM25F index with the same matching semantics as the database backends.

Used by tests, small offline jobs and as the reference ranking; the web app uses SQLite FTS5 or
PostgreSQL full-text indexes built from the same Analyzer tokens.
"""

from collections import Counter
from dataclasses import dataclass, field

from sadari_core.search.query import Query, substring_match
from sadari_core.search.ranking import FIELD_WEIGHTS, CorpusStats, bm25f, scoring_tokens
from sadari_core.text.korean import Analyzer


@dataclass(frozen=True, slots=True)
class SearchHit:
    key: str
    score: float
    name_match: bool


@dataclass
class _Doc:
    fields: dict[str, str]
    tokens: dict[str, list[str]] = field(default_factory=dict)


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
        for field_name, text in doc.fields.items():
            doc.tokens[field_name] = self.analyzer.index_tokens(text)
        self.df.update({t for tokens in doc.tokens.values() for t in tokens})
        self.docs[key] = doc

    def remove(self, key: str) -> None:
        doc = self.docs.pop(key, None)
        if doc is not None:
            self.df.subtract({t for tokens in doc.tokens.values() for t in tokens})

    def stats(self) -> CorpusStats:
        n = len(self.docs)
        averages = {
            f: (sum(len(d.tokens[f]) for d in self.docs.values()) / n if n else 1.0)
            for f in FIELD_WEIGHTS
        }
        return CorpusStats(n_docs=n, avg_lengths=averages, df=self.df)

    def search(
        self, query: Query, *, mode: str = "and", limit: int | None = None
    ) -> list[SearchHit]:
        """Documents matching ``query`` (exact semantics of ``substring_match``), best first."""
        if query.is_empty:
            return []
        stats = self.stats()
        tokens = scoring_tokens(query)
        hits = []
        for key, doc in self.docs.items():
            if not substring_match(query, list(doc.fields.values()), mode=mode):
                continue
            score = bm25f(tokens, doc.tokens, stats)
            name_match = substring_match(query, [doc.fields["name"], doc.fields["aliases"]])
            hits.append(SearchHit(key, score, name_match))
        hits.sort(key=lambda h: (not h.name_match, -h.score, h.key))
        return hits[:limit] if limit is not None else hits
