"""Consortium pages: programs with eligibility (list, "programs I can apply to now", detail with
the viewer's check, apply), host staff's rule editor and application review, the eligibility
profile and company facts, referrals between institutions with their counts, and the public
HSDS 3.0 export. Views are thin: access → selector/service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as django_render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.audit import audit_record
from sadari.common.spreadsheet import table_download
from sadari.common.views import add_validation_errors, login_required_or_404, page_of
from sadari.consortium import exports, selectors, services
from sadari.consortium import rules as perms
from sadari.consortium.enums import (
    LIVE_APPLICATION_STATES,
    ApplicationMode,
    ApplicationStatus,
    ReferralStatus,
    TargetGroup,
)
from sadari.consortium.forms import (
    ApplyForm,
    CompanyFactsForm,
    DecideForm,
    EligibilityProfileForm,
    ProgramOptionsForm,
    ReferralActionForm,
    ReferralForm,
    RuleFormSet,
    value_as_text,
    vocabulary,
)
from sadari.consortium.models import Application, ProgramOptions
from sadari.directory.enums import Industry
from sadari.directory.models import Organization


def render(request: HttpRequest, name: str, context: dict[str, Any] | None = None) -> HttpResponse:
    context = dict(context or {})
    user = request.user
    context.setdefault("is_host_staff", bool(perms.staff_org_ids(user)) or perms.is_operator(user))
    context.setdefault("can_refer", perms.can_refer(user))
    return django_render(request, name, context)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- programs -------------------------------------------------------------------------------


def program_list(request: HttpRequest) -> HttpResponse:
    """Public list with search and filters: open only (default), target group, host, industry."""
    today = timezone.localdate()
    qs = selectors.program_queryset()
    q = (request.GET.get("q") or "").strip()[:100]
    group = request.GET.get("group", "")
    industry = request.GET.get("industry", "")
    show = request.GET.get("show", "open")
    host = request.GET.get("host", "")
    if show != "all":
        qs = qs.filter(selectors.open_q(today))
    if q:
        qs = qs.filter(
            Q(title_ko__icontains=q)
            | Q(title_en__icontains=q)
            | Q(host__name_ko__icontains=q)
            | Q(summary_ko__icontains=q)
        )
    if group in TargetGroup.values:
        if group == TargetGroup.GENERAL:
            qs = qs.filter(
                Q(consortium_options__isnull=True)
                | Q(consortium_options__target_group=TargetGroup.GENERAL)
            )
        else:
            qs = qs.filter(consortium_options__target_group=group)
    if industry in Industry.values:
        qs = qs.filter(industry=industry)
    if host.isdigit():
        qs = qs.filter(host_id=int(host))
    qs = qs.order_by("apply_by", "id") if show != "all" else qs.order_by("-starts_on", "id")
    return render(
        request,
        "consortium/program_list.html",
        {
            "page": page_of(request, qs, 20),
            "q": q,
            "group": group,
            "industry": industry,
            "show": show,
            "groups": TargetGroup.choices,
            "industries": Industry.choices,
        },
    )


@login_required_or_404
def eligible(request: HttpRequest) -> HttpResponse:
    groups = selectors.eligible_programs_for(user=request.user)
    return render(
        request,
        "consortium/eligible.html",
        {"groups": groups, "has_profile": selectors.profile_of(request.user) is not None},
    )


def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(selectors.program_queryset(), pk=pk)
    user = request.user
    check = None
    mine = None
    if user.is_authenticated:
        values = selectors.profile_values_for(user=user)
        check = selectors.check_program(program=program, values=values)
        mine = (
            Application.objects.filter(
                program=program, applicant=user, status__in=LIVE_APPLICATION_STATES
            )
            .order_by("-id")
            .first()
        )
    else:
        # Anonymous: the rules in words, without a verdict or "why not".
        check = selectors.Check(
            program,
            "",
            [selectors.RuleLine(r.text, r.note) for r in program.eligibility_rules.all()],
        )
    in_platform = selectors.application_mode(program) == ApplicationMode.IN_PLATFORM
    return render(
        request,
        "consortium/program_detail.html",
        {
            "program": program,
            "options": selectors.options_of(program),
            "check": check,
            "signed_in": user.is_authenticated,
            "is_open": selectors.is_open(program),
            "in_platform": in_platform,
            "mine": mine,
            "apply_form": ApplyForm() if in_platform else None,
            "can_manage": perms.can_manage_program(user, program),
            "json_ld": exports.program_json_ld(program, _base_url(request)),
        },
    )


@login_required_or_404
def program_apply(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(selectors.program_queryset(), pk=pk)
    if selectors.application_mode(program) != ApplicationMode.IN_PLATFORM:
        raise Http404
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                program=program,
                applicant=request.user,
                answers={"motivation": form.cleaned_data["motivation"]},
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Your application was submitted."))
            return redirect("consortium:my-applications")
    check = selectors.check_program(
        program=program, values=selectors.profile_values_for(user=request.user)
    )
    return render(
        request, "consortium/apply.html", {"program": program, "form": form, "check": check}
    )


@login_required_or_404
def program_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Host staff: the program's options and its rules (a formset), replaced all at once."""
    program = selectors.access_managed_program(user=request.user, program_id=pk)
    options = selectors.options_of(program) or ProgramOptions(program=program)
    initial = [
        {
            "attribute": r.attribute,
            "operator": r.operator,
            "value_text": value_as_text(r.value),
            "note_ko": r.note_ko,
            "note_en": r.note_en,
        }
        for r in program.eligibility_rules.all()
    ]
    options_form = ProgramOptionsForm(request.POST or None, instance=options, prefix="opt")
    formset = RuleFormSet(request.POST or None, initial=initial, prefix="rules")
    if request.method == "POST" and options_form.is_valid() and formset.is_valid():
        rules = [
            {
                "attribute": f.cleaned_data["attribute"],
                "operator": f.cleaned_data["operator"],
                "value": f.cleaned_data.get("value"),
                "note_ko": f.cleaned_data.get("note_ko", ""),
                "note_en": f.cleaned_data.get("note_en", ""),
            }
            for f in formset.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("attribute")
        ]
        try:
            services.program_options_save(
                program=program, by=request.user, **options_form.cleaned_data
            )
            services.program_rules_replace(program=program, by=request.user, rules=rules)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect("consortium:program-manage", program.pk)
    return render(
        request,
        "consortium/program_manage.html",
        {
            "program": program,
            "options_form": options_form,
            "formset": formset,
            "vocabulary": vocabulary(),
        },
    )


@login_required_or_404
def program_applications(request: HttpRequest, pk: int) -> HttpResponse:
    program = selectors.access_managed_program(user=request.user, program_id=pk)
    applications = (
        Application.objects.filter(program=program)
        .select_related("applicant", "organization")
        .order_by("-created_at", "-id")
    )
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    page = page_of(request, applications, 30)
    # Applicants' answers and eligibility snapshots are personal data: reading them is audited.
    audit_record(actor=request.user, action="consortium.applications_view", target=program)
    for application in page.object_list:
        application.lines = selectors.snapshot_lines(application.eligibility)
    selected = Application.objects.filter(
        program=program, status=ApplicationStatus.SELECTED
    ).count()
    return render(
        request,
        "consortium/program_applications.html",
        {
            "program": program,
            "page": page,
            "status": status,
            "statuses": ApplicationStatus.choices,
            "selected": selected,
            "decide_form": DecideForm(),
        },
    )


@require_POST
@login_required_or_404
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.access_application(
        user=request.user, application_id=pk, action="decide"
    )
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid decision."))
    else:
        try:
            services.application_decide(
                application=application,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    return redirect("consortium:program-applications", application.program_id)


@require_POST
@login_required_or_404
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.access_application(
        user=request.user, application_id=pk, action="withdraw"
    )
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("consortium:my-applications")


@login_required_or_404
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("program__host")
        .order_by("-created_at", "-id")
    )
    return render(
        request,
        "consortium/my_applications.html",
        {"page": page_of(request, applications, 30)},
    )


@login_required_or_404
def staff_home(request: HttpRequest) -> HttpResponse:
    """Host staff and operators: the programs they manage with their application counts."""
    if not (perms.staff_org_ids(request.user) or perms.is_operator(request.user)):
        raise Http404
    programs = selectors.managed_programs_for(user=request.user).order_by("-starts_on", "id")
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        programs = programs.filter(Q(title_ko__icontains=q) | Q(title_en__icontains=q))
    return render(
        request,
        "consortium/staff_home.html",
        {"page": page_of(request, programs, 30), "q": q},
    )


# --- profile and company facts --------------------------------------------------------------


@login_required_or_404
def profile(request: HttpRequest) -> HttpResponse:
    current = selectors.profile_of(request.user)
    initial = {}
    if current is not None:
        initial = {
            "birth_year": current.birth_year,
            "gender": current.gender,
            "is_pre_founder": current.is_pre_founder,
            "organization": current.organization_id,
        }
    form = EligibilityProfileForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.eligibility_profile_save(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("consortium:eligible")
    company = selectors.company_of(request.user, current)
    return render(
        request,
        "consortium/profile.html",
        {"form": form, "company": company, "companies": form.fields["organization"].queryset},
    )


@login_required_or_404
def company_facts(request: HttpRequest, pk: int) -> HttpResponse:
    org = Organization.objects.filter(pk=pk).first()
    if org is None or not perms.can_edit_company_facts(request.user, org):
        raise Http404
    facts = selectors.company_facts_of(org)
    initial = {}
    if facts is not None:
        initial = {
            "revenue_krw": facts.revenue_krw,
            "employees": facts.employees,
            "social_economy": facts.social_economy,
            "is_one_person": facts.is_one_person,
        }
    form = CompanyFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_facts_save(organization=org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("consortium:eligible")
    return render(request, "consortium/company_facts.html", {"org": org, "form": form})


# --- referrals ------------------------------------------------------------------------------


@login_required_or_404
def referral_list(request: HttpRequest) -> HttpResponse:
    referrals = selectors.referral_list_for(user=request.user).order_by("-created_at", "-id")
    staff = perms.staff_org_ids(request.user)
    box = request.GET.get("box", "")
    if box == "received":
        referrals = referrals.filter(to_org_id__in=staff)
    elif box == "sent":
        referrals = referrals.filter(from_org_id__in=staff)
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "consortium/referral_list.html",
        {
            "page": page_of(request, referrals, 30),
            "box": box,
            "status": status,
            "statuses": ReferralStatus.choices,
            "is_staff": bool(staff),
        },
    )


@login_required_or_404
def referral_create(request: HttpRequest) -> HttpResponse:
    staff = perms.staff_org_ids(request.user)
    if not staff:
        raise Http404
    initial: dict[str, Any] = {}
    for kind in ("program", "space"):
        value = request.GET.get(kind, "")
        if value.isdigit():
            initial = {"target_kind": kind, "target_id": int(value)}
    if len(staff) == 1:
        initial["from_org"] = next(iter(staff))
    form = ReferralForm(request.POST or None, initial=initial, staff_org_ids=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = data["target"]
        try:
            referral = services.referral_create(
                from_org=data["from_org"],
                by=request.user,
                program=target if data["target_kind"] == "program" else None,
                space=target if data["target_kind"] == "space" else None,
                company=data.get("company_obj"),
                person=data.get("person_obj"),
                note=data["note"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The referral was sent."))
            return redirect("consortium:referral-detail", referral.pk)
    return render(request, "consortium/referral_create.html", {"form": form})


@login_required_or_404
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.access_referral(user=request.user, referral_id=pk)
    events = referral.events.select_related("by").order_by("at", "id")
    return render(
        request,
        "consortium/referral_detail.html",
        {
            "referral": referral,
            "events": events,
            "can_answer": perms.can_answer_referral(request.user, referral),
            "form": ReferralActionForm(),
        },
    )


@require_POST
@login_required_or_404
def referral_action(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.access_referral(user=request.user, referral_id=pk, action="answer")
    form = ReferralActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept, decline or complete."))
    else:
        try:
            services.referral_act(
                referral=referral,
                by=request.user,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    return redirect("consortium:referral-detail", referral.pk)


def _period(request: HttpRequest) -> tuple[dt.datetime | None, dt.datetime | None, str, str]:
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD`` (both optional, ``to`` inclusive); bad dates ignored."""
    start = end = None
    start_text = request.GET.get("from", "")[:10]
    end_text = request.GET.get("to", "")[:10]
    tz = timezone.get_current_timezone()
    try:
        if start_text:
            start = dt.datetime.combine(dt.date.fromisoformat(start_text), dt.time(), tz)
    except ValueError:
        start_text = ""
    try:
        if end_text:
            end = dt.datetime.combine(
                dt.date.fromisoformat(end_text) + dt.timedelta(days=1), dt.time(), tz
            )
    except ValueError:
        end_text = ""
    return start, end, start_text, end_text


@login_required_or_404
def referral_stats(request: HttpRequest) -> HttpResponse:
    if not perms.can_see_referral_stats(request.user):
        raise Http404
    start, end, start_text, end_text = _period(request)
    rows = selectors.referral_stats_for(user=request.user, start=start, end=end)
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("sent", "accepted", "declined", "completed", "open")
    }
    return render(
        request,
        "consortium/referral_stats.html",
        {
            "rows": rows,
            "totals": totals,
            "start": start_text,
            "end": end_text,
            "all_pairs": perms.is_operator(request.user),
        },
    )


STATS_HEADER = [
    "from_institution", "to_institution", "sent", "open", "accepted", "declined", "completed",
    "median_days_to_answer",
]  # fmt: skip


@login_required_or_404
def referral_stats_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if not perms.can_see_referral_stats(request.user) or fmt not in {"csv", "xlsx"}:
        raise Http404

    start, end, start_text, end_text = _period(request)
    rows = selectors.referral_stats_for(user=request.user, start=start, end=end)
    table = [
        [r.from_org.name_ko, r.to_org.name_ko, r.sent, r.open, r.accepted, r.declined,
         r.completed, "" if r.median_days_to_answer is None else r.median_days_to_answer]
        for r in rows
    ]  # fmt: skip
    name = f"referrals-{start_text or 'all'}-{end_text or 'now'}"
    return table_download(
        fmt=fmt, header=STATS_HEADER, rows=table, name=name, sheet_title="referrals"
    )


# --- exports --------------------------------------------------------------------------------


def hsds(request: HttpRequest) -> JsonResponse:
    """Every institution and its programs as HSDS 3.0 (public fields only)."""
    data = exports.hsds_dataset(organizations=exports.institutions(), base_url=_base_url(request))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def hsds_organization(request: HttpRequest, pk: int) -> JsonResponse:
    orgs = exports.institutions().filter(pk=pk)
    if not orgs.exists():
        raise Http404
    data = exports.hsds_dataset(organizations=orgs, base_url=_base_url(request))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
