"""The coordinator's dashboard lists the 6- and 12-month retention checks due (and overdue) at
their campus: not those recorded, of ended hires, of trainees without outcome consent, or of
other campuses."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _hire(trainee, employer, days_ago, **kw):
    from sadari.jobs.models import Employment

    hired_on = timezone.localdate() - dt.timedelta(days=days_ago)
    return Employment.objects.create(
        trainee=trainee, employer=employer, hired_on=hired_on, evidence="contract", **kw
    )


@pytest.fixture
def hires(jobs_world):
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.jobs.models import Cohort, Course, Trainee

    trainee, employer = jobs_world["trainee"], jobs_world["employer"]
    second = organization_create(kind=OrgKind.CORPORATE, name_ko="두번째회사")
    third = organization_create(kind=OrgKind.CORPORATE, name_ko="세번째회사")
    elsewhere = Course.objects.create(
        campus=jobs_world["other_coordinator"].memberships.get().organization, title_ko="다른 과정"
    )
    today = timezone.localdate()
    cohort = Cohort.objects.create(course=elsewhere, name="1기", starts_on=today - dt.timedelta(days=400),
                                   ends_on=today + dt.timedelta(days=30))  # fmt: skip
    stranger = Trainee.objects.create(cohort=cohort, name="다른캠퍼스교육생")
    stranger.consents.create(
        purpose="outcomes", items=[], retention_until=today + dt.timedelta(days=90)
    )
    return {
        "six": _hire(trainee, employer, 200),  # 6-month check due 18 days ago
        "twelve": _hire(trainee, second, 400, retained_6m=True),  # 12-month: 35 days late
        "ended": _hire(trainee, third, 300, ended_on=today - dt.timedelta(days=250)),
        "no_consent": _hire(jobs_world["other"], employer, 200),
        "too_early": _hire(trainee, third, 100),
        "elsewhere": _hire(stranger, employer, 200),
    }


def test_retention_checks_due_for_a_campus(jobs_world, hires):
    from sadari.jobs import outcomes

    campus = jobs_world["campus"]
    due = outcomes.retention_checks_due([campus.pk])
    assert [(r.employment, r.months, r.overdue) for r in due] == [
        (hires["twelve"], 12, True),
        (hires["six"], 6, False),
    ]
    assert due[1].due_on == hires["six"].hired_on + dt.timedelta(days=182)

    outcomes.retention_check(hires["six"], by=jobs_world["coordinator"], months=6,
                             still_employed=True)  # fmt: skip
    hires["six"].refresh_from_db()
    assert [r.employment for r in outcomes.retention_checks_due([campus.pk])] == [hires["twelve"]]
    # withdrawing the outcome consent takes the trainee off the list
    jobs_world["trainee"].consents.filter(purpose="outcomes").update(withdrawn_at=timezone.now())
    assert outcomes.retention_checks_due([campus.pk]) == []


def test_dashboard_shows_the_campus_checks_only(jobs_world, hires, client):
    client.force_login(jobs_world["coordinator"])
    page = client.get(reverse("jobs:coordinator")).content.decode()
    section = page.split('id="retention-due"')[1].split("</section>")[0]
    assert "Retention checks due" in page
    assert section.count("<tr>") == 3  # the header and two checks
    assert "두번째회사" in section
    assert "overdue" in section
    assert "12 months" in section
    assert "6 months" in section
    assert "세번째회사" not in section  # ended, or not yet due
    assert "김다른" not in section  # no outcome consent
    assert "다른캠퍼스교육생" not in page

    client.force_login(jobs_world["other_coordinator"])
    page = client.get(reverse("jobs:coordinator")).content.decode()
    section = page.split('id="retention-due"')[1].split("</section>")[0]
    assert "다른캠퍼스교육생" in section
    assert "정하은" not in page
    assert "No retention check is due." not in section
