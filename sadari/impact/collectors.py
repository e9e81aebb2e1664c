"""Collectors: each reads one domain's models and states the impact events they imply.

A collector is a function returning ``EventRow``s for the kinds it owns, registered with
``@collector(kinds=...)``; adding a domain is one function. ``collect`` synchronizes the table
with what the collectors state: new facts are inserted, changed ones updated, and events whose
source is gone (deleted, cancelled, withdrawn) are removed. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from sadari.impact.enums import EventKind
from sadari.impact.models import ImpactEvent


@dataclass(frozen=True, slots=True)
class EventRow:
    kind: str
    source_key: str
    occurred_on: dt.date
    organization_id: int | None = None
    institution_id: int | None = None
    amount: int | None = None
    quantity: float = 1.0

    def values(self) -> tuple:
        return (
            self.occurred_on,
            self.organization_id,
            self.institution_id,
            self.amount,
            float(self.quantity),
        )


@dataclass(frozen=True)
class Collector:
    name: str
    kinds: tuple[str, ...]
    function: Callable[[], Iterable[EventRow]]


COLLECTORS: list[Collector] = []


def collector(*, kinds: Iterable[str]) -> Callable:
    """Registers a collector for ``kinds`` (each kind belongs to one collector)."""

    def register(function: Callable[[], Iterable[EventRow]]) -> Callable[[], Iterable[EventRow]]:
        COLLECTORS.append(Collector(function.__name__, tuple(str(k) for k in kinds), function))
        return function

    return register


@dataclass
class CollectStats:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    by_collector: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"created {self.created}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged}"
        )


FIELDS = ("occurred_on", "organization_id", "institution_id", "amount", "quantity")


def collect(*, only: Iterable[str] | None = None) -> CollectStats:
    """Synchronizes ImpactEvent with every registered collector (or those named in ``only``).

    Idempotent; one transaction per collector (a failing collector leaves its kinds as they
    were). Returns the counts of created, updated, deleted and unchanged events.
    """
    stats = CollectStats()
    names = set(only) if only is not None else None
    for c in COLLECTORS:
        if names is not None and c.name not in names:
            continue
        with transaction.atomic():
            _sync(c, stats)
    return stats


def _sync(c: Collector, stats: CollectStats) -> None:
    wanted: dict[tuple[str, str], EventRow] = {}
    for row in c.function():
        if row.kind not in c.kinds:
            raise ValueError(f"collector {c.name} stated kind {row.kind} it does not own")
        wanted[(row.kind, row.source_key)] = row
    stats.by_collector[c.name] = len(wanted)
    existing = {
        (kind, key): (pk, (day, org, inst, amount, float(qty)))
        for pk, kind, key, day, org, inst, amount, qty in ImpactEvent.objects.filter(
            kind__in=c.kinds
        ).values_list("pk", "kind", "source_key", *FIELDS)
    }
    gone = [pk for key, (pk, _values) in existing.items() if key not in wanted]
    for start in range(0, len(gone), 500):
        ImpactEvent.objects.filter(pk__in=gone[start : start + 500]).delete()
    stats.deleted += len(gone)
    create: list[ImpactEvent] = []
    update: list[ImpactEvent] = []
    for key, row in wanted.items():
        event = ImpactEvent(
            kind=row.kind,
            source_key=row.source_key,
            occurred_on=row.occurred_on,
            organization_id=row.organization_id,
            institution_id=row.institution_id,
            amount=row.amount,
            quantity=float(row.quantity),
        )
        if key not in existing:
            create.append(event)
            continue
        pk, values = existing[key]
        if values == row.values():
            stats.unchanged += 1
            continue
        event.pk = pk
        update.append(event)
    ImpactEvent.objects.bulk_create(create, batch_size=1000)
    ImpactEvent.objects.bulk_update(update, FIELDS, batch_size=500)
    stats.created += len(create)
    stats.updated += len(update)


def _day(value: dt.datetime | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


# --- federation and pitching: support received ------------------------------------------------


@collector(kinds=[EventKind.SUPPORT_RECEIVED])
def support_awards() -> Iterator[EventRow]:
    """An institution's support award to a company (fed through federation), dated at its
    start."""
    from sadari.federation.models import SupportAward

    for (
        pk,
        recipient,
        institution,
        amount,
        starts_on,
    ) in SupportAward.objects.order_by().values_list(
        "pk", "recipient_id", "institution_id", "amount_krw", "starts_on"
    ):
        yield EventRow(
            EventKind.SUPPORT_RECEIVED, f"award:{pk}", starts_on, recipient, institution, amount
        )


@collector(kinds=[EventKind.MENTORING_SESSION])
def mentoring_sessions() -> Iterator[EventRow]:
    """A booked mentoring session that has started (cancelled ones are not counted); the
    company is the idea's company when the booking names one, the institution the host café."""
    from sadari.pitching.enums import BookingStatus
    from sadari.pitching.models import Booking

    now = timezone.now()
    rows = (
        Booking.objects.filter(status=BookingStatus.BOOKED, starts_at__lte=now)
        .order_by()
        .values_list("pk", "starts_at", "submission__organization_id", "slot__host_id")
    )
    for pk, starts_at, org, host in rows:
        yield EventRow(EventKind.MENTORING_SESSION, f"booking:{pk}", _day(starts_at), org, host)


# --- investment ----------------------------------------------------------------------------


@collector(kinds=[EventKind.FUNDING_ROUND])
def funding_rounds() -> Iterator[EventRow]:
    """Every funding round with its amount in KRW (null when undisclosed); the institution is
    the company's host institution (where it is based), if any."""
    from sadari.investment.models import FundingRound

    for pk, company, host, amount, day in FundingRound.objects.order_by().values_list(
        "pk", "company_id", "company__host_id", "amount_krw", "announced_on"
    ):
        yield EventRow(EventKind.FUNDING_ROUND, f"round:{pk}", day, company, host, amount)


# --- tech trade ----------------------------------------------------------------------------

DEAL_KINDS = {
    "matched": EventKind.DEAL_MATCHED,
    "nda": EventKind.DEAL_NDA,
    "poc": EventKind.DEAL_POC,
    "contract": EventKind.DEAL_CONTRACT,
}


@collector(kinds=list(DEAL_KINDS.values()))
def deal_stages() -> Iterator[EventRow]:
    """A deal counts in every funnel stage up to the furthest it reached (as the tech-trade
    funnel does), dated when it first entered that stage or a later one. The company is the
    technology holder; nothing else about the deal is recorded."""
    from sadari.techtrade.enums import stage_index
    from sadari.techtrade.models import Deal, DealStageChange

    history: dict[int, list[tuple[int, dt.datetime]]] = {}
    for deal_id, stage, at in DealStageChange.objects.order_by().values_list(
        "deal_id", "stage", "at"
    ):
        index = stage_index(stage)
        if index >= 0:
            history.setdefault(deal_id, []).append((index, at))
    for pk, seller, host, reached, created_at in Deal.objects.order_by().values_list(
        "pk", "seller_id", "seller__host_id", "reached", "created_at"
    ):
        top = stage_index(reached)
        for stage, kind in DEAL_KINDS.items():
            index = stage_index(stage)
            if index > top:
                continue
            later = [at for i, at in history.get(pk, []) if i >= index]
            day = _day(min(later)) if later else _day(created_at)
            yield EventRow(kind, f"deal:{pk}:{stage}", day, seller, host)


# --- pitching ------------------------------------------------------------------------------


@collector(kinds=[EventKind.PITCH_SUBMITTED, EventKind.PITCH_FEEDBACK])
def pitching() -> Iterator[EventRow]:
    """Ideas submitted (withdrawn ones included: they were submitted) and feedback released,
    at the hosting institution of the call."""
    from sadari.pitching.models import Result, Submission

    for pk, day, org, host in (
        Submission.objects.filter(submitted_at__isnull=False)
        .order_by()
        .values_list("pk", "submitted_at", "organization_id", "call__host_id")
    ):
        yield EventRow(EventKind.PITCH_SUBMITTED, f"submission:{pk}", _day(day), org, host)
    for pk, day, org, host in (
        Result.objects.filter(released_at__isnull=False)
        .order_by()
        .values_list("pk", "released_at", "submission__organization_id", "batch__call__host_id")
    ):
        yield EventRow(EventKind.PITCH_FEEDBACK, f"result:{pk}", _day(day), org, host)


# --- jobs ----------------------------------------------------------------------------------


@collector(
    kinds=[
        EventKind.TRAINEE_ENROLLED,
        EventKind.TRAINEE_COMPLETED,
        EventKind.TRAINEE_FOLLOWED,
        EventKind.TRAINEE_EMPLOYED,
        EventKind.TRAINEE_EMPLOYED_PLATFORM,
        EventKind.HIRE_ATTRIBUTED,
        EventKind.HIRE_COINCIDENTAL,
    ]
)
def trainees() -> Iterator[EventRow]:
    """Trainees as counts at their campus (no names). The employment rate's events restate
    sadari.jobs.outcomes: completers with outcome consent are the denominator
    (``trainee_followed``), those with a hire within 180 days of completion are employed
    (``trainee_employed``), through the platform when one of those hires is attributed; all
    three are dated at completion, as the jobs rate groups them. Each recorded hire is also an
    event at its date, attributed or coincidental, with the employer as the company."""
    from sadari.jobs.enums import ConsentPurpose, TraineeStatus
    from sadari.jobs.models import Consent, Employment, Trainee
    from sadari.jobs.outcomes import WINDOW_DAYS

    consented = set(
        Consent.objects.filter(purpose=ConsentPurpose.OUTCOMES).values_list("trainee_id", flat=True)
    )
    hires: dict[int, list[tuple[dt.date, bool]]] = {}
    for pk, trainee, employer, campus, hired_on, attributed in (
        Employment.objects.order_by()
        .values_list(
            "pk", "trainee_id", "employer_id", "trainee__cohort__course__campus_id", "hired_on",
            "attributed",
        )
    ):  # fmt: skip
        hires.setdefault(trainee, []).append((hired_on, attributed))
        kind = EventKind.HIRE_ATTRIBUTED if attributed else EventKind.HIRE_COINCIDENTAL
        yield EventRow(kind, f"employment:{pk}", hired_on, employer, campus)
    for pk, status, enrolled_on, completed_on, ends_on, campus in (
        Trainee.objects.order_by().values_list(
            "pk", "status", "enrolled_on", "completed_on", "cohort__ends_on",
            "cohort__course__campus_id",
        )
    ):  # fmt: skip
        yield EventRow(EventKind.TRAINEE_ENROLLED, f"trainee:{pk}", enrolled_on, None, campus)
        if status != TraineeStatus.COMPLETED:
            continue
        end = completed_on or ends_on
        yield EventRow(EventKind.TRAINEE_COMPLETED, f"trainee:{pk}", end, None, campus)
        if pk not in consented:
            continue
        yield EventRow(EventKind.TRAINEE_FOLLOWED, f"trainee:{pk}", end, None, campus)
        window_end = end + dt.timedelta(days=WINDOW_DAYS)
        jobs = [attributed for hired_on, attributed in hires.get(pk, []) if hired_on <= window_end]
        if jobs:
            yield EventRow(EventKind.TRAINEE_EMPLOYED, f"trainee:{pk}", end, None, campus)
        if any(jobs):
            yield EventRow(EventKind.TRAINEE_EMPLOYED_PLATFORM, f"trainee:{pk}", end, None, campus)


@collector(kinds=[EventKind.FAIR_HELD, EventKind.FAIR_INTERVIEW])
def fairs() -> Iterator[EventRow]:
    """Job fairs held (status done) and their interviews that took place, at the host."""
    from sadari.jobs.models import Fair, FairInterview, FairStatus, InterviewStatus

    for pk, day, host in (
        Fair.objects.filter(status=FairStatus.DONE).order_by().values_list("pk", "date", "host_id")
    ):
        yield EventRow(EventKind.FAIR_HELD, f"fair:{pk}", day, None, host)
    for pk, day, host, employer in (
        FairInterview.objects.filter(status=InterviewStatus.DONE)
        .order_by()
        .values_list("pk", "fair__date", "fair__host_id", "company__employer_id")
    ):
        yield EventRow(EventKind.FAIR_INTERVIEW, f"interview:{pk}", day, employer, host)


# --- spaces --------------------------------------------------------------------------------

SPACE_MONTHS = 24  # opening hours are stated for this many months back


@collector(kinds=[EventKind.SPACE_BOOKED, EventKind.SPACE_OPEN])
def spaces() -> Iterator[EventRow]:
    """Approved bookings that have started, with their hours (quantity), for the company they
    were made on behalf of, at the space's host; and each institution's opening hours per month
    (dated the 1st) from the spaces app's utilization figures, so that utilization is
    ``qty(space_booked) / qty(space_open)``."""
    from sadari.spaces.enums import BookingStatus
    from sadari.spaces.models import Booking
    from sadari.spaces.selectors import utilization
    from sadari_core.impact.periods import last_periods

    now = timezone.now()
    for pk, starts_at, ends_at, org, host in (
        Booking.objects.filter(status=BookingStatus.APPROVED, starts_at__lte=now)
        .order_by()
        .values_list("pk", "starts_at", "ends_at", "organization_id", "space__host_id")
    ):
        hours = round((ends_at - starts_at).total_seconds() / 3600, 2)
        yield EventRow(
            EventKind.SPACE_BOOKED, f"booking:{pk}", _day(starts_at), org, host, quantity=hours
        )
    for month in last_periods("month", SPACE_MONTHS, until=timezone.localdate()):
        report = utilization(start=month.start, end=month.end + dt.timedelta(days=1))
        for row in report.institutions:
            if row.open_minutes:
                yield EventRow(
                    EventKind.SPACE_OPEN,
                    f"open:{row.institution_id}:{month.label}",
                    month.start,
                    None,
                    row.institution_id,
                    quantity=round(row.open_minutes / 60, 2),
                )


# --- consortium ----------------------------------------------------------------------------


@collector(
    kinds=[
        EventKind.PROGRAM_APPLIED,
        EventKind.PROGRAM_SELECTED,
        EventKind.REFERRAL_MADE,
        EventKind.REFERRAL_COMPLETED,
    ]
)
def consortium() -> Iterator[EventRow]:
    """In-platform program applications (withdrawn ones included: they were made) and
    selections at the program's host; referrals made (at the referring institution) and
    completed (at the receiving one), for the company referred when there is one."""
    from sadari.consortium.enums import ApplicationStatus, ReferralStatus
    from sadari.consortium.models import Application, Referral

    for pk, created, decided, status, org, host in Application.objects.order_by().values_list(
        "pk", "created_at", "decided_at", "status", "organization_id", "program__host_id"
    ):
        yield EventRow(EventKind.PROGRAM_APPLIED, f"application:{pk}", _day(created), org, host)
        if status == ApplicationStatus.SELECTED:
            day = _day(decided or created)
            yield EventRow(EventKind.PROGRAM_SELECTED, f"application:{pk}", day, org, host)
    for (
        pk,
        created,
        closed,
        status,
        company,
        sender,
        receiver,
    ) in Referral.objects.order_by().values_list(
        "pk", "created_at", "closed_at", "status", "company_id", "from_org_id", "to_org_id"
    ):
        yield EventRow(EventKind.REFERRAL_MADE, f"referral:{pk}", _day(created), company, sender)
        if status == ReferralStatus.COMPLETED:
            day = _day(closed or created)
            yield EventRow(EventKind.REFERRAL_COMPLETED, f"referral:{pk}", day, company, receiver)
