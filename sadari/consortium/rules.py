"""Who may see and do what in the consortium.

- Programs and their rules are public. Host staff (institution staff of the program's host)
  and city operators edit rules and options and decide applications.
- An eligibility profile is seen by its owner only; host staff see the snapshot kept on an
  application to their program, never the profile.
- Company facts are edited by the company's members.
- A referral is seen by the staff of the referring and the receiving institution, the referred
  person, and the referred company's members — nobody else (city operators see counts only).
  The receiving institution's staff answer it.
"""

from __future__ import annotations

from typing import Any

import rules as django_rules

from sadari.accounts.enums import Role
from sadari.accounts.rules import is_city_operator, org_ids_of


def staff_org_ids(user: Any) -> set[int]:
    """Organizations where the user is institution staff."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_consortium_staff_orgs", None)
    if cached is None:
        cached = set(
            user.memberships.filter(role=Role.INSTITUTION_STAFF).values_list(
                "organization_id", flat=True
            )
        )
        user._consortium_staff_orgs = cached
    return cached


def is_operator(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and bool(is_city_operator(user))


def can_manage_program(user: Any, program: Any) -> bool:
    return is_operator(user) or program.host_id in staff_org_ids(user)


def can_see_application(user: Any, application: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if application.applicant_id == user.pk:
        return True
    return can_manage_program(user, application.program)


def can_edit_company_facts(user: Any, organization: Any) -> bool:
    return organization.pk in org_ids_of(user)


def can_refer(user: Any) -> bool:
    return bool(staff_org_ids(user))


def can_see_referral(user: Any, referral: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    staff = staff_org_ids(user)
    if referral.from_org_id in staff or referral.to_org_id in staff:
        return True
    if referral.person_id is not None:
        return referral.person_id == user.pk
    return referral.company_id in org_ids_of(user)


def can_answer_referral(user: Any, referral: Any) -> bool:
    return referral.to_org_id in staff_org_ids(user)


def can_see_referral_stats(user: Any) -> bool:
    return is_operator(user) or bool(staff_org_ids(user))


# For templates of other apps (the spaces page's "refer" link): ``perms.consortium.add_referral``.
django_rules.add_perm("consortium.add_referral", django_rules.predicate(can_refer))
