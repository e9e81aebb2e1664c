"""Jobs pages: public postings (with schema.org JobPosting JSON-LD), the trainee's own page
(profile, consents, export, matched postings with reasons), registration with consent, and the
coordinator's dashboard and pipeline. Personal data: the trainee and their campus only."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render as django_render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.common.spreadsheet import table_download
from sadari.common.views import add_validation_errors, login_required_or_404, page_of
from sadari.jobs import fairs as fair_services
from sadari.jobs import outcomes, services
from sadari.jobs.enums import ConsentPurpose, PostingStatus, Stage
from sadari.jobs.forms import EmploymentForm, MoveForm, ProfileForm, RegisterForm, RetentionForm
from sadari.jobs.models import (
    Cohort,
    Employment,
    Fair,
    FairCompany,
    FairInterview,
    FairSeeker,
    FairStatus,
    JobPosting,
    PipelineEntry,
    Trainee,
)
from sadari.jobs.rules import campus_ids_of, can_see_trainee


def render(request: HttpRequest, name: str, context: dict[str, Any] | None = None) -> HttpResponse:
    """Django's render with the jobs navigation's ``is_coordinator``."""
    context = dict(context or {})
    context.setdefault("is_coordinator", bool(campus_ids_of(request.user)))
    return django_render(request, name, context)


def _trainee_or_404(user: Any, pk: int) -> Trainee:
    trainee = (
        Trainee.objects.select_related("cohort__course__campus", "user")
        .prefetch_related("consents")
        .filter(pk=pk, anonymized_at__isnull=True)
        .first()
    )
    if trainee is None or not can_see_trainee(user, trainee):
        raise Http404
    return trainee


def _own_trainee(user: Any) -> Trainee | None:
    return (
        Trainee.objects.select_related("cohort__course__campus")
        .prefetch_related("consents")
        .filter(user=user, anonymized_at__isnull=True)
        .first()
    )


# --- postings -------------------------------------------------------------------------------


def posting_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    postings = (
        JobPosting.objects.filter(status=PostingStatus.OPEN)
        .exclude(deadline__lt=today)
        .select_related("employer")
        .order_by("-created_at", "id")
    )
    q = (request.GET.get("q") or "").strip()[:100]
    region = (request.GET.get("region") or "").strip()[:40]
    if q:
        postings = postings.filter(
            Q(title__icontains=q) | Q(employer__name_ko__icontains=q) | Q(duties__icontains=q)
        )
    if region:
        postings = postings.filter(region__icontains=region)
    return render(
        request,
        "jobs/posting_list.html",
        {"page": page_of(request, postings, 20), "q": q, "region": region},
    )


def _json_ld(posting: JobPosting, request: HttpRequest) -> str:
    """schema.org JobPosting (Google's required and recommended properties that we hold)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": posting.title,
        "description": "\n".join(
            t for t in (posting.duties, posting.requirements, posting.preferred) if t
        )
        or posting.title,
        "datePosted": posting.created_at.date().isoformat(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": posting.employer.name_ko,
            **({"sameAs": posting.employer.homepage} if posting.employer.homepage else {}),
        },
        "url": request.build_absolute_uri(posting.get_absolute_url()),
    }
    if posting.deadline:
        data["validThrough"] = posting.deadline.isoformat()
    if posting.employment_type:
        kinds = {
            "정규직": "FULL_TIME",
            "계약직": "CONTRACTOR",
            "인턴": "INTERN",
            "파견직": "TEMPORARY",
        }
        data["employmentType"] = [
            v for k, v in kinds.items() if k in posting.employment_type
        ] or posting.employment_type
    if posting.region:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressRegion": posting.region,
                "addressCountry": "KR",
            },
        }
    if posting.salary_min_krw or posting.salary_max_krw:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "KRW",
            "value": {
                "@type": "QuantitativeValue",
                **({"minValue": posting.salary_min_krw} if posting.salary_min_krw else {}),
                **({"maxValue": posting.salary_max_krw} if posting.salary_max_krw else {}),
                "unitText": "YEAR",
            },
        }
    skills = [*posting.required_skills, *posting.preferred_skills]
    if skills:
        data["skills"] = ", ".join(skills)
    # Escape "<" so the JSON cannot close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = JobPosting.objects.select_related("employer").filter(pk=pk).first()
    if posting is None:
        raise Http404
    trainee = _own_trainee(request.user) if request.user.is_authenticated else None
    match = None
    if trainee is not None and services.has_consent(trainee, ConsentPurpose.JOB_MATCHING):
        match = services.matcher().score(
            services._core_trainee(trainee), services._core_posting(posting)
        )
    coordinator_matches = []
    if campus_ids_of(request.user):
        trainees = Trainee.objects.filter(
            cohort__course__campus_id__in=campus_ids_of(request.user), anonymized_at__isnull=True
        ).prefetch_related("consents")
        coordinator_matches = services.trainees_for(posting, trainees, k=10)
    return render(
        request,
        "jobs/posting_detail.html",
        {
            "posting": posting,
            "json_ld": _json_ld(posting, request),
            "match": match,
            "coordinator_matches": coordinator_matches,
            "trainee": trainee,
        },
    )


# --- the trainee's own pages ----------------------------------------------------------------


@login_required_or_404
def register(request: HttpRequest) -> HttpResponse:
    if _own_trainee(request.user) is not None:
        return redirect("jobs:me")
    today = timezone.localdate()
    cohorts = Cohort.objects.filter(ends_on__gte=today).select_related("course__campus")
    form = RegisterForm(
        request.POST or None,
        cohorts=cohorts,
        initial={"name": str(request.user), "email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_register(
                user=request.user,
                cohort=form.cleaned_data["cohort"],
                data=form.cleaned_data,
                purposes=form.purposes(),
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("You are registered. Your consents are listed below."))
            return redirect("jobs:me")
    return render(
        request,
        "jobs/register.html",
        {
            "form": form,
            "items": services.CONSENT_ITEMS,
            "retention": services.RETENTION_AFTER_COHORT,
        },
    )


@login_required_or_404
def me(request: HttpRequest) -> HttpResponse:
    trainee = _own_trainee(request.user)
    if trainee is None:
        return render(request, "jobs/me_none.html")
    form = ProfileForm(request.POST or None, instance=trainee)
    if request.method == "POST" and form.is_valid():
        services.trainee_save_profile(
            form.save(commit=False), role_changed="desired_role" in form.changed_data
        )
        messages.success(request, _("Profile saved."))
        return redirect("jobs:me")
    return render(
        request,
        "jobs/me.html",
        {
            "trainee": trainee,
            "form": form,
            "consents": trainee.consents.all(),
            "matches": services.postings_for(trainee, k=10),
            "pipeline": trainee.pipeline.select_related("employer", "posting"),
            "matching_consent": services.has_consent(trainee, ConsentPurpose.JOB_MATCHING),
        },
    )


@login_required_or_404
def me_export(request: HttpRequest) -> HttpResponse:
    trainee = _own_trainee(request.user)
    if trainee is None:
        raise Http404
    response = JsonResponse(
        services.trainee_export(trainee, by=request.user), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="sadari-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required_or_404
@require_POST
def consent_withdraw(request: HttpRequest, purpose: str) -> HttpResponse:
    trainee = _own_trainee(request.user)
    if trainee is None or purpose not in ConsentPurpose.values:
        raise Http404
    services.consent_withdraw(trainee, purpose, by=request.user)
    if purpose == ConsentPurpose.TRAINING:
        messages.success(request, _("Your consent is withdrawn and your personal data erased."))
    else:
        messages.success(request, _("Your consent is withdrawn."))
    return redirect("jobs:me")


@login_required_or_404
@require_POST
def consent_give(request: HttpRequest, purpose: str) -> HttpResponse:
    trainee = _own_trainee(request.user)
    if trainee is None or purpose not in ConsentPurpose.values:
        raise Http404
    services.consent_give(trainee, purpose)
    messages.success(request, _("Thank you; your consent is recorded."))
    return redirect("jobs:me")


# --- coordinators ---------------------------------------------------------------------------


@login_required_or_404
def coordinator(request: HttpRequest) -> HttpResponse:
    campuses = campus_ids_of(request.user)
    if not campuses:
        raise Http404
    trainees = (
        Trainee.objects.filter(cohort__course__campus_id__in=campuses, anonymized_at__isnull=True)
        .select_related("cohort__course__campus")
        .annotate(
            in_pipeline=Count("pipeline", filter=~Q(pipeline__stage=Stage.DROPPED)),
            hired=Count(
                "pipeline",
                filter=Q(pipeline__stage__in=[Stage.HIRED, Stage.RETAINED_6M, Stage.RETAINED_12M]),
            ),
        )
        .order_by("cohort", "name")
    )
    stages = dict(
        PipelineEntry.objects.filter(trainee__cohort__course__campus_id__in=campuses)
        .values_list("stage")
        .annotate(n=Count("id"))
    )
    return render(
        request,
        "jobs/coordinator.html",
        {
            "page": page_of(request, trainees, 50),
            "stages": [(s, stages.get(s.value, 0)) for s in Stage],
            "reminders": services.reminders_due(campuses)[:50],
            "retention_due": outcomes.retention_checks_due(campuses, limit=100),
        },
    )


@login_required_or_404
def trainee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = _trainee_or_404(request.user, pk)
    if trainee.user_id == request.user.pk:
        return redirect("jobs:me")
    return render(
        request,
        "jobs/trainee_detail.html",
        {
            "trainee": trainee,
            "matches": services.postings_for(trainee, k=10),
            "pipeline": trainee.pipeline.select_related("employer", "posting").prefetch_related(
                "changes"
            ),
            "move_form": MoveForm(),
            "employment_form": EmploymentForm(employers=_pipeline_employers(trainee)),
            "employments": trainee.employments.select_related("employer"),
            "retention_form": RetentionForm(),
            "matching_consent": services.has_consent(trainee, ConsentPurpose.JOB_MATCHING),
        },
    )


@login_required_or_404
@require_POST
def pipeline_add(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = _trainee_or_404(request.user, pk)
    try:
        posting_pk = int(request.POST.get("posting", ""))
    except ValueError:
        raise Http404 from None
    posting = JobPosting.objects.select_related("employer").filter(pk=posting_pk).first()
    if posting is None:
        raise Http404
    try:
        services.pipeline_add(trainee, posting, by=request.user)
        messages.success(request, _("Added to the pipeline as recommended."))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect(
        "jobs:me" if trainee.user_id == request.user.pk else "jobs:trainee-detail",
        **({} if trainee.user_id == request.user.pk else {"pk": trainee.pk}),
    )


@login_required_or_404
@require_POST
def pipeline_move(request: HttpRequest, pk: int) -> HttpResponse:
    entry = PipelineEntry.objects.select_related("trainee__cohort__course").filter(pk=pk).first()
    if (
        entry is None
        or entry.trainee.anonymized_at
        or not can_see_trainee(request.user, entry.trainee)
    ):
        raise Http404
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.pipeline_move(
                entry,
                stage=form.cleaned_data["stage"],
                by=request.user,
                note=form.cleaned_data["note"],
                remind_on=form.cleaned_data["remind_on"],
            )
            messages.success(request, _("Stage updated."))
        except PermissionDenied:
            raise Http404 from None
    else:
        messages.error(request, _("Choose a stage."))
    if entry.trainee.user_id == request.user.pk:
        return redirect("jobs:me")
    return redirect("jobs:trainee-detail", pk=entry.trainee_id)


def _pipeline_employers(trainee: Trainee):
    from sadari.directory.models import Organization

    return Organization.objects.filter(
        pk__in=trainee.pipeline.values_list("employer_id", flat=True)
    ).order_by("sort_name")


@login_required_or_404
@require_POST
def employment_record(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = _trainee_or_404(request.user, pk)
    if trainee.user_id == request.user.pk:
        raise Http404
    form = EmploymentForm(request.POST, employers=_pipeline_employers(trainee))
    if form.is_valid():
        try:
            employment = outcomes.employment_record(
                trainee,
                by=request.user,
                employer=form.cleaned_data["employer"],
                hired_on=form.cleaned_data["hired_on"],
                evidence=form.cleaned_data["evidence"],
                evidence_note=form.cleaned_data["evidence_note"],
            )
            if employment.attributed:
                messages.success(request, _("Hire recorded; it follows a referral here."))
            else:
                messages.success(
                    request,
                    _("Hire recorded as coincidental: %(why)s") % {"why": employment.attribution},
                )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("jobs:trainee-detail", pk=trainee.pk)


@login_required_or_404
@require_POST
def retention_check(request: HttpRequest, pk: int) -> HttpResponse:
    employment = Employment.objects.select_related("trainee__cohort__course").filter(pk=pk).first()
    if employment is None or not can_see_trainee(request.user, employment.trainee):
        raise Http404
    if employment.trainee.user_id == request.user.pk:
        raise Http404
    form = RetentionForm(request.POST)
    if form.is_valid():
        try:
            outcomes.retention_check(
                employment,
                by=request.user,
                months=form.cleaned_data["months"],
                still_employed=form.cleaned_data["still_employed"],
            )
            messages.success(request, _("Retention recorded."))
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
    return redirect("jobs:trainee-detail", pk=employment.trainee_id)


def _year(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def outcome_rates(request: HttpRequest) -> HttpResponse:
    """Employment rates (public: aggregate, small cells suppressed), with their definition."""
    group = (
        request.GET.get("group")
        if request.GET.get("group") in ("campus", "cohort", "year")
        else "campus"
    )
    year = _year(request)
    rows = outcomes.rates(group=group, year=year)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _rates_export(rows, fmt, group, year)
    totals = outcomes.Rate(label="")
    for r in rows:
        for name in ("completed", "no_consent", "dropped", "denominator", "employed", "attributed",
                     "coincidental", "retained_6m", "checked_6m", "retained_12m", "checked_12m"):  # fmt: skip
            setattr(totals, name, getattr(totals, name) + getattr(r, name))
    return render(
        request,
        "jobs/outcomes.html",
        {
            "rows": rows,
            "totals": totals,
            "group": group,
            "year": year,
            "window": outcomes.WINDOW_DAYS,
            "attribution_days": outcomes.attribution_days(),
            "min_cell": outcomes.MIN_CELL,
        },
    )


RATE_HEADER = [
    "group", "completed", "no_consent", "dropped", "denominator", "employed", "employment_rate",
    "attributed", "platform_rate", "coincidental", "retention_6m", "retention_12m",
]  # fmt: skip


def _rates_export(
    rows: list[outcomes.Rate], fmt: str, group: str, year: int | None
) -> HttpResponse:
    table = [
        [r.label, r.completed, r.no_consent, r.dropped, r.denominator,
         r.employed if r.published else "", r.employment_rate if r.published else "",
         r.attributed if r.published else "", r.platform_rate if r.published else "",
         r.coincidental if r.published else "", r.retention_6m, r.retention_12m]
        for r in rows
    ]  # fmt: skip
    name = f"employment-rates-{group}-{year or 'all'}"
    return table_download(fmt=fmt, header=RATE_HEADER, rows=table, name=name)


# --- job fairs ------------------------------------------------------------------------------


def fair_list(request: HttpRequest) -> HttpResponse:
    fairs = Fair.objects.select_related("host").annotate(
        n_companies=Count("companies", distinct=True), n_seekers=Count("seekers", distinct=True)
    )
    return render(request, "jobs/fair_list.html", {"fairs": fairs})


def _slot_times(fair: Fair) -> list[tuple[int, Any, bool]]:
    breaks = {int(b) for b in fair.breaks}
    return [(t, fair.slot_time(t), t in breaks) for t in range(fair.slots)]


def fair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fair = Fair.objects.select_related("host").filter(pk=pk).first()
    if fair is None:
        raise Http404
    manage = fair_services.can_manage(request.user, fair)
    seeker = (
        FairSeeker.objects.filter(fair=fair, user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    companies = list(fair.companies.select_related("employer").order_by("booth", "pk"))
    context: dict[str, Any] = {
        "fair": fair,
        "companies": companies,
        "manage": manage,
        "seeker": seeker,
        "slots": _slot_times(fair),
        "my_booths": [c for c in companies if c.employer_id in _org_ids(request.user)],
    }
    if manage:
        interviews = list(fair.interviews.select_related("seeker", "company"))
        grid: dict[int, dict[int, list[FairInterview]]] = {}
        for iv in interviews:
            grid.setdefault(iv.company_id, {}).setdefault(iv.slot, []).append(iv)
        context.update(
            seekers=fair.seekers.annotate(
                n=Count("interviews", filter=~Q(interviews__status="cancelled"))
            ),
            grid=[
                (c, [grid.get(c.pk, {}).get(t, []) for t in range(fair.slots)]) for c in companies
            ],
            current_slot=fair.current_slot(),
        )
    return render(request, "jobs/fair_detail.html", context)


def _org_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(user.memberships.values_list("organization_id", flat=True))


@login_required_or_404
@require_POST
def fair_register(request: HttpRequest, pk: int) -> HttpResponse:
    fair = Fair.objects.filter(pk=pk).first()
    if fair is None:
        raise Http404
    requested = FairCompany.objects.filter(
        fair=fair, pk__in=[v for v in request.POST.getlist("requested") if v.isdigit()]
    )
    declined = FairCompany.objects.filter(
        fair=fair, pk__in=[v for v in request.POST.getlist("declined") if v.isdigit()]
    )
    blocked = [int(v) for v in request.POST.getlist("blocked") if v.isdigit() and len(v) < 4]
    try:
        fair_services.register(
            fair, user=request.user, requested=requested, blocked=blocked, declined=declined
        )
        messages.success(
            request,
            _("You are registered. Your interview schedule appears here when it is published."),
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("jobs:fair-detail", pk=pk)


@login_required_or_404
def fair_my_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = FairSeeker.objects.select_related("fair").filter(fair_id=pk, user=request.user).first()
    if seeker is None:
        raise Http404
    interviews = (
        seeker.interviews.exclude(status="cancelled")
        .select_related("company__employer")
        .order_by("slot")
    )
    return render(
        request,
        "jobs/fair_my_schedule.html",
        {
            "fair": seeker.fair,
            "seeker": seeker,
            "interviews": [(iv, seeker.fair.slot_time(iv.slot)) for iv in interviews],
            "qr": fair_services.qr_svg(seeker.code),
        },
    )


@login_required_or_404
def fair_booth(request: HttpRequest, pk: int, company_pk: int) -> HttpResponse:
    company = (
        FairCompany.objects.select_related("fair", "employer")
        .filter(pk=company_pk, fair_id=pk)
        .first()
    )
    if company is None or not (
        company.employer_id in _org_ids(request.user)
        or fair_services.can_manage(request.user, company.fair)
    ):
        raise Http404
    interviews = (
        company.interviews.exclude(status="cancelled").select_related("seeker").order_by("slot")
    )
    return render(
        request,
        "jobs/fair_booth.html",
        {
            "company": company,
            "fair": company.fair,
            "interviews": [(iv, company.fair.slot_time(iv.slot)) for iv in interviews],
            "seekers": fair_services.booth_seekers(company)
            if company.fair.status != FairStatus.DONE
            else [],
        },
    )


@login_required_or_404
@require_POST
def fair_booth_pair(request: HttpRequest, pk: int, company_pk: int) -> HttpResponse:
    """A company invites or refuses a registered seeker (or takes it back)."""
    company = (
        FairCompany.objects.select_related("fair", "employer")
        .filter(pk=company_pk, fair_id=pk)
        .first()
    )
    if company is None or not fair_services.can_speak_for(request.user, company):
        raise Http404
    seeker = FairSeeker.objects.filter(fair_id=pk, pk=_int(request.POST.get("seeker"))).first()
    choice = request.POST.get("choice", "")
    try:
        if seeker is None:
            raise ValidationError(_("Choose a seeker of this fair."))
        fair_services.company_pair(company, by=request.user, seeker=seeker, choice=choice)
        done = {
            "invite": _("%(name)s invited; the next schedule favours the interview."),
            "refuse": _("%(name)s will not be scheduled with your company."),
            "none": _("Your choice about %(name)s is taken back."),
        }
        messages.success(request, done[choice] % {"name": seeker.name})
        if company.fair.status == FairStatus.SCHEDULED:
            messages.info(request, _("The published schedule changes when the organizers re-plan."))
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("jobs:fair-booth", pk=pk, company_pk=company_pk)


@login_required_or_404
@require_POST
def fair_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    fair = Fair.objects.filter(pk=pk).first()
    if fair is None or not fair_services.can_manage(request.user, fair):
        raise Http404
    try:
        if action == "schedule":
            result = fair_services.schedule(fair, by=request.user)
            messages.success(
                request, _("Schedule published: %(n)s interviews.") % {"n": len(result.interviews)}
            )
        elif action == "reoptimize":
            raw = request.POST.get("from_slot", "")
            result = fair_services.reoptimize(
                fair, by=request.user, from_slot=int(raw) if raw.isdigit() else None
            )
            messages.success(
                request,
                _("Rest of the day re-planned: %(n)s interviews.") % {"n": len(result.interviews)},
            )
        elif action == "check-in":
            seeker = fair_services.check_in(
                fair, by=request.user, code=request.POST.get("code", "")
            )
            messages.success(request, _("%(name)s checked in.") % {"name": seeker.name})
        elif action == "walk-in":
            seeker = fair_services.walk_in(fair, by=request.user, name=request.POST.get("name", ""))
            messages.success(
                request,
                _("%(name)s added; re-plan to give them interviews.") % {"name": seeker.name},
            )
        elif action == "no-show":
            seeker = FairSeeker.objects.filter(
                fair=fair, pk=_int(request.POST.get("seeker"))
            ).first()
            if seeker is None:
                raise ValidationError(_("Choose a seeker."))
            fair_services.mark_no_show(fair, by=request.user, seeker=seeker)
            messages.success(request, _("%(name)s marked as a no-show.") % {"name": seeker.name})
        elif action == "follow-up":
            n = fair_services.send_follow_up(
                fair, by=request.user, text=request.POST.get("text", "")
            )
            messages.success(
                request,
                _("Follow-up saved for every seeker and e-mailed to %(n)s.") % {"n": n},
            )
        elif action == "close":
            n = fair_services.close(fair, by=request.user)
            messages.success(
                request, _("Fair closed; %(n)s interviews went to trainees' pipelines.") % {"n": n}
            )
        else:
            raise Http404
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("jobs:fair-detail", pk=pk)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
