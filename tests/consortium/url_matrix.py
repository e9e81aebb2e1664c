"""This app's rows of the URL matrix (merged by tests/test_url_coverage.py).

Each row: "namespace:name": (audience, "path/relative/to/tests.py::test_function").
Audiences: "public", "login required", "entitled roles only".
"""

PUBLIC = "public"
LOGIN = "login required"
ENTITLED = "entitled roles only"
_P = "consortium/test_pages.py::"

URLS: dict[str, tuple[str, str]] = {
    "consortium:home": (PUBLIC, _P + "test_public_pages"),
    "consortium:program-list": (PUBLIC, _P + "test_public_pages"),
    "consortium:program-detail": (PUBLIC, _P + "test_public_pages"),
    "consortium:hsds": (PUBLIC, _P + "test_hsds_export_has_hsds_3_required_fields_and_public_data_only"),
    "consortium:hsds-organization": (PUBLIC, _P + "test_public_pages"),
    "consortium:eligible": (LOGIN, _P + "test_eligible_page_role_matrix_and_groups_with_why_not"),
    "consortium:program-apply": (LOGIN, _P + "test_apply_page_role_matrix_and_submit"),
    "consortium:my-applications": (LOGIN, _P + "test_my_applications_shows_only_mine"),
    "consortium:profile": (LOGIN, _P + "test_profile_is_private_and_company_facts_for_members_only"),
    "consortium:referral-list": (LOGIN, _P + "test_referral_pages_role_matrix"),
    "consortium:program-manage": (ENTITLED, _P + "test_manage_pages_role_matrix"),
    "consortium:program-applications": (ENTITLED, _P + "test_manage_pages_role_matrix"),
    "consortium:staff-home": (ENTITLED, _P + "test_manage_pages_role_matrix"),
    "consortium:application-decide": (ENTITLED, _P + "test_decide_and_withdraw_role_matrix"),
    "consortium:application-withdraw": (ENTITLED, _P + "test_decide_and_withdraw_role_matrix"),
    "consortium:company-facts": (ENTITLED, _P + "test_profile_is_private_and_company_facts_for_members_only"),
    "consortium:referral-create": (ENTITLED, _P + "test_referral_create_page_role_matrix_and_submit"),
    "consortium:referral-detail": (ENTITLED, _P + "test_referral_pages_role_matrix"),
    "consortium:referral-action": (ENTITLED, _P + "test_referral_pages_role_matrix"),
    "consortium:referral-stats": (ENTITLED, _P + "test_referral_stats_role_matrix_and_exports"),
    "consortium:referral-stats-export": (ENTITLED, _P + "test_referral_stats_role_matrix_and_exports"),
}  # fmt: skip
