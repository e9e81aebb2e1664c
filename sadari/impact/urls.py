from django.urls import path

from sadari.impact import views

app_name = "impact"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("operator/", views.operator, name="operator"),
    path("operator/report.<str:fmt>", views.report, name="report"),
    path("operator/kpis/", views.kpi_list, name="kpi-list"),
    path("operator/kpis/new/", views.kpi_edit, name="kpi-create"),
    path("operator/kpis/<int:kpi_id>/", views.kpi_edit, name="kpi-edit"),
    path("companies/<int:organization_id>/", views.company_timeline, name="company-timeline"),
]
