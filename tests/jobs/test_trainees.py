"""Trainees under PIPA: consent per purpose, who sees personal data (role matrix), export,
withdrawal, anonymization at the end of retention; matching with reasons; the pipeline."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_personal_data_role_matrix(client, jobs_world):
    url = reverse("jobs:trainee-detail", args=[jobs_world["trainee"].pk])
    expected = {
        None: 302, "trainee_user": 302, "other_trainee": 404, "coordinator": 200, "campus_staff": 200,
        "other_coordinator": 404, "employer_user": 404, "operator": 404,
    }  # fmt: skip
    got = {}
    for who in expected:
        client.logout()
        if who:
            client.force_login(jobs_world[who])
        response = client.get(url)
        got[who] = response.status_code
        if who in ("other_trainee", "other_coordinator", "employer_user", "operator"):
            for page in ("/jobs/", reverse("jobs:posting-detail", args=[jobs_world["posting"].pk])):
                assert "010-1234-5678" not in client.get(page).content.decode()
    assert got == expected
    client.force_login(jobs_world["coordinator"])
    page = client.get(url).content.decode()
    assert "010-1234-5678" in page
    assert "Python" in page  # recommended postings with reasons


def test_consent_is_needed_for_training_and_shown_with_items(client, jobs_world, make_user):
    from sadari.jobs.models import Trainee

    newbie = make_user("newbie")
    client.force_login(newbie)
    url = reverse("jobs:register")
    assert client.get(url).status_code == 200
    response = client.post(url, {"cohort": jobs_world["cohort"].pk, "name": "새교육생"})
    assert response.status_code == 200  # no training consent
    assert not Trainee.objects.filter(user=newbie).exists()
    response = client.post(
        url, {"cohort": jobs_world["cohort"].pk, "name": "새교육생", "consent_training": "on"}
    )
    assert response.status_code == 200  # the cohort (2 places) is full
    jobs_world["cohort"].capacity = 3
    jobs_world["cohort"].save()
    response = client.post(
        url, {"cohort": jobs_world["cohort"].pk, "name": "새교육생", "consent_training": "on"}
    )
    assert response.status_code == 302
    trainee = Trainee.objects.get(user=newbie)
    assert [c.purpose for c in trainee.consents.all()] == ["training"]
    assert trainee.consents.get().items == ["name", "phone", "email"]
    page = client.get(reverse("jobs:me")).content.decode()
    assert "Give consent to job matching" in page
    client.post(reverse("jobs:consent-give", args=["job_matching"]))
    assert sorted(c.purpose for c in trainee.consents.all()) == ["job_matching", "training"]
    assert client.post(reverse("jobs:consent-give", args=["everything"])).status_code == 404


def test_matching_with_reasons_needs_matching_consent(client, jobs_world):
    from sadari.jobs import services

    matches = services.postings_for(jobs_world["trainee"])
    assert matches
    assert matches[0][0] == jobs_world["posting"]
    summary = matches[0][1].explanation.summary("ko")
    assert "Python" in summary
    assert "Docker" in summary  # missing, preferred
    assert services.postings_for(jobs_world["other"]) == []  # no job-matching consent
    client.force_login(jobs_world["trainee_user"])
    page = client.get(reverse("jobs:me")).content.decode()
    assert "백엔드 개발자 (Python)" in page


def test_export_has_everything_and_only_for_the_trainee(client, jobs_world):
    client.force_login(jobs_world["trainee_user"])
    response = client.get(reverse("jobs:me-export"))
    data = json.loads(response.content)
    assert data["trainee"]["phone"] == "010-1234-5678"
    assert {c["purpose"] for c in data["consents"]} == {"training", "job_matching", "outcomes"}
    client.force_login(jobs_world["coordinator"])
    assert client.get(reverse("jobs:me-export")).status_code == 404


def test_withdrawing_matching_erases_matching_data(client, jobs_world):
    from sadari.jobs.models import Trainee

    client.force_login(jobs_world["trainee_user"])
    client.post(reverse("jobs:consent-withdraw", args=["job_matching"]))
    trainee = Trainee.objects.get(pk=jobs_world["trainee"].pk)
    assert trainee.skills == []
    assert trainee.regions == []
    assert trainee.phone == "010-1234-5678"  # training data stays
    assert client.post(reverse("jobs:consent-withdraw", args=["bogus"])).status_code == 404


def test_withdrawing_training_consent_anonymizes_at_once(client, jobs_world):
    from sadari.jobs.models import Trainee

    client.force_login(jobs_world["trainee_user"])
    client.post(reverse("jobs:consent-withdraw", args=["training"]))
    trainee = Trainee.objects.get(pk=jobs_world["trainee"].pk)
    assert trainee.anonymized_at is not None
    assert trainee.user is None
    assert (trainee.name, trainee.phone, trainee.skills) == ("", "", [])
    assert all(c.withdrawn_at for c in trainee.consents.all())
    client.force_login(jobs_world["coordinator"])
    assert client.get(reverse("jobs:trainee-detail", args=[trainee.pk])).status_code == 404


def test_purge_command_anonymizes_after_retention(jobs_world):
    from sadari.jobs.models import Trainee

    out = StringIO()
    call_command("purge_trainee_data", stdout=out)
    assert "0" in out.getvalue()
    jobs_world["other"].consents.update(retention_until=timezone.localdate() - dt.timedelta(days=1))
    call_command("purge_trainee_data", "--dry-run", stdout=out)
    assert Trainee.objects.get(pk=jobs_world["other"].pk).anonymized_at is None
    call_command("purge_trainee_data", stdout=out)
    other = Trainee.objects.get(pk=jobs_world["other"].pk)
    assert other.anonymized_at is not None
    assert other.phone == ""
    assert Trainee.objects.get(pk=jobs_world["trainee"].pk).anonymized_at is None


def test_coordinator_pipeline(client, jobs_world):
    from sadari.jobs.models import PipelineEntry

    trainee, posting = jobs_world["trainee"], jobs_world["posting"]
    client.force_login(jobs_world["other_coordinator"])
    assert (
        client.post(
            reverse("jobs:pipeline-add", args=[trainee.pk]), {"posting": posting.pk}
        ).status_code
        == 404
    )
    client.force_login(jobs_world["coordinator"])
    client.post(reverse("jobs:pipeline-add", args=[trainee.pk]), {"posting": posting.pk})
    entry = PipelineEntry.objects.get(trainee=trainee)
    assert entry.stage == "recommended"
    assert "Python" in entry.reasons
    remind = (timezone.localdate()).isoformat()
    for stage in ("applied", "documents_passed", "interview"):
        client.post(
            reverse("jobs:pipeline-move", args=[entry.pk]),
            {"stage": stage, "note": f"{stage} ok", "remind_on": remind},
        )
    entry.refresh_from_db()
    assert entry.stage == "interview"
    assert [c.to_stage for c in entry.changes.all()] == [
        "recommended",
        "applied",
        "documents_passed",
        "interview",
    ]
    dashboard = client.get(reverse("jobs:coordinator")).content.decode()
    assert "정하은" in dashboard
    assert "Reminders due" in dashboard
    # The trainee may say they applied or end it, not mark themselves hired.
    client.force_login(jobs_world["trainee_user"])
    assert (
        client.post(reverse("jobs:pipeline-move", args=[entry.pk]), {"stage": "hired"}).status_code
        == 404
    )
    client.force_login(jobs_world["employer_user"])
    assert client.get(reverse("jobs:coordinator")).status_code == 404


def test_posting_pages_have_json_ld(client, jobs_world):
    posting = jobs_world["posting"]
    posting.salary_min_krw = 40_000_000
    posting.title = "개발자 </script><script>alert(1)</script>"
    posting.save()
    page = client.get(reverse("jobs:posting-detail", args=[posting.pk])).content.decode()
    start = page.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == "주식회사 채용중"
    assert data["baseSalary"]["currency"] == "KRW"
    assert data["employmentType"] == ["FULL_TIME"]
    assert "<script>alert" not in page
    listing = client.get("/jobs/?q=개발자&region=서울&page=x")
    assert listing.status_code == 200
    assert client.get(reverse("jobs:posting-detail", args=[999999])).status_code == 404
