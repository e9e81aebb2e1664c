"""Employment outcomes: hires with evidence, attribution to a recorded referral within N days
(coincidental hires counted apart), retention, and the published rate with its definition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _complete(trainee, days_ago=30):
    trainee.status = "completed"
    trainee.completed_on = timezone.localdate() - dt.timedelta(days=days_ago)
    trainee.save()


def test_a_hire_after_a_referral_is_attributed(jobs_world):
    from sadari.jobs import outcomes, services

    trainee, posting = jobs_world["trainee"], jobs_world["posting"]
    services.pipeline_add(trainee, posting, by=jobs_world["coordinator"])
    employment = outcomes.employment_record(
        trainee, by=jobs_world["coordinator"], employer=posting.employer,
        hired_on=timezone.localdate(), evidence="insurance",
    )  # fmt: skip
    assert employment.attributed
    assert "referred" in employment.attribution
    assert trainee.pipeline.get().stage == "hired"
    with pytest.raises(ValidationError):
        outcomes.employment_record(
            trainee, by=jobs_world["coordinator"], employer=posting.employer,
            hired_on=timezone.localdate(), evidence="insurance",
        )  # fmt: skip


def test_a_hire_without_referral_is_coincidental(jobs_world):
    from sadari.jobs import outcomes

    employment = outcomes.employment_record(
        jobs_world["trainee"], by=jobs_world["coordinator"], employer=jobs_world["employer"],
        hired_on=timezone.localdate() - dt.timedelta(days=3), evidence="self",
    )  # fmt: skip
    assert not employment.attributed


def test_a_referral_long_before_the_hire_does_not_count(jobs_world, settings):
    from sadari.jobs import outcomes, services
    from sadari.jobs.models import PipelineEntry

    settings.JOBS_ATTRIBUTION_DAYS = 30
    entry = services.pipeline_add(
        jobs_world["trainee"], jobs_world["posting"], by=jobs_world["coordinator"]
    )
    PipelineEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - dt.timedelta(days=60)
    )
    employment = outcomes.employment_record(
        jobs_world["trainee"], by=jobs_world["coordinator"], employer=jobs_world["employer"],
        hired_on=timezone.localdate(), evidence="contract",
    )  # fmt: skip
    assert not employment.attributed
    assert "30 days" in employment.attribution


def test_only_the_campus_records_hires_and_never_in_the_future(jobs_world):
    from sadari.jobs import outcomes

    for who in ("other_coordinator", "employer_user", "operator", "trainee_user"):
        with pytest.raises(PermissionDenied):
            outcomes.employment_record(jobs_world["trainee"], by=jobs_world[who], employer=jobs_world["employer"],
                                       hired_on=timezone.localdate(), evidence="self")  # fmt: skip
    with pytest.raises(ValidationError):
        outcomes.employment_record(
            jobs_world["trainee"], by=jobs_world["coordinator"], employer=jobs_world["employer"],
            hired_on=timezone.localdate() + dt.timedelta(days=1), evidence="self",
        )  # fmt: skip


def test_rate_has_its_denominator_attribution_and_small_cell_suppression(jobs_world, make_user):
    from sadari.jobs import outcomes, services
    from sadari.jobs.models import PipelineEntry

    cohort = jobs_world["cohort"]
    cohort.capacity = 50
    cohort.save()
    coordinator = jobs_world["coordinator"]
    trainees = []
    for i in range(6):
        user = make_user(f"t{i}")
        t = services.trainee_register(user=user, cohort=cohort, data={"name": f"교육생{i}", "skills": "Python"},
                                      purposes=["training", "job_matching", "outcomes"])  # fmt: skip
        _complete(t)
        trainees.append(t)
    no_consent = services.trainee_register(user=make_user("nc"), cohort=cohort, data={"name": "미동의"},
                                           purposes=["training"])  # fmt: skip
    _complete(no_consent)
    entry = services.pipeline_add(trainees[0], jobs_world["posting"], by=coordinator)
    PipelineEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - dt.timedelta(days=20)
    )
    hired_on = timezone.localdate() - dt.timedelta(days=10)
    outcomes.employment_record(trainees[0], by=coordinator, employer=jobs_world["employer"], hired_on=hired_on,
                               evidence="insurance")  # fmt: skip
    outcomes.employment_record(trainees[1], by=coordinator, employer=jobs_world["employer"], hired_on=hired_on,
                               evidence="self")  # fmt: skip
    outcomes.employment_record(no_consent, by=coordinator, employer=jobs_world["employer"], hired_on=hired_on,
                               evidence="self")  # fmt: skip
    (row,) = outcomes.rates(group="campus")
    assert (row.completed, row.no_consent, row.denominator) == (7, 1, 6)
    assert (row.employed, row.attributed, row.coincidental) == (2, 1, 1)
    assert row.employment_rate == pytest.approx(33.3)
    assert row.platform_rate == pytest.approx(16.7)
    # Five or fewer completers: not published.
    trainees[5].status = "dropped"
    trainees[5].save()
    (row,) = outcomes.rates(group="campus")
    assert row.denominator == 5
    assert row.published
    trainees[4].status = "dropped"
    trainees[4].save()
    (row,) = outcomes.rates(group="campus")
    assert row.employment_rate is None
    assert row.dropped == 2


def test_outcomes_page_and_exports(client, jobs_world):
    page = client.get(reverse("jobs:outcomes") + "?group=cohort&year=abc")
    assert page.status_code == 200
    assert "Denominator" in page.content.decode()
    csv = client.get(reverse("jobs:outcomes") + "?format=csv").content.decode()
    assert csv.lstrip("\ufeff").startswith("group,completed,no_consent")
    xlsx = client.get(reverse("jobs:outcomes") + "?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_recording_a_hire_and_retention_through_the_pages(client, jobs_world):
    from sadari.jobs.models import Employment

    trainee = jobs_world["trainee"]
    client.force_login(jobs_world["coordinator"])
    url = reverse("jobs:employment-record", args=[trainee.pk])
    client.post(url, {"employer_name": "없는 회사", "hired_on": "2026-01-01", "evidence": "self"})
    assert not Employment.objects.exists()
    hired = (timezone.localdate() - dt.timedelta(days=200)).isoformat()
    trainee.cohort.starts_on = timezone.localdate() - dt.timedelta(days=400)
    trainee.cohort.save()
    client.post(url, {"employer_name": "(주)채용중", "hired_on": hired, "evidence": "contract"})
    employment = Employment.objects.get()
    assert employment.employer == jobs_world["employer"]
    retention = reverse("jobs:retention-check", args=[employment.pk])
    client.post(retention, {"months": 12, "still_employed": "yes"})  # too early
    client.post(retention, {"months": 6, "still_employed": "yes"})
    employment.refresh_from_db()
    assert (employment.retained_6m, employment.retained_12m) == (True, None)
    client.force_login(jobs_world["other_coordinator"])
    assert (
        client.post(
            url, {"employer_name": "(주)채용중", "hired_on": hired, "evidence": "self"}
        ).status_code
        == 404
    )
    assert client.post(retention, {"months": 6, "still_employed": "no"}).status_code == 404
