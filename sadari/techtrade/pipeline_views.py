"""Tech-trade pages of the pipeline: open-innovation challenges and proposals, the deal board
(htmx, keyboard accessible) with messages, PoCs, the funnel with its exports, and imports."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.views import add_validation_errors, login_required_or_404
from sadari.directory.importing import MAX_FILE_BYTES, ImportFileError
from sadari.techtrade import funnel, importing
from sadari.techtrade.deals import (
    challenge_create,
    challenge_update,
    deal_message_post,
    deal_move,
    deal_open,
    poc_milestone_add,
    poc_milestone_toggle,
    poc_update,
    proposal_decide,
    proposal_submit,
    proposal_withdraw,
)
from sadari.techtrade.enums import (
    PIPELINE,
    ChallengeStatus,
    DealStage,
    ListingStatus,
    ProposalStatus,
)
from sadari.techtrade.forms import (
    TITLE_LABELS,
    ChallengeForm,
    DealMessageForm,
    DealMoveForm,
    ImportUploadForm,
    MilestoneForm,
    PocForm,
    ProposalDecisionForm,
    ProposalForm,
)
from sadari.techtrade.models import Poc, PocMilestone, TechImport, TechNeed, Technology
from sadari.techtrade.rules import (
    CHALLENGE_HOST_KINDS,
    NEED_OWNER_KINDS,
    PROPOSER_KINDS,
    TECHNOLOGY_OWNER_KINDS,
    can_edit_challenge,
    can_edit_poc,
    org_ids_of_kind,
)
from sadari.techtrade.selection import selection_method
from sadari.techtrade.selectors import (
    ListingFilters,
    access_challenge,
    access_deal,
    access_need,
    access_poc,
    access_proposal,
    access_technology,
    challenge_list_for,
    deal_list_for,
    listing_facets,
    poc_list_for,
    proposal_list_for,
    technology_list_for,
)
from sadari.techtrade.views import _orgs, _page

# --- challenges ------------------------------------------------------------------------------


def challenge_list(request: HttpRequest) -> HttpResponse:
    filters = ListingFilters.from_params(request.GET)
    show = request.GET.get("show", "open")
    queryset = challenge_list_for(user=request.user, filters=filters)
    today = timezone.localdate()
    if show == "open":
        queryset = queryset.filter(status=ChallengeStatus.OPEN, closes_on__gte=today)
    elif show != "all":
        show = "open"
    context = {
        "page_obj": _page(
            request, queryset.order_by("closes_on", "id") if show == "open" else queryset
        ),
        "filters": filters,
        "show": show,
        "facets": listing_facets(queryset),
        "can_post": bool(org_ids_of_kind(request.user, CHALLENGE_HOST_KINDS)),
        "today": today,
    }
    return render(request, "techtrade/challenge_list.html", context)


def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    user = request.user
    own_proposals = proposal_list_for(user=user, challenge=challenge).filter(
        startup_id__in=org_ids_of_kind(user, PROPOSER_KINDS)
    )
    is_host = bool(can_edit_challenge(user, challenge))
    context = {
        "challenge": challenge,
        "is_host": is_host,
        "own_proposals": own_proposals,
        "can_propose": bool(org_ids_of_kind(user, PROPOSER_KINDS))
        and challenge.is_open_on(timezone.localdate()),
        "proposal_count": challenge.proposals.exclude(status=ProposalStatus.WITHDRAWN).count(),
        "selected": challenge.proposals.filter(status=ProposalStatus.SELECTED).select_related(
            "startup"
        ),
        "today": timezone.localdate(),
    }
    return render(request, "techtrade/challenge_detail.html", context)


@login_required_or_404
def challenge_create_view(request: HttpRequest) -> HttpResponse:
    owners = _orgs(org_ids_of_kind(request.user, CHALLENGE_HOST_KINDS))
    if not owners:
        raise Http404
    form = ChallengeForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        host = next(o for o in owners if o.pk == form.cleaned_data["owner_id"])
        try:
            challenge = challenge_create(host=host, by=request.user, **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The challenge is published."))
            return redirect(challenge.get_absolute_url())
    return render(request, "techtrade/challenge_form.html", {"form": form})


@login_required_or_404
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk, action="edit")
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            challenge_update(challenge=challenge, by=request.user, **form.values())
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(challenge.get_absolute_url())
    return render(request, "techtrade/challenge_form.html", {"form": form, "challenge": challenge})


@login_required_or_404
def challenge_propose(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    startups = _orgs(org_ids_of_kind(request.user, PROPOSER_KINDS))
    if not startups:
        raise Http404
    technologies = list(
        technology_list_for(user=request.user)
        .filter(owner__in=startups)
        .exclude(status=ListingStatus.DRAFT)
        .order_by("title_ko")
    )
    form = ProposalForm(request.POST or None, startups=startups, technologies=technologies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        startup = next(o for o in startups if o.pk == data["startup_id"])
        technology = next((t for t in technologies if t.pk == data["technology_id"]), None)
        try:
            proposal = proposal_submit(
                challenge=challenge,
                startup=startup,
                by=request.user,
                title=data["title"],
                summary=data["summary"],
                poc_plan=data["poc_plan"],
                requested_fund_krw=data["requested_fund_krw"],
                technology=technology,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your proposal is submitted."))
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "techtrade/proposal_form.html",
        {
            "form": form,
            "challenge": challenge,
            "is_open": challenge.is_open_on(timezone.localdate()),
        },
    )


@login_required_or_404
def challenge_proposals(request: HttpRequest, pk: int) -> HttpResponse:
    """The host's review: proposals with the selection method's assessments; keys J/K move,
    S shortlists, A selects, D declines."""
    challenge = access_challenge(user=request.user, challenge_id=pk, action="review")
    status = request.GET.get("status", "")
    proposals = proposal_list_for(user=request.user, challenge=challenge).exclude(
        status=ProposalStatus.WITHDRAWN
    )
    if status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    proposals = list(proposals.order_by("created_at", "id"))
    method = selection_method(challenge.selection_method)
    assessments = method.assess(challenge, proposals)
    rows = [(p, assessments.get(p.pk)) for p in proposals]
    if assessments:
        rows.sort(key=lambda row: -(row[1].score if row[1] and row[1].score is not None else -1e9))
    context = {
        "challenge": challenge,
        "rows": rows,
        "method": method,
        "status": status,
        "statuses": ProposalStatus.choices,
        "selected_count": challenge.proposals.filter(status=ProposalStatus.SELECTED).count(),
    }
    return render(request, "techtrade/challenge_proposals.html", context)


@login_required_or_404
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    is_host = proposal.challenge.host_id in set(org_ids_of_kind(request.user, CHALLENGE_HOST_KINDS))
    poc = getattr(proposal, "poc", None) if proposal.status == ProposalStatus.SELECTED else None
    return render(
        request,
        "techtrade/proposal_detail.html",
        {"proposal": proposal, "is_host": is_host, "poc": poc, "form": ProposalDecisionForm()},
    )


@require_POST
@login_required_or_404
def proposal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk, action="decide")
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown decision."))
    else:
        try:
            proposal_decide(
                proposal=proposal,
                by=request.user,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                {
                    "shortlist": _("Shortlisted."),
                    "select": _("Selected: a PoC and a deal were created."),
                    "decline": _("Declined."),
                    "reopen": _("Back to submitted."),
                }[form.cleaned_data["decision"]],
            )
    target = request.POST.get("next", "")
    if target.startswith("/techtrade/"):
        return redirect(target)
    return redirect("techtrade:challenge-proposals", proposal.challenge_id)


@require_POST
@login_required_or_404
def proposal_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    if proposal.startup_id not in set(org_ids_of_kind(request.user, PROPOSER_KINDS)):
        raise Http404
    try:
        proposal_withdraw(proposal=proposal, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your proposal is withdrawn."))
    return redirect(proposal.get_absolute_url())


# --- deals -----------------------------------------------------------------------------------


def _board_context(request: HttpRequest) -> dict:
    deals = list(
        deal_list_for(user=request.user)
        .select_related("need", "technology", "challenge")
        .order_by("-stage_changed_at", "-id")[:500]
    )
    for deal in deals:
        i = PIPELINE.index(deal.stage) if deal.stage in PIPELINE else -1
        deal.prev_stage = PIPELINE[i - 1] if i > 0 else ""
        deal.next_stage = PIPELINE[i + 1] if 0 <= i < len(PIPELINE) - 1 else ""
    columns = []
    labels = dict(DealStage.choices)
    for stage in (*PIPELINE, DealStage.DROPPED):
        cards = [d for d in deals if d.stage == stage]
        columns.append({"stage": stage, "label": labels[stage], "deals": cards})
    return {
        "columns": columns,
        "stages": PIPELINE,
        "stage_labels": labels,
        "move_form": DealMoveForm(),
        "count": len(deals),
    }


@login_required_or_404
def deal_board(request: HttpRequest) -> HttpResponse:
    """The parties' board: one column per stage; cards move with buttons (keyboard: Tab to a
    card, then [ and ] or the buttons), with htmx swapping the board in place."""
    return render(request, "techtrade/deal_board.html", _board_context(request))


@require_POST
@login_required_or_404
def deal_create(request: HttpRequest) -> HttpResponse:
    """From a match: the need's owner or the technology's owner opens a deal ("matched")."""
    need = access_need(user=request.user, need_id=request.POST.get("need"))
    technology = access_technology(user=request.user, technology_id=request.POST.get("technology"))
    own = set(org_ids_of_kind(request.user, NEED_OWNER_KINDS | TECHNOLOGY_OWNER_KINDS))
    if need.owner_id not in own and technology.owner_id not in own:
        raise Http404
    try:
        deal = deal_open(
            buyer=need.owner,
            seller=technology.owner,
            need=need,
            technology=technology,
            by=request.user,
            stage=DealStage.MATCHED,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect((need if need.owner_id in own else technology).get_absolute_url())
    messages.success(request, _("The deal is on your board."))
    return redirect(deal.get_absolute_url())


@login_required_or_404
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal = access_deal(user=request.user, deal_id=pk)
    form = DealMessageForm()
    context = {
        "deal": deal,
        "history": deal.history.select_related("by").order_by("at", "id"),
        "messages_list": deal.messages.select_related("author", "organization").order_by(
            "created_at", "id"
        ),
        "form": form,
        "move_form": DealMoveForm(initial={"stage": deal.stage}),
        "stages": PIPELINE,
        "stage_labels": dict(DealStage.choices),
        "reached_list": PIPELINE[: PIPELINE.index(deal.reached) + 1]
        if deal.reached in PIPELINE
        else (),
        "poc": Poc.objects.filter(deal=deal).first(),
    }
    return render(request, "techtrade/deal_detail.html", context)


@require_POST
@login_required_or_404
def deal_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    deal = access_deal(user=request.user, deal_id=pk, action="move")
    form = DealMoveForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            deal_move(
                deal=deal,
                to_stage=form.cleaned_data["stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if request.headers.get("HX-Request"):
        context = _board_context(request) | {"error": error, "moved": deal.pk}
        return render(request, "techtrade/_board.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Moved."))
    if request.POST.get("next") == "board":
        return redirect("techtrade:deal-board")
    return redirect(deal.get_absolute_url())


@require_POST
@login_required_or_404
def deal_message(request: HttpRequest, pk: int) -> HttpResponse:
    deal = access_deal(user=request.user, deal_id=pk, action="message")
    form = DealMessageForm(request.POST)
    if form.is_valid():
        try:
            deal_message_post(deal=deal, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Write a message (at most 5,000 characters)."))
    return redirect(f"{deal.get_absolute_url()}#messages")


# --- PoCs ------------------------------------------------------------------------------------


@login_required_or_404
def poc_list(request: HttpRequest) -> HttpResponse:
    pocs = poc_list_for(user=request.user)
    if not pocs.exists() and not org_ids_of_kind(
        request.user, NEED_OWNER_KINDS | TECHNOLOGY_OWNER_KINDS | CHALLENGE_HOST_KINDS
    ):
        raise Http404
    return render(
        request,
        "techtrade/poc_list.html",
        {"page_obj": _page(request, pocs.order_by("-starts_on", "-id"))},
    )


@login_required_or_404
def poc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poc = access_poc(user=request.user, poc_id=pk)
    can_edit = bool(can_edit_poc(request.user, poc))
    form = PocForm(request.POST or None, instance=poc) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                poc_update(
                    poc=access_poc(user=request.user, poc_id=pk, action="edit"),
                    by=request.user,
                    **{k: form.cleaned_data[k] for k in form.Meta.fields},
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(poc.get_absolute_url())
    context = {
        "poc": poc,
        "can_edit": can_edit,
        "form": form,
        "milestone_form": MilestoneForm(),
        "milestones": poc.milestones.order_by("position", "id"),
    }
    return render(request, "techtrade/poc_detail.html", context)


@require_POST
@login_required_or_404
def poc_milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    poc = access_poc(user=request.user, poc_id=pk, action="edit")
    form = MilestoneForm(request.POST)
    if form.is_valid():
        poc_milestone_add(poc=poc, by=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("Name the milestone; the date is optional."))
    return redirect(poc.get_absolute_url())


@require_POST
@login_required_or_404
def milestone_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(PocMilestone.objects.select_related("poc"), pk=pk)
    access_poc(user=request.user, poc_id=milestone.poc_id, action="edit")
    poc_milestone_toggle(milestone=milestone, by=request.user)
    return redirect(milestone.poc.get_absolute_url())


# --- funnel ----------------------------------------------------------------------------------


def _funnel(request: HttpRequest):
    scope = funnel.access_scope(user=request.user, key=request.GET.get("scope", ""))
    deals = funnel.deals_in(scope)
    return scope, deals, funnel.funnel_stats(deals)


@login_required_or_404
def funnel_view(request: HttpRequest) -> HttpResponse:
    """Counts, conversion and median days per stage for a corporate, an institution or the
    city (pipeline metadata only: no confidential details)."""
    scope, _deals, stats = _funnel(request)
    context = {
        "scope": scope,
        "scopes": funnel.scopes_for(user=request.user),
        "stats": stats,
    }
    return render(request, "techtrade/funnel.html", context)


def _filename(scope: funnel.Scope, ext: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"sadari-funnel-{scope.key.replace(':', '-')}-{stamp}.{ext}"


@login_required_or_404
def funnel_csv(request: HttpRequest) -> HttpResponse:
    scope, deals, stats = _funnel(request)
    response = HttpResponse(
        funnel.export_csv(scope, deals, stats), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(scope, "csv")}"'
    return response


@login_required_or_404
def funnel_xlsx(request: HttpRequest) -> HttpResponse:
    scope, deals, stats = _funnel(request)
    response = HttpResponse(
        funnel.export_xlsx(scope, deals, stats),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(scope, "xlsx")}"'
    return response


# --- import ----------------------------------------------------------------------------------


def _import_owners(request: HttpRequest):
    return _orgs(org_ids_of_kind(request.user, NEED_OWNER_KINDS | TECHNOLOGY_OWNER_KINDS))


@login_required_or_404
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a CSV/XLSX of needs or technologies for one of my organizations."""
    owners = _import_owners(request)
    if not owners:
        raise Http404
    form = ImportUploadForm(request.POST or None, request.FILES or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        owner = next(o for o in owners if o.pk == form.cleaned_data["owner_id"])
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        allowed = NEED_OWNER_KINDS if kind == "need" else TECHNOLOGY_OWNER_KINDS
        if owner.kind not in allowed:
            form.add_error(
                "owner_id",
                _("Needs are posted by corporates.")
                if kind == "need"
                else _("Technologies are offered by startups and university labs."),
            )
        elif PurePath(upload.name or "").suffix.lower() not in (".csv", ".tsv", ".txt", ".xlsx"):
            form.add_error("file", _("Only .csv, .tsv, .txt and .xlsx files can be imported."))
        elif upload.size > MAX_FILE_BYTES:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                job, _result = importing.import_start(
                    kind=kind,
                    owner=owner,
                    data=upload.read(),
                    filename=upload.name or "upload",
                    by=request.user,
                )
            except ImportFileError as exc:
                form.add_error("file", exc.localized())
            else:
                return redirect("techtrade:import-detail", job.pk)
    return render(request, "techtrade/import_upload.html", {"form": form})


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


def _column_label(kind: str, name: str) -> str:
    """The field a column was read into, as users know it (not the attribute's name)."""
    if name in TITLE_LABELS:
        return str(TITLE_LABELS[name])
    model = TechNeed if kind == "need" else Technology
    return str(model._meta.get_field(name).verbose_name)


@login_required_or_404
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview with row-numbered problems; POST commits (all or nothing)."""
    job = get_object_or_404(TechImport, pk=pk, created_by=request.user)
    if job.owner_id not in {o.pk for o in _import_owners(request)}:
        raise Http404  # the uploader has left the organization: no import into it
    try:
        result = importing.job_preview(job)
    except ImportFileError as exc:
        messages.error(request, exc.localized())
        return redirect("techtrade:import-upload")
    issues = result.issues
    if request.method == "POST" and job.committed_at is None:
        try:
            created, updated = importing.import_commit(job=job, by=request.user)
        except importing.ImportInvalidError as exc:
            issues = exc.issues
            messages.error(request, _("Nothing was imported: fix the rows below and upload again."))
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.")
                % {"created": created, "updated": updated},
            )
            return redirect(
                reverse(
                    "techtrade:need-list" if job.kind == "need" else "techtrade:technology-list"
                )
                + f"?owner={job.owner_id}"
            )
    english = _english()
    context = {
        "job": job,
        "result": result,
        "issues": [
            {"row": i.row, "column": i.column, "text": i.message_en if english else i.message}
            for i in issues[:500]
        ],
        "sample": [
            (n, values.get("title_ko") or values.get("title_en", ""))
            for n, values in result.rows[:10]
        ],
        "columns": [
            (result.headers[i], _column_label(job.kind, name))
            for i, name in sorted(result.columns.items())
        ],
        "ignored": [h for i, h in enumerate(result.headers) if i not in result.columns],
    }
    return render(request, "techtrade/import_detail.html", context)
