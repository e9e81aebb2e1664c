"""Spaces pages. Thin: access (selectors; 404 for missing and forbidden alike) → service →
render or redirect. Service errors come back onto the form or as a message."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.spreadsheet import table_download
from sadari.common.templatetags.sadari_format import kdate
from sadari.common.views import add_validation_errors, login_required_or_404, page_of
from sadari.directory.models import Organization, Space
from sadari.spaces import calendar, rules, selectors, services
from sadari.spaces.enums import LIVE_STATUSES
from sadari.spaces.forms import (
    BookingForm,
    ClosedDateForm,
    DecisionForm,
    PeriodForm,
    PolicyForm,
    SearchForm,
)
from sadari.spaces.models import CalendarToken, ClosedDate


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- public: find, space page, space feed ----------------------------------------------------


SPACES_PER_PAGE = 40


def _when_label(moment: dt.datetime) -> str:
    """2026년 12월 1일 10:00 (the Korean date format of the site, then the local time)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{kdate(local.date())} {local:%H:%M}"


def space_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(
        request.GET or None,
        institutions=selectors.institutions_with_spaces(),
        districts=selectors.districts_with_spaces(),
    )
    filters = selectors.SpaceFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.SpaceFilters(
            kind=data["kind"],
            institution=data["institution"].pk if data["institution"] else None,
            district=data["district"],
            min_capacity=data["min_capacity"],
            equipment=data["equipment"].strip(),
            free_only=data["free_only"],
            at=form.free_at(),
            hours=data["hours"] or 1,
        )
    spaces = selectors.space_search(filters)
    context = {
        "form": form,
        "page_obj": page_of(request, spaces, SPACES_PER_PAGE),
        "total": len(spaces),
        "free_at": filters.at,
        "free_at_label": _when_label(filters.at) if filters.at else "",
        "hours": filters.hours,
    }
    return render(request, "spaces/space_list.html", context)


def _monday(request: HttpRequest) -> dt.date:
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = today
    if abs((day - today).days) > 800:
        day = today
    return day - dt.timedelta(days=day.weekday())


def _bookable(space_id: int) -> Space:
    space = selectors.bookable_spaces().filter(pk=space_id).first()
    if space is None:
        raise Http404
    return space


def space_detail(request: HttpRequest, pk: int, form: BookingForm | None = None) -> HttpResponse:
    space = _bookable(pk)
    policy = space.booking_policy
    monday = _monday(request)
    user = request.user
    may_book = rules.audience_allows(user, space, policy.audience)
    if form is None and may_book:
        # A free cell of the grid links here with its date and time filled in.
        initial: dict[str, Any] = {"date": max(monday, timezone.localdate())}
        picked_start = request.GET.get("start", "")
        with contextlib.suppress(ValueError):
            initial["date"] = dt.date.fromisoformat(request.GET.get("date", ""))
        form = BookingForm(user=user, policy=policy, initial=initial)
        if picked_start in dict(form.fields["start"].choices):
            initial["start"] = picked_start
            ends = [value for value, _label in form.fields["end"].choices if value > picked_start]
            step = max(policy.min_minutes // 30, 1) - 1
            if ends:
                initial["end"] = ends[min(step, len(ends) - 1)]
    return render(
        request,
        "spaces/space_detail.html",
        {
            "space": space,
            "policy": policy,
            "grid": selectors.week_grid(space=space, policy=policy, monday=monday),
            "prev_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "may_book": may_book,
            "form": form,
            "can_manage": rules.can_manage_space(user, space),
            "upcoming": selectors.upcoming_bookings_at(space=space, user=user),
            "closed_dates": policy.closed_dates.filter(date__gte=timezone.localdate())[:10],
            "hours": [
                (name, row)
                for name, row in zip(
                    [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
                    policy.hours if isinstance(policy.hours, list) else [None] * 7,
                    strict=False,
                )
            ],
        },
    )


@login_required_or_404
@require_POST
def space_book(request: HttpRequest, pk: int) -> HttpResponse:
    space = _bookable(pk)
    if not rules.audience_allows(request.user, space, space.booking_policy.audience):
        raise Http404
    form = BookingForm(request.POST, user=request.user, policy=space.booking_policy)
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_create(
                space=space,
                by=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
                attendees=data["attendees"],
                organization=data["organization"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    target = {"starts_at": "start", "ends_at": "end"}.get(name, name)
                    form.add_error(target if target in form.fields else None, errors)
            else:
                add_validation_errors(form, exc)
        else:
            if booking.status == "pending":
                messages.success(request, _("Requested. The host will approve or decline it."))
            else:
                messages.success(request, _("Booked."))
            return redirect("spaces:booking-detail", booking.pk)
    return space_detail(request, pk, form=form)


def space_ics(request: HttpRequest, pk: int) -> HttpResponse:
    space = _bookable(pk)
    now = timezone.now()
    blocks = selectors.busy_blocks(
        space=space, start=now - dt.timedelta(days=30), end=now + dt.timedelta(days=366)
    )
    response = HttpResponse(
        calendar.space_feed(space=space, blocks=blocks), content_type=calendar.CONTENT_TYPE
    )
    response["Content-Disposition"] = f'inline; filename="space-{space.pk}.ics"'
    return response


def my_ics(request: HttpRequest, token: str) -> HttpResponse:
    owner = CalendarToken.objects.filter(token=token).select_related("user").first()
    if owner is None or not token:
        raise Http404
    bookings = selectors.my_bookings(user=owner.user).filter(
        status__in=LIVE_STATUSES, ends_at__gt=timezone.now() - dt.timedelta(days=90)
    )
    response = HttpResponse(
        calendar.personal_feed(user=owner.user, bookings=bookings),
        content_type=calendar.CONTENT_TYPE,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- the booker ------------------------------------------------------------------------------


@login_required_or_404
def my_bookings(request: HttpRequest) -> HttpResponse:
    bookings = list(selectors.my_bookings(user=request.user)[:200])
    now = timezone.now()
    token = services.calendar_token_for(user=request.user)
    return render(
        request,
        "spaces/my_bookings.html",
        {
            "upcoming": [b for b in bookings if b.ends_at > now and b.is_live],
            "history": [b for b in bookings if not (b.ends_at > now and b.is_live)],
            "feed_url": request.build_absolute_uri(reverse("spaces:my-ics", args=[token.token])),
        },
    )


@login_required_or_404
@require_POST
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    services.calendar_token_rotate(user=request.user)
    messages.success(request, _("A new calendar link is made; the old one no longer works."))
    return redirect("spaces:my-bookings")


@login_required_or_404
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.access_booking(user=request.user, booking_id=pk)
    return render(
        request,
        "spaces/booking_detail.html",
        {
            "booking": booking,
            "can_manage": rules.can_manage_space(request.user, booking.space),
            "is_mine": booking.booked_by_id == request.user.pk,
            "decision_form": DecisionForm(),
        },
    )


@login_required_or_404
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.access_booking(user=request.user, booking_id=pk)
    try:
        services.booking_cancel(
            booking=booking, by=request.user, reason=request.POST.get("reason", "")
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect("spaces:booking-detail", booking.pk)


@login_required_or_404
@require_POST
def booking_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    booking = selectors.access_booking(user=request.user, booking_id=pk)
    if decision not in {"approve", "decline"} or not rules.can_manage_space(
        request.user, booking.space
    ):
        raise Http404
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if decision == "approve":
            services.booking_approve(booking=booking, by=request.user)
            messages.success(request, _("Approved."))
        else:
            services.booking_decline(booking=booking, by=request.user, reason=reason)
            messages.success(request, _("Declined."))
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    next_url = request.POST.get("next", "")
    if next_url == "approvals":
        return redirect("spaces:approvals")
    return redirect("spaces:booking-detail", booking.pk)


# --- host staff and operators ----------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not rules.can_manage_any(request.user):
        raise Http404


@login_required_or_404
def approvals(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    queue = list(selectors.approval_queue_for(user=request.user)[:200])
    return render(
        request,
        "spaces/approvals.html",
        {"queue": queue, "decision_form": DecisionForm()},
    )


@login_required_or_404
def manage(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    spaces = selectors.managed_spaces_for(user=request.user).select_related("booking_policy")
    return render(request, "spaces/manage.html", {"spaces": spaces[:500]})


@login_required_or_404
def policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    space = selectors.access_managed_space(user=request.user, space_id=pk)
    policy = services.policy_for(space)
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid():
            try:
                services.policy_save(space=space, by=request.user, **form.values())
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("The booking policy is saved."))
                return redirect("spaces:policy-edit", space.pk)
    else:
        from sadari.spaces.models import BookingPolicy

        form = PolicyForm(initial=PolicyForm.initial_for(policy or BookingPolicy(space=space)))
    return render(
        request,
        "spaces/policy_form.html",
        {
            "space": space,
            "policy": policy,
            "form": form,
            "closed_form": ClosedDateForm(),
            "closed_dates": policy.closed_dates.all() if policy else [],
        },
    )


@login_required_or_404
@require_POST
def closed_date_add(request: HttpRequest, pk: int) -> HttpResponse:
    space = selectors.access_managed_space(user=request.user, space_id=pk)
    policy = services.policy_for(space)
    form = ClosedDateForm(request.POST)
    if policy is None:
        messages.error(request, _("Save the booking policy first."))
    elif form.is_valid():
        services.closed_date_add(
            policy=policy,
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("The closed date is added."))
    else:
        messages.error(request, _("Give a valid date."))
    return redirect("spaces:policy-edit", space.pk)


@login_required_or_404
@require_POST
def closed_date_delete(request: HttpRequest, pk: int, closed_pk: int) -> HttpResponse:
    space = selectors.access_managed_space(user=request.user, space_id=pk)
    closed = get_object_or_404(ClosedDate, pk=closed_pk, policy__space=space)
    services.closed_date_remove(closed=closed, by=request.user)
    messages.success(request, _("The closed date is removed."))
    return redirect("spaces:policy-edit", space.pk)


# --- utilization -----------------------------------------------------------------------------


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date, int | None, bool]:
    """The chosen period and institution; staff are kept to their own institutions."""
    user = request.user
    operator = rules.is_operator(user)
    institutions = (
        Organization.objects.filter(spaces__booking_policy__isnull=False)
        .distinct()
        .order_by("sort_name", "id")
    )
    if not operator:
        institutions = institutions.filter(pk__in=rules.staff_host_ids(user))
    today = timezone.localdate()
    default_start = today.replace(day=1) - dt.timedelta(days=365)
    default_start = default_start.replace(day=1)
    form = PeriodForm(request.GET or None, institutions=institutions)
    start, end, institution = default_start, today.replace(day=1), None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"] + dt.timedelta(days=1)
        institution = form.cleaned_data["institution"]
    if not form.is_bound:
        form = PeriodForm(
            initial={"start": start, "end": end - dt.timedelta(days=1)}, institutions=institutions
        )
    institution_id = institution.pk if institution else None
    if institution_id is None and not operator:
        own = sorted(rules.staff_host_ids(user))
        institution_id = own[0] if len(own) == 1 else None
    return form, start, end, institution_id, operator


def _utilization_for(request: HttpRequest) -> tuple[PeriodForm, selectors.UtilizationReport]:
    form, start, end, institution_id, operator = _period(request)
    report = selectors.utilization(
        start=start,
        end=end,
        institution_id=institution_id,
        institution_ids=None if operator else rules.staff_host_ids(request.user),
    )
    return form, report


@login_required_or_404
def utilization(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form, report = _utilization_for(request)
    return render(
        request,
        "spaces/utilization.html",
        {"form": form, "report": report, "query": request.GET.urlencode()},
    )


UTILIZATION_HEADER = [
    "institution",
    "space",
    "open_hours",
    "booked_hours",
    "utilization",
    "bookings",
    "cancelled",
    "approved",
    "declined",
    "approval_rate",
]


def _ratio(value: float | None) -> Any:
    return "" if value is None else round(value, 4)


@login_required_or_404
def utilization_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_manager(request)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    _form, report = _utilization_for(request)
    table: list[list[Any]] = [
        [
            row.institution,
            row.name if row.space_id else "",
            round(row.open_hours, 1),
            round(row.booked_hours, 1),
            _ratio(row.rate),
            row.bookings,
            row.cancelled,
            row.approved,
            row.declined,
            _ratio(row.approval_rate),
        ]
        for row in [*report.spaces, *report.institutions]
    ]
    name = f"space-utilization-{report.start:%Y%m%d}-{report.end - dt.timedelta(days=1):%Y%m%d}"
    return table_download(
        fmt=fmt, header=UTILIZATION_HEADER, rows=table, name=name, sheet_title="utilization"
    )
