"""Deal-funnel statistics per corporate, institution and city, and their CSV/XLSX export.

Definitions (docs/techtrade.md):

* a deal *reached* a stage when its furthest stage (``Deal.reached``) is that stage or a later
  one — stages a deal skipped count as passed, and a dropped deal counts up to the stage it
  was dropped at;
* *conversion* of a stage = deals that reached the next stage / deals that reached it;
* *days in stage* = time from entering the stage to entering the next recorded one, over the
  deals that have left it (deals still in it are not counted); the median is shown;
* scopes: a corporate's deals are those it buys in; an institution's are those where a party
  is the institution or is based there (``Organization.host``), or of its challenges; the
  city sees every deal.

Exports hold public fields only (item titles, organization names, stages and dates): never
confidential details, messages or notes.
"""

from __future__ import annotations

import csv
import io
import itertools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sadari.accounts.rules import is_city_operator, is_institution_staff
from sadari.common.spreadsheet import append_text, csv_safe
from sadari.directory.models import Organization
from sadari.techtrade.enums import PIPELINE, DealStage, DropReason, stage_index
from sadari.techtrade.models import Deal, DealStageChange
from sadari.techtrade.rules import NEED_OWNER_KINDS, org_ids_of_kind

SCOPE_KINDS = ("city", "corporate", "institution")
STAFF_KINDS = frozenset({"institution", "hub", "academy", "university"})


@dataclass(frozen=True)
class Scope:
    kind: str  # city | corporate | institution
    organization: Organization | None = None

    @property
    def key(self) -> str:
        return self.kind if self.organization is None else f"{self.kind}:{self.organization.pk}"

    @property
    def label(self) -> str:
        if self.organization is None:
            return _("Whole city")
        return self.organization.name


def scopes_for(*, user: Any) -> list[Scope]:
    """The funnels a user may see: city operators every scope; institution staff their
    institutions; a corporate's members their corporate. Empty for everyone else."""
    scopes: list[Scope] = []
    if is_city_operator(user):
        scopes.append(Scope("city"))
        buyers = Deal.objects.values("buyer_id")
        corporates = Organization.objects.filter(pk__in=buyers, kind__in=NEED_OWNER_KINDS)
        scopes += [Scope("corporate", o) for o in corporates.order_by("sort_name")]
        # Institutions: those startups are based at, and those buying themselves (the city or
        # an institution hosting a challenge) — listed as institutions, not as "corporates".
        hosts = Organization.objects.filter(
            Q(pk__in=Deal.objects.values("seller__host_id"))
            | Q(pk__in=Deal.objects.values("buyer__host_id"))
            | (Q(pk__in=buyers) & ~Q(kind__in=NEED_OWNER_KINDS))
        ).order_by("sort_name")
        scopes += [Scope("institution", o) for o in hosts]
        return scopes
    if is_institution_staff(user):
        ids = org_ids_of_kind(user, STAFF_KINDS)
        scopes += [
            Scope("institution", o)
            for o in Organization.objects.filter(pk__in=ids).order_by("sort_name")
        ]
    ids = org_ids_of_kind(user, NEED_OWNER_KINDS)
    scopes += [
        Scope("corporate", o) for o in Organization.objects.filter(pk__in=ids).order_by("sort_name")
    ]
    return scopes


def access_scope(*, user: Any, key: str | None) -> Scope:
    """The scope named ``key`` ("city", "corporate:12", "institution:3") if the user may see
    it; their first scope when ``key`` is empty; Http404 otherwise."""
    scopes = scopes_for(user=user)
    if not scopes:
        raise Http404
    if not key:
        return scopes[0]
    for scope in scopes:
        if scope.key == key:
            return scope
    if is_city_operator(user):
        kind, _sep, raw = key.partition(":")
        if kind in ("corporate", "institution") and raw.isdigit():
            org = Organization.objects.filter(pk=int(raw)).first()
            if org is not None:
                return Scope(kind, org)
    raise Http404


def deals_in(scope: Scope) -> QuerySet[Deal]:
    qs = Deal.objects.select_related("buyer", "seller")
    if scope.kind == "city":
        return qs
    org = scope.organization
    if scope.kind == "corporate":
        return qs.filter(buyer=org)
    return qs.filter(
        Q(buyer=org)
        | Q(seller=org)
        | Q(seller__host=org)
        | Q(buyer__host=org)
        | Q(challenge__host=org)
    )


@dataclass
class StageRow:
    stage: str
    label: str
    reached: int
    current: int
    dropped_here: int
    conversion: float | None  # to the next stage
    median_days: float | None
    bar: int = 0  # percent of the first stage, for the chart


@dataclass
class FunnelStats:
    rows: list[StageRow]
    total: int
    open: int
    contracts: int
    dropped: int
    drop_reasons: list[tuple[str, int]] = field(default_factory=list)

    @property
    def overall_conversion(self) -> float | None:
        return self.contracts / self.total if self.total else None


def funnel_stats(deals: QuerySet[Deal]) -> FunnelStats:
    """Counts, conversion and median days per stage over ``deals`` (two queries)."""
    rows = list(
        deals.order_by().values_list("pk", "stage", "reached", "dropped_from", "drop_reason")
    )
    reached_index = [stage_index(r[2]) for r in rows]
    current = Counter(r[1] for r in rows)
    dropped_at = Counter(r[3] for r in rows if r[1] == DealStage.DROPPED)
    durations: dict[str, list[float]] = defaultdict(list)
    history: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for deal_id, stage, at in (
        DealStageChange.objects.filter(deal__in=deals.order_by().values("pk"))
        .order_by("deal_id", "at", "id")
        .values_list("deal_id", "stage", "at")
    ):
        history[deal_id].append((stage, at))
    for entries in history.values():
        for (stage, at), (_next_stage, next_at) in itertools.pairwise(entries):
            if stage != DealStage.DROPPED:
                durations[stage].append((next_at - at).total_seconds() / 86400)
    labels = dict(DealStage.choices)
    stage_rows: list[StageRow] = []
    for i, stage in enumerate(PIPELINE):
        reached = sum(1 for r in reached_index if r >= i)
        nxt = sum(1 for r in reached_index if r >= i + 1) if i + 1 < len(PIPELINE) else None
        stage_rows.append(
            StageRow(
                stage=stage,
                label=str(labels[stage]),
                reached=reached,
                current=current.get(stage, 0),
                dropped_here=dropped_at.get(stage, 0),
                conversion=(nxt / reached) if (nxt is not None and reached) else None,
                median_days=round(statistics.median(durations[stage]), 1)
                if durations.get(stage)
                else None,
            )
        )
    top = max((r.reached for r in stage_rows), default=0) or 1
    for row in stage_rows:
        row.bar = round(100 * row.reached / top)
    reasons = Counter(r[4] for r in rows if r[1] == DealStage.DROPPED and r[4])
    reason_labels = dict(DropReason.choices)
    return FunnelStats(
        rows=stage_rows,
        total=len(rows),
        open=sum(1 for r in rows if r[1] not in (DealStage.DROPPED, DealStage.CONTRACT)),
        contracts=current.get(DealStage.CONTRACT, 0),
        dropped=current.get(DealStage.DROPPED, 0),
        drop_reasons=[(str(reason_labels.get(k, k)), n) for k, n in reasons.most_common()],
    )


# --- export (public fields only) -------------------------------------------------------------


def _funnel_table(stats: FunnelStats) -> list[list[Any]]:
    header = [
        _("Deal stage"), _("Reached"), _("In this stage now"), _("Dropped at this stage"),
        _("Conversion to next stage"), _("Median days in stage"),
    ]  # fmt: skip
    body = [
        [
            r.label,
            r.reached,
            r.current,
            r.dropped_here,
            None if r.conversion is None else round(r.conversion, 4),
            r.median_days,
        ]
        for r in stats.rows
    ]
    return [[str(h) for h in header], *body]


def _deal_table(deals: QuerySet[Deal]) -> list[list[Any]]:
    labels = dict(DealStage.choices)
    reasons = dict(DropReason.choices)
    header = [
        _("Deal"), pgettext("document", "Title"), _("Corporate"), _("Technology holder"), _("Deal stage"),
        _("Furthest stage"), _("In this stage since"), _("Reason"), _("Created"),
    ]  # fmt: skip
    deals = deals.order_by("id").only(
        "pk", "title", "buyer__name_ko", "seller__name_ko", "stage", "reached",
        "stage_changed_at", "drop_reason", "created_at",
    )  # fmt: skip
    rows: list[list[Any]] = [[str(h) for h in header]]
    rows.extend(
        [
            d.pk,
            d.title,
            d.buyer.name_ko,
            d.seller.name_ko,
            str(labels.get(d.stage, d.stage)),
            str(labels.get(d.reached, d.reached)),
            timezone.localtime(d.stage_changed_at).strftime("%Y-%m-%d %H:%M"),
            str(reasons.get(d.drop_reason, "")) if d.drop_reason else "",
            timezone.localtime(d.created_at).strftime("%Y-%m-%d"),
        ]
        for d in deals
    )
    return rows


def export_csv(scope: Scope, deals: QuerySet[Deal], stats: FunnelStats) -> str:
    """UTF-8 with a BOM (Excel opens Korean correctly): the funnel, a blank line, the deals.
    Text that a spreadsheet would run as a formula is written with a leading apostrophe."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Funnel"), csv_safe(scope.label)])
    writer.writerows(_funnel_table(stats))
    writer.writerow([])
    writer.writerows([csv_safe(v) for v in row] for row in _deal_table(deals))
    return out.getvalue()


def export_xlsx(scope: Scope, deals: QuerySet[Deal], stats: FunnelStats) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(_("Funnel"))[:31]
    append_text(sheet, [str(_("Funnel")), scope.label])
    for row in _funnel_table(stats):
        append_text(sheet, row)
    deals_sheet = book.create_sheet(str(_("Deals"))[:31])
    for row in _deal_table(deals):
        append_text(deals_sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
