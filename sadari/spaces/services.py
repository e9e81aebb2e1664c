"""Spaces services: every change goes through here (views and the demo call them).

A booking is validated (audience, hours, grid, length, horizon, closed dates, capacity), then
created with one ``BookingSlot`` per 30-minute unit in the same transaction: the unique
(space, starts_at) constraint is the only double-booking check, so two concurrent requests for
overlapping times cannot both win — the loser's IntegrityError becomes a clear message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership
from sadari.accounts.rules import org_ids_of
from sadari.investment.services import notifications_muted, notify_each  # noqa: F401
from sadari.spaces import rules
from sadari.spaces.enums import LIVE_STATUSES, BookingStatus
from sadari.spaces.models import (
    Booking,
    BookingPolicy,
    BookingSlot,
    CalendarToken,
    ClosedDate,
    new_token,
)
from sadari_core.scheduling.spaces import (
    SLOT_MINUTES,
    is_aligned,
    parse_hours,
    slot_starts,
    within_hours,
)

NOTIFY_KIND = "spaces"
MAX_BOOKING_MINUTES = 24 * 60
MAX_HORIZON_DAYS = 730


def notify(*, users: Iterable[Any], **kwargs: Any) -> int:
    """In-app notification and e-mail, one message per person, unless muted."""
    return notify_each(users=users, kind=NOTIFY_KIND, **kwargs)


def _host_staff(space: Any) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            organization_id=space.host_id, role=Role.INSTITUTION_STAFF
        ).select_related("user")
    ]


def _local(moment: dt.datetime) -> dt.datetime:
    """Naive Asia/Seoul wall-clock time (what opening hours are written in)."""
    return timezone.localtime(moment).replace(tzinfo=None)


def _when(booking: Booking) -> str:
    start = timezone.localtime(booking.starts_at)
    return f"{start:%Y-%m-%d %H:%M}–{timezone.localtime(booking.ends_at):%H:%M}"


# --- policies --------------------------------------------------------------------------------


def policy_for(space: Any) -> BookingPolicy | None:
    try:
        return space.booking_policy
    except BookingPolicy.DoesNotExist:
        return None


def validate_policy_values(
    *, hours: Any, min_minutes: int, max_minutes: int, horizon_days: int
) -> None:
    """Raises ValidationError (per field) for hours off the grid, reversed lengths and such."""
    errors: dict[str, str] = {}
    try:
        parse_hours(hours)
    except (TypeError, ValueError):
        errors["hours"] = _(
            "Opening hours need seven rows (Monday first), each closed or HH:MM–HH:MM on the "
            "30-minute grid with the closing time after the opening time."
        )
    if min_minutes < SLOT_MINUTES or min_minutes % SLOT_MINUTES:
        errors["min_minutes"] = _("Lengths are whole 30-minute units.")
    if max_minutes % SLOT_MINUTES or not min_minutes <= max_minutes <= MAX_BOOKING_MINUTES:
        errors["max_minutes"] = _(
            "The longest booking is a whole number of 30-minute units, at least the shortest "
            "and at most 24 hours."
        )
    if not 1 <= horizon_days <= MAX_HORIZON_DAYS:
        errors["horizon_days"] = _("Between 1 and 730 days ahead.")
    if errors:
        raise ValidationError(errors)


def policy_save(*, space: Any, by: Any, **values: Any) -> BookingPolicy:
    """Creates or updates the space's booking policy. Host staff or operators only
    (PermissionDenied otherwise); ValidationError on bad values. Not retroactive: existing
    bookings stand."""
    if by is not None and not rules.can_manage_space(by, space):
        raise PermissionDenied
    policy = policy_for(space) or BookingPolicy(space=space)
    for name, value in values.items():
        setattr(policy, name, value)
    validate_policy_values(
        hours=policy.hours,
        min_minutes=policy.min_minutes,
        max_minutes=policy.max_minutes,
        horizon_days=policy.horizon_days,
    )
    policy.save()
    space.booking_policy = policy
    return policy


def closed_date_add(*, policy: BookingPolicy, date: dt.date, note: str = "", by: Any) -> ClosedDate:
    """Idempotent: the same date twice keeps one row (the note is updated)."""
    if by is not None and not rules.can_manage_space(by, policy.space):
        raise PermissionDenied
    closed, _created = ClosedDate.objects.update_or_create(
        policy=policy, date=date, defaults={"note": note[:100]}
    )
    return closed


def closed_date_remove(*, closed: ClosedDate, by: Any) -> None:
    if by is not None and not rules.can_manage_space(by, closed.policy.space):
        raise PermissionDenied
    closed.delete()


# --- bookings --------------------------------------------------------------------------------


def _validate_booking(
    *,
    space: Any,
    policy: BookingPolicy | None,
    by: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    attendees: int,
    organization: Any,
    now: dt.datetime,
) -> None:
    if policy is None or not policy.is_bookable:
        raise ValidationError(_("This space is not open for booking on Sadari."))
    if not rules.audience_allows(by, space, policy.audience):
        raise PermissionDenied
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Times must carry a time zone."))
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    start, end = _local(starts_at), _local(ends_at)
    minutes = int((ends_at - starts_at).total_seconds()) // 60
    if not is_aligned(start) or not is_aligned(end):
        add("starts_at", _("Bookings start and end on the hour or the half hour."))
    if ends_at <= starts_at:
        add("ends_at", _("The end must be after the start."))
    elif not policy.min_minutes <= minutes <= policy.max_minutes:
        add(
            "ends_at",
            _("A booking here lasts between %(min)s and %(max)s minutes.")
            % {"min": policy.min_minutes, "max": policy.max_minutes},
        )
    if starts_at <= now:
        add("starts_at", _("That time has passed."))
    elif starts_at > now + dt.timedelta(days=policy.horizon_days):
        add(
            "starts_at",
            _("This space takes bookings up to %(days)s days ahead.")
            % {"days": policy.horizon_days},
        )
    closed = set(policy.closed_dates.values_list("date", flat=True))
    if start.date() in closed:
        add("starts_at", _("The space is closed that day."))
    elif ends_at > starts_at and not within_hours(policy.weekly, start, end, closed):
        add("starts_at", _("That time is outside the opening hours."))
    if attendees < 1:
        add("attendees", _("At least one attendee."))
    elif attendees > space.capacity:
        add(
            "attendees",
            _("The space holds %(capacity)s people.") % {"capacity": space.capacity},
        )
    if organization is not None and organization.pk not in org_ids_of(by):
        add("organization", _("You can book on behalf of your own organizations only."))
    if errors:
        raise ValidationError(errors)


def booking_create(
    *,
    space: Any,
    by: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    attendees: int = 1,
    organization: Any = None,
    now: dt.datetime | None = None,
    check: bool = True,
) -> Booking:
    """Books ``[starts_at, ends_at)`` of ``space`` for ``by``. Transactional.

    Approved at once unless the policy requires approval (the host's own staff are approved at
    once). Raises PermissionDenied when the audience excludes ``by``; ValidationError for a
    bad time, length, capacity, or when the time is taken — the database decides that, so a
    race has exactly one winner. ``check=False`` (the demo's past year) skips the rules that
    look at the clock and the audience, never the slot constraint.
    """
    policy = policy_for(space)
    purpose = " ".join((purpose or "").split())[:300]
    if check:
        _validate_booking(
            space=space,
            policy=policy,
            by=by,
            starts_at=starts_at,
            ends_at=ends_at,
            attendees=attendees,
            organization=organization,
            now=now or timezone.now(),
        )
        if not purpose:
            raise ValidationError({"purpose": _("Say briefly what the space is for.")})
    needs_approval = bool(
        policy and policy.requires_approval
    ) and space.host_id not in rules.staff_host_ids(by)
    minutes = int((ends_at - starts_at).total_seconds()) // 60
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                space=space,
                booked_by=by,
                organization=organization,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=purpose,
                attendees=attendees,
                status=BookingStatus.PENDING if needs_approval else BookingStatus.APPROVED,
                required_approval=needs_approval,
                price_krw=policy.price_for(minutes) if policy else 0,
            )
            BookingSlot.objects.bulk_create(
                [
                    BookingSlot(space=space, starts_at=moment, booking=booking)
                    for moment in slot_starts(starts_at, ends_at)
                ]
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("That time was just taken by another booking. Please choose another time."),
            code="taken",
        ) from exc
    url = reverse("spaces:booking-detail", args=[booking.pk])
    if needs_approval:
        notify(
            users=_host_staff(space),
            text_ko=f"공간 예약 승인 요청: {space.name_ko} {_when(booking)}",
            text_en=f"Booking awaits your approval: {space.name_en or space.name_ko} "
            f"{_when(booking)}",
            url=url,
            exclude=by,
        )
    return booking


def _release(booking: Booking) -> None:
    BookingSlot.objects.filter(booking=booking).delete()


def _require_manager(by: Any, booking: Booking) -> None:
    if not rules.can_manage_space(by, booking.space):
        raise PermissionDenied


def booking_approve(*, booking: Booking, by: Any) -> Booking:
    """Pending → approved (host staff or operator). ValidationError when not pending."""
    _require_manager(by, booking)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status != BookingStatus.PENDING:
            raise ValidationError(_("Only a pending booking can be approved."))
        locked.status = BookingStatus.APPROVED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    notify(
        users=[locked.booked_by],
        text_ko=f"공간 예약이 승인되었습니다: {locked.space.name_ko} {_when(locked)}",
        text_en=f"Your booking is approved: {locked.space.name_en or locked.space.name_ko} "
        f"{_when(locked)}",
        url=reverse("spaces:booking-detail", args=[locked.pk]),
        exclude=by,
    )
    return locked


def booking_decline(*, booking: Booking, by: Any, reason: str) -> Booking:
    """Pending → declined with a reason (required); the time is released."""
    _require_manager(by, booking)
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ValidationError({"reason": _("Give the booker a reason.")})
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status != BookingStatus.PENDING:
            raise ValidationError(_("Only a pending booking can be declined."))
        locked.status = BookingStatus.DECLINED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
        _release(locked)
    notify(
        users=[locked.booked_by],
        text_ko=f"공간 예약이 거절되었습니다: {locked.space.name_ko} {_when(locked)} — {reason}",
        text_en=f"Your booking was declined: {locked.space.name_en or locked.space.name_ko} "
        f"{_when(locked)} — {reason}",
        url=reverse("spaces:booking-detail", args=[locked.pk]),
        exclude=by,
    )
    return locked


def booking_cancel(
    *, booking: Booking, by: Any, reason: str = "", now: dt.datetime | None = None
) -> Booking:
    """Live → cancelled; the time is released. The booker may cancel before the start; the
    host's staff and operators at any time. PermissionDenied / ValidationError otherwise."""
    if not rules.can_cancel(by, booking):
        raise PermissionDenied
    is_host = rules.can_manage_space(by, booking.space)
    reason = " ".join((reason or "").split())[:300]
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status not in LIVE_STATUSES:
            raise ValidationError(_("This booking is no longer active."))
        if not is_host and locked.starts_at <= (now or timezone.now()):
            raise ValidationError(_("A booking that has started can no longer be cancelled."))
        locked.status = BookingStatus.CANCELLED
        if reason:
            locked.reason = reason
        locked.save(update_fields=["status", "reason", "updated_at"])
        _release(locked)
    url = reverse("spaces:booking-detail", args=[locked.pk])
    name_en = locked.space.name_en or locked.space.name_ko
    if locked.booked_by_id != by.pk:
        notify(
            users=[locked.booked_by],
            text_ko=f"호스트가 공간 예약을 취소했습니다: {locked.space.name_ko} {_when(locked)}",
            text_en=f"The host cancelled your booking: {name_en} {_when(locked)}",
            url=url,
        )
    else:
        notify(
            users=_host_staff(locked.space),
            text_ko=f"공간 예약이 취소되었습니다: {locked.space.name_ko} {_when(locked)}",
            text_en=f"A booking was cancelled: {name_en} {_when(locked)}",
            url=url,
            exclude=by,
        )
    return locked


# --- calendar feeds --------------------------------------------------------------------------


def calendar_token_for(*, user: Any) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def calendar_token_rotate(*, user: Any) -> CalendarToken:
    """A new secret; the old feed URL stops working at once."""
    token = calendar_token_for(user=user)
    token.token = new_token()
    token.save(update_fields=["token", "updated_at"])
    return token
