"""Reads of the impact figures: dashboards (public and operator), per-institution breakdowns
and a company's timeline. Access is decided by the caller through ``rules`` helpers; the
selectors that take a user apply it themselves (404 for forbidden and missing alike)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sadari.directory.models import Organization
from sadari.impact.enums import OUTCOME_KINDS, EventKind, Unit
from sadari.impact.models import ImpactEvent, Kpi, KpiSnapshot
from sadari.impact.rules import can_view_company_timeline
from sadari_core.impact.periods import Period, PeriodKind, period_of
from sadari_core.money import format_krw, format_krw_en

TREND = 12


def _english() -> bool:
    return (get_language() or "ko").startswith("en")


def format_value(value: float | None, unit: str) -> str:
    """A KPI value as people read it: ``12억 3,400만원``, ``42.5%``, ``1,234시간``, ``—``."""
    if value is None:
        return "—"
    if unit == Unit.KRW:
        return format_krw_en(round(value)) if _english() else format_krw(round(value))
    if unit == Unit.PERCENT:
        return f"{value:,.1f}%"
    number = f"{value:,.0f}" if abs(value - round(value)) < 1e-9 else f"{value:,.1f}"
    if unit == Unit.HOURS:
        return f"{number} h" if _english() else f"{number}시간"
    if unit == Unit.PEOPLE:
        return number if _english() else f"{number}명"
    return number


def period_label(period: Period) -> str:
    return period.label if _english() else period.label_ko


@dataclass
class Figure:
    kpi: Kpi
    period: Period
    value: float | None
    display: str
    components: dict[str, Any]
    trend: list[tuple[str, float | None]] = field(default_factory=list)
    breakdown: list[tuple[str, int, float | None, str]] = field(default_factory=list)

    @property
    def progress(self) -> float | None:
        """Share of the target reached, 0..100 (None without a target)."""
        if self.kpi.target in (None, 0) or self.value is None:
            return None
        return max(0.0, min(100.0, 100.0 * self.value / self.kpi.target))

    @property
    def target_display(self) -> str:
        return format_value(self.kpi.target, self.kpi.unit) if self.kpi.target is not None else ""

    @property
    def period_display(self) -> str:
        label = period_label(self.period)
        if self.kpi.cumulative_from:
            since = self.kpi.cumulative_from
            if _english():
                label = f"{since:%Y-%m-%d} – {self.period.end:%Y-%m-%d}"
            else:
                label = f"{since.year}년 {since.month}월 – {label}"
        if self.period.end >= timezone.localdate():
            label += " " + _("(to date)")
        return label


def latest_complete(kind: str, *, today: dt.date | None = None) -> Period:
    """The dashboards' default period of ``kind``: the last month or quarter that has ended;
    for years, the current year to date (last year's figure is stale most of the year)."""
    today = today or timezone.localdate()
    current = period_of(today, PeriodKind(kind))
    return current if current.kind == PeriodKind.YEAR else current.previous()


def figures(
    *,
    kpis: list[Kpi],
    period_kind: str | None = None,
    period: Period | None = None,
    institution_id: int | None = None,
    breakdown_for: set[int] | bool | None = False,
) -> list[Figure]:
    """Each KPI's figure at ``period`` (default: its own period kind's last complete period),
    with its trend over the ``TREND`` periods up to it; ``institution_id`` None is city-wide.
    ``breakdown_for``: False for none, None for every institution, or a set of institution ids.
    Two queries (three with a breakdown)."""
    if not kpis:
        return []
    chosen: dict[int, Period] = {}
    for kpi in kpis:
        kind = period.kind.value if period else (period_kind or kpi.period)
        chosen[kpi.pk] = period or latest_complete(kind)
    earliest = min(p.start for p in chosen.values())
    # one query for every KPI's trend (TREND years back covers TREND periods of any kind)
    rows = KpiSnapshot.objects.filter(
        kpi__in=kpis,
        institution_id=institution_id,
        period__in={p.kind.value for p in chosen.values()},
        period_start__gte=earliest.replace(year=earliest.year - TREND),
        period_start__lte=max(p.start for p in chosen.values()),
    ).values_list("kpi_id", "period", "period_start", "period_end", "value", "components")
    by_kpi: dict[tuple[int, str], list[tuple[dt.date, dt.date, float | None, dict]]] = defaultdict(
        list
    )
    for kpi_id, kind, start, end, value, components in rows.order_by("period_start"):
        by_kpi[(kpi_id, kind)].append((start, end, value, components))
    names: dict[int, str] = {}
    breakdowns: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    if breakdown_for is not False:
        wanted = {(p.start, p.end) for p in chosen.values()}
        query = KpiSnapshot.objects.filter(
            kpi__in=kpis,
            institution_id__isnull=False,
            period_start__in={s for s, _e in wanted},
        )
        if isinstance(breakdown_for, set):
            query = query.filter(institution_id__in=breakdown_for)
        for kpi_id, start, end, inst, value in query.values_list(
            "kpi_id", "period_start", "period_end", "institution_id", "value"
        ):
            p = chosen[kpi_id]
            if (start, end) == (p.start, p.end):
                breakdowns[kpi_id].append((inst, value))
        ids = {inst for rows_ in breakdowns.values() for inst, _v in rows_}
        names = {
            o.pk: o.name for o in Organization.objects.filter(pk__in=ids).only("name_ko", "name_en")
        }
    out: list[Figure] = []
    for kpi in kpis:
        p = chosen[kpi.pk]
        series = by_kpi.get((kpi.pk, p.kind.value), [])
        current = next((s for s in series if (s[0], s[1]) == (p.start, p.end)), None)
        trend = [
            (period_label(period_of(start, p.kind)), value)
            for start, _end, value, _c in series
            if start <= p.start
        ][-TREND:]
        value = current[2] if current else None
        breakdown = sorted(
            (
                (names.get(inst, f"#{inst}"), inst, v, format_value(v, kpi.unit))
                for inst, v in breakdowns.get(kpi.pk, [])
            ),
            key=lambda r: (-(r[2] if r[2] is not None else float("-inf")), r[0]),
        )
        out.append(
            Figure(
                kpi=kpi,
                period=p,
                value=value,
                display=format_value(value, kpi.unit),
                components=current[3] if current else {},
                trend=trend,
                breakdown=breakdown,
            )
        )
    return out


def public_kpis() -> list[Kpi]:
    return list(Kpi.objects.filter(is_public=True))


def all_kpis() -> list[Kpi]:
    return list(Kpi.objects.all())


# --- a company's timeline ------------------------------------------------------------------

KIND_ICON = {EventKind.FUNDING_ROUND: "₩", EventKind.DEAL_CONTRACT: "★"}


@dataclass
class TimelineEntry:
    day: dt.date
    kind: str
    label: str
    is_outcome: bool
    institution: str
    amount: int | None
    quantity: float


def access_company_timeline(
    *, user: Any, organization_id: int
) -> tuple[Organization, list[TimelineEntry]]:
    """A company's support → outcome timeline, for its members, institution staff and city
    operators (Http404 for others and for missing companies alike). Tech-trade entries say
    only that a deal reached a stage, with its date — never the parties or terms."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None or not can_view_company_timeline(user, organization):
        raise Http404
    events = list(
        ImpactEvent.objects.filter(organization_id=organization_id)
        .order_by("occurred_on", "id")
        .values_list("occurred_on", "kind", "institution_id", "amount", "quantity")
    )
    institutions = {
        o.pk: o.name
        for o in Organization.objects.filter(pk__in={e[2] for e in events if e[2]}).only(
            "name_ko", "name_en"
        )
    }
    labels = dict(EventKind.choices)
    confidential = {
        EventKind.DEAL_MATCHED,
        EventKind.DEAL_NDA,
        EventKind.DEAL_POC,
        EventKind.DEAL_CONTRACT,
    }
    entries = [
        TimelineEntry(
            day=day,
            kind=kind,
            label=str(labels.get(kind, kind)),
            is_outcome=kind in OUTCOME_KINDS,
            institution="" if kind in confidential else institutions.get(inst, ""),
            amount=None if kind in confidential else amount,
            quantity=quantity,
        )
        for day, kind, inst, amount, quantity in events
    ]
    return organization, entries


def timeline_summary(entries: list[TimelineEntry]) -> dict[str, Any]:
    """Totals for the timeline's header: support received, rounds and amount, hires, deals,
    and the days from the first support to the first outcome that followed it."""
    first_support = next((e.day for e in entries if not e.is_outcome), None)
    first_outcome = next(
        (e.day for e in entries if e.is_outcome and first_support and e.day >= first_support),
        None,
    )
    return {
        "support": sum(1 for e in entries if not e.is_outcome),
        "rounds": sum(1 for e in entries if e.kind == EventKind.FUNDING_ROUND),
        "raised": sum(e.amount or 0 for e in entries if e.kind == EventKind.FUNDING_ROUND),
        "hires": sum(
            1 for e in entries if e.kind in (EventKind.HIRE_ATTRIBUTED, EventKind.HIRE_COINCIDENTAL)
        ),
        "deals": sum(1 for e in entries if e.kind == EventKind.DEAL_CONTRACT),
        "first_support": first_support,
        "first_outcome": first_outcome,
        "days_to_outcome": (first_outcome - first_support).days
        if first_support and first_outcome
        else None,
        "label": _("support → outcomes"),
    }
