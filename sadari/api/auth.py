"""API authentication: ``Authorization: Bearer <token>``, else the browser's session, else
anonymous (public reads need no login).

A present but bad Authorization header is a 401 ``invalid_token``; it never falls back to the
session or to anonymous. Tokens are looked up by their SHA-256 hash (``ApiToken.token_hash``);
the raw value is never stored.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from sadari.accounts.tokens import user_for_token
from sadari.api.errors import ApiError, InvalidTokenError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer sdr_…`` (create one with ``manage.py create_api_token``)."""

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get(self.header)
        if not header:
            return None  # no token: let the session / anonymous auth decide
        scheme, _, raw = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or not raw.strip():
            raise InvalidTokenError("Expected an 'Authorization: Bearer <token>' header.")
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token)
        if user is None:
            raise InvalidTokenError
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser's Django session; without one, the caller is anonymous.

    Never fails: anonymous callers may read public data. Unsafe methods made with a logged-in
    session must pass Django's CSRF check.
    """

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None) or AnonymousUser()
        if (
            user.is_authenticated
            and request.method not in SAFE_METHODS
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise ApiError(403, "csrf_failed", "CSRF check failed.")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return self(request)


def api_auth() -> list[Any]:
    """The auth chain for every operation: token first, then session or anonymous."""
    return [ApiTokenAuth(), SessionAuth()]
