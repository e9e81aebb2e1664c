"""Job fair extras: a company invites or declines registered seekers (the schedule honours
both), seekers block times on the registration form, and the organizers' follow-up after the
fair (on each seeker's schedule page and by e-mail)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair2(jobs_world, make_user):
    from sadari.accounts.enums import Role
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.jobs import fairs
    from sadari.jobs.models import Fair, FairCompany

    fair = Fair.objects.create(
        host=jobs_world["campus"], title_ko="가을 채용박람회", date=timezone.localdate(),
        venue="강당", slots=6, breaks=[3], min_interviews=2, max_interviews=3,
    )  # fmt: skip
    main = FairCompany.objects.create(fair=fair, employer=jobs_world["employer"], booth="A1")
    main.postings.add(jobs_world["posting"])
    others = [
        FairCompany.objects.create(
            fair=fair,
            employer=organization_create(kind=OrgKind.STARTUP, name_ko=f"기업{i}"),
            booth=f"B{i}",
            interviewers=2,
        )
        for i in range(2)
    ]
    trainee_seeker = fairs.register(fair, user=jobs_world["trainee_user"])
    seekers = [trainee_seeker] + [
        fairs.register(fair, user=make_user(f"fs{i}", email=f"fs{i}@example.kr")) for i in range(4)
    ]
    hr = make_user("fair_hr2", role=Role.CORPORATE_OI, organization=jobs_world["employer"])
    rival = make_user("rival_hr", role=Role.CORPORATE_OI)
    return {**jobs_world, "fair": fair, "main": main, "others": others, "seekers": seekers,
            "hr": hr, "rival": rival}  # fmt: skip


def test_company_invites_and_declines_seekers_and_the_schedule_follows(client, fair2, settings):
    from sadari.jobs import fairs
    from sadari.jobs.models import FairInterview

    fair, main, seekers = fair2["fair"], fair2["main"], fair2["seekers"]
    booth = reverse("jobs:fair-booth", args=[fair.pk, main.pk])
    pair = reverse("jobs:fair-booth-pair", args=[fair.pk, main.pk])
    client.force_login(fair2["hr"])
    page = client.get(booth).content.decode()
    assert "Registered seekers" in page
    assert "Python" in page  # the trainee's match reasons (job-matching consent)
    declined, invited = seekers[0], seekers[3]
    assert client.post(pair, {"seeker": declined.pk, "choice": "refuse"}).status_code == 302
    assert client.post(pair, {"seeker": invited.pk, "choice": "invite"}).status_code == 302
    assert list(main.refused.all()) == [declined]
    assert list(main.invited.all()) == [invited]
    page = client.get(booth).content.decode()
    assert "declined" in page
    assert "invited" in page
    # a bad choice or another fair's seeker changes nothing
    client.post(pair, {"seeker": invited.pk, "choice": "marry"})
    client.post(pair, {"seeker": 999999, "choice": "refuse"})
    assert list(main.invited.all()) == [invited]
    assert main.refused.count() == 1

    fairs.schedule(fair, by=fair2["coordinator"])
    rows = FairInterview.objects.filter(fair=fair, company=main)
    assert not rows.filter(seeker=declined).exists()  # the trainee fits best, but was declined
    assert rows.filter(seeker=invited).exists()

    # taking a refusal back
    client.post(pair, {"seeker": declined.pk, "choice": "none"})
    assert main.refused.count() == 0
    # the pages render in the default language too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    assert client.get(booth).status_code == 200
    client.force_login(fair2["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    assert client.get(fair.get_absolute_url()).status_code == 200
    assert client.get(reverse("jobs:coordinator")).status_code == 200


def test_only_the_company_and_the_organizers_choose(client, fair2):
    fair, main, seeker = fair2["fair"], fair2["main"], fair2["seekers"][1]
    pair = reverse("jobs:fair-booth-pair", args=[fair.pk, main.pk])
    for who, status in (("rival", 404), ("trainee_user", 404), ("other_coordinator", 404),
                        ("coordinator", 302), ("hr", 302)):  # fmt: skip
        client.force_login(fair2[who])
        assert client.post(pair, {"seeker": seeker.pk, "choice": "refuse"}).status_code == status
        assert main.refused.filter(pk=seeker.pk).exists() == (status == 302), who
        main.refused.clear()
    client.logout()
    assert client.post(pair, {"seeker": seeker.pk, "choice": "refuse"}).status_code in (302, 404)
    assert not main.refused.exists()
    client.force_login(fair2["hr"])
    assert client.get(reverse("jobs:fair-booth-pair", args=[fair.pk, main.pk])).status_code == 405


def test_blocked_times_on_the_registration_form(client, fair2, make_user):
    from sadari.jobs import fairs
    from sadari.jobs.models import FairSeeker

    fair = fair2["fair"]
    user = make_user("busy")
    client.force_login(user)
    page = client.get(fair.get_absolute_url()).content.decode()
    assert "Times you cannot interview" in page
    response = client.post(
        reverse("jobs:fair-register", args=[fair.pk]),
        {"blocked": ["0", "1", "99", "x", "-1"], "requested": [str(fair2["main"].pk)]},
    )
    assert response.status_code == 302
    seeker = FairSeeker.objects.get(fair=fair, user=user)
    assert seeker.blocked_slots == [0, 1]
    fairs.schedule(fair, by=fair2["coordinator"])
    slots = set(seeker.interviews.values_list("slot", flat=True))
    assert slots
    assert not slots & {0, 1}


def test_follow_up_after_the_fair(client, fair2, django_capture_on_commit_callbacks):
    from sadari.jobs import fairs

    fair, seekers = fair2["fair"], fair2["seekers"]
    fairs.schedule(fair, by=fair2["coordinator"])
    action = reverse("jobs:fair-action", args=[fair.pk, "follow-up"])
    client.force_login(fair2["coordinator"])
    client.post(action, {"text": "참석해 주셔서 감사합니다."})
    fair.refresh_from_db()
    assert fair.follow_up == ""  # not before the fair is closed
    with pytest.raises(ValidationError):
        fairs.send_follow_up(fair, by=fair2["coordinator"], text="x")
    for s in seekers[1:3]:
        fairs.check_in(fair, by=fair2["coordinator"], code=s.code)
    fairs.close(fair, by=fair2["coordinator"])
    page = client.get(fair.get_absolute_url()).content.decode()
    assert "Send the follow-up" in page
    client.post(action, {"text": "  "})
    fair.refresh_from_db()
    assert fair.follow_up == ""

    client.force_login(fair2["hr"])
    assert client.post(action, {"text": "스팸"}).status_code == 404
    client.force_login(fair2["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"text": "참석해 주셔서 감사합니다.\n결과는 곧 안내합니다."})
    assert response.status_code == 302
    fair.refresh_from_db()
    assert fair.follow_up.startswith("참석해 주셔서")
    assert fair.follow_up_sent_at is not None
    # one e-mail per seeker with an address (the trainee's user has none), with their interviews
    assert sorted(m.to[0] for m in mail.outbox) == [f"fs{i}@example.kr" for i in range(4)]
    held = next(m for m in mail.outbox if m.to == [seekers[1].user.email])
    assert "면접 (Interviews)" in held.body
    absent = next(m for m in mail.outbox if m.to == [seekers[3].user.email])
    assert "면접 (Interviews)" not in absent.body  # did not check in: no interview held
    # each seeker reads it on their own schedule page
    client.force_login(fair2["trainee_user"])
    page = client.get(reverse("jobs:fair-my-schedule", args=[fair.pk])).content.decode()
    assert "결과는 곧 안내합니다." in page
    assert "After the fair" in page


def test_seekers_decline_companies_they_would_rather_not_meet(client, fair2, make_user):
    from sadari.jobs import fairs
    from sadari.jobs.models import FairSeeker

    fair = fair2["fair"]
    main, other = fair2["main"], fair2["others"][0]
    user = make_user("choosy")
    client.force_login(user)
    page = client.get(fair.get_absolute_url()).content.decode()

    response = client.post(
        reverse("jobs:fair-register", args=[fair.pk]),
        {"declined": [str(main.pk), "x"], "requested": [str(main.pk), str(other.pk)]},
    )

    assert 'name="declined"' in page
    assert response.status_code == 302
    seeker = FairSeeker.objects.get(fair=fair, user=user)
    assert list(seeker.declined.all()) == [main]
    assert list(seeker.requested.all()) == [other]  # declined wins over requested
    problem, _seekers, _companies = fairs._problem(fair)
    assert (str(seeker.pk), str(main.pk)) in problem.refused  # a hard constraint for the solver
    fairs.schedule(fair, by=fair2["coordinator"])
    met = set(seeker.interviews.values_list("company_id", flat=True))
    assert met
    assert main.pk not in met
