"""Rules validation, applications (one live per person, capacity, snapshot) and referrals
(states, history, notifications) through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.consortium.conftest import set_age

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "rule", "message"),
    [
        ("gte on a choice", {"attribute": "founder_gender", "operator": "gte", "value": "female"}, "does not apply"),
        ("unknown gender", {"attribute": "founder_gender", "operator": "eq", "value": "x"}, "Not a known value"),
        ("text age", {"attribute": "founder_age", "operator": "lte", "value": "39"}, "right kind"),
        ("reversed range", {"attribute": "company_age_years", "operator": "between", "value": [7, 3]}, "range"),
        ("empty list", {"attribute": "region_district", "operator": "in", "value": []}, "at least one"),
        ("unknown stage", {"attribute": "stage", "operator": "in", "value": ["seed", "unicorn"]}, "unicorn"),
        ("unknown attribute", {"attribute": "zodiac", "operator": "eq", "value": "rat"}, "Condition 1"),
    ],
)  # fmt: skip
def test_rules_replace_refuses_invalid_rules_and_changes_nothing(world, _case, rule, message):
    from sadari.consortium import services

    with pytest.raises(ValidationError, match=message):
        services.program_rules_replace(program=world.program, by=world.staff, rules=[rule])

    assert world.program.eligibility_rules.count() == 2


def test_rules_replace_only_by_host_staff_or_operator(world):
    from sadari.consortium import services

    with pytest.raises(ValidationError):
        services.program_rules_replace(program=world.program, by=world.other_staff, rules=[])

    assert services.program_rules_replace(program=world.program, by=world.operator, rules=[]) == 0


def test_profile_values_combine_person_company_and_facts(world):
    from django.utils import timezone

    from sadari.consortium import selectors, services

    set_age(world.founder, 33)
    services.company_facts_save(
        organization=world.startup,
        by=world.founder,
        revenue_krw=120_000_000,
        social_economy="cooperative",
    )

    values = selectors.profile_values_for(user=world.founder)

    assert values["founder_age"] == 33
    assert values["region_district"] == "덕양구"
    assert values["region_city"] == "경기도 고양시"
    assert values["company_age_years"] == 1.0
    assert values["revenue_krw"] == 120_000_000
    assert values["social_economy"] == "cooperative"
    assert values["pre_founder"] is False
    assert timezone.localdate().year - 33 == world.founder.eligibility_profile.birth_year


def test_company_facts_only_by_members(world):
    from sadari.consortium import services

    with pytest.raises(ValidationError):
        services.company_facts_save(organization=world.startup, by=world.other_founder, employees=3)
    with pytest.raises(ValidationError):
        services.company_facts_save(organization=world.startup, by=world.staff, employees=3)


def test_profile_refuses_a_company_the_user_does_not_belong_to(world):
    from sadari.consortium import services

    with pytest.raises(ValidationError, match="belong"):
        services.eligibility_profile_save(user=world.founder, organization=world.other_startup)


def test_submit_keeps_a_snapshot_and_notifies_host_staff(world):
    from sadari.consortium import services
    from sadari.investment.models import Notification

    set_age(world.founder, 30)

    app = services.application_submit(
        program=world.program, applicant=world.founder, answers={"motivation": "드론"}
    )

    assert app.organization == world.startup
    assert app.eligibility["verdict"] == "eligible"
    assert [(r["attribute"], r["outcome"], r["actual"]) for r in app.eligibility["rules"]] == [
        ("founder_age", "pass", 30),
        ("region_district", "pass", "덕양구"),
    ]
    assert Notification.objects.filter(user=world.staff, kind="consortium").count() == 1
    assert Notification.objects.filter(user=world.other_staff).count() == 0


def test_submit_refuses_not_eligible_and_allows_unknown(world):
    from sadari.consortium import services

    set_age(world.founder, 42)
    with pytest.raises(ValidationError, match="do not meet"):
        services.application_submit(program=world.program, applicant=world.founder, answers={})

    app = services.application_submit(
        program=world.program, applicant=world.other_founder, answers={}
    )

    assert app.eligibility["verdict"] == "unknown"


def test_one_live_application_per_person_and_program(world):
    from sadari.consortium import services
    from sadari.consortium.models import Application

    set_age(world.founder, 30)
    first = services.application_submit(program=world.program, applicant=world.founder, answers={})
    with pytest.raises(ValidationError, match="already applied"):
        services.application_submit(program=world.program, applicant=world.founder, answers={})

    services.application_withdraw(application=first, by=world.founder)
    again = services.application_submit(program=world.program, applicant=world.founder, answers={})

    assert again.pk != first.pk
    assert Application.objects.filter(program=world.program, applicant=world.founder).count() == 2


def test_the_database_refuses_a_second_live_application(world):
    from django.db import IntegrityError, transaction

    from sadari.consortium.models import Application

    Application.objects.create(program=world.program, applicant=world.founder)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            program=world.program, applicant=world.founder, status="selected"
        )


def test_external_and_closed_programs_take_no_application(world):
    from sadari.consortium import services

    with pytest.raises(ValidationError, match="own site"):
        services.application_submit(program=world.external, applicant=world.founder, answers={})
    services.program_options_save(
        program=world.program,
        by=world.staff,
        application_mode="in_platform",
        target_group="youth",
        status="closed",
    )
    with pytest.raises(ValidationError, match="no longer"):
        services.application_submit(
            program=world.program, applicant=world.other_founder, answers={}
        )


def test_selection_respects_capacity_and_notifies_the_applicant(world):
    from sadari.consortium import services
    from sadari.investment.models import Notification

    set_age(world.founder, 30)
    a = services.application_submit(program=world.program, applicant=world.founder, answers={})
    b = services.application_submit(
        program=world.program, applicant=world.other_founder, answers={}
    )

    services.application_decide(application=a, by=world.staff, status="selected")
    with pytest.raises(ValidationError, match="full: 1 of 1"):
        services.application_decide(application=b, by=world.staff, status="selected")
    services.application_decide(application=b, by=world.staff, status="rejected", note="정원 초과")

    assert Notification.objects.filter(user=world.founder, kind="consortium").count() == 1
    assert Notification.objects.filter(user=world.other_founder, kind="consortium").count() == 1
    with pytest.raises(ValidationError):
        services.application_decide(application=a, by=world.other_staff, status="rejected")


def test_referral_states_history_and_notifications(world):
    from sadari.consortium import services
    from sadari.investment.models import Notification

    r = services.referral_create(
        from_org=world.youth,
        by=world.staff,
        program=world.external,
        company=world.startup,
        note="사회적기업 전환 상담",
    )
    assert (r.to_org, r.status) == (world.other, "sent")
    assert Notification.objects.filter(user=world.other_staff).count() == 1
    assert Notification.objects.filter(user=world.founder).count() == 1

    with pytest.raises(ValidationError):
        services.referral_act(
            referral=r, by=world.staff, action="accept"
        )  # the sender cannot answer
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.referral_act(referral=r, by=world.other_staff, action="complete")
    services.referral_act(referral=r, by=world.other_staff, action="accept", note="상담 예약")
    services.referral_act(referral=r, by=world.other_staff, action="complete")
    r.refresh_from_db()

    assert r.status == "completed"
    assert r.answered_at is not None
    assert r.closed_at is not None
    assert list(r.events.order_by("at", "id").values_list("status", flat=True)) == [
        "sent",
        "accepted",
        "completed",
    ]
    assert Notification.objects.filter(user=world.staff, kind="consortium").count() == 2


def test_decline_needs_a_reason(world):
    from sadari.consortium import services

    r = services.referral_create(
        from_org=world.youth, by=world.staff, space=world.space, person=world.other_founder
    )
    with pytest.raises(ValidationError, match="reason"):
        services.referral_act(referral=r, by=world.other_staff, action="decline", note="  ")

    services.referral_act(referral=r, by=world.other_staff, action="decline", note="대관 일정 없음")

    assert r.events.last().note == "대관 일정 없음"


@pytest.mark.parametrize(
    ("_case", "kwargs", "message"),
    [
        ("own program", {"program": "program", "company": "startup"}, "another institution"),
        ("no target", {"company": "startup"}, "one program or one space"),
        (
            "two subjects",
            {"space": "space", "company": "startup", "person": "founder"},
            "one company or one person",
        ),
    ],
)
def test_referral_create_refuses(world, _case, kwargs, message):
    from sadari.consortium import services

    args = {k: getattr(world, v) for k, v in kwargs.items()}
    with pytest.raises(ValidationError, match=message):
        services.referral_create(from_org=world.youth, by=world.staff, **args)


def test_referral_only_on_behalf_of_own_institution(world):
    from sadari.consortium import services

    with pytest.raises(ValidationError, match="work for"):
        services.referral_create(
            from_org=world.youth, by=world.other_staff, space=world.space, company=world.startup
        )


def test_referral_counts_by_pair_and_median_days(world):
    import datetime as dt

    from django.utils import timezone

    from sadari.consortium import selectors, services

    t0 = timezone.now() - dt.timedelta(days=30)
    rs = [
        services.referral_create(
            from_org=world.youth, by=world.staff, space=world.space, company=world.startup, at=t0
        )
        for _ in range(3)
    ]
    services.referral_act(
        referral=rs[0], by=world.other_staff, action="accept", at=t0 + dt.timedelta(days=2)
    )
    services.referral_act(
        referral=rs[1],
        by=world.other_staff,
        action="decline",
        note="x",
        at=t0 + dt.timedelta(days=4),
    )

    (pair,) = selectors.referral_counts_by_pair()

    assert (pair.from_org, pair.to_org) == (world.youth, world.other)
    assert (pair.sent, pair.open, pair.accepted, pair.declined, pair.completed) == (3, 1, 1, 1, 0)
    assert pair.median_days_to_answer == 3.0
    assert selectors.referral_counts_by_pair(start=timezone.now() - dt.timedelta(days=1)) == []
    assert selectors.referral_stats_for(user=world.founder) == []
    assert len(selectors.referral_stats_for(user=world.other_staff)) == 1
    assert len(selectors.referral_stats_for(user=world.operator)) == 1


def test_application_counts_by_host(world):
    from sadari.consortium import selectors, services

    set_age(world.founder, 30)
    a = services.application_submit(program=world.program, applicant=world.founder, answers={})
    services.application_submit(program=world.program, applicant=world.other_founder, answers={})
    services.application_decide(application=a, by=world.staff, status="selected")

    assert selectors.application_counts_by_host() == [
        {
            "program__host_id": world.youth.pk,
            "submitted": 2,
            "selected": 1,
            "rejected": 0,
            "withdrawn": 0,
        }
    ]
