"""Bad input never makes a server error: every investment page and API endpoint, for each
role, with junk query parameters, ids and form posts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sadari.investment.services import (
    dataroom_for_startup,
    document_upload,
    grant_create,
    intro_request_create,
)
from sadari.investment.watermark import simple_pdf
from tests.investment.conftest import login

pytestmark = pytest.mark.django_db

JUNK = [
    "?page=abc", "?page=-1", "?page=99999999999999999999", "?quarter=zzz", "?by=zzz",
    "?year=zz&round_type=%00&industry=<b>&region=x&source=y", "?q=%F0%9F%92%A9" * 3,
    "?investor=abc&company=-5", "?type=zz&stage=zz&thesis=2", "?download=zz", "?q=" + "가" * 500,
]  # fmt: skip


@pytest.fixture
def world(inv):
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)
    deck = document_upload(
        room=room, by=inv.founder, title="IR", filename="d.pdf", data=simple_pdf("IR", ["x"])
    )
    grant = grant_create(
        room=room, investor=inv.vc, by=inv.founder,
        expires_on=timezone.localdate() + timedelta(days=5),
    )  # fmt: skip
    intro = intro_request_create(
        startup=inv.startup, investor=inv.vc, by=inv.founder, message="안녕하세요"
    )
    return {"room": room, "deck": deck, "grant": grant, "intro": intro}


def _urls(inv, world):
    r = inv.seed_round
    return [
        reverse("investment:home"),
        reverse("investment:round-list"),
        reverse("investment:round-detail", args=[r.pk]),
        reverse("investment:round-create", args=[inv.startup.pk]),
        reverse("investment:investor-list"),
        reverse("investment:investor-detail", args=[inv.vc.pk]),
        reverse("investment:investor-edit", args=[inv.vc.pk]),
        reverse("investment:intro-create", args=[inv.vc.pk]),
        reverse("investment:recommended-investors", args=[inv.startup.pk]),
        reverse("investment:stats"),
        reverse("investment:stats-csv"),
        reverse("investment:stats-xlsx"),
        reverse("investment:intro-list"),
        reverse("investment:intro-detail", args=[world["intro"].pk]),
        reverse("investment:notification-list"),
        reverse("investment:notification-badge"),
        reverse("investment:dataroom-list"),
        reverse("investment:dataroom-detail", args=[world["room"].pk]),
        reverse("investment:document-download", args=[world["deck"].pk]),
        "/api/v1/investment/rounds",
        f"/api/v1/investment/rounds/{r.pk}",
        "/api/v1/investment/investors",
        f"/api/v1/investment/investors/{inv.vc.pk}",
        "/api/v1/investment/stats",
        f"/api/v1/investment/organizations/{inv.startup.pk}/recommended-investors",
        f"/api/v1/investment/investors/{inv.vc.pk}/deal-flow",
        "/api/v1/investment/datarooms",
    ]


@pytest.mark.parametrize("who", [None, "founder", "investor", "staff", "operator"])
def test_every_page_with_junk_parameters_is_never_a_server_error(client, inv, world, who):
    login(client, inv[who] if who else None)
    failures = []

    for url in _urls(inv, world):
        for junk in JUNK:
            status = client.get(url + junk).status_code
            if status >= 500:
                failures.append((url + junk, status))

    assert failures == []


@pytest.mark.parametrize("who", [None, "founder", "investor", "staff", "operator"])
def test_every_form_with_junk_posts_is_never_a_server_error(client, inv, world, who):
    login(client, inv[who] if who else None)
    junk_posts = [
        {}, {"startup_id": "abc", "route": "via:zz", "message": "x" * 5000, "consent": "on"},
        {"decision": "zz", "reason": "zz", "note": "\x00"}, {"investor_id": "abc", "expires_on": "2026-13-45"},
        {"investor_id": "99999999999999999999", "expires_on": "9999-12-31"},
        {"profile-ticket_min_krw": "-1", "profile-ticket_max_krw": "1e99", "profile-fund_vintage": "x",
         "profile-thesis_stages": ["zz"]},
        {"fund-name": "", "fund-size_krw": "abc", "fund-established_on": "x"},
        {"startup": "abc"},
        {"round_type": "zz", "announced_on": "0000-00-00", "currency": "ZZZ", "amount": "1e999",
         "investor_1": "(#99999999999999999999)", "lead_1": "x", "investor_2": "%\x00_"},
        {"round_type": "seed", "announced_on": "2020-01-01", "currency": "KRW",
         "amount": "9" * 400, "investor_1": "가" * 300},
    ]  # fmt: skip
    urls = [
        reverse("investment:round-create", args=[inv.startup.pk]),
        reverse("investment:round-delete", args=[inv.seed_round.pk]),
        reverse("investment:round-disown", args=[inv.seed_round.pk]),
        reverse("investment:investor-edit", args=[inv.vc.pk]),
        reverse("investment:intro-create", args=[inv.vc.pk]),
        reverse("investment:intro-decide", args=[world["intro"].pk]),
        reverse("investment:intro-forward", args=[world["intro"].pk]),
        reverse("investment:intro-withdraw", args=[world["intro"].pk]),
        reverse("investment:dataroom-list"),
        reverse("investment:document-upload", args=[world["room"].pk]),
        reverse("investment:grant-create", args=[world["room"].pk]),
        reverse("investment:grant-revoke", args=[world["grant"].pk]),
        reverse("investment:notifications-read"),
    ]
    failures = []

    for url in urls:
        for data in junk_posts:
            status = client.post(url, data).status_code
            if status >= 500:
                failures.append((url, data, status))

    assert failures == []
