"""Employment outcomes: a hire with its evidence and date, attributed to the platform only when
it follows a recorded referral or interview with that employer; retention at 6 and 12 months."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Evidence(models.TextChoices):
    INSURANCE = "insurance", _("Employment insurance enrolment (4대보험)")
    CONTRACT = "contract", _("Employment contract")
    CERTIFICATE = "certificate", _("Certificate of employment")
    EMPLOYER = "employer", _("Confirmed by the employer")
    SELF = "self", _("Reported by the trainee")


class Employment(models.Model):
    trainee = models.ForeignKey(
        "jobs.Trainee", on_delete=models.CASCADE, related_name="employments"
    )
    employer = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("employer"),
    )
    posting = models.ForeignKey(
        "jobs.JobPosting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hired_on = models.DateField(_("hired on"))
    evidence = models.CharField(_("evidence"), max_length=12, choices=Evidence.choices)
    evidence_note = models.CharField(_("evidence note"), max_length=300, blank=True)
    attributed = models.BooleanField(default=False)
    attribution = models.CharField(max_length=300, blank=True)  # why it counts (or not)
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    retained_6m = models.BooleanField(null=True, blank=True)
    retained_12m = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-hired_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "employer", "hired_on"], name="jobs_employment_unique"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("hired_on")),
                name="jobs_employment_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} @ {self.employer_id} {self.hired_on}"
