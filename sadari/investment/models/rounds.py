"""Funding rounds with their investors, acquisitions, and the ids imported organizations had
in their source (so a second import matches the first)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.investment.enums import Currency, RoundSource, RoundType

__all__ = [
    "Acquisition",
    "FundingRound",
    "ImportedOrganization",
    "PlannedRaise",
    "RoundInvestor",
    "RoundType",
]


class FundingRound(TimeStamped):
    """투자 라운드 (funding round) of a company, with its investors.

    ``amount_krw`` is what statistics add up. A round raised in another currency keeps its
    ``amount_original`` and ``currency``; ``amount_krw`` is then converted at the year's average
    rate (``sadari.investment.money``) and marked as converted on the page.
    """

    company = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="funding_rounds"
    )
    round_type = models.CharField(_("round"), max_length=16, choices=RoundType.choices)
    announced_on = models.DateField(_("announced on"))
    amount_krw = models.BigIntegerField(_("amount (KRW)"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.KRW
    )
    amount_original = models.BigIntegerField(
        _("amount in the original currency"), null=True, blank=True
    )
    investors = models.ManyToManyField(
        "directory.Organization", through="RoundInvestor", related_name="investments"
    )
    source = models.CharField(
        _("source"), max_length=20, choices=RoundSource.choices, default=RoundSource.MANUAL
    )
    # The round's key in its source (e.g. "/company/digg|series-a|2006-12-01"): re-imports match.
    source_ref = models.CharField(max_length=300, blank=True, default="")
    note = models.TextField(_("note"), blank=True, default="")
    # Who recorded a manual round (a founder for their company, institution staff, an operator).
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-announced_on", "id"]
        indexes = [
            models.Index(fields=["announced_on"]),
            models.Index(fields=["round_type", "announced_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=~Q(source_ref=""),
                name="investment_round_source_ref",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_id} {self.round_type} {self.announced_on}"

    def get_absolute_url(self) -> str:
        return reverse("investment:round-detail", args=[self.pk])

    @property
    def is_converted(self) -> bool:
        return self.currency != Currency.KRW and self.amount_original is not None


class RoundInvestor(models.Model):
    round = models.ForeignKey(FundingRound, on_delete=models.CASCADE)
    investor = models.ForeignKey("directory.Organization", on_delete=models.CASCADE)
    is_lead = models.BooleanField(_("lead"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "investor"], name="roundinvestor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round_id} ← {self.investor_id}{' (lead)' if self.is_lead else ''}"


class Acquisition(TimeStamped):
    """인수 (acquisition): a company bought by another (Crunchbase's acquisitions file)."""

    company = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="acquired_in"
    )
    acquirer = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="acquisitions"
    )
    announced_on = models.DateField(_("announced on"))
    price_original = models.BigIntegerField(_("price"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default=Currency.USD)
    price_krw = models.BigIntegerField(_("price (KRW)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=RoundSource.choices)
    source_ref = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-announced_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=~Q(source_ref=""),
                name="investment_acquisition_source_ref",
            )
        ]

    def __str__(self) -> str:
        return f"{self.acquirer_id} ← {self.company_id} {self.announced_on}"


class ImportedOrganization(models.Model):
    """An organization's id in an imported source (a Crunchbase permalink, a VCS operator id,
    an investor's name as the source writes it), so that importing again finds it."""

    source = models.CharField(max_length=20, choices=RoundSource.choices)
    key = models.CharField(max_length=300)
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="investment_imported_org")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.key} → {self.organization_id}"


class PlannedRaise(TimeStamped):
    """What a startup says it raises next (its founders declare it): the recommender ranks
    investors whose tickets fit it, and investors see it in their deal flow only when the
    startup chose to share it."""

    company = models.OneToOneField(
        "directory.Organization", on_delete=models.CASCADE, related_name="planned_raise"
    )
    round_type = models.CharField(_("next round"), max_length=20, choices=RoundType.choices)
    amount_krw = models.BigIntegerField(_("amount sought (KRW)"), null=True, blank=True)
    raise_by = models.DateField(_("close by"), null=True, blank=True)
    share_with_investors = models.BooleanField(
        _("show to investors in their deal flow"), default=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.company_id} → {self.round_type} {self.amount_krw or ''}"
