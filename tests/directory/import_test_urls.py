"""Root URLs plus the importer's, for tests that run before (or after) the lead wires them in."""

from django.urls import URLResolver, include, path

from sadari.urls import urlpatterns as base


def _has_imports(patterns) -> bool:
    return any(isinstance(p, URLResolver) and p.namespace == "imports" for p in patterns)


urlpatterns = (
    list(base)
    if _has_imports(base)
    else [*base, path("directory/import/", include("sadari.directory.import_urls"))]
)
