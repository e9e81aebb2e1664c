"""Snapshot computation: recorded events → measure values → each KPI's value per period,
city-wide and per institution.

For each period (and each cumulative window a KPI asks for) one aggregate query over
ImpactEvent grouped by (kind, institution) gives count, sum of amounts, sum of quantities and
distinct companies; city-wide distinct companies need one more query grouped by kind (a company
supported by two institutions is one company city-wide). Snapshots are replaced per
(KPI, period) in one transaction, so recomputing is idempotent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from sadari.impact.models import ImpactEvent, Kpi, KpiSnapshot
from sadari_core.impact.formula import Formula, FormulaError, Measure, evaluate
from sadari_core.impact.periods import Period, PeriodKind, last_periods

logger = logging.getLogger(__name__)

CITY = None  # the institution key of city-wide values

Values = dict[Measure, float]


@dataclass
class ComputeStats:
    periods: int = 0
    snapshots: int = 0
    queries: int = 0
    skipped_kpis: tuple[str, ...] = ()


def aggregate(
    start: dt.date, end: dt.date, kinds: Iterable[str], *, distinct_kinds: Iterable[str] = ()
) -> dict[int | None, Values]:
    """Measure values for events dated ``start``..``end`` (inclusive), per institution and
    city-wide (key ``None``). Two queries (one when no measure asks for distinct companies)."""
    kinds = sorted(set(kinds))
    out: dict[int | None, Values] = defaultdict(dict)
    if not kinds:
        return out
    rows = (
        ImpactEvent.objects.filter(occurred_on__gte=start, occurred_on__lte=end, kind__in=kinds)
        .order_by()
        .values_list("kind", "institution_id")
        .annotate(
            n=Count("id"),
            amount=Sum("amount"),
            qty=Sum("quantity"),
            orgs=Count("organization_id", distinct=True),
        )
    )
    city = out[CITY]
    for kind, institution, n, amount, qty, orgs in rows:
        values = {
            Measure("count", kind): float(n),
            Measure("sum", kind): float(amount or 0),
            Measure("qty", kind): float(qty or 0),
        }
        if institution is not None:
            target = out[institution]
            target.update(values)
            target[Measure("distinct", kind)] = float(orgs)
        for measure, value in values.items():
            city[measure] = city.get(measure, 0.0) + value
    distinct_kinds = sorted(set(distinct_kinds) & set(kinds))
    if distinct_kinds:
        for kind, orgs in (
            ImpactEvent.objects.filter(
                occurred_on__gte=start, occurred_on__lte=end, kind__in=distinct_kinds
            )
            .order_by()
            .values_list("kind")
            .annotate(orgs=Count("organization_id", distinct=True))
        ):
            city[Measure("distinct", kind)] = float(orgs)
    return out


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def compute_snapshots(
    *, periods: Sequence[Period], kpis: Iterable[Kpi] | None = None
) -> ComputeStats:
    """Computes and stores every KPI's snapshots for ``periods`` (city-wide and for each
    institution that has events in a KPI's measures). Transactional per period; idempotent:
    the snapshots of (KPI, period) are replaced. A KPI whose formula no longer parses is
    skipped and logged (its old snapshots stay)."""
    stats = ComputeStats()
    parsed: list[tuple[Kpi, Formula]] = []
    skipped: list[str] = []
    for kpi in kpis if kpis is not None else Kpi.objects.all():
        try:
            parsed.append((kpi, kpi.parsed()))
        except FormulaError:
            logger.warning("impact: KPI %s has an invalid formula; not computed", kpi.slug)
            skipped.append(kpi.slug)
    stats.skipped_kpis = tuple(skipped)
    if not parsed:
        return stats
    now = timezone.now()
    for period in periods:
        windows: dict[dt.date, list[tuple[Kpi, Formula]]] = defaultdict(list)
        for kpi, formula in parsed:
            windows[kpi.cumulative_from or period.start].append((kpi, formula))
        snapshots: list[KpiSnapshot] = []
        for start, group in windows.items():
            kinds = {m.kind for _k, f in group for m in f.measures}
            distinct = {m.kind for _k, f in group for m in f.measures if m.function == "distinct"}
            values = aggregate(start, period.end, kinds, distinct_kinds=distinct)
            stats.queries += 2 if distinct else 1
            for kpi, formula in group:
                for institution, measured in values.items():
                    used = {str(m): measured.get(m, 0.0) for m in formula.measures}
                    if institution is not CITY and not any(
                        measured.get(Measure("count", m.kind)) for m in formula.measures
                    ):
                        continue  # no event of this KPI's kinds at this institution
                    snapshots.append(
                        KpiSnapshot(
                            kpi=kpi,
                            period=period.kind.value,
                            period_start=period.start,
                            period_end=period.end,
                            institution_id=institution,
                            value=_rounded(evaluate(formula, measured)),
                            components={
                                **used,
                                **({"from": start.isoformat()} if start != period.start else {}),
                            },
                            computed_at=now,
                        )
                    )
                if CITY not in values:
                    snapshots.append(
                        KpiSnapshot(
                            kpi=kpi,
                            period=period.kind.value,
                            period_start=period.start,
                            period_end=period.end,
                            institution_id=None,
                            value=_rounded(evaluate(formula, {})),
                            components={str(m): 0.0 for m in formula.measures},
                            computed_at=now,
                        )
                    )
        with transaction.atomic():
            KpiSnapshot.objects.filter(
                kpi__in=[k for k, _f in parsed],
                period_start=period.start,
                period_end=period.end,
            ).delete()
            KpiSnapshot.objects.bulk_create(snapshots, batch_size=1000)
        stats.periods += 1
        stats.snapshots += len(snapshots)
    return stats


def recent_periods(kind: str, count: int, *, until: dt.date | None = None) -> list[Period]:
    return last_periods(PeriodKind(kind), count, until=until or timezone.localdate())


def refresh(
    *, kinds: Sequence[str] = ("month", "quarter", "year"), months: int = 13, collect: bool = True
) -> tuple[object | None, ComputeStats]:
    """The nightly run: collect events, then compute the last ``months`` months, the quarters
    and years they touch. Returns the collect stats (or None) and the compute stats."""
    from sadari.impact.collectors import collect as collect_events

    collected = collect_events() if collect else None
    periods: list[Period] = []
    today = timezone.localdate()
    for kind in kinds:
        if kind == "month":
            periods += recent_periods("month", months, until=today)
        elif kind == "quarter":
            periods += recent_periods("quarter", (months + 2) // 3 + 1, until=today)
        else:
            periods += recent_periods("year", max(1, (months + 11) // 12 + 1), until=today)
    return collected, compute_snapshots(periods=periods)
