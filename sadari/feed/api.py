"""/api/v1/changes: the change feed as pages (``GET /api/v1/changes``) and as a Server-Sent
Events stream (``GET /api/v1/changes/stream``).

Layering: the feed sits below ``sadari.api`` and does not import it. Errors are ninja
HttpErrors carrying a ``code``, which the API's handlers render as ``{"code", "message"}``.
The stream is a ninja operation returning a StreamingHttpResponse, so it has the same auth
(bearer token, session or anonymous) as every other endpoint.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sadari.feed.selectors import (
    InvalidCursorError,
    change_head,
    change_list_for,
    change_payload,
    parse_cursor,
    parse_kinds,
)
from sadari.feed.services import change_sequence
from sadari.feed.stream import change_stream

router = Router(tags=["feed"])

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class FeedError(HttpError):
    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


def _invalid_cursor() -> FeedError:
    return FeedError(
        400, "invalid_cursor", "The cursor is invalid; use an id or next_cursor as returned."
    )


class ErrorOut(Schema):
    code: str
    message: str


class ChangeOut(Schema):
    id: str = Field(description="The cursor of this event (a decimal string).")
    kind: str = Field(description="organization, person, program, space, funding_round, …")
    entity_id: int
    action: str = Field(description="created, updated, deleted, merged or split")
    fields: list[str] = Field(description="The fields that changed.")
    data: dict[str, Any] = Field(description="The new public values.")
    source: str | None = Field(None, description="The federation source's slug, if any.")
    is_public: bool
    created_at: str


class ChangePage(Schema):
    items: list[ChangeOut]
    next_cursor: str = Field(
        description="Pass as `after` for the next page, and keep polling with it: never null."
    )
    has_more: bool = Field(description="More events are there already; fetch again at once.")


class ChangeQuery(Schema):
    after: str | None = Field(None, max_length=40, description="A cursor; empty: from the start.")
    kinds: str | None = Field(None, max_length=500, description="Comma-separated kinds.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class StreamQuery(Schema):
    after: str | None = Field(
        None, max_length=40, description="A cursor; the Last-Event-ID header wins over it."
    )
    kinds: str | None = Field(None, max_length=500, description="Comma-separated kinds.")
    kind: str | None = Field(None, max_length=40, description="One kind (with entity_id).")
    entity_id: int | None = Field(None, ge=0, description="Only events of this entity.")


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None) or getattr(request, "user", None) or AnonymousUser()


def _cursor(raw: str | None) -> int:
    try:
        return parse_cursor(raw)
    except InvalidCursorError:
        raise _invalid_cursor() from None


@router.get(
    "",
    response={200: ChangePage, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    url_name="change-list",
    operation_id="change_list",
)
def list_changes(request: HttpRequest, query: Query[ChangeQuery]) -> dict[str, Any]:
    """Change events after the cursor `after`, oldest first. Non-public events only for city
    operators and staff. `next_cursor` is the position reached: store it and poll with it."""
    after = _cursor(query.after)
    change_sequence(wait=False)
    head = change_head()
    kinds = parse_kinds(query.kinds)
    rows = list(
        change_list_for(user=_user(request), after=after, kinds=kinds, upto=head)[: query.limit + 1]
    )
    has_more = len(rows) > query.limit
    rows = rows[: query.limit]
    # Without more, everything up to head has been looked at (also what the filters left out).
    next_cursor = rows[-1].seq if has_more else max(after, head)
    return {
        "items": [change_payload(e) for e in rows],
        "next_cursor": str(next_cursor),
        "has_more": has_more,
    }


@router.get(
    "/stream",
    response={400: ErrorOut, 401: ErrorOut, 422: ErrorOut},
    url_name="change-stream",
    operation_id="change_stream",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Server-Sent Events: `id:` (cursor), `event: change`, `data:` "
                "(JSON as in the list). Heartbeat comments every 15 s; ends after ~55 s "
                "(EventSource reconnects with Last-Event-ID).",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def stream_changes(request: HttpRequest, query: Query[StreamQuery]) -> StreamingHttpResponse:
    """A live stream of change events (SSE). Resumes after the `Last-Event-ID` header or
    `after`; `kinds`, or `kind` + `entity_id`, filter it."""
    after = _cursor(request.headers.get("Last-Event-ID") or query.after)
    kinds = parse_kinds([*(parse_kinds(query.kinds)), *([query.kind] if query.kind else [])])
    response = StreamingHttpResponse(
        change_stream(user=_user(request), after=after, kinds=kinds, entity_id=query.entity_id),
        content_type="text/event-stream; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass events through at once
    return response
