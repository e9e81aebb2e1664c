"""A URLconf for the live-update browser test: one page with a live region, plus the API."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from sadari.api.api import api
from sadari.feed.models import ChangeEvent

PAGE = engines["django"].from_string(
    """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>live</title></head><body>
<h1>프로필</h1>
<section data-live-region="fields"><span id="count">{{ count }}</span></section>
{% include "feed/live_updates.html" with kind="organization" entity_id=42 %}
</body></html>"""
)
BROKEN = {"is_broken": False}


def profile(request: HttpRequest) -> HttpResponse:
    if BROKEN["is_broken"]:
        return HttpResponse("down", status=503)
    count = ChangeEvent.objects.filter(kind="organization", entity_id=42).count()
    return HttpResponse(PAGE.render({"count": count}, request))


urlpatterns = [
    path("live/", profile),
    path("api/v1/", api.urls),
]
