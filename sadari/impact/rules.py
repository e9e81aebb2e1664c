"""Who sees what of the impact figures.

Public KPIs (city-wide) are public. The operator dashboard and the reports: city operators (all
institutions) and institution staff (their own institutions). A company's timeline: its members,
institution staff and city operators.
"""

from __future__ import annotations

import rules

from sadari.accounts.enums import Role
from sadari.accounts.rules import is_city_operator, is_member_of, is_staff_or_operator


def staff_institution_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.memberships.filter(role=Role.INSTITUTION_STAFF).values_list(
            "organization_id", flat=True
        )
    )


def institutions_visible_to(user) -> set[int] | None:
    """``None`` for every institution (city operators); else the staff's own institutions."""
    if is_city_operator(user):
        return None
    return staff_institution_ids(user)


can_view_operator_dashboard = is_staff_or_operator
can_view_company_timeline = is_member_of | is_staff_or_operator

rules.add_perm("impact.view_operator_dashboard", can_view_operator_dashboard)
rules.add_perm("impact.view_company_timeline", can_view_company_timeline)
