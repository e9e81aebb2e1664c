"""Challenges, proposals and selection, PoCs, the deal board with messages, and the funnel
with its exports: access per role, and the behaviour."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership
from sadari.techtrade.deals import (
    PipelineError,
    challenge_create,
    deal_message_post,
    deal_move,
    deal_open,
    proposal_decide,
    proposal_submit,
)
from sadari.techtrade.enums import DealStage, ProposalStatus
from sadari.techtrade.funnel import Scope, deals_in, funnel_stats
from sadari.techtrade.models import Deal, DealMessage, DealStageChange, Poc, Proposal
from sadari.techtrade.selection import Assessment, register_selection_method, selection_method
from tests.techtrade.conftest import NEED_SECRET, ROLES, TECH_SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(market):
    today = timezone.localdate()
    return challenge_create(
        host=market["corp"],
        by=market["corporate"],
        title_ko="스마트 물류 오픈이노베이션",
        summary_ko="물류센터 자동화 기술을 찾습니다.",
        fields=["robotics"],
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=20),
        poc_starts_on=today + timedelta(days=40),
        poc_ends_on=today + timedelta(days=130),
        poc_fund_krw=50_000_000,
        max_selected=1,
    )


@pytest.fixture
def proposal(market, challenge):
    return proposal_submit(
        challenge=challenge,
        startup=market["startup"],
        by=market["founder"],
        title="배터리 진단 기반 물류 로봇 관리",
        summary="물류 로봇의 배터리를 진단합니다.",
        technology=market["tech"],
        requested_fund_krw=40_000_000,
    )


@pytest.fixture
def deal(market):
    return deal_open(
        buyer=market["corp"], seller=market["startup"], need=market["need"],
        technology=market["tech"], by=market["corporate"],
    )  # fmt: skip


# --- challenges and proposals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 200), ("other_startup", 200), ("operator", 200), ("corporate", 200)],
)
def test_challenge_pages_are_public(login, challenge, role, status):
    client = login(role)

    assert client.get(reverse("techtrade:challenge-list")).status_code == status
    assert client.get(reverse("techtrade:challenge-detail", args=[challenge.pk])).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("founder", 404), ("other_corporate", 404), ("operator", 404),
     ("staff", 404), ("corporate", 200)],
)  # fmt: skip
def test_challenge_review_and_edit_role_matrix(login, challenge, proposal, role, status):
    client = login(role)

    review = client.get(reverse("techtrade:challenge-proposals", args=[challenge.pk]))
    edit = client.get(reverse("techtrade:challenge-edit", args=[challenge.pk]))

    assert (review.status_code, edit.status_code) == (status, status)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("founder", 200), ("corporate", 200), ("other_startup", 404),
     ("other_corporate", 404), ("operator", 404)],
)  # fmt: skip
def test_proposal_is_seen_by_host_and_proposer_only(login, proposal, role, status):
    assert (
        login(role).get(reverse("techtrade:proposal-detail", args=[proposal.pk])).status_code
        == status
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("founder", 200), ("corporate", 404), ("operator", 404)],
)
def test_propose_page_role_matrix(login, challenge, role, status):
    assert (
        login(role).get(reverse("techtrade:challenge-propose", args=[challenge.pk])).status_code
        == status
    )


def test_startup_proposes_through_the_page(client, market, challenge):
    client.force_login(market["founder"])

    response = client.post(
        reverse("techtrade:challenge-propose", args=[challenge.pk]),
        {"startup_id": market["startup"].pk, "technology_id": market["tech"].pk,
         "title": "물류 배터리 진단", "summary": "제안 내용", "requested_fund_krw": "4천만원"},
    )  # fmt: skip
    again = client.post(
        reverse("techtrade:challenge-propose", args=[challenge.pk]),
        {"startup_id": market["startup"].pk, "title": "두 번째", "summary": "또"},
    )

    proposal = Proposal.objects.get(challenge=challenge)
    assert response.status_code == 302
    assert (proposal.requested_fund_krw, proposal.technology) == (40_000_000, market["tech"])
    assert again.status_code == 200  # one proposal per startup, shown as a form error
    assert Proposal.objects.filter(challenge=challenge).count() == 1


def test_closed_challenge_takes_no_proposals(market, challenge):
    with pytest.raises(PipelineError) as refused:
        proposal_submit(
            challenge=challenge, startup=market["startup"], by=market["founder"], title="t",
            summary="s", today=challenge.closes_on + timedelta(days=1),
        )  # fmt: skip

    assert refused.value.code == "not_open"


def test_selecting_a_proposal_creates_a_poc_and_a_deal_at_poc(client, market, challenge, proposal):
    client.force_login(market["corporate"])

    shortlisted = client.post(
        reverse("techtrade:proposal-decide", args=[proposal.pk]), {"decision": "shortlist"}
    )
    selected = client.post(
        reverse("techtrade:proposal-decide", args=[proposal.pk]), {"decision": "select"}
    )

    proposal.refresh_from_db()
    poc = Poc.objects.get(proposal=proposal)
    deal = Deal.objects.get(challenge=challenge)
    assert (shortlisted.status_code, selected.status_code) == (302, 302)
    assert proposal.status == ProposalStatus.SELECTED
    assert (poc.funds_krw, poc.starts_on, poc.deal) == (50_000_000, challenge.poc_starts_on, deal)
    assert poc.milestones.count() == 3
    assert (deal.buyer, deal.seller, deal.stage) == (
        market["corp"],
        market["startup"],
        DealStage.POC,
    )
    assert list(deal.history.values_list("stage", flat=True)) == [
        "posted",
        "matched",
        "contacted",
        "poc",
    ]
    assert Poc.objects.count() == 1


def test_selection_stops_at_the_challenge_capacity(market, challenge, proposal, make_user):
    from sadari.directory.services import organization_create

    second_org = organization_create(kind="startup", name_ko="두번째스타트업")
    second_user = make_user("second")
    Membership.objects.create(user=second_user, organization=second_org, role=Role.FOUNDER)
    second = proposal_submit(
        challenge=challenge, startup=second_org, by=second_user, title="t", summary="s"
    )
    proposal_decide(proposal=proposal, by=market["corporate"], decision="select")

    with pytest.raises(PipelineError) as refused:
        proposal_decide(proposal=second, by=market["corporate"], decision="select")

    assert refused.value.code == "capacity"


def test_a_registered_selection_method_scores_and_can_refuse(client, market, challenge, proposal):
    class Panel:
        key = "test_panel"
        label = "Panel"

        def assess(self, challenge, proposals):
            return {p.pk: Assessment(p.pk, score=4.2, summary="panel of 3") for p in proposals}

        def refusal(self, challenge, proposal, decision):
            return "reviews are not complete" if decision == "select" else None

    register_selection_method(Panel())
    challenge.selection_method = "test_panel"
    challenge.save()
    client.force_login(market["corporate"])

    page = client.get(reverse("techtrade:challenge-proposals", args=[challenge.pk]))
    with pytest.raises(Exception, match="reviews are not complete"):
        proposal_decide(proposal=proposal, by=market["corporate"], decision="select")

    assert "panel of 3" in page.content.decode()
    assert selection_method("unknown").key == "manual"


def test_host_publishes_a_challenge_with_validation(client, market):
    client.force_login(market["corporate"])
    data = {
        "owner_id": market["corp"].pk, "kind": "open_call", "title_ko": "오픈콜",
        "opens_on": "2026-05-01", "closes_on": "2026-04-01", "max_selected": "2",
        "selection_method": "manual", "status": "open", "poc_fund_krw": "5천만",
    }  # fmt: skip

    bad = client.post(reverse("techtrade:challenge-create"), data)
    good = client.post(reverse("techtrade:challenge-create"), data | {"closes_on": "2026-06-01"})

    assert bad.status_code == 200
    assert "closes_on" in bad.context["form"].errors
    assert good.status_code == 302
    assert market["corp"].challenges.get(title_ko="오픈콜").poc_fund_krw == 50_000_000


@pytest.mark.parametrize(("role", "status"), [("founder", 404), ("corporate", 200), ("staff", 200)])
def test_challenge_create_role_matrix(login, market, role, status):
    assert login(role).get(reverse("techtrade:challenge-create")).status_code == status


def test_startup_withdraws_its_proposal(client, market, proposal):
    client.force_login(market["founder"])

    response = client.post(reverse("techtrade:proposal-withdraw", args=[proposal.pk]))
    client.force_login(market["corporate"])
    host_withdraw = client.post(reverse("techtrade:proposal-withdraw", args=[proposal.pk]))

    proposal.refresh_from_db()
    assert response.status_code == 302
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert host_withdraw.status_code == 404


# --- deals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*ROLES, "corporate", "founder"])
def test_deal_and_messages_role_matrix(login, market, deal, role):
    deal_message_post(deal=deal, by=market["corporate"], body="다음 주 미팅 가능하신가요?")
    client = login(role)
    party = role in ("corporate", "founder")

    detail = client.get(reverse("techtrade:deal-detail", args=[deal.pk]))
    message = client.post(reverse("techtrade:deal-message", args=[deal.pk]), {"body": "hi"})
    move = client.post(reverse("techtrade:deal-move", args=[deal.pk]), {"stage": "meeting"})
    board = client.get(reverse("techtrade:deal-board"))

    if role == "anonymous":
        assert (detail.status_code, message.status_code, move.status_code) == (302, 302, 302)
    elif party:
        assert detail.status_code == 200
        assert "다음 주 미팅 가능하신가요?" in detail.content.decode()
        assert deal.title in board.content.decode()
    else:
        assert (detail.status_code, message.status_code, move.status_code) == (404, 404, 404)
        assert "다음 주 미팅" not in board.content.decode()
    assert DealMessage.objects.filter(body="hi").count() == (1 if party else 0)


def test_board_moves_with_htmx_and_records_history(client, market, deal):
    client.force_login(market["founder"])

    response = client.post(
        reverse("techtrade:deal-move", args=[deal.pk]),
        {"stage": "contacted", "next": "board"},
        headers={"HX-Request": "true"},
    )
    dropped = client.post(
        reverse("techtrade:deal-move", args=[deal.pk]),
        {"stage": "dropped"},
        headers={"HX-Request": "true"},
    )

    deal.refresh_from_db()
    assert response.status_code == 200
    assert 'id="board"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert deal.stage == DealStage.CONTACTED  # the drop without a reason was refused
    assert 'role="alert"' in dropped.content.decode()
    assert list(deal.history.values_list("stage", flat=True)) == ["posted", "matched", "contacted"]


def test_moving_to_poc_creates_the_poc_and_dropping_needs_a_reason(market, deal):
    deal_move(deal=deal, to_stage=DealStage.POC, by=market["corporate"])

    with pytest.raises(PipelineError) as refused:
        deal_move(deal=deal, to_stage=DealStage.DROPPED, by=market["corporate"])
    assert refused.value.code == "drop_reason"
    deal_move(deal=deal, to_stage=DealStage.DROPPED, by=market["corporate"], reason="price")

    deal.refresh_from_db()
    assert Poc.objects.get(deal=deal).startup == market["startup"]
    assert (deal.stage, deal.dropped_from, deal.reached) == ("dropped", "poc", "poc")


def test_requesting_details_opens_a_deal_at_contacted(market):
    deal = Deal.objects.get(buyer=market["approved_corp"], technology=market["tech"])

    assert deal.seller == market["startup"]
    assert deal.stage == DealStage.CONTACTED


def test_deal_create_from_a_match(client, market):
    client.force_login(market["corporate"])

    response = client.post(
        reverse("techtrade:deal-create"),
        {"need": market["need"].pk, "technology": market["tech"].pk},
    )
    client.force_login(market["other_corporate"])
    stranger = client.post(
        reverse("techtrade:deal-create"),
        {"need": market["need"].pk, "technology": market["tech"].pk},
    )

    deal = Deal.objects.get(need=market["need"], technology=market["tech"])
    assert response.status_code == 302
    assert deal.stage == DealStage.MATCHED
    assert stranger.status_code == 404


# --- PoCs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "view", "edit"),
    [("anonymous", 302, 302), ("founder", 200, 302), ("corporate", 200, 302),
     ("staff", 200, 404), ("operator", 200, 404), ("other_startup", 404, 404)],
)  # fmt: skip
def test_poc_role_matrix(login, market, deal, role, view, edit):
    deal_move(deal=deal, to_stage=DealStage.POC, by=market["corporate"])
    poc = Poc.objects.get(deal=deal)
    client = login(role)

    page = client.get(reverse("techtrade:poc-detail", args=[poc.pk]))
    milestone = client.post(
        reverse("techtrade:poc-milestone-add", args=[poc.pk]), {"title": "현장 테스트"}
    )
    toggle = client.post(reverse("techtrade:milestone-toggle", args=[poc.milestones.first().pk]))

    assert page.status_code == view
    assert milestone.status_code == edit
    assert toggle.status_code == edit
    assert poc.milestones.filter(title="현장 테스트").exists() == (
        edit == 302 and role != "anonymous"
    )


def test_parties_update_the_poc(client, market, deal):
    deal_move(deal=deal, to_stage=DealStage.POC, by=market["corporate"])
    poc = Poc.objects.get(deal=deal)
    client.force_login(market["founder"])

    bad = client.post(
        reverse("techtrade:poc-detail", args=[poc.pk]),
        {
            "title": poc.title,
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "status": "running",
        },
    )
    good = client.post(
        reverse("techtrade:poc-detail", args=[poc.pk]),
        {"title": poc.title, "funds_krw": "3천만원", "starts_on": "2026-05-01",
         "ends_on": "2026-08-01", "status": "succeeded", "result": "검사 시간 80% 단축"},
    )  # fmt: skip
    listing = client.get(reverse("techtrade:poc-list"))

    poc.refresh_from_db()
    assert bad.status_code == 200
    assert good.status_code == 302
    assert (poc.status, poc.funds_krw) == ("succeeded", 30_000_000)
    assert poc.title in listing.content.decode()


# --- funnel ----------------------------------------------------------------------------------


def _history(deal, *stages_days):
    """Rewrites a deal's history: (stage, day offset) pairs from 2026-01-01."""
    base = timezone.make_aware(timezone.datetime(2026, 1, 1, 9, 0))
    DealStageChange.objects.filter(deal=deal).delete()
    for stage, day in stages_days:
        DealStageChange.objects.create(deal=deal, stage=stage, at=base + timedelta(days=day))


def test_funnel_counts_conversion_and_median_days(market, deal):
    second = deal_open(buyer=market["other_corp"], seller=market["startup"],
                       technology=market["tech"], by=market["other_corporate"])  # fmt: skip
    deal_move(deal=deal, to_stage=DealStage.MEETING, by=market["corporate"])
    deal_move(deal=second, to_stage=DealStage.DROPPED, by=market["other_corporate"], reason="price")
    _history(deal, ("posted", 0), ("matched", 2), ("meeting", 12))
    _history(second, ("posted", 0), ("matched", 4), ("dropped", 5))
    deals = Deal.objects.filter(pk__in=[deal.pk, second.pk])

    stats = funnel_stats(deals)

    rows = {r.stage: r for r in stats.rows}
    assert [rows[s].reached for s in ("posted", "matched", "contacted", "meeting", "nda")] == [
        2,
        2,
        1,
        1,
        0,
    ]
    assert rows["matched"].conversion == 0.5
    assert rows["meeting"].conversion == 0.0
    assert rows["posted"].median_days == 3.0  # 2 and 4 days
    assert rows["matched"].median_days == 5.5  # 10 days (to meeting) and 1 day (to dropped)
    assert rows["matched"].dropped_here == 1
    assert (stats.total, stats.open, stats.dropped, stats.contracts) == (2, 1, 1, 0)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("founder", 404), ("other_startup", 404), ("corporate", 200),
     ("staff", 200), ("operator", 200)],
)  # fmt: skip
def test_funnel_role_matrix(login, market, deal, role, status):
    client = login(role)

    responses = [
        client.get(reverse("techtrade:funnel")),
        client.get(reverse("techtrade:funnel-csv")),
        client.get(reverse("techtrade:funnel-xlsx")),
    ]

    assert [r.status_code for r in responses] == [status] * 3


def test_scopes_corporate_institution_city(login, market, deal):
    corporate = login("corporate").get(
        reverse("techtrade:funnel"), {"scope": f"corporate:{market['other_corp'].pk}"}
    )
    staff = login("staff").get(reverse("techtrade:funnel"))
    operator = login("operator").get(
        reverse("techtrade:funnel"), {"scope": f"corporate:{market['corp'].pk}"}
    )
    city = login("operator").get(reverse("techtrade:funnel"), {"scope": "city"})
    bad = login("operator").get(reverse("techtrade:funnel"), {"scope": "nonsense"})

    assert corporate.status_code == 404  # not their corporate
    assert staff.context["scope"].organization == market["hub"]  # the startup is based there
    assert staff.context["stats"].total == Deal.objects.count()
    assert operator.context["stats"].total == Deal.objects.filter(buyer=market["corp"]).count()
    assert city.context["stats"].total == Deal.objects.count()
    assert bad.status_code == 404
    assert deals_in(Scope("corporate", market["other_corp"])).count() == 0


def test_exports_hold_no_confidential_details(login, market, deal):
    deal_message_post(deal=deal, by=market["corporate"], body="비밀 메시지 내용")
    client = login("operator")

    csv_text = client.get(reverse("techtrade:funnel-csv"), {"scope": "city"}).content.decode(
        "utf-8-sig"
    )
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("techtrade:funnel-xlsx"), {"scope": "city"}).content)
    )
    cells = " ".join(
        str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
    )

    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[1][0] in ("거래 단계", "Deal stage")
    assert len(book.worksheets) == 2
    assert deal.title in csv_text
    assert deal.title in cells
    for text in (csv_text, cells):
        assert NEED_SECRET not in text
        assert TECH_SECRET not in text
        assert "비밀 메시지 내용" not in text


def test_funnel_page_for_an_empty_scope(login, market):
    response = login("corporate").get(reverse("techtrade:funnel"))

    assert response.status_code == 200
    assert response.context["stats"].total == Deal.objects.filter(buyer=market["corp"]).count()


def test_poc_list_role_matrix(login, market):
    assert login("anonymous").get(reverse("techtrade:poc-list")).status_code == 302
    assert login("operator").get(reverse("techtrade:poc-list")).status_code == 200
    assert login("founder").get(reverse("techtrade:poc-list")).status_code == 200


def test_dates_are_korean(login, market, challenge):
    page = login("anonymous").get(reverse("techtrade:challenge-detail", args=[challenge.pk]))

    text = page.content.decode()
    d = challenge.closes_on
    assert f"{d.year}년 {d.month}월 {d.day}일" in text
    assert "5,000만원" in text


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "role"),
    [
        ("techtrade:need-list", "anonymous"),
        ("techtrade:technology-list", "anonymous"),
        ("techtrade:challenge-list", "anonymous"),
        ("techtrade:deal-board", "corporate"),
        ("techtrade:request-list", "founder"),
        ("techtrade:poc-list", "operator"),
        ("techtrade:home", "corporate"),
    ],
)
def test_list_pages_query_count_does_not_grow(login, market, url_name, role):
    from sadari.techtrade.services import need_create, technology_create

    def add(n):
        today = timezone.localdate()
        for i in range(n):
            need = need_create(owner=market["corp"], title_ko=f"수요 {i}", fields=["ai"])
            tech = technology_create(owner=market["startup"], title_en=f"Tech {i}", fields=["ai"])
            challenge_create(host=market["corp"], title_ko=f"챌린지 {i}", opens_on=today,
                             closes_on=today + timedelta(days=3))  # fmt: skip
            deal = deal_open(buyer=market["corp"], seller=market["startup"], need=need,
                             technology=tech, by=market["corporate"])  # fmt: skip
            deal_move(deal=deal, to_stage=DealStage.POC, by=market["corporate"])

    client = login(role)
    url = reverse(url_name)
    add(1)
    one = _queries(client, url)
    add(2)
    three = _queries(client, url)

    assert three == one
