"""Recommendations on the platform: a startup's members see investors likely to invest next
with reasons (cold start too), an investor's members see deal flow; nobody else does."""

import pytest
from django.urls import reverse

from sadari.investment import recommend
from sadari.investment.models import FundingRound
from sadari.investment.services import investor_profile_save
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db


def test_founder_sees_investors_with_reasons(client, inv):
    login(client, inv.founder)

    response = client.get(reverse("investment:recommended-investors", args=[inv.startup.pk]))

    suggestions = response.context["suggestions"]
    assert response.status_code == 200
    by_org = {s.organization: s for s in suggestions}
    # Its seed investor (follow-on) and the investor that led three drone series A rounds.
    assert [s.organization for s in suggestions[:2]] == [inv.vc_expired, inv.vc]
    assert "기존 투자자" in by_org[inv.vc_expired].summary
    assert "드론" in by_org[inv.vc].summary
    assert all(s.summary for s in suggestions)
    assert reverse("investment:intro-create", args=[inv.vc.pk]) in response.content.decode()


def test_cold_start_startup_gets_thesis_fit_investors(client, inv):
    investor_profile_save(
        organization=inv.vc_other, by=inv.investor_no_grant, thesis_stages=["seed"],
        thesis_industries=["ai"], thesis_regions=["seoul"],
    )  # fmt: skip
    login(client, inv.other_founder)

    response = client.get(reverse("investment:recommended-investors", args=[inv.other.pk]))

    suggestions = response.context["suggestions"]
    assert FundingRound.objects.filter(company=inv.other).count() == 0
    assert suggestions
    assert all(s.is_cold_start for s in suggestions)
    assert inv.vc_other in [s.organization for s in suggestions]


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [("anonymous", None, 302), ("other founder", "other_founder", 404), ("investor", "investor", 404),
     ("staff", "staff", 404), ("operator", "operator", 404), ("founder", "founder", 200)],
)  # fmt: skip
def test_recommended_investors_role_matrix(client, inv, _case, who, status):
    login(client, inv[who] if who else None)

    response = client.get(reverse("investment:recommended-investors", args=[inv.startup.pk]))

    assert response.status_code == status


def test_investor_members_see_deal_flow_outside_their_portfolio(client, inv):
    login(client, inv.investor)

    response = client.get(reverse("investment:investor-detail", args=[inv.vc.pk]))

    flow = response.context["deal_flow"]
    companies = {s.organization.pk for s in flow}
    assert flow
    assert inv.startup.pk in companies
    assert companies.isdisjoint({p.pk for p in inv.peers})  # its portfolio is left out
    login(client, inv.investor_no_grant)
    assert (
        client.get(reverse("investment:investor-detail", args=[inv.vc.pk])).context["deal_flow"]
        is None
    )


def test_profile_section_shows_recommendations_to_members_only(client, inv):
    login(client, inv.founder)
    own = client.get(inv.startup.get_absolute_url()).content.decode()
    login(client, inv.investor)
    other = client.get(inv.startup.get_absolute_url()).content.decode()

    assert reverse("investment:recommended-investors", args=[inv.startup.pk]) in own
    assert reverse("investment:recommended-investors", args=[inv.startup.pk]) not in other


def test_new_rounds_invalidate_the_fitted_recommender(inv):
    first = recommend.recommender()

    FundingRound.objects.create(
        company=inv.other, round_type="seed", announced_on=inv.seed_round.announced_on
    )

    assert recommend.recommender() is not first


def test_no_rounds_means_no_recommendation_not_an_error(client, inv):
    FundingRound.objects.all().delete()
    login(client, inv.founder)

    response = client.get(reverse("investment:recommended-investors", args=[inv.startup.pk]))

    assert response.status_code == 200
    assert response.context["suggestions"] == []
