from django.urls import path

from sadari.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.posting_list, name="posting-list"),
    path("postings/<int:pk>/", views.posting_detail, name="posting-detail"),
    path("register/", views.register, name="register"),
    path("me/", views.me, name="me"),
    path("me/export.json", views.me_export, name="me-export"),
    path("me/consents/<str:purpose>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("me/consents/<str:purpose>/give/", views.consent_give, name="consent-give"),
    path("coordinator/", views.coordinator, name="coordinator"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee-detail"),
    path("trainees/<int:pk>/pipeline/", views.pipeline_add, name="pipeline-add"),
    path("pipeline/<int:pk>/move/", views.pipeline_move, name="pipeline-move"),
    path("trainees/<int:pk>/employment/", views.employment_record, name="employment-record"),
    path("employments/<int:pk>/retention/", views.retention_check, name="retention-check"),
    path("outcomes/", views.outcome_rates, name="outcomes"),
    path("fairs/", views.fair_list, name="fair-list"),
    path("fairs/<int:pk>/", views.fair_detail, name="fair-detail"),
    path("fairs/<int:pk>/register/", views.fair_register, name="fair-register"),
    path("fairs/<int:pk>/me/", views.fair_my_schedule, name="fair-my-schedule"),
    path("fairs/<int:pk>/booths/<int:company_pk>/", views.fair_booth, name="fair-booth"),
    path(
        "fairs/<int:pk>/booths/<int:company_pk>/pair/",
        views.fair_booth_pair,
        name="fair-booth-pair",
    ),
    path("fairs/<int:pk>/<str:action>/", views.fair_action, name="fair-action"),
]
