"""Impact enums: the kinds of recorded events, KPI units and reporting periods (leaves)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What happened, one row per fact (counts only: no names or personal data)."""

    # support
    SUPPORT_RECEIVED = "support_received", _("Support received (institution award)")
    MENTORING_SESSION = "mentoring_session", _("Mentoring session held")
    PROGRAM_APPLIED = "program_applied", _("Program application")
    PROGRAM_SELECTED = "program_selected", _("Selected for a program")
    REFERRAL_MADE = "referral_made", _("Referral made")
    REFERRAL_COMPLETED = "referral_completed", _("Referral completed")
    # investment
    FUNDING_ROUND = "funding_round", _("Funding round")
    # tech trade (the funnel: a deal counts in every stage it reached)
    DEAL_MATCHED = "deal_matched", _("Tech-trade match")
    DEAL_NDA = "deal_nda", _("Tech-trade NDA")
    DEAL_POC = "deal_poc", _("Tech-trade PoC")
    DEAL_CONTRACT = "deal_contract", _("Tech-trade deal signed")
    # pitching
    PITCH_SUBMITTED = "pitch_submitted", _("Idea submitted")
    PITCH_FEEDBACK = "pitch_feedback", _("Feedback released")
    # jobs
    TRAINEE_ENROLLED = "trainee_enrolled", _("Trainee enrolled")
    TRAINEE_COMPLETED = "trainee_completed", _("Trainee completed a course")
    TRAINEE_FOLLOWED = "trainee_followed", _("Completer followed up (employment-rate denominator)")
    TRAINEE_EMPLOYED = "trainee_employed", _("Completer employed within 180 days")
    TRAINEE_EMPLOYED_PLATFORM = (
        "trainee_employed_platform",
        _("Completer employed within 180 days through the platform"),
    )
    HIRE_ATTRIBUTED = "hire_attributed", _("Hire attributed to the platform")
    HIRE_COINCIDENTAL = "hire_coincidental", _("Hire not attributed (coincidental)")
    FAIR_HELD = "fair_held", _("Job fair held")
    FAIR_INTERVIEW = "fair_interview", _("Job-fair interview held")
    # spaces
    SPACE_BOOKED = "space_booked", _("Space booking held (hours)")
    SPACE_OPEN = "space_open", _("Space opening hours (per institution and month)")


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    KRW = "krw", _("KRW")
    PERCENT = "percent", _("percent")
    HOURS = "hours", _("hours")
    PEOPLE = "people", _("people")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


# Kinds shown on a company's timeline as outcomes (the rest are support).
OUTCOME_KINDS = frozenset(
    {
        EventKind.FUNDING_ROUND,
        EventKind.DEAL_MATCHED,
        EventKind.DEAL_NDA,
        EventKind.DEAL_POC,
        EventKind.DEAL_CONTRACT,
        EventKind.HIRE_ATTRIBUTED,
        EventKind.HIRE_COINCIDENTAL,
        EventKind.FAIR_INTERVIEW,
    }
)
SUPPORT_KINDS = frozenset(
    {
        EventKind.SUPPORT_RECEIVED,
        EventKind.MENTORING_SESSION,
        EventKind.PROGRAM_APPLIED,
        EventKind.PROGRAM_SELECTED,
        EventKind.REFERRAL_MADE,
        EventKind.REFERRAL_COMPLETED,
        EventKind.PITCH_SUBMITTED,
        EventKind.PITCH_FEEDBACK,
        EventKind.SPACE_BOOKED,
    }
)
