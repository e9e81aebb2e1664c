import re

import pytest
from django.core import mail
from django.urls import reverse

from sadari.accounts.enums import Role
from sadari.accounts.models import ApiToken, hash_token
from sadari.accounts.rules import is_city_operator, is_institution_staff, is_member_of

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, make_user):
    make_user("founder1", role=Role.FOUNDER)

    response = client.post(
        reverse("accounts:login"), {"username": "founder1", "password": "pw-Sadari-2026!"}
    )

    assert response.status_code == 302
    assert client.get(reverse("accounts:me")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:me")).status_code == 302


def test_login_with_wrong_password_shows_error(client, make_user):
    make_user("founder1", role=Role.FOUNDER)

    response = client.post(reverse("accounts:login"), {"username": "founder1", "password": "x"})

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


def test_password_reset_sends_a_working_link(client, make_user):
    make_user("founder1", role=Role.FOUNDER, email="f1@example.kr")

    client.post(reverse("accounts:password-reset"), {"email": "f1@example.kr"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "New-Sadari-2026!", "new_password2": "New-Sadari-2026!"},
    )
    assert response.status_code == 302
    assert client.login(username="founder1", password="New-Sadari-2026!")


def test_role_predicates(make_user):
    staff = make_user("staff1", role=Role.INSTITUTION_STAFF)
    operator = make_user("op1", role=Role.CITY_OPERATOR)
    founder = make_user("f1", role=Role.FOUNDER)
    org = founder.memberships.get().organization

    assert is_institution_staff(staff)
    assert not is_institution_staff(founder)
    assert is_city_operator(operator)
    assert not is_city_operator(staff)
    assert is_member_of(founder, org)
    assert not is_member_of(staff, org)


def test_api_token_stores_only_a_hash(make_user):
    user = make_user("dev1")

    token, raw = ApiToken.issue(user=user, name="ci")

    assert raw.startswith("sdr_")
    assert raw not in token.token_hash
    assert token.token_hash == hash_token(raw)


def test_login_is_rate_limited_per_username(client, make_user, settings):
    make_user("founder1", role=Role.FOUNDER)
    url = reverse("accounts:login")

    statuses = [
        client.post(url, {"username": "founder1", "password": "wrong"}).status_code
        for _ in range(11)
    ]
    blocked = client.post(url, {"username": "founder1", "password": "pw-Sadari-2026!"})

    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert blocked.status_code == 429
    assert "errorlist" in blocked.content.decode()
    assert client.get(reverse("accounts:me")).status_code == 302


def test_signup_opens_an_account_and_returns_to_the_page(client, db):
    from sadari.accounts.models import User

    page = client.get("/accounts/signup/?next=/pitching/")
    assert page.status_code == 200
    form = {"username": "newfounder", "display_name": "새창업", "email": "new@example.org",
            "password1": "Sadari-pw-2026!x", "password2": "Sadari-pw-2026!x", "next": "/pitching/"}  # fmt: skip
    response = client.post("/accounts/signup/", form)
    assert response.status_code == 302
    assert response["Location"] == "/pitching/"
    user = User.objects.get(username="newfounder")
    assert user.display_name == "새창업"
    assert not user.memberships.exists()
    client.logout()
    form["username"] = "other"
    again = client.post("/accounts/signup/", form)  # same e-mail
    assert again.status_code == 200
    assert not User.objects.filter(username="other").exists()
    form.update(username="third", email="third@example.org", next="https://evil.example/")
    assert client.post("/accounts/signup/", form)["Location"] == "/accounts/me/"
