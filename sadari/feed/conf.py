"""The feed's tunables. Each can be overridden in Django settings (tests do that); the one
deployment choice, SADARI_WEBHOOK_ALLOW_PRIVATE, is read from the environment."""

import os
from datetime import timedelta

from django.conf import settings

# The SSE stream and the webhook worker look for new events this often (the latency floor).
POLL_SECONDS = 0.2
# SSE: a comment line this often keeps proxies from closing an idle stream.
HEARTBEAT_SECONDS = 15.0
# SSE: a stream ends after this long so a WSGI worker is not held forever (EventSource reconnects).
STREAM_MAX_SECONDS = 55.0
# SSE: how long the browser waits before reconnecting (the `retry:` field), in milliseconds.
STREAM_RETRY_MS = 1000

# Webhooks.
WEBHOOK_TIMEOUT_SECONDS = 5.0
# Waits before the 2nd, 3rd, … attempt; the last value repeats up to WEBHOOK_MAX_ATTEMPTS.
WEBHOOK_BACKOFF = (
    timedelta(seconds=10),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
WEBHOOK_MAX_ATTEMPTS = 8
# This many failed attempts in a row (over all of its deliveries) disables a subscription.
WEBHOOK_DISABLE_AFTER = 10
# A worker holds a claimed delivery this long; if it dies, another worker retries after it.
WEBHOOK_CLAIM_SECONDS = 60
WEBHOOK_EXCERPT_CHARS = 500


def webhook_allow_private() -> bool:
    """May webhook targets be private, loopback or link-local addresses? (SSRF guard)

    ``settings.SADARI_WEBHOOK_ALLOW_PRIVATE`` if set, else the SADARI_WEBHOOK_ALLOW_PRIVATE
    environment variable, else ``settings.DEBUG`` (true in development, false in production).
    """
    configured = getattr(settings, "SADARI_WEBHOOK_ALLOW_PRIVATE", None)
    if configured is not None:
        return bool(configured)
    value = os.environ.get("SADARI_WEBHOOK_ALLOW_PRIVATE")
    if value is None or not value.strip():
        return bool(settings.DEBUG)
    return value.strip().lower() in {"1", "true", "yes", "on"}
