"""Change kinds, actions and delivery states of the change feed (leaves: importable anywhere)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    """The documented kinds. ``ChangeEvent.kind`` is a free string (new apps add kinds without a
    migration); these are the ones the platform writes today (see docs/change-feed.md)."""

    ORGANIZATION = "organization", _("Organization")
    PERSON = "person", _("Person")
    PROGRAM = "program", _("Program")
    SPACE = "space", _("Space")
    FUNDING_ROUND = "funding_round", _("Funding round")
    JOB_POSTING = "job_posting", _("Job posting")
    EVENT = "event", _("Event")
    SUPPORT_AWARD = "support_award", _("Support award")
    SOURCE_RECORD = "source_record", _("Source record")


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
