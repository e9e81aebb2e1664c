"""Intro requests (double opt-in between a founder and an investor, optionally through the
founder's support institution) and the in-app notifications they send."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sadari.investment.enums import (
    OPEN_INTRO_STATUSES,
    DeclineReason,
    IntroStatus,
    NotificationKind,
)


class IntroRequest(models.Model):
    """투자 소개 요청 (intro request): a startup asks to be introduced to an investor —
    directly, or through its support institution (``introducer``), whose staff forward or
    decline it. Contact details are shared only when the investor accepts (the founder opted in
    by asking): ``founder_contact`` and ``investor_contact`` are filled at that moment."""

    startup = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="intro_requests_made"
    )
    investor = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        related_name="intro_requests_received",
    )
    introducer = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intro_requests_introduced",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message to the investor"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=16, choices=IntroStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    introducer_note = models.TextField(_("note of the introducer"), blank=True, max_length=2000)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason"), max_length=16, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.TextField(_("note"), blank=True, max_length=2000)
    # Filled when both sides have opted in (the investor accepted): name, e-mail, phone.
    founder_contact = models.JSONField(default=dict, blank=True)
    investor_contact = models.JSONField(default=dict, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "investor"],
                condition=Q(status__in=OPEN_INTRO_STATUSES),
                name="investment_one_open_intro",
            )
        ]

    def __str__(self) -> str:
        return f"{self.startup_id} → {self.investor_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("investment:intro-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INTRO_STATUSES

    @property
    def contacts_shared(self) -> bool:
        return self.status == IntroStatus.ACCEPTED


class Notification(models.Model):
    """알림 (notification): an in-app message to one user, with a link; read or unread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    text_ko = models.CharField(max_length=300)
    text_en = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.text_en}"

    @property
    def text(self) -> str:
        if (get_language() or "ko").startswith("en"):
            return self.text_en or self.text_ko
        return self.text_ko or self.text_en
