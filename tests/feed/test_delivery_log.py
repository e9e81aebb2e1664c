"""Delivery logs: old change events and finished deliveries are pruned (waiting ones are kept);
failed deliveries are explained in plain words."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sadari.feed.enums import DeliveryState
from sadari.feed.models import ChangeEvent, WebhookDelivery
from sadari.feed.services import feed_prune, webhook_subscription_create

pytestmark = pytest.mark.integration


def _age(obj, days):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_prune_deletes_old_events_and_logs_but_keeps_what_waits(record, make_user, allow_private):
    subscription, _secret = webhook_subscription_create(
        owner=make_user("partner"), name="p", target_url="http://127.0.0.1:9/sadari"
    )
    old, waiting, recent = record(entity_id=1), record(entity_id=2), record(entity_id=3)
    for event in (old, waiting):
        _age(event, 400)
    WebhookDelivery.objects.filter(event=old).update(state=DeliveryState.DELIVERED)
    for delivery in WebhookDelivery.objects.filter(event=old):
        _age(delivery, 400)
    # waiting's delivery is still pending: neither it nor its event may go.

    events, deliveries = feed_prune(event_days=365, delivery_days=30)

    assert (events, deliveries) == (1, 1)
    assert set(ChangeEvent.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
    assert WebhookDelivery.objects.filter(event=waiting, subscription=subscription).exists()


def test_prune_command_reports_and_refuses_a_zero_retention(record):
    _age(record(entity_id=1), 400)

    call_command("prune_feed", "--event-days", "365")
    assert ChangeEvent.objects.count() == 0
    with pytest.raises(CommandError, match="at least one day"):
        call_command("prune_feed", "--event-days", "0")


@pytest.mark.parametrize(
    ("status", "error", "hint"),
    [
        (None, "URLError: [Errno 111] Connection refused", "Nothing accepted the connection"),
        (None, "URLError: timed out", "did not answer in time"),
        (None, "the host name does not resolve", "host name could not be found"),
        (503, "HTTP 503", "failed (5xx)"),
        (401, "HTTP 401", "refused the delivery (4xx)"),
        (302, "HTTP 302", "redirects are not followed"),
        (None, "", ""),
    ],
)
def test_delivery_errors_are_explained_in_plain_words(status, error, hint):
    from django.utils import translation

    with translation.override("en"):
        explained = WebhookDelivery(status_code=status, error=error).error_hint
    assert hint in explained if hint else explained == ""
