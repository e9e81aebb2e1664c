"""The deal pipeline: a deal between a buyer (need owner or challenge host) and a seller
(technology owner or proposer), its stage history, and the messages between the parties."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.common.models import TimeStamped
from sadari.techtrade.enums import DealStage, DropReason


class Deal(TimeStamped):
    """거래 (deal): a corporate and a technology holder moving through posted → matched →
    contacted → meeting → NDA → PoC → contract, or dropped with a reason."""

    buyer = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("corporate"),
        on_delete=models.CASCADE,
        related_name="deals_as_buyer",
    )
    seller = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("technology holder"),
        on_delete=models.CASCADE,
        related_name="deals_as_seller",
    )
    need = models.ForeignKey(
        "techtrade.TechNeed", null=True, blank=True, on_delete=models.SET_NULL, related_name="deals"
    )
    technology = models.ForeignKey(
        "techtrade.Technology",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    challenge = models.ForeignKey(
        "techtrade.Challenge",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
    stage = models.CharField(
        _("stage"), max_length=16, choices=DealStage.choices, default=DealStage.POSTED
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"))
    reached = models.CharField(
        _("furthest stage reached"),
        max_length=16,
        choices=DealStage.choices,
        default=DealStage.POSTED,
        help_text=_("The funnel counts a deal in every stage up to this one."),
    )
    dropped_from = models.CharField(
        _("dropped at stage"), max_length=16, choices=DealStage.choices, blank=True
    )
    drop_reason = models.CharField(
        _("reason"), max_length=16, choices=DropReason.choices, blank=True
    )
    drop_note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-stage_changed_at", "-id"]
        indexes = [
            models.Index(fields=["buyer", "stage"]),
            models.Index(fields=["seller", "stage"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.stage not in (DealStage.DROPPED, DealStage.CONTRACT)

    def get_absolute_url(self) -> str:
        return reverse("techtrade:deal-detail", args=[self.pk])


class DealStageChange(models.Model):
    """One stage a deal entered, when, and who moved it (the stage history)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="history")
    stage = models.CharField(_("stage"), max_length=16, choices=DealStage.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["deal_id", "at", "id"]
        indexes = [models.Index(fields=["stage", "at"])]

    def __str__(self) -> str:
        return f"{self.deal_id} → {self.stage}"


class DealMessage(models.Model):
    """A message between the two parties of a deal (nobody else reads it)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["deal_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.body[:30]}"
