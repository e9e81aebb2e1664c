"""Ticket sizes in recommendations (#6): the round a startup is expected to raise (declared,
else the typical round at its next stage, else twice its last round) against investors'
declared ticket ranges — in ``sadari_core.recommend`` and on the platform, with the reason."""

from datetime import date

import pytest
from django.urls import reverse

from sadari.investment.models import FundingRound
from sadari.investment.services import investor_profile_save
from sadari_core.recommend import CompanyProfile, InvestorProfile, Reason, Recommender, Round
from sadari_core.recommend.explain import TICKET
from sadari_core.recommend.ticket import (
    FITS,
    MISSES,
    SILENT,
    expected_raise,
    ticket_fit,
    typical_rounds,
)
from tests.core.test_recommend import AS_OF, _history
from tests.investment.conftest import login

M = 1_000_000


@pytest.mark.parametrize(
    ("_case", "expected", "low", "high", "verdict"),
    [
        ("inside", 20 * M, 5 * M, 30 * M, FITS),
        ("a participant's share", 20 * M, 1 * M, 5 * M, FITS),
        ("minimum a bit above the round", 20 * M, 30 * M, 50 * M, SILENT),
        ("minimum far above the round", 3 * M, 30 * M, 100 * M, MISSES),
        ("maximum a tiny share", 100 * M, 0.1 * M, 1 * M, MISSES),
        ("only a minimum, fits", 5 * M, 1 * M, None, FITS),
        ("only a maximum, fits", 5 * M, None, 10 * M, FITS),
        ("no range", 5 * M, None, None, SILENT),
        ("nothing expected", None, 1 * M, 2 * M, SILENT),
    ],
)
def test_ticket_fit(_case, expected, low, high, verdict):
    assert ticket_fit(expected, low, high) == verdict


def test_typical_rounds_are_medians_before_as_of_with_enough_amounts():
    day = date(2012, 1, 1)
    rounds = [
        (day, "seed", 0.3 * M), (day, "angel", 0.5 * M), (day, "시드", 0.7 * M),
        (day, "series-a", 4 * M), (day, "series-a", 5 * M),  # two: not enough
        (date(2013, 5, 1), "seed", 99 * M),  # after as_of
        (day, "seed", None),
    ]  # fmt: skip

    assert typical_rounds(rounds, AS_OF) == {"seed": 0.5 * M}


def test_expected_raise_prefers_the_declared_then_the_typical_then_twice_the_last():
    typical = {"series-a": 4 * M}

    assert expected_raise("series-a", typical, last_amount=1 * M, declared=6 * M) == 6 * M
    assert expected_raise("series-a", typical, last_amount=1 * M) == 4 * M
    assert expected_raise("series-b", typical, last_amount=3 * M) == 6 * M
    assert expected_raise("series-b", typical) is None


def _fitted_with_tickets(*, with_tickets: bool = True) -> Recommender:
    deals, companies = _history()
    seeds = {(d.company, d.when) for d in deals if d.round_type == "seed"}
    rounds = [Round(c, when, "seed", 0.5 * M) for c, when in seeds]
    thesis = {"thesis_stages": ("시드",), "thesis_industries": ("fintech",),
              "thesis_regions": ("판교",)}  # fmt: skip
    small = (0.1 * M, 0.5 * M) if with_tickets else (None, None)
    big = (10 * M, 50 * M) if with_tickets else (None, None)
    investors = [
        InvestorProfile("작은수표", ticket_min_usd=small[0], ticket_max_usd=small[1], **thesis),
        InvestorProfile("큰수표", ticket_min_usd=big[0], ticket_max_usd=big[1], **thesis),
    ]
    return Recommender().fit(deals, companies, investors, rounds=rounds, as_of=AS_OF)


@pytest.fixture(scope="module")
def ticketed() -> Recommender:
    return _fitted_with_tickets()


def test_a_fitting_ticket_ranks_above_a_missing_one_and_says_why(ticketed):
    profile = CompanyProfile("신규", category="fintech", region="판교")

    recs = {r.item: r for r in ticketed.recommend_investors("신규", 200, profile=profile)}

    small, big = recs["작은수표"], recs["큰수표"]
    ticket_small = next(r for r in small.explanation.reasons if r.kind == TICKET)
    ticket_big = next(r for r in big.explanation.reasons if r.kind == TICKET)
    assert ticketed.expected_raise("신규", profile) == 0.5 * M
    assert small.rank < big.rank
    assert (ticket_small.is_fit, ticket_big.is_fit) == (True, False)
    assert "투자 규모 $100K–$500K: 예상 라운드 약 $500K에 맞음" in small.explanation.summary("ko")
    assert "ticket $10M–$50M does not fit the expected round of about $500K" in (
        big.explanation.summary("en")
    )


def test_a_declared_raise_changes_which_ticket_fits(ticketed):
    profile = CompanyProfile("신규", category="fintech", region="판교", expected_raise_usd=20 * M)

    recs = {r.item: r for r in ticketed.recommend_investors("신규", 200, profile=profile)}

    assert recs["큰수표"].rank < recs["작은수표"].rank


def test_investors_without_a_ticket_are_scored_as_before(ticketed):
    plain = _fitted_with_tickets(with_tickets=False)
    profile = CompanyProfile("신규", category="AI", region="서울")

    def ranked(rec):
        return [
            (r.item, round(r.score, 9))
            for r in rec.recommend_investors("신규", 30, profile=profile)
            if r.item not in ("작은수표", "큰수표")
        ]

    before, after = ranked(plain), ranked(ticketed)

    assert [item for item, _ in after] == [item for item, _ in before][: len(after)]


def test_deal_flow_explains_the_ticket_fit_of_each_company(ticketed):
    small = ticketed.recommend_companies("작은수표", 10)
    big = ticketed.recommend_companies("큰수표", 10)

    def verdicts(flow):
        return [r.is_fit for f in flow for r in f.explanation.reasons if r.kind == TICKET]

    assert (len(small), len(big)) == (10, 10)
    assert True in verdicts(small)
    assert False not in verdicts(small)
    assert True not in verdicts(big)


def test_ticket_reason_texts_in_both_languages():
    reason = Reason(TICKET, 0.5, amount=2 * M, low=1 * M, high=None, is_fit=True)

    assert reason.text("ko") == "투자 규모 $1M 이상: 예상 라운드 약 $2M에 맞음"
    assert reason.text("en") == "ticket $1M+ fits the expected round of about $2M"
    assert reason.text("ko", money=lambda usd: f"{usd / M:.0f}백만달러").startswith(
        "투자 규모 1백만달러"
    )


@pytest.mark.django_db
def test_platform_recommendations_use_ticket_ranges_in_won(client, inv):
    # The startup raised a seed; the demo market's Series A rounds are 30–40억 원.
    FundingRound.objects.filter(company__in=inv.peers).update(round_type="series_a")
    investor_profile_save(
        organization=inv.vc_other, by=inv.investor_no_grant, thesis_stages=["series_a"],
        thesis_industries=["drone"], ticket_min_krw=100_000_000_000,
        ticket_max_krw=500_000_000_000,
    )  # fmt: skip
    login(client, inv.founder)

    response = client.get(reverse("investment:recommended-investors", args=[inv.startup.pk]))

    by_org = {s.organization: s for s in response.context["suggestions"]}
    summary = by_org[inv.vc_other].summary
    assert "투자 규모 1,000억원–5,000억원" in summary
    assert "맞지 않음" in summary
    assert "억원에" in summary


def test_the_vectorized_adjustment_agrees_with_the_per_investor_one():
    import numpy as np

    from sadari_core.recommend.ticket import (
        TicketRanges,
        ticket_adjustment,
        ticket_adjustment_for_companies,
    )

    expected = [None, 0.3 * M, 1 * M, 5 * M, 20 * M, 100 * M]
    for low, high in ((0.5 * M, 3 * M), (None, 2 * M), (10 * M, None), (None, None)):
        one = TicketRanges(np.array([np.nan if low is None else low]),
                           np.array([np.nan if high is None else high]))  # fmt: skip

        many = ticket_adjustment_for_companies(
            np.array([np.nan if e is None else e for e in expected]), low, high
        )

        assert list(many) == [float(ticket_adjustment(e, one)[0]) for e in expected]
