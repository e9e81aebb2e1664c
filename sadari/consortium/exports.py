"""Public exports of institutions and programs: Open Referral HSDS 3.0 JSON (organizations,
services, locations, service_at_locations, schedules, service areas, cost options, capacities)
and schema.org JSON-LD for program and institution pages. Public fields only: no contacts,
revenue, applications or referrals."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from sadari.consortium.attributes import rule_text
from sadari.consortium.enums import ApplicationMode, Attribute, Operator, TargetGroup
from sadari.consortium.models import ProgramRule
from sadari.consortium.selectors import application_mode, is_open, options_of
from sadari.directory.enums import OrgCategory, OrgKind
from sadari.directory.models import Organization, Program

HSDS_VERSION = "3.0"
INSTITUTION_KINDS = (OrgKind.INSTITUTION, OrgKind.HUB, OrgKind.ACADEMY, OrgKind.UNIVERSITY)
GOVERNMENT_CATEGORIES = {
    OrgCategory.CITY_FACILITY,
    OrgCategory.PUBLIC_AGENCY,
    OrgCategory.TARGET_GROUP_CENTER,
}
_NS = uuid.UUID("6f1d3c1e-5a2b-4c7e-9d10-2b8a4e7c9f01")  # Sadari's HSDS id namespace


def hsds_id(kind: str, pk: Any) -> str:
    """A stable UUID per record (HSDS ids are UUIDs): the same row always has the same id."""
    return str(uuid.uuid5(_NS, f"{kind}:{pk}"))


def institutions() -> QuerySet[Organization]:
    return Organization.objects.filter(kind__in=INSTITUTION_KINDS, merged_into__isnull=True)


def _programs_prefetch() -> Prefetch:
    return Prefetch(
        "programs",
        queryset=Program.objects.select_related("consortium_options")
        .prefetch_related(
            Prefetch("eligibility_rules", queryset=ProgramRule.objects.order_by("order", "id"))
        )
        .order_by("id"),
    )


def _location(org: Organization) -> dict[str, Any] | None:
    if not (org.address or org.district or org.city):
        return None
    loc_id = hsds_id("location", org.pk)
    location: dict[str, Any] = {
        "id": loc_id,
        "location_type": "physical",
        "organization_id": hsds_id("organization", org.pk),
        "name": org.name_ko,
        "alternate_name": org.name_en or None,
        "addresses": [],
    }
    if org.address:
        location["addresses"].append(
            {
                "id": hsds_id("address", org.pk),
                "location_id": loc_id,
                "address_1": org.address,
                "city": org.city or org.district,
                "region": org.district or None,
                "state_province": (org.city or "").split(" ")[0] or org.district,
                "postal_code": "",
                "country": "KR",
                "address_type": "physical",
            }
        )
    return location


def _ages(program: Program) -> tuple[int | None, int | None]:
    low = high = None
    for rule in program.eligibility_rules.all():
        if rule.attribute != Attribute.FOUNDER_AGE:
            continue
        if rule.operator == Operator.GTE:
            low = rule.value
        elif rule.operator == Operator.LTE:
            high = rule.value
        elif rule.operator == Operator.BETWEEN and isinstance(rule.value, list):
            low, high = rule.value
    return low, high


def eligibility_description(program: Program) -> str:
    parts = [rule_text(r.attribute, r.operator, r.value) for r in program.eligibility_rules.all()]
    if program.eligibility_ko:
        parts.append(program.eligibility_ko)
    return " / ".join(parts)


def _service(
    program: Program, org: Organization, location: dict[str, Any] | None, base_url: str
) -> dict[str, Any]:
    sid = hsds_id("service", program.pk)
    low, high = _ages(program)
    in_platform = application_mode(program) == ApplicationMode.IN_PLATFORM
    page = f"{base_url}/consortium/programs/{program.pk}/"
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": hsds_id("organization", org.pk),
        "name": program.title_ko,
        "alternate_name": program.title_en or None,
        "description": program.summary_ko or program.title_ko,
        "url": program.url or page,
        "status": "active" if is_open(program) else "inactive",
        "application_process": (
            f"사다리에서 신청: {page}" if in_platform else f"신청 링크: {program.url or page}"
        ),
        "fees_description": "무료 (free of charge)",
        "eligibility_description": eligibility_description(program) or None,
        "minimum_age": low,
        "maximum_age": high,
        "last_modified": program.updated_at.isoformat(),
        "schedules": [],
        "service_areas": [],
        "service_at_locations": [],
        "cost_options": [
            {
                "id": hsds_id("cost_option", program.pk),
                "service_id": sid,
                "option": "무료 (free of charge)",
                "currency": "KRW",
                "amount": 0,
                "amount_description": program.benefit_ko or None,
            }
        ],
        "capacities": [],
        "attributes": [],
    }
    if program.starts_on or program.ends_on or program.apply_by:
        service["schedules"].append(
            {
                "id": hsds_id("schedule", program.pk),
                "service_id": sid,
                "valid_from": program.starts_on.isoformat() if program.starts_on else None,
                "valid_to": program.ends_on.isoformat() if program.ends_on else None,
                "description": (
                    f"신청 마감 {program.apply_by.isoformat()}" if program.apply_by else None
                ),
            }
        )
    area = " ".join(p for p in (org.city, org.district) if p)
    if area:
        service["service_areas"].append(
            {"id": hsds_id("service_area", program.pk), "service_id": sid, "name": area}
        )
    if location is not None:
        service["service_at_locations"].append(
            {
                "id": hsds_id("service_at_location", program.pk),
                "service_id": sid,
                "location_id": location["id"],
            }
        )
    if program.capacity:
        service["capacities"].append(
            {
                "id": hsds_id("capacity", program.pk),
                "service_id": sid,
                "unit": {"id": hsds_id("unit", "place"), "name": "선정 기업 수 (places)"},
                "available": program.capacity,
                "maximum": program.capacity,
                "updated": program.updated_at.isoformat(),
            }
        )
    options = options_of(program)
    if options is not None and options.target_group != TargetGroup.GENERAL:
        service["attributes"].append(
            {
                "id": hsds_id("attribute", program.pk),
                "link_id": sid,
                "link_type": "eligibility",
                "link_entity": "service",
                "label": str(TargetGroup(options.target_group).label),
                "value": options.target_group,
                "taxonomy_term_id": hsds_id("taxonomy_term", options.target_group),
            }
        )
    return service


def _organization(org: Organization) -> dict[str, Any]:
    return {
        "id": hsds_id("organization", org.pk),
        "name": org.name_ko,
        "alternate_name": org.name_en or None,
        "description": org.description_ko or org.name_ko,
        "website": org.homepage or None,
        "year_incorporated": org.founded_on.year if org.founded_on else None,
        "parent_organization_id": hsds_id("organization", org.host_id) if org.host_id else None,
    }


def hsds_dataset(*, organizations: QuerySet[Organization], base_url: str) -> dict[str, Any]:
    """The HSDS 3.0 records of ``organizations`` and their programs, as flat lists (each
    service carries its schedules, service areas, cost options, capacities and
    service_at_location links; locations are listed once)."""
    orgs = list(organizations.prefetch_related(_programs_prefetch()).order_by("id"))
    out: dict[str, Any] = {
        "hsds_version": HSDS_VERSION,
        "generated_at": timezone.now().isoformat(),
        "organizations": [],
        "locations": [],
        "services": [],
        "service_at_locations": [],
    }
    for org in orgs:
        location = _location(org)
        record = _organization(org)
        if location is not None:
            out["locations"].append(location)
            record["locations"] = [location["id"]]
        out["organizations"].append(record)
        for program in org.programs.all():
            service = _service(program, org, location, base_url)
            out["services"].append(service)
            out["service_at_locations"].extend(service["service_at_locations"])
    return out


def _dump(data: dict[str, Any]) -> str:
    # Escape "<" so the JSON cannot close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def organization_json_ld(org: Organization, base_url: str = "") -> str:
    kind = "GovernmentOrganization" if org.category in GOVERNMENT_CATEGORIES else "Organization"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": org.name_ko,
        "url": f"{base_url}{org.get_absolute_url()}",
    }
    if org.name_en:
        data["alternateName"] = org.name_en
    if org.description_ko:
        data["description"] = org.description_ko
    if org.homepage:
        data["sameAs"] = [org.homepage]
    if org.founded_on:
        data["foundingDate"] = org.founded_on.isoformat()
    if org.address or org.district:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": org.address or None,
            "addressLocality": org.district or None,
            "addressRegion": org.city or None,
            "addressCountry": "KR",
        }
    return _dump(data)


def program_json_ld(program: Program, base_url: str = "") -> str:
    """schema.org GovernmentService (public hosts) or Service with its provider, the area it
    serves, its audience and eligibility in words, and the (free) offer open until apply-by."""
    host = program.host
    government = host.category in GOVERNMENT_CATEGORIES
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if government else "Service",
        "name": program.title_ko,
        "url": f"{base_url}/consortium/programs/{program.pk}/",
        "provider": {
            "@type": "GovernmentOrganization" if government else "Organization",
            "name": host.name_ko,
            "url": f"{base_url}{host.get_absolute_url()}",
        },
    }
    if program.title_en:
        data["alternateName"] = program.title_en
    if program.summary_ko:
        data["description"] = program.summary_ko
    area = " ".join(p for p in (host.city, host.district) if p)
    if area:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": area}
    audience: dict[str, Any] = {"@type": "BusinessAudience"}
    options = options_of(program)
    if options is not None:
        audience["audienceType"] = str(TargetGroup(options.target_group).label)
    low, high = _ages(program)
    if low is not None or high is not None:
        audience["@type"] = "PeopleAudience"
        if low is not None:
            audience["suggestedMinAge"] = low
        if high is not None:
            audience["suggestedMaxAge"] = high
    description = eligibility_description(program)
    if description:
        audience["description"] = description
    data["audience"] = audience
    offer: dict[str, Any] = {"@type": "Offer", "price": 0, "priceCurrency": "KRW"}
    if program.benefit_ko:
        offer["description"] = program.benefit_ko
    if program.apply_by:
        offer["availabilityEnds"] = program.apply_by.isoformat()
    offer["url"] = program.url or data["url"]
    data["offers"] = offer
    if government:
        data["serviceOperator"] = data["provider"]
    return _dump(data)
