"""Space booking arithmetic: weekly hours, the slot grid, open and booked minutes."""

import datetime as dt

import pytest

from sadari_core.scheduling.spaces import (
    booked_open_minutes,
    is_aligned,
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
