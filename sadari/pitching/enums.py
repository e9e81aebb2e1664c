"""Pitching enums: call kinds and phases, statuses of submissions, batches, invitations,
assignments and mentoring bookings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallKind(models.TextChoices):
    ROLLING = "rolling", _("365 rolling desk")
    DATED = "dated", _("Dated call")


class Phase(models.TextChoices):
    """Where a call is on a given day (derived from its dates, never stored)."""

    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open for ideas")
    REVIEWING = "reviewing", _("Under review")
    RESULTS = "results", _("Results released")
    CLOSED = "closed", _("Closed")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Collecting ideas")
    REVIEWING = "reviewing", _("Reviewers assigned")
    CLOSED = "closed", _("Closed, feedback released")


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Assigned")
    DECLINED = "declined", _("Declined")


class Language(models.TextChoices):
    KO = "ko", _("Korean")
    EN = "en", _("English")


class Method(models.TextChoices):
    """Score aggregation methods (sadari_core.review)."""

    CALIBRATED = "calibrated", _("Calibrated (reviewer leniency and scale)")
    ZSCORE = "zscore", _("Per-reviewer z-score")
    MEAN = "mean", _("Raw mean")
    MEDIAN = "median", _("Median")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class SlotMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class ConflictKind(models.TextChoices):
    """Why a reviewer may not review a submission (detected from data or declared)."""

    SELF = "self", _("Own submission")
    SAME_ORG = "same_org", _("Same organization (now)")
    PAST_ORG = "past_org", _("Same organization (before)")
    INVESTOR = "investor", _("Investor in the company")
    MENTOR = "mentor", _("Mentor of the applicant")
    TEAM = "team", _("Named in the team")
    DECLARED = "declared", _("Declared conflict")
