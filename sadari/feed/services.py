"""Writing the change feed: recording events (the outbox), sequencing them in commit order,
and webhook subscriptions and deliveries."""

import json
import logging
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Max
from django.utils import timezone

from sadari.common.db import insert_values, update_rows
from sadari.feed import conf
from sadari.feed import webhooks as hooks
from sadari.feed.enums import ChangeAction, DeliveryState
from sadari.feed.models import ChangeEvent, WebhookDelivery, WebhookSubscription
from sadari.feed.rules import can_view_private_changes
from sadari.feed.selectors import change_payload

logger = logging.getLogger(__name__)

_KIND_RE = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")
# The pg_advisory_xact_lock key the one running sequencer holds.
SEQUENCER_LOCK_KEY = 0x5ADAFEED
SEQUENCE_BATCH = 1000


# --- the outbox ------------------------------------------------------------------------------


def change_record(
    *,
    kind: str,
    entity_id: int,
    action: str,
    fields: list[str] | None = None,
    data: dict | None = None,
    source: str | None = None,
    is_public: bool = True,
) -> ChangeEvent:
    """Records that entity ``kind:entity_id`` was ``action``-ed (an outbox row).

    Call it inside the transaction that makes the change (``transaction.atomic()``), after the
    change: the event is committed with it or rolled back with it. The returned event has no
    cursor yet (``seq`` is None): it gets one right after commit (``change_sequence``, run by
    ``transaction.on_commit``), which also queues the webhook deliveries. ``data`` holds the
    new public values (JSON; dates and decimals are encoded as strings); set ``is_public=False``
    when even those must stay with city operators and staff.

    Raises ValueError for an unknown ``action`` or a malformed ``kind`` (lowercase,
    ``[a-z][a-z0-9_.]*``, at most 40 characters; see ChangeKind for the documented ones).
    """
    event = _event(
        kind=kind,
        entity_id=entity_id,
        action=action,
        fields=fields,
        data=data,
        source=source,
        is_public=is_public,
    )
    event.save(force_insert=True)
    _sequence_on_commit()
    return event


def change_records(changes: list[dict]) -> int:
    """``change_record`` for many changes at once (one prepared INSERT, no model instances):
    each dict holds its keyword arguments. Validates them all first; the same transaction rules
    apply. Returns how many events it recorded."""
    now = timezone.now()
    rows = []
    for change in changes:
        _check(change["kind"], change["action"])
        rows.append(
            (
                change["kind"], int(change["entity_id"]), change["action"],
                list(change.get("fields") or []), change.get("data") or {},
                change.get("source") or None, change.get("is_public", True), now,
            )
        )  # fmt: skip
    if rows:
        insert_values(
            ChangeEvent,
            ["kind", "entity_id", "action", "fields", "data", "source", "is_public", "created_at"],
            rows,
        )
        _sequence_on_commit()
    return len(rows)


def _event(
    *,
    kind: str,
    entity_id: int,
    action: str,
    fields: list[str] | None = None,
    data: dict | None = None,
    source: str | None = None,
    is_public: bool = True,
) -> ChangeEvent:
    _check(kind, action)
    return ChangeEvent(
        kind=kind,
        entity_id=int(entity_id),
        action=action,
        fields=list(fields or []),
        data=data or {},
        source=source or None,
        is_public=is_public,
    )


def _check(kind: str, action: str) -> None:
    if action not in ChangeAction.values:
        raise ValueError(f"unknown change action {action!r}")
    if not isinstance(kind, str) or not _KIND_RE.match(kind):
        raise ValueError(f"malformed change kind {kind!r}")


def _sequence_on_commit() -> None:
    """One on_commit callback per transaction, however many events it records."""
    if any(func is _sequence_after_commit for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_sequence_after_commit, robust=True)


def _sequence_after_commit() -> None:
    change_sequence()


def change_sequence(*, wait: bool = True) -> int:
    """Gives every committed event without a cursor its ``seq``, in id order, and queues its
    webhook deliveries. Returns how many events it sequenced.

    Runs in its own transaction (call it outside any other, e.g. after commit), is idempotent
    and safe to call from any number of processes: one sequencer runs at a time (PostgreSQL: a
    transaction-scoped advisory lock; SQLite: the IMMEDIATE write transaction is already the
    only writer), and it only sees committed rows, so seq order is commit order. With
    ``wait=False`` it returns 0 instead of waiting for another sequencer (PostgreSQL).
    """
    total = 0
    while ChangeEvent.objects.filter(seq__isnull=True).exists():
        with transaction.atomic():
            if connection.vendor == "postgresql" and not _sequencer_lock(wait=wait):
                return total
            # Only what sequencing and delivery read (id, kind, is_public): payloads stay unread.
            pending = [
                ChangeEvent(id=pk, kind=kind, is_public=is_public)
                for pk, kind, is_public in ChangeEvent.objects.filter(seq__isnull=True)
                .order_by("id")
                .values_list("id", "kind", "is_public")[:SEQUENCE_BATCH]
            ]
            if not pending:
                return total
            last = ChangeEvent.objects.aggregate(last=Max("seq"))["last"] or 0
            now = timezone.now()
            for offset, event in enumerate(pending, start=1):
                event.seq = last + offset
                event.sequenced_at = now
            update_rows(pending, ["seq", "sequenced_at"])
            _queue_deliveries(pending, now=now)
        total += len(pending)
        if len(pending) < SEQUENCE_BATCH:
            break
    return total


def _sequencer_lock(*, wait: bool) -> bool:
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEQUENCER_LOCK_KEY])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SEQUENCER_LOCK_KEY])
        return bool(cursor.fetchone()[0])


def _queue_deliveries(events: list[ChangeEvent], *, now: datetime) -> None:
    subscriptions = list(
        WebhookSubscription.objects.filter(is_active=True, owner__is_active=True).select_related(
            "owner"
        )
    )
    if not subscriptions:
        return
    private_ok = {s.pk: can_view_private_changes(s.owner) for s in subscriptions}
    deliveries = [
        WebhookDelivery(subscription=s, event=e, next_attempt_at=now, created_at=now)
        for e in events
        for s in subscriptions
        if s.wants(e.kind) and (e.is_public or private_ok[s.pk])
    ]
    WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)


# --- webhook subscriptions ------------------------------------------------------------------


def webhook_subscription_create(
    *,
    owner: Any,
    name: str,
    target_url: str,
    kinds: list[str] | None = None,
    organization: Any = None,
) -> tuple[WebhookSubscription, str]:
    """Creates a subscription and returns it with its secret (show it once; it is not shown
    again). Raises webhooks.UnsafeTargetError for a target the SSRF guard refuses."""
    hooks.check_target_url(target_url, allow_private=conf.webhook_allow_private())
    secret = "whsec_" + secrets.token_urlsafe(32)
    subscription = WebhookSubscription.objects.create(
        owner=owner,
        organization=organization,
        name=name,
        target_url=target_url,
        secret=secret,
        kinds=list(kinds or []),
    )
    return subscription, secret


def webhook_subscription_delete(*, subscription: WebhookSubscription) -> None:
    """Deletes the subscription and its delivery log."""
    subscription.delete()


def webhook_subscription_enable(*, subscription: WebhookSubscription) -> None:
    """Re-enables a subscription and resets its failure count. Deliveries queued before it was
    disabled are retried at once; events from while it was disabled were not queued (a
    consumer catches up from its last X-Sadari-Event-Id with GET /api/v1/changes)."""
    now = timezone.now()
    with transaction.atomic():
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            is_active=True, disabled_at=None, consecutive_failures=0, updated_at=now
        )
        subscription.deliveries.filter(state=DeliveryState.PENDING).update(next_attempt_at=now)
    subscription.refresh_from_db()


def webhook_test_send(*, subscription: WebhookSubscription) -> WebhookDelivery:
    """Sends a signed test event now (one attempt, no retries, failures not counted), and
    returns its logged delivery. Blocks for at most the webhook timeout."""
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, is_test=True, next_attempt_at=None
    )
    delivery.subscription = subscription
    return webhook_attempt(delivery=delivery)


# --- webhook deliveries ---------------------------------------------------------------------


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 10 s, 1 min, 5 min, 30 min, 2 h, 2 h…"""
    return conf.WEBHOOK_BACKOFF[min(max(attempts, 1), len(conf.WEBHOOK_BACKOFF)) - 1]


def delivery_body(delivery: WebhookDelivery) -> tuple[str, bytes]:
    """The event id header value and the JSON body of a delivery."""
    if delivery.event is None:
        payload = {
            "id": "test",
            "kind": "webhook_test",
            "entity_id": delivery.subscription_id,
            "action": "test",
            "fields": [],
            "data": {"message": "This is a test event from Sadari."},
            "source": None,
            "is_public": False,
            "created_at": delivery.created_at.isoformat(),
        }
    else:
        payload = change_payload(delivery.event)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return str(payload["id"]), body.encode()


def webhook_attempt(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Makes one attempt at ``delivery`` (which the caller has claimed) and records it: success
    marks it delivered and resets the subscription's failure count; a failure schedules the
    next attempt with backoff, gives up after WEBHOOK_MAX_ATTEMPTS, and disables the
    subscription after WEBHOOK_DISABLE_AFTER failures in a row. Test deliveries are tried once
    and never count. Not transactional around the HTTP call (it must not hold a transaction)."""
    subscription = delivery.subscription
    now = timezone.now()
    try:
        hooks.check_target_url(subscription.target_url, allow_private=conf.webhook_allow_private())
    except hooks.UnsafeTargetError as exc:
        result = hooks.PostResult(None, "", f"refused: {exc}")
    else:
        event_id, body = delivery_body(delivery)
        headers = hooks.signed_headers(secret=subscription.secret, event_id=event_id, body=body)
        result = hooks.post(
            subscription.target_url,
            body,
            headers,
            timeout=conf.WEBHOOK_TIMEOUT_SECONDS,
            excerpt_chars=conf.WEBHOOK_EXCERPT_CHARS,
        )
    finished = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.status_code = result.status_code
    delivery.response_excerpt = result.excerpt
    delivery.error = result.error
    if result.is_success:
        delivery.state = DeliveryState.DELIVERED
        delivery.delivered_at = finished
        delivery.next_attempt_at = None
    elif delivery.is_test or delivery.attempts >= conf.WEBHOOK_MAX_ATTEMPTS:
        delivery.state = DeliveryState.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = finished + retry_delay(delivery.attempts)
    with transaction.atomic():
        delivery.save()
        if not delivery.is_test:
            _count_outcome(subscription, success=result.is_success, now=finished)
    return delivery


def _count_outcome(subscription: WebhookSubscription, *, success: bool, now: datetime) -> None:
    subs = WebhookSubscription.objects.filter(pk=subscription.pk)
    if success:
        subs.update(consecutive_failures=0)
        subscription.consecutive_failures = 0
        return
    subs.update(consecutive_failures=F("consecutive_failures") + 1)
    subs.filter(is_active=True, consecutive_failures__gte=conf.WEBHOOK_DISABLE_AFTER).update(
        is_active=False, disabled_at=now, updated_at=now
    )
    subscription.refresh_from_db(fields=["consecutive_failures", "is_active", "disabled_at"])
    if not subscription.is_active:
        logger.warning(
            "webhook subscription %s disabled after %s failures in a row",
            subscription.pk,
            subscription.consecutive_failures,
        )


def _claim_due(*, now: datetime, limit: int) -> list[WebhookDelivery]:
    """Claims up to ``limit`` due deliveries of active subscriptions by pushing their
    next_attempt_at past the claim window (PostgreSQL: SKIP LOCKED, so workers never share)."""
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(
            state=DeliveryState.PENDING,
            next_attempt_at__lte=now,
            subscription__is_active=True,
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        ids = list(due.values_list("id", flat=True)[:limit])
        if not ids:
            return []
        WebhookDelivery.objects.filter(id__in=ids).update(
            next_attempt_at=now + timedelta(seconds=conf.WEBHOOK_CLAIM_SECONDS)
        )
    return list(
        WebhookDelivery.objects.filter(id__in=ids)
        .select_related("subscription", "event")
        .order_by("id")
    )


def webhook_deliver_due(*, limit: int = 50) -> int:
    """Sequences new events, then attempts every due delivery (up to ``limit``). Returns the
    number of attempts made. Safe to run in several workers at once."""
    change_sequence()
    attempts = 0
    disabled: set[int] = set()
    for delivery in _claim_due(now=timezone.now(), limit=limit):
        # Disabled during this pass: the rest waits for re-enabling (which makes it due again).
        if delivery.subscription_id in disabled:
            continue
        webhook_attempt(delivery=delivery)
        attempts += 1
        if not delivery.subscription.is_active:
            disabled.add(delivery.subscription_id)
    return attempts


# --- retention ------------------------------------------------------------------------------


def feed_prune(*, event_days: int, delivery_days: int) -> tuple[int, int]:
    """Deletes finished webhook deliveries older than ``delivery_days`` and change events older
    than ``event_days`` (never an event a delivery still waits to send). Returns (events,
    deliveries) deleted. A consumer whose cursor is older than the oldest kept event re-reads
    the directory instead (docs/change-feed.md)."""
    if event_days < 1 or delivery_days < 1:
        raise ValueError("retention must be at least one day")
    now = timezone.now()
    deliveries, _ = (
        WebhookDelivery.objects.exclude(state=DeliveryState.PENDING)
        .filter(created_at__lt=now - timedelta(days=delivery_days))
        .delete()
    )
    waiting = WebhookDelivery.objects.filter(state=DeliveryState.PENDING).values("event_id")
    events = (
        ChangeEvent.objects.filter(created_at__lt=now - timedelta(days=event_days))
        .exclude(seq__isnull=True)
        .exclude(pk__in=waiting)
    )
    ids = list(events.values_list("pk", flat=True))
    deleted = 0
    for start in range(0, len(ids), 5000):
        batch = ids[start : start + 5000]
        WebhookDelivery.objects.filter(event_id__in=batch).delete()
        deleted += (
            ChangeEvent.objects.filter(pk__in=batch).delete()[1].get(ChangeEvent._meta.label, 0)
        )
    return deleted, deliveries
