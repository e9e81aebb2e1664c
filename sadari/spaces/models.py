"""Booking policies of directory spaces, bookings, and the slot rows that refuse double bookings.

A live (pending or approved) booking holds one ``BookingSlot`` row per 30-minute unit; the
unique (space, starts_at) constraint makes the database refuse a second booking of the same
time on SQLite and PostgreSQL alike. Declining or cancelling deletes the slot rows; the
``Booking`` row keeps the history.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.spaces.enums import LIVE_STATUSES, Audience, BookingStatus
from sadari_core.scheduling.spaces import SLOT_MINUTES, parse_hours


def default_hours() -> list[list[str] | None]:
    """Monday–Friday 09:00–18:00, closed at the weekend."""
    return [["09:00", "18:00"] for _ in range(5)] + [None, None]


class BookingPolicy(TimeStamped):
    """예약 규칙 (booking policy) of one space: hours, lengths, audience, approval and price."""

    space = models.OneToOneField(
        "directory.Space", on_delete=models.CASCADE, related_name="booking_policy"
    )
    is_bookable = models.BooleanField(_("bookable on Sadari"), default=True)
    hours = models.JSONField(
        _("opening hours"),
        default=default_hours,
        help_text=_('Seven rows, Monday first: ["09:00", "18:00"] or null when closed.'),
    )
    min_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=240)
    horizon_days = models.PositiveIntegerField(_("bookable up to (days ahead)"), default=60)
    requires_approval = models.BooleanField(_("requires approval by the host"), default=False)
    audience = models.CharField(
        _("who may book"), max_length=16, choices=Audience.choices, default=Audience.CONSORTIUM
    )
    price_per_hour_krw = models.PositiveIntegerField(_("price per hour (KRW, 0 = free)"), default=0)
    notes_ko = models.TextField(_("notes (Korean)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)

    class Meta:
        verbose_name = _("booking policy")
        verbose_name_plural = _("booking policies")

    def __str__(self) -> str:
        return f"policy · space {self.space_id}"

    @property
    def weekly(self) -> dict[int, tuple[int, int]]:
        """Parsed opening hours ({weekday: (open minute, close minute)}); {} when invalid."""
        try:
            return parse_hours(self.hours)
        except (TypeError, ValueError):
            return {}

    @property
    def is_free(self) -> bool:
        return self.price_per_hour_krw == 0

    def price_for(self, minutes: int) -> int:
        return self.price_per_hour_krw * minutes // 60


class ClosedDate(models.Model):
    """휴관일 (closed date) of a space: a holiday or maintenance day."""

    policy = models.ForeignKey(BookingPolicy, on_delete=models.CASCADE, related_name="closed_dates")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "date"], name="spaces_closed_date_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.note}"


class Booking(TimeStamped):
    """공간 예약 (booking) of a space by a user, possibly on behalf of an organization."""

    space = models.ForeignKey("directory.Space", on_delete=models.CASCADE, related_name="bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_bookings"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_bookings",
        verbose_name=_("on behalf of"),
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    purpose = models.CharField(_("purpose"), max_length=300)
    attendees = models.PositiveIntegerField(_("attendees"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    required_approval = models.BooleanField(default=False, editable=False)
    price_krw = models.PositiveIntegerField(_("price (KRW)"), default=0)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["space", "starts_at"], name="spaces_booking_space_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="spaces_booking_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"space {self.space_id} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def is_upcoming(self) -> bool:
        return self.is_live and self.starts_at > timezone.now()

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds()) // 60

    @property
    def hours(self) -> float:
        return self.minutes / 60


class BookingSlot(models.Model):
    """One 30-minute unit of a space held by a live booking; unique per space and start."""

    space = models.ForeignKey("directory.Space", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="slots")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "starts_at"], name="spaces_slot_unique")
        ]

    def __str__(self) -> str:
        return f"space {self.space_id} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=SLOT_MINUTES)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(TimeStamped):
    """The secret in a user's personal booking-feed URL (rotating it kills the old URL)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)

    def __str__(self) -> str:
        return f"calendar token · user {self.user_id}"
