"""This app's rows of the URL matrix (merged by tests/test_url_coverage.py).

Each row: "namespace:name": (audience, "path/relative/to/tests.py::test_function").
Audiences: "public", "login required", "entitled roles only".
"""

PAGES = "impact/test_pages.py"

URLS: dict[str, tuple[str, str]] = {
    "impact:dashboard": (
        "public",
        f"{PAGES}::test_public_dashboard_shows_public_kpis_with_definitions",
    ),
    "impact:operator": ("entitled roles only", f"{PAGES}::test_operator_dashboard_role_matrix"),
    "impact:report": ("entitled roles only", f"{PAGES}::test_report_role_matrix_and_xlsx_rows"),
    "impact:company-timeline": (
        "entitled roles only",
        f"{PAGES}::test_company_timeline_role_matrix",
    ),
    "impact:kpi-list": ("entitled roles only", f"{PAGES}::test_kpi_pages_are_for_city_operators"),
    "impact:kpi-create": ("entitled roles only", f"{PAGES}::test_kpi_pages_are_for_city_operators"),
    "impact:kpi-edit": ("entitled roles only", f"{PAGES}::test_kpi_pages_are_for_city_operators"),
}
