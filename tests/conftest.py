"""Shared fixtures: users with each role, built through the real models and services.

Django is imported inside fixtures so that ``pytest -p no:django tests/core`` runs the pure core
without Django.
"""

import pytest


@pytest.fixture
def make_user(db):
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership, User
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create

    def _make(username: str, *, role: str | None = None, organization=None, **extra) -> User:
        user = User.objects.create_user(username=username, password="pw-Sadari-2026!", **extra)
        if role:
            staff_roles = {Role.INSTITUTION_STAFF, Role.CITY_OPERATOR}
            org = organization or organization_create(
                kind=OrgKind.INSTITUTION if role in staff_roles else OrgKind.STARTUP,
                name_ko=f"{username} 소속기관",
            )
            Membership.objects.create(user=user, organization=org, role=role)
        return user

    return _make


@pytest.fixture(autouse=True)
def _fast_password_hasher(request):
    """PBKDF2 is slow by design; tests don't need it (skipped when running without Django)."""
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_search_statistics(request):
    """Search caches corpus statistics per process; each test has its own corpus."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        from sadari.directory.search import clear_stats_cache

        clear_stats_cache()
        cache.clear()  # rate limits and import progress live in the cache
