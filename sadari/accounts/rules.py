"""Role predicates (django-rules). Domain apps compose these into their own permissions."""

import rules

from sadari.accounts.enums import Role


def roles_of(user) -> set[str]:
    """The set of roles a user holds in any organization (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_sadari_roles", None)
    if cached is None:
        cached = set(user.memberships.values_list("role", flat=True))
        user._sadari_roles = cached
    return cached


def org_ids_of(user) -> set[int]:
    """Ids of the organizations a user is a member of (any role)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_sadari_org_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organization_id", flat=True))
        user._sadari_org_ids = cached
    return cached


@rules.predicate
def is_city_operator(user) -> bool:
    return getattr(user, "is_superuser", False) or Role.CITY_OPERATOR in roles_of(user)


@rules.predicate
def is_institution_staff(user) -> bool:
    return Role.INSTITUTION_STAFF in roles_of(user)


@rules.predicate
def is_member_of(user, organization) -> bool:
    return organization is not None and organization.pk in org_ids_of(user)


is_staff_or_operator = is_institution_staff | is_city_operator
