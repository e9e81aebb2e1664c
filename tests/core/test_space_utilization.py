"""Space booking arithmetic: weekly hours, the slot grid, open and booked minutes."""

import datetime as dt

import pytest

from sadari_core.scheduling.spaces import (
    booked_open_minutes,
    is_aligned,
    open_and_booked_minutes,
    open_minutes,
    overlap_minutes,
    parse_hours,
    slot_starts,
    utilization_ratio,
    within_hours,
)

WEEKDAYS = parse_hours([["09:00", "18:00"]] * 5 + [None, None])
MONDAY = dt.date(2026, 11, 23)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def test_parse_hours_reads_monday_first_and_skips_closed_days():
    expected = dict.fromkeys(range(5), (540, 1080))

    assert expected == WEEKDAYS


@pytest.mark.parametrize(
    ("_case", "rows"),
    [
        ("six rows", [["09:00", "18:00"]] * 6),
        ("off grid", [["09:10", "18:00"]] + [None] * 6),
        ("reversed", [["18:00", "09:00"]] + [None] * 6),
        ("garbage", [["nine", "18:00"]] + [None] * 6),
        ("minutes 75", [["09:75", "18:00"]] + [None] * 6),
        ("past midnight", [["09:00", "24:30"]] + [None] * 6),
    ],
)
def test_parse_hours_rejects_bad_rows(_case, rows):
    with pytest.raises(ValueError):  # noqa: PT011 (the message varies by case)
        parse_hours(rows)


def test_open_minutes_subtracts_closed_dates():
    week = open_minutes(WEEKDAYS, MONDAY, MONDAY + dt.timedelta(days=7))
    holiday = open_minutes(WEEKDAYS, MONDAY, MONDAY + dt.timedelta(days=7), {MONDAY})

    assert week == 5 * 540
    assert holiday == 4 * 540


def test_overlap_minutes_counts_a_union_clipped_to_the_window():
    intervals = [(at(MONDAY, 8), at(MONDAY, 10)), (at(MONDAY, 9, 30), at(MONDAY, 11))]

    assert overlap_minutes(intervals, at(MONDAY, 9), at(MONDAY, 18)) == 120


def test_booked_open_minutes_ignores_time_outside_opening_hours():
    bookings = [
        (at(MONDAY, 17), at(MONDAY, 19)),
        (at(MONDAY + dt.timedelta(days=5), 10), at(MONDAY + dt.timedelta(days=5), 12)),
    ]

    booked = booked_open_minutes(WEEKDAYS, MONDAY, MONDAY + dt.timedelta(days=7), bookings)

    assert booked == 60


def test_utilization_ratio():
    assert utilization_ratio(270, 540) == 0.5
    assert utilization_ratio(10, 0) is None


def test_slots_alignment_and_hours():
    assert slot_starts(at(MONDAY, 10), at(MONDAY, 11, 30)) == [
        at(MONDAY, 10),
        at(MONDAY, 10, 30),
        at(MONDAY, 11),
    ]
    assert is_aligned(at(MONDAY, 9, 30))
    assert not is_aligned(at(MONDAY, 9, 10))
    assert within_hours(WEEKDAYS, at(MONDAY, 9), at(MONDAY, 18))
    assert not within_hours(WEEKDAYS, at(MONDAY, 8, 30), at(MONDAY, 10))
    assert not within_hours(WEEKDAYS, at(MONDAY, 9), at(MONDAY, 10), {MONDAY})
    assert not within_hours(
        WEEKDAYS, at(MONDAY + dt.timedelta(days=6), 10), at(MONDAY + dt.timedelta(days=6), 11)
    )


def test_booked_open_minutes_over_a_year_matches_a_slot_count():
    """The sweep agrees with counting 30-minute units one by one."""
    start = dt.date(2026, 1, 1)
    bookings = []
    day = start
    for i in range(365):
        hh = 8 + i % 11  # some start before opening, some run past closing
        bookings.append((at(day, hh), at(day, hh, 0) + dt.timedelta(minutes=30 * (1 + i % 5))))
        if i % 7 == 0:  # an overlapping one, counted once
            bookings.append((at(day, hh), at(day, hh, 30)))
        day += dt.timedelta(days=1)
    end = day
    closed = {dt.date(2026, 3, 2), dt.date(2026, 5, 5)}
    units = {m for a, b in bookings for m in slot_starts(a, b)}  # overlaps count once
    expected = 30 * sum(
        1 for m in units if within_hours(WEEKDAYS, m, m + dt.timedelta(minutes=30), closed)
    )

    assert booked_open_minutes(WEEKDAYS, start, end, bookings, closed) == expected
    assert open_and_booked_minutes(WEEKDAYS, start, end, bookings, closed) == (
        open_minutes(WEEKDAYS, start, end, closed),
        expected,
    )
