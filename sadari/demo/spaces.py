"""Spaces demo: a booking policy for every demo space (hours, lengths, audience, approval,
price, public holidays closed), a year of past bookings so that utilization means something,
and upcoming bookings booked through the services — some awaiting the host's approval. The
demo `founder` has bookings at another institution's lab; the demo `staff` has requests to
decide.

Deterministic for a seed; dates are relative to the day it runs. The past year is
bulk-created (the services refuse past times) but every live booking holds its slot rows, so
the database's no-double-booking constraint holds over the demo too.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership, User
from sadari.demo import institutions as inst
from sadari.directory.enums import SpaceKind
from sadari.directory.models import Space
from sadari.spaces import rules
from sadari.spaces import services as space_services
from sadari.spaces.enums import Audience, BookingStatus
from sadari.spaces.models import Booking, BookingPolicy, BookingSlot, ClosedDate
from sadari_core.scheduling.spaces import SLOT_MINUTES, slot_starts

Log = Callable[[str], None]

# Solar public holidays (신정, 삼일절, 어린이날, 현충일, 광복절, 개천절, 한글날, 성탄절).
HOLIDAYS = ((1, 1), (3, 1), (5, 5), (6, 6), (8, 15), (10, 3), (10, 9), (12, 25))

PURPOSES = (
    ("팀 주간 회의", "Weekly team meeting"),
    ("투자사 미팅", "Investor meeting"),
    ("고객 인터뷰", "Customer interviews"),
    ("시제품 제작", "Prototyping"),
    ("제품 촬영", "Product photo shoot"),
    ("채용 면접", "Job interviews"),
    ("데모데이 리허설", "Demo day rehearsal"),
    ("해커톤 준비", "Hackathon preparation"),
    ("멘토링 세션", "Mentoring session"),
    ("사업계획서 워크숍", "Business plan workshop"),
    ("네트워킹 밋업", "Networking meetup"),
    ("장비 교육", "Equipment training"),
)
APPROVAL_KINDS = {SpaceKind.LAB, SpaceKind.WORKSHOP, SpaceKind.STUDIO, SpaceKind.EVENT_HALL}


def _hours(rng: random.Random, kind: str) -> list[list[str] | None]:
    weekdays = [["09:00", "18:00"]] * 5
    if kind == SpaceKind.EVENT_HALL:
        return [["09:00", "22:00"]] * 5 + [["10:00", "18:00"], None]
    roll = rng.random()
    if roll < 0.25:
        return [["09:00", "21:00"]] * 5 + [None, None]
    if roll < 0.4:
        return [*weekdays, ["10:00", "17:00"], None]
    return [*weekdays, None, None]


def _policy(rng: random.Random, space: Space, staff_hosts: set[int]) -> BookingPolicy:
    kind = space.kind
    values: dict[str, Any] = {
        "hours": _hours(rng, kind),
        "min_minutes": 30,
        "max_minutes": 240,
        "horizon_days": 30,
        "requires_approval": False,
        "audience": Audience.CONSORTIUM,
        "price_per_hour_krw": 0,
    }
    if kind == SpaceKind.MEETING_ROOM:
        values["audience"] = Audience.CONSORTIUM if rng.random() < 0.8 else Audience.HOST_MEMBERS
    elif kind == SpaceKind.DESK:
        values.update(min_minutes=60, max_minutes=540, horizon_days=14)
    elif kind == SpaceKind.OFFICE:
        values.update(
            min_minutes=60, max_minutes=540, audience=Audience.HOST_MEMBERS, requires_approval=True
        )
    elif kind == SpaceKind.EVENT_HALL:
        values.update(
            min_minutes=60,
            max_minutes=480,
            horizon_days=90,
            requires_approval=True,
            audience=Audience.SIGNED_IN,
            price_per_hour_krw=rng.choice((0, 50_000, 100_000, 150_000)),
        )
    else:  # labs, maker spaces, studios
        values.update(
            min_minutes=60,
            horizon_days=60,
            requires_approval=True,
            price_per_hour_krw=rng.choice((0, 0, 10_000, 20_000, 30_000)),
        )
    if space.host_id in staff_hosts and kind != SpaceKind.DESK:
        values["requires_approval"] = True  # the demo staff login has requests to decide
    space_services.validate_policy_values(
        hours=values["hours"],
        min_minutes=values["min_minutes"],
        max_minutes=values["max_minutes"],
        horizon_days=values["horizon_days"],
    )
    return BookingPolicy(
        space=space,
        notes_ko="예약 시간 10분 전부터 입실할 수 있습니다. 사용 후 원상 복구해 주세요.",
        notes_en="You may enter 10 minutes before your booking. Please leave it as you found it.",
        **values,
    )


class _Seeder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}:spaces")
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.counts = {"policies": 0, "past": 0, "upcoming": 0, "pending": 0}

    def at(self, day: dt.date, minute: int) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
        )

    def past_year(
        self,
        policies: list[BookingPolicy],
        bookers: list[User],
        deciders: dict[int, User | None],
        closed: set[dt.date],
    ) -> None:
        """Bulk-created past bookings: approved ones hold their slot rows (no overlaps)."""
        rows: list[Booking] = []
        first = self.today - dt.timedelta(days=365)
        for policy in policies:
            space = policy.space
            weekly = policy.weekly
            popularity = self.rng.uniform(0.2, 1.4)
            longest = min(policy.max_minutes, 240)
            day = first
            while day < self.today:
                hours = weekly.get(day.weekday())
                if hours is not None and day not in closed:
                    taken: set[int] = set()
                    for _ in range(self.rng.choices((0, 1, 2, 3), (4, 3, 2, 1))[0]):
                        if self.rng.random() > popularity:
                            continue
                        length = self.rng.randrange(policy.min_minutes, longest + 1, SLOT_MINUTES)
                        latest = hours[1] - length
                        if latest < hours[0]:
                            continue
                        start = self.rng.randrange(hours[0], latest + 1, SLOT_MINUTES)
                        units = set(range(start, start + length, SLOT_MINUTES))
                        if units & taken:
                            continue
                        status = BookingStatus.APPROVED
                        roll = self.rng.random()
                        if policy.requires_approval and roll < 0.1:
                            status = BookingStatus.DECLINED
                        elif roll < 0.18:
                            status = BookingStatus.CANCELLED
                        if status == BookingStatus.APPROVED:
                            taken |= units
                        purpose_ko, _purpose_en = self.rng.choice(PURPOSES)
                        rows.append(
                            Booking(
                                space=space,
                                booked_by=self.rng.choice(bookers),
                                starts_at=self.at(day, start),
                                ends_at=self.at(day, start + length),
                                purpose=purpose_ko,
                                attendees=self.rng.randint(1, max(1, min(space.capacity, 12))),
                                status=status,
                                required_approval=policy.requires_approval,
                                decided_by=deciders.get(space.host_id)
                                if policy.requires_approval
                                else None,
                                decided_at=self.at(day, 0) - dt.timedelta(days=2)
                                if policy.requires_approval
                                else None,
                                reason="해당 시간에 기관 행사가 있습니다."
                                if status == BookingStatus.DECLINED
                                else "",
                                price_krw=policy.price_for(length),
                            )
                        )
                day += dt.timedelta(days=1)
        created = Booking.objects.bulk_create(rows, batch_size=2000)
        slots = [
            BookingSlot(space_id=b.space_id, starts_at=moment, booking=b)
            for b in created
            if b.status == BookingStatus.APPROVED
            for moment in slot_starts(b.starts_at, b.ends_at)
        ]
        BookingSlot.objects.bulk_create(slots, batch_size=5000)
        self.counts["past"] = len(created)

    def try_book(self, space: Space, user: User, day: dt.date, policy: BookingPolicy) -> Any:
        """One upcoming booking through the service at a random free time (None if refused)."""
        hours = policy.weekly.get(day.weekday())
        if hours is None:
            return None
        length = self.rng.randrange(policy.min_minutes, min(policy.max_minutes, 180) + 1, 30)
        if hours[1] - length < hours[0]:
            return None
        start = self.rng.randrange(hours[0], hours[1] - length + 1, SLOT_MINUTES)
        purpose_ko, _purpose_en = self.rng.choice(PURPOSES)
        try:
            return space_services.booking_create(
                space=space,
                by=user,
                starts_at=self.at(day, start),
                ends_at=self.at(day, start + length),
                purpose=purpose_ko,
                attendees=self.rng.randint(1, max(1, min(space.capacity, 8))),
            )
        except (ValidationError, PermissionDenied):
            return None


def seed_spaces(*, seed: int = 2026, log: Log = lambda _msg: None) -> dict[str, int]:
    """Seeds the spaces demo over an existing directory demo (one transaction)."""
    started = time.monotonic()
    spaces = list(Space.objects.filter(is_fictional=True).select_related("host").order_by("id"))
    if not spaces:
        log("공간: 데모 공간이 없어 건너뜁니다 (demo spaces missing; skipped).")
        return {}
    s = _Seeder(seed)
    with transaction.atomic(), space_services.notifications_muted():
        Booking.objects.filter(space__in=spaces).delete()
        BookingPolicy.objects.filter(space__in=spaces).delete()
        demo_staff = User.objects.filter(username="staff").first()
        staff_hosts = set(rules.staff_host_ids(demo_staff)) if demo_staff else set()
        policies = []
        for space in spaces:
            policy = _policy(s.rng, space, staff_hosts)
            policies.append(policy)
        policies = BookingPolicy.objects.bulk_create(policies)
        for policy, space in zip(policies, spaces, strict=True):
            policy.space = space
        s.counts["policies"] = len(policies)
        closed = {
            dt.date(year, month, day)
            for year in range(s.today.year - 1, s.today.year + 2)
            for month, day in HOLIDAYS
        }
        ClosedDate.objects.bulk_create(
            [
                ClosedDate(policy=p, date=d, note="공휴일")
                for p in policies
                for d in sorted(closed)
                if s.today - dt.timedelta(days=366) <= d <= s.today + dt.timedelta(days=366)
            ],
            batch_size=5000,
        )
        bookers = list(
            User.objects.filter(memberships__isnull=False)
            .exclude(memberships__role=Role.CITY_OPERATOR)
            .distinct()
            .order_by("username")
        )
        operator = User.objects.filter(username="operator").first()
        deciders: dict[int, User | None] = {}
        for m in (
            Membership.objects.filter(role=Role.INSTITUTION_STAFF)
            .select_related("user")
            .order_by("user__username", "organization_id")
        ):
            deciders.setdefault(m.organization_id, m.user)
        for space in spaces:
            deciders.setdefault(space.host_id, operator)
        if not bookers:
            log("공간: 예약자가 없어 지난 예약을 건너뜁니다 (no members to book; skipped).")
        else:
            s.past_year(policies, bookers, deciders, closed)
        _upcoming(s, policies, bookers, demo_staff, staff_hosts)
    s.counts["seconds"] = round(time.monotonic() - started, 1)
    log(
        f"공간: 예약 규칙 {s.counts['policies']}개, 지난 1년 예약 {s.counts['past']:,}건, "
        f"예정 예약 {s.counts['upcoming']}건 (승인 대기 {s.counts['pending']}건) "
        f"({s.counts['seconds']}초)"
    )
    return s.counts


def _upcoming(
    s: _Seeder,
    policies: list[BookingPolicy],
    bookers: list[User],
    demo_staff: User | None,
    staff_hosts: set[int],
) -> None:
    made: list[Any] = []
    founder = User.objects.filter(username="founder").first()
    # The demo founder books a lab at another institution: one request pending the host's
    # approval next week and one approved the week after.
    if founder is not None:
        own = rules.staff_host_ids(founder) | {m.organization_id for m in founder.memberships.all()}
        # Not the hub the founder's startup is based at: another institution altogether,
        # in Goyang when one there has a lab.
        own |= set(
            founder.memberships.exclude(organization__host=None).values_list(
                "organization__host_id", flat=True
            )
        )
        labs = sorted(
            (
                p
                for p in policies
                if p.space.kind == SpaceKind.LAB
                and p.space.host_id not in own
                and p.audience != Audience.HOST_MEMBERS
            ),
            key=lambda p: (p.space.host.city != inst.GOYANG, p.space.pk),
        )
        if labs:
            lab = labs[0]
            for week, approve in ((1, False), (2, True)):
                for offset in range(7):
                    day = s.today + dt.timedelta(days=7 * week + offset)
                    booking = s.try_book(lab.space, founder, day, lab)
                    if booking is not None:
                        if approve and booking.status == BookingStatus.PENDING:
                            decider = next(
                                (
                                    m.user
                                    for m in Membership.objects.filter(
                                        organization_id=lab.space.host_id,
                                        role=Role.INSTITUTION_STAFF,
                                    ).select_related("user")
                                ),
                                User.objects.filter(username="operator").first(),
                            )
                            if decider is not None:
                                booking = space_services.booking_approve(
                                    booking=booking, by=decider
                                )
                        made.append(booking)
                        break
    # Everyone else: about two bookings per space over the next three weeks, some pending.
    if bookers:
        for policy in policies:
            for _ in range(s.rng.randint(1, 3)):
                day = s.today + dt.timedelta(days=s.rng.randint(1, 21))
                booker = s.rng.choice(bookers)
                if policy.space.host_id in staff_hosts and booker == demo_staff:
                    continue
                booking = s.try_book(policy.space, booker, day, policy)
                if booking is not None:
                    made.append(booking)
    s.counts["upcoming"] = len(made)
    s.counts["pending"] = sum(1 for b in made if b.status == BookingStatus.PENDING)
