"""A café with a rolling desk and a 3-criterion rubric, its staff, four experts (one of them
a former employee of the applicant's startup), an applicant with a startup, a city operator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class World:
    cafe: Any
    other_inst: Any
    startup: Any
    call: Any
    staff: Any
    other_staff: Any
    operator: Any
    applicant: Any
    other_applicant: Any
    experts: list[Any]  # three clean experts: lenient, neutral, harsh
    conflicted: Any  # used to work at the applicant's startup
    outsider: Any  # a signed-in user with no role


IDEA = {
    "title": "드론 물류 배송 플랫폼",
    "idea": "도심 소형 화물을 드론으로 배송하는 B2B 플랫폼입니다.",
    "problem": "라스트마일 배송 비용이 높습니다.",
    "customer": "편의점 체인과 약국",
    "team": "대표(물류 10년), CTO(드론 제어 SW)",
    "stage": "seed",
    "industry": "drone",
    "keywords": ["드론", "물류"],
    "language": "ko",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English messages (Korean is the site's default language)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(db, make_user):
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership
    from sadari.directory.enums import OrgCategory, OrgKind
    from sadari.directory.services import organization_create
    from sadari.pitching.enums import CallKind
    from sadari.pitching.models import Affiliation, Call, Criterion, Expert

    cafe = organization_create(
        kind=OrgKind.INSTITUTION,
        category=OrgCategory.STARTUP_CAFE,
        name_ko="서울창업카페 시험점",
        name_en="Seoul Startup Cafe Test",
    )
    other_inst = organization_create(kind=OrgKind.INSTITUTION, name_ko="다른 창업센터")
    startup = organization_create(
        kind=OrgKind.STARTUP, name_ko="주식회사 하늘길", name_en="Skyroad Inc."
    )
    call = Call.objects.create(
        host=cafe, kind=CallKind.ROLLING, title_ko="365 피칭 데스크", title_en="365 desk"
    )
    for i, (name, weight) in enumerate([("시장성", 2.0), ("기술성", 1.0), ("팀 역량", 1.0)]):
        Criterion.objects.create(call=call, name_ko=name, name_en=f"C{i}", weight=weight, order=i)
    staff = make_user(
        "staff1", role=Role.INSTITUTION_STAFF, organization=cafe, display_name="윤직원"
    )
    other_staff = make_user("staff2", role=Role.INSTITUTION_STAFF, organization=other_inst)
    operator = make_user("operator1", role=Role.CITY_OPERATOR)
    applicant = make_user(
        "founder1", role=Role.FOUNDER, organization=startup, display_name="김창업"
    )
    other_applicant = make_user("founder2", role=Role.FOUNDER, display_name="박다른")
    experts = []
    for i, (name, tags) in enumerate(
        [("이관대", ["드론", "물류"]), ("최보통", ["드론"]), ("정엄격", ["물류", "IR"])]
    ):
        user = make_user(f"expert{i}", role=Role.EXPERT, organization=cafe, display_name=name)
        experts.append(
            Expert.objects.create(
                user=user, tags=tags, industries=["drone"], languages=["ko"], capacity=5
            )
        )
    cuser = make_user("expert9", display_name="한과거")
    conflicted = Expert.objects.create(
        user=cuser, tags=["드론", "물류"], industries=["drone"], languages=["ko"], capacity=5
    )
    Affiliation.objects.create(
        expert=conflicted, name="(주)하늘길", started_on="2023-01-01", ended_on="2024-12-31"
    )
    outsider = make_user("nobody")
    assert Membership.objects.filter(user=applicant, organization=startup).exists()
    return World(
        cafe, other_inst, startup, call, staff, other_staff, operator, applicant,
        other_applicant, experts, conflicted, outsider,
    )  # fmt: skip


def accept_all(world: World) -> None:
    from sadari.pitching import services

    for e in [*world.experts, world.conflicted]:
        inv = services.invite(call=world.call, expert=e, by=world.staff)
        services.invitation_respond(inv, by=e.user, accept=True)


def submitted(world: World, applicant: Any = None, **changes: Any):
    from sadari.pitching import services

    applicant = applicant or world.applicant
    data = {**IDEA, **changes}
    if applicant == world.applicant and "organization" not in changes:
        data["organization"] = world.startup
    sub = services.submission_create(call=world.call, applicant=applicant, data=data)
    return services.submission_submit(sub, by=applicant)


def pdf_bytes(pages: int = 1) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def published(world: World, **changes: Any):
    """A submitted idea with a deck, assigned (the optimizer) and published."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sadari.pitching import services

    accept_all(world)
    data = {**IDEA, "organization": world.startup, **changes}
    sub = services.submission_create(
        call=world.call,
        applicant=world.applicant,
        data=data,
        deck=SimpleUploadedFile("deck.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    sub = services.submission_submit(sub, by=world.applicant)
    services.assignment_propose(sub.batch, by=world.staff)
    services.assignment_publish(sub.batch, by=world.staff)
    return sub


def review_all(world: World, sub: Any, values: tuple[int, ...] = (5, 3, 2)) -> None:
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    for expert, value in zip(world.experts, values, strict=True):
        a = Assignment.objects.get(submission=sub, expert=expert)
        services.review_save(
            a,
            by=expert.user,
            scores={c.pk: value for c in world.call.criteria.all()},
            comment=f"의견 {value}",
            confidence=3,
            submit=True,
        )
