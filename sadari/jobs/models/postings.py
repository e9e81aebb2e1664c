"""Job postings (채용공고), as employers and institutions feed them or staff import them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.jobs.enums import PostingSource, PostingStatus


class JobPosting(TimeStamped):
    """채용공고 (job posting) of an employer in the directory."""

    employer = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="job_postings"
    )
    title = models.CharField(_("title"), max_length=200)
    duties = models.TextField(_("duties"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    preferred = models.TextField(_("preferred qualifications"), blank=True)
    required_skills = models.JSONField(_("required skills"), default=list, blank=True)
    preferred_skills = models.JSONField(_("preferred skills"), default=list, blank=True)
    occupations = models.JSONField(default=list, blank=True)  # O*NET-SOC codes of the title
    employment_type = models.CharField(_("employment type"), max_length=40, blank=True)
    experience = models.CharField(_("experience"), max_length=40, blank=True)
    education = models.CharField(_("education"), max_length=40, blank=True)
    salary_min_krw = models.BigIntegerField(_("salary from (KRW)"), null=True, blank=True)
    salary_max_krw = models.BigIntegerField(_("salary to (KRW)"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=60, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=8, choices=PostingStatus.choices, default=PostingStatus.OPEN
    )
    source = models.CharField(
        _("source"), max_length=12, choices=PostingSource.choices, default=PostingSource.MANUAL
    )
    source_ref = models.CharField(max_length=200, blank=True, default="")
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=~Q(source_ref=""),
                name="jobs_posting_source_ref",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:posting-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        if self.status != PostingStatus.OPEN:
            return False
        return self.deadline is None or self.deadline >= timezone.localdate()


class ImportedEmployer(models.Model):
    """An employer as a posting file names it, and the directory organization it was matched
    to or created for (``created``) — the mark of where an imported employer came from."""

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField(max_length=12, choices=PostingSource.choices)
    name = models.CharField(max_length=200)  # as written in the file
    key = models.CharField(max_length=200)  # normalize_company_name(name)
    created = models.BooleanField(default=False)  # the import created the organization
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "key"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="jobs_imported_employer_key")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.name}"
