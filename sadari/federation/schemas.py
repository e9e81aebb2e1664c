"""The exchange format: one JSON Schema (draft 2020-12) per record kind, published at
/api/v1/federation/schemas/<kind>.json and in docs/federation.md.

Values are lenient where Korean institutions' exports vary (dates as ``2024.3.1``, money as
``"1억 2,000만원"``, counts as ``"12명"``): the schema checks shape, the cleaners in
``sadari.federation.fields`` check and convert the values, and both report the field.
"""

import hashlib
import json
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

BASE_URI = "https://sadari.example/schemas/federation"

_text = {"type": "string", "maxLength": 5000}
_short = {"type": "string", "maxLength": 300}
_date = {
    "type": ["string", "integer"],
    "description": "2024-03-01, 2024.3.1, 2024년 3월 1일, 20240301",
}
_krw = {"type": ["integer", "string"], "description": 'won: 120000000 or "1억 2,000만원"'}
_count = {"type": ["integer", "string"], "description": 'a whole number: 12 or "12명"'}
_names = {"type": ["array", "string"], "items": _short}
_ref = {
    "type": "object",
    "description": "A company or institution: by this source's id, business number or name.",
    "properties": {
        "id": _short,
        "business_number": _short,
        "name_ko": _short,
        "name_en": _short,
        "homepage": _short,
    },
    "anyOf": [
        {"required": ["id"]},
        {"required": ["business_number"]},
        {"required": ["name_ko"]},
        {"required": ["name_en"]},
    ],
    "additionalProperties": False,
}

PROPERTIES: dict[str, dict[str, Any]] = {
    "organization": {
        "name_ko": _short,
        "name_en": _short,
        "aliases": _names,
        "business_number": {"type": "string", "description": "사업자등록번호, e.g. 220-81-62517"},
        "kind": {"type": "string", "description": "startup, corporate, investor, institution …"},
        "category": _short,
        "founded_on": _date,
        "city": _short,
        "district": _short,
        "address": _short,
        "industry": _short,
        "stage": _short,
        "employees": _count,
        "homepage": _short,
        "description_ko": _text,
        "description_en": _text,
        "contact_email": _short,
        "contact_phone": _short,
        "revenue_krw": _krw,
    },
    "program": {
        "title_ko": _short,
        "title_en": _short,
        "host": _ref,
        "summary_ko": _text,
        "summary_en": _text,
        "eligibility_ko": _text,
        "eligibility_en": _text,
        "benefit_ko": _short,
        "benefit_en": _short,
        "benefit_amount_krw": _krw,
        "industry": _short,
        "starts_on": _date,
        "ends_on": _date,
        "apply_by": _date,
        "capacity": _count,
        "url": _short,
    },
    "space": {
        "name_ko": _short,
        "name_en": _short,
        "host": _ref,
        "kind": _short,
        "capacity": _count,
        "district": _short,
        "address": _short,
        "description_ko": _text,
        "description_en": _text,
        "equipment": _names,
    },
    "funding_round": {
        "company": _ref,
        "round_type": {"type": "string", "description": "seed, pre_a, series_a … or 시드, 시리즈A"},
        "announced_on": _date,
        "amount_krw": _krw,
        "investors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {**_ref["properties"], "is_lead": {"type": "boolean"}},
                "anyOf": _ref["anyOf"],
                "additionalProperties": False,
            },
        },
    },
    "support_award": {
        "recipient": _ref,
        "program_title": _short,
        "purpose": _short,
        "category": _short,
        "amount_krw": _krw,
        "starts_on": _date,
        "ends_on": _date,
    },
    "job_posting": {
        "employer": _ref,
        "title": _short,
        "duties": _text,
        "required_skills": _names,
        "preferred_skills": _names,
        "employment_type": _short,
        "salary_min_krw": _krw,
        "salary_max_krw": _krw,
        "region": _short,
        "deadline": _date,
        "url": _short,
    },
    "event": {
        "title_ko": _short,
        "title_en": _short,
        "host": _ref,
        "starts_on": _date,
        "ends_on": _date,
        "place": _short,
        "url": _short,
        "description_ko": _text,
        "description_en": _text,
    },
}

REQUIRED: dict[str, list[dict[str, Any]]] = {
    "organization": [{"anyOf": [{"required": ["name_ko"]}, {"required": ["name_en"]}]}],
    "program": [{"anyOf": [{"required": ["title_ko"]}, {"required": ["title_en"]}]}],
    "space": [
        {"anyOf": [{"required": ["name_ko"]}, {"required": ["name_en"]}]},
        {"required": ["capacity"]},
    ],
    "funding_round": [{"required": ["company", "round_type", "announced_on"]}],
    "support_award": [{"required": ["recipient", "program_title", "starts_on"]}],
    "job_posting": [{"required": ["employer", "title"]}],
    "event": [
        {"anyOf": [{"required": ["title_ko"]}, {"required": ["title_en"]}]},
        {"required": ["starts_on"]},
    ],
}

KINDS = tuple(PROPERTIES)


def record_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record of ``kind`` in a batch."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}/{kind}.json",
        "title": f"Sadari federation record: {kind}",
        "type": "object",
        "properties": {
            "kind": {"const": kind},
            "id": {
                "type": ["string", "integer"],
                "description": "The source's own stable id of this record.",
            },
            "observed_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the source observed these values (default: received).",
            },
            "data": {
                "type": "object",
                "properties": PROPERTIES[kind],
                "allOf": REQUIRED[kind],
                "additionalProperties": False,
            },
        },
        "required": ["kind", "id", "data"],
        "additionalProperties": False,
    }


def batch_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_URI}/batch.json",
        "title": "Sadari federation batch",
        "type": "object",
        "properties": {
            "records": {
                "type": "array",
                "minItems": 1,
                "maxItems": 10000,
                "items": {"type": "object"},
                "description": "Each record follows the schema of its kind.",
            }
        },
        "required": ["records"],
        "additionalProperties": False,
    }


_VALIDATORS = {kind: Draft202012Validator(record_schema(kind)) for kind in KINDS}
# The same schemas compiled to Python (~20× faster): a record they accept is valid; a record
# they refuse is judged, and its errors worded, by jsonschema (which decides: fastjsonschema
# checks formats jsonschema does not, so it may refuse what is valid, never the other way —
# tests/federation/test_schemas.py checks that on a corpus of mutated records).
_FAST = {kind: fastjsonschema.compile(record_schema(kind)) for kind in KINDS}
# Changes whenever a record schema changes (ingest's raw hashes include it).
SCHEMA_DIGEST = hashlib.sha256(
    json.dumps({kind: record_schema(kind) for kind in KINDS}, sort_keys=True).encode()
).hexdigest()


def record_errors(record: Any) -> list[tuple[str, str]]:
    """(field path, message) for each schema violation of one record; empty when valid."""
    if not isinstance(record, dict):
        return [("", "a record must be a JSON object")]
    kind = record.get("kind")
    if kind not in _VALIDATORS:
        return [("kind", f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")]
    try:
        _FAST[kind](record)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return []  # the common case
    validator = _VALIDATORS[kind]
    if validator.is_valid(record):
        return []
    out = []
    for error in sorted(validator.iter_errors(record), key=lambda e: list(e.path)):
        path = ".".join(str(p) for p in error.path if p != "data")
        out.append((path, error.message))
    return out
