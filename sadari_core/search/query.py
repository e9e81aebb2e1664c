"""Query parsing and compilation to SQLite FTS5 and PostgreSQL tsquery syntax.

Matching semantics (the same for every backend and for the brute-force reference):
- a Hangul query word of two or more letters matches a field when it is a substring of one of
  the field's Hangul runs (compiled to a phrase of its bigrams);
- a one-letter Hangul word matches any Hangul run containing that letter;
- a Latin/digit word matches an equal word (or, in prefix mode, a word starting with it);
- all query words must match (AND). A caller may relax to OR when AND finds nothing.
"""

from dataclasses import dataclass

from sadari_core.text.korean import SEPARATOR, hangul_bigrams
from sadari_core.text.normalize import script_runs

MAX_QUERY_TERMS = 12


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One query word: its script, text and the index tokens that must appear in a row."""

    script: str  # "hangul" | "latin"
    text: str
    prefix: bool = False

    @property
    def tokens(self) -> tuple[str, ...]:
        if self.script == "hangul" and len(self.text) >= 2:
            return tuple(hangul_bigrams(self.text))
        return (self.text,)

    @property
    def has_morpheme_boost(self) -> bool:
        """Hangul words of 3+ letters also match as a whole morpheme (ranked higher)."""
        return self.script == "hangul" and len(self.text) >= 3

    @property
    def is_prefix_token(self) -> bool:
        """One-letter Hangul words and prefix-mode Latin words are prefix queries on tokens."""
        return self.prefix or (self.script == "hangul" and len(self.text) == 1)


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[QueryTerm, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def fts5(self, *, mode: str = "and", column: str | None = None) -> str:
        """An FTS5 MATCH expression, e.g. ``"스타 타트 트업" AND "ai"``."""
        parts = []
        for term in self.terms:
            phrase = '"' + " ".join(term.tokens) + '"'
            if term.is_prefix_token:
                phrase += "*"
            if term.has_morpheme_boost:
                # The whole word as a morpheme token: adds to BM25, never widens the match much.
                phrase = f'({phrase} OR "{term.text}")'
            parts.append(phrase)
        joiner = " AND " if mode == "and" else " OR "
        expr = joiner.join(parts)
        if column:
            expr = f"{{{column}}} : ({expr})"
        return expr

    def tsquery(self, *, mode: str = "and") -> str:
        """A PostgreSQL tsquery, e.g. ``('스타' <-> '타트' <-> '트업') & 'ai'``."""
        parts = []
        for term in self.terms:
            lexemes = []
            for token in term.tokens:
                lexeme = "'" + token.replace("'", "''") + "'"
                if term.is_prefix_token:
                    lexeme += ":*"
                lexemes.append(lexeme)
            part = "(" + " <-> ".join(lexemes) + ")"
            if term.has_morpheme_boost:
                part = "(" + part + " | '" + term.text.replace("'", "''") + "')"
            parts.append(part)
        return (" & " if mode == "and" else " | ").join(parts)


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """Splits a user query into terms by script.

    Args:
        text: what the user typed, e.g. ``"AI 스타트업"`` or ``"(주)카카오"``.
        prefix_last: treat the last Latin word as a prefix (autocomplete while typing).

    Returns:
        A Query with at most ``MAX_QUERY_TERMS`` terms, duplicates removed, in typed order.
    """
    seen: set[tuple[str, str]] = set()
    terms: list[QueryTerm] = []
    for script, run in script_runs(text):
        if (script, run) in seen or run == SEPARATOR:
            continue
        seen.add((script, run))
        terms.append(QueryTerm(script, run))
    terms = terms[:MAX_QUERY_TERMS]
    if prefix_last and terms and terms[-1].script == "latin":
        last = terms[-1]
        terms[-1] = QueryTerm(last.script, last.text, prefix=True)
    return Query(tuple(terms))


def term_matches(term: QueryTerm, text: str) -> bool:
    """Brute-force reference: does ``term`` match ``text`` under the semantics above?"""
    runs = script_runs(text)
    if term.script == "hangul":
        return any(s == "hangul" and term.text in run for s, run in runs)
    if term.prefix:
        return any(s == "latin" and run.startswith(term.text) for s, run in runs)
    return any(s == "latin" and run == term.text for s, run in runs)


def substring_match(query: Query, texts: list[str], *, mode: str = "and") -> bool:
    """Brute-force reference over several fields: every (or any) term matches some field."""
    results = (any(term_matches(t, x) for x in texts) for t in query.terms)
    return all(results) if mode == "and" else any(results)
