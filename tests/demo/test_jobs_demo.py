"""The jobs demo: courses and cohorts at the academy campuses, hundreds of fictional trainees
with consents, postings from the company pool, pipelines with hires; the demo trainee is
matched with reasons and the demo coordinator sees their campus only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_jobs_demo(settings, tmp_path, client):
    from sadari.accounts.models import User
    from sadari.jobs.models import Employment, Fair, JobPosting, PipelineEntry, Trainee

    settings.SADARI_MATCH_ENCODER = "none"
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command(
        "seed_demo", "--startups", "150", "--apps", "techtrade,investment,pitching,jobs", stdout=out
    )
    assert "일자리: 과정 20개" in out.getvalue()
    assert Trainee.objects.filter(is_fictional=True).count() > 300
    assert JobPosting.objects.filter(is_fictional=True).count() >= 100
    assert PipelineEntry.objects.filter(stage__in=["hired", "retained_6m"]).exists()
    past, upcoming = Fair.objects.order_by("date")
    assert past.status == "done"
    assert past.interviews.filter(status="done").exists()
    assert upcoming.status == "registration"
    assert upcoming.seekers.count() >= 10
    assert past.follow_up.startswith("채용박람회에 참여해 주셔서")
    for fair in (past, upcoming):
        assert fair.companies.filter(invited__isnull=False).exists()
        declined = [(s.pk, c.pk) for c in fair.companies.all() for s in c.refused.all()]
        assert len(declined) == 1
        if fair == past:  # the schedule honoured the declined pair and the blocked times
            assert not past.interviews.filter(seeker_id=declined[0][0], company_id=declined[0][1])
            for seeker in past.seekers.exclude(blocked_slots=[]):
                assert not seeker.interviews.filter(slot__in=seeker.blocked_slots).exists()
    assert Employment.objects.filter(attributed=True).exists()
    assert Employment.objects.filter(attributed=False).exists()
    from sadari.jobs import occupations

    # O*NET's classifier, or the shipped common occupations without the data folder
    assert occupations.classifier() is not None
    demo_postings = JobPosting.objects.filter(source="demo")
    assert demo_postings.exclude(occupations=[]).count() > 0.9 * demo_postings.count()
    backend = Trainee.objects.filter(is_fictional=True, desired_role="백엔드 개발자").first()
    assert backend.occupations == ["15-1254.00"]
    trainee = User.objects.get(username="trainee")
    client.force_login(trainee)
    page = client.get(reverse("jobs:me")).content.decode()
    assert "Python" in page  # matched postings with reasons
    coordinator = User.objects.get(username="coordinator")
    campus = coordinator.memberships.get().organization
    client.force_login(coordinator)
    other = Trainee.objects.exclude(cohort__course__campus=campus).first()
    assert client.get(reverse("jobs:trainee-detail", args=[other.pk])).status_code == 404
    mine = Trainee.objects.filter(cohort__course__campus=campus, is_fictional=True).first()
    assert client.get(reverse("jobs:trainee-detail", args=[mine.pk])).status_code == 200
    page = client.get(reverse("jobs:coordinator")).content.decode()
    assert page.split('id="retention-due"')[1].split("</section>")[0].count("<tr>") > 1
