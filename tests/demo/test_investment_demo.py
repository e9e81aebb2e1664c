"""The investment demo: the 16 VCs/ACs have theses, intro requests are in every state, the
founder's data room holds a generated deck shared with the demo investor — and the demo logins
can walk the issue's flow end to end; the same seed gives the same data."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from sadari.accounts.models import User
from sadari.investment.enums import IntroStatus
from sadari.investment.models import DataRoom, IntroRequest, InvestorProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.SADARI_MATCH_ENCODER = "none"
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("seed_demo", "--startups", "150", "--apps", "techtrade,investment", stdout=out)
    return out.getvalue()


def test_investment_demo_fills_theses_intros_and_a_data_room(demo):
    assert "투자: 투자 성향 16곳" in demo
    profiles = InvestorProfile.objects.all()
    assert profiles.count() == 16
    assert all(p.is_fictional and p.thesis_stages and p.ticket_max_krw for p in profiles)
    assert {i.status for i in IntroRequest.objects.all()} == set(IntroStatus.values)
    room = DataRoom.objects.get()
    founder = User.objects.get(username="founder")
    assert room.startup == founder.memberships.get().organization
    assert sorted(room.documents.values_list("kind", flat=True)) == ["pdf", "xlsx"]
    investor_org = User.objects.get(username="investor").memberships.get().organization
    assert [g.investor for g in room.grants.all() if g.is_active] == [investor_org]


def test_demo_walk_founder_investor_founder(client, demo):
    founder = User.objects.get(username="founder")
    investor = User.objects.get(username="investor")
    startup = founder.memberships.get().organization
    firm = investor.memberships.get().organization
    room = DataRoom.objects.get()

    # The founder sees recommended investors with reasons and asks one for an intro.
    client.force_login(founder)
    recs = client.get(reverse("investment:recommended-investors", args=[startup.pk]))
    suggestions = recs.context["suggestions"]
    assert len(suggestions) >= 5
    assert all(s.summary for s in suggestions)
    target = next(
        s.organization for s in suggestions if s.organization.pk not in recs.context["open_ids"]
    )
    sent = client.post(
        reverse("investment:intro-create", args=[target.pk]),
        {
            "startup_id": startup.pk,
            "route": "direct",
            "message": "시리즈 A 준비 중입니다.",
            "consent": "on",
        },
    )
    assert sent.status_code == 302
    # The investor sees deal flow and accepts a waiting request.
    client.force_login(investor)
    page = client.get(reverse("investment:investor-detail", args=[firm.pk]))
    assert page.context["deal_flow"]
    waiting = IntroRequest.objects.filter(investor=firm, status=IntroStatus.AT_INVESTOR).first()
    client.post(reverse("investment:intro-decide", args=[waiting.pk]), {"decision": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == IntroStatus.ACCEPTED
    # … and reads the deck, watermarked with their name.
    deck = room.documents.get(kind="pdf")
    response = client.get(reverse("investment:document-download", args=[deck.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "investor" in text
    assert firm.name_ko in text
    # The founder sees who read it.
    client.force_login(founder)
    log = client.get(room.get_absolute_url()).context["log"]
    assert any(row.actor == investor and row.document == deck.title for row in log)


def test_investment_demo_is_deterministic(settings, tmp_path):
    settings.SADARI_MATCH_ENCODER = "none"
    settings.MEDIA_ROOT = tmp_path / "media"

    def snapshot():
        return (
            list(InvestorProfile.objects.order_by("organization__name_ko").values_list(
                "organization__name_ko", "thesis_stages", "ticket_max_krw")),
            list(IntroRequest.objects.order_by("id").values_list("startup__name_ko", "investor__name_ko", "status")),
        )  # fmt: skip

    call_command(
        "seed_demo", "--startups", "60", "--apps", "techtrade,investment", stdout=StringIO()
    )
    first = snapshot()
    call_command(
        "seed_demo",
        "--startups",
        "60",
        "--flush",
        "--apps",
        "techtrade,investment",
        stdout=StringIO(),
    )

    assert snapshot() == first
