"""Records to entities: resolve which directory entity a record describes, keep its field
claims, choose the shown values by the survivorship policy, write the entity, emit the change.

Runs inside the ingest pipeline's per-record savepoint: everything here is all-or-nothing per
record. Organizations are resolved by this source's id, then 사업자등록번호, then the
entity-resolution engine (``sadari_core.resolution``): at or above ``AUTO_LINK_THRESHOLD`` the
record joins the organization; between the thresholds a new organization is created and the
pair waits in the review queue; below, a new organization.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.common.db import create_rows, insert_rows, insert_values, update_rows
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
from sadari.feed.services import change_record, change_records
from sadari.investment.enums import RoundSource
from sadari.investment.models import FundingRound, RoundInvestor
from sadari.jobs.models import JobPosting
from sadari_core.resolution import (
    AUTO_LINK_THRESHOLD,
    REVIEW_THRESHOLD,
    CompanyRecord,
    CompanyScorer,
    company_blocking_keys,
    score_company_pair,
)
from sadari_core.survivorship import Claim, Decision, decide
from sadari_core.text.company import normalize_company_name

MAX_CANDIDATES = 12
# A blocking key shared by more organizations than this is skipped when ranking candidates.
BLOCK_CAP = 50


@dataclass(slots=True)
class RunCache:
    """What the chunks of one ingest run share: the sources by id (read once; a change to a
    source's priorities applies from the next run) and the blocking keys found common (held by
    more than ``BLOCK_CAP`` organizations: ranking skips them, so they are not fetched again).
    Keys mostly gain organizations as a run goes on; one that falls back under the cap within
    the run (a merge, a renamed survivor, a rolled-back record) stays skipped until the run
    ends — its organizations are still found by their other keys."""

    sources: dict[int, Source] = field(default_factory=dict)
    common_keys: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Chunk:
    """What one ingest chunk defers to its end (search indexing, blocking keys), and the cache
    it shares with the other chunks of its run."""

    index_orgs: set[int] = field(default_factory=set)
    index_programs: set[int] = field(default_factory=set)
    key_orgs: set[int] = field(default_factory=set)
    cache: RunCache = field(default_factory=RunCache)


_chunk: ContextVar[_Chunk | None] = ContextVar("federation_chunk", default=None)


@contextmanager
def deferred_indexing(cache: RunCache | None = None) -> Iterator[None]:
    """Within the block, touched organizations' blocking keys are rewritten once, at its end,
    inside the caller's transaction; touched organizations and programs are queued for search
    indexing, which runs after commit (``search.index_later``). ``cache``: shared between the
    blocks of one ingest run."""
    token = _chunk.set(_Chunk(cache=cache if cache is not None else RunCache()))
    try:
        yield
        flush_deferred()
    finally:
        _chunk.reset(token)


def is_deferring() -> bool:
    return _chunk.get() is not None


def _touch(kind: str, obj: Any, *, index: bool = True, keys: bool = True) -> None:
    """Rewrites an organization's blocking keys now (a later record of the same chunk must find
    it) and re-indexes ``obj`` now or, inside ``deferred_indexing``, after commit."""
    if keys and kind == "organization":
        organization_keys_refresh([obj])
    if not index:
        return
    chunk = _chunk.get()
    if chunk is None:
        search.index_objects([obj])
    else:
        (chunk.index_orgs if kind == "organization" else chunk.index_programs).add(obj.pk)


def _touch_many(*, index: list[int], keys: list[int]) -> None:
    """``_touch`` for many organizations at once: keys rewritten at the end of the chunk (the
    bulk writer resolves within the chunk itself), indexing after commit."""
    chunk = _chunk.get()
    if chunk is None:
        organization_keys_refresh_ids(keys)
        search.index_objects(list(Organization.objects.filter(pk__in=index)))
        return
    chunk.index_orgs.update(index)
    chunk.key_orgs.update(keys)


def flush_deferred() -> None:
    chunk = _chunk.get()
    if chunk is None:
        return
    search.index_later("organization", sorted(chunk.index_orgs))
    search.index_later("program", sorted(chunk.index_programs))
    organization_keys_refresh_ids(sorted(chunk.key_orgs))
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
    _keys_write({org.pk: None if org.merged_into_id else company_record(org) for org in orgs})


def organization_keys_refresh_ids(org_ids: Iterable[int]) -> None:
    """``organization_keys_refresh`` for the organizations with these ids, read from the database
    (just the columns the keys come from)."""
    ids = list(org_ids)
    if not ids:
        return
    rows = Organization.objects.filter(pk__in=ids).values_list(*RECORD_COLUMNS, "merged_into_id")
    _keys_write({row[0]: None if row[-1] else row_record(row) for row in rows})


# The columns ``row_record`` reads (``values_list``): no model instances for comparisons.
RECORD_COLUMNS = ("pk", "name_ko", "name_en", "aliases", "business_number", "homepage", "district")


def row_record(row: tuple[Any, ...]) -> CompanyRecord:
    """``company_record`` of an organization read as ``values_list(*RECORD_COLUMNS)``."""
    pk, name_ko, name_en, aliases, brn, homepage, district = row[:7]
    return CompanyRecord(
        id=str(pk),
        name=name_ko,
        name_en=name_en,
        aliases=tuple(aliases or ()),
        business_number=brn or "",
        homepage=homepage,
        region=district,
    )


def _keys_write(records: dict[int, CompanyRecord | None]) -> None:
    """Sets the keys of these organizations (None: merged away, no keys) to those of their
    records: one read, and only the keys that changed deleted or inserted."""
    if not records:
        return
    wanted = {
        pk: {key[:120] for key in company_blocking_keys(rec)} if rec is not None else set()
        for pk, rec in records.items()
    }
    stale: list[int] = []
    for row_id, org_id, key in OrganizationKey.objects.filter(
        organization_id__in=list(records)
    ).values_list("pk", "organization_id", "key"):
        keys = wanted[org_id]
        if key in keys:
            keys.discard(key)  # kept; what is left in wanted is new
        else:
            stale.append(row_id)
    for start in range(0, len(stale), 500):
        OrganizationKey.objects.filter(pk__in=stale[start : start + 500]).delete()
    insert_values(
        OrganizationKey,
        ["organization_id", "key"],
        ((pk, key) for pk, keys in wanted.items() for key in sorted(keys)),
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
    ids = _ranked(keys, _orgs_by_key(keys))
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
    existing = {record.pk} if record.pk else set()
    rows = [(record, entity_id, values, observed_at)]
    return _write_claims_bulk(kind, rows, existing=existing, now=timezone.now())[entity_id]


def _sources() -> dict[int, Source]:
    """Every source by id: once per ingest chunk, else per call (sources change rarely)."""
    chunk = _chunk.get()
    if chunk is None:
        return Source.objects.in_bulk()
    if not chunk.cache.sources:
        chunk.cache.sources.update(Source.objects.in_bulk())
    return chunk.cache.sources


def decisions_for(kind: str, entity_id: int, fields: set[str] | None = None) -> dict[str, Decision]:
    """The survivorship decision per field from every source's current claims."""
    return _decisions_bulk(kind, [entity_id], fields).get(entity_id, {})


def _save(obj: Any, *, changed: list[str] | None = None) -> None:
    """Validates and saves; uniqueness (a query per unique field) is checked only when a unique
    field is new or changed — the database constraint stays the last word either way."""
    _validate(obj, check_unique=obj.pk is None or changed is None or "business_number" in changed)
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
    raw_digest: str = "",
) -> str:
    """Writes one cleaned record; returns "created" or "updated". Raises RecordRejectedError."""
    record = existing or SourceRecord(source=source, kind=kind, source_key=key)
    record.payload, record.content_hash, record.raw_hash = payload, digest, raw_digest
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
            entity = FundingRound(company=company, source=RoundSource.FEDERATION)
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
    change_record(**_event_of(kind, entity_id, created, fields, org, source, is_public=is_public))


def _event_of(
    kind: str,
    entity_id: int,
    created: bool,
    fields: list[str],
    org: Organization | None,
    source: Source,
    *,
    is_public: bool = True,
) -> dict[str, Any]:
    """The change event of one write (``change_record``'s arguments); private fields never
    leave with their values."""
    public = [f for f in fields if f not in PRIVATE_FIELDS]
    data: dict[str, Any] = {}
    if org is not None:
        data = {"name": org.name, "url": org.get_absolute_url()}
        for name in public:
            value = getattr(org, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return {
        "kind": kind,
        "entity_id": entity_id,
        "action": "created" if created else "updated",
        "fields": sorted(fields),
        "data": data,
        "source": source.slug,
        "is_public": is_public,
    }


# --- organizations in bulk ----------------------------------------------------------------------
#
# The same steps as ``apply_record`` for a chunk's organization records at once: one query per
# step instead of a dozen per record. Resolution runs in Python in record order, so a company
# that appears twice in one chunk becomes one organization. Validation happens before any write;
# a database error rolls the bulk attempt back and the caller replays the records one by one
# (``apply_record``), so outcomes are the same either way.


@dataclass(slots=True)
class OrgItem:
    """One cleaned organization record of a chunk."""

    key: str
    values: dict[str, Any]
    payload: Any
    digest: str
    observed_at: datetime
    record_pk: int | None
    raw_digest: str = ""


@dataclass(slots=True)
class _Pending:
    """An organization created by this chunk (saved in bulk later)."""

    org: Organization
    keys: list[str]
    record: CompanyRecord  # how resolution compares it (company_record(org), once)
    items: list[int] = field(default_factory=list)


def apply_organizations(*, source: Source, run: Any, items: list[OrgItem]) -> list[Any]:
    """Writes a chunk's organization records; returns per item "created", "updated" or a
    RecordRejectedError. Call inside a savepoint: a database error (IntegrityError) propagates
    after partial writes, and the caller rolls back and replays the items one by one."""
    results: list[Any] = [None] * len(items)
    # The stored payloads are replaced, never read: not loaded.
    existing = SourceRecord.objects.defer("payload").in_bulk(
        [i.record_pk for i in items if i.record_pk]
    )
    records = [
        existing.get(item.record_pk or 0)
        or SourceRecord(source=source, kind="organization", source_key=item.key)
        for item in items
    ]
    # Organizations already linked to these records, and those named by business number.
    linked = {r.entity_id for r in records if r.entity_id}
    brns = {i.values["business_number"] for i in items if i.values.get("business_number")}
    known = {
        o.pk: o for o in Organization.objects.filter(Q(pk__in=linked) | Q(business_number__in=brns))
    }
    by_brn = {o.business_number: o for o in known.values() if o.business_number}

    def settled(index: int) -> bool:
        """Whether the record is resolved without entity resolution (the loop below decides
        the same): by its earlier link, as the source's owner, or by a known business number."""
        brn = items[index].values.get("business_number") or ""
        return (
            _known_survivor(records[index].entity_id, known) is not None
            or bool(source.owner and brn and brn == source.owner.business_number)
            or (brn in by_brn and _known_survivor(by_brn[brn].pk, known) is not None)
        )

    # Blocking: every key of every other record in one query.
    incoming_of = {
        index: values_record(item.values) for index, item in enumerate(items) if not settled(index)
    }
    item_keys = {
        index: [k[:120] for k in company_blocking_keys(incoming)]
        for index, incoming in incoming_of.items()
    }
    orgs_by_key = _orgs_by_key({k for keys in item_keys.values() for k in keys})
    ranked = {index: _ranked(keys, orgs_by_key) for index, keys in item_keys.items()}
    wanted = {pk for ids in ranked.values() for pk in ids}
    # Candidates are compared as records (no model instances); the few that a record joins are
    # loaded whole when it does.
    candidates = {
        row[0]: row_record(row)
        for row in Organization.objects.filter(pk__in=wanted, merged_into__isnull=True).values_list(
            *RECORD_COLUMNS
        )
    }

    # The organizations this chunk may create, drafted now, so that the name similarities of
    # every pair the loop below may score are computed together (``CompanyScorer.prepare``):
    # each unresolved record against its candidates and against the earlier unresolved records
    # of the chunk sharing its keys. A pair not foreseen is scored alone, with the same result.
    scorer = CompanyScorer()
    drafts: dict[int, Organization] = {}
    # One record object per draft (the scorer caches what it derives by the object).
    draft_records: dict[int, CompanyRecord] = {}
    draft_by_key: dict[str, list[int]] = {}  # key → -(index + 1)
    foreseen: list[tuple[CompanyRecord, CompanyRecord]] = []
    for index, incoming in incoming_of.items():
        keys = item_keys[index]
        foreseen.extend((incoming, candidates[pk]) for pk in ranked[index] if pk in candidates)
        foreseen.extend((incoming, draft_records[-pk - 1]) for pk in _ranked(keys, draft_by_key))
        drafts[index] = _draft_organization(source, items[index].values)
        draft_records[index] = company_record(drafts[index])
        for key in keys:
            draft_by_key.setdefault(key, []).append(-index - 1)
    scorer.prepare(foreseen)

    pending: list[_Pending] = []
    pending_by_brn: dict[str, _Pending] = {}
    pending_by_key: dict[str, list[int]] = {}  # key → -(position in pending + 1)
    entity_of: list[Organization | _Pending | None] = [None] * len(items)
    reviews: list[tuple[_Pending, int | _Pending, Any]] = []

    for index, item in enumerate(items):
        record, values = records[index], item.values
        brn = values.get("business_number") or ""
        target: Organization | _Pending | None = _known_survivor(record.entity_id, known)
        if target is None and source.owner and brn and brn == source.owner.business_number:
            target = source.owner
            record.link_method, record.link_score = LinkMethod.OWNER, 1.0
        if target is None and brn:
            target = _known_survivor(by_brn[brn].pk, known) if brn in by_brn else None
            target = target or pending_by_brn.get(brn)
            if target is not None:
                record.link_method, record.link_score = LinkMethod.BUSINESS_NUMBER, 1.0
        review: list[tuple[int | _Pending, Any]] = []
        if target is None:
            incoming = incoming_of[index]
            # (candidate, its record, probability)
            scored: list[tuple[int | _Pending, CompanyRecord, float]] = []
            for org_id in _ranked(item_keys[index], orgs_by_key, pending_by_key):
                if org_id < 0:  # an organization this chunk creates
                    other = pending[-org_id - 1]
                    rec = other.record
                    scored.append((other, rec, scorer.probability(incoming, rec)))
                elif org_id in candidates:
                    rec = candidates[org_id]
                    scored.append((org_id, rec, scorer.probability(incoming, rec)))
            best = max(scored, key=lambda pair: pair[2], default=None)
            if best is not None and best[2] >= AUTO_LINK_THRESHOLD:
                found = best[0]
                target = (
                    found
                    if isinstance(found, _Pending)
                    else known.get(found)
                    or known.setdefault(found, Organization.objects.get(pk=found))
                )
                record.link_method, record.link_score = LinkMethod.AUTO, best[2]
            else:
                record.link_method = LinkMethod.NEW
                record.link_score = best[2] if best else None
                review = [
                    (other, scorer.match(incoming, rec))
                    for other, rec, _p in sorted(
                        (p for p in scored if p[2] >= REVIEW_THRESHOLD), key=lambda p: -p[2]
                    )[:5]
                ]
        if target is None:
            org = drafts.pop(index, None) or _draft_organization(source, values)
            try:
                # The fields the record set (the others hold their defaults).
                set_fields = ["kind", "name_ko", "name_en", *(f for f in values if f in ORG_FIELDS)]
                _validate(org, check_unique=False, only=set_fields)
            except RecordRejectedError as exc:
                results[index] = exc
                continue
            record_of = draft_records.get(index) or company_record(org)
            target = _Pending(org=org, keys=item_keys[index], record=record_of)
            pending.append(target)
            if org.business_number:
                pending_by_brn[org.business_number] = target
            for key in target.keys:
                pending_by_key.setdefault(key, []).append(-len(pending))
            reviews.extend((target, other, match) for other, match in review)
            results[index] = "created"
        else:
            results[index] = "updated"
        if isinstance(target, _Pending):
            target.items.append(index)
        entity_of[index] = target

    # Writes: new organizations, records, claims.
    new_orgs = [p.org for p in pending]
    for org in new_orgs:
        org.fill_sort_name()
    create_rows(new_orgs)
    if any(org.pk is None for org in new_orgs):
        raise IntegrityError("the database returned no ids for a bulk insert")
    now = timezone.now()
    written: list[int] = []
    for index, item in enumerate(items):
        target = entity_of[index]
        if target is None:
            continue
        record = records[index]
        record.entity_id = target.org.pk if isinstance(target, _Pending) else target.pk
        record.payload, record.content_hash = item.payload, item.digest
        record.raw_hash = item.raw_digest
        record.observed_at, record.last_run, record.updated_at = item.observed_at, run, now
        written.append(index)
    create_rows([records[i] for i in written if records[i].pk is None])
    if any(records[i].pk is None for i in written):
        raise IntegrityError("the database returned no ids for a bulk insert")
    update_rows(
        [records[i] for i in written if records[i].pk in existing],
        ["payload", "content_hash", "raw_hash", "observed_at", "last_run", "entity_id",
         "link_method", "link_score", "updated_at"],
    )  # fmt: skip
    changed_fields = _write_claims_bulk(
        "organization",
        [
            (records[i], records[i].entity_id, items[i].values, items[i].observed_at)
            for i in written
        ],
        existing=set(existing),
        now=now,
    )

    # Survivorship for organizations that now hold claims from more than this record.
    fresh = {p.org.pk for p in pending if len(p.items) == 1}
    touched: dict[int, Organization] = {}
    for index in written:
        target = entity_of[index]
        org = target.org if isinstance(target, _Pending) else target
        assert org is not None  # written only holds resolved items
        touched[org.pk] = org
    attrs_of: dict[int, list[str]] = {}
    decided = _decisions_bulk("organization", [pk for pk in touched if pk not in fresh])
    for pk, org in touched.items():
        if pk in fresh:
            continue
        shown = {name: d.chosen.value for name, d in decided.get(pk, {}).items()}
        attrs = _apply_shown(org, shown, ORG_FIELDS)
        if attrs:
            _validate(org, check_unique="business_number" in attrs, only=attrs)
            org.fill_sort_name()
            org.updated_at = now
        attrs_of[pk] = attrs
    to_update = [org for pk, org in touched.items() if attrs_of.get(pk)]
    if to_update:
        names = sorted({a for pk in touched for a in attrs_of.get(pk, [])})
        update_rows(to_update, [*names, "sort_name", "updated_at"])

    # Review pairs, search, blocking keys, change events.
    pairs = []
    for new, other, match in reviews:
        left, right = sorted([new.org.pk, other.org.pk if isinstance(other, _Pending) else other])
        pairs.append(
            MatchCandidate(
                left_id=left,
                right_id=right,
                score=match.probability,
                explanation={
                    **match.explanation.as_dict(),
                    "summary_ko": match.explanation.summary("ko"),
                    "summary_en": match.explanation.summary("en"),
                },
                source=source,
            )
        )
    insert_rows(pairs, ignore_conflicts=True)
    events = []
    created_pks = {p.org.pk for p in pending}
    # The keys of an organization created from one record are those of its record (no keys
    # stored yet): written now; the others' are rewritten from the database at chunk end.
    insert_values(
        OrganizationKey,
        ["organization_id", "key"],
        (
            (p.org.pk, key)
            for p in pending
            if p.org.pk in fresh
            for key in sorted({k[:120] for k in company_blocking_keys(p.record)})
        ),
        ignore_conflicts=True,
    )
    index_ids, key_ids = [], []
    for pk, org in touched.items():
        created = pk in created_pks
        attrs = set(attrs_of.get(pk, []))
        if created or attrs & search.ORGANIZATION_INDEXED_FIELDS:
            index_ids.append(pk)
        if (created and pk not in fresh) or attrs & KEY_FIELDS:
            key_ids.append(pk)
        fields = sorted(changed_fields.get(pk, set()) if created else attrs)
        events.append(_event_of("organization", pk, created, fields, org, source))
    _touch_many(index=index_ids, keys=key_ids)
    change_records(events)
    return results


def _draft_organization(source: Source, values: dict[str, Any]) -> Organization:
    """A new organization from a record's values (not validated, not saved)."""
    org = Organization(
        kind=values.get("kind") or OrgKind.STARTUP,
        name_ko=values.get("name_ko") or values.get("name_en", ""),
        name_en=values.get("name_en", ""),
        is_fictional=source.is_fictional,
    )
    _apply_shown(org, values, ORG_FIELDS)
    return org


def _orgs_by_key(keys: Iterable[str]) -> dict[str, list[int]]:
    """Blocking key → the organizations holding it (a plain SQL read, a query per 900 keys).
    Within an ingest run, keys found common earlier in the run are not read again."""
    chunk = _chunk.get()
    common = chunk.cache.common_keys if chunk is not None else set()
    wanted = sorted(k for k in set(keys) if k not in common)
    connection = connections[router.db_for_read(OrganizationKey)]
    quote = connection.ops.quote_name
    meta = OrganizationKey._meta
    select = "SELECT {}, {} FROM {} WHERE {} IN ({{}})".format(  # noqa: S608 - model's names
        quote(meta.get_field("key").column),
        quote(meta.get_field("organization").column),
        quote(meta.db_table),
        quote(meta.get_field("key").column),
    )
    out: dict[str, list[int]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), 900):
            part = wanted[start : start + 900]
            cursor.execute(select.format(", ".join(["%s"] * len(part))), part)
            for key, org_id in cursor.fetchall():
                out.setdefault(key, []).append(org_id)
    if chunk is not None:
        common.update(key for key, ids in out.items() if len(ids) > BLOCK_CAP)
    return out


def _ranked(keys: list[str], *indexes: dict[str, list[int]]) -> list[int]:
    """The ids sharing the most blocking keys with a record, best first, at most
    ``MAX_CANDIDATES`` (ties by id)."""
    shared: dict[int, int] = {}
    for key in keys:
        for index in indexes:
            ids = index.get(key, ())
            if len(ids) > BLOCK_CAP:
                continue  # a first word ("서울"), a hosting domain: common, so it tells nothing
            for org_id in ids:
                shared[org_id] = shared.get(org_id, 0) + 1
    ranked = sorted(shared.items(), key=lambda pair: (-pair[1], pair[0]))
    return [org_id for org_id, _n in ranked[:MAX_CANDIDATES]]


def _known_survivor(org_id: int | None, known: dict[int, Organization]) -> Organization | None:
    if not org_id:
        return None
    org = known.get(org_id)
    if org is None or org.merged_into_id:
        org = survivor(org_id)
        if org is not None:
            known[org.pk] = org
    return org


def _validate(obj: Any, *, check_unique: bool, only: list[str] | None = None) -> None:
    """``full_clean`` as a RecordRejectedError; ``only``: validate just these fields."""
    exclude = None
    if only is not None:
        exclude = [f.name for f in obj._meta.concrete_fields if f.name not in only]
    try:
        obj.full_clean(
            exclude=exclude, validate_unique=check_unique, validate_constraints=check_unique
        )
    except ValidationError as exc:
        raise RecordRejectedError(
            [
                (name, " ".join(str(m) for m in messages))
                for name, messages in exc.message_dict.items()
            ]
        ) from None


def _write_claims_bulk(
    kind: str,
    rows: list[tuple[SourceRecord, int, dict[str, Any], datetime]],
    *,
    existing: set[int],
    now: datetime,
) -> dict[int, set[str]]:
    """Keeps each record's current claims in step with its values (one read, one update, one
    insert for all). ``existing``: the pks of records that were stored before (the others have
    no claims yet). Returns the changed fields per entity."""
    current: dict[int, dict[str, FieldClaim]] = {}
    old = [record.pk for record, *_rest in rows if record.pk in existing]
    if old:
        for claim in FieldClaim.objects.filter(record_id__in=old, superseded_at=None):
            current.setdefault(claim.record_id, {})[claim.field] = claim
    superseded: list[int] = []
    new: list[tuple[str, int, str, Any, int, int, datetime]] = []
    changed: dict[int, set[str]] = {}
    for record, entity_id, values, observed_at in rows:
        mine = current.get(record.pk, {})
        gone = {
            name
            for name, claim in mine.items()
            if name not in values or claim.value != values[name] or claim.entity_id != entity_id
        }
        superseded.extend(mine[name].pk for name in gone)
        fields = changed.setdefault(entity_id, set())
        fields.update(gone)
        for name, value in values.items():
            if name in mine and name not in gone:
                continue
            new.append((kind, entity_id, name, value, record.source_id, record.pk, observed_at))
            fields.add(name)
    if superseded:
        FieldClaim.objects.filter(pk__in=superseded).update(superseded_at=now)
    insert_values(
        FieldClaim,
        ["kind", "entity_id", "field", "value", "source_id", "record_id", "observed_at"],
        new,
    )
    return changed


def _decisions_bulk(
    kind: str, entity_ids: list[int], fields: set[str] | None = None
) -> dict[int, dict[str, Decision]]:
    """The survivorship decisions of many entities (per entity, per field): one query."""
    if not entity_ids:
        return {}
    sources = _sources()
    grouped: dict[int, dict[str, list[Claim]]] = {}
    claims = FieldClaim.objects.filter(kind=kind, entity_id__in=entity_ids, superseded_at=None)
    if fields is not None:
        claims = claims.filter(field__in=fields)
    rows = claims.values_list("pk", "entity_id", "field", "value", "source_id", "observed_at")
    for pk, entity_id, name, value, source_id, observed_at in rows:
        source = sources.get(source_id) or Source.objects.get(pk=source_id)
        grouped.setdefault(entity_id, {}).setdefault(name, []).append(
            Claim(
                value=value,
                source=source.slug,
                observed_at=observed_at,
                priority=source.priority_for(name),
                is_registry=source.is_registry,
                claim_id=pk,
            )
        )
    out: dict[int, dict[str, Decision]] = {}
    for entity_id, by_field in grouped.items():
        for name, claims in by_field.items():
            decision = decide(claims)
            if decision is not None:
                out.setdefault(entity_id, {})[name] = decision
    return out
