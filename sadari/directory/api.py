"""The directory's read API (django-ninja): organizations, people, programs, spaces, search.

Layering: the directory does not import ``sadari.api``. The API layer builds this router with
``build_router(paginate=...)``, passing its cursor-pagination decorator, and mounts it.
Access rules are the selectors' (404 for missing and forbidden alike); private fields are
filtered by the schemas (see ``sadari.directory.schemas``).
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router

from sadari.common.audit import audit_record
from sadari.directory import search as search_engine
from sadari.directory.enums import SearchKind
from sadari.directory.models import Organization, Person, Program, Space
from sadari.directory.rules import can_view_private_organization_fields
from sadari.directory.schemas import (
    OrganizationOut,
    OrganizationQuery,
    OrganizationSummary,
    PersonOut,
    PersonQuery,
    PersonSummary,
    ProgramOut,
    ProgramQuery,
    SearchOut,
    SearchQuery,
    SpaceOut,
    SpaceQuery,
    SuggestOut,
    SuggestQuery,
    caller,
)
from sadari.directory.selectors import (
    OrgFilters,
    access_organization,
    access_person,
    organization_list_for,
    person_list_for,
    program_list_for,
    space_list_for,
)

Paginate = Callable[[Callable[..., Any]], Callable[..., Any]]

SUGGEST_LIMIT = 8
_PAGE_URL_NAMES = {
    SearchKind.ORGANIZATION: "directory:organization-detail",
    SearchKind.PERSON: "directory:person-detail",
    SearchKind.PROGRAM: "directory:program-detail",
}
_API_URL_NAMES = {
    SearchKind.ORGANIZATION: "organization-detail",
    SearchKind.PERSON: "person-detail",
    SearchKind.PROGRAM: "program-detail",
}


def _user(request: HttpRequest) -> Any:
    return caller({"request": request})


# --- organizations -------------------------------------------------------------------------


def list_organizations(
    request: HttpRequest, filters: Query[OrganizationQuery]
) -> QuerySet[Organization]:
    """Organizations (public fields), filtered like the directory pages. `q` is full-text
    search (Korean or English). Private fields are on the detail endpoint only."""
    org_filters = OrgFilters(
        kind=filters.kind or "",
        district=filters.district or "",
        industry=filters.industry or "",
        stage=filters.stage or "",
        host=filters.host,
        q=filters.q or "",
    )
    return organization_list_for(user=_user(request), filters=org_filters)


def get_organization(request: HttpRequest, id: int) -> Organization:
    """One organization. Private fields for its members, institution staff and city operators
    (each such read is audited, as on the profile page)."""
    user = _user(request)
    org = access_organization(user=user, organization_id=id)
    if user.is_authenticated and can_view_private_organization_fields(user, org):
        audit_record(actor=user, action="organization.view_private", target=org)
    return org


# --- people, programs, spaces --------------------------------------------------------------


def list_people(request: HttpRequest, filters: Query[PersonQuery]) -> QuerySet[Person]:
    """Publicly listed people (staff and operators also see unlisted ones); public fields."""
    qs = person_list_for(user=_user(request))
    if filters.organization:
        qs = qs.filter(organization_id=filters.organization)
    return qs


def get_person(request: HttpRequest, id: int) -> Person:
    """One person (404 if unlisted and the caller is not staff). E-mail and phone only for
    the person, their colleagues, institution staff and city operators."""
    return access_person(user=_user(request), person_id=id)


def list_programs(request: HttpRequest, filters: Query[ProgramQuery]) -> QuerySet[Program]:
    """Support programs (지원사업)."""
    qs = program_list_for(user=_user(request))
    if filters.host:
        qs = qs.filter(host_id=filters.host)
    if filters.industry:
        qs = qs.filter(industry=filters.industry)
    return qs


def get_program(request: HttpRequest, id: int) -> Program:
    """One support program."""
    return _get_or_404(program_list_for(user=_user(request)), id)


def list_spaces(request: HttpRequest, filters: Query[SpaceQuery]) -> QuerySet[Space]:
    """Bookable spaces of institutions: meeting rooms, desks, labs, studios, halls."""
    qs = space_list_for(user=_user(request))
    if filters.host:
        qs = qs.filter(host_id=filters.host)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.district:
        qs = qs.filter(district=filters.district)
    return qs


def get_space(request: HttpRequest, id: int) -> Space:
    """One space."""
    return _get_or_404(space_list_for(user=_user(request)), id)


def _get_or_404(queryset: QuerySet, pk: int) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- search --------------------------------------------------------------------------------


def search(request: HttpRequest, params: Query[SearchQuery]) -> dict[str, Any]:
    """Full-text search over organizations, people and programs, best first. Korean is
    analysed morphologically (2-syllable words like 드론 match inside compounds). All words
    must match; if none do, any word matches and `relaxed` is true."""
    result = search_engine.search(
        params.q or "",
        kinds=[params.kind] if params.kind else None,
        limit=params.limit,
        offset=params.offset,
    )
    counts = {kind: result.counts.get(kind, 0) for kind in SearchKind.values}
    return {
        "query": params.q or "",
        "total": result.total,
        "counts": counts,
        "relaxed": result.relaxed,
        "capped": result.capped,
        "items": _hits(request, result.hits),
    }


def suggest(request: HttpRequest, params: Query[SuggestQuery]) -> dict[str, Any]:
    """Autocomplete: up to 8 names matching what has been typed (the last word as a prefix)."""
    result = search_engine.search(params.q, limit=SUGGEST_LIMIT, prefix_last=True, names_only=True)
    items = [
        {k: hit[k] for k in ("kind", "id", "title", "title_en", "url")}
        for hit in _hits(request, result.hits)
    ]
    return {"items": items}


def _hits(request: HttpRequest, hits: list[search_engine.Hit]) -> list[dict[str, Any]]:
    """Hits with both names and links, in order; one query per kind; stale hits dropped."""
    ids: dict[str, list[int]] = {}
    for hit in hits:
        ids.setdefault(hit.kind, []).append(hit.object_id)
    names: dict[tuple[str, int], tuple[str, str]] = {}
    sources = {
        SearchKind.ORGANIZATION: Organization.objects.values_list("pk", "name_ko", "name_en"),
        SearchKind.PERSON: Person.objects.filter(is_public=True).values_list(
            "pk", "name_ko", "name_en"
        ),
        SearchKind.PROGRAM: Program.objects.values_list("pk", "title_ko", "title_en"),
    }
    for kind, queryset in sources.items():
        if ids.get(kind):
            for pk, ko, en in queryset.filter(pk__in=ids[kind]).order_by():
                names[(kind, pk)] = (ko, en)
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    items = []
    for hit in hits:
        if (hit.kind, hit.object_id) not in names:
            continue
        ko, en = names[(hit.kind, hit.object_id)]
        api_name = _API_URL_NAMES[hit.kind]
        items.append(
            {
                "kind": hit.kind,
                "id": hit.object_id,
                "title": ko or hit.title,
                "title_en": en,
                "facet": hit.facet,
                "score": hit.score,
                "url": reverse(_PAGE_URL_NAMES[hit.kind], args=[hit.object_id]),
                "api_url": reverse(
                    f"{namespace}:{api_name}" if namespace else api_name, args=[hit.object_id]
                ),
            }
        )
    return items


# --- the router ----------------------------------------------------------------------------


def build_router(*, paginate: Paginate, error_schema: Any = None) -> Router:
    """The directory router. ``paginate`` turns a queryset-returning operation into a paginated
    one (the API layer's cursor pagination); ``error_schema``, if given, documents the error
    responses in the OpenAPI schema."""
    router = Router()

    def get(path: str, func: Callable[..., Any], schema: Any, name: str, tag: str) -> None:
        is_detail = "{id}" in path
        is_list = not is_detail and tag != "search"
        response: dict[int, Any] = {200: list[schema] if is_list else schema}
        if is_list:
            func = paginate(func)
        if error_schema is not None:
            codes = [401, 422, *([404] if is_detail else []), *([400] if is_list else [])]
            response |= dict.fromkeys(codes, error_schema)
        router.get(
            path,
            response=response,
            url_name=name,
            operation_id=name.replace("-", "_"),
            tags=[tag],
            # Private fields are left out of the JSON by leaving them unset.
            exclude_unset=schema in (OrganizationOut, PersonOut),
        )(func)

    orgs = "organizations"
    get("/organizations", list_organizations, OrganizationSummary, "organization-list", orgs)
    get("/organizations/{id}", get_organization, OrganizationOut, "organization-detail", orgs)
    get("/people", list_people, PersonSummary, "person-list", "people")
    get("/people/{id}", get_person, PersonOut, "person-detail", "people")
    get("/programs", list_programs, ProgramOut, "program-list", "programs")
    get("/programs/{id}", get_program, ProgramOut, "program-detail", "programs")
    get("/spaces", list_spaces, SpaceOut, "space-list", "spaces")
    get("/spaces/{id}", get_space, SpaceOut, "space-detail", "spaces")
    get("/search", search, SearchOut, "search", "search")
    get("/search/suggest", suggest, SuggestOut, "search-suggest", "search")
    return router
