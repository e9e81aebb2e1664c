"""Impact models: recorded events (one row per fact, from every domain), KPI definitions as
data, and the computed snapshots the dashboards and reports read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sadari.common.i18n import pick_language
from sadari.common.models import TimeStamped
from sadari.impact.enums import EventKind, PeriodKind, Unit
from sadari_core.impact.formula import Formula, FormulaError, parse_formula

FORMULA_ERRORS = {
    "empty": _("Write a formula, e.g. count(trainee_completed)."),
    "too_long": _("The formula is too long."),
    "syntax": _("The formula cannot be read here (check the parentheses and operators)."),
    "not_allowed": _("Only numbers, + - * / and parentheses may combine measures here."),
    "unknown_function": _("Unknown measure here: use count, sum, qty or distinct."),
    "bad_arguments": _("A measure takes exactly one event kind, e.g. count(funding_round)."),
    "unknown_kind": _("Unknown event kind here."),
    "no_measure": _("A KPI measures recorded events: use at least one measure, e.g. count(…)."),
}


def formula_error_message(error: FormulaError) -> str:
    """The bilingual message of a formula error, with its column and the offending part."""
    message = str(FORMULA_ERRORS.get(error.code, FORMULA_ERRORS["syntax"]))
    where = _("column %(column)d") % {"column": error.position}
    detail = f" «{error.detail}»" if error.detail and error.code != "syntax" else ""
    return f"{message} ({where}){detail}"


class ImpactEvent(models.Model):
    """성과 이벤트 (impact event): one recorded fact from a domain app (a round, a hire, a deal
    stage, a booking …), written by a collector and keyed by its source so that collecting
    again changes nothing. Counts only: no names or personal data."""

    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("company"),
    )
    institution = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institution"),
    )
    amount = models.BigIntegerField(_("amount (KRW)"), null=True, blank=True)
    quantity = models.FloatField(_("quantity"), default=1.0)
    source_key = models.CharField(max_length=120)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_key"], name="impact_event_source")
        ]
        indexes = [
            models.Index(fields=["occurred_on", "kind"], name="impact_event_day_kind"),
            models.Index(fields=["institution", "occurred_on"], name="impact_event_inst_day"),
            models.Index(fields=["organization", "occurred_on"], name="impact_event_org_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on} ({self.source_key})"


class Kpi(TimeStamped):
    """성과지표 (KPI): a figure the city reports, defined as data — a formula over recorded
    events, a unit, a period, an optional target and its plain-language definition."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    definition_ko = models.TextField(
        _("definition (Korean)"),
        help_text=_(
            "Plain language: what is counted, over what, in which window, what is left out."
        ),
    )
    definition_en = models.TextField(_("definition (English)"), blank=True)
    formula = models.CharField(
        _("formula"),
        max_length=500,
        help_text=_(
            "Measures count(kind), sum(kind) (amounts in KRW), qty(kind) (quantities) and "
            "distinct(kind) (distinct companies), combined with + - * / and parentheses."
        ),
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.COUNT)
    period = models.CharField(
        _("period"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    target = models.FloatField(_("target"), null=True, blank=True)
    target_period = models.CharField(
        _("target period (Korean)"),
        max_length=40,
        blank=True,
        help_text=_("What the target covers, e.g. '분기마다' or '2030년까지'."),
    )
    target_period_en = models.CharField(
        _("target period (English)"),
        max_length=40,
        blank=True,
        help_text=_("e.g. 'each quarter' or 'by 2030'."),
    )
    cumulative_from = models.DateField(
        _("cumulative from"),
        null=True,
        blank=True,
        help_text=_("Count from this date up to each period's end (progress to a target)."),
    )
    owner = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    is_public = models.BooleanField(_("public"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.name_ko

    @property
    def name(self) -> str:
        return pick_language(self.name_ko, self.name_en)

    @property
    def definition(self) -> str:
        return pick_language(self.definition_ko, self.definition_en)

    @property
    def target_when(self) -> str:
        return pick_language(self.target_period, self.target_period_en)

    def parsed(self) -> Formula:
        """The validated formula (raises FormulaError)."""
        return parse_formula(self.formula, kinds=EventKind.values)

    def clean(self) -> None:
        super().clean()
        try:
            parsed = self.parsed()
        except FormulaError as error:
            raise ValidationError({"formula": formula_error_message(error)}) from None
        if not parsed.measures:  # "1/0", "42": a constant measures nothing
            raise ValidationError({"formula": formula_error_message(FormulaError("no_measure", 1))})
        if self.target is not None and self.target < 0:
            raise ValidationError({"target": _("A target cannot be negative.")})


class KpiSnapshot(models.Model):
    """A KPI's value for one period, city-wide (no institution) or for one institution, with
    each measure's value (``components``) so that a figure can be explained."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="snapshots")
    period = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    institution = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.FloatField(null=True, blank=True)
    components = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["kpi_id", "period_start", "institution_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_start", "period_end"],
                condition=Q(institution__isnull=True),
                name="impact_snapshot_city",
            ),
            models.UniqueConstraint(
                fields=["kpi", "period_start", "period_end", "institution"],
                condition=Q(institution__isnull=False),
                name="impact_snapshot_institution",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "period_start"], name="impact_snapshot_period"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.period_start}–{self.period_end} {self.institution_id}"
