"""Rounds, investors and statistics pages: public, filterable, never failing on odd input;
profile sections; the investor's own members edit the thesis; exports hold the numbers."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from sadari.investment.enums import region_of
from sadari.investment.models import FundingRound, InvestorProfile
from sadari.investment.money import to_krw
from sadari.investment.services import investor_profile_save
from sadari.investment.stats import compute
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "city", "region"),
    [
        ("seoul", "서울특별시", "seoul"),
        ("goyang with province", "경기도 고양시", "gyeonggi"),
        ("goyang without province", "고양시", "gyeonggi"),
        ("abroad", "San Francisco", "overseas"),
        ("empty", "", ""),
        ("unknown korean place", "어딘가", ""),
    ],
)
def test_region_of_city(_case, city, region):
    assert region_of(city) == region


def test_to_krw_converts_at_the_years_rate():
    assert to_krw(1_000_000, "USD", date(2012, 5, 1)) == 1_127_000_000
    assert to_krw(5, "KRW", date(2012, 5, 1)) == 5
    assert to_krw(None, "USD", date(2012, 5, 1)) is None


def test_round_pages_show_amounts_in_korean_units(client, inv):
    response = client.get(reverse("investment:round-detail", args=[inv.seed_round.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "12억 5,000만원" in body
    assert "남산캐피탈" in body


def test_converted_round_shows_the_original_currency(client, inv):
    r = FundingRound.objects.create(
        company=inv.other, round_type="series_b", announced_on=date(2012, 6, 1),
        amount_krw=to_krw(8_500_000, "USD", date(2012, 6, 1)), currency="USD",
        amount_original=8_500_000,
    )  # fmt: skip

    body = client.get(r.get_absolute_url()).content.decode()

    assert "USD 8500000" in body or "USD 8,500,000" in body
    assert "95억 7,950만원" in body


@pytest.mark.parametrize(
    "query",
    [
        "", "?round_type=seed", "?round_type=nope", "?industry=drone&region=seoul", "?year=abc",
        "?year=2025", "?q=%27%22%3B--", "?investor=999999999999999999999", "?page=-3",
        "?region=overseas", "?source=crunchbase-2013", "?company=x", "?q=a%00b",
    ],
)  # fmt: skip
def test_round_list_never_fails(client, inv, query):
    response = client.get(reverse("investment:round-list") + query)

    assert response.status_code == 200


def test_round_list_filters_by_type_and_investor(client, inv):
    by_type = client.get(reverse("investment:round-list") + "?round_type=series_a")
    by_investor = client.get(reverse("investment:round-list") + f"?investor={inv.vc_other.pk}")

    assert by_type.context["page_obj"].paginator.count == 3
    assert [r.pk for r in by_investor.context["page_obj"]] == [inv.rounds[0].pk]


def test_round_list_htmx_returns_the_rows_only(client, inv):
    response = client.get(reverse("investment:round-list"), HTTP_HX_REQUEST="true")

    assert b"<html" not in response.content
    assert response.context["page_obj"].paginator.count == 4


@pytest.mark.parametrize("name", ["investment:round-list", "investment:investor-list"])
def test_list_pages_have_no_n_plus_one(client, inv, django_assert_max_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name) + "?round_type=seed")
    for i in range(3):
        r = FundingRound.objects.create(
            company=inv.peers[i], round_type="seed", announced_on=date(2024, 1, 1 + i)
        )
        r.investors.add(inv.vc, inv.vc_other)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse(name) + "?round_type=seed")

    assert len(more) == len(few)


@pytest.mark.parametrize(
    "query", ["", "?type=vc", "?stage=seed&industry=ai", "?region=jeju", "?thesis=1", "?q=%00"]
)
def test_investor_list_never_fails(client, inv, query):
    assert client.get(reverse("investment:investor-list") + query).status_code == 200


def test_investor_page_shows_thesis_portfolio_and_co_investors(client, inv):
    investor_profile_save(
        organization=inv.vc, by=inv.investor, investor_type="vc", thesis_stages=["seed", "series_a"],
        thesis_industries=["drone"], thesis_regions=["seoul"], ticket_min_krw=500_000_000,
        ticket_max_krw=3_000_000_000,
    )  # fmt: skip

    response = client.get(reverse("investment:investor-detail", args=[inv.vc.pk]))

    body = response.content.decode()
    portfolio = response.context["portfolio"]
    assert portfolio.deals == 3
    assert portfolio.led == 3
    assert {row.company.pk for row in portfolio.rows} == {p.pk for p in inv.peers}
    assert [(o.pk, n) for o, n in portfolio.co_investors] == [(inv.vc_other.pk, 1)]
    assert "5억원 ~ 30억원" in body
    assert response.context["deal_flow"] is None  # members only


def test_investor_page_of_a_non_investor_is_404(client, inv):
    assert (
        client.get(reverse("investment:investor-detail", args=[inv.startup.pk])).status_code == 404
    )


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 302),
        ("founder", "founder", 404),
        ("another investor", "investor_no_grant", 404),
        ("institution staff", "staff", 404),
        ("city operator", "operator", 404),
        ("member", "investor", 200),
    ],
)
def test_investor_edit_role_matrix(client, inv, _case, who, status):
    login(client, inv[who] if who else None)

    response = client.get(reverse("investment:investor-edit", args=[inv.vc.pk]))

    assert response.status_code == status


def test_member_saves_thesis_and_adds_a_fund(client, inv):
    login(client, inv.investor)
    url = reverse("investment:investor-edit", args=[inv.vc.pk])

    saved = client.post(url, {
        "profile-investor_type": "vc", "profile-thesis_stages": ["seed", "pre_a"],
        "profile-thesis_industries": ["drone", "ai"], "profile-thesis_regions": ["seoul"],
        "profile-ticket_min_krw": "300000000", "profile-ticket_max_krw": "2000000000",
        "profile-is_accepting_intros": "on",
    })  # fmt: skip
    bad = client.post(url, {"profile-ticket_min_krw": "5", "profile-ticket_max_krw": "1"})
    fund = client.post(url, {"fund-name": "한강 1호 펀드", "fund-size_krw": "10000000000",
                             "fund-established_on": "2024-01-05"})  # fmt: skip

    profile = InvestorProfile.objects.get(organization=inv.vc)
    assert saved.status_code == 302
    assert profile.thesis_stages == ["seed", "pre_a"]
    assert profile.thesis_regions == ["seoul"]
    assert bad.status_code == 200
    assert "ticket_max_krw" in bad.context["form"].errors
    assert fund.status_code == 302
    assert list(inv.vc.funds.values_list("name", "size_krw")) == [("한강 1호 펀드", 10_000_000_000)]


def test_organization_profiles_carry_the_investment_section(client, inv):
    company = client.get(inv.startup.get_absolute_url()).content.decode()
    investor = client.get(inv.vc.get_absolute_url()).content.decode()

    assert reverse("investment:round-detail", args=[inv.seed_round.pk]) in company
    assert "Investors likely to invest next" not in company
    assert "다음 투자 가능성" not in company
    assert reverse("investment:investor-detail", args=[inv.vc.pk]) in investor


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        ("stage", {"seed": (1, 1_250_000_000), "series_a": (3, 10_500_000_000)}),
        ("industry", {"drone": (4, 11_750_000_000)}),
        ("region", {"seoul": (4, 11_750_000_000)}),
    ],
)
def test_statistics_by_dimension(inv, dimension, expected):
    result = compute(FundingRound.objects.all(), dimension)

    assert {r.key: (r.rounds, r.amount_krw) for r in result.rows} == expected
    assert result.rounds == 4
    assert result.companies == 4
    assert result.investors == 3


def test_statistics_by_quarter_draws_a_chart(client, inv):
    response = client.get(reverse("investment:stats") + "?by=quarter")

    assert response.status_code == 200
    assert sum(r.rounds for r in response.context["stats"].rows) == 4
    assert b"<polyline" in response.content


@pytest.mark.parametrize("query", ["?by=nope", "?by=region&year=x", "?by=stage&round_type=zz"])
def test_statistics_page_never_fails(client, inv, query):
    assert client.get(reverse("investment:stats") + query).status_code == 200


def test_statistics_exports(client, inv):
    csv_response = client.get(reverse("investment:stats-csv") + "?by=stage")
    xlsx_response = client.get(reverse("investment:stats-xlsx") + "?by=stage&round_type=series_a")

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[1][1:3] == ["seed", "1"] or rows[2][1:3] == ["seed", "1"]
    assert len([r for r in rows if r and r[0].isdigit()]) == 4  # the rounds after the table
    book = openpyxl.load_workbook(io.BytesIO(xlsx_response.content))
    table = list(book.worksheets[0].values)
    assert [row[1:3] for row in table[1:-1]] == [("series_a", 3)]
    assert book.worksheets[1].max_row == 4  # header + 3 rounds


@pytest.mark.parametrize("who", [None, "founder", "investor", "staff", "operator"])
def test_investment_home_for_each_role(client, inv, who):
    login(client, inv[who] if who else None)

    response = client.get(reverse("investment:home"))

    assert response.status_code == 200
    assert response.context["stats"].rounds == 4
    assert bool(response.context.get("has_orgs")) is (who is not None)


def test_quarters_without_rounds_are_zero_rows(inv):
    FundingRound.objects.all().delete()
    for day in (date(2024, 2, 1), date(2024, 11, 1)):
        FundingRound.objects.create(company=inv.startup, round_type="seed", announced_on=day)

    result = compute(FundingRound.objects.all(), "quarter")

    assert [(r.key, r.rounds) for r in result.rows] == [
        ("2024-Q1", 1),
        ("2024-Q2", 0),
        ("2024-Q3", 0),
        ("2024-Q4", 1),
    ]


def test_converted_amounts_are_labelled_approximate_everywhere(client, inv):
    r = FundingRound.objects.create(
        company=inv.other, round_type="series_b", announced_on=date(2012, 6, 1),
        amount_krw=to_krw(8_500_000, "USD", date(2012, 6, 1)), currency="USD",
        amount_original=8_500_000,
    )  # fmt: skip

    detail = client.get(r.get_absolute_url()).content.decode()
    listed = client.get(reverse("investment:round-list")).content.decode()
    stats = client.get(reverse("investment:stats") + "?by=stage").content.decode()
    api = client.get(f"/api/v1/investment/rounds/{r.pk}").json()
    korean_round = client.get(f"/api/v1/investment/rounds/{inv.seed_round.pk}").json()

    assert "USD 8,500,000" in detail
    assert "The amount in won is approximate" in detail or "원화 금액은 근사치" in detail
    assert 'class="inv-approx"' in listed
    assert "approximate" in stats or "근사" in stats
    assert (api["is_converted"], api["amount_krw"], api["amount_original"]) == (
        True, 9_579_500_000, 8_500_000,
    )  # fmt: skip
    assert korean_round["is_converted"] is False


def test_statistics_xlsx_keeps_a_formula_like_name_as_text_with_thousands_of_rounds(inv):
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.investment import stats as statistics

    evil = organization_create(kind=OrgKind.STARTUP, name_ko='=HYPERLINK("http://x","y")')
    FundingRound.objects.bulk_create(
        [
            FundingRound(
                company=evil if i == 0 else inv.other,
                round_type="seed",
                announced_on=date(2020, 1, 1) + timedelta(days=i % 300),
                amount_krw=100_000_000,
            )
            for i in range(3000)
        ]
    )
    rounds = FundingRound.objects.all()

    body = statistics.export_xlsx(statistics.compute(rounds, "stage"), rounds)

    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[1]
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    cell = next(
        c for (c,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3) if "HYPER" in str(c.value)
    )
    assert len(names) == 3004
    assert cell.data_type == "s"
