"""The investment API: public rounds, investors (thesis), statistics; recommendations for the
organization's members; data rooms and downloads for the entitled only (role matrix)."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from sadari.accounts.models import ApiToken
from sadari.common.models import AuditEvent
from sadari.investment.services import (
    dataroom_for_startup,
    document_upload,
    grant_create,
    investor_profile_save,
)
from sadari.investment.watermark import simple_pdf

pytestmark = pytest.mark.django_db
API = "/api/v1/investment"


def _auth(user):
    if user is None:
        return {}
    _token, raw = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_rounds_list_and_detail(client, inv):
    listed = client.get(f"{API}/rounds?round_type=series_a&limit=2").json()
    second = client.get(f"{API}/rounds?round_type=series_a&cursor={listed['next_cursor']}").json()
    detail = client.get(f"{API}/rounds/{inv.rounds[0].pk}").json()

    assert len(listed["items"]) == 2
    assert len(second["items"]) == 1
    assert detail["company"]["id"] == inv.peers[0].pk
    assert detail["amount_krw"] == 3_000_000_000
    assert [(i["investor"]["id"], i["is_lead"]) for i in detail["investors"]] == [
        (inv.vc.pk, True),
        (inv.vc_other.pk, False),
    ]
    assert client.get(f"{API}/rounds/999999").json()["code"] == "not_found"


@pytest.mark.parametrize("query", ["?year=abc", "?investor=-1", "?q=" + "x" * 300])
def test_rounds_list_rejects_bad_parameters_with_422(client, inv, query):
    response = client.get(f"{API}/rounds{query}")

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_investors_carry_their_public_thesis(client, inv):
    investor_profile_save(
        organization=inv.vc, by=inv.investor, investor_type="vc", thesis_stages=["seed"],
        thesis_industries=["drone"], ticket_max_krw=1_000_000_000,
    )  # fmt: skip

    listed = client.get(f"{API}/investors?stage=seed").json()
    detail = client.get(f"{API}/investors/{inv.vc.pk}").json()

    assert [i["id"] for i in listed["items"]] == [inv.vc.pk]
    assert listed["items"][0]["thesis"]["industries"] == ["drone"]
    assert detail["deal_count"] == 3
    assert {p["company"]["id"] for p in detail["portfolio"]} == {p.pk for p in inv.peers}
    assert client.get(f"{API}/investors/{inv.startup.pk}").status_code == 404


def test_stats_by_stage(client, inv):
    body = client.get(f"{API}/stats?by=stage").json()

    assert body["rounds"] == 4
    assert {r["key"]: r["rounds"] for r in body["rows"]} == {"seed": 1, "series_a": 3}
    assert client.get(f"{API}/stats?by=nope").status_code == 422


@pytest.mark.parametrize(
    ("_case", "who", "recs", "flow"),
    [("anonymous", None, 404, 404), ("founder", "founder", 200, 404),
     ("investor", "investor", 404, 200), ("operator", "operator", 404, 404)],
)  # fmt: skip
def test_recommendations_role_matrix(client, inv, _case, who, recs, flow):
    headers = _auth(inv[who] if who else None)

    r = client.get(f"{API}/organizations/{inv.startup.pk}/recommended-investors?k=3", **headers)
    f = client.get(f"{API}/investors/{inv.vc.pk}/deal-flow?k=3", **headers)

    assert (r.status_code, f.status_code) == (recs, flow)
    if recs == 200:
        assert r.json()[0]["summary_ko"]
        assert r.json()[0]["reasons"]


@pytest.fixture
def room(inv):
    room = dataroom_for_startup(startup=inv.startup, by=inv.founder)
    room.deck = document_upload(room=room, by=inv.founder, title="IR", filename="ir.pdf",
                                data=simple_pdf("IR", ["API-DECK"]))  # fmt: skip
    grant_create(
        room=room,
        investor=inv.vc,
        expires_on=timezone.localdate() + timedelta(days=5),
        by=inv.founder,
    )
    expired = grant_create(
        room=room,
        investor=inv.vc_expired,
        expires_on=timezone.localdate() + timedelta(days=1),
        by=inv.founder,
    )
    type(expired).objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    return room


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 404),
        ("other founder", "other_founder", 404),
        ("investor without grant", "investor_no_grant", 404),
        ("investor with expired grant", "investor_expired", 404),
        ("investor with grant", "investor", 200),
        ("institution staff", "staff", 404),
        ("city operator", "operator", 404),
        ("the founder", "founder", 200),
    ],
)
def test_dataroom_api_role_matrix(client, inv, room, _case, who, status):
    headers = _auth(inv[who] if who else None)

    listed = client.get(f"{API}/datarooms", **headers).json()
    detail = client.get(f"{API}/datarooms/{room.pk}", **headers)
    download = client.get(f"{API}/documents/{room.deck.pk}/download", **headers)

    assert [r["id"] for r in listed] == ([room.pk] if status == 200 else [])
    assert (detail.status_code, download.status_code) == (status, status)
    if status == 200:
        assert [d["title"] for d in detail.json()["documents"]] == ["IR"]
        text = PdfReader(io.BytesIO(download.content)).pages[0].extract_text()
        assert "API-DECK" in text
        assert inv[who].username in text
        event = AuditEvent.objects.filter(action="investment.document.download").latest("id")
        assert (event.actor, event.detail["via"]) == (inv[who], "api")


# --- recording rounds through the API ----------------------------------------------------------


def _round_body(inv, **extra):
    body = {
        "round_type": "series_a",
        "announced_on": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "amount": 1_250_000_000,
        "investors": [{"id": inv.vc.pk, "is_lead": True}, {"id": inv.vc_other.pk}],
        "note": "API",
    }
    body.update(extra)
    return body


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 401),
        ("the founder", "founder", 201),
        ("other founder", "other_founder", 404),
        ("an investor", "investor", 404),
        ("institution staff", "staff", 201),
        ("city operator", "operator", 201),
    ],
)
def test_recording_a_round_through_the_api_role_matrix(client, inv, _case, who, status):
    from sadari.investment.models import FundingRound

    response = client.post(
        f"{API}/organizations/{inv.startup.pk}/rounds", _round_body(inv),
        content_type="application/json", **_auth(inv[who] if who else None),
    )  # fmt: skip

    assert response.status_code == status
    made = FundingRound.objects.filter(company=inv.startup, round_type="series_a")
    assert made.count() == (1 if status == 201 else 0)
    if status == 201:
        body = response.json()
        assert (body["source"], body["amount_krw"], body["note"]) == (
            "manual", 1_250_000_000, "API",
        )  # fmt: skip
        assert [(i["investor"]["id"], i["is_lead"]) for i in body["investors"]] == [
            (inv.vc.pk, True), (inv.vc_other.pk, False),
        ]  # fmt: skip


@pytest.mark.parametrize(
    ("_case", "extra", "code"),
    [
        ("future date", {"announced_on": "2999-01-01"}, "round_date"),
        ("unknown investor", {"investors": [{"id": 99999999}]}, "round_investor"),
        ("not an investor", "startup-as-investor", "round_investor"),
        ("negative amount", {"amount": -5}, "validation_error"),
        ("unknown round type", {"round_type": "series_z"}, "validation_error"),
        ("not a date", {"announced_on": "yesterday"}, "validation_error"),
    ],
)
def test_recording_a_round_refuses_bad_input_with_a_code(client, inv, _case, extra, code):
    if extra == "startup-as-investor":
        extra = {"investors": [{"id": inv.other.pk}]}

    response = client.post(
        f"{API}/organizations/{inv.startup.pk}/rounds", _round_body(inv, **extra),
        content_type="application/json", **_auth(inv.founder),
    )  # fmt: skip

    assert response.status_code == 422
    assert response.json()["code"] == code


def test_updating_and_deleting_a_round_through_the_api(client, inv):
    from sadari.investment.models import FundingRound

    headers = _auth(inv.founder)
    made = client.post(
        f"{API}/organizations/{inv.startup.pk}/rounds", _round_body(inv),
        content_type="application/json", **headers,
    ).json()  # fmt: skip
    other = _auth(inv.other_founder)

    updated = client.put(
        f"{API}/rounds/{made['id']}", _round_body(inv, amount=2_000_000_000, investors=[]),
        content_type="application/json", **headers,
    )  # fmt: skip
    foreign = client.delete(f"{API}/rounds/{made['id']}", **other)
    imported = client.delete(f"{API}/rounds/{inv.seed_round.pk}", **headers)
    deleted = client.delete(f"{API}/rounds/{made['id']}", **headers)

    assert updated.status_code == 200
    assert (updated.json()["amount_krw"], updated.json()["investors"]) == (2_000_000_000, [])
    assert foreign.status_code == 404
    assert (imported.status_code, imported.json()["code"]) == (409, "round_not_manual")
    assert deleted.status_code == 204
    assert not FundingRound.objects.filter(pk=made["id"]).exists()
    assert FundingRound.objects.filter(pk=inv.seed_round.pk).exists()
    assert AuditEvent.objects.filter(action__startswith="investment.round.").count() == 3


def test_a_logged_in_browser_needs_the_csrf_token_to_record_a_round(inv):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(inv.founder)

    response = browser.post(
        f"{API}/organizations/{inv.startup.pk}/rounds", _round_body(inv),
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code in (401, 403)
