"""Directory reads: list selectors with facets, and access functions (404 for missing and
forbidden alike)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sadari.directory.enums import Industry, OrgKind, SpaceKind, Stage
from sadari.directory.models import Organization, Person, Program, Space
from sadari.directory.rules import (
    can_edit_organization,
    can_view_private_organization_fields,
    can_view_private_person_fields,
)

ORG_FACETS = ("kind", "district", "industry", "stage", "host")


@dataclass
class OrgFilters:
    kind: str = ""
    district: str = ""
    industry: str = ""
    stage: str = ""
    host: int | None = None
    q: str = ""

    @classmethod
    def from_params(cls, params: Any) -> "OrgFilters":
        """Reads filters from a QueryDict, ignoring unknown or malformed values."""
        kind = params.get("kind", "")
        industry = params.get("industry", "")
        stage = params.get("stage", "")
        try:
            host = int(params.get("host", "") or 0) or None
        except ValueError:
            host = None
        return cls(
            kind=kind if kind in OrgKind.values else "",
            district=(params.get("district", "") or "")[:40],
            industry=industry if industry in Industry.values else "",
            stage=stage if stage in Stage.values else "",
            host=host,
            q=(params.get("q", "") or "")[:200],
        )

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class Facet:
    name: str
    values: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)


def organization_list_for(*, user: Any, filters: OrgFilters) -> QuerySet[Organization]:
    """Organizations the user may list (all are public), filtered. Only public fields are safe
    to render from this list; private fields need ``can_view_private_organization_fields``."""
    qs = Organization.objects.select_related("host").filter(merged_into__isnull=True)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.district:
        qs = qs.filter(district=filters.district)
    if filters.industry:
        qs = qs.filter(industry=filters.industry)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.host:
        qs = qs.filter(host_id=filters.host)
    if filters.q:
        from sadari.directory.search import search

        result = search(filters.q, kinds=["organization"], limit=2000)
        ids = [h.object_id for h in result.hits]
        qs = qs.filter(pk__in=ids)
    return qs


def organization_facets(*, queryset: QuerySet[Organization]) -> list[Facet]:
    """Counts per facet value over the filtered queryset (one grouped query per facet)."""
    facets = []
    labels = {
        "kind": dict(OrgKind.choices),
        "industry": dict(Industry.choices),
        "stage": dict(Stage.choices),
    }
    for name in ("kind", "industry", "stage", "district"):
        rows = (
            queryset.order_by()
            .exclude(**{name: ""})
            .values(name)
            .annotate(n=Count("id"))
            .order_by("-n")[:30]
        )
        facet = Facet(name)
        for row in rows:
            value = row[name]
            facet.values.append((value, str(labels.get(name, {}).get(value, value)), row["n"]))
        facets.append(facet)
    hosts = (
        queryset.order_by()
        .exclude(host=None)
        .values("host", "host__name_ko", "host__name_en")
        .annotate(n=Count("id"))
        .order_by("-n")[:20]
    )
    facets.append(
        Facet(
            "host",
            [(str(r["host"]), r["host__name_ko"] or r["host__name_en"], r["n"]) for r in hosts],
        )
    )
    return facets


def access_organization(*, user: Any, organization_id: int, action: str = "view") -> Organization:
    """The organization if ``user`` may ``action`` ("view" | "edit") it, else Http404."""
    try:
        org = Organization.objects.select_related("host").get(pk=organization_id)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action == "view":
        return org
    if action == "edit" and can_edit_organization(user, org):
        return org
    raise Http404


def organization_public_view(*, user: Any, organization: Organization) -> dict[str, Any]:
    """What a profile may show: public fields always, private ones to those entitled."""
    return {
        "can_view_private": can_view_private_organization_fields(user, organization),
        "can_edit": can_edit_organization(user, organization),
    }


@dataclass
class ListFilters:
    """Filters of the people, program and space lists; unknown values are ignored."""

    q: str = ""
    host: int | None = None
    industry: str = ""
    kind: str = ""
    open_only: bool = False

    @classmethod
    def from_params(cls, params: Any) -> "ListFilters":
        try:
            host = int(params.get("host", "") or 0) or None
        except ValueError:
            host = None
        industry = params.get("industry", "")
        kind = params.get("kind", "")
        return cls(
            q=(params.get("q", "") or "").strip()[:200],
            host=host,
            industry=industry if industry in Industry.values else "",
            kind=kind if kind in SpaceKind.values else "",
            open_only=params.get("open") == "1",
        )

    def active(self) -> dict[str, Any]:
        values = {k: v for k, v in self.__dict__.items() if v and k != "open_only"}
        if self.open_only:
            values["open"] = "1"
        return values


def _search_filter(queryset: QuerySet, q: str, kind: str) -> QuerySet:
    """Narrows a list to the objects the directory search finds for ``q`` (every word)."""
    if not q:
        return queryset
    from sadari.directory.search import search_ids

    return queryset.filter(pk__in=search_ids(q, kinds=[kind]))


def filtered_people(*, user: Any, filters: ListFilters) -> QuerySet[Person]:
    qs = _search_filter(person_list_for(user=user), filters.q, "person")
    if filters.host:
        qs = qs.filter(organization_id=filters.host)
    return qs


def filtered_programs(*, user: Any, filters: ListFilters, today: Any) -> QuerySet[Program]:
    qs = _search_filter(program_list_for(user=user), filters.q, "program")
    if filters.host:
        qs = qs.filter(host_id=filters.host)
    if filters.industry:
        qs = qs.filter(industry=filters.industry)
    if filters.open_only:
        qs = qs.filter(apply_by__gte=today)
    return qs


def filtered_spaces(*, user: Any, filters: ListFilters) -> QuerySet[Space]:
    qs = space_list_for(user=user)
    if filters.q:
        qs = qs.filter(
            Q(name_ko__icontains=filters.q)
            | Q(name_en__icontains=filters.q)
            | Q(host__name_ko__icontains=filters.q)
        )
    if filters.host:
        qs = qs.filter(host_id=filters.host)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


def host_facet(queryset: QuerySet, field: str = "host") -> Facet:
    """Counts per host organization over a filtered list (one grouped query)."""
    rows = (
        queryset.order_by()
        .exclude(**{field: None})
        .values(field, f"{field}__name_ko")
        .annotate(n=Count("id"))
        .order_by("-n")[:20]
    )
    return Facet("host", [(str(r[field]), r[f"{field}__name_ko"], r["n"]) for r in rows])


def choice_facet(queryset: QuerySet, field: str, choices: Any) -> Facet:
    labels = dict(choices)
    rows = (
        queryset.order_by()
        .exclude(**{field: ""})
        .values(field)
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return Facet(field, [(r[field], str(labels.get(r[field], r[field])), r["n"]) for r in rows])


def person_list_for(*, user: Any) -> QuerySet[Person]:
    """Public people (everyone); staff and operators also see unlisted people."""
    qs = Person.objects.select_related("organization")
    from sadari.accounts.rules import is_staff_or_operator

    if not is_staff_or_operator(user):
        qs = qs.filter(is_public=True)
    return qs


def access_person(*, user: Any, person_id: int) -> Person:
    try:
        return person_list_for(user=user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def person_can_view_private(*, user: Any, person: Person) -> bool:
    return bool(can_view_private_person_fields(user, person))


def program_list_for(*, user: Any) -> QuerySet[Program]:
    return Program.objects.select_related("host")


def space_list_for(*, user: Any) -> QuerySet[Space]:
    return Space.objects.select_related("host")
