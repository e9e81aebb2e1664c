"""This app's rows of the URL matrix (merged by tests/test_url_coverage.py).

Each row: "namespace:name": (audience, "path/relative/to/tests.py::test_function").
Audiences: "public", "login required", "entitled roles only".
"""

URLS: dict[str, tuple[str, str]] = {}
