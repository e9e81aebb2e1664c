import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_korean_is_shown_even_to_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == "ko"
    assert '<html lang="ko">' in response.content.decode()


def test_the_language_switch_sets_english_and_back(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/")["Content-Language"] == "en"

    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    assert client.get("/")["Content-Language"] == "ko"


def test_unknown_language_cookie_falls_back_to_korean(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    assert client.get("/")["Content-Language"] == "ko"
