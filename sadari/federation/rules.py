"""Federation permissions: institution staff manage their own institution's sources; city
operators see and manage all; the review queue, merges and the duplicate-support report are
for institution staff and city operators."""

import rules

from sadari.accounts.rules import is_city_operator, is_institution_staff, org_ids_of


@rules.predicate
def is_staff_of_source_owner(user, source) -> bool:
    return source is not None and is_institution_staff(user) and source.owner_id in org_ids_of(user)


can_manage_source = is_staff_of_source_owner | is_city_operator
can_register_source = is_institution_staff | is_city_operator
can_review_matches = is_institution_staff | is_city_operator
can_view_support_report = is_institution_staff | is_city_operator

rules.add_perm("federation.manage_source", can_manage_source)
rules.add_perm("federation.review_matches", can_review_matches)
