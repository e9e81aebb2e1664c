"""The "sources" section of organization profiles: per field, the source and date of the shown
value, the survivorship rule that chose it, and the sources that disagree."""

from datetime import date
from typing import Any

from django.template.loader import render_to_string

from sadari.common.templatetags.sadari_format import kdate, krw
from sadari.directory.models import Organization
from sadari.federation.fields import DATE_FIELDS
from sadari.federation.selectors import provenance_for


def _display(field_name: str, value: Any) -> str:
    """A claim's value as the profile shows it: dates and won the Korean way, lists joined."""
    if field_name in DATE_FIELDS and isinstance(value, str):
        try:
            return kdate(date.fromisoformat(value))
        except ValueError:
            return value
    if field_name.endswith("_krw") and isinstance(value, int):
        return krw(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
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
