"""Investment pages: rounds, investors (theses, funds, portfolios), statistics with charts and
exports, intro requests, notifications, and data rooms.

Views are thin: access check (selectors; 404 for missing and forbidden alike) → selector or
service → render. Documents are served only by ``document_download``, through
``services.document_read`` (watermark + audit), never as static or media files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.views import add_validation_errors, login_required_or_404, page_of
from sadari.directory.enums import Industry
from sadari.directory.models import Organization
from sadari.investment import stats as statistics
from sadari.investment.enums import (
    STAGE_ORDER,
    Currency,
    IntroStatus,
    InvestorType,
    Region,
    RoundSource,
    RoundType,
)
from sadari.investment.extensions import round_sections
from sadari.investment.forms import (
    DocumentUploadForm,
    FundForm,
    GrantForm,
    IntroDecisionForm,
    IntroForwardForm,
    IntroRequestForm,
    InvestorProfileForm,
    PlannedRaiseForm,
    RoundForm,
)
from sadari.investment.models import DataRoomGrant, FundingRound, InvestorProfile, PlannedRaise
from sadari.investment.rules import (
    INVESTOR_KINDS,
    STARTUP_KINDS,
    can_record_round,
    org_ids_of_kind,
    orgs_of,
)
from sadari.investment.selectors import (
    InvestorFilters,
    RoundFilters,
    access_dataroom,
    access_document,
    access_grant,
    access_intro,
    access_investor,
    access_round,
    dataroom_access_log,
    dataroom_list_for,
    fund_list_for,
    fund_totals,
    intro_list_for,
    introducers_for,
    investor_choices,
    investor_list_for,
    notification_list_for,
    portfolio_for,
    profile_of,
    round_investors,
    round_list_for,
    unread_count,
)
from sadari.investment.services import (
    dataroom_for_startup,
    dataroom_view_record,
    document_delete,
    document_read,
    document_upload,
    fund_add,
    grant_create,
    grant_revoke,
    intro_limit_status,
    intro_request_create,
    intro_request_decide,
    intro_request_forward,
    intro_request_withdraw,
    investor_profile_save,
    notifications_mark_read,
    planned_raise_clear,
    planned_raise_save,
    round_delete,
    round_investor_disown,
    round_is_editable,
    round_record,
    round_update,
)

PAGE_SIZE = 25


def _page(request: HttpRequest, queryset, per_page: int = PAGE_SIZE):
    return page_of(request, queryset, per_page)


def _orgs(ids: list[int]) -> list[Organization]:
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_name"))


# --- dashboard -------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    """ "My investment" for founders and investors; the market's overview for everyone."""
    user = request.user
    latest = round_list_for(user=user).order_by("-announced_on", "-id")[:8]
    context: dict[str, Any] = {
        "latest": latest,
        "stats": statistics.compute(round_list_for(user=user), "stage"),
    }
    startups = _orgs(org_ids_of_kind(user, STARTUP_KINDS))
    investors = _orgs(org_ids_of_kind(user, INVESTOR_KINDS))
    if startups or investors or orgs_of(user):
        lists = intro_list_for(user=user)
        own_rooms, shared_rooms = dataroom_list_for(user=user)
        context.update(
            has_orgs=True,
            startups=startups,
            investors=investors,
            outgoing=lists.outgoing[:8],
            incoming=lists.incoming.filter(status=IntroStatus.AT_INVESTOR)[:8],
            introducing=lists.introducing.filter(status=IntroStatus.AT_INTRODUCER)[:8],
            own_rooms=own_rooms,
            shared_rooms=shared_rooms[:8],
        )
        if startups:
            count, limit, next_at = intro_limit_status(user=user)
            context.update(intro_count=count, intro_limit=limit, intro_next_at=next_at)
    return render(request, "investment/home.html", context)


# --- rounds ----------------------------------------------------------------------------------


def round_list(request: HttpRequest) -> HttpResponse:
    filters = RoundFilters.from_params(request.GET)
    queryset = round_list_for(user=request.user, filters=filters).order_by("-announced_on", "-id")
    page_obj = _page(request, queryset.prefetch_related("investors"))
    context = {
        "page_obj": page_obj,
        "filters": filters,
        "round_types": [(c, RoundType(c).label) for c in STAGE_ORDER],
        "industries": Industry.choices,
        "regions": Region.choices,
        "sources": RoundSource.choices,
    }
    if request.headers.get("HX-Request"):
        return render(request, "investment/_round_rows.html", context)
    return render(request, "investment/round_list.html", context)


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    funding_round = access_round(user=request.user, round_id=pk)
    company = funding_round.company
    context = {
        "round": funding_round,
        "can_delete": round_is_editable(funding_round) and can_record_round(request.user, company),
        # Investors named in a hand-entered round may say they were not in it.
        "disownable": set(orgs_of(request.user))
        if funding_round.source == RoundSource.MANUAL
        else set(),
        "links": round_investors(funding_round),
        "extra_sections": round_sections(request, funding_round),
        "other_rounds": round_list_for(user=request.user)
        .filter(company=company)
        .exclude(pk=funding_round.pk)
        .order_by("-announced_on")[:10],
    }
    return render(request, "investment/round_detail.html", context)


def _recordable_company(request: HttpRequest, pk: int) -> Organization:
    company = Organization.objects.filter(pk=pk, merged_into__isnull=True).first()
    if company is None or not can_record_round(request.user, company):
        raise Http404
    return company


@login_required_or_404
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a round by hand: a founder for their company, institution staff and city
    operators for any startup or corporate (others: 404)."""
    company = _recordable_company(request, pk)

    def save(data: dict[str, Any]) -> FundingRound:
        return round_record(company=company, by=request.user, **data)

    return _round_form_page(request, company, save=save, done=_("Round recorded."))


def _round_form_page(
    request: HttpRequest,
    company: Organization,
    *,
    save: Any,
    done: str,
    editing: FundingRound | None = None,
) -> HttpResponse:
    """The round form (record or edit): ``save(fields)`` is the service call."""
    initial = _round_initial(editing) if editing is not None else None
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "round_type": data["round_type"],
            "announced_on": data["announced_on"],
            "currency": data["currency"],
            "amount": data["amount"],
            "investors": data["investors"],
            "note": data.get("note") or "",
        }
        try:
            funding_round = save(fields)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(funding_round.get_absolute_url())
    context = {
        "company": company,
        "form": form,
        "editing": editing,
        "investor_choices": investor_choices(),
        "rounds": round_list_for(user=request.user)
        .filter(company=company)
        .order_by("-announced_on")[:20],
    }
    return render(request, "investment/round_form.html", context)


def _round_initial(funding_round: FundingRound) -> dict[str, Any]:
    is_krw = funding_round.currency == Currency.KRW
    initial: dict[str, Any] = {
        "round_type": funding_round.round_type,
        "announced_on": funding_round.announced_on,
        "currency": funding_round.currency,
        "amount": (funding_round.amount_krw if is_krw else funding_round.amount_original) or "",
        "note": funding_round.note,
    }
    for i, link in enumerate(round_investors(funding_round), start=1):
        initial[f"investor_{i}"] = f"{link.investor.name} (#{link.investor.pk})"
        initial[f"lead_{i}"] = link.is_lead
    return initial


@login_required_or_404
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a round entered on Sadari: whoever may record the company's rounds (others,
    and rounds from imports or feeds: 404)."""
    funding_round = access_round(user=request.user, round_id=pk)
    company = _recordable_company(request, funding_round.company_id)
    if not round_is_editable(funding_round):
        raise Http404

    def save(data: dict[str, Any]) -> FundingRound:
        return round_update(funding_round=funding_round, by=request.user, **data)

    return _round_form_page(
        request, company, save=save, done=_("Round updated."), editing=funding_round
    )


@login_required_or_404
@require_POST
def round_disown_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A member of an investor named in a hand-entered round says it was not in it."""
    funding_round = access_round(user=request.user, round_id=pk)
    investor = Organization.objects.filter(
        pk__in=org_ids_of_kind(request.user, INVESTOR_KINDS),
        roundinvestor__round=funding_round,
    ).first()
    if investor is None:
        raise Http404
    try:
        round_investor_disown(funding_round=funding_round, investor=investor, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s was taken off this round.") % {"name": investor.name})
    return redirect(funding_round.get_absolute_url())


@login_required_or_404
@require_POST
def round_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    funding_round = access_round(user=request.user, round_id=pk)
    company = _recordable_company(request, funding_round.company_id)
    try:
        round_delete(funding_round=funding_round, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(funding_round.get_absolute_url())
    messages.success(request, _("Round removed."))
    return redirect(company.get_absolute_url())


# --- investors -------------------------------------------------------------------------------


def investor_list(request: HttpRequest) -> HttpResponse:
    filters = InvestorFilters.from_params(request.GET)
    queryset = investor_list_for(user=request.user, filters=filters).order_by(
        "-deal_count", "sort_name", "id"
    )
    context = {
        "page_obj": _page(request, queryset),
        "filters": filters,
        "types": InvestorType.choices,
        "round_types": [(c, RoundType(c).label) for c in STAGE_ORDER],
        "industries": Industry.choices,
        "regions": Region.choices,
    }
    return render(request, "investment/investor_list.html", context)


def investor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = access_investor(user=request.user, organization_id=pk)
    if org.merged_into_id:
        return redirect("investment:investor-detail", org.merged_into_id)
    profile = profile_of(org)
    portfolio = portfolio_for(investor=org)
    is_member = org.pk in orgs_of(request.user)
    startups = _orgs(org_ids_of_kind(request.user, STARTUP_KINDS))
    context = {
        "org": org,
        "profile": profile,
        "portfolio": portfolio,
        "funds": fund_list_for(investor=org)[:50],
        "fund_totals": fund_totals(investor=org),
        "is_member": is_member,
        "can_request_intro": bool(startups) and (profile is None or profile.is_accepting_intros),
        "deal_flow": _deal_flow(org) if is_member else None,
    }
    return render(request, "investment/investor_detail.html", context)


def _deal_flow(org: Organization) -> list[Any]:
    from sadari.investment.recommend import deal_flow_for

    return deal_flow_for(investor=org, k=10)


@login_required_or_404
def investor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = access_investor(user=request.user, organization_id=pk, action="edit")
    profile = profile_of(org) or InvestorProfile(organization=org)
    form = InvestorProfileForm(request.POST or None, instance=profile, prefix="profile")
    fund_form = FundForm(prefix="fund")
    if request.method == "POST" and "fund-name" in request.POST:
        form = InvestorProfileForm(instance=profile, prefix="profile")
        fund_form = FundForm(request.POST, prefix="fund")
        if fund_form.is_valid():
            try:
                fund_add(manager=org, by=request.user, **fund_form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(fund_form, exc)
            else:
                messages.success(request, _("Fund added."))
                return redirect("investment:investor-edit", org.pk)
    elif request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            investor_profile_save(organization=org, by=request.user, **values)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Investor profile saved."))
            return redirect("investment:investor-detail", org.pk)
    context = {
        "org": org,
        "form": form,
        "fund_form": fund_form,
        "funds": fund_list_for(investor=org)[:50],
    }
    return render(request, "investment/investor_form.html", context)


# --- statistics ------------------------------------------------------------------------------


def _stats_input(request: HttpRequest):
    filters = RoundFilters.from_params(request.GET)
    dimension = request.GET.get("by", "quarter")
    if dimension not in statistics.DIMENSIONS:
        dimension = "quarter"
    rounds = round_list_for(user=request.user, filters=filters)
    return filters, dimension, rounds


def stats_view(request: HttpRequest) -> HttpResponse:
    filters, dimension, rounds = _stats_input(request)
    result = statistics.compute(rounds, dimension)
    dimensions = [
        ("quarter", _("By quarter")),
        ("stage", _("By round")),
        ("industry", _("By industry")),
        ("region", _("By region")),
    ]
    context = {
        "stats": result,
        "filters": filters,
        "dimension": dimension,
        "dimension_label": {
            "quarter": _("Quarter"),
            "stage": _("Round"),
            "industry": _("Industry"),
            "region": _("Region"),
        }[dimension],
        "dimensions": dimensions,
        "round_types": [(c, RoundType(c).label) for c in STAGE_ORDER],
        "industries": Industry.choices,
        "regions": Region.choices,
        "sources": RoundSource.choices,
        "points": result.svg_points() if dimension == "quarter" else [],
    }
    return render(request, "investment/stats.html", context)


def stats_csv(request: HttpRequest) -> HttpResponse:
    _filters, dimension, rounds = _stats_input(request)
    body = statistics.export_csv(statistics.compute(rounds, dimension), rounds)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sadari-investment-{dimension}.csv"'
    return response


def stats_xlsx(request: HttpRequest) -> HttpResponse:
    _filters, dimension, rounds = _stats_input(request)
    body = statistics.export_xlsx(statistics.compute(rounds, dimension), rounds)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="sadari-investment-{dimension}.xlsx"'
    return response


# --- intro requests --------------------------------------------------------------------------


@login_required_or_404
def intro_list(request: HttpRequest) -> HttpResponse:
    lists = intro_list_for(user=request.user)
    context = {
        "outgoing": lists.outgoing[:100],
        "incoming": lists.incoming[:100],
        "introducing": lists.introducing[:100],
    }
    if org_ids_of_kind(request.user, STARTUP_KINDS):
        count, limit, next_at = intro_limit_status(user=request.user)
        context.update(intro_count=count, intro_limit=limit, intro_next_at=next_at)
    return render(request, "investment/intro_list.html", context)


@login_required_or_404
def intro_create(request: HttpRequest, investor_pk: int) -> HttpResponse:
    investor = access_investor(user=request.user, organization_id=investor_pk)
    startups = _orgs(org_ids_of_kind(request.user, STARTUP_KINDS))
    if not startups:
        raise Http404
    introducers = [i for s in startups for i in introducers_for(startup=s)]
    form = IntroRequestForm(request.POST or None, startups=startups, introducers=introducers)
    count, limit, next_at = intro_limit_status(user=request.user)
    if request.method == "POST" and form.is_valid():
        startup = next(s for s in startups if s.pk == form.cleaned_data["startup_id"])
        route = form.cleaned_data["route"]
        introducer = None
        if route.startswith("via:"):
            introducer = next((i for i in introducers if f"via:{i.pk}" == route), None)
        try:
            intro = intro_request_create(
                startup=startup,
                investor=investor,
                by=request.user,
                message=form.cleaned_data["message"],
                introducer=introducer,
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _("Request sent to %(name)s.")
                % {"name": introducer.name if introducer else investor.name},
            )
            return redirect(intro.get_absolute_url())
    context = {
        "investor": investor,
        "profile": profile_of(investor),
        "form": form,
        "intro_count": count,
        "intro_limit": limit,
        "intro_next_at": next_at,
    }
    return render(request, "investment/intro_form.html", context)


@login_required_or_404
def intro_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intro = access_intro(user=request.user, intro_id=pk)
    ids = set(orgs_of(request.user))
    context = {
        "intro": intro,
        "is_startup": intro.startup_id in ids,
        "is_investor": intro.investor_id in ids,
        "is_introducer": intro.introducer_id in ids if intro.introducer_id else False,
        "decision_form": IntroDecisionForm(),
        "forward_form": IntroForwardForm(),
    }
    return render(request, "investment/intro_detail.html", context)


@login_required_or_404
@require_POST
def intro_decide(request: HttpRequest, pk: int) -> HttpResponse:
    intro = access_intro(user=request.user, intro_id=pk, action="decide")
    form = IntroDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(intro.get_absolute_url())
    try:
        intro_request_decide(
            intro=intro,
            by=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data.get("reason") or "",
            note=form.cleaned_data.get("note") or "",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(intro.get_absolute_url())


@login_required_or_404
@require_POST
def intro_forward(request: HttpRequest, pk: int) -> HttpResponse:
    intro = access_intro(user=request.user, intro_id=pk, action="forward")
    form = IntroForwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to forward the request."))
        return redirect(intro.get_absolute_url())
    try:
        intro_request_forward(
            intro=intro,
            by=request.user,
            forward=form.cleaned_data["decision"] == "forward",
            note=form.cleaned_data.get("note") or "",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(intro.get_absolute_url())


@login_required_or_404
@require_POST
def intro_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    intro = access_intro(user=request.user, intro_id=pk, action="withdraw")
    try:
        intro_request_withdraw(intro=intro, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Request withdrawn."))
    return redirect(intro.get_absolute_url())


# --- notifications ---------------------------------------------------------------------------


@login_required_or_404
def notification_list(request: HttpRequest) -> HttpResponse:
    page_obj = _page(request, notification_list_for(user=request.user), per_page=30)
    return render(request, "investment/notification_list.html", {"page_obj": page_obj})


def notification_badge(request: HttpRequest) -> HttpResponse:
    """The unread count next to the nav link (htmx; empty for anonymous visitors)."""
    count = unread_count(user=request.user) if request.user.is_authenticated else 0
    return render(request, "investment/_badge.html", {"count": count})


@login_required_or_404
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=request.user)
    return redirect("investment:notification-list")


# --- data rooms ------------------------------------------------------------------------------


@login_required_or_404
def dataroom_list(request: HttpRequest) -> HttpResponse:
    own, shared = dataroom_list_for(user=request.user)
    startups = _orgs(org_ids_of_kind(request.user, STARTUP_KINDS))
    if request.method == "POST":
        startup = next((s for s in startups if str(s.pk) == request.POST.get("startup")), None)
        if startup is None:
            raise Http404
        room = dataroom_for_startup(startup=startup, by=request.user)
        return redirect(room.get_absolute_url())
    own_ids = {r.startup_id for r in own}
    context = {
        "own": own,
        "shared": shared,
        "startups_without_room": [s for s in startups if s.pk not in own_ids],
    }
    return render(request, "investment/dataroom_list.html", context)


def _grant_candidates(room) -> list[Organization]:
    """Investors the founder may share with: those it has intro requests with, and Korean
    investors with a profile (entered, demo or VCS) — not the thousands of imported
    Crunchbase investors."""
    intro_ids = list(room.startup.intro_requests_made.values_list("investor_id", flat=True))
    sources = [RoundSource.MANUAL, RoundSource.DEMO, RoundSource.VCS]
    qs = Organization.objects.filter(kind__in=INVESTOR_KINDS, merged_into__isnull=True).filter(
        Q(pk__in=intro_ids) | Q(investor_profile__source__in=sources)
    )
    return list(qs.distinct().order_by("sort_name")[:800])


@login_required_or_404
def dataroom_detail(request: HttpRequest, pk: int) -> HttpResponse:
    room = access_dataroom(user=request.user, room_id=pk)
    is_owner = room.startup_id in orgs_of(request.user)
    dataroom_view_record(room=room, user=request.user, via="page")
    context: dict[str, Any] = {
        "room": room,
        "documents": room.documents.all(),
        "is_owner": is_owner,
    }
    if is_owner:
        context.update(
            upload_form=DocumentUploadForm(),
            grant_form=GrantForm(investors=_grant_candidates(room)),
            grants=DataRoomGrant.objects.filter(room=room).select_related("investor")[:100],
            log=dataroom_access_log(room=room),
            now=timezone.now(),
        )
    else:
        context["my_grant"] = (
            room.grants.filter(investor_id__in=list(orgs_of(request.user)), revoked_at=None)
            .order_by("-expires_at")
            .first()
        )
    return render(request, "investment/dataroom_detail.html", context)


@login_required_or_404
@require_POST
def document_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    room = access_dataroom(user=request.user, room_id=pk, action="manage")
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document_upload(
                room=room,
                by=request.user,
                title=form.cleaned_data.get("title") or "",
                data=upload.read(),
                filename=upload.name,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Document uploaded."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(room.get_absolute_url())


@login_required_or_404
@require_POST
def document_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = access_document(user=request.user, document_id=pk)
    room = access_dataroom(user=request.user, room_id=document.room_id, action="manage")
    document_delete(document=document, by=request.user)
    messages.success(request, _("Document removed."))
    return redirect(room.get_absolute_url())


@login_required_or_404
@require_POST
def grant_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    room = access_dataroom(user=request.user, room_id=pk, action="manage")
    form = GrantForm(request.POST, investors=_grant_candidates(room))
    if form.is_valid():
        investor = Organization.objects.get(pk=form.cleaned_data["investor_id"])
        try:
            grant_create(
                room=room,
                investor=investor,
                expires_on=form.cleaned_data["expires_on"],
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Access granted to %(name)s.") % {"name": investor.name})
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(room.get_absolute_url())


@login_required_or_404
@require_POST
def grant_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access_grant(user=request.user, grant_id=pk)
    grant_revoke(grant=grant, by=request.user)
    messages.success(request, _("Access revoked."))
    return redirect(grant.room.get_absolute_url())


@login_required_or_404
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = access_document(user=request.user, document_id=pk)
    copy = document_read(document=document, user=request.user, via="page")
    response = HttpResponse(copy.data, content_type=copy.content_type)
    inline = document.kind == "pdf" and request.GET.get("download") != "1"
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(not inline, copy.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Sadari-Watermark"] = copy.reference
    return response


# --- recommendations -------------------------------------------------------------------------


@login_required_or_404
def recommended_investors(request: HttpRequest, pk: int) -> HttpResponse:
    """Investors likely to back the startup next, with why (the startup's members only), and
    the startup's declared next raise, which the ranking's ticket fit uses."""
    if pk not in org_ids_of_kind(request.user, STARTUP_KINDS):
        raise Http404
    startup = Organization.objects.get(pk=pk)
    planned = PlannedRaise.objects.filter(company=startup).first()
    initial = (
        {
            "round_type": planned.round_type,
            "amount": planned.amount_krw or "",
            "raise_by": planned.raise_by,
            "share_with_investors": planned.share_with_investors,
        }
        if planned
        else {}
    )
    form = PlannedRaiseForm(request.POST or None, initial=initial)
    if request.method == "POST" and "clear" in request.POST:
        planned_raise_clear(company=startup, by=request.user)
        messages.success(request, _("Your planned raise was withdrawn."))
        return redirect("investment:recommended-investors", pk=pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            planned_raise_save(
                company=startup,
                by=request.user,
                round_type=data["round_type"],
                amount_krw=data["amount"],
                raise_by=data["raise_by"],
                share_with_investors=data["share_with_investors"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Planned raise saved; the ranking below uses it."))
            return redirect("investment:recommended-investors", pk=pk)
    from sadari.investment.recommend import investors_for_startup

    suggestions = investors_for_startup(startup=startup, k=20)
    open_ids = set(
        startup.intro_requests_made.filter(
            status__in=[IntroStatus.AT_INTRODUCER, IntroStatus.AT_INVESTOR, IntroStatus.ACCEPTED]
        ).values_list("investor_id", flat=True)
    )
    context = {
        "startup": startup,
        "suggestions": suggestions,
        "open_ids": open_ids,
        "planned": planned,
        "planned_form": form,
    }
    return render(request, "investment/recommended_investors.html", context)
