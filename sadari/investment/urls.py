"""Pages of the investment app (/investment/)."""

from django.urls import path

from sadari.investment import views

app_name = "investment"
urlpatterns = [
    path("", views.home, name="home"),
    path("rounds/", views.round_list, name="round-list"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round-edit"),
    path("rounds/<int:pk>/delete/", views.round_delete_view, name="round-delete"),
    path("rounds/<int:pk>/disown/", views.round_disown_view, name="round-disown"),
    path("companies/<int:pk>/rounds/new/", views.round_create, name="round-create"),
    path("investors/", views.investor_list, name="investor-list"),
    path("investors/<int:pk>/", views.investor_detail, name="investor-detail"),
    path("investors/<int:pk>/edit/", views.investor_edit, name="investor-edit"),
    path("investors/<int:investor_pk>/intro/", views.intro_create, name="intro-create"),
    path("startups/<int:pk>/investors/", views.recommended_investors, name="recommended-investors"),
    path("stats/", views.stats_view, name="stats"),
    path("stats/export.csv", views.stats_csv, name="stats-csv"),
    path("stats/export.xlsx", views.stats_xlsx, name="stats-xlsx"),
    path("intros/", views.intro_list, name="intro-list"),
    path("intros/<int:pk>/", views.intro_detail, name="intro-detail"),
    path("intros/<int:pk>/decide/", views.intro_decide, name="intro-decide"),
    path("intros/<int:pk>/forward/", views.intro_forward, name="intro-forward"),
    path("intros/<int:pk>/withdraw/", views.intro_withdraw, name="intro-withdraw"),
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/badge/", views.notification_badge, name="notification-badge"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("datarooms/", views.dataroom_list, name="dataroom-list"),
    path("datarooms/<int:pk>/", views.dataroom_detail, name="dataroom-detail"),
    path("datarooms/<int:pk>/upload/", views.document_upload_view, name="document-upload"),
    path("datarooms/<int:pk>/grants/", views.grant_create_view, name="grant-create"),
    path("grants/<int:pk>/revoke/", views.grant_revoke_view, name="grant-revoke"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("documents/<int:pk>/delete/", views.document_delete_view, name="document-delete"),
]
