"""iCalendar (RFC 5545) feeds: a space's busy blocks (public: times only) and a user's own
bookings (behind a secret token). Times are written in Asia/Seoul with its VTIMEZONE."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from typing import Any

import icalendar
from django.utils import timezone

PRODID = "-//Sadari//Spaces//KO"
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar(name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Seoul")
    return cal


def _event(uid: str, start: dt.datetime, end: dt.datetime, summary: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC).replace(microsecond=0))
    event.add("dtstart", start.astimezone(SEOUL))
    event.add("dtend", end.astimezone(SEOUL))
    event.add("summary", summary)
    return event


def _finish(cal: icalendar.Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


def space_feed(*, space: Any, blocks: Iterable[tuple[dt.datetime, dt.datetime]]) -> bytes:
    """Busy blocks only: no booker, organization or purpose."""
    cal = _calendar(f"{space.name_ko} (Sadari)")
    for start, end in blocks:
        uid = f"space-{space.pk}-{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}@sadari"
        cal.add_component(_event(uid, start, end, "예약됨 (Busy)"))
    return _finish(cal)


def personal_feed(*, user: Any, bookings: Iterable[Any]) -> bytes:
    """The user's live bookings, with the space, its host and the purpose."""
    cal = _calendar(f"{user} · 공간 예약 (Sadari)")
    for booking in bookings:
        space = booking.space
        summary = f"{space.name_ko} · {space.host.name_ko}"
        if booking.status == "pending":
            summary = "[승인 대기 / pending] " + summary
        event = _event(f"booking-{booking.pk}@sadari", booking.starts_at, booking.ends_at, summary)
        event.add("location", space.address or space.host.name_ko)
        event.add("description", booking.purpose)
        event.add("status", "CONFIRMED" if booking.status == "approved" else "TENTATIVE")
        cal.add_component(event)
    return _finish(cal)
