"""Directory permissions.

Public fields of organizations, public people, programs and spaces are readable by anyone.
Non-public fields (contacts, revenue) and editing: the organization's own members,
institution staff and city operators.
"""

import rules

from sadari.accounts.rules import is_city_operator, is_institution_staff, is_member_of

can_edit_organization = is_member_of | is_institution_staff | is_city_operator
can_view_private_organization_fields = can_edit_organization


@rules.predicate
def is_own_person(user, person) -> bool:
    return person is not None and person.user_id is not None and person.user_id == user.pk


@rules.predicate
def is_colleague_of(user, person) -> bool:
    return person is not None and is_member_of(user, person.organization)


can_view_private_person_fields = (
    is_own_person | is_colleague_of | is_institution_staff | is_city_operator
)
can_import_organizations = is_institution_staff | is_city_operator

rules.add_perm("directory.change_organization", can_edit_organization)
rules.add_perm("directory.view_organization_private", can_view_private_organization_fields)
rules.add_perm("directory.view_person_private", can_view_private_person_fields)
rules.add_perm("directory.import_organizations", can_import_organizations)
