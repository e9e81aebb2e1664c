"""The tech-trade demo: every page and the funnel have data, NDAs are in every state, the
demo logins can walk the flow, and the data is the same for the same seed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from sadari.accounts.models import User
from sadari.common.models import AuditEvent
from sadari.directory.models import Organization
from sadari.techtrade.enums import PIPELINE, ChallengeStatus, RequestStatus
from sadari.techtrade.funnel import Scope, deals_in, funnel_stats
from sadari.techtrade.models import (
    Challenge,
    Deal,
    DealMessage,
    DetailRequest,
    NdaTemplate,
    Poc,
    Proposal,
    TechNeed,
    Technology,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(TechNeed.objects.order_by("id").values_list("owner__name_ko", "title_ko", "status")),
        list(Technology.objects.order_by("id").values_list("owner__name_ko", "title_en", "trl", "patents")),
        list(Deal.objects.order_by("id").values_list("title", "stage", "reached", "drop_reason")),
        list(DetailRequest.objects.order_by("id").values_list("requester__name_ko", "status")),
    )  # fmt: skip


def test_techtrade_demo_fills_every_page(settings):
    settings.SADARI_MATCH_ENCODER = "none"
    out = StringIO()

    call_command("seed_demo", "--startups", "150", "--apps", "techtrade", stdout=out)

    assert "기술거래: 수요" in out.getvalue()
    per_corporate = dict(
        Organization.objects.filter(kind="corporate")
        .annotate(n=Count("tech_needs"))
        .values_list("name_ko", "n")
    )
    assert len(per_corporate) == 9
    assert min(per_corporate.values()) >= 2
    assert all(n.is_fictional for n in TechNeed.objects.all())
    assert Technology.objects.filter(title_ko="").exclude(title_en="").count() >= 5  # English only
    assert Technology.objects.filter(owner__kind="university").exists()
    founder_org = User.objects.get(username="founder").memberships.get().organization
    assert founder_org.technologies.filter(title_ko="").exists()  # its English-only offer
    assert Challenge.objects.filter(status=ChallengeStatus.OPEN).count() >= 3
    assert Challenge.objects.filter(host__kind="institution").exists()  # the city's challenge
    assert Proposal.objects.count() >= 10
    assert Poc.objects.count() >= 1
    assert DealMessage.objects.exists()
    assert {r.status for r in DetailRequest.objects.all()} == set(RequestStatus.values)
    assert NdaTemplate.objects.filter(version=2).exists()
    assert AuditEvent.objects.filter(action="techtrade.technology.view_details").exists()
    stats = funnel_stats(deals_in(Scope("city")))
    assert [r.reached > 0 for r in stats.rows] == [True] * len(PIPELINE)
    assert stats.dropped > 0
    assert stats.contracts > 0
    assert stats.rows[1].median_days is not None


def test_techtrade_demo_is_deterministic(settings):
    settings.SADARI_MATCH_ENCODER = "none"
    call_command("seed_demo", "--startups", "80", "--apps", "techtrade", stdout=StringIO())
    first = _snapshot()

    call_command(
        "seed_demo", "--startups", "80", "--flush", "--apps", "techtrade", stdout=StringIO()
    )

    assert _snapshot() == first
    assert first[0]
