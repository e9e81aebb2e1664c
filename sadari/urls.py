"""Root URLs: i18n switch, accounts, directory, API, admin."""

from django.contrib import admin
from django.urls import include, path

from sadari.api.api import api
from sadari.directory import views as directory_views

urlpatterns = [
    path("", directory_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("sadari.accounts.urls")),
    path("directory/import/", include("sadari.directory.import_urls")),
    path("directory/", include("sadari.directory.urls")),
    path("federation/", include("sadari.federation.urls")),
    path("feed/", include("sadari.feed.urls")),
    path("techtrade/", include("sadari.techtrade.urls")),
    path("investment/", include("sadari.investment.urls")),
    path("pitching/", include("sadari.pitching.urls")),
    path("jobs/", include("sadari.jobs.urls")),
    path("spaces/", include("sadari.spaces.urls")),
    path("consortium/", include("sadari.consortium.urls")),
    path("impact/", include("sadari.impact.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
