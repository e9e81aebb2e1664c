"""Webhooks: signatures, delivery to a real receiver, retries with backoff, disabling, SSRF."""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from sadari.feed import conf
from sadari.feed import webhooks as hooks
from sadari.feed.enums import DeliveryState
from sadari.feed.models import WebhookDelivery, WebhookSubscription
from sadari.feed.services import (
    retry_delay,
    webhook_attempt,
    webhook_deliver_due,
    webhook_subscription_create,
    webhook_subscription_enable,
)

pytestmark = pytest.mark.integration


def _verify_as_documented(secret: str, headers: dict, body: bytes) -> bool:
    """The receiver snippet of docs/change-feed.md, verbatim in spirit."""
    timestamp = headers["X-Sadari-Timestamp"]
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest("sha256=" + expected.hexdigest(), headers["X-Sadari-Signature"])


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    body = b'{"id":"1","kind":"organization"}'

    headers = hooks.signed_headers(
        secret="whsec_test", event_id="1", body=body, timestamp="1700000000"
    )

    digest = hmac.new(b"whsec_test", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert headers["X-Sadari-Signature"] == f"sha256={digest}"
    assert headers["X-Sadari-Event-Id"] == "1"
    assert _verify_as_documented("whsec_test", headers, body)
    assert not _verify_as_documented("other-secret", headers, body)
    assert not _verify_as_documented("whsec_test", headers, body + b" ")


def test_verify_rejects_old_timestamps():
    body = b"{}"
    now = str(int(time.time()))
    old = str(int(time.time()) - 600)

    assert hooks.verify("s", now, body, hooks.sign("s", now, body))
    assert not hooks.verify("s", old, body, hooks.sign("s", old, body))
    assert not hooks.verify("s", "not-a-number", body, hooks.sign("s", now, body))


def test_a_loopback_receiver_gets_a_signed_delivery(record, make_user, receiver, allow_private):
    owner = make_user("partner")
    subscription, secret = webhook_subscription_create(
        owner=owner, name="partner", target_url=receiver.url, kinds=["organization"]
    )
    record(kind="person", entity_id=1)  # not subscribed
    event = record(
        kind="organization", entity_id=42, fields=["name_ko"], data={"name_ko": "사다리"}
    )

    attempts = webhook_deliver_due()

    assert attempts == 1
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert _verify_as_documented(secret, request["headers"], request["body"])
    assert request["headers"]["X-Sadari-Event-Id"] == event.cursor
    assert request["headers"]["Content-Type"] == "application/json; charset=utf-8"
    payload = json.loads(request["body"])
    assert (payload["id"], payload["kind"], payload["entity_id"]) == (
        event.cursor,
        "organization",
        42,
    )
    assert payload["data"] == {"name_ko": "사다리"}
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert (delivery.state, delivery.attempts, delivery.status_code) == (
        DeliveryState.DELIVERED,
        1,
        200,
    )
    assert delivery.response_excerpt == '{"ok": true}'
    assert webhook_deliver_due() == 0  # nothing due twice


def test_private_events_reach_only_entitled_subscribers(record, make_user, receiver, allow_private):
    from sadari.accounts.enums import Role

    webhook_subscription_create(owner=make_user("partner"), name="p", target_url=receiver.url)
    webhook_subscription_create(
        owner=make_user("operator", role=Role.CITY_OPERATOR), name="o", target_url=receiver.url
    )
    record(entity_id=1, is_public=False)

    webhook_deliver_due()

    assert [d.subscription.name for d in WebhookDelivery.objects.all()] == ["o"]


def test_retry_schedule_is_exponential_and_capped():
    delays = [retry_delay(n) for n in range(1, 9)]

    assert delays == [
        timedelta(seconds=10),
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=2),
        timedelta(hours=2),
        timedelta(hours=2),
    ]


def test_failed_delivery_is_retried_with_backoff_then_delivered(
    record, make_user, receiver, allow_private
):
    subscription, _ = webhook_subscription_create(
        owner=make_user("partner"), name="p", target_url=receiver.url
    )
    record(entity_id=1)
    receiver.status = 503

    before = timezone.now()
    webhook_deliver_due()
    delivery = WebhookDelivery.objects.get()

    assert (delivery.state, delivery.attempts, delivery.status_code) == (
        DeliveryState.PENDING,
        1,
        503,
    )
    assert delivery.error == "HTTP 503"
    assert before + timedelta(seconds=10) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= timezone.now() + timedelta(seconds=10)
    assert webhook_deliver_due() == 0  # not due yet

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    receiver.status = 204
    webhook_deliver_due()
    delivery.refresh_from_db()
    subscription.refresh_from_db()

    assert (delivery.state, delivery.attempts, delivery.status_code) == (
        DeliveryState.DELIVERED,
        2,
        204,
    )
    assert subscription.consecutive_failures == 0
    assert len(receiver.requests) == 2


def test_delivery_gives_up_after_the_last_attempt(record, make_user, monkeypatch, allow_private):
    monkeypatch.setattr(hooks, "post", lambda *a, **k: hooks.PostResult(500, "", "HTTP 500"))
    webhook_subscription_create(owner=make_user("p"), name="p", target_url="http://127.0.0.1:9/")
    record(entity_id=1)
    webhook_deliver_due()
    delivery = WebhookDelivery.objects.select_related("subscription", "event").get()

    for _ in range(conf.WEBHOOK_MAX_ATTEMPTS - 1):
        delivery = webhook_attempt(delivery=delivery)

    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, conf.WEBHOOK_MAX_ATTEMPTS)
    assert delivery.next_attempt_at is None


def test_subscription_is_disabled_after_consecutive_failures_and_can_be_enabled(
    record, make_user, monkeypatch, allow_private
):
    monkeypatch.setattr(hooks, "post", lambda *a, **k: hooks.PostResult(None, "", "refused"))
    subscription, _ = webhook_subscription_create(
        owner=make_user("p"), name="p", target_url="http://127.0.0.1:9/"
    )
    for entity_id in range(1, conf.WEBHOOK_DISABLE_AFTER + 3):
        record(entity_id=entity_id)

    attempts = webhook_deliver_due()
    subscription.refresh_from_db()

    assert attempts == conf.WEBHOOK_DISABLE_AFTER  # the last two were claimed, then skipped
    assert subscription.is_active is False
    assert subscription.disabled_at is not None
    assert subscription.consecutive_failures == conf.WEBHOOK_DISABLE_AFTER
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert webhook_deliver_due() == 0  # a disabled subscription gets nothing
    record(entity_id=99)
    assert WebhookDelivery.objects.filter(event__entity_id=99).count() == 0  # nor new events

    webhook_subscription_enable(subscription=subscription)

    assert (subscription.is_active, subscription.consecutive_failures) == (True, 0)
    assert subscription.disabled_at is None
    monkeypatch.setattr(hooks, "post", lambda *a, **k: hooks.PostResult(200, "", ""))
    assert webhook_deliver_due() == conf.WEBHOOK_DISABLE_AFTER + 2
    assert WebhookDelivery.objects.filter(state=DeliveryState.DELIVERED).count() == 12


@pytest.mark.parametrize(
    ("_case", "url"),
    [
        ("loopback v4", "http://127.0.0.1:8000/hook"),
        ("localhost name", "http://localhost/hook"),
        ("loopback v6", "http://[::1]/hook"),
        ("private 10/8", "https://10.1.2.3/hook"),
        ("private 192.168", "http://192.168.0.10/hook"),
        ("link-local metadata", "http://169.254.169.254/latest/meta-data"),
        ("carrier-grade NAT", "http://100.64.0.1/"),
        ("unspecified", "http://0.0.0.0/"),
        ("v4-mapped v6", "http://[::ffff:127.0.0.1]/"),
    ],
)
def test_ssrf_guard_rejects_private_addresses(_case, url):
    with pytest.raises(hooks.UnsafeTargetError):
        hooks.check_target_url(url, allow_private=False)


@pytest.mark.parametrize(
    ("_case", "url"),
    [
        ("ftp", "ftp://example.com/"),
        ("file", "file:///etc/passwd"),
        ("no host", "http:///path"),
        ("credentials", "https://user:pw@93.184.215.14/"),
        ("bad port", "http://93.184.215.14:99999/"),
    ],
)
def test_ssrf_guard_rejects_non_http_urls_even_when_private_is_allowed(_case, url):
    with pytest.raises(hooks.UnsafeTargetError):
        hooks.check_target_url(url, allow_private=True)


def test_ssrf_guard_accepts_public_and_allowed_private_addresses():
    hooks.check_target_url("https://93.184.215.14/hook", allow_private=False)
    hooks.check_target_url("http://127.0.0.1:8000/hook", allow_private=True)


def test_subscription_to_a_private_address_is_refused_unless_allowed(db, make_user, settings):
    settings.SADARI_WEBHOOK_ALLOW_PRIVATE = False
    owner = make_user("p")

    with pytest.raises(hooks.UnsafeTargetError):
        webhook_subscription_create(owner=owner, name="p", target_url="http://127.0.0.1:8000/")

    settings.SADARI_WEBHOOK_ALLOW_PRIVATE = True
    _subscription, secret = webhook_subscription_create(
        owner=owner, name="p", target_url="http://127.0.0.1:8000/"
    )
    assert secret.startswith("whsec_")
    assert WebhookSubscription.objects.get().secret == secret


def test_delivery_to_a_target_that_became_private_is_refused(
    record, make_user, settings, receiver, allow_private
):
    webhook_subscription_create(owner=make_user("p"), name="p", target_url=receiver.url)
    record(entity_id=1)
    settings.SADARI_WEBHOOK_ALLOW_PRIVATE = False

    webhook_deliver_due()

    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == []
    assert delivery.error.startswith("refused:")
    assert delivery.state == DeliveryState.PENDING


def test_redirects_are_not_followed(record, make_user, receiver, allow_private):
    receiver.status = 302
    webhook_subscription_create(owner=make_user("p"), name="p", target_url=receiver.url)
    record(entity_id=1)

    webhook_deliver_due()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status_code, delivery.state) == (302, DeliveryState.PENDING)
    assert len(receiver.requests) == 1


def test_webhook_allow_private_defaults_to_debug(settings, monkeypatch):
    monkeypatch.delenv("SADARI_WEBHOOK_ALLOW_PRIVATE", raising=False)
    settings.SADARI_WEBHOOK_ALLOW_PRIVATE = None

    settings.DEBUG = True
    assert conf.webhook_allow_private() is True
    settings.DEBUG = False
    assert conf.webhook_allow_private() is False
    monkeypatch.setenv("SADARI_WEBHOOK_ALLOW_PRIVATE", "true")
    assert conf.webhook_allow_private() is True


def test_deliver_webhooks_command_runs_once(record, make_user, receiver, allow_private):
    from io import StringIO

    from django.core.management import call_command

    webhook_subscription_create(owner=make_user("p"), name="p", target_url=receiver.url)
    record(entity_id=1)
    out = StringIO()

    call_command("deliver_webhooks", "--once", stdout=out)

    assert out.getvalue() == "1 delivery attempt(s)\n"
    assert len(receiver.requests) == 1
