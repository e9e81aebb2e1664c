"""Job fairs (채용박람회): participating companies with booths and interviewers, registered and
walk-in seekers with check-in codes, and the interview schedule optimized for the whole fair."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped


class FairStatus(models.TextChoices):
    REGISTRATION = "registration", _("Registration open")
    SCHEDULED = "scheduled", _("Schedule published")
    DONE = "done", _("Held")


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    DONE = "done", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class Fair(TimeStamped):
    host = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="fairs"
    )
    title_ko = models.CharField(_("fair (Korean)"), max_length=200)
    title_en = models.CharField(_("fair (English)"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200)
    first_slot = models.TimeField(_("first interview"), default=dt.time(10, 0))
    slot_minutes = models.PositiveSmallIntegerField(
        _("interview length (minutes)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    slots = models.PositiveSmallIntegerField(
        _("interview slots"), default=12, validators=[MinValueValidator(1), MaxValueValidator(48)]
    )
    breaks = models.JSONField(_("break slots"), default=list, blank=True)  # slot numbers, 0-based
    min_interviews = models.PositiveSmallIntegerField(
        _("interviews per seeker (at least)"), default=4
    )
    max_interviews = models.PositiveSmallIntegerField(
        _("interviews per seeker (at most)"), default=6
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FairStatus.choices, default=FairStatus.REGISTRATION
    )
    scheduled_at = models.DateTimeField(null=True, blank=True)
    schedule_note = models.CharField(max_length=300, blank=True)  # method, gap, seconds
    # After the fair: the organizers' message to every seeker (shown on their schedule page
    # and e-mailed, with their own interviews).
    follow_up = models.TextField(_("follow-up message"), blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return self.title_ko

    def get_absolute_url(self) -> str:
        return reverse("jobs:fair-detail", args=[self.pk])

    def slot_time(self, slot: int) -> dt.time:
        start = dt.datetime.combine(self.date, self.first_slot) + dt.timedelta(
            minutes=slot * self.slot_minutes
        )
        return start.time()

    def current_slot(self, now: dt.datetime | None = None) -> int:
        """The slot under way now (0 before the fair, ``slots`` after it)."""
        now = timezone.localtime(now or timezone.now())
        if now.date() < self.date:
            return 0
        if now.date() > self.date:
            return self.slots
        minutes = (now.hour * 60 + now.minute) - (
            self.first_slot.hour * 60 + self.first_slot.minute
        )
        return max(0, min(self.slots, minutes // self.slot_minutes))


class FairCompany(models.Model):
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="companies")
    employer = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    booth = models.CharField(_("booth"), max_length=20, blank=True)
    interviewers = models.PositiveSmallIntegerField(
        _("interviewers"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    blocked_slots = models.JSONField(default=list, blank=True)
    postings = models.ManyToManyField("jobs.JobPosting", blank=True, related_name="+")
    # The company's wishes before scheduling: seekers it invites (a bonus) or will not meet.
    invited = models.ManyToManyField("jobs.FairSeeker", blank=True, related_name="invited_by")
    refused = models.ManyToManyField("jobs.FairSeeker", blank=True, related_name="refused_by")

    class Meta:
        ordering = ["fair_id", "booth", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "employer"], name="jobs_fair_company_unique")
        ]

    def __str__(self) -> str:
        return f"{self.booth} {self.employer}"


def _code() -> str:
    return secrets.token_urlsafe(9)


class FairSeeker(models.Model):
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="seekers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    trainee = models.ForeignKey(
        "jobs.Trainee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(max_length=20, unique=True, default=_code)  # check-in QR code
    requested = models.ManyToManyField(FairCompany, blank=True, related_name="requested_by")
    # Companies the seeker would rather not meet: never scheduled together.
    declined = models.ManyToManyField(FairCompany, blank=True, related_name="declined_by")
    blocked_slots = models.JSONField(default=list, blank=True)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    no_show = models.BooleanField(default=False)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fair_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "user"],
                condition=Q(user__isnull=False),
                name="jobs_fair_seeker_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class FairInterview(models.Model):
    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="interviews")
    seeker = models.ForeignKey(FairSeeker, on_delete=models.CASCADE, related_name="interviews")
    company = models.ForeignKey(FairCompany, on_delete=models.CASCADE, related_name="interviews")
    slot = models.PositiveSmallIntegerField()
    score = models.FloatField(default=0.0)
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=12, choices=InterviewStatus.choices, default=InterviewStatus.SCHEDULED
    )

    class Meta:
        ordering = ["fair_id", "slot", "company_id"]
        constraints = [
            # one interview per seeker per slot, enforced by the database as well as the solver
            models.UniqueConstraint(
                fields=["seeker", "slot"],
                condition=~Q(status="cancelled"),
                name="jobs_fair_interview_one_per_slot",
            ),
            models.UniqueConstraint(
                fields=["seeker", "company"],
                condition=~Q(status="cancelled"),
                name="jobs_fair_interview_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} @ {self.company} #{self.slot}"
