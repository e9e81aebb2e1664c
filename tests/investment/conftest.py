"""Investment fixtures: a small market built through the real services.

``inv`` holds a startup based at an institution (its founder), another startup (another
founder), three investor organizations — one that will hold an active grant, one without a
grant, one whose grant expired — institution staff of the startup's host and a city operator,
plus a few rounds with investors."""

from datetime import date, timedelta

import pytest
from django.utils import timezone


class Inv(dict):
    __getattr__ = dict.__getitem__


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded documents go to a temporary directory, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from sadari.investment import recommend

    recommend.clear()
    yield
    recommend.clear()


@pytest.fixture
def inv(make_user):
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.investment.models import FundingRound, RoundInvestor

    hub = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울창업허브", city="서울특별시")
    startup = organization_create(
        kind=OrgKind.STARTUP, name_ko="하늘드론", name_en="Haneul Drone", host=hub,
        industry="drone", city="서울특별시", stage="seed", founded_on=date(2022, 3, 1),
    )  # fmt: skip
    other = organization_create(kind=OrgKind.STARTUP, name_ko="다른스타트업", industry="ai")
    vc = organization_create(
        kind=OrgKind.INVESTOR, category="vc", name_ko="한강벤처스", name_en="Hangang Ventures"
    )
    vc_other = organization_create(kind=OrgKind.INVESTOR, category="vc", name_ko="북악파트너스")
    vc_expired = organization_create(kind=OrgKind.INVESTOR, category="vc", name_ko="남산캐피탈")

    def member(username, org, role, email=""):
        user = make_user(username, email=email or f"{username}@example.com")
        Membership.objects.create(user=user, organization=org, role=role)
        return user

    m = Inv(hub=hub, startup=startup, other=other, vc=vc, vc_other=vc_other, vc_expired=vc_expired)
    m["founder"] = member("founder", startup, Role.FOUNDER)
    m["other_founder"] = member("other_founder", other, Role.FOUNDER)
    m["investor"] = member("investor", vc, Role.INVESTOR)
    m["investor_no_grant"] = member("investor_no_grant", vc_other, Role.INVESTOR)
    m["investor_expired"] = member("investor_expired", vc_expired, Role.INVESTOR)
    m["staff"] = member("staff", hub, Role.INSTITUTION_STAFF)
    m["operator"] = make_user("operator", role=Role.CITY_OPERATOR)

    peers = [
        organization_create(kind=OrgKind.STARTUP, name_ko=f"드론기업{i}", industry="drone",
                            city="서울특별시", founded_on=date(2020, 1, 1))
        for i in range(3)
    ]  # fmt: skip
    today = timezone.localdate()
    rounds = []
    for i, peer in enumerate(peers):
        r = FundingRound.objects.create(
            company=peer, round_type="series_a", announced_on=today - timedelta(days=90 + i * 30),
            amount_krw=3_000_000_000 + i * 500_000_000,
        )  # fmt: skip
        RoundInvestor.objects.create(round=r, investor=vc, is_lead=True)
        if i == 0:
            RoundInvestor.objects.create(round=r, investor=vc_other)
        rounds.append(r)
    seed = FundingRound.objects.create(
        company=startup, round_type="seed", announced_on=today - timedelta(days=400),
        amount_krw=1_250_000_000,
    )  # fmt: skip
    RoundInvestor.objects.create(round=seed, investor=vc_expired, is_lead=True)
    m["peers"], m["rounds"], m["seed_round"] = peers, rounds, seed
    return m


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client
