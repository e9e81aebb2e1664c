"""Directory writes. Every write keeps the search index in step in the same transaction."""

from typing import Any

from django.db import transaction

from sadari.common.audit import audit_record
from sadari.directory import extensions, search
from sadari.directory.models import Organization, Person, Program, Space
from sadari.directory.validators import clean_brn

ORGANIZATION_EDITABLE_FIELDS = (
    "name_ko", "name_en", "aliases", "business_number", "founded_on", "city", "district",
    "address", "industry", "stage", "employees", "homepage", "description_ko", "description_en",
    "contact_email", "contact_phone", "revenue_krw", "category", "host",
)  # fmt: skip


@transaction.atomic
def organization_create(*, by: Any = None, **fields: Any) -> Organization:
    """Creates an organization and indexes it. Validates every field (ValidationError).

    Transactional; not idempotent (importers look up by business number first).
    """
    fields["business_number"] = clean_brn(fields.get("business_number"))
    org = Organization(**fields)
    org.full_clean()
    org.save()
    search.index_objects([org])
    if by is not None:
        audit_record(actor=by, action="organization.create", target=org)
    return org


@transaction.atomic
def organization_update(*, organization: Organization, by: Any, **fields: Any) -> Organization:
    """Updates editable fields, validates, re-indexes and audits. The caller checks permission."""
    changed = {}
    for name, value in fields.items():
        if name not in ORGANIZATION_EDITABLE_FIELDS:
            raise ValueError(f"field {name!r} is not editable")
        if name == "business_number":
            value = clean_brn(value)
        if getattr(organization, name) != value:
            changed[name] = value
            setattr(organization, name, value)
    if changed:
        organization.full_clean()
        organization.save()
        search.index_objects([organization])
        audit_record(
            actor=by, action="organization.update", target=organization, fields=sorted(changed)
        )
        extensions.organization_edited(organization, changed, by)
    return organization


@transaction.atomic
def organizations_bulk_create(
    rows: list[Organization], *, batch_size: int = 2000
) -> list[Organization]:
    """Bulk insert for the demo generator and importers; rows must already be validated."""
    for row in rows:
        row.fill_sort_name()  # bulk_create skips save()
    created = Organization.objects.bulk_create(rows, batch_size=batch_size)
    search.index_objects(created)
    return created


@transaction.atomic
def person_create(**fields: Any) -> Person:
    person = Person(**fields)
    person.full_clean()
    person.save()
    search.index_objects([person])
    return person


@transaction.atomic
def program_create(**fields: Any) -> Program:
    program = Program(**fields)
    program.full_clean()
    program.save()
    search.index_objects([program])
    return program


@transaction.atomic
def space_create(**fields: Any) -> Space:
    space = Space(**fields)
    space.full_clean()
    space.save()
    return space
