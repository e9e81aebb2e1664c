"""Field cleaning for federated records: each value is checked and converted to the JSON value
a claim stores (dates as ISO strings, money and counts as integers, choices as codes).

A cleaner raises ``FieldError`` with a message for the person who sent the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from sadari.directory.enums import SpaceKind
from sadari.directory.importing import (
    parse_count,
    parse_date,
    parse_industry,
    parse_kind,
    parse_krw,
    parse_stage,
)
from sadari.directory.validators import clean_brn
from sadari.investment.models import RoundType


class FieldError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _long_text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _date(value: Any) -> str:
    try:
        return parse_date(value).isoformat()
    except (ValueError, TypeError):
        raise FieldError(_("not a date (use 2024-03-01 or 2024.3.1)")) from None


def _krw(value: Any) -> int:
    try:
        return parse_krw(value)
    except (ValueError, TypeError):
        raise FieldError(_("not an amount in won (use 120000000 or 1억 2,000만원)")) from None


def _count(value: Any) -> int:
    try:
        return parse_count(value)
    except (ValueError, TypeError):
        raise FieldError(_("not a whole number")) from None


def _brn(value: Any) -> str:
    try:
        return clean_brn(_text(value))
    except ValidationError as exc:
        raise FieldError(" ".join(str(m) for m in exc.messages)) from None


def _org_kind(value: Any) -> str:
    kind = parse_kind(value)
    if kind is None:
        raise FieldError(_("unknown organization kind"))
    return kind


def _industry(value: Any) -> str:
    industry = parse_industry(value)
    if industry is None:
        raise FieldError(_("unknown industry"))
    return industry


def _stage(value: Any) -> str:
    stage = parse_stage(value)
    if stage is None:
        raise FieldError(_("unknown stage"))
    return stage


_ROUND_SYNONYMS = {
    "엔젤": "angel", "시드": "seed", "프리a": "pre_a", "preseriesa": "pre_a", "prea": "pre_a",
    "시리즈a": "series_a", "seriesa": "series_a", "a": "series_a",
    "시리즈b": "series_b", "seriesb": "series_b", "b": "series_b",
    "시리즈c": "series_c", "seriesc": "series_c", "c": "series_c", "시리즈d": "series_c",
    "seriesd": "series_c", "브릿지": "bridge", "보조금": "grant", "팁스": "tips",
}  # fmt: skip


def _round_type(value: Any) -> str:
    key = re.sub(r"[^0-9a-z가-힣]", "", _text(value).lower())
    if key in RoundType.values:
        return key
    if key in _ROUND_SYNONYMS:
        return _ROUND_SYNONYMS[key]
    raise FieldError(_("unknown round type"))


def _space_kind(value: Any) -> str:
    key = _text(value).lower().replace(" ", "_")
    synonyms = {"회의실": "meeting_room", "코워킹": "desk", "사무실": "office", "실험실": "lab",
                "스튜디오": "studio", "강당": "event_hall", "메이커스페이스": "workshop"}  # fmt: skip
    key = synonyms.get(key, key)
    if key not in SpaceKind.values:
        raise FieldError(_("unknown space kind"))
    return key


def _url(value: Any) -> str:
    text = _text(value)
    if text and not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        raise FieldError(_("not a web address")) from None
    return text


def _email(value: Any) -> str:
    text = _text(value)
    try:
        EmailValidator()(text)
    except ValidationError:
        raise FieldError(_("not an e-mail address")) from None
    return text


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        value = re.split(r"\s*[,;/|]\s*", value)
    return [t for t in (_text(v) for v in value or []) if t]


def _ref(value: Any) -> dict[str, str]:
    ref = {k: _text(v) for k, v in dict(value).items() if k != "is_lead" and _text(v)}
    if "business_number" in ref:
        ref["business_number"] = _brn(ref["business_number"])
    if not ref:
        raise FieldError(_("empty reference"))
    return ref


def _investors(value: Any) -> list[dict[str, Any]]:
    out = []
    for item in value or []:
        ref: dict[str, Any] = _ref(item)
        ref["is_lead"] = bool(item.get("is_lead"))
        out.append(ref)
    return out


def _bool(value: Any) -> bool:
    return bool(value)


Cleaner = Callable[[Any], Any]

CLEANERS: dict[str, dict[str, Cleaner]] = {
    "organization": {
        "name_ko": _text, "name_en": _text, "aliases": _names, "business_number": _brn,
        "kind": _org_kind, "category": _text, "founded_on": _date, "city": _text,
        "district": _text, "address": _text, "industry": _industry, "stage": _stage,
        "employees": _count, "homepage": _url, "description_ko": _long_text,
        "description_en": _long_text, "contact_email": _email, "contact_phone": _text,
        "revenue_krw": _krw,
    },
    "program": {
        "title_ko": _text, "title_en": _text, "host": _ref, "summary_ko": _long_text,
        "summary_en": _long_text, "eligibility_ko": _long_text, "eligibility_en": _long_text,
        "benefit_ko": _text, "benefit_en": _text, "benefit_amount_krw": _krw,
        "industry": _industry, "starts_on": _date, "ends_on": _date, "apply_by": _date,
        "capacity": _count, "url": _url,
    },
    "space": {
        "name_ko": _text, "name_en": _text, "host": _ref, "kind": _space_kind,
        "capacity": _count, "district": _text, "address": _text,
        "description_ko": _long_text, "description_en": _long_text, "equipment": _names,
    },
    "funding_round": {
        "company": _ref, "round_type": _round_type, "announced_on": _date, "amount_krw": _krw,
        "investors": _investors,
    },
    "support_award": {
        "recipient": _ref, "program_title": _text, "purpose": _text, "category": _text,
        "amount_krw": _krw, "starts_on": _date, "ends_on": _date,
    },
    "job_posting": {
        "employer": _ref, "title": _text, "duties": _long_text, "required_skills": _names,
        "preferred_skills": _names, "employment_type": _text, "salary_min_krw": _krw,
        "salary_max_krw": _krw, "region": _text, "deadline": _date, "url": _url,
    },
    "event": {
        "title_ko": _text, "title_en": _text, "host": _ref, "starts_on": _date,
        "ends_on": _date, "place": _text, "url": _url, "description_ko": _long_text,
        "description_en": _long_text,
    },
}  # fmt: skip

# Organization fields only entitled users see, with their provenance.
PRIVATE_FIELDS = {"contact_email", "contact_phone", "revenue_krw"}
DATE_FIELDS = {"founded_on", "starts_on", "ends_on", "apply_by", "announced_on", "deadline"}


def clean(kind: str, data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The cleaned values (empty ones dropped) and (field, message) errors."""
    cleaners = CLEANERS[kind]
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for name, raw in data.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            value = cleaners[name](raw)
        except FieldError as exc:
            errors.append((name, exc.message))
            continue
        if value in ("", [], {}):
            continue
        values[name] = value
    return values, errors


def model_value(field_name: str, value: Any) -> Any:
    """A claim's JSON value as the model field wants it."""
    if field_name in DATE_FIELDS and isinstance(value, str):
        return date.fromisoformat(value)
    return value
