"""Tech-trade pages: the "my tech trade" dashboard, needs and technologies (lists, profiles
with matches, create/edit), the NDA and detail-request flow, and who viewed what.

Views are thin: access check (selectors; 404 for missing and forbidden alike) → selector or
service → render. Confidential details are read only through ``listing_details_read``, which
audits the read."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.views import add_validation_errors, login_required_or_404, page_of
from sadari.directory.models import Organization
from sadari.techtrade import matching
from sadari.techtrade.enums import DealStage, ListingStatus, RequestStatus
from sadari.techtrade.forms import (
    DetailRequestForm,
    NdaForm,
    NeedForm,
    TechnologyForm,
    listing_values,
)
from sadari.techtrade.models import Challenge, NdaAcceptance, NdaTemplate, TechNeed, Technology
from sadari.techtrade.rules import (
    NEED_OWNER_KINDS,
    PROPOSER_KINDS,
    TECHNOLOGY_OWNER_KINDS,
    is_owner_member,
    org_ids_of_kind,
    orgs_of,
)
from sadari.techtrade.selectors import (
    ListingFilters,
    access_detail_request,
    access_need,
    access_technology,
    challenge_list_for,
    deal_list_for,
    detail_access_for,
    detail_request_list_for,
    detail_views_for,
    listing_facets,
    need_list_for,
    poc_list_for,
    proposal_list_for,
    technology_list_for,
)
from sadari.techtrade.services import (
    detail_request_create,
    detail_request_decide,
    listing_create,
    listing_details_read,
    listing_update,
    nda_current_for,
    nda_publish,
)

PAGE_SIZE = 20


def _page(request: HttpRequest, queryset, per_page: int = PAGE_SIZE):
    return page_of(request, queryset, per_page)


def _orgs(ids: list[int]) -> list[Organization]:
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_name"))


KIND = {
    "need": {
        "model": TechNeed,
        "form": NeedForm,
        "access": lambda user, pk, action: access_need(user=user, need_id=pk, action=action),
        "list": need_list_for,
        "owner_kinds": NEED_OWNER_KINDS,
        "template": "techtrade/need",
    },
    "technology": {
        "model": Technology,
        "form": TechnologyForm,
        "access": lambda user, pk, action: access_technology(
            user=user, technology_id=pk, action=action
        ),
        "list": technology_list_for,
        "owner_kinds": TECHNOLOGY_OWNER_KINDS,
        "template": "techtrade/technology",
    },
}


# --- dashboard -------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    """ "My tech trade" for members of organizations; the market's front page for others."""
    user = request.user
    anonymous_market = {
        "needs": need_list_for(user=user).filter(status=ListingStatus.OPEN)[:5],
        "technologies": technology_list_for(user=user).filter(status=ListingStatus.OPEN)[:5],
        "challenges": challenge_list_for(user=user).filter(status="open")[:4],
        "counts": {
            "needs": need_list_for(user=user).filter(status=ListingStatus.OPEN).count(),
            "technologies": technology_list_for(user=user)
            .filter(status=ListingStatus.OPEN)
            .count(),
            "challenges": challenge_list_for(user=user).filter(status="open").count(),
        },
    }
    context: dict[str, Any] = {"market": anonymous_market}
    own = list(orgs_of(user))
    if own:
        incoming, outgoing = detail_request_list_for(user=user)
        deals = deal_list_for(user=user)
        stage_counts = dict.fromkeys(DealStage.values, 0)
        for stage in deals.values_list("stage", flat=True):
            stage_counts[stage] += 1
        startups = _orgs(org_ids_of_kind(user, PROPOSER_KINDS))
        context.update(
            has_orgs=True,
            my_needs=need_list_for(user=user)
            .filter(owner_id__in=own)
            .exclude(status="closed")[:10],
            my_technologies=technology_list_for(user=user)
            .filter(owner_id__in=own)
            .exclude(status="closed")[:10],
            my_challenges=Challenge.objects.filter(host_id__in=own).order_by("-opens_on")[:10],
            incoming=incoming.filter(status=RequestStatus.PENDING)[:10],
            outgoing=outgoing[:10],
            deals=deals.exclude(stage__in=[DealStage.DROPPED, DealStage.CONTRACT])[:8],
            stage_counts=[(s, label, stage_counts[s]) for s, label in DealStage.choices],
            pocs=poc_list_for(user=user).filter(Q(corporate_id__in=own) | Q(startup_id__in=own))[
                :5
            ],
            proposals=proposal_list_for(user=user).filter(startup_id__in=own)[:10],
            challenge_matches=matching.challenges_for_organization(organization=startups[0], k=5)
            if startups
            else [],
            can_post_need=bool(org_ids_of_kind(user, NEED_OWNER_KINDS)),
            can_post_technology=bool(org_ids_of_kind(user, TECHNOLOGY_OWNER_KINDS)),
            viewers=detail_views_for(user=user, limit=50, others_only=True)[:8],
        )
    return render(request, "techtrade/home.html", context)


# --- lists -----------------------------------------------------------------------------------


def _listing_list(request: HttpRequest, kind: str) -> HttpResponse:
    conf = KIND[kind]
    filters = ListingFilters.from_params(request.GET)
    queryset = conf["list"](user=request.user, filters=filters)
    page_obj = _page(request, queryset.order_by("-published_at", "-id"))
    context = {
        "kind": kind,
        "page_obj": page_obj,
        "filters": filters,
        "facets": listing_facets(queryset),
        "statuses": ListingStatus.choices,
        "can_post": bool(org_ids_of_kind(request.user, conf["owner_kinds"])),
    }
    return render(request, "techtrade/listing_list.html", context)


def need_list(request: HttpRequest) -> HttpResponse:
    return _listing_list(request, "need")


def technology_list(request: HttpRequest) -> HttpResponse:
    return _listing_list(request, "technology")


# --- profiles --------------------------------------------------------------------------------


def _listing_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    conf = KIND[kind]
    item = conf["access"](request.user, pk, "view")
    access = detail_access_for(user=request.user, item=item)
    details = (
        listing_details_read(user=request.user, item=item, via="page") if access.can_view else None
    )
    if kind == "need":
        matches = matching.technologies_for_need(need=item, k=10)
    else:
        matches = matching.needs_for_technology(technology=item, k=10)
    context = {
        "kind": kind,
        "item": item,
        "access": access,
        "details": details,
        "matches": matches,
        "deals": deal_list_for(user=request.user).filter(**{kind: item})[:10]
        if request.user.is_authenticated
        else [],
    }
    return render(request, "techtrade/listing_detail.html", context)


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_detail(request, "need", pk)


def technology_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_detail(request, "technology", pk)


def _listing_matches(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """All matches (up to 30) with their explanations; an htmx request gets the list only."""
    conf = KIND[kind]
    item = conf["access"](request.user, pk, "view")
    if kind == "need":
        matches = matching.technologies_for_need(need=item, k=30)
    else:
        matches = matching.needs_for_technology(technology=item, k=30)
    context = {
        "kind": kind,
        "item": item,
        "matches": matches,
        "can_act": bool(is_owner_member(request.user, item)),
    }
    if request.headers.get("HX-Request"):
        return render(request, "techtrade/_matches.html", context)
    return render(request, "techtrade/matches.html", context)


def need_matches(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_matches(request, "need", pk)


def technology_matches(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_matches(request, "technology", pk)


# --- create and edit -------------------------------------------------------------------------


@login_required_or_404
def _listing_create(request: HttpRequest, kind: str) -> HttpResponse:
    conf = KIND[kind]
    owners = _orgs(org_ids_of_kind(request.user, conf["owner_kinds"]))
    if not owners:
        raise Http404
    form = conf["form"](request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        owner = next(o for o in owners if o.pk == form.cleaned_data["owner_id"])
        values = listing_values(form)
        try:
            item = _just_posted(conf["model"], owner, request.user, values) or listing_create(
                conf["model"], owner=owner, by=request.user, **values
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Published. Matching results are below."))
            return redirect(item.get_absolute_url())
    return render(request, "techtrade/listing_form.html", {"form": form, "kind": kind})


DOUBLE_SUBMIT_SECONDS = 60


def _just_posted(model: type, owner: Organization, user: Any, values: dict) -> Any:
    """The item this user posted for ``owner`` with the same titles a moment ago: a second
    click on "Publish" (or a resent form) shows it instead of posting a duplicate."""
    since = timezone.now() - timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
    return (
        model.objects.filter(
            owner=owner,
            created_by=user,
            title_ko=values.get("title_ko", ""),
            title_en=values.get("title_en", ""),
            created_at__gte=since,
        )
        .order_by("-id")
        .first()
    )


def need_create(request: HttpRequest) -> HttpResponse:
    return _listing_create(request, "need")


def technology_create(request: HttpRequest) -> HttpResponse:
    return _listing_create(request, "technology")


@login_required_or_404
def _listing_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    conf = KIND[kind]
    item = conf["access"](request.user, pk, "edit")
    instance = conf["model"].objects.get(pk=item.pk)
    if request.method != "POST":
        # The form shows the confidential details: a read like any other, audited.
        details = listing_details_read(user=request.user, item=item, via="edit")
        instance.details_ko, instance.details_en = details["ko"], details["en"]
    form = conf["form"](request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            listing_update(item=item, by=request.user, **listing_values(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(item.get_absolute_url())
    return render(
        request, "techtrade/listing_form.html", {"form": form, "kind": kind, "item": item}
    )


def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_edit(request, "need", pk)


def technology_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_edit(request, "technology", pk)


# --- NDA and detail requests -----------------------------------------------------------------


def _from_item(request: HttpRequest) -> Any:
    """``?from=need:12`` (or technology:3): the user's own item they came from, if any."""
    raw = request.GET.get("from") or request.POST.get("from") or ""
    kind, _sep, pk = raw.partition(":")
    if kind not in KIND or not pk.isdigit():
        return None
    try:
        item = KIND[kind]["access"](request.user, int(pk), "edit")
    except Http404:
        return None
    return item


@login_required_or_404
def _listing_request(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Shows the owner's current NDA; accepting it (click-through) sends the request."""
    item = KIND[kind]["access"](request.user, pk, "view")
    access = detail_access_for(user=request.user, item=item)
    if not access.can_request:
        raise Http404
    nda = nda_current_for(owner=item.owner)
    form = DetailRequestForm(
        request.POST or None,
        requesters=access.requester_orgs,
        initial={"nda_id": nda.pk, "nda_sha256": nda.sha256},
    )
    from_item = _from_item(request)
    if request.method == "POST" and form.is_valid():
        requester = next(
            (o for o in access.requester_orgs if o.pk == form.cleaned_data["requester"]), None
        )
        shown = NdaTemplate.objects.filter(pk=form.cleaned_data["nda_id"]).first()
        try:
            if requester is None or shown is None:
                raise ValidationError(_("Choose your organization and accept the NDA."))
            detail_request_create(
                item=item,
                requester=requester,
                by=request.user,
                nda=shown,
                seen_sha256=form.cleaned_data["nda_sha256"],
                message=form.cleaned_data["message"],
                from_item=from_item,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            if shown is None or getattr(exc, "code", None) in ("nda_changed", "nda_hash"):
                _show_current_nda(form, nda)
        else:
            messages.success(
                request, _("NDA accepted and request sent. The owner will decide on it.")
            )
            return redirect(item.get_absolute_url())
    elif request.method == "POST" and (form.has_error("nda_id") or form.has_error("nda_sha256")):
        _show_current_nda(form, nda)
    context = {
        "kind": kind,
        "item": item,
        "nda": nda,
        "form": form,
        "access": access,
        "from_item": from_item,
    }
    return render(request, "techtrade/request_form.html", context)


def _show_current_nda(form: DetailRequestForm, nda: NdaTemplate) -> None:
    """After a refused acceptance the page shows the owner's current NDA: the form must carry
    that version and its hash (not the stale ones posted) and the box is unticked, so that the
    user reads the new text and can accept it. The errors already found stay on the form."""
    data = form.data.copy()
    data["nda_id"], data["nda_sha256"] = str(nda.pk), nda.sha256
    data.pop("accept", None)
    form.data = data


def need_request(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_request(request, "need", pk)


def technology_request(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_request(request, "technology", pk)


@login_required_or_404
def request_list(request: HttpRequest) -> HttpResponse:
    """Requests for my organizations' items (to decide) and my organizations' requests
    (empty, not missing, for a user without an organization: the tab is in everyone's menu)."""
    incoming, outgoing = detail_request_list_for(user=request.user)
    return render(
        request,
        "techtrade/request_list.html",
        {
            "incoming": _page(request, incoming.select_related("acceptance", "acceptance__nda")),
            "outgoing": outgoing[:100],
        },
    )


@require_POST
@login_required_or_404
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    detail_request = access_detail_request(user=request.user, request_id=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline", "revoke"):
        messages.error(request, _("Unknown decision."))
    else:
        detail_request_decide(
            request=detail_request, by=request.user, approve=decision == "approve"
        )
        messages.success(
            request,
            {
                "approve": _("Approved: they can now read the confidential details."),
                "decline": _("Declined."),
                "revoke": _("Access revoked."),
            }[decision],
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith(
        "/"
    ):
        target = reverse("techtrade:request-list")
    return redirect(target)


@login_required_or_404
def nda_edit(request: HttpRequest) -> HttpResponse:
    """An owner organization's NDA: its versions, who accepted them, and a new version."""
    owners = _orgs(org_ids_of_kind(request.user, NEED_OWNER_KINDS | TECHNOLOGY_OWNER_KINDS))
    if not owners:
        raise Http404
    try:
        chosen = int(request.GET.get("org") or owners[0].pk)
    except ValueError:
        chosen = owners[0].pk
    owner = next((o for o in owners if o.pk == chosen), None)
    if owner is None:
        raise Http404
    current = nda_current_for(owner=owner)
    form = NdaForm(
        request.POST or None,
        initial={"title": current.title, "text_ko": current.text_ko, "text_en": current.text_en},
    )
    if request.method == "POST" and form.is_valid():
        try:
            nda = nda_publish(owner=owner, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Version %(v)s is now the NDA new requests accept.") % {"v": nda.version}
            )
            return redirect(f"{reverse('techtrade:nda-edit')}?org={owner.pk}")
    versions = NdaTemplate.objects.filter(owner=owner).order_by("-version")
    acceptances = (
        NdaAcceptance.objects.filter(nda__owner=owner)
        .select_related("organization", "user", "nda")
        .order_by("-accepted_at")[:100]
    )
    context = {
        "owners": owners,
        "owner": owner,
        "current": current,
        "versions": versions,
        "acceptances": acceptances,
        "form": form,
    }
    return render(request, "techtrade/nda.html", context)


@login_required_or_404
def detail_views(request: HttpRequest) -> HttpResponse:
    """Who viewed the confidential details of my organizations' items (the audit trail)."""
    if not orgs_of(request.user):
        raise Http404
    return render(
        request,
        "techtrade/detail_views.html",
        {"views": detail_views_for(user=request.user), "now": timezone.now()},
    )
