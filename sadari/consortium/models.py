"""Consortium models: programs' structured eligibility and options, applicants' eligibility
profiles, companies' facts, applications, and referrals between institutions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sadari.common.i18n import pick_language
from sadari.common.models import TimeStamped
from sadari.consortium.attributes import SPECS, allowed_values, rule_text
from sadari.consortium.enums import (
    LIVE_APPLICATION_STATES,
    ApplicationMode,
    ApplicationStatus,
    Attribute,
    Gender,
    Operator,
    ProgramStatus,
    ReferralStatus,
    SocialEconomy,
    TargetGroup,
)
from sadari_core.eligibility import check_rule

RULE_ERRORS = {
    "bad_operator": _("This condition does not apply to this attribute."),
    "bad_value": _("Enter a value of the right kind for this attribute."),
    "empty_list": _("Enter at least one value."),
    "bad_range": _("Enter a range as two numbers, the first not larger than the second."),
}


class ProgramOptions(TimeStamped):
    """지원사업 운영 설정 (program options): how to apply, the target group and whether the
    program takes applications. One per directory program; absent means external link, general
    target group, open until its apply-by date."""

    program = models.OneToOneField(
        "directory.Program", on_delete=models.CASCADE, related_name="consortium_options"
    )
    application_mode = models.CharField(
        _("how to apply"),
        max_length=16,
        choices=ApplicationMode.choices,
        default=ApplicationMode.EXTERNAL,
    )
    target_group = models.CharField(
        _("target group"), max_length=16, choices=TargetGroup.choices, default=TargetGroup.GENERAL
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ProgramStatus.choices, default=ProgramStatus.OPEN
    )

    def __str__(self) -> str:
        return f"options of program {self.program_id}"


class ProgramRule(models.Model):
    """지원자격 조건 (eligibility rule): one condition of a program, e.g. founder's age ≤ 39."""

    program = models.ForeignKey(
        "directory.Program", on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    attribute = models.CharField(_("attribute"), max_length=24, choices=Attribute.choices)
    operator = models.CharField(_("condition"), max_length=8, choices=Operator.choices)
    value = models.JSONField(_("value"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    note_ko = models.CharField(_("note (Korean)"), max_length=200, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["program_id", "order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return rule_text(self.attribute, self.operator, self.value)

    @property
    def note(self) -> str:
        return pick_language(self.note_ko, self.note_en)

    def clean(self) -> None:
        spec = SPECS.get(self.attribute)
        if spec is None:
            raise ValidationError({"attribute": _("Choose an attribute from the list.")})
        error = check_rule(spec.kind, self.operator, self.value)
        if error is not None:
            field = "operator" if error == "bad_operator" else "value"
            raise ValidationError({field: RULE_ERRORS[error]})
        allowed = allowed_values(self.attribute)
        if allowed is not None:
            values = self.value if isinstance(self.value, list) else [self.value]
            unknown = [v for v in values if v is not None and v not in allowed]
            if unknown:
                raise ValidationError(
                    {
                        "value": _("Not a known value: %(values)s")
                        % {"values": ", ".join(map(str, unknown))}
                    }
                )


class EligibilityProfile(TimeStamped):
    """자격 프로필 (eligibility profile): the person facts a program may test. Seen only by its
    owner; host staff see the snapshot taken when an application is submitted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="eligibility_profile"
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    is_pre_founder = models.BooleanField(
        _("pre-founder (no company registered yet)"), null=True, blank=True
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company I apply for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"eligibility profile of user {self.user_id}"


class CompanyFacts(TimeStamped):
    """기업 자격 정보 (company facts): the company facts the directory lacks or keeps private,
    edited by the company's members. Non-public."""

    organization = models.OneToOneField(
        "directory.Organization", on_delete=models.CASCADE, related_name="consortium_facts"
    )
    revenue_krw = models.BigIntegerField(_("annual revenue (KRW)"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    social_economy = models.CharField(
        _("social-economy status"), max_length=24, choices=SocialEconomy.choices, blank=True
    )
    is_one_person = models.BooleanField(
        _("one-person creative business (1인 창조기업)"), null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"facts of organization {self.organization_id}"


class Application(TimeStamped):
    """지원서 (application) to a program taking in-platform applications. One live
    application per person and program; the eligibility check is kept as it was at submission."""

    program = models.ForeignKey(
        "directory.Program", on_delete=models.CASCADE, related_name="consortium_applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_applications"
    )
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    answers = models.JSONField(default=dict, blank=True)
    eligibility = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "applicant"],
                condition=Q(status__in=[s.value for s in LIVE_APPLICATION_STATES]),
                name="consortium_one_live_application",
            )
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"application {self.pk} to program {self.program_id}"


class Referral(TimeStamped):
    """연계 (referral): an institution's staff refer a company or a person to another
    institution's program or space. Seen by both institutions' staff and the referred."""

    from_org = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="referrals_sent"
    )
    to_org = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="referrals_received"
    )
    program = models.ForeignKey(
        "directory.Program", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    space = models.ForeignKey(
        "directory.Space", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    company = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, space__isnull=True)
                | Q(program__isnull=True, space__isnull=False),
                name="consortium_referral_one_target",
            ),
            models.CheckConstraint(
                condition=Q(company__isnull=False, person__isnull=True)
                | Q(company__isnull=True, person__isnull=False),
                name="consortium_referral_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["from_org", "to_org", "created_at"]),
            models.Index(fields=["to_org", "status"]),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk}"

    @property
    def target(self) -> Any:
        return self.program or self.space

    @property
    def subject_label(self) -> str:
        if self.company_id:
            return self.company.name
        return str(self.person)


class ReferralEvent(models.Model):
    """연계 이력 (referral event): each change of a referral, with who, when and a note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["referral_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}:{self.status}"
