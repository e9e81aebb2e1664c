"""Token auth: valid, invalid, revoked, malformed; session; the create_api_token command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sadari.accounts.enums import Role
from sadari.accounts.models import ApiToken, hash_token
from sadari.api.auth import SessionAuth
from sadari.api.errors import ApiError

from .conftest import API

pytestmark = pytest.mark.django_db

PRIVATE_EMAIL = "ceo@haneul.example.kr"


def test_anonymous_reads_public_data(client, startup):
    response = client.get(f"{API}/organizations/{startup.pk}")
    assert response.status_code == 200
    assert response.json()["name_ko"] == "(주)하늘드론"
    assert "contact_email" not in response.json()


def test_valid_token_authenticates_and_records_last_use(api_client, make_user, startup):
    user = make_user("own", role=Role.FOUNDER, organization=startup)
    token, raw = ApiToken.issue(user=user, name="sync")
    assert token.token_hash == hash_token(raw)
    assert raw not in token.token_hash

    response = api_client(token=raw).get(f"{API}/organizations/{startup.pk}")

    assert response.status_code == 200
    assert response.json()["contact_email"] == PRIVATE_EMAIL
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer sdr_not-a-real-token",
        "Bearer ",
        "Basic dXNlcjpwdw==",
        "Token abc",
        "Bearer " + "x" * 300,
    ],
)
def test_invalid_token_is_401_json(client, startup, header):
    response = client.get(f"{API}/organizations/{startup.pk}", headers={"Authorization": header})
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "invalid_token"
    assert body["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_401(api_client, make_user, startup):
    user = make_user("own", role=Role.FOUNDER, organization=startup)
    token, raw = ApiToken.issue(user=user, name="old")
    token.revoked_at = timezone.now()
    token.save()

    response = api_client(token=raw).get(f"{API}/organizations")

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


def test_token_of_inactive_user_is_401(api_client, make_user, startup):
    user = make_user("gone", role=Role.FOUNDER, organization=startup)
    _, raw = ApiToken.issue(user=user, name="t")
    user.is_active = False
    user.save()
    assert api_client(token=raw).get(f"{API}/organizations").status_code == 401


def test_bad_token_does_not_fall_back_to_the_session(client, make_user, startup):
    client.force_login(make_user("own", role=Role.FOUNDER, organization=startup))
    response = client.get(
        f"{API}/organizations/{startup.pk}", headers={"Authorization": "Bearer nope"}
    )
    assert response.status_code == 401


def test_session_auth_sees_private_fields(client, make_user, startup):
    client.force_login(make_user("own", role=Role.FOUNDER, organization=startup))
    response = client.get(f"{API}/organizations/{startup.pk}")
    assert response.status_code == 200
    assert response.json()["contact_email"] == PRIVATE_EMAIL


def test_create_api_token_command_prints_raw_token_once(make_user):
    user = make_user("alice")
    out, err = io.StringIO(), io.StringIO()

    call_command("create_api_token", "alice", "--name", "open data", stdout=out, stderr=err)

    raw = out.getvalue().strip()
    assert raw.startswith("sdr_")
    token = ApiToken.objects.get(user=user)
    assert token.name == "open data"
    assert token.token_hash == hash_token(raw)
    assert raw not in err.getvalue()
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_create_api_token_command_token_works(client, make_user, startup):
    make_user("own", role=Role.FOUNDER, organization=startup)
    out = io.StringIO()
    call_command("create_api_token", "own", "--name", "cli", stdout=out, stderr=io.StringIO())
    raw = out.getvalue().strip()
    response = client.get(
        f"{API}/organizations/{startup.pk}", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.json()["contact_email"] == PRIVATE_EMAIL


def test_create_api_token_command_unknown_user(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "nobody", "--name", "x", stdout=io.StringIO())


def test_session_auth_requires_csrf_for_unsafe_methods(rf, make_user):
    user = make_user("alice")
    get = rf.get("/api/v1/organizations")
    get.user = user
    assert SessionAuth()(get) is user
    post = rf.post("/api/v1/organizations")
    post.user = user
    with pytest.raises(ApiError) as excinfo:
        SessionAuth()(post)
    assert excinfo.value.code == "csrf_failed"
