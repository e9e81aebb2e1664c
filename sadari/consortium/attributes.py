"""The rule vocabulary: for each attribute, what it holds (number, choice, yes/no), its allowed
values, and how a value and a rule read in words ("대표자 나이 39세 이하" / "Founder's age: 39
years or less"), plus the "why not" line for a failed rule. Leaf module (enums only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from sadari.consortium.enums import Attribute, Gender, Operator, SocialEconomy
from sadari.directory.enums import Industry, Stage
from sadari_core.eligibility import Reason, ValueKind
from sadari_core.money import format_krw, format_krw_en


@dataclass(frozen=True)
class AttributeSpec:
    kind: ValueKind
    choices: tuple[tuple[str, Any], ...] | None = None  # None: free text (districts, cities)
    unit: str = ""  # "age", "years", "krw", "people"
    source: str = "company"  # "person" or "company": which form fills it


SPECS: dict[str, AttributeSpec] = {
    Attribute.FOUNDER_AGE: AttributeSpec(ValueKind.NUMBER, unit="age", source="person"),
    Attribute.FOUNDER_GENDER: AttributeSpec(ValueKind.CHOICE, tuple(Gender.choices), source="person"),
    Attribute.PRE_FOUNDER: AttributeSpec(ValueKind.BOOL, source="person"),
    Attribute.COMPANY_AGE_YEARS: AttributeSpec(ValueKind.NUMBER, unit="years"),
    Attribute.REGION_CITY: AttributeSpec(ValueKind.CHOICE),
    Attribute.REGION_DISTRICT: AttributeSpec(ValueKind.CHOICE),
    Attribute.INDUSTRY: AttributeSpec(ValueKind.CHOICE, tuple(Industry.choices)),
    Attribute.STAGE: AttributeSpec(ValueKind.CHOICE, tuple((v, lbl) for v, lbl in Stage.choices if v)),
    Attribute.REVENUE_KRW: AttributeSpec(ValueKind.NUMBER, unit="krw"),
    Attribute.EMPLOYEES: AttributeSpec(ValueKind.NUMBER, unit="people"),
    Attribute.SOCIAL_ECONOMY: AttributeSpec(ValueKind.CHOICE, tuple(SocialEconomy.choices)),
    Attribute.ONE_PERSON: AttributeSpec(ValueKind.BOOL),
}  # fmt: skip


def allowed_values(attribute: str) -> set[str] | None:
    spec = SPECS[attribute]
    return None if spec.choices is None else {v for v, _label in spec.choices}


def attribute_label(attribute: str) -> str:
    try:
        return str(Attribute(attribute).label)
    except ValueError:
        return attribute


def value_text(attribute: str, value: Any) -> str:
    """One value in words, with its unit and in the page language."""
    if value is None or value == "":
        return "-"
    spec = SPECS.get(attribute)
    if spec is None:
        return str(value)
    if spec.kind is ValueKind.BOOL:
        return _("yes") if value else _("no")
    if spec.choices is not None:
        return str(dict(spec.choices).get(value, value))
    if spec.kind is not ValueKind.NUMBER:
        return str(value)
    n = int(value) if float(value).is_integer() else value
    if spec.unit == "krw":
        return format_krw_en(n) if (get_language() or "ko").startswith("en") else format_krw(n)
    if spec.unit == "age":
        return pgettext("age", "%(n)s years old") % {"n": n}
    if spec.unit == "years":
        return pgettext("duration", "%(n)s years") % {"n": n}
    if spec.unit == "people":
        return _("%(n)s people") % {"n": n}
    return str(n)


def rule_text(attribute: str, operator: str, value: Any) -> str:
    """A rule in plain words: "Founder's age: 39 years old or less"."""
    label = attribute_label(attribute)
    if operator == Operator.LTE:
        return _("%(attribute)s: %(value)s or less") % {
            "attribute": label,
            "value": value_text(attribute, value),
        }
    if operator == Operator.GTE:
        return _("%(attribute)s: %(value)s or more") % {
            "attribute": label,
            "value": value_text(attribute, value),
        }
    if operator == Operator.BETWEEN:
        low, high = (
            ([*list(value), None, None])[:2] if isinstance(value, list | tuple) else (None, None)
        )
        if low is None:
            return rule_text(attribute, Operator.LTE, high)
        if high is None:
            return rule_text(attribute, Operator.GTE, low)
        return _("%(attribute)s: from %(low)s to %(high)s") % {
            "attribute": label,
            "low": value_text(attribute, low),
            "high": value_text(attribute, high),
        }
    if operator == Operator.EQ:
        return _("%(attribute)s: %(value)s") % {
            "attribute": label,
            "value": value_text(attribute, value),
        }
    if operator == Operator.NE:
        return _("%(attribute)s: not %(value)s") % {
            "attribute": label,
            "value": value_text(attribute, value),
        }
    if operator in (Operator.IN, Operator.NOT_IN):
        values = ", ".join(value_text(attribute, v) for v in (value or []))
        if operator == Operator.IN:
            return _("%(attribute)s: one of %(values)s") % {"attribute": label, "values": values}
        return _("%(attribute)s: none of %(values)s") % {"attribute": label, "values": values}
    if operator == Operator.IS_TRUE:
        return _("%(attribute)s: required") % {"attribute": label}
    if operator == Operator.IS_FALSE:
        return _("%(attribute)s: not eligible") % {"attribute": label}
    return f"{label} {operator} {value}"


def why_text(attribute: str, reason: str, actual: Any) -> str:
    """The viewer's side of a rule that did not pass: "you: 42 years old"."""
    if reason == Reason.MISSING:
        return _("not in your profile yet")
    if reason == Reason.INCOMPARABLE:
        return _("your profile's value cannot be compared (%(value)s)") % {"value": actual}
    return _("yours: %(value)s") % {"value": value_text(attribute, actual)}
