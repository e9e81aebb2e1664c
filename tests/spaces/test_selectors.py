"""Utilization figures (the public selector the impact app reads) and busy blocks."""

import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_utilization_counts_approved_hours_inside_opening_hours(world):
    from sadari.spaces.selectors import utilization
    from sadari.spaces.services import (
        booking_approve,
        booking_cancel,
        booking_create,
        booking_decline,
        closed_date_add,
    )

    def book(space, user, day, start, end):
        return booking_create(
            space=space,
            by=user,
            starts_at=world.at(day, start),
            ends_at=world.at(day, end),
            purpose="p",
        )

    book(world.hall, world.founder, 0, 10, 12)  # approved at once: 2 h
    book(world.hall, world.founder, 1, 9, 10)  # 1 h
    cancelled = book(world.hall, world.founder, 2, 9, 10)
    booking_cancel(booking=cancelled, by=world.founder)
    approved = book(world.lab, world.founder, 0, 10, 13)  # 3 h after approval
    booking_approve(booking=approved, by=world.staff)
    declined = book(world.lab, world.other_staff, 1, 10, 11)
    booking_decline(booking=declined, by=world.staff, reason="점검")
    book(world.lab, world.founder, 2, 10, 11)  # pending: not booked time, not decided
    closed_date_add(
        policy=world.hall.booking_policy, date=world.monday + dt.timedelta(days=4), by=None
    )

    report = utilization(start=world.monday, end=world.monday + dt.timedelta(days=7))
    rows = {r.space_id: r for r in report.spaces}
    other = utilization(
        start=world.monday,
        end=world.monday + dt.timedelta(days=7),
        institution_id=world.other_inst.pk,
    )

    hall, lab = rows[world.hall.pk], rows[world.lab.pk]
    assert (hall.open_minutes, hall.booked_minutes) == (4 * 540, 180)
    assert (hall.bookings, hall.cancelled) == (3, 1)
    assert hall.approval_rate is None
    assert (lab.open_minutes, lab.booked_minutes) == (5 * 540, 180)
    assert (lab.bookings, lab.approved, lab.declined) == (3, 1, 1)
    assert lab.approval_rate == 0.5
    assert hall.rate == pytest.approx(180 / 2160)
    [institution] = report.institutions
    assert institution.institution_id == world.host.pk
    assert institution.booked_minutes == 360
    assert institution.open_minutes == 4 * 540 + 5 * 540 + 5 * 540
    assert report.total.bookings == 6
    assert other.spaces == []


def test_utilization_runs_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    from sadari.spaces.selectors import utilization

    with django_assert_num_queries(3):
        utilization(start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1))


def test_busy_blocks_merge_adjacent_bookings(world):
    from sadari.spaces.selectors import busy_blocks
    from sadari.spaces.services import booking_create

    for start, end in ((10, 11), (11, 12), (14, 15)):
        booking_create(
            space=world.hall,
            by=world.founder,
            starts_at=world.at(0, start),
            ends_at=world.at(0, end),
            purpose="p",
        )

    blocks = busy_blocks(space=world.hall, start=world.at(0, 0), end=world.at(1, 0))

    assert blocks == [(world.at(0, 10), world.at(0, 12)), (world.at(0, 14), world.at(0, 15))]
