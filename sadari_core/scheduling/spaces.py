"""Space booking arithmetic: weekly opening hours, 30-minute slots, open and booked hours.

Pure functions over naive local wall-clock times (the caller converts to and from its time
zone); no Django, no I/O. Utilization of a space over a period is
``booked minutes inside opening hours / open minutes``, where open minutes are the weekly hours
of each day of the period minus the closed dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence

SLOT_MINUTES = 30

# weekday (0 = Monday … 6 = Sunday) → (opening minute, closing minute) of that day, or absent.
WeeklyHours = Mapping[int, tuple[int, int]]


def parse_hours(rows: Sequence[Sequence[str] | None]) -> dict[int, tuple[int, int]]:
    """Weekly hours from seven ``["HH:MM", "HH:MM"]`` rows (``None`` = closed that day).

    Args:
        rows: Monday first, e.g. ``[["09:00", "18:00"], …, None]``.

    Returns:
        ``{0: (540, 1080), …}``; closed days are left out.

    Raises:
        ValueError: not seven rows, a malformed time, a time off the 30-minute grid, or a
        closing time not after the opening time.

    Example (월–금 09:00–18:00): ``parse_hours([["09:00", "18:00"]] * 5 + [None, None])[0]``
    is ``(540, 1080)``.
    """
    if len(rows) != 7:
        raise ValueError("seven weekdays expected")
    out: dict[int, tuple[int, int]] = {}
    for day, row in enumerate(rows):
        if not row:
            continue
        if len(row) != 2:
            raise ValueError(f"weekday {day}: an opening and a closing time expected")
        start, end = (_minutes(value) for value in row)
        if end <= start:
            raise ValueError(f"weekday {day}: closing time must be after opening time")
        out[day] = (start, end)
    return out


def _minutes(value: str) -> int:
    hh, sep, mm = str(value).partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or len(mm) != 2:
        raise ValueError(f"not a time: {value!r}")
    minutes = int(hh) * 60 + int(mm)
    if not 0 <= minutes <= 24 * 60 or int(mm) >= 60:
        raise ValueError(f"not a time: {value!r}")
    if minutes % SLOT_MINUTES:
        raise ValueError(f"{value} is not on the {SLOT_MINUTES}-minute grid")
    return minutes


def format_minutes(minutes: int) -> str:
    """``570`` → ``"09:30"``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def is_aligned(moment: dt.datetime, unit: int = SLOT_MINUTES) -> bool:
    """True when ``moment`` falls on the slot grid (``09:30:00`` yes, ``09:10`` no)."""
    return moment.second == 0 and moment.microsecond == 0 and moment.minute % unit == 0


def slot_starts(
    start: dt.datetime, end: dt.datetime, unit: int = SLOT_MINUTES
) -> list[dt.datetime]:
    """The starts of the ``unit``-minute slots that cover ``[start, end)``.

    Example: 10:00–11:30 → ``[10:00, 10:30, 11:00]``.
    """
    step = dt.timedelta(minutes=unit)
    out: list[dt.datetime] = []
    moment = start
    while moment < end:
        out.append(moment)
        moment += step
    return out


def within_hours(
    weekly: WeeklyHours, start: dt.datetime, end: dt.datetime, closed: Collection[dt.date] = ()
) -> bool:
    """True when ``[start, end)`` lies inside one day's opening hours, on an open date."""
    if end <= start or start.date() in closed:
        return False
    hours = weekly.get(start.weekday())
    if hours is None:
        return False
    day = dt.datetime.combine(start.date(), dt.time(), tzinfo=start.tzinfo)
    opens = day + dt.timedelta(minutes=hours[0])
    closes = day + dt.timedelta(minutes=hours[1])
    return opens <= start and end <= closes


def open_intervals(
    weekly: WeeklyHours, start: dt.date, end: dt.date, closed: Collection[dt.date] = ()
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The opening intervals (naive) of each date in ``[start, end)`` that is not closed."""
    out: list[tuple[dt.datetime, dt.datetime]] = []
    day = start
    while day < end:
        hours = weekly.get(day.weekday())
        if hours is not None and day not in closed:
            midnight = dt.datetime.combine(day, dt.time())
            out.append(
                (
                    midnight + dt.timedelta(minutes=hours[0]),
                    midnight + dt.timedelta(minutes=hours[1]),
                )
            )
        day += dt.timedelta(days=1)
    return out


def open_minutes(
    weekly: WeeklyHours, start: dt.date, end: dt.date, closed: Collection[dt.date] = ()
) -> int:
    """Open minutes in the dates ``[start, end)``: weekly hours minus the closed dates.

    Example: 월–금 09:00–18:00 over one week with one holiday → 4 × 540 = 2,160.
    """
    return sum(
        int((b - a).total_seconds()) // 60 for a, b in open_intervals(weekly, start, end, closed)
    )


def merge_intervals(
    intervals: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The union of ``intervals`` as sorted, disjoint intervals (touching ones are joined)."""
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for a, b in sorted(i for i in intervals if i[1] > i[0]):
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _intersection_minutes(
    first: Sequence[tuple[dt.datetime, dt.datetime]],
    second: Sequence[tuple[dt.datetime, dt.datetime]],
) -> int:
    """Minutes shared by two sorted lists of disjoint intervals (a linear sweep)."""
    i = j = 0
    seconds = 0.0
    while i < len(first) and j < len(second):
        lo = max(first[i][0], second[j][0])
        hi = min(first[i][1], second[j][1])
        if hi > lo:
            seconds += (hi - lo).total_seconds()
        if first[i][1] <= second[j][1]:
            i += 1
        else:
            j += 1
    return int(seconds) // 60


def overlap_minutes(
    intervals: Iterable[tuple[dt.datetime, dt.datetime]], start: dt.datetime, end: dt.datetime
) -> int:
    """Minutes of the union of ``intervals`` that fall inside ``[start, end)``.

    Overlapping intervals are counted once (a union, not a sum).
    """
    return _intersection_minutes(merge_intervals(intervals), [(start, end)])


def booked_open_minutes(
    weekly: WeeklyHours,
    start: dt.date,
    end: dt.date,
    bookings: Iterable[tuple[dt.datetime, dt.datetime]],
    closed: Collection[dt.date] = (),
) -> int:
    """Booked minutes that fall inside the opening hours of the dates ``[start, end)``.

    Linear in the number of days and bookings (both sides are sorted and swept once).
    """
    return _intersection_minutes(
        open_intervals(weekly, start, end, closed), merge_intervals(bookings)
    )


def open_and_booked_minutes(
    weekly: WeeklyHours,
    start: dt.date,
    end: dt.date,
    bookings: Iterable[tuple[dt.datetime, dt.datetime]],
    closed: Collection[dt.date] = (),
) -> tuple[int, int]:
    """``(open_minutes, booked_open_minutes)`` with the opening intervals built once."""
    opening = open_intervals(weekly, start, end, closed)
    open_ = sum(int((b - a).total_seconds()) // 60 for a, b in opening)
    return open_, _intersection_minutes(opening, merge_intervals(bookings))


def utilization_ratio(booked: int, open_: int) -> float | None:
    """``booked / open`` capped at 1.0; ``None`` when the space was never open."""
    if open_ <= 0:
        return None
    return min(1.0, booked / open_)
