"""Non-disclosure agreements (versioned per owner organization), their click-through
acceptances, and requests to see an item's confidential details."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.techtrade.enums import RequestStatus
from sadari.techtrade.models.base import pick


def nda_text_hash(text_ko: str, text_en: str) -> str:
    """SHA-256 of an NDA's text as shown (Korean, a blank line, English; NFC as stored)."""
    return hashlib.sha256(f"{text_ko.strip()}\n\n{text_en.strip()}".encode()).hexdigest()


class NdaTemplate(models.Model):
    """비밀유지계약서 (NDA): one version of an owner organization's NDA text. Versions are never
    edited: a change is a new version, so every acceptance points at the exact text signed."""

    owner = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="nda_templates"
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    text_ko = models.TextField(_("text (Korean)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["owner_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "version"], name="techtrade_nda_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def save(self, *args, **kwargs) -> None:
        self.sha256 = nda_text_hash(self.text_ko, self.text_en)
        super().save(*args, **kwargs)

    @property
    def text(self) -> str:
        return pick(self.text_ko, self.text_en)


class NdaAcceptance(models.Model):
    """NDA 동의 기록: an organization's click-through acceptance of one NDA version, with who
    accepted it, when, and the SHA-256 of the text they saw."""

    nda = models.ForeignKey(NdaTemplate, on_delete=models.RESTRICT, related_name="acceptances")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="nda_acceptances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)
    text_sha256 = models.CharField(_("SHA-256 of the accepted text"), max_length=64)

    class Meta:
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nda", "organization"], name="techtrade_nda_accepted_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} accepted {self.nda_id}"


class DetailRequest(models.Model):
    """상세 열람 요청: an organization asks to see a need's or a technology's confidential
    details. It carries the requester's acceptance of the owner's NDA; the owner approves or
    declines. Details are visible only while the request is approved."""

    need = models.ForeignKey(
        "techtrade.TechNeed",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="detail_requests",
    )
    technology = models.ForeignKey(
        "techtrade.Technology",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="detail_requests",
    )
    requester = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="detail_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acceptance = models.ForeignKey(
        NdaAcceptance, on_delete=models.RESTRICT, related_name="detail_requests"
    )
    message = models.TextField(_("message to the owner"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False, technology__isnull=True)
                | Q(need__isnull=True, technology__isnull=False),
                name="techtrade_request_one_item",
            ),
            models.UniqueConstraint(
                fields=["need", "requester"],
                condition=Q(need__isnull=False),
                name="techtrade_request_need_once",
            ),
            models.UniqueConstraint(
                fields=["technology", "requester"],
                condition=Q(technology__isnull=False),
                name="techtrade_request_technology_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.item} ({self.status})"

    @property
    def item(self):
        return self.need if self.need_id else self.technology

    @property
    def owner_id(self) -> int:
        return self.item.owner_id
