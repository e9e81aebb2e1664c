"""/api/v1/federation: published JSON Schemas, pushing batches with a source token, reading
runs.

Push: ``POST /api/v1/federation/sources/<slug>/batches`` with ``Authorization: Bearer
sdrsrc_…`` (the source's own token: it can write only its own source), an ``Idempotency-Key``
header and a JSON body ``{"records": [...]}``. The answer is the run (202 when new, 200 when
the key replays an earlier run; 409 when the key was used for a different batch).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from sadari.accounts.models import hash_token
from sadari.accounts.tokens import user_for_token
from sadari.federation.ingest import IdempotencyConflictError
from sadari.federation.models import IngestRun, Source, SourceToken
from sadari.federation.rules import can_manage_source
from sadari.federation.schemas import KINDS, batch_schema, record_schema
from sadari.federation.selectors import source_for_token
from sadari.federation.services import ingest_start

router = Router(tags=["federation"])

MAX_BODY_BYTES = 20 * 1024 * 1024
ERRORS_SHOWN = 200


class FederationError(HttpError):
    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


class SourceTokenAuth(HttpBearer):
    """``Authorization: Bearer sdrsrc_…``: the source's push token."""

    def authenticate(self, request: HttpRequest, token: str) -> Source | None:
        source = source_for_token(token)
        if source is None:
            raise FederationError(401, "invalid_token", "The source token is invalid or revoked.")
        SourceToken.objects.filter(token_hash=hash_token(token)).update(last_used_at=timezone.now())
        return source


class SourceOrUserAuth(HttpBearer):
    """A source token (reads its own runs), a user's API token, or the browser session."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            return super().__call__(request)
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if token.startswith("sdrsrc_"):
            return SourceTokenAuth().authenticate(request, token)
        user = user_for_token(token)
        if user is None:
            raise FederationError(401, "invalid_token", "The API token is invalid or revoked.")
        return user


class RunError(Schema):
    row: int | None
    id: str | int | None
    field: str
    message: str


class RunOut(Schema):
    id: int
    source: str
    status: str
    channel: str
    received: int
    processed: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[RunError]
    errors_total: int
    url: str


def run_out(run: IngestRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "source": run.source.slug,
        "status": run.status,
        "channel": run.channel,
        "received": run.received,
        "processed": run.position,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "rejected": run.rejected,
        "errors": run.errors[:ERRORS_SHOWN],
        "errors_total": len(run.errors),
        "url": reverse("api-v1:federation-run", args=[run.source.slug, run.pk]),
    }


@router.get("/schemas/{kind}.json", auth=None, url_name="federation-schema")
def schema(request: HttpRequest, kind: str) -> JsonResponse:
    """The JSON Schema of a record kind (or ``batch``)."""
    if kind == "batch":
        return JsonResponse(batch_schema())
    if kind not in KINDS:
        raise FederationError(404, "not_found", f"Unknown kind; one of: batch, {', '.join(KINDS)}")
    return JsonResponse(record_schema(kind), json_dumps_params={"ensure_ascii": False})


@router.post(
    "/sources/{slug}/batches",
    auth=SourceTokenAuth(),
    response={200: RunOut, 202: RunOut},
    url_name="federation-batches",
)
def push_batch(request: HttpRequest, slug: str) -> Status:
    """Pushes a batch of records; processed as an ingest run (see docs/federation.md)."""
    source: Source = request.auth
    if source.slug != slug:
        raise FederationError(403, "wrong_source", "This token belongs to another source.")
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key or len(key) > 200:
        raise FederationError(
            400, "idempotency_key_required", "Send an Idempotency-Key header (1–200 characters)."
        )
    if len(request.body) > MAX_BODY_BYTES:
        raise FederationError(413, "too_large", "A batch may be at most 20 MB; split it.")
    try:
        body = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FederationError(400, "invalid_json", f"The body is not JSON: {exc}") from None
    records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(records, list) or not records or len(records) > 10_000:
        raise FederationError(
            422, "invalid_batch", 'Expected {"records": [...]} with 1–10,000 records.'
        )
    try:
        run, created = ingest_start(source=source, records=records, idempotency_key=key)
    except IdempotencyConflictError:
        raise FederationError(
            409, "idempotency_conflict", "This Idempotency-Key was used for a different batch."
        ) from None
    return Status(202 if created else 200, run_out(run))


@router.get(
    "/sources/{slug}/runs/{run_id}",
    auth=SourceOrUserAuth(),
    response=RunOut,
    url_name="federation-run",
)
def run_detail(request: HttpRequest, slug: str, run_id: int) -> dict[str, Any]:
    """A run of the source: for its token, the institution's staff and city operators."""
    run = IngestRun.objects.select_related("source").filter(pk=run_id, source__slug=slug).first()
    caller = request.auth
    allowed = (
        caller.pk == run.source_id
        if isinstance(caller, Source) and run is not None
        else run is not None and can_manage_source(caller, run.source)
    )
    if not allowed:
        raise FederationError(404, "not_found", "Not found.")
    return run_out(run)
