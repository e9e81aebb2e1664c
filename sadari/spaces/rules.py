"""Who may see and do what with shared spaces.

- Everyone sees spaces, their policies and busy blocks (times only, never who or why).
- Booking: by the policy's audience — members of the host institution, members of any
  consortium institution (anyone with a membership: founders, staff …), or any signed-in user.
- The host institution's staff manage their spaces' policies, approve, decline and cancel
  bookings and see bookers' names and purposes; city operators do so for every space.
- A booker sees and cancels their own bookings.
"""

from __future__ import annotations

from typing import Any

from sadari.accounts.enums import Role
from sadari.accounts.rules import is_city_operator, org_ids_of
from sadari.spaces.enums import Audience


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def staff_host_ids(user: Any) -> set[int]:
    """Organizations whose spaces the user manages as institution staff (cached on the user)."""
    if not _authenticated(user):
        return set()
    cached = getattr(user, "_spaces_staff_orgs", None)
    if cached is None:
        cached = set(
            user.memberships.filter(role=Role.INSTITUTION_STAFF).values_list(
                "organization_id", flat=True
            )
        )
        user._spaces_staff_orgs = cached
    return cached


def is_operator(user: Any) -> bool:
    return _authenticated(user) and bool(is_city_operator(user))


def can_manage_space(user: Any, space: Any) -> bool:
    """Host institution staff of this space, or a city operator."""
    if not _authenticated(user):
        return False
    return is_operator(user) or space.host_id in staff_host_ids(user)


def can_manage_any(user: Any) -> bool:
    return is_operator(user) or bool(staff_host_ids(user))


def audience_allows(user: Any, space: Any, audience: str) -> bool:
    """Whether the policy's audience lets ``user`` book ``space`` (host staff always may)."""
    if not _authenticated(user):
        return False
    if space.host_id in staff_host_ids(user):
        return True
    if audience == Audience.SIGNED_IN:
        return True
    if audience == Audience.CONSORTIUM:
        return bool(org_ids_of(user))
    return space.host_id in org_ids_of(user)


def can_see_booking(user: Any, booking: Any) -> bool:
    """The booker, the host's staff and operators (names and purposes are theirs to see)."""
    if not _authenticated(user):
        return False
    return booking.booked_by_id == user.pk or can_manage_space(user, booking.space)


def can_cancel(user: Any, booking: Any) -> bool:
    return _authenticated(user) and (
        booking.booked_by_id == user.pk or can_manage_space(user, booking.space)
    )
