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
]
