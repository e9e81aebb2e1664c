"""Federation writes: registering sources, rotating their tokens, starting ingest runs."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from sadari.common.audit import audit_record
from sadari.federation.ingest import ingest_run_create
from sadari.federation.models import Channel, IngestRun, Source, SourceToken
from sadari.federation.tasks import task_ingest_run_execute
from sadari.federation.upload import records_from_file


@transaction.atomic
def source_create(*, by: Any = None, **fields: Any) -> tuple[Source, str]:
    """Registers a source and issues its first push token. Returns (source, raw token): the raw
    token is shown once. Validates (ValidationError)."""
    source = Source(**fields)
    source.full_clean()
    source.save()
    _token, raw = SourceToken.issue(source=source)
    if by is not None:
        audit_record(actor=by, action="source.create", target=source)
    return source, raw


@transaction.atomic
def source_token_rotate(*, source: Source, by: Any = None, keep_old: bool = False) -> str:
    """Issues a new push token; revokes the current ones unless ``keep_old`` (a grace period
    during which the institution switches over). Returns the raw new token (shown once)."""
    if not keep_old:
        source.tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    _token, raw = SourceToken.issue(source=source)
    if by is not None:
        audit_record(actor=by, action="source.rotate_token", target=source)
    return raw


def ingest_start(
    *,
    source: Source,
    records: list[Any],
    channel: str = Channel.PUSH,
    idempotency_key: str = "",
    filename: str = "",
    first_row: int = 1,
    by: Any = None,
) -> tuple[IngestRun, bool]:
    """Stores the batch as a run and hands it to the task queue (run inline by the immediate
    backend; by a worker when one is configured). Returns (run, created)."""
    run, created = ingest_run_create(
        source=source,
        records=records,
        channel=channel,
        idempotency_key=idempotency_key,
        filename=filename,
        first_row=first_row,
        by=by,
    )
    if created:
        transaction.on_commit(lambda: task_ingest_run_execute.enqueue(run_id=run.pk))
    run.refresh_from_db()
    return run, created


def ingest_file(
    *,
    source: Source,
    kind: str,
    data: bytes,
    filename: str,
    channel: str = Channel.UPLOAD,
    idempotency_key: str = "",
    by: Any = None,
) -> IngestRun | None:
    """Reads a CSV/TSV/XLSX/JSON file into records and starts a run; None when the file has no
    records. Raises ``ImportFileError`` (with a message for the user) for unreadable files."""
    records = records_from_file(source, kind, data, filename)
    if not records:
        return None
    run, _created = ingest_start(
        source=source,
        records=records,
        channel=channel,
        idempotency_key=idempotency_key,
        filename=filename,
        by=by,
    )
    return run
