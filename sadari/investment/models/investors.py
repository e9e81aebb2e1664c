"""Investors' profiles (type and thesis) and the funds they manage."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.investment.enums import InvestorType, RoundSource


class InvestorProfile(TimeStamped):
    """투자사 프로필 (investor profile): an investor organization's type and its declared
    thesis (투자 성향: stages, industries, regions, ticket range, main fund's vintage and size).
    Public; edited by the investor's own members. The portfolio is not stored here: it is
    derived from the rounds the organization took part in."""

    organization = models.OneToOneField(
        "directory.Organization", on_delete=models.CASCADE, related_name="investor_profile"
    )
    investor_type = models.CharField(
        _("investor type"), max_length=16, choices=InvestorType.choices, blank=True
    )
    thesis_stages = models.JSONField(_("stages"), default=list, blank=True)
    thesis_industries = models.JSONField(_("industries"), default=list, blank=True)
    thesis_regions = models.JSONField(_("regions"), default=list, blank=True)
    ticket_min_krw = models.BigIntegerField(_("ticket from (KRW)"), null=True, blank=True)
    ticket_max_krw = models.BigIntegerField(_("ticket up to (KRW)"), null=True, blank=True)
    fund_vintage = models.PositiveSmallIntegerField(
        _("main fund's vintage (year)"), null=True, blank=True
    )
    fund_size_krw = models.BigIntegerField(_("main fund's size (KRW)"), null=True, blank=True)
    thesis_ko = models.TextField(_("thesis in words (Korean)"), blank=True, max_length=2000)
    thesis_en = models.TextField(_("thesis in words (English)"), blank=True, max_length=2000)
    is_accepting_intros = models.BooleanField(_("accepting intro requests"), default=True)
    source = models.CharField(
        _("source"), max_length=20, choices=RoundSource.choices, default=RoundSource.MANUAL
    )
    is_fictional = models.BooleanField(_("fictional (demo data)"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("investor profile")

    def __str__(self) -> str:
        return f"{self.organization_id} ({self.investor_type})"

    def get_absolute_url(self) -> str:
        return reverse("investment:investor-detail", args=[self.organization_id])

    @property
    def thesis_text(self) -> str:
        if (get_language() or "ko").startswith("en"):
            return self.thesis_en or self.thesis_ko
        return self.thesis_ko or self.thesis_en

    @property
    def has_thesis(self) -> bool:
        return bool(
            self.thesis_stages
            or self.thesis_industries
            or self.thesis_regions
            or self.ticket_min_krw
            or self.ticket_max_krw
        )


class Fund(TimeStamped):
    """투자조합 (fund): a fund an investor manages, e.g. from the VCS portal's registry."""

    manager = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="funds"
    )
    name = models.CharField(_("fund name"), max_length=200)
    size_krw = models.BigIntegerField(_("size (KRW)"), null=True, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    field_type = models.CharField(_("investment field"), max_length=40, blank=True)
    field_detail = models.CharField(_("investment field (detail)"), max_length=60, blank=True)
    is_mother_fund_backed = models.BooleanField(_("backed by the Fund of Funds"), default=False)
    # VCS fund id ("AS20230326"); funds managed by two firms have one row per manager.
    external_id = models.CharField(max_length=40, blank=True, default="")
    source = models.CharField(
        _("source"), max_length=20, choices=RoundSource.choices, default=RoundSource.MANUAL
    )
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-established_on", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id", "manager"],
                condition=~models.Q(external_id=""),
                name="investment_fund_external",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def vintage(self) -> int | None:
        return self.established_on.year if self.established_on else None
