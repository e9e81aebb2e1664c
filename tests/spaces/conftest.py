"""A host institution with three spaces (a lab needing approval open to consortium members, a
meeting room for its own members, a hall for any signed-in user), its staff, another member
institution's staff, a founder of a startup, a city operator and an outsider with no role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone


@dataclass
class World:
    host: Any
    other_inst: Any
    startup: Any
    lab: Any
    room: Any
    hall: Any
    staff: Any
    other_staff: Any
    founder: Any
    operator: Any
    outsider: Any
    monday: dt.date  # a Monday 1–2 weeks ahead

    def at(self, day: int, hh: int, mm: int = 0) -> dt.datetime:
        """Aware Asia/Seoul time on ``monday + day``."""
        naive = dt.datetime.combine(self.monday + dt.timedelta(days=day), dt.time(hh, mm))
        return timezone.make_aware(naive)


@pytest.fixture(autouse=True)
def _english(settings):
    """The assertions read the English messages (Korean is the site's default language)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def world(db, make_user):
    from sadari.accounts.enums import Role
    from sadari.directory.enums import OrgKind, SpaceKind
    from sadari.directory.models import Space
    from sadari.directory.services import organization_create
    from sadari.spaces.enums import Audience
    from sadari.spaces.services import policy_save

    host = organization_create(
        kind=OrgKind.INSTITUTION, name_ko="고양 창업지원센터", name_en="Goyang Startup Center"
    )
    host.district = "일산동구"
    host.save()
    other_inst = organization_create(kind=OrgKind.INSTITUTION, name_ko="다른 창업센터")
    startup = organization_create(kind=OrgKind.STARTUP, name_ko="주식회사 하늘길")

    def space(name: str, kind: str, capacity: int, equipment: list[str]) -> Any:
        return Space.objects.create(
            name_ko=name,
            name_en=name + " (en)",
            host=host,
            kind=kind,
            capacity=capacity,
            district="일산동구",
            equipment=equipment,
        )

    lab = space("3D 프린팅 랩", SpaceKind.LAB, 6, ["3D 프린터", "레이저 커터"])
    room = space("회의실 A", SpaceKind.MEETING_ROOM, 8, ["화이트보드"])
    hall = space("이벤트홀", SpaceKind.EVENT_HALL, 80, ["빔프로젝터"])
    policy_save(
        space=lab,
        by=None,
        audience=Audience.CONSORTIUM,
        requires_approval=True,
        price_per_hour_krw=10_000,
    )
    policy_save(space=room, by=None, audience=Audience.HOST_MEMBERS)
    policy_save(space=hall, by=None, audience=Audience.SIGNED_IN, max_minutes=480)
    staff = make_user(
        "hoststaff",
        role=Role.INSTITUTION_STAFF,
        organization=host,
        display_name="윤직원",
        email="staff@example.org",
    )
    other_staff = make_user("otherstaff", role=Role.INSTITUTION_STAFF, organization=other_inst)
    founder = make_user(
        "founder1",
        role=Role.FOUNDER,
        organization=startup,
        display_name="김창업",
        email="founder@example.org",
    )
    operator = make_user("operator1", role=Role.CITY_OPERATOR)
    outsider = make_user("outsider1")
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday() + 7)
    return World(
        host=host,
        other_inst=other_inst,
        startup=startup,
        lab=lab,
        room=room,
        hall=hall,
        staff=staff,
        other_staff=other_staff,
        founder=founder,
        operator=operator,
        outsider=outsider,
        monday=monday,
    )
