"""Data rooms: a startup's IR documents, the investors it granted access to (with an expiry),
and the files themselves (outside static files, served only through an access check)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.common.models import TimeStamped
from sadari.investment.enums import DocumentKind


def document_path(instance: "DataRoomDocument", filename: str) -> str:
    """``datarooms/<room>/<random>.<ext>``: the stored name says nothing about the document."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"datarooms/{instance.room_id}/{uuid.uuid4().hex}{suffix}"


class DataRoom(TimeStamped):
    """데이터룸 (data room): where a startup keeps the documents it shows investors. Seen by
    the startup's members and by members of investor organizations holding an active grant."""

    startup = models.OneToOneField(
        "directory.Organization", on_delete=models.CASCADE, related_name="data_room"
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_fictional = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("data room")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("investment:dataroom-detail", args=[self.pk])


class DataRoomDocument(models.Model):
    """An IR document (PDF or XLSX; the type is sniffed from the content)."""

    room = models.ForeignKey(DataRoom, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    kind = models.CharField(max_length=8, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["room_id", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_download_url(self) -> str:
        return reverse("investment:document-download", args=[self.pk])


class DataRoomGrant(models.Model):
    """열람 권한 (grant): an investor organization may see the room until ``expires_at``,
    unless revoked earlier. A new grant after a revocation is a new row (history is kept)."""

    room = models.ForeignKey(DataRoom, on_delete=models.CASCADE, related_name="grants")
    investor = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="data_room_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "investor"],
                condition=Q(revoked_at__isnull=True),
                name="investment_one_unrevoked_grant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id} → {self.investor_id} until {self.expires_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
