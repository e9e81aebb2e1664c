"""Who may read what in the change feed."""

import rules

from sadari.accounts.rules import is_staff_or_operator


@rules.predicate
def is_django_staff(user) -> bool:
    return bool(getattr(user, "is_staff", False))


# Non-public change events: city operators, institution staff and Django staff (keep it simple;
# a later issue may entitle members of the changed organization).
can_view_private_changes = is_staff_or_operator | is_django_staff
