"""The ingest pipeline: one path for pushed batches, uploaded files and scheduled pulls.

A batch becomes an ``IngestRun`` (stored with its records, so it can be resumed). Records are
processed in chunks: a chunk's organizations are written together (one query per step, falling
back to one by one on a database error), every other record in its own savepoint, and a chunk
commits together with the run's counters and resume position. So:

- a bad record is **rejected alone**, with its row number, field and message; the others land;
- the same batch twice changes nothing (content hashes; an ``Idempotency-Key`` replays the run);
- a process killed mid-run leaves whole records only, and ``ingest_run_execute`` resumes at the
  committed position (``sadari resume-ingest``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from sadari.federation import entities
from sadari.federation.fields import clean
from sadari.federation.models import Channel, IngestRun, RunStatus, Source, SourceRecord
from sadari.federation.schemas import SCHEMA_DIGEST, record_errors

logger = logging.getLogger(__name__)

CHUNK = 500
# Fewer organization records than this in a chunk are written one by one.
BULK_MIN = 2
MAX_ERRORS = 1000


class IdempotencyConflictError(Exception):
    """The Idempotency-Key was used before with a different batch."""


def payload_hash(records: list[Any]) -> str:
    return hashlib.sha256(
        json.dumps(records, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def apply_mapping(source: Source, record: Any) -> Any:
    """Renames the source's own field names in ``record["data"]`` to Sadari's (its mapping)."""
    mapping = source.field_mapping or {}
    if not mapping or not isinstance(record, dict) or not isinstance(record.get("data"), dict):
        return record
    data = {mapping.get(k, k): v for k, v in record["data"].items()}
    return {**record, "data": data}


@transaction.atomic
def ingest_run_create(
    *,
    source: Source,
    records: list[Any],
    channel: str = Channel.PUSH,
    idempotency_key: str = "",
    filename: str = "",
    first_row: int = 1,
    by: Any = None,
) -> tuple[IngestRun, bool]:
    """Stores a batch as a pending run. Returns (run, created).

    With an ``idempotency_key`` already used by this source: the same batch returns the earlier
    run (created False); a different batch raises ``IdempotencyConflictError``.
    """
    digest = payload_hash(records)
    if idempotency_key:
        earlier = IngestRun.objects.filter(source=source, idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.payload_hash != digest:
                raise IdempotencyConflictError(idempotency_key)
            return earlier, False
    run = IngestRun.objects.create(
        source=source,
        channel=channel,
        idempotency_key=idempotency_key,
        payload_hash=digest,
        filename=filename[:255],
        records=records,
        received=len(records),
        first_row=first_row,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    return run, True


@dataclass(slots=True)
class Outcome:
    status: str  # created | updated | unchanged | rejected
    errors: list[tuple[str, str]]


def ingest_run_execute(run: IngestRun) -> IngestRun:
    """Processes a run from its committed position to the end. Resumable; never raises on bad
    records (they are rejected with errors); a bug fails the run with the message kept."""
    if run.is_finished:
        return run
    IngestRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=run.started_at or timezone.now()
    )
    run.refresh_from_db()
    source = run.source
    records = run.records  # read once; each chunk locks the run row without re-reading them
    cache = entities.RunCache()  # what the run's chunks share (sources, common keys)
    try:
        while run.position < len(records):
            with transaction.atomic(), entities.deferred_indexing(cache):
                locked = IngestRun.objects.select_for_update().defer("records").get(pk=run.pk)
                start = locked.position
                chunk = records[start : start + CHUNK]
                outcomes = _process_chunk(source, locked, chunk)
                for offset, (record, outcome) in enumerate(zip(chunk, outcomes, strict=True)):
                    _count(
                        locked, _row_of(record, start + offset + locked.first_row), record, outcome
                    )
                locked.position = start + len(chunk)
                locked.save(
                    update_fields=[
                        "position", "created", "updated", "unchanged", "rejected", "errors",
                        "updated_at",
                    ]
                )  # fmt: skip
            run = locked
    except Exception as exc:
        logger.exception("ingest run %s failed", run.pk)
        IngestRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, finished_at=timezone.now()
        )
        run.refresh_from_db()
        run.errors = [*run.errors, {"row": None, "id": None, "field": "", "message": str(exc)}]
        run.save(update_fields=["errors"])
        return run
    run.status = RunStatus.PARTIAL if run.rejected else RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at", "updated_at"])
    return run


def _row_of(record: Any, default: int) -> int:
    row = record.get("_row") if isinstance(record, dict) else None
    return row if isinstance(row, int) else default


def _count(run: IngestRun, row: int, record: Any, outcome: Outcome) -> None:
    setattr(run, outcome.status, getattr(run, outcome.status) + 1)
    if outcome.status == "rejected" and len(run.errors) < MAX_ERRORS:
        key = record.get("id") if isinstance(record, dict) else None
        for field_name, message in outcome.errors:
            run.errors.append({"row": row, "id": key, "field": field_name, "message": message})


def _observed_at(record: dict[str, Any]) -> datetime:
    value = record.get("observed_at")
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        return timezone.now()
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def content_hash(kind: str, values: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps([kind, values], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


# Bump when cleaning or validation changes what a record as sent becomes: raw hashes made
# before then stop matching, and such records are validated and compared by content again.
RAW_HASH_VERSION = 1


def _mapping_digest(source: Source) -> str:
    """What, besides the record, decides how a record as sent is read: the code's version, the
    record schemas and the source's field mapping (cached on the source object)."""
    cached = getattr(source, "_raw_hash_prefix", None)
    if cached is None:
        cached = hashlib.sha256(
            json.dumps(
                [RAW_HASH_VERSION, SCHEMA_DIGEST, source.field_mapping or {}],
                sort_keys=True,
                ensure_ascii=False,
                default=str,
            ).encode()
        ).hexdigest()
        source._raw_hash_prefix = cached  # type: ignore[attr-defined]
    return cached


def raw_hash(source: Source, record: Any) -> str:
    """The hash of a (mapped) record as sent: kind, id and data — not ``observed_at``, so a
    feed that stamps every record each day still matches. Empty for a malformed record."""
    if not isinstance(record, dict) or not isinstance(record.get("data"), dict):
        return ""
    try:
        text = json.dumps(
            [_mapping_digest(source), record.get("kind"), record.get("id"), record["data"]],
            sort_keys=True,
            ensure_ascii=False,
        )
    except (TypeError, ValueError):
        return ""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(slots=True)
class Known:
    """A record of the source seen before: its pk, content hash and raw hash."""

    pk: int
    digest: str
    raw: str


def _known_records(source: Source, chunk: list[Any]) -> dict[tuple[str, str], Known]:
    """(kind, source id) → the chunk's records seen before: one query per chunk, without the
    stored payloads."""
    keys = {str(r.get("id")) for r in chunk if isinstance(r, dict) and r.get("id") is not None}
    # With the kinds, the lookup is an index seek per key (the unique index is source, kind,
    # source id), not a scan of every record of the source.
    kinds = {r["kind"] for r in chunk if isinstance(r, dict) and isinstance(r.get("kind"), str)}
    rows = SourceRecord.objects.filter(
        source=source, kind__in=kinds, source_key__in=keys
    ).values_list("kind", "source_key", "pk", "content_hash", "raw_hash")
    return {(kind, key): Known(pk, digest, raw) for kind, key, pk, digest, raw in rows}


@dataclass(slots=True)
class Prepared:
    """A valid, changed record, ready to be written."""

    kind: str
    key: str
    values: dict[str, Any]
    payload: Any
    digest: str
    observed_at: datetime
    record_pk: int | None
    raw_digest: str = ""


def _process_chunk(source: Source, run: IngestRun, chunk: list[Any]) -> list[Outcome]:
    """Outcomes of a chunk's records, in order. Organizations are written together
    (``entities.apply_organizations``); the other kinds, and a record whose id came earlier in
    the chunk, one by one in their own savepoints."""
    known = _known_records(source, chunk)
    outcomes: list[Outcome | None] = [None] * len(chunk)
    prepared: dict[int, Prepared] = {}
    later: list[int] = []
    seen: set[tuple[str, str]] = set()
    restamp: list[tuple[str, int]] = []  # (raw hash, record pk): same content, sent differently
    for offset, raw in enumerate(chunk):
        result = _prepare(source, raw, known, restamp)
        if isinstance(result, Outcome):
            outcomes[offset] = result
        elif (result.kind, result.key) in seen:
            later.append(offset)  # its predecessor decides whether it changes anything
        else:
            seen.add((result.kind, result.key))
            prepared[offset] = result
    if restamp:
        SourceRecord.objects.bulk_update(
            [SourceRecord(pk=pk, raw_hash=digest) for digest, pk in restamp], ["raw_hash"]
        )
    orgs = [offset for offset, p in prepared.items() if p.kind == "organization"]
    if len(orgs) >= BULK_MIN:
        for offset, outcome in zip(
            orgs, _apply_organizations(source, run, prepared, orgs), strict=True
        ):
            outcomes[offset] = outcome
    for offset, p in prepared.items():
        if outcomes[offset] is None:
            outcomes[offset] = _apply_one(source, run, p)
    if later:
        known.update(_known_records(source, [chunk[offset] for offset in later]))
        for offset in later:
            result = _prepare(source, chunk[offset], known)
            if isinstance(result, Prepared):
                outcome = _apply_one(source, run, result)
                known.update(_known_records(source, [chunk[offset]]))
                result = outcome
            outcomes[offset] = result
    return [outcome for outcome in outcomes if outcome is not None]


def _apply_organizations(
    source: Source, run: IngestRun, prepared: dict[int, Prepared], offsets: list[int]
) -> list[Outcome | None]:
    """The bulk write of a chunk's organizations; on a database error it is rolled back and
    the records get None (the caller then writes them one by one)."""
    items = [
        entities.OrgItem(
            key=p.key,
            values=p.values,
            payload=p.payload,
            digest=p.digest,
            observed_at=p.observed_at,
            record_pk=p.record_pk,
            raw_digest=p.raw_digest,
        )
        for p in (prepared[offset] for offset in offsets)
    ]
    try:
        with transaction.atomic():
            results = entities.apply_organizations(source=source, run=run, items=items)
    except (IntegrityError, entities.RecordRejectedError):
        logger.info("bulk write of %s organizations replayed one by one", len(items), exc_info=True)
        return [None] * len(items)
    return [
        Outcome("rejected", result.errors)
        if isinstance(result, entities.RecordRejectedError)
        else Outcome(result, [])
        for result in results
    ]


def _prepare(
    source: Source,
    raw: Any,
    known: dict[tuple[str, str], Known],
    restamp: list[tuple[str, int]] | None = None,
) -> Outcome | Prepared:
    """Validates and cleans one record: an Outcome when it is rejected or unchanged. A record
    sent exactly as before (its raw hash) is unchanged without validating it again."""
    if isinstance(raw, dict) and "_row" in raw:  # uploads: the file's row number, not data
        raw = {k: v for k, v in raw.items() if k != "_row"}
    record = apply_mapping(source, raw)
    raw_digest = raw_hash(source, record)
    if raw_digest:
        before = known.get((str(record.get("kind")), str(record.get("id"))))
        if (
            before is not None
            and before.raw == raw_digest
            and (not source.kinds or record.get("kind") in source.kinds)
        ):
            return Outcome("unchanged", [])
    errors = record_errors(record)
    if errors:
        return Outcome("rejected", errors)
    kind = record["kind"]
    if source.kinds and kind not in source.kinds:
        message = _("this source does not send %(kind)s") % {"kind": kind}
        return Outcome("rejected", [("kind", message)])
    values, errors = clean(kind, record["data"])
    if errors:
        return Outcome("rejected", errors)
    key = str(record["id"])
    digest = content_hash(kind, values)
    seen = known.get((kind, key))
    if seen is not None and seen.digest == digest:
        if restamp is not None and raw_digest and seen.raw != raw_digest:
            restamp.append((raw_digest, seen.pk))
        return Outcome("unchanged", [])
    return Prepared(
        kind=kind,
        key=key,
        values=values,
        payload=raw,
        digest=digest,
        observed_at=_observed_at(record),
        record_pk=seen.pk if seen is not None else None,
        raw_digest=raw_digest,
    )


def _apply_one(source: Source, run: IngestRun, p: Prepared) -> Outcome:
    existing = SourceRecord.objects.filter(pk=p.record_pk).first() if p.record_pk else None
    try:
        with transaction.atomic():
            status = entities.apply_record(
                source=source,
                run=run,
                kind=p.kind,
                key=p.key,
                values=p.values,
                payload=p.payload,
                digest=p.digest,
                observed_at=p.observed_at,
                existing=existing,
                raw_digest=p.raw_digest,
            )
    except entities.RecordRejectedError as exc:
        return Outcome("rejected", exc.errors)
    except IntegrityError as exc:
        return Outcome("rejected", [("", _("conflicts with existing data: %(e)s") % {"e": exc})])
    return Outcome(status, [])
