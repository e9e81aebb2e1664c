"""Job fairs: registration, a whole-fair schedule, QR check-in, walk-ins and no-shows with
re-optimization, follow-up into the pipeline (and attribution of a later hire)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair_world(jobs_world, make_user):
    from sadari.accounts.enums import Role
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.jobs import fairs
    from sadari.jobs.models import Fair, FairCompany

    fair = Fair.objects.create(
        host=jobs_world["campus"], title_ko="청년 채용박람회", date=timezone.localdate(), venue="캠퍼스 강당",
        slots=8, breaks=[4], min_interviews=3, max_interviews=4,
    )  # fmt: skip
    companies = [
        FairCompany.objects.create(
            fair=fair, employer=jobs_world["employer"], booth="A1", interviewers=2
        )
    ]
    companies[0].postings.add(jobs_world["posting"])
    for i in range(3):
        org = organization_create(kind=OrgKind.STARTUP, name_ko=f"박람회기업{i}")
        companies.append(FairCompany.objects.create(fair=fair, employer=org, booth=f"B{i}"))
    seekers = [fairs.register(fair, user=jobs_world["trainee_user"], requested=[companies[0]])]
    seekers += [fairs.register(fair, user=make_user(f"seeker{i}")) for i in range(6)]
    hr = make_user("fair_hr", role=Role.CORPORATE_OI, organization=jobs_world["employer"])
    return {**jobs_world, "fair": fair, "companies": companies, "seekers": seekers, "hr": hr}


def test_schedule_gives_every_seeker_the_floor_without_clashes(client, fair_world):
    from sadari.jobs.models import FairInterview

    fair = fair_world["fair"]
    client.force_login(fair_world["coordinator"])
    client.post(reverse("jobs:fair-action", args=[fair.pk, "schedule"]))
    fair.refresh_from_db()
    assert fair.status == "scheduled"
    rows = list(FairInterview.objects.filter(fair=fair))
    per_seeker = {s.pk: [r for r in rows if r.seeker_id == s.pk] for s in fair_world["seekers"]}
    assert all(3 <= len(v) <= 4 for v in per_seeker.values())  # 5 seats × 7 slots: enough for all
    assert all(r.slot != 4 for r in rows)  # the break
    for c in fair_world["companies"]:
        for t in range(fair.slots):
            assert sum(1 for r in rows if r.company_id == c.pk and r.slot == t) <= c.interviewers
    mine = per_seeker[fair_world["seekers"][0].pk]
    assert any(r.company_id == fair_world["companies"][0].pk for r in mine)  # requested, and a fit
    assert any("Python" in r.reason for r in mine)
    clash = rows[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        FairInterview.objects.create(fair=fair, seeker=clash.seeker, company=fair_world["companies"][3],
                                     slot=clash.slot)  # fmt: skip


def test_my_schedule_has_a_local_qr_code_and_is_mine_only(client, fair_world):
    from sadari.jobs import fairs

    fairs.schedule(fair_world["fair"], by=fair_world["coordinator"])
    url = reverse("jobs:fair-my-schedule", args=[fair_world["fair"].pk])
    client.force_login(fair_world["trainee_user"])
    page = client.get(url).content.decode()
    assert "<svg" in page
    assert fair_world["seekers"][0].code in page
    client.force_login(fair_world["other_trainee"])
    assert client.get(url).status_code == 404


def test_check_in_walk_in_no_show_and_reoptimize(client, fair_world):
    from sadari.jobs import fairs
    from sadari.jobs.models import FairInterview, FairSeeker

    fair = fair_world["fair"]
    fairs.schedule(fair, by=fair_world["coordinator"])
    client.force_login(fair_world["coordinator"])
    for s in fair_world["seekers"][:5]:
        client.post(reverse("jobs:fair-action", args=[fair.pk, "check-in"]), {"code": s.code})
    client.post(reverse("jobs:fair-action", args=[fair.pk, "check-in"]), {"code": "nope"})
    assert FairSeeker.objects.filter(fair=fair, checked_in_at__isnull=False).count() == 5
    absent = fair_world["seekers"][6]
    client.post(reverse("jobs:fair-action", args=[fair.pk, "no-show"]), {"seeker": absent.pk})
    client.post(reverse("jobs:fair-action", args=[fair.pk, "walk-in"]), {"name": "현장등록자"})
    walker = FairSeeker.objects.get(fair=fair, walk_in=True)
    before = set(
        FairInterview.objects.filter(fair=fair, slot__lt=2).values_list(
            "seeker_id", "company_id", "slot"
        )
    )
    client.post(reverse("jobs:fair-action", args=[fair.pk, "reoptimize"]), {"from_slot": "2"})
    after = set(
        FairInterview.objects.filter(fair=fair, slot__lt=2).values_list(
            "seeker_id", "company_id", "slot"
        )
    )
    assert before == after  # the morning stays as it was
    assert FairInterview.objects.filter(seeker=walker, slot__gte=2).count() >= 3
    assert not FairInterview.objects.filter(seeker=absent, slot__gte=2, status="scheduled").exists()


def test_closing_sends_interviews_to_the_pipeline_and_attributes_a_later_hire(fair_world):
    from sadari.jobs import fairs, outcomes

    fair = fair_world["fair"]
    fairs.schedule(fair, by=fair_world["coordinator"])
    trainee_seeker = fair_world["seekers"][0]
    fairs.check_in(fair, by=fair_world["coordinator"], code=trainee_seeker.code)
    assert fairs.close(fair, by=fair_world["coordinator"]) >= 1
    trainee = fair_world["trainee"]
    employer = fair_world["companies"][0].employer
    assert trainee.pipeline.filter(employer=employer, stage="interview").exists()
    employment = outcomes.employment_record(trainee, by=fair_world["coordinator"], employer=employer,
                                            hired_on=timezone.localdate(), evidence="employer")  # fmt: skip
    assert employment.attributed


def test_fair_pages_role_matrix(client, fair_world):
    from sadari.jobs import fairs

    fair = fair_world["fair"]
    fairs.schedule(fair, by=fair_world["coordinator"])
    booth = reverse("jobs:fair-booth", args=[fair.pk, fair_world["companies"][0].pk])
    action = reverse("jobs:fair-action", args=[fair.pk, "schedule"])
    for who, booth_status, action_status in (
        ("hr", 200, 404), ("coordinator", 200, 302), ("operator", 200, 302),
        ("other_coordinator", 404, 404), ("trainee_user", 404, 404),
    ):  # fmt: skip
        client.force_login(fair_world[who])
        assert client.get(booth).status_code == booth_status, who
        assert client.post(action).status_code == action_status, who
    client.logout()
    assert client.get(reverse("jobs:fair-list")).status_code == 200
    page = client.get(fair.get_absolute_url()).content.decode()
    assert "청년 채용박람회" in page
    assert fair_world["seekers"][1].name not in page  # the public page lists no seekers
    assert (
        client.post(reverse("jobs:fair-register", args=[fair.pk])).status_code == 302
    )  # to log in
    client.force_login(fair_world["coordinator"])
    assert client.post(reverse("jobs:fair-action", args=[fair.pk, "explode"])).status_code == 404


def test_registration_closes_when_the_schedule_is_published(fair_world, make_user):
    from django.core.exceptions import ValidationError

    from sadari.jobs import fairs

    fairs.schedule(fair_world["fair"], by=fair_world["coordinator"])
    with pytest.raises(ValidationError):
        fairs.register(fair_world["fair"], user=make_user("late"))
