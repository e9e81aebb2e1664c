from django.urls import path

from sadari.directory import views

app_name = "directory"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization-detail"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization-edit"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("programs/", views.program_list, name="program-list"),
    path("programs/<int:pk>/", views.program_detail, name="program-detail"),
    path("spaces/", views.space_list, name="space-list"),
    path("spaces/<int:pk>/", views.space_detail, name="space-detail"),
]
