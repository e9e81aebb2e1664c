"""Member edits as claims: what an organization's own people (or staff, operators) change on
its profile is kept as a claim of the platform's ``sadari-edits`` source, whose priority is
above the institutions' feeds, so a nightly feed does not silently undo an edit. The feed's
differing value stays visible as a conflicting claim on the profile. An official registry
(``is_registry``) still wins, as for every other source.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from sadari.federation.entities import ORG_FIELDS, write_claims
from sadari.federation.models import LinkMethod, RecordKind, Source, SourceRecord

EDITS_SLUG = "sadari-edits"
EDITS_PRIORITY = 90


def edits_source() -> Source:
    """The platform's own source of member edits (created on first use; accepts no pushes)."""
    source, _created = Source.objects.get_or_create(
        slug=EDITS_SLUG,
        defaults={
            "name": "사다리에서 직접 수정",
            "name_en": "Edited on Sadari",
            "owner": None,
            "kinds": [RecordKind.ORGANIZATION],
            "priority": EDITS_PRIORITY,
            "is_active": False,
        },
    )
    return source


def _claim_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def record_member_edit(organization: Any, changed: dict[str, Any], by: Any) -> None:
    """Keeps an edit of ``organization`` as claims (the directory calls this in the edit's
    transaction). Fields feeds don't claim (e.g. the host) are left alone."""
    values = {name: _claim_value(v) for name, v in changed.items() if name in ORG_FIELDS}
    if not values:
        return
    # Claims hold values, not their absence: clearing a field withdraws the earlier edit's
    # claim, and the feeds' value (if any) is shown again on the next ingest.
    cleared = {name for name, v in values.items() if v in (None, "", [], {})}
    now = timezone.now()
    source = edits_source()
    record, _created = SourceRecord.objects.get_or_create(
        source=source,
        kind=RecordKind.ORGANIZATION,
        source_key=str(organization.pk),
        defaults={
            "payload": {},
            "content_hash": "",
            "observed_at": now,
            "entity_id": organization.pk,
            "link_method": LinkMethod.OWNER,
            "link_score": 1.0,
        },
    )
    # The record holds every field edited so far; this edit's values replace earlier ones.
    data = {
        name: v
        for name, v in {**(record.payload.get("data") or {}), **values}.items()
        if name not in cleared
    }
    editor = getattr(by, "get_username", lambda: "")()
    record.payload = {"kind": "organization", "id": record.source_key, "data": data,
                      "edited_by": editor}  # fmt: skip
    record.observed_at, record.entity_id = now, organization.pk
    record.save()
    write_claims(record, RecordKind.ORGANIZATION, organization.pk, data, now)
