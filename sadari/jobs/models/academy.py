"""Academies (campuses are directory organizations), courses, cohorts, trainees and their
consent under PIPA (개인정보 보호법): purpose, items, retention; withdrawal and anonymization."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.i18n import pick_language
from sadari.common.models import TimeStamped
from sadari.jobs.enums import ConsentPurpose, TraineeStatus

_pick = pick_language


class Course(TimeStamped):
    """교육과정 (course) of a campus: an academy campus, an innovation hub's program or a
    technical school."""

    campus = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="courses"
    )
    title_ko = models.CharField(_("course (Korean)"), max_length=200)
    title_en = models.CharField(_("course (English)"), max_length=200, blank=True)
    track = models.CharField(_("track"), max_length=100, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    skills = models.JSONField(_("skills taught"), default=list, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["campus_id", "title_ko", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self.title_ko, self.title_en)


class Cohort(TimeStamped):
    """기수 (cohort) of a course: dates, capacity, and whether it is run with a partner company
    (기업 연계형)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("cohort"), max_length=100)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=30, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    company_linked = models.BooleanField(_("run with a partner company"), default=False)
    partner = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_cohorts",
        verbose_name=_("partner company"),
    )

    class Meta:
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="jobs_cohort_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.name}"

    @property
    def campus_id(self) -> int:
        return self.course.campus_id


class Trainee(TimeStamped):
    """교육생 (trainee). Personal fields (contact, portfolio, salary wish, skills, preferences)
    are seen only by the trainee, their campus's coordinators and staff; after withdrawal of
    consent or the end of retention they are erased (``anonymized_at``) and only the
    anonymous outcome record remains for statistics."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainee",
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="trainees")
    status = models.CharField(
        _("status"), max_length=12, choices=TraineeStatus.choices, default=TraineeStatus.ENROLLED
    )
    enrolled_on = models.DateField(_("enrolled"), default=dt.date.today)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    # Personal fields.
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    portfolio_links = models.JSONField(_("portfolio links"), default=list, blank=True)
    desired_role = models.CharField(_("desired role"), max_length=100, blank=True)
    occupations = models.JSONField(default=list, blank=True)  # O*NET-SOC codes of the role
    regions = models.JSONField(_("regions"), default=list, blank=True)
    salary_min_krw = models.BigIntegerField(_("lowest salary (KRW a year)"), null=True, blank=True)
    employment_types = models.JSONField(_("employment types"), default=list, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["cohort_id", "name", "id"]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:trainee-detail", args=[self.pk])

    @property
    def campus_id(self) -> int:
        return self.cohort.course.campus_id


class Consent(models.Model):
    """개인정보 수집·이용 동의 (consent): one per purpose, with the items collected and how long
    they are kept; withdrawing is as easy as giving."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    items = models.JSONField(_("items collected"), default=list)
    retention_until = models.DateField(_("kept until"))
    notice_version = models.CharField(max_length=20, default="2026-11")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["trainee_id", "purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="jobs_consent_one_live_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id}:{self.purpose}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.retention_until >= timezone.localdate()
