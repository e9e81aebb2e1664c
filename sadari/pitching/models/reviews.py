"""Assignments of reviewers to ideas, their rubric reviews, and each idea's aggregated result
with the feedback compiled for the applicant."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sadari.pitching.enums import AssignmentStatus, Method


class Assignment(models.Model):
    """배정 (assignment) of an expert to a submission: proposed by the optimizer, adjusted by
    staff, published to the reviewer; declined pairs are kept (with the reason) so the
    optimizer does not propose them again."""

    batch = models.ForeignKey(
        "pitching.Batch", on_delete=models.CASCADE, related_name="assignments"
    )
    submission = models.ForeignKey(
        "pitching.Submission", on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        "pitching.Expert", on_delete=models.CASCADE, related_name="assignments"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.PROPOSED,
        db_index=True,
    )
    affinity = models.FloatField(_("affinity"), default=0.0)
    reasons = models.JSONField(default=list, blank=True)  # shared tags, industry, language
    manual = models.BooleanField(default=False)  # set by staff rather than the optimizer
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["batch_id", "submission_id", "expert_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "expert"], name="pitching_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} ← {self.submission}"


class Review(models.Model):
    """심사 (review) on the call's rubric: per-criterion scores, a comment for the applicant
    (compiled into anonymous feedback), a note for staff only, and a confidence."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    comment = models.TextField(_("comment for the applicant"), blank=True)
    staff_note = models.TextField(_("note for staff (not shown to the applicant)"), blank=True)
    confidence = models.PositiveSmallIntegerField(
        _("confidence"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    total = models.FloatField(null=True, blank=True)  # weighted, 0–100
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assignment_id"]

    def __str__(self) -> str:
        return f"review of {self.assignment}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("pitching.Criterion", on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField(_("score"))

    class Meta:
        ordering = ["review_id", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="pitching_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}={self.value}"


class Result(models.Model):
    """An idea's result when its batch closes: the aggregated score (0–100) with its band,
    rank and disagreement flag, the per-criterion diagnosis and the compiled feedback."""

    submission = models.OneToOneField(
        "pitching.Submission", on_delete=models.CASCADE, related_name="result"
    )
    batch = models.ForeignKey("pitching.Batch", on_delete=models.CASCADE, related_name="results")
    method = models.CharField(max_length=12, choices=Method.choices)
    estimate = models.FloatField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    reviews = models.PositiveSmallIntegerField(default=0)
    spread = models.FloatField(default=0.0)
    disagreement = models.BooleanField(default=False)
    rank = models.PositiveIntegerField(null=True, blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    diagnosis = models.JSONField(default=list, blank=True)  # per criterion: name, mean, scale
    feedback = models.JSONField(default=list, blank=True)  # reviewers' comments, no identities
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch_id", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(low__lte=models.F("high")),
                name="pitching_result_band",
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission}: {self.estimate}"
