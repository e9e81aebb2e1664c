"""Intro requests: direct and through the startup's institution, double opt-in (contacts only
after the investor accepts), declines with a reason, the weekly limit, notifications in the
app and by e-mail, and who may see or act on a request."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sadari.investment.enums import ErrorCode, IntroStatus
from sadari.investment.models import IntroRequest, Notification
from sadari.investment.services import (
    intro_request_create,
    intro_request_decide,
    intro_request_forward,
    investor_profile_save,
)
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db


def _ask(inv, investor=None, introducer=None, message="시드 투자를 준비하고 있습니다."):
    return intro_request_create(
        startup=inv.startup, investor=investor or inv.vc, by=inv.founder, message=message,
        introducer=introducer,
    )  # fmt: skip


def test_direct_request_reaches_the_investor_and_shares_contacts_only_after_accept(
    client, inv, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intro = _ask(inv)
    login(client, inv.investor)
    before = client.get(intro.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("investment:intro-decide", args=[intro.pk]), {"decision": "accept"}
        )
    after = client.get(intro.get_absolute_url()).content.decode()

    intro.refresh_from_db()
    assert response.status_code == 302
    assert intro.status == IntroStatus.ACCEPTED
    assert "founder@example.com" not in before
    assert "founder@example.com" in after
    assert "investor@example.com" in after
    assert [m.to for m in mailoutbox] == [["investor@example.com"], ["founder@example.com"]]
    assert Notification.objects.filter(user=inv.investor, kind="intro_requested").count() == 1
    assert Notification.objects.filter(user=inv.founder, kind="intro_accepted").count() == 1


def test_request_through_the_institution_waits_for_its_staff(client, inv):
    intro = _ask(inv, introducer=inv.hub)
    login(client, inv.investor)
    hidden = client.get(intro.get_absolute_url())
    login(client, inv.staff)

    client.post(reverse("investment:intro-forward", args=[intro.pk]),
                {"decision": "forward", "note": "유망한 팀입니다."})  # fmt: skip
    login(client, inv.investor)
    visible = client.get(intro.get_absolute_url())

    intro.refresh_from_db()
    assert hidden.status_code == 404
    assert intro.status == IntroStatus.AT_INVESTOR
    assert intro.forwarded_by == inv.staff
    assert visible.status_code == 200
    assert "유망한 팀입니다." in visible.content.decode()
    assert Notification.objects.filter(user=inv.staff, kind="intro_requested").exists()
    assert Notification.objects.filter(user=inv.investor, kind="intro_forwarded").exists()


def test_institution_declines_to_forward(inv):
    intro = _ask(inv, introducer=inv.hub)

    intro_request_forward(intro=intro, by=inv.staff, forward=False, note="IR 자료 보완 후 다시")

    intro.refresh_from_db()
    assert intro.status == IntroStatus.NOT_FORWARDED
    assert Notification.objects.filter(user=inv.founder, kind="intro_not_forwarded").count() == 1


def test_introducer_must_be_the_startups_host(inv):
    with pytest.raises(ValidationError) as error:
        _ask(inv, introducer=inv.vc_other)

    assert error.value.code == ErrorCode.INTRO_INTRODUCER


def test_investor_declines_with_a_reason(client, inv):
    intro = _ask(inv)
    login(client, inv.investor)

    missing = client.post(
        reverse("investment:intro-decide", args=[intro.pk]), {"decision": "decline"}
    )
    intro.refresh_from_db()
    status_after_missing = intro.status
    client.post(reverse("investment:intro-decide", args=[intro.pk]),
                {"decision": "decline", "reason": "too_early", "note": "매출 발생 후 연락 주세요"})  # fmt: skip

    intro.refresh_from_db()
    assert missing.status_code == 302
    assert status_after_missing == IntroStatus.AT_INVESTOR
    assert intro.status == IntroStatus.DECLINED
    assert intro.decline_reason == "too_early"
    assert intro.founder_contact == {}
    assert intro.investor_contact == {}
    founder_view = login(client, inv.founder).get(intro.get_absolute_url()).content.decode()
    assert "매출 발생 후 연락 주세요" in founder_view
    assert "investor@example.com" not in founder_view


def test_deciding_twice_is_refused(inv):
    intro = _ask(inv)
    intro_request_decide(intro=intro, by=inv.investor, accept=True)

    with pytest.raises(ValidationError) as error:
        intro_request_decide(intro=intro, by=inv.investor, accept=False, reason="other")

    assert error.value.code == ErrorCode.INTRO_STATE


def test_second_open_request_to_the_same_investor_is_refused(inv):
    _ask(inv)

    with pytest.raises(ValidationError) as error:
        _ask(inv)

    assert error.value.code == ErrorCode.INTRO_DUPLICATE


def test_weekly_limit_is_enforced_with_a_clear_message(client, inv, settings, make_user):
    settings.INVESTMENT_INTRO_REQUESTS_PER_WEEK = 2
    from sadari.directory.services import organization_create

    extra = [organization_create(kind="investor", name_ko=f"투자사{i}") for i in range(3)]
    first = _ask(inv, investor=extra[0])
    _ask(inv, investor=extra[1])
    login(client, inv.founder)

    response = client.post(
        reverse("investment:intro-create", args=[extra[2].pk]),
        {"startup_id": inv.startup.pk, "route": "direct", "message": "안녕하세요", "consent": "on"},
    )
    IntroRequest.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=8))
    later = _ask(inv, investor=extra[2])

    body = response.content.decode()
    assert response.status_code == 200
    assert IntroRequest.objects.filter(investor=extra[2]).count() == 1  # only the later one
    assert "7" in body
    assert "limit" in body or "한도" in body
    assert later.status == IntroStatus.AT_INVESTOR


def test_investor_not_taking_intros_is_refused(inv):
    investor_profile_save(organization=inv.vc, by=inv.investor, is_accepting_intros=False)

    with pytest.raises(ValidationError):
        _ask(inv)


def test_only_startup_members_can_ask(inv):
    with pytest.raises(ValidationError):
        intro_request_create(
            startup=inv.startup, investor=inv.vc, by=inv.other_founder, message="x"
        )


def test_request_form_creates_a_request(client, inv):
    login(client, inv.founder)
    url = reverse("investment:intro-create", args=[inv.vc.pk])

    page = client.get(url)
    response = client.post(url, {"startup_id": inv.startup.pk, "route": f"via:{inv.hub.pk}",
                                 "message": "소개 부탁드립니다", "consent": "on"})  # fmt: skip

    intro = IntroRequest.objects.get()
    assert page.status_code == 200
    assert response.status_code == 302
    assert intro.introducer == inv.hub
    assert intro.status == IntroStatus.AT_INTRODUCER


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [("anonymous", None, 302), ("investor", "investor", 404), ("staff", "staff", 404),
     ("founder", "founder", 200)],
)  # fmt: skip
def test_request_page_role_matrix(client, inv, _case, who, status):
    login(client, inv[who] if who else None)

    assert client.get(reverse("investment:intro-create", args=[inv.vc.pk])).status_code == status


@pytest.mark.parametrize(
    ("_case", "who", "view", "decide", "forward", "withdraw"),
    [
        ("anonymous", None, 302, 302, 302, 302),
        ("other founder", "other_founder", 404, 404, 404, 404),
        ("another investor", "investor_no_grant", 404, 404, 404, 404),
        ("city operator", "operator", 404, 404, 404, 404),
        ("the investor", "investor", 200, 302, 404, 404),
        ("the introducer's staff", "staff", 200, 404, 302, 404),
        ("the founder", "founder", 200, 404, 404, 302),
    ],
)
def test_intro_pages_role_matrix(client, inv, _case, who, view, decide, forward, withdraw):
    intro = _ask(inv, introducer=inv.hub)
    intro_request_forward(intro=intro, by=inv.staff, forward=True)
    login(client, inv[who] if who else None)

    statuses = (
        client.get(intro.get_absolute_url()).status_code,
        client.post(
            reverse("investment:intro-decide", args=[intro.pk]), {"decision": "accept"}
        ).status_code,
        client.post(
            reverse("investment:intro-forward", args=[intro.pk]), {"decision": "forward"}
        ).status_code,
        client.post(reverse("investment:intro-withdraw", args=[intro.pk])).status_code,
    )

    assert statuses == (view, decide, forward, withdraw)


def test_intro_list_shows_each_side(client, inv):
    _ask(inv)
    login(client, inv.investor)

    response = client.get(reverse("investment:intro-list"))

    assert response.status_code == 200
    assert len(response.context["incoming"]) == 1
    assert len(response.context["outgoing"]) == 0


def test_notifications_badge_list_and_read(client, inv):
    _ask(inv)
    login(client, inv.investor)

    badge = client.get(reverse("investment:notification-badge")).content.decode()
    page = client.get(reverse("investment:notification-list"))
    client.post(reverse("investment:notifications-read"))
    after = client.get(reverse("investment:notification-badge")).content.decode()
    anonymous = login(client, None).get(reverse("investment:notification-badge"))

    assert ">1<" in badge
    assert len(page.context["page_obj"]) == 1
    assert after.strip() == ""
    assert anonymous.status_code == 200
    assert anonymous.content.strip() == b""
    assert login(client, None).get(reverse("investment:notification-list")).status_code == 302


def test_concurrent_request_to_the_same_investor_is_a_duplicate_not_an_error(
    inv, make_user, monkeypatch
):
    """Two members of a startup ask the same investor at the same moment: the second sees the
    duplicate message, not an IntegrityError from the one-open-request constraint."""
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership
    from sadari.investment import services

    cofounder = make_user("cofounder")
    Membership.objects.create(user=cofounder, organization=inv.startup, role=Role.FOUNDER)
    real_status = services.intro_limit_status

    def racing_status(*, user):
        # The co-founder's request lands between the checks and the insert.
        if not IntroRequest.objects.filter(investor=inv.vc).exists():
            IntroRequest.objects.create(
                startup=inv.startup, investor=inv.vc, requested_by=cofounder, message="x",
                status=IntroStatus.AT_INVESTOR,
            )  # fmt: skip
        return real_status(user=user)

    monkeypatch.setattr(services, "intro_limit_status", racing_status)

    with pytest.raises(ValidationError) as error:
        _ask(inv)

    assert error.value.code == ErrorCode.INTRO_DUPLICATE
    assert not IntroRequest.objects.filter(requested_by=inv.founder).exists()


def test_accepting_a_request_without_a_requester_shares_the_startups_contact(inv):
    """The requester's account is gone (or it was seeded): the founder side of the contacts
    is the startup's own contact, not an empty line."""
    inv.startup.contact_email = "hello@haneul.example"
    inv.startup.contact_phone = "02-000-0000"
    inv.startup.save(update_fields=["contact_email", "contact_phone"])
    intro = _ask(inv)
    IntroRequest.objects.filter(pk=intro.pk).update(requested_by=None)
    intro.refresh_from_db()

    intro = intro_request_decide(intro=intro, by=inv.investor, accept=True)

    assert intro.founder_contact["email"] == "hello@haneul.example"
    assert intro.founder_contact["phone"] == "02-000-0000"
    assert intro.founder_contact["name"] == "하늘드론"
