from django.urls import path
from django.views.generic import RedirectView

from sadari.consortium import views

app_name = "consortium"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="consortium:program-list"), name="home"),
    path("programs/", views.program_list, name="program-list"),
    path("programs/eligible/", views.eligible, name="eligible"),
    path("programs/<int:pk>/", views.program_detail, name="program-detail"),
    path("programs/<int:pk>/apply/", views.program_apply, name="program-apply"),
    path("programs/<int:pk>/manage/", views.program_manage, name="program-manage"),
    path(
        "programs/<int:pk>/applications/", views.program_applications, name="program-applications"
    ),
    path("applications/", views.my_applications, name="my-applications"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application-decide"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application-withdraw"
    ),
    path("manage/", views.staff_home, name="staff-home"),
    path("profile/", views.profile, name="profile"),
    path("companies/<int:pk>/facts/", views.company_facts, name="company-facts"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_create, name="referral-create"),
    path("referrals/stats/", views.referral_stats, name="referral-stats"),
    path("referrals/stats.<str:fmt>", views.referral_stats_export, name="referral-stats-export"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<int:pk>/action/", views.referral_action, name="referral-action"),
    path("hsds/", views.hsds, name="hsds"),
    path("hsds/organizations/<int:pk>/", views.hsds_organization, name="hsds-organization"),
]
