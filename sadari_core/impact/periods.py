"""Reporting periods: months, quarters and years, their labels (``2026-03``, ``2026-Q3``,
``2026``) and the periods before a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}
_LABEL = re.compile(r"^\s*(\d{4})(?:-(?:(0?[1-9]|1[0-2])|[Qq]([1-4])))?\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A reporting period, both ends included."""

    start: dt.date
    end: dt.date
    kind: PeriodKind

    @property
    def label(self) -> str:
        """``2026-03``, ``2026-Q3`` or ``2026``."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label_ko(self) -> str:
        """``2026년 3월``, ``2026년 3분기`` or ``2026년``."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.start.year}년 {self.start.month}월"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}년 {(self.start.month - 1) // 3 + 1}분기"
        return f"{self.start.year}년"

    def previous(self) -> Period:
        return period_of(self.start - dt.timedelta(days=1), self.kind)

    def next(self) -> Period:
        return period_of(self.end + dt.timedelta(days=1), self.kind)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_of(day: dt.date, kind: PeriodKind | str) -> Period:
    """The period of ``kind`` containing ``day``: ``period_of(date(2026, 8, 5), "quarter").label
    == "2026-Q3"``."""
    kind = PeriodKind(kind)
    size = _MONTHS[kind]
    first_month = (day.month - 1) // size * size + 1
    start = _month_start(day.year, first_month)
    end = _add_months(start, size) - dt.timedelta(days=1)
    return Period(start, end, kind)


def parse_period(text: str) -> Period:
    """``"2026-Q3"``, ``"2026-03"`` or ``"2026"`` → the period.

    Raises:
        ValueError: when the text is none of these forms.
    """
    match = _LABEL.match(text or "")
    if not match:
        raise ValueError(f"not a period: {text!r} (2026, 2026-03 or 2026-Q3)")
    year = int(match.group(1))
    if year < 1900 or year > 2999:
        raise ValueError(f"year out of range: {year}")
    if match.group(2):
        return period_of(dt.date(year, int(match.group(2)), 1), PeriodKind.MONTH)
    if match.group(3):
        return period_of(dt.date(year, (int(match.group(3)) - 1) * 3 + 1, 1), PeriodKind.QUARTER)
    return period_of(dt.date(year, 1, 1), PeriodKind.YEAR)


def last_periods(kind: PeriodKind | str, count: int, *, until: dt.date) -> list[Period]:
    """The ``count`` periods of ``kind`` up to the one containing ``until``, oldest first."""
    periods: list[Period] = []
    current = period_of(until, kind)
    for _ in range(max(0, count)):
        periods.append(current)
        current = current.previous()
    return periods[::-1]
