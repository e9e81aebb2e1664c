"""Experts (reviewers and mentors): profiles, affiliations past and present, invitations to a
call's pool, and conflicts they declare themselves."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.pitching.enums import InvitationStatus


class Expert(TimeStamped):
    """전문가 (expert): expertise tags and industries, languages, capacity per batch and
    availability. Linked to the user's directory profile (``Person``) when there is one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pitching_expert"
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    tags = models.JSONField(_("expertise"), default=list, blank=True)
    industries = models.JSONField(_("industries"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("ideas per batch"), default=8, validators=[MinValueValidator(0), MaxValueValidator(50)]
    )
    available = models.BooleanField(_("available for reviews"), default=True)
    away_until = models.DateField(_("away until"), null=True, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["user__display_name", "id"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def name(self) -> str:
        return str(self.user)

    def is_available(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.available and (self.away_until is None or self.away_until < on)


class Affiliation(models.Model):
    """소속 이력 (affiliation), current (no end) or past; the organization is linked when it is
    in the directory, and its name is kept either way."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("organization"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["expert_id", "ended_on", "-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="pitching_affiliation_window",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()


class Invitation(models.Model):
    """An expert invited into a call's reviewer pool; reviews are assigned only after they
    accept."""

    call = models.ForeignKey("pitching.Call", on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="invitations")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call_id", "expert_id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "expert"], name="pitching_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.call}"


class DeclaredConflict(models.Model):
    """A conflict the expert declares: an organization (e.g. a company they advise) or a person
    (an applicant they know)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="declared_conflicts")
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expert_id", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(applicant__isnull=False),
                name="pitching_declared_conflict_target",
            )
        ]

    def __str__(self) -> str:
        return self.reason
