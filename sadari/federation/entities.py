"""Records to entities: resolve which directory entity a record describes, keep its field
claims, choose the shown values by the survivorship policy, write the entity, emit the change.

Runs inside the ingest pipeline's per-record savepoint: everything here is all-or-nothing per
record. Organizations are resolved by this source's id, then 사업자등록번호, then the
entity-resolution engine (``sadari_core.resolution``): at or above ``AUTO_LINK_THRESHOLD`` the
record joins the organization; between the thresholds a new organization is created and the
pair waits in the review queue; below, a new organization.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.directory import search
from sadari.directory.enums import OrgKind
from sadari.directory.models import Event, Organization, Program, Space
from sadari.federation.fields import PRIVATE_FIELDS, model_value
from sadari.federation.models import (
    FieldClaim,
    LinkMethod,
    MatchCandidate,
    OrganizationKey,
    Source,
    SourceRecord,
    SupportAward,
)
from sadari.feed.services import change_record
from sadari.investment.models import FundingRound, RoundInvestor
from sadari.jobs.models import JobPosting
from sadari_core.resolution import (
    AUTO_LINK_THRESHOLD,
    REVIEW_THRESHOLD,
    CompanyRecord,
    company_blocking_keys,
    score_company_pair,
)
from sadari_core.survivorship import Claim, Decision, decide
from sadari_core.text.company import normalize_company_name

MAX_CANDIDATES = 12


@dataclass(slots=True)
class _Chunk:
    """What one ingest chunk defers to its end (search indexing, blocking keys) and caches for
    its duration (the sources, read once)."""

    index_orgs: set[int] = field(default_factory=set)
    index_programs: set[int] = field(default_factory=set)
    key_orgs: set[int] = field(default_factory=set)
    sources: dict[int, Source] = field(default_factory=dict)


_chunk: ContextVar[_Chunk | None] = ContextVar("federation_chunk", default=None)


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Within the block, touched organizations and programs are re-indexed (and organizations'
    blocking keys rewritten) once, at its end, inside the caller's transaction."""
    token = _chunk.set(_Chunk())
    try:
        yield
        flush_deferred()
    finally:
        _chunk.reset(token)


def is_deferring() -> bool:
    return _chunk.get() is not None


def _touch(kind: str, obj: Any, *, index: bool = True, keys: bool = True) -> None:
    """Re-index ``obj`` and/or rewrite its blocking keys, now or at the end of the chunk."""
    chunk = _chunk.get()
    keys = keys and kind == "organization"
    if chunk is None:
        if index:
            search.index_objects([obj])
        if keys:
            organization_keys_refresh([obj])
        return
    if index:
        (chunk.index_orgs if kind == "organization" else chunk.index_programs).add(obj.pk)
    if keys:
        chunk.key_orgs.add(obj.pk)


def flush_deferred() -> None:
    chunk = _chunk.get()
    if chunk is None:
        return
    orgs = list(Organization.objects.filter(pk__in=chunk.index_orgs | chunk.key_orgs))
    programs = list(Program.objects.filter(pk__in=chunk.index_programs).select_related("host"))
    search.index_objects([*(o for o in orgs if o.pk in chunk.index_orgs), *programs])
    organization_keys_refresh([o for o in orgs if o.pk in chunk.key_orgs])
    chunk.index_orgs.clear()
    chunk.index_programs.clear()
    chunk.key_orgs.clear()


class RecordRejectedError(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


# --- organizations: resolution -------------------------------------------------------------


def company_record(org: Organization) -> CompanyRecord:
    return CompanyRecord(
        id=str(org.pk),
        name=org.name_ko,
        name_en=org.name_en,
        aliases=tuple(org.aliases or ()),
        business_number=org.business_number or "",
        homepage=org.homepage,
        region=org.district,
    )


def values_record(values: dict[str, Any]) -> CompanyRecord:
    return CompanyRecord(
        id="incoming",
        name=values.get("name_ko") or values.get("name_en", ""),
        name_en=values.get("name_en", ""),
        aliases=tuple(values.get("aliases") or ()),
        business_number=values.get("business_number", ""),
        homepage=values.get("homepage", ""),
        region=values.get("district", ""),
    )


def organization_keys_refresh(orgs: list[Organization]) -> None:
    """Rewrites the blocking keys of ``orgs`` (after they were created or changed)."""
    OrganizationKey.objects.filter(organization__in=orgs).delete()
    OrganizationKey.objects.bulk_create(
        [
            OrganizationKey(organization=org, key=key[:120])
            for org in orgs
            if org.merged_into_id is None
            for key in sorted(company_blocking_keys(company_record(org)))
        ],
        ignore_conflicts=True,
    )


def survivor(org_id: int | None) -> Organization | None:
    """The organization shown for ``org_id``, following merges."""
    seen = set()
    org = Organization.objects.filter(pk=org_id).first() if org_id else None
    while org is not None and org.merged_into_id and org.pk not in seen:
        seen.add(org.pk)
        org = Organization.objects.filter(pk=org.merged_into_id).first()
    return org


def resolve_organization(
    values: dict[str, Any],
) -> tuple[Organization | None, str, float | None, list[tuple[Organization, Any]]]:
    """(organization or None, link method, score, review candidates) for incoming values."""
    brn = values.get("business_number")
    if brn:
        org = Organization.objects.filter(business_number=brn).first()
        if org is not None and org.merged_into_id:
            org = survivor(org.merged_into_id)
        if org is not None:
            return org, LinkMethod.BUSINESS_NUMBER, 1.0, []
    incoming = values_record(values)
    keys = [k[:120] for k in company_blocking_keys(incoming)]
    # The candidates sharing the most blocking keys: a bounded, best-first set to score.
    ids = list(
        OrganizationKey.objects.filter(key__in=keys)
        .values("organization_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "organization_id")
        .values_list("organization_id", flat=True)[:MAX_CANDIDATES]
    )
    best: tuple[Organization, Any] | None = None
    review: list[tuple[Organization, Any]] = []
    for org in Organization.objects.filter(pk__in=ids, merged_into__isnull=True):
        match = score_company_pair(incoming, company_record(org))
        if best is None or match.probability > best[1].probability:
            best = (org, match)
        if REVIEW_THRESHOLD <= match.probability < AUTO_LINK_THRESHOLD:
            review.append((org, match))
    if best is not None and best[1].probability >= AUTO_LINK_THRESHOLD:
        return best[0], LinkMethod.AUTO, best[1].probability, []
    review.sort(key=lambda pair: -pair[1].probability)
    return None, LinkMethod.NEW, (best[1].probability if best else None), review[:5]


def resolve_ref(source: Source, ref: dict[str, Any] | None, *, default_kind: str) -> Organization:
    """The organization a reference inside a record names (created when unknown)."""
    if not ref:
        return source.owner
    if ref.get("id"):
        linked = (
            SourceRecord.objects.filter(source=source, kind="organization", source_key=ref["id"])
            .values_list("entity_id", flat=True)
            .first()
        )
        org = survivor(linked)
        if org is not None:
            return org
    values = {k: v for k, v in ref.items() if k in {"business_number", "name_ko", "name_en"}}
    if (
        not values.get("name_ko")
        and not values.get("name_en")
        and not values.get("business_number")
    ):
        raise RecordRejectedError([("id", _("refers to an organization this source never sent"))])
    name = values.get("name_ko") or values.get("name_en")
    if name and not values.get("business_number"):
        # A reference carries little else: an organization with exactly this name is it (the
        # oldest, when several share it, rather than yet another copy).
        if name in {source.owner.name_ko, source.owner.name_en}:
            return source.owner
        exact = (
            Organization.objects.filter(Q(name_ko=name) | Q(name_en=name), merged_into__isnull=True)
            .order_by("pk")
            .first()
        )
        if exact is not None:
            return exact
    org, _method, _score, _review = resolve_organization(values)
    if org is not None:
        return org
    if not values.get("name_ko") and not values.get("name_en"):
        raise RecordRejectedError([("business_number", _("no organization has this number"))])
    org = Organization(
        kind=default_kind,
        name_ko=values.get("name_ko") or values.get("name_en", ""),
        name_en=values.get("name_en", ""),
        business_number=values.get("business_number") or None,
        is_fictional=source.is_fictional,
    )
    _save(org)
    return org


# --- claims and survivorship -----------------------------------------------------------------


def write_claims(
    record: SourceRecord, kind: str, entity_id: int, values: dict[str, Any], observed_at: datetime
) -> set[str]:
    """Keeps the record's current claims in step with ``values``; returns the changed fields."""
    now = timezone.now()
    current = {c.field: c for c in FieldClaim.objects.filter(record=record, superseded_at=None)}
    changed: set[str] = set()
    for name, claim in current.items():
        if name not in values or claim.value != values[name] or claim.entity_id != entity_id:
            claim.superseded_at = now
            claim.save(update_fields=["superseded_at"])
            changed.add(name)
    new = [
        FieldClaim(
            kind=kind,
            entity_id=entity_id,
            field=name,
            value=value,
            source=record.source,
            record=record,
            observed_at=observed_at,
        )
        for name, value in values.items()
        if name not in current or name in changed
    ]
    FieldClaim.objects.bulk_create(new)
    changed.update(c.field for c in new)
    return changed


def _sources() -> dict[int, Source]:
    """Every source by id: once per ingest chunk, else per call (sources change rarely)."""
    chunk = _chunk.get()
    if chunk is None:
        return Source.objects.in_bulk()
    if not chunk.sources:
        chunk.sources.update(Source.objects.in_bulk())
    return chunk.sources


def decisions_for(kind: str, entity_id: int, fields: set[str] | None = None) -> dict[str, Decision]:
    """The survivorship decision per field from every source's current claims."""
    claims = FieldClaim.objects.filter(kind=kind, entity_id=entity_id, superseded_at=None)
    if fields is not None:
        claims = claims.filter(field__in=fields)
    by_field: dict[str, list[Claim]] = {}
    sources = _sources()
    rows = claims.values_list("pk", "field", "value", "source_id", "observed_at")
    for pk, name, value, source_id, observed_at in rows:
        source = sources.get(source_id) or Source.objects.get(pk=source_id)
        by_field.setdefault(name, []).append(
            Claim(
                value=value,
                source=source.slug,
                observed_at=observed_at,
                priority=source.priority_for(name),
                is_registry=source.is_registry,
                claim_id=pk,
            )
        )
    out = {}
    for name, field_claims in by_field.items():
        decision = decide(field_claims)
        if decision is not None:
            out[name] = decision
    return out


def _save(obj: Any, *, changed: list[str] | None = None) -> None:
    """Validates and saves; uniqueness (a query per unique field) is checked only when a unique
    field is new or changed — the database constraint stays the last word either way."""
    check_unique = obj.pk is None or changed is None or "business_number" in changed
    try:
        obj.full_clean(validate_unique=check_unique, validate_constraints=check_unique)
    except ValidationError as exc:
        raise RecordRejectedError(
            [
                (name, " ".join(str(m) for m in messages))
                for name, messages in exc.message_dict.items()
            ]
        ) from None
    obj.save()


NAME_FIELDS = frozenset({"name_ko", "name_en"})
# Changes to these need the organization's blocking keys rewritten.
KEY_FIELDS = frozenset({"name_ko", "name_en", "aliases", "business_number", "homepage", "district"})


def _apply_shown(obj: Any, shown: dict[str, Any], fields: dict[str, str]) -> list[str]:
    """Sets model fields from shown claim values; returns the names that changed."""
    changed = []
    for claim_field, attr in fields.items():
        if claim_field not in shown:
            continue
        value = model_value(claim_field, shown[claim_field])
        current = getattr(obj, attr)
        if (
            attr in NAME_FIELDS
            and current
            and isinstance(value, str)
            and normalize_company_name(current) == normalize_company_name(value)
        ):
            continue  # "(주)드론랩" vs "드론랩 주식회사": the same name, the shown spelling stays
        if current != value:
            setattr(obj, attr, value)
            changed.append(attr)
    return changed


# --- per kind ----------------------------------------------------------------------------------

ORG_FIELDS = {
    name: name
    for name in (
        "name_ko", "name_en", "aliases", "business_number", "kind", "category", "founded_on",
        "city", "district", "address", "industry", "stage", "employees", "homepage",
        "description_ko", "description_en", "contact_email", "contact_phone", "revenue_krw",
    )
}  # fmt: skip
PROGRAM_FIELDS = {
    name: name
    for name in (
        "title_ko", "title_en", "summary_ko", "summary_en", "eligibility_ko", "eligibility_en",
        "benefit_ko", "benefit_en", "benefit_amount_krw", "industry", "starts_on", "ends_on",
        "apply_by", "capacity", "url",
    )
}  # fmt: skip
SPACE_FIELDS = {
    name: name
    for name in (
        "name_ko", "name_en", "kind", "capacity", "district", "address", "description_ko",
        "description_en", "equipment",
    )
}  # fmt: skip
ROUND_FIELDS = {
    "round_type": "round_type",
    "announced_on": "announced_on",
    "amount_krw": "amount_krw",
}
AWARD_FIELDS = {
    name: name
    for name in ("program_title", "purpose", "category", "amount_krw", "starts_on", "ends_on")
}


def _shown(kind: str, entity_id: int) -> dict[str, Any]:
    return {name: d.chosen.value for name, d in decisions_for(kind, entity_id).items()}


def _org_entity(
    source: Source, record: SourceRecord, values: dict[str, Any]
) -> tuple[Organization, bool]:
    org = survivor(record.entity_id)
    if org is not None:
        return org, False
    if (
        source.owner
        and values.get("business_number")
        and values["business_number"] == source.owner.business_number
    ):
        record.link_method, record.link_score = LinkMethod.OWNER, 1.0
        return source.owner, False
    org, method, score, review = resolve_organization(values)
    record.link_method, record.link_score = method, score
    if org is not None:
        return org, False
    org = Organization(
        kind=values.get("kind") or OrgKind.STARTUP,
        name_ko=values.get("name_ko") or values.get("name_en", ""),
        name_en=values.get("name_en", ""),
        is_fictional=source.is_fictional,
    )
    _save(org)
    for other, match in review:
        left, right = sorted([org, other], key=lambda o: o.pk)
        MatchCandidate.objects.get_or_create(
            left=left,
            right=right,
            defaults={
                "score": match.probability,
                "explanation": {
                    **match.explanation.as_dict(),
                    "summary_ko": match.explanation.summary("ko"),
                    "summary_en": match.explanation.summary("en"),
                },
                "source": source,
            },
        )
    return org, True


def apply_record(
    *,
    source: Source,
    run: Any,
    kind: str,
    key: str,
    values: dict[str, Any],
    payload: Any,
    digest: str,
    observed_at: datetime,
    existing: SourceRecord | None,
) -> str:
    """Writes one cleaned record; returns "created" or "updated". Raises RecordRejectedError."""
    record = existing or SourceRecord(source=source, kind=kind, source_key=key)
    record.payload, record.content_hash = payload, digest
    record.observed_at, record.last_run = observed_at, run
    if kind == "organization":
        entity, created = _org_entity(source, record, values)
        record.entity_id = entity.pk
        record.save()
        write_claims(record, kind, entity.pk, values, observed_at)
        shown = _shown(kind, entity.pk)
        attrs = _apply_shown(entity, shown, ORG_FIELDS)
        if attrs or created:
            _save(entity, changed=None if created else attrs)
            changed = set(attrs)
            _touch(
                "organization",
                entity,
                index=created or bool(changed & search.ORGANIZATION_INDEXED_FIELDS),
                keys=created or bool(changed & KEY_FIELDS),
            )
        _emit("organization", entity.pk, created, attrs, entity, source)
        return "created" if created else "updated"
    if kind in {"program", "space"}:
        model, fields = (Program, PROGRAM_FIELDS) if kind == "program" else (Space, SPACE_FIELDS)
        host = resolve_ref(source, values.get("host"), default_kind=OrgKind.INSTITUTION)
        entity = model.objects.filter(pk=record.entity_id).first() if record.entity_id else None
        created = entity is None
        if created:
            entity = model(host=host)
        entity.host = host
        claim_values = {k: v for k, v in values.items() if k != "host"}
        # Claims need the entity id: a new entity is saved first with this record's values.
        _apply_shown(entity, claim_values, fields)
        if kind == "program" and not entity.title_ko:
            entity.title_ko = entity.title_en
        if kind == "space" and not entity.name_ko:
            entity.name_ko = entity.name_en
        _save(entity)
        record.entity_id = entity.pk
        record.save()
        write_claims(record, kind, entity.pk, claim_values, observed_at)
        attrs = _apply_shown(entity, _shown(kind, entity.pk), fields)
        if attrs:
            _save(entity)
        if kind == "program":
            _touch("program", entity)
        _emit(kind, entity.pk, created, attrs, None, source)
        return "created" if created else "updated"
    if kind == "funding_round":
        company = resolve_ref(source, values["company"], default_kind=OrgKind.STARTUP)
        entity = (
            FundingRound.objects.filter(pk=record.entity_id).first() if record.entity_id else None
        )
        if entity is None:
            day = model_value("announced_on", values["announced_on"])
            # The same round fed by another source (an investor and the company's institution).
            entity = FundingRound.objects.filter(
                company=company,
                round_type=values["round_type"],
                announced_on__range=(day - timedelta(days=31), day + timedelta(days=31)),
            ).first()
        created = entity is None
        if created:
            entity = FundingRound(company=company)
            _apply_shown(entity, values, ROUND_FIELDS)
            _save(entity)
        record.entity_id = entity.pk
        record.save()
        write_claims(
            record,
            kind,
            entity.pk,
            {k: v for k, v in values.items() if k != "company"},
            observed_at,
        )
        shown = _shown(kind, entity.pk)
        attrs = _apply_shown(entity, shown, ROUND_FIELDS)
        if attrs:
            _save(entity)
        for ref in shown.get("investors") or []:
            investor = resolve_ref(source, ref, default_kind=OrgKind.INVESTOR)
            RoundInvestor.objects.update_or_create(
                round=entity, investor=investor, defaults={"is_lead": bool(ref.get("is_lead"))}
            )
        _emit(kind, entity.pk, created, attrs, None, source)
        return "created" if created else "updated"
    if kind == "support_award":
        recipient = resolve_ref(source, values["recipient"], default_kind=OrgKind.STARTUP)
        entity = (
            SupportAward.objects.filter(pk=record.entity_id).first() if record.entity_id else None
        )
        created = entity is None
        if created:
            entity = SupportAward(recipient=recipient, institution=source.owner)
        entity.recipient = recipient
        claim_values = {k: v for k, v in values.items() if k != "recipient"}
        _apply_shown(entity, claim_values, AWARD_FIELDS)
        _save(entity)
        record.entity_id = entity.pk
        record.save()
        write_claims(record, kind, entity.pk, claim_values, observed_at)
        _emit(kind, entity.pk, created, [], None, source, is_public=False)
        return "created" if created else "updated"
    if kind in {"job_posting", "event"}:
        return _apply_simple(source, record, existing, kind, values, observed_at)
    raise RecordRejectedError([("kind", f"unsupported kind {kind}")])


SIMPLE_KINDS: dict[str, tuple[Any, str, dict[str, str], str]] = {
    # kind: (model, reference field → model FK, claim field → model field, default ref kind)
    "job_posting": (
        JobPosting,
        "employer",
        {
            name: name
            for name in (
                "title", "duties", "required_skills", "preferred_skills", "employment_type",
                "salary_min_krw", "salary_max_krw", "region", "deadline", "url",
            )
        },
        OrgKind.STARTUP,
    ),
    "event": (
        Event,
        "host",
        {
            name: name
            for name in (
                "title_ko", "title_en", "starts_on", "ends_on", "place", "url", "description_ko",
                "description_en",
            )
        },
        OrgKind.INSTITUTION,
    ),
}  # fmt: skip


def _apply_simple(
    source: Source,
    record: SourceRecord,
    existing: SourceRecord | None,
    kind: str,
    values: dict[str, Any],
    observed_at: datetime,
) -> str:
    """Kinds whose entity belongs to one source (postings, events): its values, by survivorship."""
    model, ref_field, fields, default_kind = SIMPLE_KINDS[kind]
    owner = resolve_ref(source, values.get(ref_field), default_kind=default_kind)
    entity = model.objects.filter(pk=record.entity_id).first() if record.entity_id else None
    created = entity is None
    if created:
        entity = model()
    setattr(entity, ref_field, owner)
    claim_values = {k: v for k, v in values.items() if k != ref_field}
    _apply_shown(entity, claim_values, fields)
    if kind == "event" and not entity.title_ko:
        entity.title_ko = entity.title_en
    _save(entity)
    record.entity_id = entity.pk
    record.save()
    write_claims(record, kind, entity.pk, claim_values, observed_at)
    attrs = _apply_shown(entity, _shown(kind, entity.pk), fields)
    if attrs:
        _save(entity)
    _emit(kind, entity.pk, created, attrs, None, source)
    return "created" if created else "updated"


def _emit(
    kind: str,
    entity_id: int,
    created: bool,
    fields: list[str],
    org: Organization | None,
    source: Source,
    *,
    is_public: bool = True,
) -> None:
    public = [f for f in fields if f not in PRIVATE_FIELDS]
    data: dict[str, Any] = {}
    if org is not None:
        data = {"name": org.name, "url": org.get_absolute_url()}
        for name in public:
            value = getattr(org, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    change_record(
        kind=kind,
        entity_id=entity_id,
        action="created" if created else "updated",
        fields=sorted(fields),
        data=data,
        source=source.slug,
        is_public=is_public,
    )
