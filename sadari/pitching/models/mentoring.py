"""Mentoring: experts open slots, applicants book them (never twice: the database refuses a
second live booking of a slot, and an applicant's second booking at the same time), mentors
keep notes that the applicant and staff read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.pitching.enums import BookingStatus, SlotMode


class Slot(models.Model):
    """멘토링 시간 (mentoring slot) an expert offers."""

    mentor = models.ForeignKey(
        "pitching.Expert", on_delete=models.CASCADE, related_name="slots", verbose_name=_("mentor")
    )
    host = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("place (café)"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(
        _("how"), max_length=12, choices=SlotMode.choices, default=SlotMode.IN_PERSON
    )
    place = models.CharField(_("where"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="pitching_slot_window"
            ),
            models.UniqueConstraint(fields=["mentor", "starts_at"], name="pitching_slot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} {self.starts_at:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    """멘토링 예약 (booking) of a slot by an applicant."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pitching_bookings"
    )
    submission = models.ForeignKey(
        "pitching.Submission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
        verbose_name=_("about the idea"),
    )
    starts_at = models.DateTimeField()  # the slot's start, copied so the database can refuse
    topic = models.CharField(_("what you would like to discuss"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status=BookingStatus.BOOKED),
                name="pitching_booking_one_per_slot",
            ),
            models.UniqueConstraint(
                fields=["applicant", "starts_at"],
                condition=Q(status=BookingStatus.BOOKED),
                name="pitching_booking_one_per_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} @ {self.slot}"

    @property
    def is_upcoming(self) -> bool:
        return self.status == BookingStatus.BOOKED and self.starts_at > timezone.now()

    @property
    def status_label(self) -> str:
        """ "Booked", "Cancelled", or "Done" once a booked session has started."""
        if self.status == BookingStatus.BOOKED and self.starts_at <= timezone.now():
            return str(_("Done"))
        return str(self.get_status_display())


class MentorNote(models.Model):
    """A mentor's note on a booking; the applicant and staff read it."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]
