"""Who sees a trainee's personal data: the trainee, and the coordinators and staff of the
trainee's campus — no other trainee, no employer, no other campus, and not city operators
(they get statistics, not people)."""

from __future__ import annotations

from typing import Any

from sadari.accounts.enums import Role

CAMPUS_ROLES = (Role.COORDINATOR, Role.INSTITUTION_STAFF)


def campus_ids_of(user: Any) -> set[int]:
    """Campuses where the user is a coordinator or staff member (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_jobs_campus_ids", None)
    if cached is None:
        cached = set(
            user.memberships.filter(role__in=CAMPUS_ROLES).values_list("organization_id", flat=True)
        )
        user._jobs_campus_ids = cached
    return cached


def can_see_trainee(user: Any, trainee: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if trainee.user_id is not None and trainee.user_id == user.pk:
        return True
    return trainee.cohort.course.campus_id in campus_ids_of(user)


def is_coordinator(user: Any) -> bool:
    return bool(campus_ids_of(user))
