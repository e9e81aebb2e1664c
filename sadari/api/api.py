"""The public API at /api/v1: read-only directory endpoints, token or session auth, cursor
pagination, OpenAPI 3 at /api/v1/openapi.json and its docs UI at /api/v1/docs.

The docs UI (Swagger UI) is served from ninja's bundled static files — "ninja" is in
INSTALLED_APPS, so ninja renders its local template rather than the CDN one — and makes no
outside requests (the online validator is turned off): it works on closed networks.
"""

from ninja import NinjaAPI, Swagger

from sadari.api.auth import api_auth
from sadari.api.errors import ErrorOut, install_error_handlers
from sadari.api.pagination import cursor_paginate
from sadari.directory.api import build_router as build_directory_router
from sadari.federation.api import router as federation_router
from sadari.feed.api import router as feed_router
from sadari.investment.api import build_router as build_investment_router
from sadari.techtrade.api import build_router as build_techtrade_router

DESCRIPTION = """\
Sadari (사다리) — the Seoul startup-ecosystem directory.

**Authentication.** Public data needs none. Send `Authorization: Bearer <token>` (issued with
`manage.py create_api_token USERNAME --name NAME`) or use the browser's logged-in session to
also receive the private fields you are entitled to (contacts, revenue). A bad token is a 401.

**Pagination.** Lists take `limit` (1–200, default 50) and `cursor`, and return
`{"items": [...], "next_cursor": "..."}`; pass `next_cursor` back until it is `null`.

**Errors.** JSON `{"code": "...", "message": "..."}`: `not_found` (404, also for what you may
not see), `invalid_token` (401), `invalid_cursor` (400), `validation_error` (422, with `detail`).
"""

api = NinjaAPI(
    title="Sadari API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=api_auth(),
    docs=Swagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)
api.add_router("/", build_directory_router(paginate=cursor_paginate, error_schema=ErrorOut))
api.add_router("/changes", feed_router)
api.add_router("/federation", federation_router)
api.add_router(
    "/techtrade", build_techtrade_router(paginate=cursor_paginate, error_schema=ErrorOut)
)
api.add_router(
    "/investment", build_investment_router(paginate=cursor_paginate, error_schema=ErrorOut)
)
