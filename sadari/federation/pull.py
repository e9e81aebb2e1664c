"""Scheduled pulls: a source registers a URL on an allow-listed host
(``SADARI_FEDERATION_PULL_HOSTS``); ``sadari pull-sources`` (cron, or a worker's schedule)
fetches each due source and feeds the file through the upload path. The content's hash is the
run's idempotency key, so an unchanged file changes nothing."""

from __future__ import annotations

import hashlib
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.federation.models import Channel, IngestRun, Source
from sadari.federation.services import ingest_file

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 30


class PullError(Exception):
    pass


def validate_pull_url(url: str) -> None:
    """ValidationError unless ``url`` is http(s) on an allow-listed host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or host not in settings.SADARI_FEDERATION_PULL_HOSTS:
        raise ValidationError(
            _("Pull URLs must be http(s) on an allowed host (SADARI_FEDERATION_PULL_HOSTS).")
        )


def fetch(url: str) -> bytes:
    validate_pull_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": "Sadari-federation/1"})  # noqa: S310 — scheme checked
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PullError("the file is larger than 10 MB")
    return data


def pull_source(source: Source) -> IngestRun | None:
    """Fetches and ingests a source's pull URL. None when the file had no records."""
    if not source.pull_url:
        return None
    data = fetch(source.pull_url)
    kind = (source.kinds or ["organization"])[0]
    filename = urlsplit(source.pull_url).path.rsplit("/", 1)[-1] or "pull.csv"
    Source.objects.filter(pk=source.pk).update(last_pulled_at=timezone.now())
    return ingest_file(
        source=source,
        kind=kind,
        data=data,
        filename=filename,
        channel=Channel.PULL,
        idempotency_key="pull:" + hashlib.sha256(data).hexdigest(),
    )


def due_sources(*, force: bool = False) -> list[Source]:
    now = timezone.now()
    due = []
    for source in Source.objects.filter(is_active=True).exclude(pull_url=""):
        interval = timedelta(hours=max(1, source.pull_interval_hours))
        if force or source.last_pulled_at is None or now - source.last_pulled_at >= interval:
            due.append(source)
    return due
