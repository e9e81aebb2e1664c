"""Cursor (keyset) pagination for list endpoints.

``?limit=`` (default 50, at most 200) and ``?cursor=``; the response is
``{"items": [...], "next_cursor": "..." | null}``. The cursor is opaque to clients: URL-safe
base64 of the last row's ordering key and id. Each page is one ``WHERE key > last`` query (no
OFFSET, no COUNT), so pages neither skip nor repeat rows when rows are added meanwhile.
"""

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase, paginate

from sadari.api.errors import InvalidCursorError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_LENGTH = 512
_CURSOR_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def encode_cursor(ordering: str, key: list[Any]) -> str:
    payload = json.dumps({"o": ordering, "k": key}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(payload.encode()).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, ordering: str) -> list[Any]:
    """The key encoded in ``cursor`` for ``ordering``; InvalidCursorError (400) if it is not one."""
    if len(cursor) > MAX_CURSOR_LENGTH or not _CURSOR_RE.match(cursor):
        raise InvalidCursorError
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode())
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursorError from None
    if not isinstance(data, dict) or data.get("o") != ordering:
        raise InvalidCursorError
    key = data.get("k")
    size = 1 if _field(ordering) == "id" else 2
    if not isinstance(key, list) or len(key) != size:
        raise InvalidCursorError
    last_id = key[-1]
    if not isinstance(last_id, int) or isinstance(last_id, bool):
        raise InvalidCursorError
    if size == 2 and (isinstance(key[0], bool) or not isinstance(key[0], str | int | float)):
        raise InvalidCursorError
    return key


def _field(ordering: str) -> str:
    name = ordering.removeprefix("-")
    return "id" if name == "pk" else name


class CursorPagination(PaginationBase):
    """Keyset pagination over ``ordering`` (a non-null field, optionally "-"-prefixed), with
    the id as tie-breaker: stable and duplicate-free across pages."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Page size (1–{MAX_LIMIT})."
        )
        cursor: str | None = Field(
            None,
            max_length=MAX_CURSOR_LENGTH,
            description="Opaque; pass the previous page's next_cursor to get the next page.",
        )

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(
            None, description="Cursor for the next page; null on the last page."
        )

    items_attribute = "items"

    def __init__(self, *, ordering: str = "id", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ordering = ordering
        self.field = _field(ordering)
        self.descending = ordering.startswith("-")

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        queryset = queryset.order_by(*self._order_by())
        if pagination.cursor:
            queryset = queryset.filter(self._after(decode_cursor(pagination.cursor, self.ordering)))
        rows = list(queryset[: pagination.limit + 1])
        has_more = len(rows) > pagination.limit
        rows = rows[: pagination.limit]
        next_cursor = encode_cursor(self.ordering, self._key(rows[-1])) if has_more else None
        return {"items": rows, "next_cursor": next_cursor}

    def _order_by(self) -> tuple[str, ...]:
        sign = "-" if self.descending else ""
        if self.field == "id":
            return (f"{sign}id",)
        return (f"{sign}{self.field}", f"{sign}id")

    def _after(self, key: list[Any]) -> Q:
        op = "lt" if self.descending else "gt"
        if self.field == "id":
            return Q(**{f"id__{op}": key[0]})
        value, last_id = key
        return Q(**{f"{self.field}__{op}": value}) | Q(**{self.field: value, f"id__{op}": last_id})

    def _key(self, row: Any) -> list[Any]:
        if self.field == "id":
            return [row.pk]
        value = getattr(row, self.field)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        if value is None or not isinstance(value, str | int | float):
            raise TypeError(f"cannot paginate on {self.field!r}: {type(value).__name__} value")
        return [value, row.pk]


def cursor_paginate[F: Callable[..., Any]](func: F) -> F:
    """Decorator for a list operation returning a queryset (ordered by id)."""
    return paginate(CursorPagination)(func)
