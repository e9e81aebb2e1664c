from django.urls import path

from sadari.pitching import views

app_name = "pitching"

urlpatterns = [
    path("", views.home, name="home"),
    path("calls/new/", views.call_edit, name="call-create"),
    path("calls/<int:pk>/", views.call_detail, name="call-detail"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call-edit"),
    path("calls/<int:pk>/manage/", views.call_manage, name="call-manage"),
    path("calls/<int:pk>/invite/", views.call_invite, name="call-invite"),
    path("calls/<int:pk>/submit/", views.submission_create, name="submission-create"),
    path("my/", views.my_submissions, name="my-submissions"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="submission-edit"),
    path("submissions/<int:pk>/deck/", views.deck, name="deck"),
    path(
        "submissions/<int:pk>/<str:action>/",
        views.submission_action,
        name="submission-action",
    ),
    path("batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batches/<int:pk>/export.<str:fmt>", views.batch_export, name="batch-export"),
    path(
        "batches/<int:pk>/ideas/<int:submission_pk>/assign/",
        views.batch_assign,
        name="batch-assign",
    ),
    path("batches/<int:pk>/<str:action>/", views.batch_action, name="batch-action"),
    path("review/", views.review_queue, name="review-queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/decline/", views.review_decline, name="review-decline"),
    path("invitations/<int:pk>/", views.invitation_respond, name="invitation-respond"),
    path("expert/", views.expert_profile, name="expert-profile"),
    path("expert/affiliations/", views.affiliation_add, name="affiliation-add"),
    path(
        "expert/affiliations/<int:pk>/delete/", views.affiliation_delete, name="affiliation-delete"
    ),
    path("expert/conflicts/", views.conflict_declare, name="conflict-declare"),
    path("mentoring/", views.mentoring, name="mentoring"),
    path("mentoring/slots/", views.slot_create, name="slot-create"),
    path("mentoring/slots/<int:pk>/book/", views.slot_book, name="slot-book"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
]
