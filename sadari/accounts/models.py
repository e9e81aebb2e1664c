"""Users, memberships with roles, and API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from sadari.accounts.enums import Role
from sadari.common.models import TimeStamped


class User(AbstractUser):
    """사용자 (user). Korean names are kept whole in ``display_name`` (family name first)."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.get_username()


class Membership(TimeStamped):
    """소속 (membership): a user's role in an organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization_id} · {self.role}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(TimeStamped):
    """An API token; only its SHA-256 hash is stored. The raw value is shown once at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        raw = "sdr_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=raw[:12], token_hash=hash_token(raw)
        )
        return token, raw
