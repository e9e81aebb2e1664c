"""Admin for spaces: policies (with closed dates inline), bookings and their slot rows."""

from django.contrib import admin

from sadari.spaces.models import Booking, BookingPolicy, BookingSlot, CalendarToken, ClosedDate


class ClosedDateInline(admin.TabularInline):
    model = ClosedDate
    extra = 0


@admin.register(BookingPolicy)
class BookingPolicyAdmin(admin.ModelAdmin):
    list_display = ("space", "is_bookable", "audience", "requires_approval", "price_per_hour_krw")
    list_filter = ("is_bookable", "audience", "requires_approval")
    raw_id_fields = ("space",)
    inlines = [ClosedDateInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("space", "starts_at", "ends_at", "booked_by", "status")
    list_filter = ("status",)
    raw_id_fields = ("space", "booked_by", "organization", "decided_by")
    date_hierarchy = "starts_at"


@admin.register(BookingSlot)
class BookingSlotAdmin(admin.ModelAdmin):
    list_display = ("space", "starts_at", "booking")
    raw_id_fields = ("space", "booking")


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "updated_at")
    raw_id_fields = ("user",)
    readonly_fields = ("token",)
