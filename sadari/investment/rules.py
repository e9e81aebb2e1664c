"""Investment permissions (django-rules).

Public: rounds, investors' profiles and theses, portfolios (derived from public rounds) and
statistics. Intro requests: the startup's members, the investor's members and — when it goes
through one — the introducing institution's members. Data rooms: the startup's members, and
members of an investor organization holding an active (unexpired, unrevoked) grant; nobody
else, institution staff and city operators included (docs/threat-model.md).
"""

from typing import Any

import rules
from django.utils import timezone

from sadari.accounts.rules import is_city_operator, is_institution_staff, org_ids_of

STARTUP_KINDS = frozenset({"startup"})
INVESTOR_KINDS = frozenset({"investor"})
INTRODUCER_KINDS = frozenset({"institution", "hub", "academy", "university"})
# Organizations that raise rounds (an investor's or an institution's own funding is not tracked).
FUNDED_KINDS = frozenset({"startup", "corporate"})


def orgs_of(user: Any) -> dict[int, str]:
    """The user's organizations as {id: kind} (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_investment_orgs", None)
    if cached is None:
        cached = dict(
            user.memberships.order_by("organization_id").values_list(
                "organization_id", "organization__kind"
            )
        )
        user._investment_orgs = cached
    return cached


def org_ids_of_kind(user: Any, kinds: frozenset[str]) -> list[int]:
    return [pk for pk, kind in orgs_of(user).items() if kind in kinds]


# --- investors -------------------------------------------------------------------------------


@rules.predicate
def is_investor_member(user, organization) -> bool:
    """A member of this investor organization (edits its profile and funds)."""
    return (
        organization is not None
        and organization.kind in INVESTOR_KINDS
        and organization.pk in org_ids_of(user)
    )


@rules.predicate
def belongs_to_startup(user) -> bool:
    return bool(org_ids_of_kind(user, STARTUP_KINDS))


@rules.predicate
def belongs_to_investor(user) -> bool:
    return bool(org_ids_of_kind(user, INVESTOR_KINDS))


# --- rounds --------------------------------------------------------------------------------


@rules.predicate
def is_company_member(user, company) -> bool:
    return company is not None and company.pk in org_ids_of(user)


@rules.predicate
def is_funded_kind(user, company) -> bool:
    return company is not None and company.kind in FUNDED_KINDS


# #6: founders record their own company's rounds; institution staff and city operators any
# company's (as they edit its directory profile).
can_record_round = is_funded_kind & (is_company_member | is_institution_staff | is_city_operator)


# --- intro requests --------------------------------------------------------------------------


@rules.predicate
def is_intro_startup_member(user, intro) -> bool:
    return intro is not None and intro.startup_id in org_ids_of(user)


@rules.predicate
def is_intro_investor_member(user, intro) -> bool:
    return intro is not None and intro.investor_id in org_ids_of(user)


@rules.predicate
def is_intro_introducer_member(user, intro) -> bool:
    return (
        intro is not None
        and intro.introducer_id is not None
        and intro.introducer_id in org_ids_of(user)
    )


can_view_intro = is_intro_startup_member | is_intro_investor_member | is_intro_introducer_member
can_decide_intro = is_intro_investor_member
can_forward_intro = is_intro_introducer_member
can_withdraw_intro = is_intro_startup_member

# --- data rooms ------------------------------------------------------------------------------


@rules.predicate
def is_room_owner_member(user, room) -> bool:
    """A member of the startup that owns the data room."""
    return room is not None and room.startup_id in org_ids_of(user)


@rules.predicate
def has_active_grant(user, room) -> bool:
    """One of the user's investor organizations holds an unexpired, unrevoked grant."""
    if room is None:
        return False
    ids = org_ids_of_kind(user, INVESTOR_KINDS)
    if not ids:
        return False
    return room.grants.filter(
        investor_id__in=ids, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()


can_manage_dataroom = is_room_owner_member
can_view_dataroom = is_room_owner_member | has_active_grant

rules.add_perm("investment.change_investorprofile", is_investor_member)
rules.add_perm("investment.add_fundinground", can_record_round)
rules.add_perm("investment.add_introrequest", belongs_to_startup)
rules.add_perm("investment.view_introrequest", can_view_intro)
rules.add_perm("investment.decide_introrequest", can_decide_intro)
rules.add_perm("investment.forward_introrequest", can_forward_intro)
rules.add_perm("investment.view_dataroom", can_view_dataroom)
rules.add_perm("investment.change_dataroom", can_manage_dataroom)
