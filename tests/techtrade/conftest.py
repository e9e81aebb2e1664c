"""Tech-trade fixtures: a small market built through the real services.

``market`` holds a corporate with a Korean need, a startup with an English technology, and one
user per role of the role matrix: anonymous (None), another startup, another corporate, a
corporate whose organization accepted the NDA but is not approved yet, one that is approved,
institution staff and a city operator. Confidential details carry marker words that must never
appear where they are not entitled.
"""

from datetime import date

import pytest

NEED_SECRET = "기밀수요마커"
TECH_SECRET = "SECRETTECHMARKER"


@pytest.fixture(autouse=True)
def _lexical_matching(settings):
    """Tests match lexically (fast, deterministic); test_matching.py opts into an encoder."""
    from sadari.techtrade.matching import clear_cache

    settings.SADARI_MATCH_ENCODER = "none"
    clear_cache()
    yield
    clear_cache()


class Market(dict):
    __getattr__ = dict.__getitem__


@pytest.fixture
def market(make_user):
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.techtrade.services import (
        detail_request_create,
        detail_request_decide,
        nda_current_for,
        need_create,
        technology_create,
    )

    hub = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울창업허브")
    corp = organization_create(kind=OrgKind.CORPORATE, name_ko="한빛전자", name_en="Hanbit")
    startup = organization_create(
        kind=OrgKind.STARTUP, name_ko="배터리랩", name_en="BatteryLab", host=hub
    )

    def member(username, org, role):
        user = make_user(username)
        Membership.objects.create(user=user, organization=org, role=role)
        return user

    m = Market(hub=hub, corp=corp, startup=startup)
    m["corporate"] = member("corporate", corp, Role.CORPORATE_OI)
    m["founder"] = member("founder", startup, Role.FOUNDER)
    other_startup = organization_create(kind=OrgKind.STARTUP, name_ko="다른스타트업")
    m["other_startup"] = member("other_startup", other_startup, Role.FOUNDER)
    other_corp = organization_create(kind=OrgKind.CORPORATE, name_ko="다른기업")
    m["other_corporate"] = member("other_corporate", other_corp, Role.CORPORATE_OI)
    pending_corp = organization_create(kind=OrgKind.CORPORATE, name_ko="대기기업")
    m["nda_pending"] = member("nda_pending", pending_corp, Role.CORPORATE_OI)
    approved_corp = organization_create(kind=OrgKind.CORPORATE, name_ko="승인기업")
    m["approved"] = member("approved", approved_corp, Role.CORPORATE_OI)
    m["staff"] = member("staff", hub, Role.INSTITUTION_STAFF)
    m["operator"] = make_user("operator", role=Role.CITY_OPERATOR)
    m["pending_corp"], m["approved_corp"], m["other_corp"] = pending_corp, approved_corp, other_corp

    m["need"] = need_create(
        owner=corp,
        by=m["corporate"],
        title_ko="전기차 배터리 수명 진단 기술",
        teaser_ko="사용 후 배터리의 잔존 수명을 빠르게 진단할 기술을 찾습니다.",
        problem_ko="폐배터리 재사용 전 검사 시간이 너무 깁니다.",
        fields=["climate", "mobility"],
        trl_wanted=6,
        budget_min_krw=50_000_000,
        budget_max_krw=200_000_000,
        deadline=date(2026, 12, 31),
        details_ko=f"{NEED_SECRET}: 연간 3만 팩, 현재 검사 단가 12만원",
    )
    m["tech"] = technology_create(
        owner=startup,
        by=m["founder"],
        title_en="Battery health diagnosis for EV packs",
        teaser_en="Estimates the remaining useful life of used EV battery packs in minutes.",
        description_en="Impedance spectroscopy and machine learning for battery diagnosis.",
        fields=["climate"],
        trl=7,
        patents=["10-2023-0123456", "10-1234567"],
        licensing_models=["license", "poc"],
        details_en=f"{TECH_SECRET}: model weights trained on 12,000 packs",
    )
    for item in (m["need"], m["tech"]):
        nda = nda_current_for(owner=item.owner)
        detail_request_create(
            item=item, requester=pending_corp, by=m["nda_pending"], nda=nda,
            seen_sha256=nda.sha256,
        )  # fmt: skip
        request = detail_request_create(
            item=item, requester=approved_corp, by=m["approved"], nda=nda, seen_sha256=nda.sha256
        )
        owner_user = m["corporate"] if item is m["need"] else m["founder"]
        detail_request_decide(request=request, by=owner_user, approve=True)
    return m


ROLES = (
    "anonymous", "other_startup", "other_corporate", "nda_pending", "approved", "staff",
    "operator",
)  # fmt: skip
# Who sees the confidential details of the market's need and technology.
DETAILS_VISIBLE = {"approved": True, "corporate": True, "founder": True}


@pytest.fixture
def login(client, market):
    """``login(role)``: the test client signed in as that market user (anonymous: nobody)."""

    def _login(role: str):
        client.logout()
        if role != "anonymous":
            client.force_login(market[role])
        return client

    return _login
