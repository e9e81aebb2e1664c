"""Booking rules, approval, cancellation, notifications, and the database's refusal of double
bookings (sequentially on any database, concurrently on PostgreSQL)."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction

pytestmark = pytest.mark.django_db


def book(world, space, user, day=0, start=(10, 0), end=(12, 0), **extra):
    from sadari.spaces.services import booking_create

    return booking_create(
        space=space,
        by=user,
        starts_at=world.at(day, *start),
        ends_at=world.at(day, *end),
        purpose=extra.pop("purpose", "시제품 제작"),
        **extra,
    )


def test_booking_without_approval_is_approved_and_holds_its_slots(world):
    booking = book(world, world.hall, world.founder)

    assert booking.status == "approved"
    assert booking.slots.count() == 4
    assert booking.price_krw == 0


def test_booking_needing_approval_notifies_the_host_then_the_booker(world):
    from sadari.investment.models import Notification
    from sadari.spaces.services import booking_approve

    booking = book(world, world.lab, world.founder, start=(10, 0), end=(11, 30))
    to_staff = list(Notification.objects.filter(user=world.staff).values_list("text_en", flat=True))
    approved = booking_approve(booking=booking, by=world.staff)

    assert booking.status == "pending"
    assert booking.price_krw == 15_000
    assert len(to_staff) == 1
    assert "awaits your approval" in to_staff[0]
    assert approved.status == "approved"
    assert approved.decided_by == world.staff
    assert (
        Notification.objects.filter(user=world.founder, text_en__contains="approved").count() == 1
    )


def test_host_staff_booking_their_own_space_needs_no_approval(world):
    booking = book(world, world.lab, world.staff)

    assert booking.status == "approved"


def test_decline_needs_a_reason_and_frees_the_time(world):
    from sadari.investment.models import Notification
    from sadari.spaces.services import booking_decline

    booking = book(world, world.lab, world.founder)
    with pytest.raises(ValidationError):
        booking_decline(booking=booking, by=world.staff, reason="  ")
    declined = booking_decline(booking=booking, by=world.staff, reason="정기 점검")
    again = book(world, world.lab, world.staff)

    assert declined.status == "declined"
    assert declined.slots.count() == 0
    assert again.status == "approved"
    assert (
        Notification.objects.filter(user=world.founder, text_en__contains="정기 점검").count() == 1
    )


def test_only_the_host_or_an_operator_decides(world):
    from sadari.spaces.services import booking_approve

    booking = book(world, world.lab, world.founder)

    for user in (world.founder, world.other_staff, world.outsider):
        with pytest.raises(PermissionDenied):
            booking_approve(booking=booking, by=user)
    assert booking_approve(booking=booking, by=world.operator).status == "approved"


def test_booker_cancels_before_the_start_only(world):
    from sadari.spaces.services import booking_cancel

    first = book(world, world.hall, world.founder, day=0)
    second = book(world, world.hall, world.founder, day=1)

    cancelled = booking_cancel(booking=first, by=world.founder)
    with pytest.raises(ValidationError, match="has started"):
        booking_cancel(
            booking=second, by=world.founder, now=second.starts_at + dt.timedelta(minutes=1)
        )
    with pytest.raises(PermissionDenied):
        booking_cancel(booking=second, by=world.other_staff)
    by_host = booking_cancel(booking=second, by=world.staff, reason="행사 일정 변경")

    assert cancelled.status == "cancelled"
    assert cancelled.slots.count() == 0
    assert by_host.status == "cancelled"
    with pytest.raises(ValidationError, match="no longer active"):
        booking_cancel(booking=first, by=world.founder)


def test_host_cancellation_notifies_the_booker(world):
    from sadari.investment.models import Notification
    from sadari.spaces.services import booking_cancel

    booking = book(world, world.hall, world.founder)

    booking_cancel(booking=booking, by=world.staff)

    texts = list(Notification.objects.filter(user=world.founder).values_list("text_en", flat=True))
    assert len(texts) == 1
    assert texts[0].startswith("The host cancelled your booking")


def test_overlapping_booking_is_refused_and_adjacent_is_fine(world):
    book(world, world.hall, world.founder, start=(10, 0), end=(12, 0))

    with pytest.raises(ValidationError, match="just taken") as caught:
        book(world, world.hall, world.staff, start=(11, 30), end=(13, 0))
    adjacent = book(world, world.hall, world.staff, start=(12, 0), end=(13, 0))

    assert caught.value.code == "taken"
    assert adjacent.status == "approved"


def test_database_refuses_a_second_slot_row_for_the_same_time(world):
    from sadari.spaces.models import BookingSlot

    booking = book(world, world.hall, world.founder, start=(10, 0), end=(10, 30))

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingSlot.objects.create(space=world.hall, starts_at=world.at(0, 10), booking=booking)


@pytest.mark.parametrize(
    ("_case", "day", "start", "end", "attendees", "field", "message"),
    [
        ("off the grid", 0, (10, 10), (11, 10), 1, "starts_at", "half hour"),
        ("before opening", 0, (8, 0), (10, 0), 1, "starts_at", "outside the opening hours"),
        ("weekend", 5, (10, 0), (11, 0), 1, "starts_at", "outside the opening hours"),
        ("too long", 0, (9, 0), (17, 30), 1, "ends_at", "between 30 and 480 minutes"),
        ("end before start", 0, (11, 0), (10, 0), 1, "ends_at", "after the start"),
        ("too far ahead", 90, (10, 0), (11, 0), 1, "starts_at", "60 days ahead"),
        ("past", -60, (10, 0), (11, 0), 1, "starts_at", "has passed"),
        ("over capacity", 0, (10, 0), (11, 0), 81, "attendees", "holds 80 people"),
        ("nobody", 0, (10, 0), (11, 0), 0, "attendees", "At least one"),
    ],
)
def test_booking_validation(world, _case, day, start, end, attendees, field, message):
    with pytest.raises(ValidationError) as caught:
        book(world, world.hall, world.founder, day=day, start=start, end=end, attendees=attendees)

    assert message in " ".join(caught.value.message_dict[field])


def test_closed_date_refuses_bookings(world):
    from sadari.spaces.services import closed_date_add

    closed_date_add(
        policy=world.hall.booking_policy, date=world.monday, note="휴관", by=world.staff
    )

    with pytest.raises(ValidationError, match="closed that day"):
        book(world, world.hall, world.founder)


def test_booking_for_someone_elses_organization_is_refused(world):
    with pytest.raises(ValidationError, match="your own organizations"):
        book(world, world.hall, world.founder, organization=world.other_inst)
    mine = book(world, world.hall, world.founder, organization=world.startup)

    assert mine.organization == world.startup


@pytest.mark.parametrize(
    ("_case", "space", "user", "allowed"),
    [
        ("host-only room: host staff", "room", "staff", True),
        ("host-only room: founder", "room", "founder", False),
        ("host-only room: other institution's staff", "room", "other_staff", False),
        ("host-only room: operator", "room", "operator", False),
        ("consortium lab: founder", "lab", "founder", True),
        ("consortium lab: other institution's staff", "lab", "other_staff", True),
        ("consortium lab: operator", "lab", "operator", True),
        ("consortium lab: outsider", "lab", "outsider", False),
        ("signed-in hall: outsider", "hall", "outsider", True),
    ],
)
def test_who_may_book_under_each_audience(world, _case, space, user, allowed):
    target, who = getattr(world, space), getattr(world, user)

    if allowed:
        assert book(world, target, who, attendees=1).pk is not None
    else:
        with pytest.raises(PermissionDenied):
            book(world, target, who)


def test_unbookable_space_is_refused(world):
    from sadari.spaces.services import policy_save

    policy_save(space=world.hall, by=world.staff, is_bookable=False)

    with pytest.raises(ValidationError, match="not open for booking"):
        book(world, world.hall, world.founder)


@pytest.mark.parametrize(
    ("_case", "values", "field"),
    [
        ("hours off grid", {"hours": [["09:15", "18:00"]] * 7}, "hours"),
        ("six days", {"hours": [["09:00", "18:00"]] * 6}, "hours"),
        ("not a list", {"hours": "always"}, "hours"),
        ("min not a unit", {"min_minutes": 45}, "min_minutes"),
        ("max below min", {"min_minutes": 120, "max_minutes": 60}, "max_minutes"),
        ("horizon zero", {"horizon_days": 0}, "horizon_days"),
    ],
)
def test_policy_validation(world, _case, values, field):
    from sadari.spaces.services import policy_save

    with pytest.raises(ValidationError) as caught:
        policy_save(space=world.hall, by=world.staff, **values)

    assert field in caught.value.message_dict


def test_policy_is_managed_by_host_staff_and_operators_only(world):
    from sadari.spaces.services import policy_save

    with pytest.raises(PermissionDenied):
        policy_save(space=world.hall, by=world.other_staff, price_per_hour_krw=5000)
    policy_save(space=world.hall, by=world.operator, price_per_hour_krw=5000)

    world.hall.booking_policy.refresh_from_db()
    assert world.hall.booking_policy.price_per_hour_krw == 5000


def test_calendar_token_rotates(world):
    from sadari.spaces.services import calendar_token_for, calendar_token_rotate

    first = calendar_token_for(user=world.founder).token
    second = calendar_token_rotate(user=world.founder).token

    assert first != second
    assert calendar_token_for(user=world.founder).token == second


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_booking_race_has_exactly_one_winner_postgres(world):
    """Eight users ask for overlapping times at once; the database lets exactly one through."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    from sadari.spaces.models import Booking, BookingSlot
    from sadari.spaces.services import booking_create

    users = [world.founder, world.staff, world.other_staff, world.operator, world.outsider]
    # Every span holds 10:30–11:00, so any winner excludes all the others.
    spans = [
        ((10, 0), (11, 0)),
        ((10, 30), (11, 30)),
        ((9, 30), (11, 0)),
        ((10, 30), (12, 0)),
        ((9, 0), (11, 0)),
    ]
    barrier = threading.Barrier(len(users))
    results: list[str] = []

    def attempt(user, span):
        try:
            barrier.wait(10)
            booking_create(
                space=world.hall,
                by=user,
                starts_at=world.at(0, *span[0]),
                ends_at=world.at(0, *span[1]),
                purpose="race",
            )
            results.append("won")
        except ValidationError as exc:
            results.append(exc.code or "invalid")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=pair) for pair in zip(users, spans, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert sorted(results) == ["taken"] * 4 + ["won"]
    winner = Booking.objects.get()
    assert winner.status == "approved"
    assert BookingSlot.objects.count() == winner.minutes // 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_booking_waiting_on_an_open_transaction_loses_postgres(world):
    """The second request blocks on the first's uncommitted slot rows, then is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    from sadari.spaces.models import Booking
    from sadari.spaces.services import booking_create

    inserted, release = threading.Event(), threading.Event()
    outcome: dict[str, str] = {}

    def first():
        try:
            with transaction.atomic():
                book(world, world.hall, world.founder, start=(10, 0), end=(12, 0))
                inserted.set()
                release.wait(10)
            outcome["first"] = "won"
        finally:
            connections.close_all()

    def second():
        try:
            booking_create(
                space=world.hall,
                by=world.staff,
                starts_at=world.at(0, 11),
                ends_at=world.at(0, 13),
                purpose="second",
            )
            outcome["second"] = "won"
        except ValidationError as exc:
            outcome["second"] = exc.code
        finally:
            connections.close_all()

    one = threading.Thread(target=first)
    one.start()
    assert inserted.wait(10)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.5)  # the second now waits on the unique index
    waiting = "second" not in outcome
    release.set()
    one.join(10)
    two.join(10)

    assert waiting
    assert outcome == {"first": "won", "second": "taken"}
    assert Booking.objects.count() == 1
