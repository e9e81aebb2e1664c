"""Pages: each URL's role matrix (anonymous, founder, another founder, host staff, other
institution staff, city operator, outsider), the eligible page's groups and "why not", the rule
editor, application review, referrals, figures and exports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.consortium.conftest import set_age

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "founder", "other_founder", "staff", "other_staff", "operator", "outsider")


def _as(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _statuses(client, world, url, method="get", data=None):
    out = {}
    for role in ROLES:
        c = _as(client, world, role)
        response = c.post(url, data or {}) if method == "post" else c.get(url)
        code = response.status_code
        if code == 302 and "/accounts/login" in response["Location"]:
            code = "login"
        out[role] = code
    return out


def test_public_pages(client, world):
    for url in (
        reverse("consortium:program-list"),
        reverse("consortium:program-list") + "?show=all&group=youth&industry=drone&q=청년",
        reverse("consortium:program-detail", args=[world.program.pk]),
        reverse("consortium:hsds"),
        reverse("consortium:hsds-organization", args=[world.youth.pk]),
    ):
        assert set(_statuses(client, world, url).values()) == {200}, url
    assert client.get(reverse("consortium:home")).status_code == 302
    assert (
        client.get(reverse("consortium:hsds-organization", args=[world.startup.pk])).status_code
        == 404
    )


def test_program_list_filters_and_open_only(client, world):
    from sadari.directory.models import Program

    Program.objects.create(host=world.other, title_ko="지난 사업", apply_by="2020-01-01")

    page = client.get(reverse("consortium:program-list")).content.decode()
    youth = client.get(reverse("consortium:program-list") + "?group=youth").content.decode()
    everything = client.get(reverse("consortium:program-list") + "?show=all").content.decode()

    assert "Youth startup leap" in page
    assert "지난 사업" not in page
    assert "Youth startup leap" in youth
    assert "Social economy growth" not in youth
    assert "지난 사업" in everything


def test_program_list_has_no_n_plus_one(client, world, django_assert_max_num_queries):
    from sadari.consortium import services
    from sadari.directory.models import Program

    for i in range(3):
        p = Program.objects.create(host=world.youth, title_ko=f"추가 사업 {i}")
        services.program_rules_replace(
            program=p,
            by=world.staff,
            rules=[{"attribute": "employees", "operator": "lte", "value": 9}],
        )
    with django_assert_max_num_queries(6):
        client.get(reverse("consortium:program-list"))


def test_eligible_page_role_matrix_and_groups_with_why_not(client, world):
    from sadari.consortium import services

    url = reverse("consortium:eligible")
    statuses = _statuses(client, world, url)
    assert statuses == {**dict.fromkeys(ROLES, 200), "anonymous": "login"}

    set_age(world.founder, 42)
    page = _as(client, world, "founder").get(url).content.decode()
    assert "Founder&#x27;s age: 39 years old or less — <strong>yours: 42 years old</strong>" in page
    assert "Social-economy status" in page  # unknown: fill in
    services.company_facts_save(
        organization=world.startup, by=world.founder, social_economy="cooperative"
    )
    set_age(world.founder, 30)

    page = client.get(url).content.decode()
    eligible = page.split('id="eligible"')[1].split('id="unknown"')[0]
    assert "Youth startup leap" in eligible
    assert "Social economy growth" in eligible


def test_eligible_page_has_no_n_plus_one(client, world, django_assert_max_num_queries):
    from sadari.consortium import services
    from sadari.directory.models import Program

    for i in range(3):
        p = Program.objects.create(host=world.youth, title_ko=f"추가 사업 {i}")
        services.program_rules_replace(
            program=p,
            by=world.staff,
            rules=[{"attribute": "employees", "operator": "lte", "value": 9}],
        )
    client.force_login(world.founder)
    with django_assert_max_num_queries(16):
        client.get(reverse("consortium:eligible"))


def test_program_detail_shows_rules_check_and_json_ld(client, world):
    import json

    url = reverse("consortium:program-detail", args=[world.program.pk])
    page = client.get(url).content.decode()
    assert "Founder&#x27;s age: 39 years old or less" in page
    assert "Log in to apply" in page
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "GovernmentService"
    assert data["provider"]["name"] == "28청춘창업소"
    assert data["audience"]["suggestedMaxAge"] == 39
    assert data["offers"]["priceCurrency"] == "KRW"
    assert data["areaServed"]["name"] == "경기도 고양시 덕양구"

    set_age(world.founder, 30)
    client.force_login(world.founder)
    page = client.get(url).content.decode()
    assert "You are eligible" in page
    assert reverse("consortium:program-apply", args=[world.program.pk]) in page
    external = client.get(
        reverse("consortium:program-detail", args=[world.external.pk])
    ).content.decode()
    assert "https://example.org/apply" in external
    assert "We need more information" in external


def test_directory_pages_carry_json_ld_and_the_link(client, world):
    page = client.get(reverse("directory:program-detail", args=[world.program.pk])).content.decode()
    assert '"@type": "GovernmentService"' in page
    assert reverse("consortium:program-detail", args=[world.program.pk]) in page
    org = client.get(
        reverse("directory:organization-detail", args=[world.youth.pk])
    ).content.decode()
    assert '"@type": "GovernmentOrganization"' in org
    startup = client.get(
        reverse("directory:organization-detail", args=[world.startup.pk])
    ).content.decode()
    assert '"@type": "Organization", "name": "주식회사 하늘길"' not in startup
    assert "GovernmentOrganization" not in startup


def test_apply_page_role_matrix_and_submit(client, world):
    from sadari.consortium.models import Application

    url = reverse("consortium:program-apply", args=[world.program.pk])
    assert _statuses(client, world, url) == {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
    assert (
        _as(client, world, "founder")
        .get(reverse("consortium:program-apply", args=[world.external.pk]))
        .status_code
        == 404
    )

    set_age(world.founder, 30)
    response = _as(client, world, "founder").post(url, {"motivation": "드론 배송 실증"})

    assert response.status_code == 302
    app = Application.objects.get(applicant=world.founder)
    assert app.answers == {"motivation": "드론 배송 실증"}
    again = client.post(url, {"motivation": "again"})
    assert "already applied" in again.content.decode()


def test_manage_pages_role_matrix(client, world):
    allowed = dict.fromkeys(ROLES, 404) | {"anonymous": "login", "staff": 200, "operator": 200}
    for name in ("program-manage", "program-applications"):
        url = reverse(f"consortium:{name}", args=[world.program.pk])
        assert _statuses(client, world, url) == allowed, name
    staff_home = _statuses(client, world, reverse("consortium:staff-home"))
    assert staff_home == {**allowed, "other_staff": 200}


def test_rule_editor_saves_a_formset_and_shows_errors(client, world):
    url = reverse("consortium:program-manage", args=[world.program.pk])
    client.force_login(world.staff)
    data = {
        "opt-application_mode": "in_platform", "opt-target_group": "youth", "opt-status": "open",
        "rules-TOTAL_FORMS": "3", "rules-INITIAL_FORMS": "0", "rules-MIN_NUM_FORMS": "0", "rules-MAX_NUM_FORMS": "30",
        "rules-0-attribute": "company_age_years", "rules-0-operator": "between", "rules-0-value_text": "0 ~ 3",
        "rules-1-attribute": "founder_gender", "rules-1-operator": "eq", "rules-1-value_text": "Female",
        "rules-2-attribute": "", "rules-2-operator": "", "rules-2-value_text": "",
    }  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(world.program.eligibility_rules.values_list("attribute", "operator", "value")) == [
        ("company_age_years", "between", [0, 3]),
        ("founder_gender", "eq", "female"),
    ]
    bad = client.post(url, {**data, "rules-0-value_text": "삼 ~ 칠"})
    assert "is not a number" in bad.content.decode()
    bad = client.post(url, {**data, "rules-1-value_text": "robot"})
    assert "Not a known value: robot" in bad.content.decode()
    assert world.program.eligibility_rules.count() == 2


def test_decide_and_withdraw_role_matrix(client, world):
    from sadari.common.models import AuditEvent
    from sadari.consortium import services

    set_age(world.founder, 30)
    app = services.application_submit(program=world.program, applicant=world.founder, answers={})
    decide = reverse("consortium:application-decide", args=[app.pk])
    statuses = _statuses(client, world, decide, "post", {"status": "under_review"})
    assert statuses == dict.fromkeys(ROLES, 404) | {
        "anonymous": "login",
        "staff": 302,
        "operator": 302,
    }
    app.refresh_from_db()
    assert app.status == "under_review"

    page = _as(client, world, "staff").get(
        reverse("consortium:program-applications", args=[world.program.pk])
    )
    html = page.content.decode()
    assert "Founder&#x27;s age: 39 years old or less — <strong>30 years old</strong>" in html
    assert 'title="met"' in html
    assert "(pass)" not in html
    assert "Eligibility at submission: Eligible" in html
    assert AuditEvent.objects.filter(
        actor=world.staff, action="consortium.applications_view"
    ).exists()

    withdraw = reverse("consortium:application-withdraw", args=[app.pk])
    statuses = _statuses(client, world, withdraw, "post")
    assert statuses == dict.fromkeys(ROLES, 404) | {"anonymous": "login", "founder": 302}
    app.refresh_from_db()
    assert app.status == "withdrawn"


def test_my_applications_shows_only_mine(client, world):
    from sadari.consortium import services

    set_age(world.founder, 30)
    services.application_submit(program=world.program, applicant=world.founder, answers={})
    url = reverse("consortium:my-applications")

    assert _statuses(client, world, url) == {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
    assert "Youth startup leap" in _as(client, world, "founder").get(url).content.decode()
    assert "Youth startup leap" not in _as(client, world, "other_founder").get(url).content.decode()


def test_profile_is_private_and_company_facts_for_members_only(client, world):
    url = reverse("consortium:profile")
    assert _statuses(client, world, url) == {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
    client.force_login(world.founder)
    response = client.post(
        url,
        {
            "birth_year": "1990",
            "gender": "female",
            "is_pre_founder": "false",
            "organization": world.startup.pk,
        },
    )
    assert response.status_code == 302
    bad = client.post(url, {"birth_year": "1800"})
    assert "Enter a year of birth between" in bad.content.decode()
    other_page = _as(client, world, "other_founder").get(url).content.decode()
    assert 'value="1990"' not in other_page

    facts = reverse("consortium:company-facts", args=[world.startup.pk])
    allowed = dict.fromkeys(ROLES, 404) | {"anonymous": "login", "founder": 200}
    assert _statuses(client, world, facts) == allowed
    response = _as(client, world, "founder").post(
        facts, {"revenue_krw": "50000000", "employees": "3", "social_economy": "none"}
    )
    assert response.status_code == 302
    assert world.startup.consortium_facts.employees == 3


REFERRAL_SEEN = {"staff": 200, "other_staff": 200, "founder": 200}


def test_referral_pages_role_matrix(client, world):
    from sadari.consortium import services

    r = services.referral_create(
        from_org=world.youth,
        by=world.staff,
        space=world.space,
        company=world.startup,
        note="회의실 추천",
    )
    detail = reverse("consortium:referral-detail", args=[r.pk])

    statuses = _statuses(client, world, detail)

    assert statuses == dict.fromkeys(ROLES, 404) | {"anonymous": "login"} | REFERRAL_SEEN
    assert "회의실 추천" in _as(client, world, "founder").get(detail).content.decode()
    listing = reverse("consortium:referral-list")
    assert _statuses(client, world, listing) == {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
    for role in ROLES[1:]:
        page = _as(client, world, role).get(listing).content.decode()
        assert (detail in page) == (role in REFERRAL_SEEN), role

    action = reverse("consortium:referral-action", args=[r.pk])
    statuses = _statuses(client, world, action, "post", {"action": "accept"})
    assert statuses == dict.fromkeys(ROLES, 404) | {"anonymous": "login", "other_staff": 302}
    r.refresh_from_db()
    assert r.status == "accepted"


def test_person_referral_is_seen_by_that_person_only(client, world):
    from sadari.consortium import services

    r = services.referral_create(
        from_org=world.other,
        by=world.other_staff,
        program=world.program,
        person=world.other_founder,
    )
    statuses = _statuses(client, world, reverse("consortium:referral-detail", args=[r.pk]))
    assert statuses == dict.fromkeys(ROLES, 404) | {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 200,
        "other_founder": 200,
    }


def test_referral_create_page_role_matrix_and_submit(client, world):
    from sadari.consortium.models import Referral

    url = reverse("consortium:referral-create") + f"?program={world.external.pk}"
    allowed = dict.fromkeys(ROLES, 404) | {"anonymous": "login", "staff": 200, "other_staff": 200}
    assert _statuses(client, world, url) == allowed

    client.force_login(world.staff)
    base = {
        "from_org": world.youth.pk,
        "target_kind": "program",
        "target_id": world.external.pk,
        "note": "추천",
    }
    assert (
        "No company matches" in client.post(url, {**base, "company": "없는회사"}).content.decode()
    )
    assert "either a company or a person" in client.post(url, base).content.decode()
    own = client.post(url, {**base, "target_id": world.program.pk, "company": "주식회사 하늘길"})
    assert "another institution" in own.content.decode()
    response = client.post(url, {**base, "company": "주식회사 하늘길"})

    assert response.status_code == 302
    assert Referral.objects.get().company == world.startup
    response = client.post(url, {**base, "person": "founder2"})
    assert Referral.objects.filter(person=world.other_founder).count() == 1


def test_referral_stats_role_matrix_and_exports(client, world):
    from sadari.consortium import services

    services.referral_create(
        from_org=world.youth, by=world.staff, space=world.space, company=world.startup
    )
    services.referral_create(
        from_org=world.youth, by=world.staff, space=world.space, company=world.other_startup
    )
    url = reverse("consortium:referral-stats")
    allowed = dict.fromkeys(ROLES, 404) | {
        "anonymous": "login",
        "staff": 200,
        "other_staff": 200,
        "operator": 200,
    }
    assert _statuses(client, world, url) == allowed
    for fmt in ("csv", "xlsx"):
        assert (
            _statuses(client, world, reverse("consortium:referral-stats-export", args=[fmt]))
            == allowed
        )
    assert (
        _as(client, world, "operator")
        .get(reverse("consortium:referral-stats-export", args=["pdf"]))
        .status_code
        == 404
    )

    csv_text = (
        _as(client, world, "staff")
        .get(reverse("consortium:referral-stats-export", args=["csv"]))
        .content.decode("utf-8-sig")
    )

    assert csv_text.splitlines()[1].startswith("28청춘창업소,고양 사회적경제지원센터,2,2,0,0,0,")
    page = client.get(url + "?from=2999-01-01&to=bad").content.decode()
    assert "No referral in this period" in page


def test_hsds_export_has_hsds_3_required_fields_and_public_data_only(client, world):
    from sadari.consortium import services

    set_age(world.founder, 30)
    services.application_submit(
        program=world.program, applicant=world.founder, answers={"motivation": "비밀 동기"}
    )
    world.youth.contact_email = "secret@example.org"
    world.youth.save()

    response = client.get(reverse("consortium:hsds"))
    data = response.json()
    text = response.content.decode()

    assert data["hsds_version"] == "3.0"
    required = {
        "organizations": {"id", "name", "description"},
        "services": {"id", "name", "status"},
        "locations": {"id", "location_type"},
        "service_at_locations": {"id", "service_id", "location_id"},
    }
    for table, fields in required.items():
        assert data[table], table
        for row in data[table]:
            assert fields <= {k for k, v in row.items() if v not in (None, "")}, (table, row)
    services_by_name = {s["name"]: s for s in data["services"]}
    leap = services_by_name["청년 창업 도약 지원"]
    assert leap["status"] in {"active", "inactive", "defunct", "temporarily closed"}
    assert leap["maximum_age"] == 39
    assert leap["minimum_age"] is None
    assert leap["schedules"][0]["valid_from"] == world.program.starts_on.isoformat()
    assert {"id", "service_id", "currency", "amount"} <= set(leap["cost_options"][0])
    assert leap["capacities"][0]["maximum"] == 1
    assert {"id", "unit", "available", "updated"} <= set(leap["capacities"][0])
    for address in (a for loc in data["locations"] for a in loc["addresses"]):
        assert {
            "id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        } <= set(address)
    org_ids = {o["id"] for o in data["organizations"]}
    assert all(s["organization_id"] in org_ids for s in data["services"])
    assert "secret@example.org" not in text
    assert "비밀 동기" not in text
    assert "주식회사 하늘길" not in text  # startups are not institutions


def test_staff_see_a_refer_link_on_a_bookable_spaces_page(client, make_user):
    from django.urls import reverse

    from sadari.accounts.enums import Role
    from sadari.directory.enums import OrgKind, SpaceKind
    from sadari.directory.models import Space
    from sadari.directory.services import organization_create
    from sadari.spaces.models import BookingPolicy

    host = organization_create(kind=OrgKind.INSTITUTION, name_ko="공간재단")
    space = Space.objects.create(name_ko="실험실", host=host, kind=SpaceKind.LAB, capacity=4)
    BookingPolicy.objects.create(space=space)
    staff = make_user("refer-staff", role=Role.INSTITUTION_STAFF)
    founder = make_user("refer-founder", role=Role.FOUNDER)
    link = f"{reverse('consortium:referral-create')}?space={space.pk}"

    client.force_login(staff)
    for_staff = client.get(reverse("spaces:space-detail", args=[space.pk])).content.decode()
    form = client.get(link)
    client.force_login(founder)
    for_founder = client.get(reverse("spaces:space-detail", args=[space.pk])).content.decode()

    assert link in for_staff
    assert link not in for_founder
    assert form.status_code == 200
    assert form.context["form"].initial["target_id"] == space.pk
