"""Conflicts of interest are detected from data, each with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.pitching.conftest import submitted

pytestmark = pytest.mark.django_db


def _kinds(expert, sub):
    from sadari.pitching.conflicts import conflicts_of

    return {c.kind for c in conflicts_of(expert, sub)}


def test_a_clean_expert_has_no_conflict(world):
    assert _kinds(world.experts[0], submitted(world)) == set()


def test_past_affiliation_typed_as_text_is_matched_by_normalized_name(world):
    # "(주)하늘길" in the affiliation vs "주식회사 하늘길" in the directory.
    assert _kinds(world.conflicted, submitted(world)) == {"past_org"}


def test_current_membership_in_the_company(world):
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership

    Membership.objects.create(
        user=world.experts[1].user, organization=world.startup, role=Role.FOUNDER
    )
    assert "same_org" in _kinds(world.experts[1], submitted(world))


def test_same_organization_as_the_applicant_even_without_a_company_on_the_idea(world):
    from sadari.pitching.models import Affiliation

    Affiliation.objects.create(expert=world.experts[0], organization=world.startup, name="하늘길")
    sub = submitted(world, organization=None)
    assert "same_org" in _kinds(world.experts[0], sub)


def test_investor_in_the_company(world):
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.investment.models import FundingRound, RoundInvestor
    from sadari.pitching.models import Affiliation

    vc = organization_create(kind=OrgKind.INVESTOR, name_ko="하늘벤처스")
    r = FundingRound.objects.create(
        company=world.startup, round_type="seed", announced_on=dt.date(2025, 3, 1)
    )
    RoundInvestor.objects.create(round=r, investor=vc, is_lead=True)
    Affiliation.objects.create(
        expert=world.experts[2], organization=vc, name="하늘벤처스", role="심사역"
    )
    found = _kinds(world.experts[2], submitted(world))
    assert "investor" in found


def test_mentor_of_the_applicant(world):
    from sadari.pitching import services

    slot = services.slot_create(
        mentor=world.experts[0], by=world.experts[0].user,
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1, hours=1),
    )  # fmt: skip
    services.booking_create(slot=slot, applicant=world.applicant)
    assert "mentor" in _kinds(world.experts[0], submitted(world))


def test_a_cancelled_mentoring_is_not_a_conflict(world):
    from sadari.pitching import services

    slot = services.slot_create(
        mentor=world.experts[0], by=world.experts[0].user,
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1, hours=1),
    )  # fmt: skip
    booking = services.booking_create(slot=slot, applicant=world.applicant)
    services.booking_cancel(booking, by=world.applicant)
    assert "mentor" not in _kinds(world.experts[0], submitted(world))


def test_named_in_the_team(world):
    sub = submitted(world, team="대표 김창업, 자문 최보통 (전 드론사 CTO)")
    assert "team" in _kinds(world.experts[1], sub)


def test_own_submission(world):
    from sadari.pitching.models import Expert

    me = Expert.objects.create(user=world.applicant, tags=["드론"])
    assert "self" in _kinds(me, submitted(world))


def test_declared_conflicts_with_an_organization_or_a_person(world):
    from sadari.pitching.models import DeclaredConflict

    DeclaredConflict.objects.create(
        expert=world.experts[0], organization=world.startup, reason="자문 중"
    )
    DeclaredConflict.objects.create(
        expert=world.experts[1], applicant=world.applicant, reason="친척"
    )
    sub = submitted(world)
    assert _kinds(world.experts[0], sub) == {"declared"}
    assert _kinds(world.experts[1], sub) == {"declared"}


def test_reasons_read_as_text(world):
    from sadari.pitching.conflicts import conflicts_of, describe

    text = describe(conflicts_of(world.conflicted, submitted(world)))
    assert "하늘길" in text
