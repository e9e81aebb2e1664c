"""Every named URL is declared here with who may use it and the test that checks that.

A new page or endpoint fails this test until it is added, with its access test
(ARCHITECTURE.md §8: "a meta-test fails when a URL pattern is in no matrix").
"""

import ast
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

TESTS = Path(__file__).resolve().parent

PUBLIC = "public"
LOGIN = "login required"
ENTITLED = "entitled roles only"

_TT_PAGES = "techtrade/test_pages.py::"
_TT_PIPELINE = "techtrade/test_pipeline.py::"
_TT_IMPORT = "techtrade/test_importing.py::"
_TT_API = "techtrade/test_api.py::"
_INV_R = "investment/test_rounds.py::"
_INV_I = "investment/test_intros.py::"
_INV_D = "investment/test_datarooms.py::"
_INV_REC = "investment/test_recommendations.py::"
_INV_API = "investment/test_api.py::"
_PT_PAGES = "pitching/test_pages.py::"
_PT_ACCESS = "pitching/test_access.py::"
_JOBS = "jobs/test_trainees.py::"
_JOBS_OUT = "jobs/test_outcomes.py::"

URLS = {
    "home": (PUBLIC, "directory/test_pages.py::test_home_page_counts"),
    "set_language": (PUBLIC, "test_locale.py::test_the_language_switch_sets_english_and_back"),
    "accounts:login": (PUBLIC, "accounts/test_accounts.py::test_login_and_logout"),
    "accounts:logout": (LOGIN, "accounts/test_accounts.py::test_login_and_logout"),
    "accounts:me": (LOGIN, "accounts/test_accounts.py::test_login_and_logout"),
    "accounts:password-reset": (PUBLIC, "accounts/test_accounts.py::test_password_reset_sends_a_working_link"),
    "accounts:password-reset-done": (PUBLIC, "accounts/test_accounts.py::test_password_reset_sends_a_working_link"),
    "accounts:password-reset-confirm": (PUBLIC, "accounts/test_accounts.py::test_password_reset_sends_a_working_link"),
    "accounts:password-reset-complete": (PUBLIC, "accounts/test_accounts.py::test_password_reset_sends_a_working_link"),
    "directory:search": (PUBLIC, "directory/test_pages.py::test_search_page_never_fails"),
    "directory:suggest": (PUBLIC, "directory/test_pages.py::test_suggest_returns_names"),
    "directory:organization-list": (PUBLIC, "directory/test_pages.py::test_organization_list_filters_never_fail"),
    "directory:organization-detail": (PUBLIC, "directory/test_pages.py::test_organization_private_fields_role_matrix"),
    "directory:organization-edit": (ENTITLED, "directory/test_pages.py::test_organization_edit_role_matrix"),
    "directory:person-list": (PUBLIC, "directory/test_pages.py::test_list_pages_have_no_n_plus_one"),
    "directory:person-detail": (PUBLIC, "directory/test_pages.py::test_person_private_fields_role_matrix"),
    "directory:program-list": (PUBLIC, "directory/test_pages.py::test_list_pages_have_no_n_plus_one"),
    "directory:program-detail": (PUBLIC, "directory/test_pages.py::test_program_and_space_pages"),
    "directory:space-list": (PUBLIC, "directory/test_pages.py::test_list_pages_have_no_n_plus_one"),
    "directory:space-detail": (PUBLIC, "directory/test_pages.py::test_program_and_space_pages"),
    **{
        f"imports:{name}": (ENTITLED, "directory/test_importing.py::test_users_without_the_permission_get_404")
        for name in ("list", "upload", "detail", "mapping", "preview", "commit", "progress", "errors-csv")
    },
    "api-v1:api-root": (PUBLIC, "api/test_docs.py::test_openapi_schema"),
    "api-v1:openapi-json": (PUBLIC, "api/test_docs.py::test_openapi_schema"),
    "api-v1:openapi-view": (PUBLIC, "api/test_docs.py::test_docs_ui_uses_only_local_assets"),
    "api-v1:organization-list": (PUBLIC, "api/test_directory.py::test_organization_list_has_public_fields_only"),
    "api-v1:organization-detail": (PUBLIC, "api/test_directory.py::test_organization_private_fields_role_matrix"),
    "api-v1:person-list": (PUBLIC, "api/test_directory.py::test_people_private_fields_and_unlisted"),
    "api-v1:person-detail": (PUBLIC, "api/test_directory.py::test_people_private_fields_and_unlisted"),
    "api-v1:program-list": (PUBLIC, "api/test_directory.py::test_programs_and_spaces"),
    "api-v1:program-detail": (PUBLIC, "api/test_directory.py::test_programs_and_spaces"),
    "api-v1:space-list": (PUBLIC, "api/test_directory.py::test_programs_and_spaces"),
    "api-v1:space-detail": (PUBLIC, "api/test_directory.py::test_programs_and_spaces"),
    "api-v1:search": (PUBLIC, "api/test_search.py::test_korean_two_syllable_query"),
    "api-v1:search-suggest": (PUBLIC, "api/test_search.py::test_suggest_prefix"),
    "api-v1:change-list": (PUBLIC, "feed/test_api.py::test_private_events_only_for_operators_and_staff"),
    "api-v1:change-stream": (PUBLIC, "feed/test_stream.py::test_change_stream_hides_private_events_from_anonymous"),
    "feed:webhook-list": (LOGIN, "feed/test_pages.py::test_owner_sees_own_subscriptions_only"),
    "feed:webhook-create": (LOGIN, "feed/test_pages.py::test_anonymous_must_log_in_for_list_and_create"),
    **{
        f"feed:webhook-{name}": (ENTITLED, "feed/test_pages.py::test_other_users_get_404_and_anonymous_must_log_in")
        for name in ("detail", "delete", "test", "enable")
    },
    "api-v1:federation-schema": (PUBLIC, "federation/test_pages.py::test_schema_endpoint_publishes_each_kind"),
    "api-v1:federation-batches": (ENTITLED, "federation/test_ingest.py::test_token_writes_only_its_own_source"),
    "api-v1:federation-run": (ENTITLED, "federation/test_pages.py::test_source_token_reads_its_own_run_only"),
    "federation:source-detail": (ENTITLED, "federation/test_pages.py::test_source_detail_role_matrix"),
    "federation:source-create": (ENTITLED, "federation/test_pages.py::test_staff_registers_a_source_for_own_only"),
    "federation:source-edit": (ENTITLED, "federation/test_pages.py::test_source_edit_role_matrix"),
    "federation:source-rotate": (ENTITLED, "federation/test_pages.py::test_other_staff_cannot_rotate_or_read_runs"),
    "federation:run-detail": (ENTITLED, "federation/test_pages.py::test_other_staff_cannot_rotate_or_read_runs"),
    "federation:run-progress": (ENTITLED, "federation/test_pages.py::test_other_staff_cannot_rotate_or_read_runs"),
    "federation:review-decide": (ENTITLED, "federation/test_pages.py::test_review_accept_merges_and_split_restores"),
    "federation:merge-split": (ENTITLED, "federation/test_pages.py::test_review_accept_merges_and_split_restores"),
    **{
        f"federation:{name}": (ENTITLED, "federation/test_pages.py::test_staff_pages_role_matrix")
        for name in ("source-list", "review-queue", "merge-list", "duplicate-support")
    },
    "techtrade:home": (PUBLIC, _TT_PAGES + "test_home_and_request_list"),
    "techtrade:need-list": (PUBLIC, _TT_PAGES + "test_lists_and_their_search_never_show_details"),
    "techtrade:technology-list": (PUBLIC, _TT_PAGES + "test_lists_and_their_search_never_show_details"),
    "techtrade:need-detail": (PUBLIC, _TT_PAGES + "test_listing_details_role_matrix"),
    "techtrade:technology-detail": (PUBLIC, _TT_PAGES + "test_listing_details_role_matrix"),
    "techtrade:need-matches": (PUBLIC, _TT_PAGES + "test_matches_page_explains_each_match"),
    "techtrade:technology-matches": (PUBLIC, _TT_PAGES + "test_matches_page_explains_each_match"),
    "techtrade:need-create": (ENTITLED, _TT_PAGES + "test_create_pages_role_matrix"),
    "techtrade:technology-create": (ENTITLED, _TT_PAGES + "test_create_pages_role_matrix"),
    "techtrade:need-edit": (ENTITLED, _TT_PAGES + "test_edit_page_role_matrix"),
    "techtrade:technology-edit": (ENTITLED, _TT_PAGES + "test_technology_edit_role_matrix"),
    "techtrade:need-request": (LOGIN, _TT_PAGES + "test_need_request_page_role_matrix"),
    "techtrade:technology-request": (LOGIN, _TT_PAGES + "test_request_page_role_matrix"),
    "techtrade:request-list": (LOGIN, _TT_PAGES + "test_home_and_request_list"),
    "techtrade:request-decide": (ENTITLED, _TT_PAGES + "test_only_the_owner_decides_on_requests"),
    "techtrade:nda-edit": (ENTITLED, _TT_PAGES + "test_nda_page_role_matrix"),
    "techtrade:detail-views": (LOGIN, _TT_PAGES + "test_owner_sees_who_viewed_what"),
    "techtrade:challenge-list": (PUBLIC, _TT_PIPELINE + "test_challenge_pages_are_public"),
    "techtrade:challenge-detail": (PUBLIC, _TT_PIPELINE + "test_challenge_pages_are_public"),
    "techtrade:challenge-create": (ENTITLED, _TT_PIPELINE + "test_challenge_create_role_matrix"),
    "techtrade:challenge-edit": (ENTITLED, _TT_PIPELINE + "test_challenge_review_and_edit_role_matrix"),
    "techtrade:challenge-proposals": (ENTITLED, _TT_PIPELINE + "test_challenge_review_and_edit_role_matrix"),
    "techtrade:challenge-propose": (ENTITLED, _TT_PIPELINE + "test_propose_page_role_matrix"),
    "techtrade:proposal-detail": (ENTITLED, _TT_PIPELINE + "test_proposal_is_seen_by_host_and_proposer_only"),
    "techtrade:proposal-decide": (ENTITLED, _TT_PIPELINE + "test_selecting_a_proposal_creates_a_poc_and_a_deal_at_poc"),
    "techtrade:proposal-withdraw": (ENTITLED, _TT_PIPELINE + "test_startup_withdraws_its_proposal"),
    "techtrade:deal-board": (LOGIN, _TT_PIPELINE + "test_deal_and_messages_role_matrix"),
    "techtrade:deal-create": (ENTITLED, _TT_PIPELINE + "test_deal_create_from_a_match"),
    "techtrade:deal-detail": (ENTITLED, _TT_PIPELINE + "test_deal_and_messages_role_matrix"),
    "techtrade:deal-move": (ENTITLED, _TT_PIPELINE + "test_deal_and_messages_role_matrix"),
    "techtrade:deal-message": (ENTITLED, _TT_PIPELINE + "test_deal_and_messages_role_matrix"),
    "techtrade:poc-list": (LOGIN, _TT_PIPELINE + "test_poc_list_role_matrix"),
    "techtrade:poc-detail": (ENTITLED, _TT_PIPELINE + "test_poc_role_matrix"),
    "techtrade:poc-milestone-add": (ENTITLED, _TT_PIPELINE + "test_poc_role_matrix"),
    "techtrade:milestone-toggle": (ENTITLED, _TT_PIPELINE + "test_poc_role_matrix"),
    "techtrade:funnel": (ENTITLED, _TT_PIPELINE + "test_funnel_role_matrix"),
    "techtrade:funnel-csv": (ENTITLED, _TT_PIPELINE + "test_funnel_role_matrix"),
    "techtrade:funnel-xlsx": (ENTITLED, _TT_PIPELINE + "test_funnel_role_matrix"),
    "techtrade:import-upload": (ENTITLED, _TT_IMPORT + "test_import_pages_role_matrix"),
    "techtrade:import-detail": (ENTITLED, _TT_IMPORT + "test_import_pages_role_matrix"),
    "api-v1:techtrade-need-list": (PUBLIC, _TT_API + "test_lists_matches_and_search_never_carry_details"),
    "api-v1:techtrade-technology-list": (PUBLIC, _TT_API + "test_lists_matches_and_search_never_carry_details"),
    "api-v1:techtrade-need-matches": (PUBLIC, _TT_API + "test_lists_matches_and_search_never_carry_details"),
    "api-v1:techtrade-technology-matches": (PUBLIC, _TT_API + "test_lists_matches_and_search_never_carry_details"),
    "api-v1:techtrade-need-detail": (PUBLIC, _TT_API + "test_details_role_matrix"),
    "api-v1:techtrade-technology-detail": (PUBLIC, _TT_API + "test_details_role_matrix"),
    "api-v1:techtrade-challenge-list": (PUBLIC, _TT_API + "test_challenges_and_startup_matches"),
    "api-v1:techtrade-challenge-detail": (PUBLIC, _TT_API + "test_challenges_and_startup_matches"),
    "api-v1:techtrade-organization-challenge-matches": (PUBLIC, _TT_API + "test_challenges_and_startup_matches"),
    "api-v1:techtrade-funnel": (ENTITLED, _TT_API + "test_funnel_role_matrix"),
    "investment:home": (PUBLIC, _INV_R + "test_investment_home_for_each_role"),
    "investment:round-list": (PUBLIC, _INV_R + "test_round_list_never_fails"),
    "investment:round-detail": (PUBLIC, _INV_R + "test_round_pages_show_amounts_in_korean_units"),
    "investment:round-create": (ENTITLED, "investment/test_round_entry.py::test_round_entry_role_matrix"),
    "investment:round-edit": (ENTITLED, "investment/test_round_entry.py::test_round_edit_role_matrix"),
    "investment:round-delete": (
        ENTITLED,
        "investment/test_round_entry.py::test_a_manual_round_can_be_removed_by_its_company_but_an_imported_one_cannot",
    ),
    "investment:round-disown": (ENTITLED, "investment/test_round_entry.py::test_disowning_a_round_role_matrix"),
    "investment:investor-list": (PUBLIC, _INV_R + "test_investor_list_never_fails"),
    "investment:investor-detail": (PUBLIC, _INV_R + "test_investor_page_shows_thesis_portfolio_and_co_investors"),
    "investment:investor-edit": (ENTITLED, _INV_R + "test_investor_edit_role_matrix"),
    "investment:stats": (PUBLIC, _INV_R + "test_statistics_page_never_fails"),
    "investment:stats-csv": (PUBLIC, _INV_R + "test_statistics_exports"),
    "investment:stats-xlsx": (PUBLIC, _INV_R + "test_statistics_exports"),
    "investment:recommended-investors": (ENTITLED, _INV_REC + "test_recommended_investors_role_matrix"),
    "investment:intro-create": (ENTITLED, _INV_I + "test_request_page_role_matrix"),
    "investment:intro-list": (LOGIN, _INV_I + "test_intro_list_shows_each_side"),
    "investment:intro-detail": (ENTITLED, _INV_I + "test_intro_pages_role_matrix"),
    "investment:intro-decide": (ENTITLED, _INV_I + "test_intro_pages_role_matrix"),
    "investment:intro-forward": (ENTITLED, _INV_I + "test_intro_pages_role_matrix"),
    "investment:intro-withdraw": (ENTITLED, _INV_I + "test_intro_pages_role_matrix"),
    "investment:notification-list": (LOGIN, _INV_I + "test_notifications_badge_list_and_read"),
    "investment:notification-badge": (PUBLIC, _INV_I + "test_notifications_badge_list_and_read"),
    "investment:notifications-read": (LOGIN, _INV_I + "test_notifications_badge_list_and_read"),
    "investment:dataroom-list": (LOGIN, _INV_D + "test_dataroom_list_shows_own_and_shared_rooms"),
    "investment:dataroom-detail": (ENTITLED, _INV_D + "test_dataroom_pages_and_downloads_role_matrix"),
    "investment:document-download": (ENTITLED, _INV_D + "test_dataroom_pages_and_downloads_role_matrix"),
    "investment:document-upload": (ENTITLED, _INV_D + "test_dataroom_management_role_matrix"),
    "investment:document-delete": (ENTITLED, _INV_D + "test_dataroom_management_role_matrix"),
    "investment:grant-create": (ENTITLED, _INV_D + "test_dataroom_management_role_matrix"),
    "investment:grant-revoke": (ENTITLED, _INV_D + "test_dataroom_management_role_matrix"),
    "api-v1:investment-round-list": (PUBLIC, _INV_API + "test_rounds_list_and_detail"),
    "api-v1:investment-round-detail": (PUBLIC, _INV_API + "test_rounds_list_and_detail"),
    "api-v1:investment-round-create": (ENTITLED, _INV_API + "test_recording_a_round_through_the_api_role_matrix"),
    "api-v1:investment-round-update": (ENTITLED, _INV_API + "test_updating_and_deleting_a_round_through_the_api"),
    "api-v1:investment-round-delete": (ENTITLED, _INV_API + "test_updating_and_deleting_a_round_through_the_api"),
    "api-v1:investment-investor-list": (PUBLIC, _INV_API + "test_investors_carry_their_public_thesis"),
    "api-v1:investment-investor-detail": (PUBLIC, _INV_API + "test_investors_carry_their_public_thesis"),
    "api-v1:investment-stats": (PUBLIC, _INV_API + "test_stats_by_stage"),
    "api-v1:investment-deal-flow": (ENTITLED, _INV_API + "test_recommendations_role_matrix"),
    "api-v1:investment-recommended-investors": (ENTITLED, _INV_API + "test_recommendations_role_matrix"),
    "api-v1:investment-dataroom-list": (LOGIN, _INV_API + "test_dataroom_api_role_matrix"),
    "api-v1:investment-dataroom-detail": (ENTITLED, _INV_API + "test_dataroom_api_role_matrix"),
    "api-v1:investment-document-download": (ENTITLED, _INV_API + "test_dataroom_api_role_matrix"),
    "accounts:signup": (PUBLIC, "accounts/test_accounts.py::test_signup_opens_an_account_and_returns_to_the_page"),
    "pitching:home": (PUBLIC, _PT_PAGES + "test_public_pages"),
    "pitching:call-detail": (PUBLIC, _PT_PAGES + "test_public_pages"),
    "pitching:call-create": (ENTITLED, _PT_PAGES + "test_call_form_role_matrix_and_rubric"),
    "pitching:call-edit": (ENTITLED, _PT_PAGES + "test_call_form_role_matrix_and_rubric"),
    "pitching:call-manage": (ENTITLED, _PT_ACCESS + "test_staff_pages"),
    "pitching:call-invite": (ENTITLED, _PT_PAGES + "test_invitation_and_expert_profile_pages"),
    "pitching:submission-create": (LOGIN, _PT_PAGES + "test_submission_pages_draft_check_submit_withdraw_resubmit"),
    "pitching:my-submissions": (LOGIN, _PT_ACCESS + "test_applicant_never_sees_reviewer_identities"),
    "pitching:submission-detail": (ENTITLED, _PT_ACCESS + "test_submission_page"),
    "pitching:submission-edit": (ENTITLED, _PT_PAGES + "test_submission_pages_draft_check_submit_withdraw_resubmit"),
    "pitching:submission-action": (ENTITLED, _PT_PAGES + "test_submission_pages_draft_check_submit_withdraw_resubmit"),
    "pitching:deck": (ENTITLED, _PT_ACCESS + "test_deck"),
    "pitching:batch-detail": (ENTITLED, _PT_ACCESS + "test_staff_pages"),
    "pitching:batch-export": (ENTITLED, _PT_ACCESS + "test_staff_pages"),
    "pitching:batch-assign": (ENTITLED, _PT_PAGES + "test_staff_adjust_publish_and_close_through_the_batch_page"),
    "pitching:batch-action": (ENTITLED, _PT_PAGES + "test_staff_adjust_publish_and_close_through_the_batch_page"),
    "pitching:review-queue": (LOGIN, _PT_ACCESS + "test_a_conflict_that_appears_after_assignment_hides_the_idea"),
    "pitching:review": (ENTITLED, _PT_ACCESS + "test_review_page"),
    "pitching:review-decline": (ENTITLED, _PT_PAGES + "test_reviewer_declines_through_the_page"),
    "pitching:invitation-respond": (ENTITLED, _PT_PAGES + "test_invitation_and_expert_profile_pages"),
    "pitching:expert-profile": (LOGIN, _PT_PAGES + "test_invitation_and_expert_profile_pages"),
    "pitching:affiliation-add": (LOGIN, _PT_PAGES + "test_invitation_and_expert_profile_pages"),
    "pitching:affiliation-delete": (ENTITLED, _PT_PAGES + "test_invitation_and_expert_profile_pages"),
    "pitching:conflict-declare": (LOGIN, _PT_PAGES + "test_invitation_and_expert_profile_pages"),
    "pitching:mentoring": (LOGIN, _PT_PAGES + "test_mentoring_pages"),
    "pitching:slot-create": (ENTITLED, _PT_PAGES + "test_mentoring_pages"),
    "pitching:slot-book": (LOGIN, _PT_PAGES + "test_mentoring_pages"),
    "pitching:booking-detail": (ENTITLED, _PT_ACCESS + "test_booking_page"),
    "pitching:booking-cancel": (ENTITLED, _PT_PAGES + "test_mentoring_pages"),
    "jobs:posting-list": (PUBLIC, _JOBS + "test_posting_pages_have_json_ld"),
    "jobs:posting-detail": (PUBLIC, _JOBS + "test_posting_pages_have_json_ld"),
    "jobs:register": (LOGIN, _JOBS + "test_consent_is_needed_for_training_and_shown_with_items"),
    "jobs:me": (LOGIN, _JOBS + "test_matching_with_reasons_needs_matching_consent"),
    "jobs:me-export": (ENTITLED, _JOBS + "test_export_has_everything_and_only_for_the_trainee"),
    "jobs:consent-withdraw": (ENTITLED, _JOBS + "test_withdrawing_matching_erases_matching_data"),
    "jobs:consent-give": (ENTITLED, _JOBS + "test_consent_is_needed_for_training_and_shown_with_items"),
    "jobs:coordinator": (ENTITLED, _JOBS + "test_coordinator_pipeline"),
    "jobs:trainee-detail": (ENTITLED, _JOBS + "test_personal_data_role_matrix"),
    "jobs:pipeline-add": (ENTITLED, _JOBS + "test_coordinator_pipeline"),
    "jobs:pipeline-move": (ENTITLED, _JOBS + "test_coordinator_pipeline"),
    "jobs:employment-record": (ENTITLED, _JOBS_OUT + "test_recording_a_hire_and_retention_through_the_pages"),
    "jobs:retention-check": (ENTITLED, _JOBS_OUT + "test_recording_a_hire_and_retention_through_the_pages"),
    "jobs:outcomes": (PUBLIC, _JOBS_OUT + "test_outcomes_page_and_exports"),
    "jobs:fair-list": (PUBLIC, "jobs/test_fairs.py::test_fair_pages_role_matrix"),
    "jobs:fair-detail": (PUBLIC, "jobs/test_fairs.py::test_fair_pages_role_matrix"),
    "jobs:fair-register": (LOGIN, "jobs/test_fairs.py::test_fair_pages_role_matrix"),
    "jobs:fair-my-schedule": (ENTITLED, "jobs/test_fairs.py::test_my_schedule_has_a_local_qr_code_and_is_mine_only"),
    "jobs:fair-booth": (ENTITLED, "jobs/test_fairs.py::test_fair_pages_role_matrix"),
    "jobs:fair-booth-pair": (ENTITLED, "jobs/test_fair_extras.py::test_only_the_company_and_the_organizers_choose"),
    "jobs:fair-action": (ENTITLED, "jobs/test_fairs.py::test_fair_pages_role_matrix"),
}  # fmt: skip


def _app_matrices() -> dict:
    """Apps may keep their rows beside their tests: ``tests/<app>/url_matrix.py`` with ``URLS``."""
    import importlib

    rows: dict = {}
    for path in sorted(TESTS.glob("*/url_matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.url_matrix")
        overlap = set(rows) & set(module.URLS) | set(URLS) & set(module.URLS)
        assert not overlap, f"declared twice: {sorted(overlap)}"
        rows.update(module.URLS)
    return rows


URLS.update(_app_matrices())


def _named_urls(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = (
                f"{namespace}:{p.namespace}"
                if namespace and p.namespace
                else (p.namespace or namespace)
            )
            yield from _named_urls(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}" if namespace else p.name


def test_every_named_url_is_declared_with_an_access_test():
    names = {n for n in _named_urls(get_resolver().url_patterns) if not n.startswith("admin:")}

    assert names - set(URLS) == set(), "add these URLs to tests/test_url_coverage.py"
    assert set(URLS) - names == set(), "these declared URLs no longer exist"


@pytest.mark.parametrize("name", sorted(URLS))
def test_declared_access_test_exists(name):
    _audience, ref = URLS[name]
    path, func = ref.split("::")
    tree = ast.parse((TESTS / path).read_text(encoding="utf-8"))

    functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}

    assert func in functions
