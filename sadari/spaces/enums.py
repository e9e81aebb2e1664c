"""Spaces: who may book, and a booking's states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    HOST_MEMBERS = "host", _("Members of the host institution")
    CONSORTIUM = "members", _("Members of any consortium institution")
    SIGNED_IN = "signed_in", _("Any signed-in user")


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


LIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.APPROVED)
