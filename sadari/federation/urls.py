"""Pages of the federation app (/federation/)."""

from django.urls import path

from sadari.federation import views

app_name = "federation"
urlpatterns = [
    path("sources/", views.source_list, name="source-list"),
    path("sources/new/", views.source_create_view, name="source-create"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("sources/<slug:slug>/edit/", views.source_edit, name="source-edit"),
    path("sources/<slug:slug>/rotate-token/", views.source_rotate, name="source-rotate"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run-progress"),
    path("review/", views.review_queue, name="review-queue"),
    path("review/<int:pk>/", views.review_decide, name="review-decide"),
    path("merges/", views.merge_list, name="merge-list"),
    path("merges/<int:pk>/split/", views.merge_split, name="merge-split"),
    path("duplicate-support/", views.duplicate_support, name="duplicate-support"),
]
