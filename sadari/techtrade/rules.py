"""Tech-trade permissions (django-rules).

Public: listings' titles, teasers, problem/outcome/description, fields, TRL, budget/price
ranges, patents and licensing models; challenges. Confidential details (``details_ko``,
``details_en``): the owner organization's members, and members of an organization whose
detail request — made after accepting the owner's NDA — the owner approved. Institution staff
and city operators get pipeline metadata and statistics, not details (docs/threat-model.md).
"""

from typing import Any

import rules
from django.db.models import F

from sadari.accounts.rules import is_city_operator, is_institution_staff, org_ids_of

NEED_OWNER_KINDS = frozenset({"corporate"})
TECHNOLOGY_OWNER_KINDS = frozenset({"startup", "university"})
CHALLENGE_HOST_KINDS = frozenset({"corporate", "institution", "hub"})
PROPOSER_KINDS = frozenset({"startup", "university"})


def orgs_of(user: Any) -> dict[int, str]:
    """The user's organizations as {id: kind} (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_techtrade_orgs", None)
    if cached is None:
        cached = dict(
            user.memberships.order_by("organization_id").values_list(
                "organization_id", "organization__kind"
            )
        )
        user._techtrade_orgs = cached
    return cached


def org_ids_of_kind(user: Any, kinds: frozenset[str]) -> list[int]:
    return [pk for pk, kind in orgs_of(user).items() if kind in kinds]


# --- listings (needs and technologies) ------------------------------------------------------


@rules.predicate
def is_owner_member(user, item) -> bool:
    """The user belongs to the organization that owns the need, technology or challenge."""
    owner_id = getattr(item, "owner_id", None) or getattr(item, "host_id", None)
    return item is not None and owner_id in org_ids_of(user)


@rules.predicate
def has_approved_detail_request(user, item) -> bool:
    """One of the user's organizations accepted the owner's NDA and the owner approved its
    request to see this item's details."""
    if item is None or not getattr(user, "is_authenticated", False):
        return False
    ids = org_ids_of(user)
    if not ids:
        return False
    # The acceptance must be the requester's own, of an NDA of this item's owner, of the very
    # text that version holds (services guarantee it; the rule does not take it on trust).
    return item.detail_requests.filter(
        requester_id__in=ids,
        status="approved",
        acceptance__organization_id=F("requester_id"),
        acceptance__nda__owner_id=item.owner_id,
        acceptance__text_sha256=F("acceptance__nda__sha256"),
    ).exists()


@rules.predicate
def belongs_to_need_owner_kind(user) -> bool:
    return bool(org_ids_of_kind(user, NEED_OWNER_KINDS))


@rules.predicate
def belongs_to_technology_owner_kind(user) -> bool:
    return bool(org_ids_of_kind(user, TECHNOLOGY_OWNER_KINDS))


@rules.predicate
def belongs_to_challenge_host_kind(user) -> bool:
    return bool(org_ids_of_kind(user, CHALLENGE_HOST_KINDS))


@rules.predicate
def belongs_to_proposer_kind(user) -> bool:
    return bool(org_ids_of_kind(user, PROPOSER_KINDS))


@rules.predicate
def can_request_details(user, item) -> bool:
    """Signed in, in an organization other than the owner."""
    if item is None:
        return False
    return any(pk != item.owner_id for pk in org_ids_of(user))


can_view_listing_details = is_owner_member | has_approved_detail_request
can_edit_listing = is_owner_member
can_decide_detail_request = is_owner_member  # called with the request's item
can_view_detail_audit = is_owner_member

# --- challenges, proposals, PoCs -------------------------------------------------------------


@rules.predicate
def is_proposer_member(user, proposal) -> bool:
    return proposal is not None and proposal.startup_id in org_ids_of(user)


@rules.predicate
def is_host_member_of_proposal(user, proposal) -> bool:
    return proposal is not None and proposal.challenge.host_id in org_ids_of(user)


can_edit_challenge = is_owner_member
can_view_proposal = is_proposer_member | is_host_member_of_proposal
can_decide_proposal = is_host_member_of_proposal


@rules.predicate
def is_party(user, deal_or_poc) -> bool:
    """A member of either party of a deal (buyer/seller) or a PoC (corporate/startup)."""
    if deal_or_poc is None:
        return False
    ids = org_ids_of(user)
    first = getattr(deal_or_poc, "buyer_id", None) or getattr(deal_or_poc, "corporate_id", None)
    second = getattr(deal_or_poc, "seller_id", None) or getattr(deal_or_poc, "startup_id", None)
    return first in ids or second in ids


is_staff_or_operator = is_institution_staff | is_city_operator

can_view_deal = is_party
can_move_deal = is_party
can_message_deal = is_party
can_view_poc = is_party | is_staff_or_operator
can_edit_poc = is_party


@rules.predicate
def can_view_any_funnel(user) -> bool:
    return bool(is_staff_or_operator(user) or org_ids_of_kind(user, NEED_OWNER_KINDS))


rules.add_perm("techtrade.view_tech_need_detail", can_view_listing_details)
rules.add_perm("techtrade.view_technology_detail", can_view_listing_details)
rules.add_perm("techtrade.change_tech_need", can_edit_listing)
rules.add_perm("techtrade.change_technology", can_edit_listing)
rules.add_perm("techtrade.add_tech_need", belongs_to_need_owner_kind)
rules.add_perm("techtrade.add_technology", belongs_to_technology_owner_kind)
rules.add_perm("techtrade.add_challenge", belongs_to_challenge_host_kind)
rules.add_perm("techtrade.change_challenge", can_edit_challenge)
rules.add_perm("techtrade.request_details", can_request_details)
rules.add_perm("techtrade.view_proposal", can_view_proposal)
rules.add_perm("techtrade.decide_proposal", can_decide_proposal)
rules.add_perm("techtrade.view_deal", can_view_deal)
rules.add_perm("techtrade.message_deal", can_message_deal)
rules.add_perm("techtrade.view_poc", can_view_poc)
rules.add_perm("techtrade.change_poc", can_edit_poc)
rules.add_perm("techtrade.view_funnel", can_view_any_funnel)
