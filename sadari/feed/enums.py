"""Change kinds, actions and delivery states of the change feed (leaves: importable anywhere)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    """The documented kinds. ``ChangeEvent.kind`` is a free string (new apps add kinds without a
    migration); these are the ones the platform writes today (see docs/change-feed.md). Labels
    are plural: they name what a webhook subscription receives."""

    ORGANIZATION = "organization", _("Organizations")
    PERSON = "person", _("People")
    PROGRAM = "program", _("Programs")
    SPACE = "space", _("Spaces")
    FUNDING_ROUND = "funding_round", _("Funding rounds")
    JOB_POSTING = "job_posting", _("Job postings")
    EVENT = "event", _("Events")
    SUPPORT_AWARD = "support_award", _("Support awards")
    SOURCE_RECORD = "source_record", _("Source records")
    TECH_NEED = "tech_need", _("Technology needs")
    TECHNOLOGY = "technology", _("Technologies")
    CHALLENGE = "challenge", _("Open-innovation challenges")


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    DELETED = "deleted", _("Deleted")
    MERGED = "merged", _("Merged")
    SPLIT = "split", _("Split")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")  # gave up after the last retry, or the subscription is disabled
