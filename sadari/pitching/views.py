"""Pitching pages. Thin: access (selectors; 404 for missing and forbidden alike) → service →
render or redirect. Errors from services come back onto the form or as a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.spreadsheet import table_download
from sadari.common.views import add_validation_errors, login_required_or_404, page_of
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.pitching import conflicts as coi
from sadari.pitching import selectors, services
from sadari.pitching.enums import (
    AssignmentStatus,
    BatchStatus,
    BookingStatus,
    CallKind,
    Method,
    Phase,
    SubmissionStatus,
)
from sadari.pitching.forms import (
    AffiliationForm,
    BookingForm,
    CallForm,
    CloseForm,
    ConflictForm,
    CriterionFormSet,
    DeclineForm,
    ExpertForm,
    InviteForm,
    NoteForm,
    ReviewForm,
    SlotForm,
    SubmissionForm,
)
from sadari.pitching.models import (
    Affiliation,
    Assignment,
    Batch,
    Booking,
    Call,
    DeclaredConflict,
    Expert,
    Invitation,
    Review,
    Slot,
    Submission,
)
from sadari.pitching.rules import can_create_call, can_manage_call, staff_host_ids
from sadari_core.text.company import normalize_company_name


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- public: calls --------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    calls = list(selectors.calls_for(request.user).order_by("kind", "host__sort_name", "-opens_at"))
    now = timezone.now()
    for call in calls:
        call.current_phase = call.phase(now)  # type: ignore[attr-defined]
        call.phase_label = Phase(call.current_phase).label  # type: ignore[attr-defined]
    expert = services.expert_for(request.user)
    return render(
        request,
        "pitching/home.html",
        {
            "desks": [c for c in calls if c.kind == CallKind.ROLLING],
            "dated": [c for c in calls if c.kind == CallKind.DATED],
            "expert": expert,
            "can_create": can_create_call(request.user),
            "managed": selectors.managed_calls(request.user)[:50]
            if request.user.is_authenticated
            else [],
        },
    )


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = Call.objects.select_related("host").filter(pk=pk).first()
    if call is None:
        raise Http404
    return render(
        request,
        "pitching/call_detail.html",
        {
            "call": call,
            "phase": call.phase(),
            "criteria": call.criteria.all(),
            "can_manage": can_manage_call(request.user, call),
            "mine": Submission.objects.filter(call=call, applicant=request.user)
            if request.user.is_authenticated
            else [],
        },
    )


def _hosts(user: Any):
    from sadari.accounts.rules import is_city_operator

    if is_city_operator(user):
        return Organization.objects.filter(
            kind__in=[OrgKind.INSTITUTION, OrgKind.HUB, OrgKind.UNIVERSITY],
            merged_into__isnull=True,
        ).order_by("sort_name")
    return Organization.objects.filter(pk__in=staff_host_ids(user)).order_by("sort_name")


@login_required_or_404
def call_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    call = selectors.access_call_staff(request.user, pk) if pk else None
    if call is None and not can_create_call(request.user):
        raise Http404
    hosts = _hosts(request.user)
    form = CallForm(request.POST or None, instance=call, hosts=hosts)
    formset = CriterionFormSet(request.POST or None, instance=call or Call())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            saved = form.save()
            formset.instance = saved
            formset.save()
        messages.success(request, _("The call is saved."))
        return redirect("pitching:call-manage", pk=saved.pk)
    return render(
        request, "pitching/call_form.html", {"form": form, "formset": formset, "call": call}
    )


# --- applicants -----------------------------------------------------------------------------


@login_required_or_404
def submission_create(request: HttpRequest, pk: int) -> HttpResponse:
    call = Call.objects.filter(pk=pk).first()
    if call is None:
        raise Http404
    form = SubmissionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            sub = services.submission_create(
                call=call,
                applicant=request.user,
                data=form.cleaned_data,
                deck=form.cleaned_data.get("deck_file"),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            if "submit" not in request.POST:
                messages.success(request, _("Draft saved."))
                return redirect("pitching:submission-edit", pk=sub.pk)
            try:
                services.submission_submit(sub, by=request.user)
            except ValidationError as exc:
                # Saved as a draft, but not complete enough to submit: show what is missing.
                _fail(request, exc)
                return redirect(reverse("pitching:submission-edit", args=[sub.pk]) + "?check=1")
            messages.success(request, _("Your idea is submitted."))
            return redirect(sub.get_absolute_url())
    return render(request, "pitching/submission_form.html", {"form": form, "call": call})


@login_required_or_404
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sub, role = selectors.access_submission(request.user, pk)
    if role != "applicant" or sub.status != SubmissionStatus.DRAFT:
        raise Http404
    form = SubmissionForm(
        request.POST or None, request.FILES or None, instance=sub, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_update(
                sub,
                by=request.user,
                data=form.cleaned_data,
                deck=form.cleaned_data.get("deck_file"),
            )
            if "submit" in request.POST:
                services.submission_submit(sub, by=request.user)
                messages.success(request, _("Your idea is submitted."))
                return redirect(sub.get_absolute_url())
            messages.success(request, _("Draft saved."))
            return redirect("pitching:submission-edit", pk=sub.pk)
        except ValidationError as exc:
            add_validation_errors(form, exc)
    elif request.GET.get("check"):
        missing = [n for n in services.REQUIRED_TO_SUBMIT if not str(getattr(sub, n) or "").strip()]
        if missing:
            labels = ", ".join(str(form.fields[n].label) for n in missing)
            messages.error(
                request, _("Fill these in before you submit: %(fields)s") % {"fields": labels}
            )
    return render(
        request,
        "pitching/submission_form.html",
        {"form": form, "call": sub.call, "submission": sub},
    )


@login_required_or_404
def my_submissions(request: HttpRequest) -> HttpResponse:
    subs = (
        Submission.objects.filter(applicant=request.user)
        .select_related("call__host", "batch", "result")
        .order_by("-created_at")
    )
    page = page_of(request, subs, 20)
    now = timezone.now()
    for s in page.object_list:
        result = getattr(s, "result", None) if hasattr(s, "result") else None
        s.feedback_ready = bool(result and result.released_at and result.released_at <= now)  # type: ignore[attr-defined]
    return render(request, "pitching/my_submissions.html", {"page": page})


@login_required_or_404
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub, role = selectors.access_submission(request.user, pk)
    result = getattr(sub, "result", None) if hasattr(sub, "result") else None
    if role == "applicant" and (
        result is None or result.released_at is None or result.released_at > timezone.now()
    ):
        result = None  # nothing before release (a dated call's results date)
    context: dict[str, Any] = {
        "submission": sub,
        "role": role,
        "result": result,
        "history": [
            v for v in sub.history() if role == "applicant" or v.status != SubmissionStatus.DRAFT
        ],
        "can_resubmit": role == "applicant" and services.can_resubmit(sub),
        "bookings": sub.bookings.select_related("slot__mentor__user")
        if role == "applicant"
        else [],
    }
    if role == "staff":
        context["assignments"] = sub.assignments.select_related("expert__user").prefetch_related(
            "review__scores__criterion"
        )
    return render(request, "pitching/submission_detail.html", context)


@login_required_or_404
@require_POST
def submission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    sub, role = selectors.access_submission(request.user, pk)
    if role != "applicant":
        raise Http404
    try:
        if action == "submit":
            services.submission_submit(sub, by=request.user)
            messages.success(request, _("Your idea is submitted."))
        elif action == "withdraw":
            services.submission_withdraw(sub, by=request.user)
            messages.success(request, _("Your idea is withdrawn."))
        elif action == "resubmit":
            draft = services.submission_resubmit(sub, by=request.user)
            messages.success(request, _("A new version is ready to improve and submit."))
            return redirect("pitching:submission-edit", pk=draft.pk)
        else:
            raise Http404
    except ValidationError as exc:
        _fail(request, exc)
        if action == "submit":
            return redirect(reverse("pitching:submission-edit", args=[sub.pk]) + "?check=1")
    return redirect(sub.get_absolute_url())


def deck(request: HttpRequest, pk: int) -> HttpResponse:
    sub = Submission.objects.select_related("call", "applicant").filter(pk=pk).first()
    if sub is None or not sub.deck or not selectors.may_read_deck(request.user, sub):
        raise Http404
    is_reviewer = request.user.pk != sub.applicant_id and not can_manage_call(
        request.user, sub.call
    )
    try:
        handle = sub.deck.open("rb")
    except OSError:
        raise Http404 from None
    if is_reviewer and sub.call.blind_review:
        # The PDF's author and title fields often name the applicant: stripped for blind review.
        with handle:
            try:
                data = services.deck_without_metadata(handle.read())
            except ValueError:
                raise Http404 from None
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="deck.pdf"'
    else:
        response = FileResponse(handle, content_type="application/pdf", filename="deck.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- reviewers ------------------------------------------------------------------------------


@login_required_or_404
def review_queue(request: HttpRequest) -> HttpResponse:
    expert = services.expert_for(request.user)
    return render(
        request,
        "pitching/review_queue.html",
        {
            "expert": expert,
            "assignments": selectors.review_queue(expert),
            "invitations": selectors.invitations_of(expert),
        },
    )


@login_required_or_404
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.access_assignment(request.user, pk)
    sub = assignment.submission
    own = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    criteria = list(sub.call.criteria.all())
    initial: dict[str, Any] = {}
    if own is not None:
        initial = {
            "comment": own.comment,
            "staff_note": own.staff_note,
            "confidence": own.confidence,
        }
        initial.update({f"c{s.criterion_id}": s.value for s in own.scores.all()})
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                assignment,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                staff_note=form.cleaned_data["staff_note"],
                confidence=form.cleaned_data["confidence"],
                submit="submit" in request.POST,
            )
            messages.success(
                request, _("Review submitted.") if "submit" in request.POST else _("Draft saved.")
            )
            return redirect("pitching:review", pk=assignment.pk)
        except ValidationError as exc:
            add_validation_errors(form, exc)
    return render(
        request,
        "pitching/review.html",
        {
            "assignment": assignment,
            "view": selectors.reviewer_view(sub),
            "submission": sub,
            "form": form,
            "own": own,
            "others": _anonymous(selectors.others_reviews(assignment, own)),
            "closed": assignment.batch.status == BatchStatus.CLOSED
            or services.reviews_closed(sub.call),
            "decline_form": DeclineForm(),
        },
    )


def _anonymous(reviews: list[Review] | None) -> list[Review] | None:
    """Other reviewers' comments with every reviewer's name masked (one may sign theirs)."""
    if not reviews:
        return reviews
    names = services.reviewer_names(r.assignment.expert for r in reviews)
    for r in reviews:
        r.comment = selectors.redact(r.comment, names)
    return reviews


@login_required_or_404
@require_POST
def review_decline(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.access_assignment(request.user, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the staff why (they read it)."))
        return redirect("pitching:review", pk=pk)
    try:
        services.assignment_decline(assignment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Declined. The staff have been told."))
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("pitching:review", pk=pk)
    return redirect("pitching:review-queue")


@login_required_or_404
@require_POST
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = Invitation.objects.filter(pk=pk, expert__user=request.user).first()
    if invitation is None:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    services.invitation_respond(invitation, by=request.user, accept=accept)
    messages.success(
        request, _("Thank you for accepting.") if accept else _("Invitation declined.")
    )
    return redirect("pitching:review-queue")


@login_required_or_404
def expert_profile(request: HttpRequest) -> HttpResponse:
    expert = services.expert_for(request.user)
    form = ExpertForm(
        request.POST or None, instance=expert, initial=None if expert else {"languages": ["ko"]}
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if expert is None:
            saved.user = request.user
            saved.person = (
                getattr(request.user, "person", None) if hasattr(request.user, "person") else None
            )
        saved.save()
        messages.success(request, _("Your expert profile is saved."))
        return redirect("pitching:expert-profile")
    return render(
        request,
        "pitching/expert_profile.html",
        {
            "form": form,
            "expert": expert,
            "affiliation_form": AffiliationForm(),
            "conflict_form": ConflictForm(),
            "affiliations": expert.affiliations.select_related("organization") if expert else [],
            "declared": expert.declared_conflicts.select_related("organization") if expert else [],
        },
    )


def _org_by_name(name: str) -> Organization | None:
    key = normalize_company_name(name)
    if not key:
        return None
    for org in Organization.objects.filter(
        Q(name_ko__iexact=name.strip()) | Q(name_en__iexact=name.strip()), merged_into__isnull=True
    )[:5]:
        return org
    for org in Organization.objects.filter(
        Q(name_ko__icontains=name.strip()[:20]) | Q(name_en__icontains=name.strip()[:20]),
        merged_into__isnull=True,
    )[:20]:
        if key in (normalize_company_name(org.name_ko), normalize_company_name(org.name_en or "")):
            return org
    return None


@login_required_or_404
@require_POST
def affiliation_add(request: HttpRequest) -> HttpResponse:
    expert = services.expert_for(request.user, create=True)
    assert expert is not None
    form = AffiliationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        Affiliation.objects.create(
            expert=expert,
            organization=_org_by_name(data["name"]),
            name=data["name"],
            role=data["role"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
        )
        messages.success(request, _("Affiliation added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("pitching:expert-profile")


@login_required_or_404
@require_POST
def affiliation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    Affiliation.objects.filter(pk=pk, expert__user=request.user).delete()
    return redirect("pitching:expert-profile")


@login_required_or_404
@require_POST
def conflict_declare(request: HttpRequest) -> HttpResponse:
    expert = services.expert_for(request.user, create=True)
    assert expert is not None
    form = ConflictForm(request.POST)
    if form.is_valid():
        org = _org_by_name(form.cleaned_data["organization"])
        if org is None:
            messages.error(request, _("No organization of that name in the directory."))
        else:
            DeclaredConflict.objects.create(
                expert=expert, organization=org, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("Conflict declared: you will not review %(org)s.") % {"org": org.name}
            )
    else:
        messages.error(request, _("Name the organization and the reason."))
    return redirect("pitching:expert-profile")


# --- staff ----------------------------------------------------------------------------------


@login_required_or_404
def call_manage(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.access_call_staff(request.user, pk)
    invited = set(call.invitations.values_list("expert_id", flat=True))
    invite_form = InviteForm(
        experts=Expert.objects.exclude(pk__in=invited)
        .select_related("user")
        .order_by("user__display_name"),
    )
    batches = call.batches.annotate(
        ideas=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED))
    )
    return render(
        request,
        "pitching/call_manage.html",
        {
            "call": call,
            "batches": batches,
            "invitations": call.invitations.select_related("expert__user"),
            "invite_form": invite_form,
            "criteria": call.criteria.all(),
        },
    )


@login_required_or_404
@require_POST
def call_invite(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.access_call_staff(request.user, pk)
    form = InviteForm(request.POST, experts=Expert.objects.all())
    if form.is_valid():
        services.invite(call=call, expert=form.cleaned_data["expert"], by=request.user)
        messages.success(request, _("Invitation sent."))
    else:
        messages.error(request, _("Choose an expert."))
    return redirect("pitching:call-manage", pk=pk)


@login_required_or_404
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.access_batch(request.user, pk)
    method = (
        request.GET.get("method") if request.GET.get("method") in Method.values else batch.method
    )
    subs = services.live_submissions(batch)
    experts = services.pool(batch.call)
    rows_of_batch = list(
        batch.assignments.select_related("expert__user")
        .prefetch_related(Prefetch("review", queryset=Review.objects.all()))
        .order_by("expert__user__display_name")
    )
    # Conflicts of the pool and of every assigned reviewer (one may have left the pool).
    found = coi.detect(
        {e.pk: e for e in [*experts, *(a.expert for a in rows_of_batch)]}.values(), subs
    )
    assignments: dict[int, list[Assignment]] = {}
    for a in rows_of_batch:
        # A conflict that appeared after assignment (a booking, a declaration): the reviewer
        # no longer sees the idea; staff replace them, even after they submitted.
        a.conflicted = (  # type: ignore[attr-defined]
            a.status != AssignmentStatus.DECLINED and (a.expert_id, a.submission_id) in found
        )
        assignments.setdefault(a.submission_id, []).append(a)
    rows = services.batch_scores(batch, method) if batch.status != BatchStatus.OPEN else []
    scores = {row.submission.pk: row for row in rows}
    results = {r.submission_id: r for r in batch.results.all()}
    items = []
    for s in subs:
        conflicted = [(e, found[(e.pk, s.pk)]) for e in experts if (e.pk, s.pk) in found]
        taken = {a.expert_id for a in assignments.get(s.pk, [])}
        # Staff who submitted an idea to their own café's desk are its applicant there:
        # they never see (or pick) its reviewers.
        own = s.applicant_id == request.user.pk
        items.append(
            {
                "submission": s,
                "own": own,
                "assignments": [] if own else assignments.get(s.pk, []),
                "conflicts": [] if own else conflicted,
                "candidates": []
                if own
                else [e for e in experts if e.pk not in taken and (e.pk, s.pk) not in found],
                "score": scores.get(s.pk),
                "result": results.get(s.pk),
            }
        )
    if rows:
        order = {row.submission.pk: i for i, row in enumerate(rows)}
        items.sort(key=lambda item: order.get(item["submission"].pk, 10**9))
    load: dict[int, int] = {}
    for group in assignments.values():
        for a in group:
            if a.status != AssignmentStatus.DECLINED:
                load[a.expert_id] = load.get(a.expert_id, 0) + 1
    elsewhere = services.load_elsewhere(experts, batch)
    return render(
        request,
        "pitching/batch_detail.html",
        {
            "batch": batch,
            "call": batch.call,
            "items": items,
            # The load of a batch holding the viewer's own idea would tell its reviewers.
            "experts": []
            if any(item["own"] for item in items)
            # Capacity holds across concurrent batches: count what they review elsewhere too.
            else [(e, load.get(e.pk, 0) + elsewhere[e.pk]) for e in experts],
            "method": method,
            "methods": Method.choices,
            "close_form": CloseForm(initial={"method": method}),
            "proposal": request.session.pop(f"pitching-proposal-{batch.pk}", None),
        },
    )


@login_required_or_404
@require_POST
def batch_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    batch = selectors.access_batch(request.user, pk)
    try:
        if action == "propose":
            proposal = services.assignment_propose(batch, by=request.user)
            request.session[f"pitching-proposal-{batch.pk}"] = {
                "created": proposal.created,
                "uncovered": len(proposal.uncovered),
                "conflicts": proposal.conflicts,
                "mean_affinity": round(proposal.mean_affinity, 3),
            }
            messages.success(request, _("Assignment proposed: review and adjust it, then publish."))
        elif action == "publish":
            n = services.assignment_publish(batch, by=request.user)
            messages.success(request, _("Published %(n)s assignments to the reviewers.") % {"n": n})
        elif action == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose how to aggregate the scores."))
            n = services.batch_close(
                batch,
                by=request.user,
                method=form.cleaned_data["method"],
                shortlist=form.cleaned_data["shortlist"] or 0,
            )
            release = services.release_time(batch.call, timezone.now())
            if release > timezone.now() + dt.timedelta(minutes=1):
                messages.success(
                    request,
                    _("Batch closed; feedback for %(n)s ideas is released on %(date)s.")
                    % {"n": n, "date": f"{timezone.localtime(release):%Y-%m-%d %H:%M}"},
                )
            else:
                messages.success(
                    request, _("Batch closed; feedback released for %(n)s ideas.") % {"n": n}
                )
        else:
            raise Http404
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("pitching:batch-detail", pk=pk)


@login_required_or_404
@require_POST
def batch_assign(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    batch = selectors.access_batch(request.user, pk)
    sub = batch.submissions.filter(pk=submission_pk).first()
    expert = Expert.objects.filter(pk=_int(request.POST.get("expert"))).first()
    if sub is None or expert is None:
        messages.error(request, _("Choose an expert."))
        return redirect("pitching:batch-detail", pk=pk)
    replace = batch.assignments.filter(pk=_int(request.POST.get("replace")), submission=sub).first()
    try:
        services.assignment_set(sub, expert=expert, by=request.user, replace=replace)
        messages.success(request, _("Reviewer set."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("pitching:batch-detail", pk=pk)


EXPORT_HEADER = [
    "rank",
    "title",
    "applicant",
    "company",
    "score",
    "low",
    "high",
    "reviews",
    "disagreement",
    "shortlisted",
]


def _export_rows(batch: Batch, method: str) -> list[list[Any]]:
    results = {r.submission_id: r for r in batch.results.all()}
    rows = []
    for row in services.batch_scores(batch, method):
        s = row.submission
        result = results.get(s.pk)
        rows.append(
            [
                row.rank or "",
                s.title,
                str(s.applicant),
                s.organization.name if s.organization else "",
                "" if row.estimate is None else round(row.estimate, 1),
                "" if row.low is None else round(row.low, 1),
                "" if row.high is None else round(row.high, 1),
                row.reviews,
                "yes" if row.disagreement else "",
                "yes" if result is not None and result.shortlisted else "",
            ]
        )
    return rows


@login_required_or_404
def batch_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The ranking (and shortlist) as CSV or XLSX: scores, bands, flags — never reviewers."""
    batch = selectors.access_batch(request.user, pk)
    method = (
        request.GET.get("method") if request.GET.get("method") in Method.values else batch.method
    )
    rows = _export_rows(batch, method)
    name = f"pitching-batch-{batch.pk}-{method}"
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return table_download(
        fmt=fmt, header=EXPORT_HEADER, rows=rows, name=name, sheet_title="ranking"
    )


# --- mentoring ------------------------------------------------------------------------------


@login_required_or_404
def mentoring(request: HttpRequest) -> HttpResponse:
    expert = services.expert_for(request.user)
    now = timezone.now()
    open_slots = (
        Slot.objects.filter(starts_at__gt=now)
        .exclude(bookings__status=BookingStatus.BOOKED)
        .select_related("mentor__user", "host")
        .order_by("starts_at")
    )
    if expert is not None:
        open_slots = open_slots.exclude(mentor=expert)
    return render(
        request,
        "pitching/mentoring.html",
        {
            "slots": page_of(request, open_slots, 30),
            "bookings": selectors.my_bookings(request.user),
            "expert": expert,
            "my_slots": expert.slots.filter(ends_at__gt=now).prefetch_related(
                Prefetch(
                    "bookings",
                    queryset=Booking.objects.filter(status=BookingStatus.BOOKED).select_related(
                        "applicant"
                    ),
                )
            )
            if expert
            else [],
            "slot_form": SlotForm(),
            "booking_form": BookingForm(user=request.user),
            "cafe_bookings": selectors.cafe_bookings(
                request.user, since=now - dt.timedelta(days=30)
            ),
        },
    )


@login_required_or_404
@require_POST
def slot_create(request: HttpRequest) -> HttpResponse:
    expert = services.expert_for(request.user)
    if expert is None:
        raise Http404
    form = SlotForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.slot_create(
                mentor=expert,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["starts_at"] + dt.timedelta(minutes=data["minutes"]),
                mode=data["mode"],
                place=data["place"],
                host=data["host"],
            )
            messages.success(request, _("Slot opened."))
        except ValidationError as exc:
            _fail(request, exc)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("pitching:mentoring")


@login_required_or_404
@require_POST
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    slot = Slot.objects.select_related("mentor").filter(pk=pk).first()
    if slot is None:
        raise Http404
    form = BookingForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Check the booking."))
        return redirect("pitching:mentoring")
    try:
        booking = services.booking_create(
            slot=slot,
            applicant=request.user,
            submission=form.cleaned_data["submission"],
            topic=form.cleaned_data["topic"],
        )
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, ValidationError):
            _fail(request, exc)
        return redirect("pitching:mentoring")
    messages.success(request, _("Booked. You will get a reminder the day before."))
    return redirect("pitching:booking-detail", pk=booking.pk)


@login_required_or_404
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking, role = selectors.access_booking(request.user, pk)
    form = NoteForm(request.POST or None) if role == "mentor" else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            services.note_add(booking, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Note saved."))
            return redirect("pitching:booking-detail", pk=pk)
    return render(
        request,
        "pitching/booking_detail.html",
        {
            "booking": booking,
            "role": role,
            "notes": booking.notes.all(),
            "form": form,
            "show_idea": selectors.booking_idea_visible(request.user, booking, role),
        },
    )


@login_required_or_404
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking, role = selectors.access_booking(request.user, pk)
    if role not in ("applicant", "mentor"):
        raise Http404
    try:
        services.booking_cancel(booking, by=request.user)
        messages.success(request, _("Booking cancelled."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("pitching:mentoring")
