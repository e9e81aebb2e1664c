import pytest


@pytest.fixture(autouse=True)
def _english(request, settings):
    """Pages and messages in English, so that assertions read the msgids (Korean is tested by
    tests/test_i18n.py); ``client.logout()`` drops the cookie, back to Korean."""
    from django.utils import translation

    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
