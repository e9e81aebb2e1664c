"""The "sources" section of organization profiles: per field, the source and date of the shown
value, the survivorship rule that chose it, and the sources that disagree."""

from typing import Any

from django.template.loader import render_to_string

from sadari.directory.models import Organization
from sadari.federation.selectors import provenance_for


def provenance_section(request: Any, organization: Organization, can_view_private: bool) -> str:
    rows = provenance_for(
        user=request.user, organization=organization, can_view_private=can_view_private
    )
    if not rows:
        return ""
    for row in rows:
        try:
            row.label = Organization._meta.get_field(row.field).verbose_name  # type: ignore[attr-defined]
        except Exception:
            row.label = row.field  # type: ignore[attr-defined]
    return render_to_string(
        "federation/provenance.html", {"rows": rows, "org": organization}, request=request
    )
