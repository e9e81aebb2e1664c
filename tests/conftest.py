"""Shared fixtures: users with each role, built through the real models and services."""

import pytest

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership, User
from sadari.directory.enums import OrgKind
from sadari.directory.services import organization_create


@pytest.fixture
def make_user(db):
    def _make(username: str, *, role: str | None = None, organization=None, **extra) -> User:
        user = User.objects.create_user(username=username, password="pw-Sadari-2026!", **extra)
        if role:
            org = organization or organization_create(
                kind=OrgKind.INSTITUTION
                if role in {Role.INSTITUTION_STAFF, Role.CITY_OPERATOR}
                else OrgKind.STARTUP,
                name_ko=f"{username} 소속기관",
            )
            Membership.objects.create(user=user, organization=org, role=role)
        return user

    return _make


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2 is slow by design; tests don't need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
