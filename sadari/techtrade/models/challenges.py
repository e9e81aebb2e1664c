"""Open-innovation challenges, the startups' proposals, and the PoCs selected pairs run."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.common.models import TimeStamped
from sadari.techtrade.enums import ChallengeKind, ChallengeStatus, PocStatus, ProposalStatus
from sadari.techtrade.models.base import pick
from sadari.techtrade.validators import validate_field_codes


class Challenge(TimeStamped):
    """오픈이노베이션 챌린지: a corporate's (or the city's) call for startups — a top-down problem
    or a bottom-up open call — with a timeline, PoC funds and eligibility. Public."""

    host = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("host"),
        on_delete=models.CASCADE,
        related_name="challenges",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ChallengeKind.choices, default=ChallengeKind.TOP_DOWN
    )
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ko = models.TextField(_("summary (Korean)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    problem_ko = models.TextField(_("problem statement (Korean)"), blank=True)
    problem_en = models.TextField(_("problem statement (English)"), blank=True)
    eligibility_ko = models.TextField(_("eligibility (Korean)"), blank=True)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    fields = models.JSONField(
        _("fields"), default=list, blank=True, validators=[validate_field_codes]
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    announce_on = models.DateField(_("selection announced on"), null=True, blank=True)
    poc_starts_on = models.DateField(_("PoC starts on"), null=True, blank=True)
    poc_ends_on = models.DateField(_("PoC ends on"), null=True, blank=True)
    poc_fund_krw = models.BigIntegerField(_("PoC funds per team (KRW)"), null=True, blank=True)
    max_selected = models.PositiveSmallIntegerField(_("teams to select"), default=3)
    selection_method = models.CharField(_("selection"), max_length=32, default="manual")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ChallengeStatus.choices,
        default=ChallengeStatus.OPEN,
        db_index=True,
    )
    is_fictional = models.BooleanField(_("fictional (demo data)"), default=False)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_ko, self.title_en)

    @property
    def summary(self) -> str:
        return pick(self.summary_ko, self.summary_en)

    @property
    def problem(self) -> str:
        return pick(self.problem_ko, self.problem_en)

    @property
    def eligibility(self) -> str:
        return pick(self.eligibility_ko, self.eligibility_en)

    def is_open_on(self, day) -> bool:
        return self.status == ChallengeStatus.OPEN and self.opens_on <= day <= self.closes_on

    def get_absolute_url(self) -> str:
        return reverse("techtrade:challenge-detail", args=[self.pk])


class Proposal(TimeStamped):
    """챌린지 제안서: a startup's proposal to a challenge. Seen by the host's members and the
    proposing organization's members only."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="proposals")
    startup = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("startup"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    technology = models.ForeignKey(
        "techtrade.Technology",
        verbose_name=_("technology"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    summary = models.TextField(_("proposal"), max_length=5000)
    poc_plan = models.TextField(_("PoC plan"), max_length=5000, blank=True)
    requested_fund_krw = models.BigIntegerField(_("requested funds (KRW)"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        db_index=True,
    )
    host_note = models.TextField(_("note of the host"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "startup"], name="techtrade_one_proposal_per_startup"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("techtrade:proposal-detail", args=[self.pk])


class Poc(TimeStamped):
    """PoC (실증): a corporate and a startup testing a technology, with funds, dates,
    milestones and a result. Seen by the two parties, institution staff and city operators."""

    corporate = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("corporate"),
        on_delete=models.CASCADE,
        related_name="pocs_hosted",
    )
    startup = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("startup"),
        on_delete=models.CASCADE,
        related_name="pocs",
    )
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="pocs"
    )
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="poc"
    )
    deal = models.OneToOneField(
        "techtrade.Deal", null=True, blank=True, on_delete=models.SET_NULL, related_name="poc"
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    funds_krw = models.BigIntegerField(_("funds (KRW)"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PocStatus.choices, default=PocStatus.PLANNED
    )
    result = models.TextField(_("result"), blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("PoC")
        verbose_name_plural = _("PoCs")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("techtrade:poc-detail", args=[self.pk])


class PocMilestone(models.Model):
    poc = models.ForeignKey(Poc, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["poc_id", "position", "id"]

    def __str__(self) -> str:
        return self.title
