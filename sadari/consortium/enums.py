"""Consortium enums: eligibility attributes and their values, program options, application and
referral states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Attribute(models.TextChoices):
    """What a program rule tests. Person facts come from the applicant's own eligibility
    profile; company facts from the directory and the company's consortium facts."""

    FOUNDER_AGE = "founder_age", _("Founder's age")
    FOUNDER_GENDER = "founder_gender", _("Founder's gender")
    PRE_FOUNDER = "pre_founder", _("Pre-founder (no company yet)")
    COMPANY_AGE_YEARS = "company_age_years", _("Years since founding")
    REGION_CITY = "region_city", _("Company's city / province")
    REGION_DISTRICT = "region_district", _("Company's district")
    INDUSTRY = "industry", _("Industry")
    STAGE = "stage", _("Stage")
    REVENUE_KRW = "revenue_krw", _("Annual revenue (KRW)")
    EMPLOYEES = "employees", _("Employees")
    SOCIAL_ECONOMY = "social_economy", _("Social-economy status")
    ONE_PERSON = "one_person", _("One-person creative business")


class Operator(models.TextChoices):
    EQ = "eq", _("is")
    NE = "ne", _("is not")
    IN = "in", _("is one of")
    NOT_IN = "not_in", _("is none of")
    GTE = "gte", _("at least")
    LTE = "lte", _("at most")
    BETWEEN = "between", _("between")
    IS_TRUE = "is_true", _("yes")
    IS_FALSE = "is_false", _("no")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class SocialEconomy(models.TextChoices):
    """사회적경제 기업 유형 (social-economy status)."""

    NONE = "none", _("Not a social-economy enterprise")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Certified social enterprise (사회적기업)")
    PRE_SOCIAL_ENTERPRISE = (
        "pre_social_enterprise",
        _("Preliminary social enterprise (예비사회적기업)"),
    )
    COOPERATIVE = "cooperative", _("Cooperative (협동조합)")
    SOCIAL_COOPERATIVE = "social_cooperative", _("Social cooperative (사회적협동조합)")
    VILLAGE_ENTERPRISE = "village_enterprise", _("Village enterprise (마을기업)")
    SELF_SUFFICIENCY = "self_sufficiency", _("Self-sufficiency enterprise (자활기업)")


class ApplicationMode(models.TextChoices):
    EXTERNAL = "external", _("External application link")
    IN_PLATFORM = "in_platform", _("Apply on Sadari")


class TargetGroup(models.TextChoices):
    GENERAL = "general", _("All founders")
    YOUTH = "youth", _("Youth")
    SENIOR = "senior", _("Mid-career and senior")
    ONE_PERSON = "one_person", _("One-person creative business")
    SOCIAL_ECONOMY = "social_economy", _("Social economy")
    WOMEN = "women", _("Women")


class ProgramStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SELECTED = "selected", _("Selected")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_APPLICATION_STATES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SELECTED,
)


class ReferralStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("referral", "Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", pgettext_lazy("referral", "Completed")


class ReferralAction(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    DECLINE = "decline", _("Decline")
    COMPLETE = "complete", _("Complete")
