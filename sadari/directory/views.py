"""Directory pages: home, search (with autocomplete), lists with facets, profiles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.common.audit import audit_record
from sadari.directory import search as search_engine
from sadari.directory.enums import Industry, OrgKind, SearchKind, SpaceKind
from sadari.directory.extensions import profile_sections
from sadari.directory.forms import OrganizationForm
from sadari.directory.models import Organization, Person, Program
from sadari.directory.selectors import (
    ListFilters,
    OrgFilters,
    access_organization,
    access_person,
    choice_facet,
    filtered_people,
    filtered_programs,
    filtered_spaces,
    host_facet,
    organization_facets,
    organization_list_for,
    organization_public_view,
    person_can_view_private,
    program_list_for,
    space_list_for,
)
from sadari.directory.services import organization_update

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _paginate(request: HttpRequest, queryset, per_page: int = PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(_page_number(request))


def home(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Organization.objects.order_by()
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    kinds = [(value, label, counts.get(value, 0)) for value, label in OrgKind.choices]
    hubs = Organization.objects.filter(kind=OrgKind.HUB).order_by("sort_name")[:7]
    programs = Program.objects.select_related("host").order_by("-starts_on", "id")[:6]
    return render(request, "home.html", {"kinds": kinds, "hubs": hubs, "programs": programs})


def search_view(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "")[:MAX_QUERY_LENGTH]
    kind = request.GET.get("kind", "")
    if kind not in SearchKind.values:
        kind = ""
    page = _page_number(request)
    result = search_engine.search(
        q, kinds=[kind] if kind else None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    items = _hydrate(result.hits)
    tabs = [(value, label, result.counts.get(value, 0)) for value, label in SearchKind.choices]
    total_pages = max(1, -(-result.reachable // PAGE_SIZE))
    context = {
        "q": q,
        "kind": kind,
        "result": result,
        "items": items,
        "tabs": tabs,
        "all_count": sum(result.counts.values()),
        "page": page,
        "total_pages": total_pages,
        "has_previous": page > 1,
        "has_next": page < total_pages,
    }
    return render(request, "directory/search.html", context)


def _hydrate(hits: list[search_engine.Hit]) -> list[dict]:
    """Loads the objects behind search hits in three queries at most, keeping hit order."""
    ids: dict[str, list[int]] = {}
    for hit in hits:
        ids.setdefault(hit.kind, []).append(hit.object_id)
    objects: dict[tuple[str, int], object] = {}
    if ids.get(SearchKind.ORGANIZATION):
        for org in Organization.objects.select_related("host").filter(
            pk__in=ids[SearchKind.ORGANIZATION]
        ):
            objects[(SearchKind.ORGANIZATION, org.pk)] = org
    if ids.get(SearchKind.PERSON):
        for person in Person.objects.select_related("organization").filter(
            pk__in=ids[SearchKind.PERSON], is_public=True
        ):
            objects[(SearchKind.PERSON, person.pk)] = person
    if ids.get(SearchKind.PROGRAM):
        for program in Program.objects.select_related("host").filter(
            pk__in=ids[SearchKind.PROGRAM]
        ):
            objects[(SearchKind.PROGRAM, program.pk)] = program
    items = []
    for hit in hits:
        obj = objects.get((hit.kind, hit.object_id))
        if obj is not None:
            items.append({"kind": hit.kind, "object": obj, "score": hit.score})
    return items


def suggest(request: HttpRequest) -> HttpResponse:
    """Autocomplete partial (htmx): up to 8 names matching what has been typed so far."""
    q = (request.GET.get("q") or "")[:MAX_QUERY_LENGTH]
    result = search_engine.search(q, limit=8, prefix_last=True, names_only=True)
    return render(request, "directory/_suggest.html", {"items": _hydrate(result.hits), "q": q})


def organization_list(request: HttpRequest) -> HttpResponse:
    filters = OrgFilters.from_params(request.GET)
    queryset = organization_list_for(user=request.user, filters=filters)
    page_obj = _paginate(request, queryset.order_by("sort_name", "id"))
    context = {
        "page_obj": page_obj,
        "filters": filters,
        "facets": organization_facets(queryset=queryset),
        "kind_label": dict(OrgKind.choices).get(filters.kind, ""),
    }
    return render(request, "directory/organization_list.html", context)


def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = access_organization(user=request.user, organization_id=pk)
    if org.merged_into_id:
        # Entity resolution folded this record into another: its address keeps working.
        return redirect("directory:organization-detail", org.merged_into_id)
    access = organization_public_view(user=request.user, organization=org)
    if access["can_view_private"] and request.user.is_authenticated:
        audit_record(actor=request.user, action="organization.view_private", target=org)
    rounds = org.funding_rounds.prefetch_related("investors").order_by("-announced_on")[:20]
    investments = org.investments.select_related("company").order_by("-announced_on")[:20]
    context = {
        "org": org,
        **access,
        "people": org.people.filter(is_public=True).order_by("name_ko")[:20],
        "programs": org.programs.order_by("-starts_on")[:10],
        "spaces": org.spaces.order_by("name_ko")[:10],
        "hosted": org.hosted.order_by("sort_name")[:24],
        "hosted_count": org.hosted.count(),
        "rounds": rounds,
        "investments": investments,
        "extra_sections": profile_sections(request, org, access["can_view_private"]),
    }
    return render(request, "directory/organization_detail.html", context)


def person_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilters.from_params(request.GET)
    queryset = filtered_people(user=request.user, filters=filters)
    page_obj = _paginate(request, queryset.order_by("name_ko", "id"))
    facets = [host_facet(queryset, "organization")]
    return render(
        request,
        "directory/person_list.html",
        {"page_obj": page_obj, "filters": filters, "facets": facets},
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(user=request.user, person_id=pk)
    can_view_private = person_can_view_private(user=request.user, person=person)
    return render(
        request,
        "directory/person_detail.html",
        {"person": person, "can_view_private": can_view_private},
    )


def program_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilters.from_params(request.GET)
    queryset = filtered_programs(user=request.user, filters=filters, today=timezone.localdate())
    page_obj = _paginate(request, queryset.order_by("-starts_on", "id"))
    facets = [choice_facet(queryset, "industry", Industry.choices), host_facet(queryset)]
    context = {"page_obj": page_obj, "filters": filters, "facets": facets, "show_open": True}
    return render(request, "directory/program_list.html", context)


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _get_or_404(program_list_for(user=request.user), pk)
    return render(request, "directory/program_detail.html", {"program": program})


def space_list(request: HttpRequest) -> HttpResponse:
    filters = ListFilters.from_params(request.GET)
    queryset = filtered_spaces(user=request.user, filters=filters)
    page_obj = _paginate(request, queryset.order_by("host__sort_name", "name_ko", "id"))
    facets = [choice_facet(queryset, "kind", SpaceKind.choices), host_facet(queryset)]
    return render(
        request,
        "directory/space_list.html",
        {"page_obj": page_obj, "filters": filters, "facets": facets},
    )


def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space = _get_or_404(space_list_for(user=request.user), pk)
    return render(request, "directory/space_detail.html", {"space": space})


def _get_or_404(queryset, pk):
    return get_object_or_404(queryset, pk=pk)


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Members of the organization, institution staff and city operators edit; others get 404."""
    org = access_organization(user=request.user, organization_id=pk, action="edit")
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        data["aliases"] = form.cleaned_data["aliases_text"]
        organization_update(
            organization=Organization.objects.get(pk=org.pk), by=request.user, **data
        )
        messages.success(request, _("Saved."))
        return redirect(org.get_absolute_url())
    return render(request, "directory/organization_edit.html", {"org": org, "form": form})
