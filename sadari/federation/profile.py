"""The "sources" section of organization profiles: per field, the source and date of the shown
value, the survivorship rule that chose it, and the sources that disagree."""

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from sadari.common.templatetags.sadari_format import kdate, krw
from sadari.directory.models import Organization
from sadari.federation.fields import DATE_FIELDS
from sadari.federation.selectors import provenance_for, round_provenance
from sadari.investment.models import FundingRound


def _ref_name(ref: Any) -> str:
    if not isinstance(ref, dict):
        return str(ref)
    name = ref.get("name_ko") or ref.get("name_en") or ref.get("business_number") or ref.get("id")
    return f"{name} ({_('lead')})" if ref.get("is_lead") else str(name)


def _display(field_name: str, value: Any) -> str:
    """A claim's value as the profile shows it: dates and won the Korean way, lists joined
    (organization references by name)."""
    if field_name in DATE_FIELDS and isinstance(value, str):
        try:
            return kdate(date.fromisoformat(value))
        except ValueError:
            return value
    if field_name.endswith("_krw") and isinstance(value, int):
        return krw(value)
    if isinstance(value, list):
        return ", ".join(_ref_name(v) for v in value)
    return str(value)


def provenance_section(request: Any, organization: Organization, can_view_private: bool) -> str:
    rows = provenance_for(
        user=request.user, organization=organization, can_view_private=can_view_private
    )
    if not rows:
        return ""
    for row in rows:
        row.display = _display(row.field, row.value)
        row.conflicts = [(_display(row.field, v), src, at) for v, src, at in row.conflicts]
        try:
            row.label = Organization._meta.get_field(row.field).verbose_name  # type: ignore[attr-defined]
        except Exception:
            row.label = row.field  # type: ignore[attr-defined]
    return render_to_string(
        "federation/provenance.html", {"rows": rows, "org": organization}, request=request
    )


def round_provenance_section(request: Any, funding_round: FundingRound) -> str:
    """On a round's page: which institution fed each value (round type, date, amount,
    investors), the rule that chose it and the sources that disagree; nothing for rounds no
    feed has claimed."""
    rows = round_provenance(funding_round)
    if not rows:
        return ""
    for row in rows:
        row.display = _display(row.field, row.value)
        row.conflicts = [(_display(row.field, v), src, at) for v, src, at in row.conflicts]
        try:
            row.label = FundingRound._meta.get_field(row.field).verbose_name  # type: ignore[attr-defined]
        except Exception:
            row.label = _("investors") if row.field == "investors" else row.field  # type: ignore[attr-defined]
    return render_to_string(
        "federation/provenance.html",
        {"rows": rows, "heading": _("Sources of this round")},
        request=request,
    )
