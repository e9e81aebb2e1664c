"""Spaces reads: search across institutions, busy blocks, the week grid, queues and utilization.

Busy blocks are public (times only). Bookings with names and purposes are read only through
``booking_list_for`` / ``access_booking`` (the booker, the host's staff, operators).
``utilization`` is public to the other apps (the impact dashboard reads it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sadari.directory.models import Organization, Space
from sadari.spaces import rules
from sadari.spaces.enums import LIVE_STATUSES, BookingStatus
from sadari.spaces.models import Booking, BookingPolicy, BookingSlot, ClosedDate
from sadari_core.scheduling.spaces import (
    SLOT_MINUTES,
    open_and_booked_minutes,
    utilization_ratio,
    within_hours,
)


def _aware(naive: dt.datetime) -> dt.datetime:
    return timezone.make_aware(naive, timezone.get_current_timezone())


# --- finding spaces --------------------------------------------------------------------------


@dataclass(frozen=True)
class SpaceFilters:
    kind: str = ""
    institution: int | None = None
    district: str = ""
    min_capacity: int | None = None
    equipment: str = ""
    free_only: bool = False
    at: dt.datetime | None = None  # aware start of "free at …"
    hours: int = 1


def bookable_spaces() -> QuerySet[Space]:
    """Spaces with a bookable policy, with host and policy joined (one query)."""
    return (
        Space.objects.filter(booking_policy__is_bookable=True)
        .select_related("host", "booking_policy")
        .order_by("host_id", "name_ko", "id")
    )


def space_search(filters: SpaceFilters) -> list[Space]:
    """Bookable spaces matching the filters. "Free at" keeps spaces open for the whole span
    with no live booking in it (two more queries, whatever the number of spaces)."""
    qs = bookable_spaces()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.institution:
        qs = qs.filter(host_id=filters.institution)
    if filters.district:
        qs = qs.filter(district=filters.district)
    if filters.min_capacity:
        qs = qs.filter(capacity__gte=filters.min_capacity)
    if filters.free_only:
        qs = qs.filter(booking_policy__price_per_hour_krw=0)
    spaces = list(qs)
    if filters.equipment:
        needle = filters.equipment.casefold()
        spaces = [s for s in spaces if any(needle in str(e).casefold() for e in s.equipment)]
    if filters.at is not None:
        start = filters.at
        end = start + dt.timedelta(hours=filters.hours)
        ids = [s.pk for s in spaces]
        busy = set(
            BookingSlot.objects.filter(
                space_id__in=ids, starts_at__gte=start, starts_at__lt=end
            ).values_list("space_id", flat=True)
        )
        closed: dict[int, set[dt.date]] = defaultdict(set)
        for policy_id, day in ClosedDate.objects.filter(
            policy__space_id__in=ids, date=timezone.localtime(start).date()
        ).values_list("policy_id", "date"):
            closed[policy_id].add(day)
        local_start = timezone.localtime(start).replace(tzinfo=None)
        local_end = timezone.localtime(end).replace(tzinfo=None)
        spaces = [
            s
            for s in spaces
            if s.pk not in busy
            and within_hours(
                s.booking_policy.weekly, local_start, local_end, closed[s.booking_policy.pk]
            )
        ]
    return spaces


def institutions_with_spaces() -> QuerySet[Organization]:
    return (
        Organization.objects.filter(spaces__booking_policy__is_bookable=True)
        .distinct()
        .order_by("sort_name", "id")
    )


def districts_with_spaces() -> list[str]:
    return sorted(set(bookable_spaces().exclude(district="").values_list("district", flat=True)))


# --- busy blocks and the week grid -----------------------------------------------------------


def busy_blocks(
    *, space: Any, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Merged busy intervals of live bookings in ``[start, end)`` — times only, no names."""
    blocks: list[tuple[dt.datetime, dt.datetime]] = []
    step = dt.timedelta(minutes=SLOT_MINUTES)
    for moment in (
        BookingSlot.objects.filter(space=space, starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
    ):
        if blocks and blocks[-1][1] == moment:
            blocks[-1] = (blocks[-1][0], moment + step)
        else:
            blocks.append((moment, moment + step))
    return blocks


@dataclass
class GridCell:
    starts_at: dt.datetime
    state: str  # "free", "busy", "closed", "past"


@dataclass
class WeekGrid:
    days: list[dt.date]
    rows: list[tuple[str, list[GridCell]]] = field(default_factory=list)


def week_grid(
    *, space: Any, policy: BookingPolicy, monday: dt.date, now: dt.datetime | None = None
) -> WeekGrid:
    """Seven days × the 30-minute rows between the week's earliest opening and latest closing."""
    now = now or timezone.now()
    weekly = policy.weekly
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    grid = WeekGrid(days=days)
    if not weekly:
        return grid
    first = min(h[0] for h in weekly.values())
    last = max(h[1] for h in weekly.values())
    start = _aware(dt.datetime.combine(monday, dt.time()))
    end = start + dt.timedelta(days=7)
    taken = set(
        BookingSlot.objects.filter(
            space=space, starts_at__gte=start, starts_at__lt=end
        ).values_list("starts_at", flat=True)
    )
    closed = set(
        policy.closed_dates.filter(
            date__gte=monday, date__lt=days[-1] + dt.timedelta(days=1)
        ).values_list("date", flat=True)
    )
    for minute in range(first, last, SLOT_MINUTES):
        cells = []
        for day in days:
            local = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
            moment = _aware(local)
            if not within_hours(weekly, local, local + dt.timedelta(minutes=SLOT_MINUTES), closed):
                state = "closed"
            elif moment in taken:
                state = "busy"
            elif moment <= now:
                state = "past"
            else:
                state = "free"
            cells.append(GridCell(starts_at=moment, state=state))
        grid.rows.append((f"{minute // 60:02d}:{minute % 60:02d}", cells))
    return grid


# --- bookings (confidential: names and purposes) ---------------------------------------------


def _with_relations(qs: QuerySet[Booking]) -> QuerySet[Booking]:
    return qs.select_related("space", "space__host", "booked_by", "organization", "decided_by")


def my_bookings(*, user: Any) -> QuerySet[Booking]:
    if not getattr(user, "is_authenticated", False):
        return Booking.objects.none()
    return _with_relations(Booking.objects.filter(booked_by=user)).order_by("-starts_at", "-id")


def booking_list_for(*, user: Any) -> QuerySet[Booking]:
    """Every booking the user may read with its names: their own, their hosts', or all."""
    if not getattr(user, "is_authenticated", False):
        return Booking.objects.none()
    qs = _with_relations(Booking.objects.all())
    if rules.is_operator(user):
        return qs
    return qs.filter(Q(booked_by=user) | Q(space__host_id__in=rules.staff_host_ids(user)))


def access_booking(*, user: Any, booking_id: int) -> Booking:
    """The booking, or Http404 for missing and forbidden alike."""
    booking = booking_list_for(user=user).filter(pk=booking_id).first()
    if booking is None:
        raise Http404
    return booking


def approval_queue_for(*, user: Any) -> QuerySet[Booking]:
    """Pending bookings at the spaces the user manages, soonest first."""
    if not rules.can_manage_any(user):
        return Booking.objects.none()
    qs = _with_relations(Booking.objects.filter(status=BookingStatus.PENDING))
    if not rules.is_operator(user):
        qs = qs.filter(space__host_id__in=rules.staff_host_ids(user))
    return qs.order_by("starts_at", "id")


def managed_spaces_for(*, user: Any) -> QuerySet[Space]:
    """Spaces whose policies the user edits (their institutions', or all for operators)."""
    if not getattr(user, "is_authenticated", False):
        return Space.objects.none()
    qs = Space.objects.select_related("host").order_by("host_id", "name_ko", "id")
    if rules.is_operator(user):
        return qs
    return qs.filter(host_id__in=rules.staff_host_ids(user))


def access_managed_space(*, user: Any, space_id: int) -> Space:
    space = managed_spaces_for(user=user).filter(pk=space_id).first()
    if space is None:
        raise Http404
    return space


def upcoming_bookings_at(*, space: Any, user: Any, limit: int = 50) -> list[Booking]:
    """Upcoming live bookings with names, for the space's managers only ([] otherwise)."""
    if not rules.can_manage_space(user, space):
        return []
    return list(
        _with_relations(
            Booking.objects.filter(
                space=space, status__in=LIVE_STATUSES, ends_at__gt=timezone.now()
            )
        ).order_by("starts_at", "id")[:limit]
    )


# --- utilization ----------------------------------------------------------------------------


@dataclass
class Utilization:
    """Figures for one space (or one institution, summed) over ``[start, end)``."""

    space_id: int | None
    institution_id: int
    name: str
    institution: str
    open_minutes: int = 0
    booked_minutes: int = 0
    bookings: int = 0
    approved: int = 0
    declined: int = 0
    cancelled: int = 0

    @property
    def open_hours(self) -> float:
        return self.open_minutes / 60

    @property
    def booked_hours(self) -> float:
        return self.booked_minutes / 60

    @property
    def rate(self) -> float | None:
        """Booked (approved) hours inside opening hours / open hours."""
        return utilization_ratio(self.booked_minutes, self.open_minutes)

    @property
    def approval_rate(self) -> float | None:
        """Approved / decided among the bookings that needed the host's approval."""
        decided = self.approved + self.declined
        return self.approved / decided if decided else None


@dataclass
class UtilizationReport:
    start: dt.date
    end: dt.date
    spaces: list[Utilization]
    institutions: list[Utilization]

    @property
    def total(self) -> Utilization:
        out = Utilization(None, 0, "", "")
        for row in self.institutions:
            _add(out, row)
        return out


def _add(into: Utilization, row: Utilization) -> None:
    into.open_minutes += row.open_minutes
    into.booked_minutes += row.booked_minutes
    into.bookings += row.bookings
    into.approved += row.approved
    into.declined += row.declined
    into.cancelled += row.cancelled


def utilization(
    *,
    start: dt.date,
    end: dt.date,
    institution_id: int | None = None,
    institution_ids: Collection[int] | None = None,
) -> UtilizationReport:
    """Utilization of every bookable space (optionally one institution's) for the dates
    ``[start, end)``, in Asia/Seoul days. Four queries whatever the number of spaces.

    - open hours: the policy's weekly hours on each date minus its closed dates;
    - booked hours: approved bookings' time inside the opening hours;
    - bookings: bookings starting in the period, any status (cancelled counted apart);
    - approval rate: approved ÷ (approved + declined) among bookings that needed approval.
    ``institution_ids`` narrows to several institutions (a staff member's).
    Public figures (no names): the impact app reads them.
    """
    policies = BookingPolicy.objects.filter(is_bookable=True).select_related("space", "space__host")
    if institution_id is not None:
        policies = policies.filter(space__host_id=institution_id)
    if institution_ids is not None:
        policies = policies.filter(space__host_id__in=list(institution_ids))
    policies = list(policies.order_by("space__host_id", "space_id"))
    space_ids = [p.space_id for p in policies]
    closed: dict[int, set[dt.date]] = defaultdict(set)
    for policy_id, day in ClosedDate.objects.filter(
        policy__in=policies, date__gte=start, date__lt=end
    ).values_list("policy_id", "date"):
        closed[policy_id].add(day)
    lo = _aware(dt.datetime.combine(start, dt.time()))
    hi = _aware(dt.datetime.combine(end, dt.time()))
    tz = timezone.get_current_timezone()
    intervals: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    counts: dict[int, Utilization] = {}
    for space_id, s, e, status, needed, decided in Booking.objects.filter(
        space_id__in=space_ids, starts_at__lt=hi, ends_at__gt=lo
    ).values_list("space_id", "starts_at", "ends_at", "status", "required_approval", "decided_at"):
        if status == BookingStatus.APPROVED:
            intervals[space_id].append(
                (s.astimezone(tz).replace(tzinfo=None), e.astimezone(tz).replace(tzinfo=None))
            )
        if not lo <= s < hi:
            continue
        row = counts.setdefault(space_id, Utilization(space_id, 0, "", ""))
        row.bookings += 1
        if status == BookingStatus.CANCELLED:
            row.cancelled += 1
        if needed and status == BookingStatus.DECLINED:
            row.declined += 1
        elif needed and decided is not None:
            row.approved += 1  # approved, possibly cancelled later
    spaces: list[Utilization] = []
    by_institution: dict[int, Utilization] = {}
    for policy in policies:
        space = policy.space
        open_, booked = open_and_booked_minutes(
            policy.weekly, start, end, intervals[space.pk], closed[policy.pk]
        )
        row = Utilization(
            space.pk,
            space.host_id,
            space.name,
            space.host.name,
            open_minutes=open_,
            booked_minutes=booked,
        )
        c = counts.get(space.pk)
        if c is not None:
            row.bookings, row.approved, row.declined, row.cancelled = (
                c.bookings,
                c.approved,
                c.declined,
                c.cancelled,
            )
        spaces.append(row)
        total = by_institution.setdefault(
            space.host_id, Utilization(None, space.host_id, space.host.name, space.host.name)
        )
        _add(total, row)
    return UtilizationReport(
        start=start, end=end, spaces=spaces, institutions=list(by_institution.values())
    )
