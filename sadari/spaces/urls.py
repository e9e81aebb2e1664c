from django.urls import path

from sadari.spaces import views

app_name = "spaces"

urlpatterns = [
    path("", views.space_list, name="list"),
    path("<int:pk>/", views.space_detail, name="space-detail"),
    path("<int:pk>/book/", views.space_book, name="space-book"),
    path("<int:pk>/calendar.ics", views.space_ics, name="space-ics"),
    path("my/", views.my_bookings, name="my-bookings"),
    path("my/calendar/rotate/", views.calendar_rotate, name="calendar-rotate"),
    path("feed/<str:token>.ics", views.my_ics, name="my-ics"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/<str:decision>/", views.booking_decide, name="booking-decide"),
    path("manage/", views.manage, name="manage"),
    path("manage/approvals/", views.approvals, name="approvals"),
    path("manage/utilization/", views.utilization, name="utilization"),
    path("manage/utilization.<str:fmt>", views.utilization_export, name="utilization-export"),
    path("manage/<int:pk>/policy/", views.policy_edit, name="policy-edit"),
    path("manage/<int:pk>/closed/", views.closed_date_add, name="closed-date-add"),
    path(
        "manage/<int:pk>/closed/<int:closed_pk>/delete/",
        views.closed_date_delete,
        name="closed-date-delete",
    ),
]
