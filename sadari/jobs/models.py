"""Job postings (채용공고), as employers and institutions feed them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped


class JobPosting(TimeStamped):
    """채용공고 (job posting) of an employer in the directory."""

    employer = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="job_postings"
    )
    title = models.CharField(_("title"), max_length=200)
    duties = models.TextField(_("duties"), blank=True)
    required_skills = models.JSONField(_("required skills"), default=list, blank=True)
    preferred_skills = models.JSONField(_("preferred skills"), default=list, blank=True)
    employment_type = models.CharField(_("employment type"), max_length=40, blank=True)
    salary_min_krw = models.BigIntegerField(_("salary from (KRW)"), null=True, blank=True)
    salary_max_krw = models.BigIntegerField(_("salary to (KRW)"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=60, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title
