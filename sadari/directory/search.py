"""Directory search: keeps SearchDocument rows and the engine's full-text index in step, and
runs queries through sadari_core's query compiler.

SQLite: an FTS5 table ``directory_search_fts`` (rowid = SearchDocument.id) over the pre-tokenized
columns, ranked by bm25() with name > aliases > body weights. PostgreSQL: a stored generated
``tsv`` column (weights A/B/C) with a GIN index, ranked by ts_rank. Both rank name matches first.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from sadari.directory.enums import Industry, OrgCategory, OrgKind, SearchKind
from sadari.directory.models import Organization, Person, Program, SearchDocument
from sadari_core.search import Query, parse_query
from sadari_core.text.company import strip_legal_form
from sadari_core.text.korean import Analyzer, bigram_analyzer, kiwi_analyzer

FTS_TABLE = "directory_search_fts"
# bm25() column weights (name, aliases, body) and the PostgreSQL weights (D, C, B, A).
BM25_WEIGHTS = (10.0, 5.0, 1.0)
PG_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"


@cache
def analyzer() -> Analyzer:
    if settings.SADARI_TOKENIZER == "bigram":
        return bigram_analyzer()
    return kiwi_analyzer()


# --- documents -----------------------------------------------------------------------------


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


def _fts_insert(docs: list[SearchDocument]) -> None:
    if connection.vendor != "sqlite" or not docs:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, name, aliases, body) VALUES (%s, %s, %s, %s)",  # noqa: S608 - constant table name
            [(d.pk, d.name_tokens, d.alias_tokens, d.body_tokens) for d in docs],
        )


def _fts_delete(ids: list[int]) -> None:
    if connection.vendor != "sqlite" or not ids:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(i,) for i in ids])  # noqa: S608


def rebuild_index(*, batch_size: int = 2000) -> int:
    """Drops and rebuilds every search document (``sadari reindex``)."""
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        SearchDocument.objects.all().delete()
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


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    object_id: int
    title: str
    facet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[Hit]
    total: int
    counts: dict[str, int]  # per SearchKind
    relaxed: bool  # AND found nothing; these are OR results


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
    """Searches the directory; all query words must match, else falls back to any word.

    Not transactional (read only). Never raises on user input: an empty or unparseable query
    gives an empty result.
    """
    query = parse_query(text, prefix_last=prefix_last)
    if query.is_empty:
        return SearchResult([], 0, {}, relaxed=False)
    kinds = list(kinds or [])
    result = _run(query, "and", kinds, limit, offset, include_private, names_only)
    split = _split_compounds(text, query)
    if result.total == 0 and split is not None:
        # "드론배송" typed without its space: the morphemes (드론, 배송) must all match instead.
        result = _run(split, "and", kinds, limit, offset, include_private, names_only)
        if result.total:
            return SearchResult(result.hits, result.total, result.counts, relaxed=True)
    if result.total == 0 and len(query.terms) > 1:
        result = _run(query, "or", kinds, limit, offset, include_private, names_only)
        return SearchResult(result.hits, result.total, result.counts, relaxed=True)
    return result


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


def _run(
    query: Query,
    mode: str,
    kinds: list[str],
    limit: int,
    offset: int,
    include_private: bool,
    names_only: bool,
) -> SearchResult:
    if connection.vendor == "sqlite":
        return _run_sqlite(query, mode, kinds, limit, offset, include_private, names_only)
    if connection.vendor == "postgresql":
        return _run_postgres(query, mode, kinds, limit, offset, include_private, names_only)
    raise NotImplementedError(connection.vendor)


def _run_sqlite(query, mode, kinds, limit, offset, include_private, names_only) -> SearchResult:
    match = query.fts5(mode=mode, column="name aliases" if names_only else None)
    where = [f"f.{FTS_TABLE} MATCH %s"]
    params: list = [match]
    if not include_private:
        where.append("d.is_public")
    base = (
        f"FROM {FTS_TABLE} f JOIN directory_searchdocument d ON d.id = f.rowid "
        f"WHERE {' AND '.join(where)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.kind, COUNT(*) {base} GROUP BY d.kind", params)
        counts = dict(cursor.fetchall())
        kind_sql = ""
        kind_params: list = []
        if kinds:
            kind_sql = " AND d.kind IN (" + ",".join(["%s"] * len(kinds)) + ")"
            kind_params = list(kinds)
        name_match = query.fts5(mode="and", column="name aliases")
        # A second MATCH on the same table is not allowed in one query; score name hits by a
        # sub-select over rowids that match the name-only expression.
        w1, w2, w3 = BM25_WEIGHTS
        cursor.execute(
            f"SELECT d.kind, d.object_id, d.title, d.facet, bm25({FTS_TABLE}, {w1}, {w2}, {w3}) AS s, "  # noqa: S608
            f"d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS n "
            f"{base}{kind_sql} ORDER BY n DESC, s ASC, d.id ASC LIMIT %s OFFSET %s",
            [name_match, *params, *kind_params, limit, offset],
        )
        rows = cursor.fetchall()
    hits = [Hit(k, oid, title, facet, -float(s)) for k, oid, title, facet, s, _n in rows]
    total = sum(v for k, v in counts.items() if not kinds or k in kinds)
    return SearchResult(hits, total, counts, relaxed=False)


def _run_postgres(query, mode, kinds, limit, offset, include_private, names_only) -> SearchResult:
    tsq = query.tsquery(mode=mode)
    vector = "d.name_tsv" if names_only else "d.tsv"
    where = [f"{vector} @@ %s::tsquery"]
    params: list = [tsq]
    if not include_private:
        where.append("d.is_public")
    base = f"FROM directory_searchdocument d WHERE {' AND '.join(where)}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.kind, COUNT(*) {base} GROUP BY d.kind", params)
        counts = dict(cursor.fetchall())
        kind_sql = ""
        kind_params: list = []
        if kinds:
            kind_sql = " AND d.kind = ANY(%s)"
            kind_params = [list(kinds)]
        cursor.execute(
            f"SELECT d.kind, d.object_id, d.title, d.facet, "
            f"ts_rank('{PG_WEIGHTS}', d.tsv, %s::tsquery) AS s, d.name_tsv @@ %s::tsquery AS n "
            f"{base}{kind_sql} ORDER BY n DESC, s DESC, d.id ASC LIMIT %s OFFSET %s",
            [tsq, query.tsquery(mode="and"), *params, *kind_params, limit, offset],
        )
        rows = cursor.fetchall()
    hits = [Hit(k, oid, title, facet, float(s)) for k, oid, title, facet, s, _n in rows]
    total = sum(v for k, v in counts.items() if not kinds or k in kinds)
    return SearchResult(hits, total, counts, relaxed=False)
