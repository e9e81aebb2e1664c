"""Impact pages: the public dashboard, the operator dashboard with per-institution breakdowns,
reports (XLSX, PDF), a company's support → outcome timeline and KPI definitions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as django_render
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.accounts.rules import is_city_operator
from sadari.common.audit import audit_record
from sadari.common.views import login_required_or_404
from sadari.directory.models import Organization
from sadari.impact import charts
from sadari.impact.compute import aggregate
from sadari.impact.enums import EventKind, PeriodKind
from sadari.impact.forms import KpiForm
from sadari.impact.models import Kpi
from sadari.impact.reports import build_report, report_pdf, report_xlsx
from sadari.impact.rules import can_view_operator_dashboard, institutions_visible_to
from sadari.impact.selectors import (
    access_company_timeline,
    all_kpis,
    figures,
    format_value,
    latest_complete,
    period_label,
    public_kpis,
    timeline_summary,
)
from sadari_core.impact.formula import Measure
from sadari_core.impact.periods import Period, last_periods, parse_period

FUNNEL = [
    (EventKind.DEAL_MATCHED, "matched"),
    (EventKind.DEAL_NDA, "nda"),
    (EventKind.DEAL_POC, "poc"),
    (EventKind.DEAL_CONTRACT, "contract"),
]


def render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Renders with the flags the impact tabs need."""
    context.setdefault("nav_operator", can_view_operator_dashboard(request.user))
    context.setdefault("nav_kpis", is_city_operator(request.user))
    return django_render(request, template, context)


def _with_charts(items):
    for f in items:
        f.chart = charts.bar_chart(
            f.trend,
            title=_("%(kpi)s, last %(n)d periods") % {"kpi": f.kpi.name, "n": len(f.trend)},
            fmt=lambda v, unit=f.kpi.unit: format_value(v, unit),
        )
    return items


def _funnel(period_end, institution_id=None):
    """The tech-trade funnel over the 12 months up to ``period_end`` (from recorded events)."""
    start = last_periods("month", 12, until=period_end)[0].start
    values = aggregate(start, period_end, [k for k, _s in FUNNEL]).get(institution_id, {})
    labels = dict(EventKind.choices)
    stages = [
        (str(labels[k]).replace(_("Tech-trade") + " ", ""), values.get(Measure("count", k), 0.0))
        for k, _s in FUNNEL
    ]
    return charts.funnel_chart(stages, title=_("Tech-trade funnel, last 12 months")), start


def dashboard(request: HttpRequest) -> HttpResponse:
    """Public: the city-wide public KPIs, each with its definition, period, target and trend."""
    items = _with_charts(figures(kpis=public_kpis()))
    end = latest_complete("month").end
    funnel, funnel_start = _funnel(end)
    return render(
        request,
        "impact/dashboard.html",
        {"figures": items, "funnel": funnel, "funnel_start": funnel_start, "funnel_end": end},
    )


def _period_from(request: HttpRequest) -> Period:
    kind = (
        request.GET.get("period") if request.GET.get("period") in PeriodKind.values else "quarter"
    )
    label = request.GET.get("at", "").strip()
    if label:
        try:
            chosen = parse_period(label)
        except ValueError:
            messages.error(
                request,
                _("Unknown period %(label)s: write 2026, 2026-03 or 2026-Q3.")
                % {"label": label[:20]},
            )
        else:
            return chosen
    return latest_complete(kind)


def _institution_from(request: HttpRequest, visible: set[int] | None) -> Organization | None:
    raw = request.GET.get("institution", "").strip()
    if not raw:
        if visible is None:
            return None
        raw = str(min(visible)) if visible else ""
        if not raw:
            raise Http404
    try:
        pk = int(raw)
    except ValueError:
        raise Http404 from None
    if visible is not None and pk not in visible:
        raise Http404
    return get_object_or_404(Organization, pk=pk)


@login_required_or_404
def operator(request: HttpRequest) -> HttpResponse:
    """City operators: every KPI, city-wide or for one institution, with a per-institution
    breakdown. Institution staff: their own institutions only."""
    if not can_view_operator_dashboard(request.user):
        raise Http404
    visible = institutions_visible_to(request.user)
    period = _period_from(request)
    institution = _institution_from(request, visible)
    items = _with_charts(
        figures(
            kpis=all_kpis(),
            period=period,
            institution_id=institution.pk if institution else None,
            breakdown_for=None if institution is None else False,
        )
    )
    choices = Organization.objects.filter(
        pk__in=visible if visible is not None else _institution_ids()
    ).only("name_ko", "name_en")
    funnel, funnel_start = _funnel(period.end, institution.pk if institution else None)
    recent = [
        p
        for k in ("month", "quarter", "year")
        for p in last_periods(k, 4 if k != "month" else 6, until=timezone.localdate())
    ]
    return render(
        request,
        "impact/operator.html",
        {
            "figures": items,
            "period": period,
            "period_name": period_label(period),
            "institution": institution,
            "institutions": sorted(choices, key=lambda o: o.name),
            "is_operator": visible is None,
            "funnel": funnel,
            "funnel_start": funnel_start,
            "recent": [(p.label, period_label(p)) for p in recent],
            "query": request.GET.urlencode(),
        },
    )


def _institution_ids() -> set[int]:
    from sadari.impact.models import KpiSnapshot

    return set(
        KpiSnapshot.objects.filter(institution_id__isnull=False)
        .order_by()
        .values_list("institution_id", flat=True)
        .distinct()
    )


@login_required_or_404
def report(request: HttpRequest, fmt: str) -> HttpResponse:
    """The report of a period (``at``, default the last complete quarter) for the city or an
    institution, as XLSX or PDF. Operators and institution staff (their institutions)."""
    if fmt not in ("xlsx", "pdf") or not can_view_operator_dashboard(request.user):
        raise Http404
    visible = institutions_visible_to(request.user)
    label = request.GET.get("at", "").strip()
    try:
        period = parse_period(label) if label else latest_complete("quarter")
    except ValueError:
        raise Http404 from None
    institution = _institution_from(request, visible)
    built = build_report(period=period, institution=institution)
    audit_record(
        actor=request.user,
        action="impact.report.download",
        target=institution or request.user,
        period=period.label,
        format=fmt,
    )
    if fmt == "xlsx":
        response = HttpResponse(
            report_xlsx(built),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(report_pdf(built), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{built.filename(fmt)}"'
    return response


@login_required_or_404
def company_timeline(request: HttpRequest, organization_id: int) -> HttpResponse:
    """A company's support received and outcomes, by date (members, staff, operators)."""
    organization, entries = access_company_timeline(
        user=request.user, organization_id=organization_id
    )
    return render(
        request,
        "impact/company_timeline.html",
        {"organization": organization, "entries": entries, "summary": timeline_summary(entries)},
    )


def _operator_only(request: HttpRequest) -> None:
    if not is_city_operator(request.user):
        raise Http404


@login_required_or_404
def kpi_list(request: HttpRequest) -> HttpResponse:
    """City operators: the KPI definitions (formula, unit, period, target, public or not)."""
    _operator_only(request)
    return render(request, "impact/kpi_list.html", {"kpis": all_kpis(), "kinds": EventKind.choices})


@login_required_or_404
def kpi_edit(request: HttpRequest, kpi_id: int | None = None) -> HttpResponse:
    """City operators: create or edit a KPI; a bad formula is refused with its column."""
    _operator_only(request)
    kpi = get_object_or_404(Kpi, pk=kpi_id) if kpi_id else None
    form = KpiForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit_record(actor=request.user, action="impact.kpi.save", target=saved)
        messages.success(request, _("Saved. The figures follow at the next computation (nightly)."))
        return redirect("impact:kpi-list")
    return render(
        request, "impact/kpi_form.html", {"form": form, "kpi": kpi, "kinds": EventKind.choices}
    )
