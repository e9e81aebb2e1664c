"""Tech-trade enums: statuses, stages, licensing models, TRL, API error codes (leaves)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Trl(models.IntegerChoices):
    """Technology readiness level (기술성숙도, TRL 1–9)."""

    BASIC = 1, _("TRL 1 · basic principles observed")
    CONCEPT = 2, _("TRL 2 · technology concept formulated")
    PROOF = 3, _("TRL 3 · experimental proof of concept")
    LAB = 4, _("TRL 4 · validated in the lab")
    RELEVANT = 5, _("TRL 5 · validated in a relevant environment")
    DEMO = 6, _("TRL 6 · demonstrated in a relevant environment")
    PROTOTYPE = 7, _("TRL 7 · prototype in an operational environment")
    QUALIFIED = 8, _("TRL 8 · system complete and qualified")
    PROVEN = 9, _("TRL 9 · proven in operation")


class ListingStatus(models.TextChoices):
    """Status of a need or a technology offer."""

    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class LicensingModel(models.TextChoices):
    LICENSE = "license", _("Licensing")
    EXCLUSIVE_LICENSE = "exclusive_license", _("Exclusive licensing")
    TRANSFER = "transfer", _("Technology transfer (sale)")
    JOINT_DEVELOPMENT = "joint_development", _("Joint development")
    POC = "poc", _("PoC / pilot")
    SUPPLY = "supply", _("Supply contract")
    INVESTMENT = "investment", _("Strategic investment")


class RequestStatus(models.TextChoices):
    """A request to see an item's confidential details."""

    PENDING = "pending", _("Waiting for the owner")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


class ChallengeKind(models.TextChoices):
    TOP_DOWN = "top_down", _("Problem statement (top-down)")
    OPEN_CALL = "open_call", _("Open call (bottom-up)")


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for proposals")
    REVIEWING = "reviewing", _("Reviewing")
    CLOSED = "closed", _("Closed")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PocStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Did not succeed")
    STOPPED = "stopped", _("Stopped")


class DealStage(models.TextChoices):
    """The pipeline, in order; DROPPED leaves it from any stage (with a reason)."""

    POSTED = "posted", _("Posted")
    MATCHED = "matched", _("Matched")
    CONTACTED = "contacted", _("Contacted")
    MEETING = "meeting", _("Meeting")
    NDA = "nda", _("NDA")
    POC = "poc", _("PoC")
    CONTRACT = "contract", _("Contract")
    DROPPED = "dropped", _("Dropped")


PIPELINE: tuple[str, ...] = (
    DealStage.POSTED,
    DealStage.MATCHED,
    DealStage.CONTACTED,
    DealStage.MEETING,
    DealStage.NDA,
    DealStage.POC,
    DealStage.CONTRACT,
)


def stage_index(stage: str) -> int:
    """Position of ``stage`` in the pipeline (DROPPED and unknown: -1)."""
    try:
        return PIPELINE.index(stage)
    except ValueError:
        return -1


class DropReason(models.TextChoices):
    NO_FIT = "no_fit", _("Technology does not fit the need")
    PRICE = "price", _("Price or budget")
    TIMING = "timing", _("Timing")
    NO_RESPONSE = "no_response", _("No response")
    OTHER_PARTNER = "other_partner", _("Chose another partner")
    INTERNAL = "internal", _("Internal decision")
    OTHER = "other", _("Other")


class ErrorCode(models.TextChoices):
    """API error codes of the tech-trade endpoints."""

    NOT_FOUND = "not_found", "not_found"
    INVALID_SCOPE = "invalid_scope", "invalid_scope"
