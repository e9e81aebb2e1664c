"""Organization import URLs; included at ``directory/import/`` with namespace "imports"."""

from django.urls import path

from sadari.directory import import_views as views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("new/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/mapping/", views.mapping, name="mapping"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/errors.csv", views.errors_csv, name="errors-csv"),
]
