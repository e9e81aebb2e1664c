"""Two institutions (a youth center hosting an in-platform program with rules, and another
center hosting an external-link program and a space), a founder whose startup is in 덕양구, a
second founder, both institutions' staff, a city operator and an outsider."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class World:
    youth: Any  # host of ``program``
    other: Any  # host of ``external`` and ``space``
    startup: Any
    other_startup: Any
    program: Any  # in-platform, capacity 1, rules: age ≤ 39, district in 덕양구/일산서구
    external: Any  # external link, rule: social-economy status
    space: Any
    staff: Any  # youth staff
    other_staff: Any
    operator: Any
    founder: Any
    other_founder: Any
    outsider: Any


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English messages (Korean is the site's default language)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(db, make_user):
    from django.utils import timezone

    from sadari.accounts.enums import Role
    from sadari.consortium import services
    from sadari.consortium.enums import ApplicationMode, TargetGroup
    from sadari.directory.enums import OrgCategory, OrgKind
    from sadari.directory.models import Program, Space
    from sadari.directory.services import organization_create

    today = timezone.localdate()
    youth = organization_create(
        kind=OrgKind.INSTITUTION,
        category=OrgCategory.TARGET_GROUP_CENTER,
        name_ko="28청춘창업소",
        name_en="28 Youth Startup Center",
        city="경기도 고양시",
        district="덕양구",
        address="경기도 고양시 덕양구 화정동",
    )
    other = organization_create(
        kind=OrgKind.INSTITUTION, name_ko="고양 사회적경제지원센터", name_en="Social Economy Center"
    )
    startup = organization_create(
        kind=OrgKind.STARTUP,
        name_ko="주식회사 하늘길",
        name_en="Skyroad Inc.",
        city="경기도 고양시",
        district="덕양구",
        founded_on=today - dt.timedelta(days=400),
        industry="drone",
        stage="seed",
    )
    other_startup = organization_create(kind=OrgKind.STARTUP, name_ko="다른회사")
    staff = make_user(
        "staff1", role=Role.INSTITUTION_STAFF, organization=youth, display_name="윤직원"
    )
    other_staff = make_user("staff2", role=Role.INSTITUTION_STAFF, organization=other)
    operator = make_user("operator1", role=Role.CITY_OPERATOR)
    founder = make_user("founder1", role=Role.FOUNDER, organization=startup, display_name="김창업")
    other_founder = make_user("founder2", role=Role.FOUNDER, organization=other_startup)
    outsider = make_user("nobody")
    program = Program.objects.create(
        host=youth,
        title_ko="청년 창업 도약 지원",
        title_en="Youth startup leap",
        summary_ko="사업화 자금 지원",
        benefit_ko="최대 3천만원",
        capacity=1,
        starts_on=today + dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=200),
        apply_by=today + dt.timedelta(days=10),
    )
    services.program_options_save(
        program=program,
        by=staff,
        application_mode=ApplicationMode.IN_PLATFORM,
        target_group=TargetGroup.YOUTH,
        status="open",
    )
    services.program_rules_replace(
        program=program,
        by=staff,
        rules=[
            {"attribute": "founder_age", "operator": "lte", "value": 39, "note_ko": "만 39세 이하"},
            {"attribute": "region_district", "operator": "in", "value": ["덕양구", "일산서구"]},
        ],
    )
    external = Program.objects.create(
        host=other,
        title_ko="사회적경제 기업 성장 지원",
        title_en="Social economy growth",
        url="https://example.org/apply",
        apply_by=today + dt.timedelta(days=30),
    )
    services.program_rules_replace(
        program=external,
        by=other_staff,
        rules=[
            {
                "attribute": "social_economy",
                "operator": "in",
                "value": ["social_enterprise", "cooperative"],
            }
        ],
    )
    space = Space.objects.create(host=other, name_ko="공유 회의실", kind="meeting_room", capacity=8)
    return World(
        youth, other, startup, other_startup, program, external, space, staff, other_staff,
        operator, founder, other_founder, outsider,
    )  # fmt: skip


def set_age(user: Any, age: int) -> None:
    from django.utils import timezone

    from sadari.consortium import services

    services.eligibility_profile_save(user=user, birth_year=timezone.localdate().year - age)
