"""The coordinator's pipeline: a trainee's way to a job with one posting or employer, stage by
stage, with notes and reminders; each move is logged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.jobs.enums import Stage


class PipelineEntry(TimeStamped):
    trainee = models.ForeignKey("jobs.Trainee", on_delete=models.CASCADE, related_name="pipeline")
    posting = models.ForeignKey(
        "jobs.JobPosting", null=True, blank=True, on_delete=models.SET_NULL, related_name="pipeline"
    )
    employer = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.RECOMMENDED
    )
    score = models.FloatField(null=True, blank=True)  # the match score when recommended
    reasons = models.CharField(max_length=300, blank=True)  # the match explanation then
    note = models.TextField(_("note"), blank=True)
    remind_on = models.DateField(_("remind me on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["trainee_id", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["trainee", "posting"], name="jobs_pipeline_unique")
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} → {self.employer_id}: {self.stage}"


class StageChange(models.Model):
    entry = models.ForeignKey(PipelineEntry, on_delete=models.CASCADE, related_name="changes")
    from_stage = models.CharField(max_length=20, blank=True)
    to_stage = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["entry_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"
