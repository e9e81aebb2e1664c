"""Funding rounds; the investment issue adds theses, recommendations and data rooms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped


class RoundType(models.TextChoices):
    ANGEL = "angel", _("Angel")
    SEED = "seed", _("Seed")
    PRE_A = "pre_a", _("Pre-Series A")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C+")
    BRIDGE = "bridge", _("Bridge")
    GRANT = "grant", _("Grant")
    TIPS = "tips", _("TIPS program investment")


class FundingRound(TimeStamped):
    """투자 라운드 (funding round) of a company, with its investors."""

    company = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="funding_rounds"
    )
    round_type = models.CharField(_("round"), max_length=16, choices=RoundType.choices)
    announced_on = models.DateField(_("announced on"))
    amount_krw = models.BigIntegerField(_("amount (KRW)"), null=True, blank=True)
    investors = models.ManyToManyField(
        "directory.Organization", through="RoundInvestor", related_name="investments"
    )
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-announced_on", "id"]

    def __str__(self) -> str:
        return f"{self.company_id} {self.round_type} {self.announced_on}"


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
