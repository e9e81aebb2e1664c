"""The change feed's tables: the outbox of ChangeEvents, webhook subscriptions and their
delivery log."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.feed.enums import ChangeAction, ChangeKind, DeliveryState


class ChangeEvent(models.Model):
    """변경 이벤트 (change event): one change to one entity, written in the same transaction
    as the change itself (an outbox row).

    ``seq`` is the feed's cursor. It is *not* the primary key: ``id`` is handed out when the row
    is inserted, but rows become visible when their transaction commits, in another order, so a
    reader following ``id`` could step over a row of a transaction still open. ``seq`` is given
    after commit, by one sequencer at a time, in commit order (``services.change_sequence``):
    a reader that has seen ``seq = n`` will never later find a row with ``seq <= n``. Rows whose
    ``seq`` is still null are not served. See docs/change-feed.md.
    """

    seq = models.BigIntegerField(_("cursor"), null=True, blank=True, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    entity_id = models.BigIntegerField(_("entity id"))
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    fields = models.JSONField(_("changed fields"), default=list, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    source = models.CharField(_("source"), max_length=64, null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sequenced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["seq"]
        indexes = [
            # The sequencer's work list: committed rows without a cursor yet.
            models.Index(
                fields=["id"], condition=Q(seq__isnull=True), name="feed_change_unsequenced"
            ),
            models.Index(fields=["kind", "seq"], name="feed_change_kind_seq"),
            models.Index(fields=["kind", "entity_id", "seq"], name="feed_change_entity_seq"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq or '-'} {self.kind}:{self.entity_id} {self.action}"

    @property
    def cursor(self) -> str | None:
        return None if self.seq is None else str(self.seq)


class WebhookSubscription(TimeStamped):
    """웹훅 구독 (webhook subscription): a URL that receives signed change events.

    ``secret`` is kept in the clear because signing needs it (an HMAC cannot be computed from a
    hash); it is shown to the owner once, at creation. See docs/change-feed.md.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=100)
    target_url = models.URLField(_("target URL"), max_length=500)
    secret = models.CharField(max_length=100, editable=False)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)  # empty: every kind
    is_active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} → {self.target_url}"

    def kind_labels(self) -> list[str]:
        labels = dict(ChangeKind.choices)
        return [str(labels.get(k, k)) for k in self.kinds or []]

    def wants(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


class WebhookDelivery(models.Model):
    """웹훅 전송 기록 (webhook delivery): one event sent to one subscription, with its retries."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        ChangeEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    is_test = models.BooleanField(default=False)
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="feed_delivery_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event"],
                condition=Q(event__isnull=False),
                name="feed_delivery_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id} ← {self.event_id or 'test'} ({self.state})"

    @property
    def error_hint(self) -> str:
        """What the technical error means for the receiver's owner, in the page's language."""
        text = (self.error or "").lower()
        if not text:
            return ""
        if self.status_code and self.status_code >= 500:
            return str(_("The receiving server failed (5xx): check its logs."))
        if self.status_code and self.status_code >= 400:
            return str(
                _(
                    "The receiving server refused the delivery (4xx): check its URL and signature check."
                )
            )
        if self.status_code and 300 <= self.status_code < 400:
            return str(
                _(
                    "The receiver answered with a redirect; redirects are not followed: use the final URL."
                )
            )
        if "refused" in text:
            return str(_("Nothing accepted the connection: is the receiver running on that port?"))
        if "timed out" in text or "timeout" in text:
            return str(_("The receiver did not answer in time."))
        if "resolve" in text or "name or service" in text or "nodename" in text:
            return str(_("The receiver's host name could not be found."))
        if "ssl" in text or "certificate" in text:
            return str(_("The receiver's TLS certificate could not be verified."))
        if "private" in text or "loopback" in text or "not allowed" in text:
            return str(_("The target address is not allowed (private or local network)."))
        return str(_("The delivery failed; the technical message is below."))
