"""Directory search: keeps SearchDocument rows and the engine's full-text index in step, and
runs queries through sadari_core's query compiler.

SQLite: FTS5 tables over the pre-tokenized columns (``directory_search_fts`` for everything,
``directory_search_names_fts`` for names and aliases; rowid = SearchDocument.id), with candidates
scored by sadari_core's BM25F. PostgreSQL: stored generated ``tsv`` and ``name_tsv`` columns with
GIN indexes, scored by ts_rank. Both rank name matches first and bound the work per query.
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from sadari.common.db import insert_rows
from sadari.directory.enums import Industry, OrgCategory, OrgKind, SearchKind
from sadari.directory.models import (
    Organization,
    PendingIndex,
    Person,
    Program,
    SearchDocument,
)
from sadari_core.search import CorpusStats, Query, bm25f, parse_query, scoring_tokens
from sadari_core.text.company import strip_legal_form
from sadari_core.text.korean import Analyzer, bigram_analyzer, kiwi_analyzer

FTS_TABLE = "directory_search_fts"
NAMES_FTS_TABLE = "directory_search_names_fts"
# ts_rank weights on PostgreSQL (D, C, B, A); SQLite scores with sadari_core's BM25F weights.
PG_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"


@cache
def analyzer() -> Analyzer:
    if settings.SADARI_TOKENIZER == "bigram":
        return bigram_analyzer()
    return kiwi_analyzer()


# --- documents -----------------------------------------------------------------------------


# The organization fields the search document is made of: a change elsewhere needs no re-index.
ORGANIZATION_INDEXED_FIELDS = frozenset(
    {
        "name_ko", "name_en", "aliases", "description_ko", "description_en", "district", "city",
        "kind", "industry", "category",
    }
)  # fmt: skip


def organization_fields(org: Organization) -> dict[str, list[str]]:
    """The texts an organization is indexed on, per field (also the brute-force reference's)."""
    return {
        "name": [strip_legal_form(org.name_ko), strip_legal_form(org.name_en)],
        "aliases": [org.name_ko, org.name_en, *org.aliases],
        "body": [
            org.description_ko,
            org.description_en,
            org.district,
            org.city,
            _labels_both(org),
        ],
    }


def _org_document(org: Organization) -> SearchDocument:
    a = analyzer()
    fields = organization_fields(org)
    return SearchDocument(
        kind=SearchKind.ORGANIZATION,
        object_id=org.pk,
        facet=org.kind,
        title=org.name_ko,
        name_tokens=a.index_texts(fields["name"]),
        alias_tokens=a.index_texts(fields["aliases"]),
        body_tokens=a.index_texts(fields["body"]),
        is_public=True,
    )


def _labels_both(org: Organization) -> str:
    """Kind and industry labels in both languages, so "AI 스타트업" and "drone startup" both work."""
    return _labels_for(org.kind, org.industry, org.category)


@cache
def _labels_for(kind: str, industry: str, category: str) -> str:
    labels = []
    for lang in ("ko", "en"):
        with translation.override(lang):
            labels.append(str(OrgKind(kind).label) if kind in OrgKind.values else "")
            if industry in Industry.values:
                labels.append(str(Industry(industry).label))
            if category and category in OrgCategory.values:
                labels.append(str(OrgCategory(category).label))
    return " ".join(x for x in labels if x)


def _person_document(person: Person) -> SearchDocument:
    a = analyzer()
    return SearchDocument(
        kind=SearchKind.PERSON,
        object_id=person.pk,
        facet=person.organization.kind if person.organization_id else "",
        title=person.name_ko,
        name_tokens=a.index_texts([person.name_ko, person.name_en]),
        alias_tokens=a.index_texts([person.title, *(person.expertise or [])]),
        body_tokens=a.index_texts(
            [
                person.bio_ko,
                person.bio_en,
                person.organization.name_ko if person.organization_id else "",
            ]
        ),
        is_public=person.is_public,
    )


def _program_document(program: Program) -> SearchDocument:
    a = analyzer()
    return SearchDocument(
        kind=SearchKind.PROGRAM,
        object_id=program.pk,
        facet=program.host.kind if program.host_id else "",
        title=program.title_ko,
        name_tokens=a.index_texts([program.title_ko, program.title_en]),
        alias_tokens=a.index_texts([program.host.name_ko, program.host.name_en]),
        body_tokens=a.index_texts(
            [program.summary_ko, program.summary_en, program.benefit_ko, program.eligibility_ko]
        ),
        is_public=True,
    )


_BUILDERS = {
    Organization: _org_document,
    Person: _person_document,
    Program: _program_document,
}


def index_objects(objects: Iterable[Organization | Person | Program]) -> int:
    """(Re)indexes objects: upserts their SearchDocument and full-text rows. Idempotent.

    Runs in the caller's transaction (atomic on its own when there is none).
    """
    docs = [_BUILDERS[type(obj)](obj) for obj in objects]
    if not docs:
        return 0
    with transaction.atomic():
        by_kind: dict[str, list[int]] = {}
        for d in docs:
            by_kind.setdefault(d.kind, []).append(d.object_id)
        for kind, ids in by_kind.items():
            stale = list(
                SearchDocument.objects.filter(kind=kind, object_id__in=ids).values_list(
                    "id", flat=True
                )
            )
            _fts_delete(stale)
            SearchDocument.objects.filter(id__in=stale).delete()
        created = SearchDocument.objects.bulk_create(docs, batch_size=2000)
        if connection.vendor == "sqlite" and created and created[0].pk is None:
            created = list(
                SearchDocument.objects.filter(
                    kind__in=list(by_kind), object_id__in=[d.object_id for d in docs]
                )
            )
        _fts_insert(created)
    return len(docs)


def unindex(kind: str, object_ids: Iterable[int]) -> None:
    with transaction.atomic():
        ids = list(
            SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).values_list(
                "id", flat=True
            )
        )
        _fts_delete(ids)
        SearchDocument.objects.filter(id__in=ids).delete()


# --- deferred indexing ------------------------------------------------------------------------

# Tokenizing is the costly part of a write (Kiwi: ~1 ms per organization), so bulk writers
# (federation ingest) queue the entities instead and a task rebuilds their documents after commit.
_QUERYSETS: dict[str, Callable[[], object]] = {
    SearchKind.ORGANIZATION: lambda: Organization.objects.all(),
    SearchKind.PERSON: lambda: Person.objects.select_related("organization"),
    SearchKind.PROGRAM: lambda: Program.objects.select_related("host"),
}
PENDING_BATCH = 500


def index_later(kind: str, object_ids: Iterable[int]) -> None:
    """Queues entities for re-indexing in the caller's transaction; after it commits the
    indexing task (``directory.tasks.task_index_pending``) rebuilds their documents — inline with
    the default immediate task backend, on a worker when one is configured."""
    rows = [PendingIndex(kind=kind, object_id=pk) for pk in object_ids]
    if not rows:
        return
    insert_rows(rows)
    if not any(func is _drain_after_commit for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_drain_after_commit, robust=True)


def _drain_after_commit() -> None:
    from sadari.directory.tasks import task_index_pending  # tasks sit above this module

    task_index_pending.enqueue()


def index_pending(*, limit: int | None = None) -> int:
    """Rebuilds the documents of queued entities, oldest first, in batches; each batch commits
    with the removal of its queue rows. Safe to run concurrently (indexing is idempotent).
    Returns how many entities were indexed."""
    total = 0
    while limit is None or total < limit:
        rows = list(
            PendingIndex.objects.order_by("id").values_list("id", "kind", "object_id")[
                :PENDING_BATCH
            ]
        )
        if not rows:
            break
        by_kind: dict[str, set[int]] = {}
        for _id, kind, object_id in rows:
            by_kind.setdefault(kind, set()).add(object_id)
        with transaction.atomic():
            for kind, ids in by_kind.items():
                objects = list(_QUERYSETS[kind]().filter(pk__in=ids))  # type: ignore[attr-defined]
                index_objects(objects)
                missing = ids - {obj.pk for obj in objects}
                if missing:
                    unindex(kind, missing)
                total += len(ids)
            PendingIndex.objects.filter(id__in=[row[0] for row in rows]).delete()
    return total


def _fts_insert(docs: list[SearchDocument]) -> None:
    if connection.vendor != "sqlite" or not docs:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, name, aliases, body) VALUES (%s, %s, %s, %s)",  # noqa: S608 - constant table name
            [(d.pk, d.name_tokens, d.alias_tokens, d.body_tokens) for d in docs],
        )
        cursor.executemany(
            f"INSERT INTO {NAMES_FTS_TABLE}(rowid, name, aliases) VALUES (%s, %s, %s)",  # noqa: S608
            [(d.pk, d.name_tokens, d.alias_tokens) for d in docs],
        )


def _fts_delete(ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not ids:
        return
    with connection.cursor() as cursor:
        for table in (FTS_TABLE, NAMES_FTS_TABLE):
            cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(i,) for i in ids])  # noqa: S608


def rebuild_index(*, batch_size: int = 2000) -> int:
    """Drops and rebuilds every search document (``sadari reindex``)."""
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
                cursor.execute(f"DELETE FROM {NAMES_FTS_TABLE}")  # noqa: S608
        SearchDocument.objects.all().delete()
    clear_stats_cache()
    total = 0
    querysets = [
        Organization.objects.order_by("pk"),
        Person.objects.select_related("organization").order_by("pk"),
        Program.objects.select_related("host").order_by("pk"),
    ]
    for qs in querysets:
        batch = []
        for obj in qs.iterator(chunk_size=batch_size):
            batch.append(obj)
            if len(batch) >= batch_size:
                total += index_objects(batch)
                batch = []
        total += index_objects(batch)
    return total


# --- queries -------------------------------------------------------------------------------

# Work per query is bounded so that latency does not grow with the number of matches:
# counts stop at COUNT_CAP (pages then say "1,000+", as deep as the ranking reaches), and each
# ranking tier (name/alias matches first, then body-only matches) ranks by BM25 within its first
# RANK_WINDOW candidates in index order. Queries with fewer matches are ranked exactly.
COUNT_CAP = 1_000
RANK_WINDOW = 1_000


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    object_id: int
    title: str
    facet: str
    score: float
    doc_id: int = 0  # the SearchDocument row (internal)


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[Hit]
    total: int  # matches of the requested kinds; a lower bound when ``capped``
    counts: dict[str, int]  # per SearchKind, over all kinds; lower bounds when ``capped``
    relaxed: bool  # the literal query found nothing; these are split or any-word results
    capped: bool = False  # more than COUNT_CAP matches: counts stopped there

    @property
    def reachable(self) -> int:
        """How many results pages can show (the ranking windows bound deep paging)."""
        return min(self.total, COUNT_CAP)


def search(
    text: str,
    *,
    kinds: Iterable[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    include_private: bool = False,
    prefix_last: bool = False,
    names_only: bool = False,
) -> SearchResult:
    """Searches the directory; all query words must match (then split compounds, then any word).

    Not transactional (read only). Never raises on user input: an empty or unparseable query
    gives an empty result.
    """
    query = parse_query(text, prefix_last=prefix_last)
    if query.is_empty:
        return SearchResult([], 0, {}, relaxed=False)
    backend = _backend()
    plan = _Plan(list(kinds or []), include_private, names_only)
    result = _run(backend, query, "and", plan, limit, offset)
    if result.total == 0:
        split = _split_compounds(text, query)
        if split is not None:
            # "드론배송" typed without its space: the morphemes (드론, 배송) must all match.
            result = _run(backend, split, "and", plan, limit, offset)
            if result.total:
                return _relaxed(result)
    if result.total == 0 and len(query.terms) > 1:
        return _relaxed(_run(backend, query, "or", plan, limit, offset))
    return result


def search_ids(
    text: str, *, kinds: Iterable[str] | None = None, include_private: bool = False
) -> set[int]:
    """Every matching object id (unranked, unbounded), for exports and the benchmark's recall."""
    query = parse_query(text)
    if query.is_empty:
        return set()
    backend = _backend()
    everything, _names = backend.expressions(query, "and")
    return backend.all_ids(everything, _Plan(list(kinds or []), include_private, names_only=False))


def _relaxed(result: SearchResult) -> SearchResult:
    return SearchResult(
        result.hits, result.total, result.counts, relaxed=True, capped=result.capped
    )


def _split_compounds(text: str, query: Query) -> Query | None:
    """The query with long Hangul words split into morphemes, or None when nothing splits."""
    morphemes = analyzer().morpheme_analyzer
    if morphemes is None or not any(t.script == "hangul" and len(t.text) >= 4 for t in query.terms):
        return None
    words = [m for m in morphemes.morphemes(text) if len(m) >= 2]
    latin = [t.text for t in query.terms if t.script == "latin"]
    split = parse_query(" ".join([*words, *latin]))
    if split.is_empty or split == query:
        return None
    return split


@dataclass(frozen=True, slots=True)
class _Plan:
    kinds: list[str]
    include_private: bool
    names_only: bool


@dataclass(frozen=True, slots=True)
class _Expr:
    """A match condition: the engine's FROM clause (documents aliased ``d``), the WHERE
    condition with its parameters, and the score expression with its parameters."""

    source: str
    sql: str
    params: tuple
    score_sql: str
    score_params: tuple = ()
    query: Query | None = None


def _backend() -> "type[_Engine]":
    if connection.vendor == "sqlite":
        return _Sqlite
    if connection.vendor == "postgresql":
        return _Postgres
    raise NotImplementedError(connection.vendor)


def _run(
    backend: "type[_Engine]", query: Query, mode: str, plan: _Plan, limit: int, offset: int
) -> SearchResult:
    everything, in_names = backend.expressions(query, mode)
    window: Callable[[], list[Hit]] | None = None
    if plan.kinds or plan.names_only:
        counts, capped = backend.counts(in_names if plan.names_only else everything, plan)
    else:
        # The common case (all kinds): one pass over the first matches gives both the counts
        # and the body tier's ranking window.
        counts, capped, window = backend.scan(everything, plan)
    total = sum(v for k, v in counts.items() if not plan.kinds or k in plan.kinds)
    if capped and not plan.kinds:
        total = COUNT_CAP
    hits: list[Hit] = []
    if total and offset < COUNT_CAP:
        want = offset + limit
        name_hits = backend.ranked(in_names, plan, limit=want, offset=0)
        hits = name_hits[offset:want]
        if len(name_hits) < want and not plan.names_only:
            # Every name match is known (fewer than wanted), so the body tier excludes them by id.
            n_names = len(name_hits)
            seen = [h.doc_id for h in name_hits]
            body_limit, body_offset = want - max(offset, n_names), max(0, offset - n_names)
            if window is None:
                hits += backend.ranked(
                    everything, plan, limit=body_limit, offset=body_offset, exclude=seen
                )
            else:
                seen_ids = set(seen)
                rest = [h for h in window() if h.doc_id not in seen_ids]
                hits += rest[body_offset : body_offset + body_limit]
    return SearchResult(hits, total, counts, relaxed=False, capped=capped)


class _Engine:
    """The SQL both engines share; subclasses build the expressions."""

    @staticmethod
    def expressions(query: Query, mode: str) -> tuple[_Expr, _Expr]:
        raise NotImplementedError

    @classmethod
    def _filters(cls, plan: _Plan, *, exclude: list[int] | None = None) -> tuple[str, list]:
        """SQL conditions (and parameters) for visibility, kinds and excluded documents."""
        sql, params = "", []
        if not plan.include_private:
            sql += " AND d.is_public"
        if plan.kinds:
            sql += " AND d.kind IN (" + ",".join(["%s"] * len(plan.kinds)) + ")"
            params += plan.kinds
        if exclude:
            sql += " AND d.id NOT IN (" + ",".join(["%s"] * len(exclude)) + ")"
            params += exclude
        return sql, params

    @classmethod
    def counts(cls, expr: _Expr, plan: _Plan) -> tuple[dict[str, int], bool]:
        """Per-kind counts over the first COUNT_CAP + 1 matches (all kinds)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.kind, d.is_public FROM {expr.source} WHERE {expr.sql} LIMIT %s",  # noqa: S608
                [*expr.params, COUNT_CAP + 1],
            )
            rows = cursor.fetchall()
        counts: dict[str, int] = {}
        for kind, is_public in rows[:COUNT_CAP]:
            if is_public or plan.include_private:
                counts[kind] = counts.get(kind, 0) + 1
        return counts, len(rows) > COUNT_CAP

    @classmethod
    def scan(cls, expr: _Expr, plan: _Plan) -> tuple[dict[str, int], bool, Callable[[], list[Hit]]]:
        """Per-kind counts over the first COUNT_CAP + 1 matches (all kinds), and a function that
        ranks the visible matches among the first RANK_WINDOW (called only when the body tier
        is needed), from one pass over the index."""
        n = max(COUNT_CAP, RANK_WINDOW) + 1
        rows = cls._scan_rows(expr, n)
        counts: dict[str, int] = {}
        for row in rows[:COUNT_CAP]:
            if row[2] or plan.include_private:
                counts[row[1]] = counts.get(row[1], 0) + 1
        visible = [row for row in rows[:RANK_WINDOW] if row[2] or plan.include_private]

        def window() -> list[Hit]:
            hits = cls._score_rows(expr, visible)
            hits.sort(key=lambda h: (-h.score, h.doc_id))
            return hits

        return counts, len(rows) > COUNT_CAP, window

    @classmethod
    def _scan_rows(cls, expr: _Expr, n: int) -> list[tuple]:
        """The first ``n`` matches: (id, kind, is_public, object_id, title, facet, score)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, d.kind, d.is_public, d.object_id, d.title, d.facet, "  # noqa: S608
                f"{expr.score_sql} FROM {expr.source} WHERE {expr.sql} LIMIT %s",
                [*expr.score_params, *expr.params, n],
            )
            return cursor.fetchall()

    @classmethod
    def _score_rows(cls, expr: _Expr, rows: list[tuple]) -> list[Hit]:
        return [Hit(k, oid, t, f, float(s), doc_id) for doc_id, k, _p, oid, t, f, s in rows]

    @classmethod
    def ranked(
        cls,
        expr: _Expr,
        plan: _Plan,
        *,
        limit: int,
        offset: int,
        exclude: list[int] | None = None,
    ) -> list[Hit]:
        """The best matches by score within the first RANK_WINDOW candidates in index order."""
        if limit <= 0:
            return []
        filters, params = cls._filters(plan, exclude=exclude)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT w.kind, w.object_id, w.title, w.facet, w.s, w.id FROM ("  # noqa: S608
                f"SELECT d.id, d.kind, d.object_id, d.title, d.facet, {expr.score_sql} AS s "
                f"FROM {expr.source} WHERE {expr.sql}{filters} LIMIT %s) w "
                f"ORDER BY w.s DESC, w.id ASC LIMIT %s OFFSET %s",
                [*expr.score_params, *expr.params, *params, RANK_WINDOW, limit, offset],
            )
            rows = cursor.fetchall()
        return [Hit(k, oid, t, facet, float(s), doc_id) for k, oid, t, facet, s, doc_id in rows]

    @classmethod
    def all_ids(cls, expr: _Expr, plan: _Plan) -> set[int]:
        filters, params = cls._filters(plan)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.object_id FROM {expr.source} WHERE {expr.sql}{filters}",  # noqa: S608
                [*expr.params, *params],
            )
            return {row[0] for row in cursor.fetchall()}


class _Sqlite(_Engine):
    """FTS5 finds candidates in rowid order (so LIMIT bounds the work); sadari_core's BM25F
    scores them. FTS5's own bm25() is not used: it walks the whole posting list of every query
    phrase to count documents (120 ms for a common word at 1M documents). Names have their own
    FTS5 table so that the name tier never walks the postings of every document."""

    # CROSS JOIN fixes the join order (SQLite's rule): the full-text match drives. Left to the
    # planner, a kind filter made it walk the kind index and probe FTS5 once per document
    # (4.7 s at 1M documents).
    @staticmethod
    def expressions(query: Query, mode: str) -> tuple[_Expr, _Expr]:
        everything = _Expr(
            source=f"{FTS_TABLE} f CROSS JOIN directory_searchdocument d ON d.id = f.rowid",
            sql=f"f.{FTS_TABLE} MATCH %s",
            params=(query.fts5(mode=mode),),
            score_sql="",
            query=query,
        )
        in_names = _Expr(
            source=f"{NAMES_FTS_TABLE} f CROSS JOIN directory_searchdocument d ON d.id = f.rowid",
            sql=f"f.{NAMES_FTS_TABLE} MATCH %s",
            params=(query.fts5(mode=mode),),
            score_sql="",
            query=query,
        )
        return everything, in_names

    @classmethod
    def ranked(
        cls, expr: _Expr, plan: _Plan, *, limit: int, offset: int, exclude: list[int] | None = None
    ) -> list[Hit]:
        if limit <= 0 or expr.query is None:
            return []
        filters, params = cls._filters(plan, exclude=exclude)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, d.kind, d.object_id, d.title, d.facet, d.name_tokens, "  # noqa: S608
                f"d.alias_tokens, d.body_tokens FROM {expr.source} WHERE {expr.sql}{filters} LIMIT %s",
                [*expr.params, *params, RANK_WINDOW],
            )
            rows = cursor.fetchall()
        hits = _bm25_hits(expr.query, [(r[0], r[1], r[2], r[3], r[4], r[5:]) for r in rows])
        return hits[offset : offset + limit]

    @classmethod
    def _scan_rows(cls, expr: _Expr, n: int) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, d.kind, d.is_public, d.object_id, d.title, d.facet "  # noqa: S608
                f"FROM {expr.source} WHERE {expr.sql} LIMIT %s",
                [*expr.params, n],
            )
            return cursor.fetchall()

    @classmethod
    def _score_rows(cls, expr: _Expr, rows: list[tuple]) -> list[Hit]:
        if expr.query is None or not rows:
            return []
        tokens: dict[int, tuple] = {}
        ids = [r[0] for r in rows]
        with connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                part = ids[i : i + 500]
                cursor.execute(
                    "SELECT id, name_tokens, alias_tokens, body_tokens "  # noqa: S608
                    f"FROM directory_searchdocument WHERE id IN ({','.join(['%s'] * len(part))})",
                    part,
                )
                tokens.update((row[0], row[1:]) for row in cursor.fetchall())
        return _bm25_hits(
            expr.query,
            [(r[0], r[1], r[3], r[4], r[5], tokens[r[0]]) for r in rows if r[0] in tokens],
        )


def _bm25_hits(query: Query, rows: list[tuple]) -> list[Hit]:
    """Scores (id, kind, object_id, title, facet, (names, aliases, body)) rows with
    sadari_core's BM25F, best first."""
    if not rows:
        return []
    tokens = scoring_tokens(query)
    stats = _sqlite_stats([t.text for t in tokens if not t.prefix])
    scored = []
    for doc_id, kind, object_id, title, facet, (names, aliases, body) in rows:
        fields = {"name": names.split(), "aliases": aliases.split(), "body": body.split()}
        scored.append(Hit(kind, object_id, title, facet, bm25f(tokens, fields, stats), doc_id))
    scored.sort(key=lambda h: (-h.score, h.doc_id))
    return scored


_STATS_TTL = 300.0  # seconds; corpus statistics move slowly
_DF_SAMPLE = 1_000
_stats_cache: dict[str, tuple[float, object]] = {}


def clear_stats_cache() -> None:
    """Forgets cached corpus statistics (tests; after a bulk rebuild)."""
    _stats_cache.clear()


def _cached(key: str, compute):
    now = time.monotonic()
    hit = _stats_cache.get(key)
    if hit is not None and now - hit[0] < _STATS_TTL:
        return hit[1]
    value = compute()
    if len(_stats_cache) > 20_000:
        _stats_cache.clear()
    _stats_cache[key] = (now, value)
    return value


def _sqlite_stats(texts: list[str]) -> CorpusStats:
    """Document count, average field lengths (from the first documents) and per-token document
    frequencies, each bounded in cost and cached per process for a few minutes."""

    def corpus() -> tuple[int, int, dict[str, float]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM directory_searchdocument")
            n_docs, max_id = cursor.fetchone()
            cursor.execute(
                "SELECT name_tokens, alias_tokens, body_tokens FROM directory_searchdocument "
                "ORDER BY id LIMIT 2000"
            )
            sample = cursor.fetchall()
        lengths = {"name": 0.0, "aliases": 0.0, "body": 0.0}
        for names, aliases, body in sample:
            lengths["name"] += len(names.split())
            lengths["aliases"] += len(aliases.split())
            lengths["body"] += len(body.split())
        averages = {f: (v / len(sample) if sample else 1.0) for f, v in lengths.items()}
        return n_docs, max_id, averages

    n_docs, max_id, averages = _cached("corpus", corpus)
    df = {t: _cached(f"df:{t}", lambda t=t: _sqlite_df(t, n_docs, max_id)) for t in texts}
    return CorpusStats(n_docs=max(n_docs, 1), avg_lengths=averages, df=df)


def _sqlite_df(token: str, n_docs: int, max_id: int) -> int:
    """Documents containing ``token``: exact below _DF_SAMPLE, else extrapolated from the rowid
    at which the _DF_SAMPLE-th match occurs (rowids are spread evenly enough for an IDF)."""
    match = '"' + token.replace('"', "") + '"'
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            f"ORDER BY rowid LIMIT 1 OFFSET %s",
            [match, _DF_SAMPLE - 1],
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [match],
            )
            return cursor.fetchone()[0]
    return min(n_docs, round(_DF_SAMPLE * max_id / max(1, row[0])))


class _Postgres(_Engine):
    """GIN indexes over the weighted tsvector and the names tsvector; ts_rank reads only the
    windowed rows."""

    @staticmethod
    def expressions(query: Query, mode: str) -> tuple[_Expr, _Expr]:
        tsq = query.tsquery(mode=mode)
        score = f"ts_rank('{PG_WEIGHTS}', d.tsv, %s::tsquery)"
        everything = _Expr(
            "directory_searchdocument d", "d.tsv @@ %s::tsquery", (tsq,), score, (tsq,)
        )
        in_names = _Expr(
            "directory_searchdocument d", "d.name_tsv @@ %s::tsquery", (tsq,), score, (tsq,)
        )
        return everything, in_names
