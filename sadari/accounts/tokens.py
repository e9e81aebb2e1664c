"""API token lookup, shared by the API's auth and apps with endpoints of their own."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from sadari.accounts.models import ApiToken, hash_token

# last_used_at is written at most this often per token, so reads do not each cost a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200


def user_for_token(raw: str) -> Any | None:
    """The active user owning the unrevoked token ``raw``, or None. Records its last use."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return None
    try:
        token = ApiToken.objects.select_related("user").get(
            token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
