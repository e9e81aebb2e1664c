"""Reading the change feed: cursors, the visible events, the webhook pages' lists."""

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Max, QuerySet
from django.http import Http404

from sadari.feed.models import ChangeEvent, WebhookDelivery, WebhookSubscription
from sadari.feed.rules import can_view_private_changes

MAX_CURSOR = 2**63 - 1
_CURSOR_RE = re.compile(r"^[0-9]{1,19}$")
_KIND_RE = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")
MAX_KINDS = 20


class InvalidCursorError(ValueError):
    """A cursor that is not one the feed hands out (a decimal ``seq``, or empty)."""


def parse_cursor(raw: str | None) -> int:
    """The ``seq`` a cursor string stands for; missing or empty is 0 (the beginning).

    Raises InvalidCursorError for anything but a non-negative decimal integer below 2**63.
    """
    if raw is None or raw.strip() == "":
        return 0
    raw = raw.strip()
    if not _CURSOR_RE.match(raw) or int(raw) > MAX_CURSOR:
        raise InvalidCursorError(raw[:40])
    return int(raw)


def parse_kinds(raw: str | Iterable[str] | None) -> list[str]:
    """``"organization,person"`` → ``["organization", "person"]``; malformed names are dropped
    (they could match nothing), at most MAX_KINDS are kept."""
    if raw is None:
        return []
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    kinds: list[str] = []
    for part in parts:
        kind = part.strip().lower()
        if _KIND_RE.match(kind) and kind not in kinds:
            kinds.append(kind)
    return kinds[:MAX_KINDS]


def change_head() -> int:
    """The highest cursor handed out so far (0 when the feed is empty)."""
    return ChangeEvent.objects.aggregate(head=Max("seq"))["head"] or 0


def change_list_for(
    *,
    user: Any,
    after: int = 0,
    kinds: list[str] | None = None,
    entity_id: int | None = None,
    upto: int | None = None,
) -> QuerySet[ChangeEvent]:
    """Sequenced events after ``after`` (and at most ``upto``) that ``user`` may see, oldest
    first. Non-public events only for city operators, institution staff and Django staff."""
    qs = ChangeEvent.objects.filter(seq__gt=after).order_by("seq")
    if upto is not None:
        qs = qs.filter(seq__lte=upto)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if entity_id is not None:
        qs = qs.filter(entity_id=entity_id)
    if not can_view_private_changes(user):
        qs = qs.filter(is_public=True)
    return qs


def change_payload(event: ChangeEvent) -> dict[str, Any]:
    """An event as the API, the SSE stream and webhooks show it."""
    return {
        "id": event.cursor,
        "kind": event.kind,
        "entity_id": event.entity_id,
        "action": event.action,
        "fields": list(event.fields or []),
        "data": event.data or {},
        "source": event.source,
        "is_public": event.is_public,
        "created_at": event.created_at.isoformat(),
    }


def webhook_subscription_list_for(*, user: Any) -> QuerySet[WebhookSubscription]:
    """The user's own subscriptions (nobody else's, staff included: they hold secrets)."""
    if not getattr(user, "is_authenticated", False):
        return WebhookSubscription.objects.none()
    return WebhookSubscription.objects.filter(owner=user).select_related("organization")


def access_webhook_subscription(*, user: Any, subscription_id: int) -> WebhookSubscription:
    """The user's own subscription; Http404 for missing and someone else's alike."""
    subscription = webhook_subscription_list_for(user=user).filter(pk=subscription_id).first()
    if subscription is None:
        raise Http404
    return subscription


def webhook_delivery_list_for(*, subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    """A subscription's delivery log, newest first (the caller has checked access)."""
    return WebhookDelivery.objects.filter(subscription=subscription).select_related("event")
