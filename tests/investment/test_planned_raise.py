"""A startup's declared next raise (#6): saved by its members on the recommendations page,
used by the ranking's ticket fit at once, and shown to investors in their deal flow only when
the startup chose to share it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sadari.common.models import AuditEvent
from sadari.investment.models import FundingRound, PlannedRaise
from sadari.investment.recommend import deal_flow_for
from sadari.investment.services import investor_profile_save, planned_raise_save
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {
        "round_type": "series_a",
        "amount": "2,000억",
        "raise_by": (timezone.localdate() + timedelta(days=90)).isoformat(),
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 302),
        ("the founder", "founder", 302),
        ("other founder", "other_founder", 404),
        ("an investor", "investor", 404),
        ("institution staff", "staff", 404),
    ],
)
def test_only_the_startups_members_declare_its_raise(client, inv, _case, who, status):
    login(client, inv[who] if who else None)

    response = client.post(
        reverse("investment:recommended-investors", args=[inv.startup.pk]), _form()
    )

    assert response.status_code == status
    saved = PlannedRaise.objects.filter(company=inv.startup).first()
    if who == "founder":
        assert (saved.round_type, saved.amount_krw, saved.share_with_investors) == (
            "series_a", 200_000_000_000, False,
        )  # fmt: skip
        assert AuditEvent.objects.filter(action="investment.planned_raise.save").count() == 1
    else:
        assert saved is None


def test_a_declared_raise_changes_which_tickets_fit(client, inv):
    FundingRound.objects.filter(company__in=inv.peers).update(round_type="series_a")
    investor_profile_save(
        organization=inv.vc_other, by=inv.investor_no_grant, thesis_stages=["series_a"],
        thesis_industries=["drone"], ticket_min_krw=100_000_000_000,
        ticket_max_krw=500_000_000_000,
    )  # fmt: skip
    login(client, inv.founder)
    url = reverse("investment:recommended-investors", args=[inv.startup.pk])
    before = {s.organization: s.summary for s in client.get(url).context["suggestions"]}

    client.post(url, _form())
    page = client.get(url)

    after = {s.organization: s.summary for s in page.context["suggestions"]}
    assert "맞지 않음" in before[inv.vc_other]
    assert "맞지 않음" not in after[inv.vc_other]
    assert "2,000억원" in after[inv.vc_other]
    assert "2,000억원" in page.content.decode()  # the declared raise is shown back


def test_withdrawing_the_raise_restores_the_derived_expectation(client, inv):
    login(client, inv.founder)
    url = reverse("investment:recommended-investors", args=[inv.startup.pk])
    client.post(url, _form())

    client.post(url, {"clear": "1"})

    assert not PlannedRaise.objects.filter(company=inv.startup).exists()
    assert AuditEvent.objects.filter(action="investment.planned_raise.clear").count() == 1


@pytest.mark.parametrize(
    ("_case", "extra", "field"),
    [
        ("an amount that is not money", {"amount": "lots"}, "amount"),
        ("a date in the past", {"raise_by": "2001-01-01"}, "raise_by"),
        ("too far ahead", {"raise_by": "2099-01-01"}, "raise_by"),
        ("an unknown round", {"round_type": "series_z"}, "round_type"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, inv, _case, extra, field):
    login(client, inv.founder)

    response = client.post(
        reverse("investment:recommended-investors", args=[inv.startup.pk]), _form(**extra)
    )

    assert response.status_code == 200
    assert field in response.context["planned_form"].errors
    assert not PlannedRaise.objects.filter(company=inv.startup).exists()


def test_investors_see_the_raise_in_deal_flow_only_when_shared(inv):
    flow = {s.organization: s for s in deal_flow_for(investor=inv.vc_other, k=50)}
    assert inv.startup in flow, "the test startup must be in the investor's deal flow"
    planned_raise_save(company=inv.startup, by=inv.founder, round_type="series_a",
                       amount_krw=3_000_000_000)  # fmt: skip
    hidden = {s.organization: s for s in deal_flow_for(investor=inv.vc_other, k=50)}

    planned_raise_save(company=inv.startup, by=inv.founder, round_type="series_a",
                       amount_krw=3_000_000_000, share_with_investors=True)  # fmt: skip
    shown = {s.organization: s for s in deal_flow_for(investor=inv.vc_other, k=50)}

    assert hidden[inv.startup].planned is None
    assert shown[inv.startup].planned.amount_krw == 3_000_000_000


def test_investors_and_institutions_cannot_declare_a_raise(inv):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        planned_raise_save(company=inv.vc, by=inv.investor, round_type="seed")
