"""Rounds entered by hand: founders for their own company, institution staff and city
operators for any company; amounts and currencies, dates, investors from the directory with a
lead flag; the round is ``manual`` with who entered it, and shows on the profiles."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sadari.common.models import AuditEvent
from sadari.investment.enums import ErrorCode
from sadari.investment.models import FundingRound, RoundInvestor
from sadari.investment.services import round_record
from sadari.investment.validators import parse_amount
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db


def _post(inv, **extra):
    data = {
        "round_type": "series_a",
        "announced_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "currency": "KRW",
        "amount": "12억 5,000만원",
        "investor_1": "한강벤처스",
        "lead_1": "on",
        "investor_2": f"{inv.vc_other.name} (#{inv.vc_other.pk})",
    }
    data.update(extra)
    return data


def test_founder_records_a_round_for_their_company(client, inv):
    login(client, inv.founder)

    response = client.post(reverse("investment:round-create", args=[inv.startup.pk]), _post(inv))

    r = FundingRound.objects.get(company=inv.startup, round_type="series_a")
    assert response.status_code == 302
    assert response["Location"] == r.get_absolute_url()
    assert (r.source, r.entered_by, r.amount_krw, r.currency, r.amount_original) == (
        "manual", inv.founder, 1_250_000_000, "KRW", None,
    )  # fmt: skip
    assert sorted(RoundInvestor.objects.filter(round=r).values_list("investor_id", "is_lead")) == (
        sorted([(inv.vc.pk, True), (inv.vc_other.pk, False)])
    )
    assert (
        AuditEvent.objects.filter(action="investment.round.record", actor=inv.founder).count() == 1
    )


def test_recorded_round_shows_on_the_company_and_investor_profiles(client, inv):
    login(client, inv.founder)
    client.post(reverse("investment:round-create", args=[inv.startup.pk]), _post(inv))
    r = FundingRound.objects.get(company=inv.startup, round_type="series_a")
    client.logout()

    company_page = client.get(inv.startup.get_absolute_url()).content.decode()
    investor_page = client.get(
        reverse("investment:investor-detail", args=[inv.vc.pk])
    ).content.decode()
    round_page = client.get(r.get_absolute_url()).content.decode()

    assert "12억 5,000만원" in company_page
    assert "하늘드론" in investor_page
    assert "12억 5,000만원" in round_page
    assert "founder" not in round_page  # who entered it is not public


def test_round_in_dollars_keeps_the_original_and_converts_approximately(inv):
    day = date(2024, 6, 1)

    r = round_record(
        company=inv.startup, by=inv.staff, round_type="seed", announced_on=day,
        currency="USD", amount=2_000_000, investors=[],
    )  # fmt: skip

    assert (r.currency, r.amount_original, r.amount_krw) == ("USD", 2_000_000, 2_728_000_000)
    assert r.is_converted is True


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 302),
        ("the founder", "founder", 200),
        ("other founder", "other_founder", 404),
        ("an investor", "investor", 404),
        ("institution staff", "staff", 200),
        ("city operator", "operator", 200),
    ],
)
def test_round_entry_role_matrix(client, inv, _case, who, status):
    login(client, inv[who] if who else None)
    url = reverse("investment:round-create", args=[inv.startup.pk])

    page = client.get(url)
    posted = client.post(url, _post(inv))

    assert page.status_code == status
    assert posted.status_code == (302 if status == 200 else status)
    assert FundingRound.objects.filter(company=inv.startup, round_type="series_a").count() == (
        1 if status == 200 else 0
    )


def test_rounds_are_not_recorded_for_investors_or_institutions(client, inv):
    login(client, inv.operator)

    statuses = [
        client.get(reverse("investment:round-create", args=[org.pk])).status_code
        for org in (inv.vc, inv.hub)
    ]

    assert statuses == [404, 404]


@pytest.mark.parametrize(
    ("_case", "extra", "field"),
    [
        ("future date", {"announced_on": "2999-01-01"}, "announced_on"),
        ("ancient date", {"announced_on": "1901-01-01"}, "announced_on"),
        ("bad date", {"announced_on": "2024-13-45"}, "announced_on"),
        ("negative amount", {"amount": "-5"}, "amount"),
        ("zero amount", {"amount": "0"}, "amount"),
        ("words as amount", {"amount": "a lot"}, "amount"),
        ("huge amount", {"amount": "9" * 30}, "amount"),
        ("unknown currency", {"currency": "XYZ"}, "currency"),
        ("unknown round", {"round_type": "series_z"}, "round_type"),
        ("unknown investor", {"investor_1": "없는투자사"}, "investor_1"),
        ("not an investor", {"investor_1": "서울창업허브"}, "investor_1"),
        ("lead without a name", {"investor_1": "", "lead_1": "on"}, "investor_1"),
    ],
)
def test_round_form_refuses_bad_input_with_a_message(client, inv, _case, extra, field):
    login(client, inv.founder)

    response = client.post(
        reverse("investment:round-create", args=[inv.startup.pk]), _post(inv, **extra)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert FundingRound.objects.filter(company=inv.startup, round_type="series_a").count() == 0


def test_the_same_investor_twice_and_duplicate_rounds_are_refused(inv):
    day = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as twice:
        round_record(
            company=inv.startup, by=inv.founder, round_type="seed", announced_on=day,
            investors=[(inv.vc, True), (inv.vc, False)],
        )  # fmt: skip
    round_record(company=inv.startup, by=inv.founder, round_type="seed", announced_on=day)

    with pytest.raises(ValidationError) as again:
        round_record(company=inv.startup, by=inv.founder, round_type="seed", announced_on=day)

    assert "investors" in twice.value.message_dict
    assert again.value.code == ErrorCode.ROUND_DUPLICATE


def test_a_manual_round_can_be_removed_by_its_company_but_an_imported_one_cannot(client, inv):
    login(client, inv.founder)
    client.post(reverse("investment:round-create", args=[inv.startup.pk]), _post(inv))
    manual = FundingRound.objects.get(company=inv.startup, round_type="series_a")
    imported = inv.seed_round
    login(client, inv.other_founder)
    foreign = client.post(reverse("investment:round-delete", args=[manual.pk]))
    login(client, inv.founder)

    removed = client.post(reverse("investment:round-delete", args=[manual.pk]))
    refused = client.post(reverse("investment:round-delete", args=[imported.pk]))

    assert (foreign.status_code, removed.status_code, refused.status_code) == (404, 302, 302)
    assert FundingRound.objects.filter(pk=manual.pk).exists() is False
    assert FundingRound.objects.filter(pk=imported.pk).exists() is True


@pytest.mark.parametrize(
    ("_case", "text", "value"),
    [
        ("digits", "1250000000", 1_250_000_000),
        ("commas", "1,250,000,000", 1_250_000_000),
        ("korean units", "12억 5,000만원", 1_250_000_000),
        ("decimal eok", "12.5억", 1_250_000_000),
        ("cents", "8,500,000.00", 8_500_000),
        ("empty", "", None),
    ],
)
def test_parse_amount(_case, text, value):
    assert parse_amount(text) == value


def test_a_recorded_round_reaches_recommendations_and_statistics(
    client, inv, django_capture_on_commit_callbacks
):
    from sadari.investment import recommend

    before = {s.organization: s for s in recommend.investors_for_startup(startup=inv.startup, k=20)}
    login(client, inv.founder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("investment:round-create", args=[inv.startup.pk]),
            _post(inv, investor_1=inv.vc_other.name, investor_2=""),
        )

    after = {s.organization: s for s in recommend.investors_for_startup(startup=inv.startup, k=20)}
    stats = client.get(reverse("investment:stats") + "?by=stage").context["stats"]
    assert "기존 투자자" not in before[inv.vc_other].summary
    assert "기존 투자자" in after[inv.vc_other].summary
    assert {r.key: r.rounds for r in stats.rows}["series_a"] == 4


def test_an_investor_typed_by_a_name_variant_is_found(inv):
    from sadari.investment.selectors import investors_named
    from sadari.investment.services import investor_profile_save

    kb = organization_create_investor("KB인베스트먼트")
    investor_profile_save(organization=kb, by=None, thesis_stages=["seed"])

    assert investors_named("KB Investment Co., Ltd.") == [kb]
    assert investors_named("(주)케이비인베스트먼트") == [kb]
    assert investors_named("카카오인베스트먼트") == []


def organization_create_investor(name):
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create

    return organization_create(kind=OrgKind.INVESTOR, name_ko=name, category="vc")


def test_named_investors_are_told_and_can_say_they_were_not_in_the_round(
    client, inv, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, inv.founder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("investment:round-create", args=[inv.startup.pk]), _post(inv))
    r = FundingRound.objects.get(company=inv.startup, round_type="series_a")
    told = inv.investor.notifications.get(kind="round_named")
    login(client, inv.investor_no_grant)  # a member of 북악파트너스, named without the lead flag
    page = client.get(r.get_absolute_url()).content.decode()

    response = client.post(reverse("investment:round-disown", args=[r.pk]))

    assert "리드 투자자로 기록" in told.text_ko
    assert told.url == r.get_absolute_url()
    assert ["investor@example.com"] in [m.to for m in mailoutbox]
    assert reverse("investment:round-disown", args=[r.pk]) in page
    assert response.status_code == 302
    assert list(RoundInvestor.objects.filter(round=r).values_list("investor_id", flat=True)) == [
        inv.vc.pk
    ]
    assert inv.founder.notifications.filter(kind="round_disowned").count() == 1
    assert AuditEvent.objects.filter(action="investment.round.disown").count() == 1


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 302),
        ("an investor not in the round", "investor_expired", 404),
        ("the founder", "founder", 404),
        ("institution staff", "staff", 404),
    ],
)
def test_disowning_a_round_role_matrix(client, inv, _case, who, status):
    r = round_record(
        company=inv.startup, by=inv.founder, round_type="series_a",
        announced_on=timezone.localdate(), investors=[(inv.vc, True)],
    )  # fmt: skip
    login(client, inv[who] if who else None)

    response = client.post(reverse("investment:round-disown", args=[r.pk]))

    assert response.status_code == status
    assert RoundInvestor.objects.filter(round=r).count() == 1


def test_an_imported_round_cannot_be_disowned_here(client, inv):
    from sadari.investment.enums import RoundSource

    r = inv.rounds[0]
    FundingRound.objects.filter(pk=r.pk).update(source=RoundSource.CRUNCHBASE)
    login(client, inv.investor)

    response = client.post(reverse("investment:round-disown", args=[r.pk]), follow=True)

    assert RoundInvestor.objects.filter(round=r, investor=inv.vc).count() == 1
    assert "ask its source" in response.content.decode() or "출처" in response.content.decode()


# --- editing a round entered on Sadari ---------------------------------------------------------


def _manual_round(inv):
    return round_record(
        company=inv.startup, by=inv.founder, round_type="series_a",
        announced_on=timezone.localdate() - timedelta(days=10), amount=1_000_000_000,
        investors=[(inv.vc, True)],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 302),
        ("the founder", "founder", 200),
        ("other founder", "other_founder", 404),
        ("an investor in the round", "investor", 404),
        ("institution staff", "staff", 200),
        ("city operator", "operator", 200),
    ],
)
def test_round_edit_role_matrix(client, inv, _case, who, status):
    r = _manual_round(inv)
    login(client, inv[who] if who else None)
    url = reverse("investment:round-edit", args=[r.pk])

    page = client.get(url)
    posted = client.post(url, _post(inv, amount="15억"))

    r.refresh_from_db()
    assert page.status_code == status
    assert posted.status_code == (302 if status == 200 else status)
    assert r.amount_krw == (1_500_000_000 if status == 200 else 1_000_000_000)


def test_editing_a_round_changes_investors_and_tells_only_the_new_ones(client, inv):
    r = _manual_round(inv)
    inv.investor.notifications.all().delete()
    login(client, inv.founder)
    page = client.get(reverse("investment:round-edit", args=[r.pk])).content.decode()

    response = client.post(
        reverse("investment:round-edit", args=[r.pk]),
        _post(inv, investor_1=f"{inv.vc_other.name} (#{inv.vc_other.pk})", lead_1="on",
              investor_2="", amount="2,000,000", currency="USD", round_type="series_b"),
    )  # fmt: skip

    r.refresh_from_db()
    assert f"한강벤처스 (#{inv.vc.pk})" in page
    assert 'value="1000000000"' in page
    assert response.status_code == 302
    assert (r.round_type, r.currency, r.amount_original) == ("series_b", "USD", 2_000_000)
    assert r.amount_krw > 2_000_000_000  # converted at the year's approximate rate
    assert list(RoundInvestor.objects.filter(round=r).values_list("investor_id", "is_lead")) == [
        (inv.vc_other.pk, True)
    ]
    assert inv.investor.notifications.count() == 0  # taken off: not told
    assert inv.investor_no_grant.notifications.filter(kind="round_named").count() == 1
    event = AuditEvent.objects.get(action="investment.round.update")
    assert (event.detail["investors_before"], event.detail["investors_after"]) == (
        [inv.vc.pk], [inv.vc_other.pk],
    )  # fmt: skip


def test_an_imported_round_cannot_be_edited_and_edits_are_checked(client, inv):
    from sadari.investment.services import round_update

    r = _manual_round(inv)
    other = round_record(
        company=inv.startup, by=inv.founder, round_type="series_b",
        announced_on=timezone.localdate() - timedelta(days=200),
    )  # fmt: skip
    login(client, inv.founder)

    imported = client.get(reverse("investment:round-edit", args=[inv.seed_round.pk]))
    with pytest.raises(ValidationError) as duplicate:
        round_update(
            funding_round=r, by=inv.founder, round_type="series_b", announced_on=other.announced_on
        )
    future = client.post(
        reverse("investment:round-edit", args=[r.pk]),
        _post(inv, announced_on=(timezone.localdate() + timedelta(days=5)).isoformat()),
    )

    assert imported.status_code == 404
    assert duplicate.value.code == ErrorCode.ROUND_DUPLICATE
    assert future.status_code == 200
    assert "announced_on" in future.context["form"].errors
    r.refresh_from_db()
    assert r.round_type == "series_a"
