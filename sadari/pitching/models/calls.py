"""Calls (a café's rolling 365 desk or a dated call), rubric criteria, weekly batches and the
ideas submitted to them."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.i18n import pick_language
from sadari.common.models import TimeStamped
from sadari.directory.enums import Industry, Stage
from sadari.pitching.enums import (
    BatchStatus,
    CallKind,
    Language,
    Method,
    Phase,
    SubmissionStatus,
)

_pick = pick_language


class Call(TimeStamped):
    """공모 (call): a startup café's always-open 365 desk (reviewed in weekly batches) or a dated
    call whose phases open and close by their dates."""

    host = models.ForeignKey(
        "directory.Organization",
        on_delete=models.CASCADE,
        related_name="pitching_calls",
        verbose_name=_("host"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CallKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Dated calls: submissions open → close, reviews close, results released.
    opens_at = models.DateTimeField(_("submissions open"), null=True, blank=True)
    closes_at = models.DateTimeField(_("submissions close"), null=True, blank=True)
    review_closes_at = models.DateTimeField(_("reviews close"), null=True, blank=True)
    results_at = models.DateTimeField(_("results released"), null=True, blank=True)
    blind_review = models.BooleanField(
        _("blind review"),
        default=True,
        help_text=_("Reviewers do not see the applicant's, the team's or the company's names."),
    )
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per idea"), default=3, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    reveal_scores_after_own = models.BooleanField(
        _("reviewers see others' scores after submitting their own"), default=True
    )
    disagreement_threshold = models.FloatField(
        _("disagreement threshold (points of 100)"),
        default=20.0,
        validators=[MinValueValidator(1.0), MaxValueValidator(100.0)],
    )
    method = models.CharField(
        _("score aggregation"), max_length=12, choices=Method.choices, default=Method.CALIBRATED
    )
    max_deck_mb = models.PositiveSmallIntegerField(
        _("largest deck (MB)"), default=20, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["host__sort_name", "kind", "-opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=CallKind.ROLLING)
                | (Q(opens_at__isnull=False) & Q(closes_at__gt=F("opens_at"))),
                name="pitching_call_dated_has_window",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self.title_ko, self.title_en)

    @property
    def description(self) -> str:
        return _pick(self.description_ko, self.description_en)

    def get_absolute_url(self) -> str:
        return reverse("pitching:call-detail", args=[self.pk])

    def phase(self, now: dt.datetime | None = None) -> str:
        """The call's phase now: a rolling desk is always open; a dated call follows its dates."""
        if self.kind == CallKind.ROLLING:
            return Phase.OPEN
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return Phase.UPCOMING
        if self.closes_at and now < self.closes_at:
            return Phase.OPEN
        if self.results_at and now >= self.results_at:
            return Phase.RESULTS
        if self.review_closes_at is None or now < self.review_closes_at:
            return Phase.REVIEWING
        return Phase.CLOSED

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.phase(now) == Phase.OPEN


class Criterion(models.Model):
    """평가 항목 (rubric criterion) of a call: weight, scale, required or optional."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name_ko = models.CharField(_("criterion (Korean)"), max_length=100)
    name_en = models.CharField(_("criterion (English)"), max_length=100, blank=True)
    guide_ko = models.CharField(_("guide (Korean)"), max_length=300, blank=True)
    guide_en = models.CharField(_("guide (English)"), max_length=300, blank=True)
    weight = models.FloatField(
        _("weight"), default=1.0, validators=[MinValueValidator(0.1), MaxValueValidator(100.0)]
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["call_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="pitching_criterion_scale"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(self.name_ko, self.name_en)

    @property
    def guide(self) -> str:
        return _pick(self.guide_ko, self.guide_en)


class Batch(models.Model):
    """심사 차수 (review batch): a week of a rolling desk, or the whole of a dated call. Ideas
    submitted between ``starts_on`` and ``ends_on`` are reviewed together."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="batches")
    number = models.PositiveIntegerField(_("batch"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.OPEN
    )
    method = models.CharField(
        _("score aggregation"), max_length=12, choices=Method.choices, default=Method.CALIBRATED
    )
    published_at = models.DateTimeField(_("assignment published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["call_id", "-starts_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="pitching_batch_number"),
            models.UniqueConstraint(fields=["call", "starts_on"], name="pitching_batch_start"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="pitching_batch_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("pitching:batch-detail", args=[self.pk])

    def is_collecting(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == BatchStatus.OPEN and today <= self.ends_on


def deck_path(instance: Submission, filename: str) -> str:
    return f"pitching/decks/{uuid.uuid4().hex}.pdf"


class Submission(TimeStamped):
    """아이디어 (submitted idea): drafted, submitted, withdrawn; a resubmission of an improved
    idea points to the version before it."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="submissions")
    batch = models.ForeignKey(
        Batch, null=True, blank=True, on_delete=models.PROTECT, related_name="submissions"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pitching_submissions"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pitching_submissions",
        verbose_name=_("company"),
    )
    title = models.CharField(_("idea in one line"), max_length=200)
    idea = models.TextField(_("idea"))
    problem = models.TextField(_("problem"))
    customer = models.TextField(_("customer"))
    team = models.TextField(_("team"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, blank=True)
    industry = models.CharField(_("industry"), max_length=16, choices=Industry.choices)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KO
    )
    deck = models.FileField(_("deck (PDF)"), upload_to=deck_path, blank=True, max_length=200)
    deck_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-submitted_at", "-created_at", "-id"]
        indexes = [models.Index(fields=["batch", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.SUBMITTED) | Q(batch__isnull=False),
                name="pitching_submitted_has_batch",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pitching:submission-detail", args=[self.pk])

    def history(self) -> list[Submission]:
        """Every version of this idea, oldest first."""
        versions: list[Submission] = [self]
        seen = {self.pk}
        current = self
        while current.previous_id and current.previous_id not in seen:
            current = Submission.objects.get(pk=current.previous_id)
            seen.add(current.pk)
            versions.append(current)
        versions.reverse()
        current = self
        while (later := Submission.objects.filter(previous=current).first()) and (
            later.pk not in seen
        ):
            seen.add(later.pk)
            versions.append(later)
            current = later
        return versions
