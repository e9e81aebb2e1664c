"""Webhook pages: owners manage their own subscriptions; everyone else gets 404."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from sadari.feed.enums import DeliveryState
from sadari.feed.models import WebhookDelivery, WebhookSubscription
from sadari.feed.services import webhook_subscription_create

pytestmark = pytest.mark.integration


@pytest.fixture
def owner(make_user):
    return make_user("partner-dev")


@pytest.fixture
def subscription(owner, allow_private):
    subscription, _ = webhook_subscription_create(
        owner=owner, name="파트너 연동", target_url="http://127.0.0.1:9/hook"
    )
    return subscription


def test_owner_sees_own_subscriptions_only(client, owner, subscription, make_user, allow_private):
    webhook_subscription_create(
        owner=make_user("someone-else"), name="남의 웹훅", target_url="http://127.0.0.1:9/x"
    )
    client.force_login(owner)

    page = client.get(reverse("feed:webhook-list")).content.decode()

    assert "파트너 연동" in page
    assert "남의 웹훅" not in page


def test_list_page_empty_state_is_korean(client, owner):
    client.force_login(owner)

    page = client.get(reverse("feed:webhook-list")).content.decode()

    assert "아직 웹훅이 없습니다." in page


@pytest.mark.parametrize(
    ("_case", "name", "method"),
    [
        ("detail", "feed:webhook-detail", "get"),
        ("delete", "feed:webhook-delete", "post"),
        ("test", "feed:webhook-test", "post"),
        ("enable", "feed:webhook-enable", "post"),
    ],
)
def test_other_users_get_404_and_anonymous_must_log_in(
    client, subscription, make_user, _case, name, method
):
    url = reverse(name, args=[subscription.pk])

    anonymous = getattr(client, method)(url)
    client.force_login(make_user("intruder"))
    other = getattr(client, method)(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert other.status_code == 404
    assert WebhookSubscription.objects.filter(pk=subscription.pk).exists()
    assert WebhookDelivery.objects.count() == 0


def test_anonymous_must_log_in_for_list_and_create(client):
    for name in ("feed:webhook-list", "feed:webhook-create"):
        response = client.get(reverse(name))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_create_shows_the_secret_once(client, owner, allow_private):
    client.force_login(owner)

    response = client.post(
        reverse("feed:webhook-create"),
        {"name": "CRM", "target_url": "http://127.0.0.1:9/hook", "kinds": ["organization"]},
    )
    subscription = WebhookSubscription.objects.get()
    first = client.get(response["Location"]).content.decode()
    second = client.get(response["Location"]).content.decode()

    assert response["Location"] == reverse("feed:webhook-detail", args=[subscription.pk])
    assert (subscription.owner, subscription.kinds) == (owner, ["organization"])
    assert subscription.secret in first
    assert subscription.secret not in second


def test_create_refuses_a_private_target_in_production(client, owner, settings):
    settings.SADARI_WEBHOOK_ALLOW_PRIVATE = False
    client.force_login(owner)

    response = client.post(
        reverse("feed:webhook-create"),
        {"name": "internal", "target_url": "http://169.254.169.254/latest"},
    )

    assert response.status_code == 200
    assert "unsafe_target" in response.context["form"].errors.as_json()
    assert WebhookSubscription.objects.count() == 0


def test_owner_sends_a_test_event_to_a_real_receiver(client, owner, receiver, allow_private):
    subscription, _secret = webhook_subscription_create(
        owner=owner, name="r", target_url=receiver.url
    )
    client.force_login(owner)

    response = client.post(reverse("feed:webhook-test", args=[subscription.pk]), follow=True)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.is_test, delivery.state) == (True, DeliveryState.DELIVERED)
    assert receiver.requests[0]["headers"]["X-Sadari-Event-Id"] == "test"
    assert "테스트 이벤트를 전송했습니다." in response.content.decode()


def test_owner_enables_a_disabled_subscription_and_deletes_it(client, owner, subscription):
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, consecutive_failures=10
    )
    client.force_login(owner)

    page = client.get(reverse("feed:webhook-detail", args=[subscription.pk])).content.decode()
    client.post(reverse("feed:webhook-enable", args=[subscription.pk]))
    subscription.refresh_from_db()

    assert "다시 사용" in page  # "Enable again"
    assert (subscription.is_active, subscription.consecutive_failures) == (True, 0)

    client.post(reverse("feed:webhook-delete", args=[subscription.pk]))

    assert WebhookSubscription.objects.count() == 0


def test_live_updates_include_emits_the_script_with_its_filters(db, record):
    record(entity_id=3)
    record(entity_id=4)

    html = render_to_string("feed/live_updates.html", {"kind": "organization", "entity_id": 42})

    assert 'src="/static/js/sadari-live.js"' in html
    assert 'data-stream-url="/api/v1/changes/stream"' in html
    assert 'data-kind="organization"' in html
    assert 'data-entity-id="42"' in html
    assert 'data-after="2"' in html  # starts at the head: no replay of old changes


def test_live_updates_script_is_vendored():
    from django.contrib.staticfiles import finders

    path = finders.find("js/sadari-live.js")

    assert path is not None
    assert "EventSource" in Path(path).read_text(encoding="utf-8")
