"""/api/v1/techtrade: the confidentiality role matrix, lists without details, matches with
explanations, challenges and the funnel."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sadari.accounts.models import ApiToken
from sadari.common.models import AuditEvent
from sadari.techtrade.deals import challenge_create, deal_open
from tests.techtrade.conftest import NEED_SECRET, ROLES, TECH_SECRET

pytestmark = pytest.mark.django_db
API = "/api/v1/techtrade"


def _text(response) -> str:
    """The JSON body as text with Korean unescaped (the API writes \\uXXXX escapes)."""
    return json.dumps(response.json(), ensure_ascii=False)


@pytest.fixture
def api(market):
    """``api(role)``: a client with that market user's bearer token (anonymous: none)."""

    def _client(role: str) -> Client:
        if role == "anonymous":
            return Client()
        _token, raw = ApiToken.issue(user=market[role], name="test")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return _client


@pytest.mark.parametrize("role", [*ROLES, "corporate", "founder"])
@pytest.mark.parametrize("kind", ["need", "tech"])
def test_details_role_matrix(api, market, role, kind):
    path = "needs" if kind == "need" else "technologies"
    owner = "corporate" if kind == "need" else "founder"
    secret = NEED_SECRET if kind == "need" else TECH_SECRET

    response = api(role).get(f"{API}/{path}/{market[kind].pk}")

    body = response.json()
    entitled = role in ("approved", owner)
    assert response.status_code == 200
    assert body["can_view_details"] is entitled
    assert ("details_ko" in body or "details_en" in body) is entitled
    assert (secret in _text(response)) is entitled


def test_api_detail_reads_are_audited(api, market):
    api("approved").get(f"{API}/technologies/{market['tech'].pk}")

    event = AuditEvent.objects.filter(action="techtrade.technology.view_details").first()

    assert event.actor == market["approved"]
    assert event.detail["via"] == "api"


@pytest.mark.parametrize("role", [*ROLES, "corporate", "founder"])
def test_lists_matches_and_search_never_carry_details(api, market, role):
    client = api(role)

    responses = [
        client.get(f"{API}/needs"),
        client.get(f"{API}/technologies"),
        client.get(f"{API}/needs/{market['need'].pk}/matches"),
        client.get(f"{API}/technologies/{market['tech'].pk}/matches"),
        client.get(f"{API}/needs", {"q": NEED_SECRET}),
        client.get(f"{API}/technologies", {"q": "SECRETTECHMARKER"}),
        client.get("/api/v1/search", {"q": NEED_SECRET}),
        client.get("/api/v1/changes"),
    ]

    assert [r.status_code for r in responses] == [200] * 8
    for r in responses[:4]:
        assert NEED_SECRET not in _text(r)
        assert TECH_SECRET not in _text(r)
        assert "details_ko" not in _text(r)
    assert responses[4].json()["items"] == []
    assert responses[5].json()["items"] == []
    assert responses[6].json()["total"] == 0
    feed = _text(responses[7])
    assert NEED_SECRET not in feed
    assert TECH_SECRET not in feed


def test_matches_carry_explanations(api, market):
    body = api("anonymous").get(f"{API}/needs/{market['need'].pk}/matches", {"k": 5}).json()

    assert body[0]["kind"] == "technology"
    assert body[0]["id"] == market["tech"].pk
    assert body[0]["rank"] == 1
    explanation = body[0]["explanation"]
    assert explanation["shared_terms"]
    assert explanation["summary_ko"]
    assert explanation["summary_en"]
    assert {"lexical", "field", "trl"} <= set(explanation["components"])
    assert abs(sum(explanation["components"].values()) - body[0]["score"]) < 1e-3


def test_list_filters_and_pagination(api, market):
    client = api("anonymous")

    by_field = client.get(f"{API}/technologies", {"field": "climate"}).json()
    none = client.get(f"{API}/technologies", {"field": "drone"}).json()
    page = client.get(f"{API}/needs", {"limit": 1}).json()
    bad_cursor = client.get(f"{API}/needs", {"cursor": "!!"})
    bad_trl = client.get(f"{API}/needs", {"trl": 12})

    assert [t["id"] for t in by_field["items"]] == [market["tech"].pk]
    assert by_field["items"][0]["patents"] == ["10-2023-0123456", "10-1234567"]
    assert none["items"] == []
    assert len(page["items"]) == 1
    assert bad_cursor.status_code == 400
    assert bad_trl.status_code == 422


def test_missing_is_404_with_the_error_body(api, market):
    response = api("corporate").get(f"{API}/needs/999999")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_challenges_and_startup_matches(api, market):
    today = timezone.localdate()
    challenge = challenge_create(
        host=market["corp"], title_ko="배터리 진단 챌린지", summary_ko="배터리 수명 진단",
        fields=["climate"], opens_on=today, closes_on=today + timedelta(days=5),
        poc_fund_krw=30_000_000,
    )  # fmt: skip
    client = api("founder")

    listing = client.get(f"{API}/challenges").json()
    detail = client.get(f"{API}/challenges/{challenge.pk}").json()
    matches = client.get(f"{API}/organizations/{market['startup'].pk}/challenge-matches").json()
    not_a_startup = client.get(f"{API}/organizations/{market['corp'].pk}/challenge-matches")

    assert [c["id"] for c in listing["items"]] == [challenge.pk]
    assert detail["poc_fund_krw"] == 30_000_000
    assert matches[0]["id"] == challenge.pk
    assert matches[0]["kind"] == "challenge"
    assert not_a_startup.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("founder", 404), ("corporate", 200), ("staff", 200), ("operator", 200)],
)
def test_funnel_role_matrix(api, market, role, status):
    deal_open(buyer=market["corp"], seller=market["startup"], technology=market["tech"],
              by=market["corporate"])  # fmt: skip

    response = api(role).get(f"{API}/funnel")

    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["stages"][0]["stage"] == "posted"
        assert body["total"] >= 1
        assert NEED_SECRET not in _text(response)


def test_openapi_lists_the_techtrade_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert "/api/v1/techtrade/needs/{id}" in schema["paths"]
    assert "/api/v1/techtrade/funnel" in schema["paths"]
