"""This app's rows of the URL matrix (merged by tests/test_url_coverage.py).

Each row: "namespace:name": (audience, "path/relative/to/tests.py::test_function").
Audiences: "public", "login required", "entitled roles only".
"""

_P = "spaces/test_pages.py::"

URLS: dict[str, tuple[str, str]] = {
    "spaces:list": ("public", _P + "test_public_pages_show_busy_blocks_without_names"),
    "spaces:space-detail": ("public", _P + "test_booking_detail_role_matrix"),
    "spaces:space-ics": ("public", _P + "test_public_pages_show_busy_blocks_without_names"),
    "spaces:space-book": ("entitled roles only", _P + "test_book_role_matrix"),
    "spaces:my-bookings": ("login required", _P + "test_my_bookings_and_the_personal_feed"),
    "spaces:calendar-rotate": ("login required", _P + "test_my_bookings_and_the_personal_feed"),
    "spaces:my-ics": ("public", _P + "test_my_bookings_and_the_personal_feed"),
    "spaces:booking-detail": ("entitled roles only", _P + "test_booking_detail_role_matrix"),
    "spaces:booking-cancel": ("entitled roles only", _P + "test_cancel_role_matrix"),
    "spaces:booking-decide": ("entitled roles only", _P + "test_approve_role_matrix"),
    "spaces:manage": ("entitled roles only", _P + "test_approvals_and_manage_role_matrix"),
    "spaces:approvals": ("entitled roles only", _P + "test_approvals_and_manage_role_matrix"),
    "spaces:utilization": ("entitled roles only", _P + "test_utilization_role_matrix"),
    "spaces:utilization-export": ("entitled roles only", _P + "test_utilization_role_matrix"),
    "spaces:policy-edit": ("entitled roles only", _P + "test_policy_edit_role_matrix"),
    "spaces:closed-date-add": ("entitled roles only", _P + "test_policy_edit_role_matrix"),
    "spaces:closed-date-delete": (
        "entitled roles only",
        _P + "test_policy_form_saves_hours_and_rejects_bad_input",
    ),
}
