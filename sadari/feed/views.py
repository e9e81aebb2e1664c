"""Webhook pages: a user's own subscriptions, their delivery log, a test send, re-enabling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sadari.feed import conf
from sadari.feed.enums import DeliveryState
from sadari.feed.forms import WebhookSubscriptionForm
from sadari.feed.selectors import (
    access_webhook_subscription,
    webhook_delivery_list_for,
    webhook_subscription_list_for,
)
from sadari.feed.services import (
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscription_enable,
    webhook_test_send,
)

DELIVERY_LOG_SIZE = 50
_NEW_SECRET = "feed_webhook_secret_{}"  # noqa: S105 - a session key, not a secret


@login_required
def webhook_list(request: HttpRequest) -> HttpResponse:
    subscriptions = webhook_subscription_list_for(user=request.user)
    return render(request, "feed/webhook_list.html", {"subscriptions": subscriptions})


@login_required
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookSubscriptionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        subscription, secret = webhook_subscription_create(
            owner=request.user,
            name=form.cleaned_data["name"],
            target_url=form.cleaned_data["target_url"],
            kinds=form.cleaned_data["kinds"],
            organization=form.cleaned_data["organization"],
        )
        # Shown once, on the next page, then forgotten by the session.
        request.session[_NEW_SECRET.format(subscription.pk)] = secret
        return redirect("feed:webhook-detail", subscription_id=subscription.pk)
    return render(request, "feed/webhook_form.html", {"form": form})


@login_required
def webhook_detail(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = access_webhook_subscription(user=request.user, subscription_id=subscription_id)
    context = {
        "subscription": subscription,
        "deliveries": webhook_delivery_list_for(subscription=subscription)[:DELIVERY_LOG_SIZE],
        "new_secret": request.session.pop(_NEW_SECRET.format(subscription.pk), None),
        "disable_after": conf.WEBHOOK_DISABLE_AFTER,
        "delivered": DeliveryState.DELIVERED,
        "failed": DeliveryState.FAILED,
    }
    return render(request, "feed/webhook_detail.html", context)


@login_required
@require_POST
def webhook_delete(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = access_webhook_subscription(user=request.user, subscription_id=subscription_id)
    webhook_subscription_delete(subscription=subscription)
    messages.success(request, _("The webhook was deleted."))
    return redirect("feed:webhook-list")


@login_required
@require_POST
def webhook_test(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = access_webhook_subscription(user=request.user, subscription_id=subscription_id)
    delivery = webhook_test_send(subscription=subscription)
    if delivery.state == DeliveryState.DELIVERED:
        messages.success(request, _("The test event was delivered."))
    else:
        messages.error(
            request,
            _("The test event could not be delivered: %(error)s") % {"error": delivery.error},
        )
    return redirect("feed:webhook-detail", subscription_id=subscription.pk)


@login_required
@require_POST
def webhook_enable(request: HttpRequest, subscription_id: int) -> HttpResponse:
    subscription = access_webhook_subscription(user=request.user, subscription_id=subscription_id)
    webhook_subscription_enable(subscription=subscription)
    messages.success(request, _("The webhook is enabled again."))
    return redirect("feed:webhook-detail", subscription_id=subscription.pk)
