"""Who may see and do what in pitching.

- Applicants: their own submissions, and their feedback once released — never reviewers'
  identities, staff notes or other ideas' scores.
- Reviewers: only the ideas assigned to them (published) that they are not conflicted with
  (conflicts are checked again on every read, not only at assignment); other reviewers' scores
  only after submitting their own, when the call allows it; team and company names hidden in
  blind calls.
- Staff of the hosting café/institution manage its calls; city operators see all.
"""

from __future__ import annotations

from typing import Any

from sadari.accounts.enums import Role
from sadari.accounts.rules import is_city_operator


def _staff_org_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_pitching_staff_orgs", None)
    if cached is None:
        cached = set(
            user.memberships.filter(role=Role.INSTITUTION_STAFF).values_list(
                "organization_id", flat=True
            )
        )
        user._pitching_staff_orgs = cached
    return cached


def staff_host_ids(user: Any) -> set[int]:
    """Organizations whose calls the user manages as institution staff."""
    return _staff_org_ids(user)


def can_manage_call(user: Any, call: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(is_city_operator(user)) or call.host_id in _staff_org_ids(user)


def can_create_call(user: Any) -> bool:
    return bool(is_city_operator(user)) or bool(_staff_org_ids(user))


def is_applicant(user: Any, submission: Any) -> bool:
    return getattr(user, "is_authenticated", False) and submission.applicant_id == user.pk
