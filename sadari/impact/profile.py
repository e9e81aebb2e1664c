"""A link on organization profiles to the company's support → outcome timeline, for those who
may read it (its members, institution staff, city operators)."""

from typing import Any

from django.template.loader import render_to_string

from sadari.directory.enums import OrgKind
from sadari.impact.rules import can_view_company_timeline

COMPANY_KINDS = frozenset({OrgKind.STARTUP, OrgKind.CORPORATE})


def timeline_section(request: Any, organization: Any, can_view_private: bool) -> str:
    if organization.kind not in COMPANY_KINDS:
        return ""
    if not can_view_company_timeline(request.user, organization):
        return ""
    return render_to_string(
        "impact/_timeline_link.html", {"organization": organization}, request=request
    )
